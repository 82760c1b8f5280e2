#pragma once
// The shared config and credentials files (~/.aws/config, ~/.aws/credentials) and the choice of
// profile, as botocore reads them.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/build_mode.hpp"
#include "environment.hpp"

namespace awsdirect {

// One profile's (or section's) settings. Names are lowercase as botocore reads them; a nested
// sub-section (`s3 =` followed by indented `key = value` lines) is flattened to "s3.key".
using ProfileSettings = std::map<std::string, std::string>;

// The shared config and credentials files, as botocore reads them.
class SharedConfig {
 public:
  // AWS_CONFIG_FILE, else ~/.aws/config ($VAR and ~ expanded as botocore does).
  AWSDIRECT_DECL static std::string locateConfigFile(const Environment& environment);
  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.
  AWSDIRECT_DECL static std::string locateCredentialsFile(const Environment& environment);

  // Reads both files. A missing file reads as empty; a malformed one throws ConfigError.
  AWSDIRECT_DECL static SharedConfig load(const Environment& environment);

  // From the files' contents (tests, or files kept elsewhere); both count as found.
  AWSDIRECT_DECL static SharedConfig parse(std::string_view configText, std::string_view credentialsText,
                            std::string configPath = "config", std::string credentialsPath = "credentials");

  const std::string& configPath() const noexcept { return configPath_; }
  const std::string& credentialsPath() const noexcept { return credentialsPath_; }
  bool configFound() const noexcept { return configFound_; }
  bool credentialsFound() const noexcept { return credentialsFound_; }

  // [default] or [profile NAME] of the config file, or nullptr.
  const ProfileSettings* configProfile(const std::string& name) const { return find(configProfiles_, name); }
  // [NAME] of the credentials file, or nullptr.
  const ProfileSettings* credentialsProfile(const std::string& name) const { return find(credentialsProfiles_, name); }
  // [services NAME] of the config file, or nullptr.
  const ProfileSettings* servicesSection(const std::string& name) const { return find(services_, name); }
  // [sso-session NAME] of the config file, or nullptr.
  const ProfileSettings* ssoSession(const std::string& name) const { return find(ssoSessions_, name); }

  bool hasProfile(const std::string& name) const { return configProfile(name) || credentialsProfile(name); }

  // The profile as botocore sees it (its full_config): the config file's settings, each replaced
  // by the credentials file's setting of the same name. nullopt when neither file has it.
  AWSDIRECT_DECL std::optional<ProfileSettings> profile(const std::string& name) const;

  // Every profile name in either file, sorted.
  AWSDIRECT_DECL std::vector<std::string> profileNames() const;

  // "the config file /home/u/.aws/config and the credentials file /home/u/.aws/credentials (not found)"
  AWSDIRECT_DECL std::string describeFiles() const;

 private:
  AWSDIRECT_DECL static const ProfileSettings* find(const std::map<std::string, ProfileSettings>& map, const std::string& name);

  std::string configPath_, credentialsPath_;
  bool configFound_ = false, credentialsFound_ = false;
  std::map<std::string, ProfileSettings> configProfiles_, credentialsProfiles_, services_, ssoSessions_;
};

// Which profile applies, and why: botocore's order is the one given in code, then
// AWS_DEFAULT_PROFILE, then AWS_PROFILE, else "default".
struct ProfileChoice {
  std::string name;
  std::string source;         // "the client configuration", "AWS_PROFILE", or "" for the fallback
  bool chosenInCode = false;  // botocore then ignores credentials in the environment
  // A profile named in code or the environment must exist; the fallback "default" need not.
  bool named() const { return !source.empty(); }
};

// "" as `profileInCode` chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
AWSDIRECT_DECL ProfileChoice chooseProfile(const std::string& profileInCode, const Environment& environment);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/shared_config.ipp"
#endif
