// Definitions of <awsdirect/sts.hpp>.

namespace awsdirect {
namespace sts {

CallerIdentity GetCallerIdentityRequest::parse(const XmlNode& result) {
  return {result.text("Account"), result.text("Arn"), result.text("UserId")};
}

}  // namespace sts

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_STS_OPERATIONS)

}  // namespace awsdirect
