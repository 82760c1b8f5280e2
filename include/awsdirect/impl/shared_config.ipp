// Definitions of <awsdirect/shared_config.hpp>.
#include <set>

#include "../detail/ini.hpp"

namespace awsdirect {

std::string SharedConfig::locateConfigFile(const Environment& environment) {
  return detail::expandPath(environment.getNonEmpty("AWS_CONFIG_FILE").value_or("~/.aws/config"), environment);
}

std::string SharedConfig::locateCredentialsFile(const Environment& environment) {
  return detail::expandPath(environment.getNonEmpty("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"),
                            environment);
}

SharedConfig SharedConfig::load(const Environment& environment) {
  std::string config = locateConfigFile(environment), credentials = locateCredentialsFile(environment);
  detail::FileContents configFile = detail::readSharedFile(config);
  detail::FileContents credentialsFile = detail::readSharedFile(credentials);
  SharedConfig shared = parse(configFile.text, credentialsFile.text, config, credentials);
  shared.configFound_ = configFile.found;
  shared.credentialsFound_ = credentialsFile.found;
  return shared;
}

SharedConfig SharedConfig::parse(std::string_view configText, std::string_view credentialsText, std::string configPath, std::string credentialsPath) {
  SharedConfig shared;
  shared.configPath_ = std::move(configPath);
  shared.credentialsPath_ = std::move(credentialsPath);
  shared.configFound_ = shared.credentialsFound_ = true;
  // botocore's build_profile_map: a later section of the same name replaces an earlier one.
  for (auto& section : detail::parseIni(configText, shared.configPath_)) {
    if (auto name = detail::sectionSubject(section.name, "profile")) {
      shared.configProfiles_[*name] = std::move(section.settings);
    } else if (auto session = detail::sectionSubject(section.name, "sso-session")) {
      shared.ssoSessions_[*session] = std::move(section.settings);
    } else if (auto services = detail::sectionSubject(section.name, "services")) {
      shared.services_[*services] = std::move(section.settings);
    } else if (section.name == "default") {
      shared.configProfiles_["default"] = std::move(section.settings);
    }
  }
  for (auto& section : detail::parseIni(credentialsText, shared.credentialsPath_))
    shared.credentialsProfiles_[section.name] = std::move(section.settings);
  return shared;
}

std::optional<ProfileSettings> SharedConfig::profile(const std::string& name) const {
  const ProfileSettings* fromConfig = configProfile(name);
  const ProfileSettings* fromCredentials = credentialsProfile(name);
  if (!fromConfig && !fromCredentials) return std::nullopt;
  ProfileSettings merged = fromConfig ? *fromConfig : ProfileSettings{};
  if (fromCredentials) {
    for (const auto& entry : *fromCredentials)
      detail::eraseSetting(merged, entry.first.substr(0, entry.first.find('.')));
    for (const auto& entry : *fromCredentials) merged[entry.first] = entry.second;
  }
  return merged;
}

std::vector<std::string> SharedConfig::profileNames() const {
  std::set<std::string> names;
  for (const auto& entry : configProfiles_) names.insert(entry.first);
  for (const auto& entry : credentialsProfiles_) names.insert(entry.first);
  return {names.begin(), names.end()};
}

std::string SharedConfig::describeFiles() const {
  return "the config file " + configPath_ + (configFound_ ? "" : " (not found)") + " and the credentials file " +
         credentialsPath_ + (credentialsFound_ ? "" : " (not found)");
}

const ProfileSettings* SharedConfig::find(const std::map<std::string, ProfileSettings>& map, const std::string& name) {
  auto found = map.find(name);
  return found == map.end() ? nullptr : &found->second;
}

ProfileChoice chooseProfile(const std::string& profileInCode, const Environment& environment) {
  if (!profileInCode.empty()) return {profileInCode, "the client configuration", true};
  for (const char* variable : {"AWS_DEFAULT_PROFILE", "AWS_PROFILE"})
    if (auto name = environment.getNonEmpty(variable)) return {*name, variable, false};
  return {"default", "", false};
}

}  // namespace awsdirect
