#pragma once
// Credentials of an IAM Identity Center (SSO) profile, as botocore's SSOProvider gets them: the
// access token that `aws sso login` cached, exchanged for a role's credentials at the SSO portal.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../environment.hpp"
#include "../log.hpp"
#include "../shared_config.hpp"
#include "../transport.hpp"

namespace awsdirect {

// A profile's SSO settings: with sso_session (and its [sso-session NAME] section), or the legacy
// sso_start_url and sso_region in the profile itself.
struct SsoSettings {
  std::string profile;      // the profile's name, for messages ("run aws sso login --profile NAME")
  std::string sessionName;  // "" for a legacy profile
  std::string startUrl;
  std::string region;       // sso_region: where the portal is
  std::string accountId;
  std::string roleName;

  // nullopt, with `whyNot`, when the profile has no sso_session or sso_start_url. Throws
  // ConfigError naming what is missing or contradictory (botocore's checks).
  AWSDIRECT_DECL static std::optional<SsoSettings> fromProfile(const SharedConfig& files, const std::string& profile,
                                                               std::string& whyNot);
  // The token cache file: ~/.aws/sso/cache/<SHA-1 of the session name, or of the start URL>.json.
  AWSDIRECT_DECL std::string tokenCacheFile(const Environment& environment) const;
};

struct SsoCredentialsOptions {
  SsoSettings settings;
  Environment environment = Environment::process();  // HOME, and the portal's endpoint settings
  std::shared_ptr<const SharedConfig> files;          // for [services] endpoint settings; may be null
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  std::shared_ptr<Transport> transport;  // else a curl transport made for each fetch
  Logger logger;
  RefreshTiming refresh;
};

namespace detail {
struct SsoState;
}

// The role's credentials from GET /federation/credentials at portal.sso.REGION.amazonaws.com
// (or AWS_ENDPOINT_URL_SSO and the other endpoint settings), with the cached token. A missing or
// expired token is a CredentialsError that says to run `aws sso login --profile NAME`.
class SsoCredentialsProvider final : public FetchingCredentialsProvider<detail::SsoState> {
 public:
  AWSDIRECT_DECL explicit SsoCredentialsProvider(SsoCredentialsOptions options);
  AWSDIRECT_DECL std::string describe() const override;
  AWSDIRECT_DECL void setDeadline(std::chrono::steady_clock::time_point deadline);
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/sso.ipp"
#endif
