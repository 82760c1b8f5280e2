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
#include "credentials/web_identity.hpp"
#include "detail/build_mode.hpp"
#include "policy.hpp"
#include "result.hpp"

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

// GetSessionToken: temporary credentials for the calling IAM user (with an MFA code, what
// MFA-protected calls need).
struct SessionToken {
  Credentials credentials;  // with expiration; the secret and token are Secrets
};

// GetAccessKeyInfo: the account an access key id belongs to.
struct AccessKeyInfo {
  std::string account;
  AWSDIRECT_FIELDS(AccessKeyInfo, field("Account", &Self::account));
};

// DecodeAuthorizationMessage: the JSON behind an "encoded authorization failure message".
struct DecodedAuthorizationMessage {
  std::string decodedMessage;
  AWSDIRECT_FIELDS(DecodedAuthorizationMessage, field("DecodedMessage", &Self::decodedMessage));
};

namespace members {
using namespace declare;
// GetSessionToken's duration: 15 minutes to 36 hours (AssumeRole's ends at 12).
AWSDIRECT_MEMBER(SessionDurationSeconds, durationSeconds, int, apiName("DurationSeconds"), range(900, 129600));
AWSDIRECT_MEMBER(AccessKeyId, accessKeyId, std::string, length(16, 128), check(awsdirect::iam::rules::accessKeyId));
AWSDIRECT_MEMBER(EncodedMessage, encodedMessage, std::string, length(1, 10240));
}  // namespace members

class GetSessionTokenRequest
    : public Request<GetSessionTokenRequest, Sts, SessionToken, members::SessionDurationSeconds, members::SerialNumber,
                     members::TokenCode> {
 public:
  static constexpr const char* operation = "GetSessionToken";
  static Result parse(const XmlNode& result) {
    return {readTemporaryCredentials(result.child("Credentials"), operation)};
  }
};

class GetAccessKeyInfoRequest : public Request<GetAccessKeyInfoRequest, Sts, AccessKeyInfo, Required<members::AccessKeyId>> {
 public:
  static constexpr const char* operation = "GetAccessKeyInfo";
};

class DecodeAuthorizationMessageRequest
    : public Request<DecodeAuthorizationMessageRequest, Sts, DecodedAuthorizationMessage, Required<members::EncodedMessage>> {
 public:
  static constexpr const char* operation = "DecodeAuthorizationMessage";
};

}  // namespace sts

class Sts : public QueryService<Sts> {
 public:
  static ServiceInfo serviceInfo() { return detail::stsServiceInfo(); }

  explicit Sts(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_STS_OPERATIONS(X)                                     \
  X(getCallerIdentity, sts::GetCallerIdentityRequest)                   \
  X(assumeRole, sts::AssumeRoleRequest)                                 \
  X(assumeRoleWithWebIdentity, sts::AssumeRoleWithWebIdentityRequest)   \
  X(getSessionToken, sts::GetSessionTokenRequest)                       \
  X(getAccessKeyInfo, sts::GetAccessKeyInfoRequest)                     \
  X(decodeAuthorizationMessage, sts::DecodeAuthorizationMessageRequest)
  AWSDIRECT_STS_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Whose credentials this client signs with.
  Outcome<sts::CallerIdentity> callerIdentity() { return send(getCallerIdentity()); }
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_STS_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/sts.ipp"
#endif
