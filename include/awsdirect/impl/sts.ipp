// Definitions of <awsdirect/sts.hpp>.

namespace awsdirect {
namespace sts {

CallerIdentity GetCallerIdentityRequest::parse(const XmlNode& result) {
  return {result.text("Account"), result.text("Arn"), result.text("UserId")};
}

}  // namespace sts
}  // namespace awsdirect
