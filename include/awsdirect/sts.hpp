#pragma once
// AWS Security Token Service (API version 2011-06-15, Query protocol): who am I
// (GetCallerIdentity) and temporary credentials for a role (AssumeRole, with the assume-role
// credentials provider that profiles with role_arn use, in assume_role.hpp).
//
// STS is called at its regional endpoint (sts.REGION.amazonaws.com) and honours the endpoint
// overrides of every other service (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's).
#include <string>

#include "assume_role.hpp"
#include "client.hpp"
#include "detail/build_mode.hpp"

namespace awsdirect {
namespace sts {

// Whose credentials signed the request.
struct CallerIdentity {
  std::string account;  // "123456789012"
  std::string arn;      // "arn:aws:iam::123456789012:user/admin", "arn:aws:sts::...:assumed-role/ROLE/SESSION"
  std::string userId;   // "AIDA...", or "AROA...:SESSION" for an assumed role
};

// GetCallerIdentity: the account, ARN and user id of the credentials that sign the request.
// Needs no permission: it works for any valid credentials.
class GetCallerIdentityRequest : public Request<GetCallerIdentityRequest, Sts, CallerIdentity> {
 public:
  static constexpr const char* operation = "GetCallerIdentity";
  AWSDIRECT_DECL static Result parse(const XmlNode& result);
};

// AssumeRoleRequest, AssumeRoleResult and the role rules are in assume_role.hpp.

}  // namespace sts

class Sts : public QueryService<Sts> {
 public:
  static ServiceInfo serviceInfo() { return detail::stsServiceInfo(); }

  explicit Sts(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations (build a request, send it with send()) ----
  static sts::GetCallerIdentityRequest getCallerIdentity() { return {}; }
  static sts::AssumeRoleRequest assumeRole() { return {}; }

  // ---- Calls that send ----

  // Whose credentials this client signs with.
  Outcome<sts::CallerIdentity> callerIdentity() { return send(getCallerIdentity()); }
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/sts.ipp"
#endif
