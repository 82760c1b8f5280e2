#pragma once
// Credentials of a role assumed with a web identity token (EKS IRSA, GitHub Actions OIDC), as
// botocore's AssumeRoleWithWebIdentityProvider gets them: STS AssumeRoleWithWebIdentity, sent
// unsigned, with the token file read afresh at each refresh.
#include <memory>
#include <optional>
#include <string>

#include "../assume_role.hpp"
#include "../config.hpp"
#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../pipeline.hpp"
#include "../request.hpp"
#include "../secret.hpp"

namespace awsdirect {
namespace sts {

struct AssumeRoleWithWebIdentityResult {
  Credentials credentials;  // with expiration
  AssumedRoleUser assumedRoleUser;
  std::string subjectFromWebIdentityToken;
  std::string provider;
  std::string audience;
};

// AssumeRoleWithWebIdentity: temporary credentials for a role that trusts the token's identity
// provider. Needs no AWS credentials: it is sent unsigned.
namespace members {
// The OIDC token (a JWT): a Secret, never printed.
AWSDIRECT_MEMBER(WebIdentityToken, webIdentityToken, Secret, declare::length(4, 20000));
}  // namespace members

class AssumeRoleWithWebIdentityRequest
    : public Request<AssumeRoleWithWebIdentityRequest, Sts, AssumeRoleWithWebIdentityResult,
                     Required<members::RoleArn>, Required<members::RoleSessionName>,
                     Required<members::WebIdentityToken>, members::DurationSeconds> {
 public:
  static constexpr const char* operation = "AssumeRoleWithWebIdentity";

  const std::optional<std::string>& roleArnValue() const { return roleArn_; }

  AWSDIRECT_DECL static Result parse(const XmlNode& result);
};

}  // namespace sts

namespace detail {
struct WebIdentityState;
}

// A role's credentials for the token in a file (AWS_WEB_IDENTITY_TOKEN_FILE). Thread-safe; STS
// is called when credentials are first needed and again before they expire.
class WebIdentityCredentialsProvider final : public FetchingCredentialsProvider<detail::WebIdentityState> {
 public:
  struct Options {
    std::string roleArn;
    std::string tokenFile;
    std::string roleSessionName;  // else "awsdirect-session-<unix time>", as botocore's
    // Where STS is called (region, endpoint settings, transport); its credentials are replaced:
    // the call is unsigned.
    ClientConfig stsConfig;
    RefreshTiming refresh;
  };

  AWSDIRECT_DECL explicit WebIdentityCredentialsProvider(Options options);
  AWSDIRECT_DECL std::string describe() const override;
  // Whom the credentials act as; nullopt before the first call.
  AWSDIRECT_DECL std::optional<sts::AssumedRoleUser> assumedRoleUser() const;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/web_identity.ipp"
#endif
