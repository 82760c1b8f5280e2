// Definitions of <awsdirect/credentials/chain.hpp>.
#include "../../error.hpp"
#include "../../detail/text.hpp"
#include "../process.hpp"

namespace awsdirect {

std::string ChainCredentialsProvider::chosenSource() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return chosenSource_;
}

std::shared_ptr<CredentialsProvider> ChainCredentialsProvider::chosen() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (chosen_) return chosen_;
  for (const auto& link : links_) {
    if (auto provider = link.find ? link.find() : nullptr) {
      chosen_ = std::move(provider);
      chosenSource_ = link.source;
      return chosen_;
    }
  }
  std::string message = "no AWS credentials found; looked at";
  for (std::size_t i = 0; i < links_.size(); ++i) message += (i ? "; " : " ") + links_[i].source;
  if (links_.empty()) message += " nothing";
  for (const auto& note : notes_) message += ". " + note;
  throw CredentialsError(detail::credentialsError("NoCredentials", message));
}

namespace detail {

CredentialsError unsupportedSource(const std::string& profile, const std::string& how) {
  return CredentialsError(credentialsError(
      "UnsupportedCredentialSource",
      "profile " + quote(profile) + " gets its credentials " + how +
          ", which awsdirect does not support yet; a credential_process can supply them instead (AWS CLI v2: "
          "credential_process = aws configure export-credentials --profile " +
          profile + " --format process)"));
}

// botocore's default chain without the network sources (container and instance metadata are
// deliberately not probed). `files` is read at the first call when null.
class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  DefaultCredentialsChain(Environment environment, ProfileChoice profile, std::shared_ptr<const SharedConfig> files,
                          AssumeRoleLink assumeRole)
      : environment_(std::move(environment)),
        profile_(std::move(profile)),
        files_(std::move(files)),
        assumeRole_(std::move(assumeRole)) {}

  Credentials credentials() override { return chain()->credentials(); }

 private:
  std::shared_ptr<ChainCredentialsProvider> chain() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (chain_) return chain_;
    if (!files_) files_ = std::make_shared<const SharedConfig>(SharedConfig::load(environment_));
    auto files = files_;
    const std::string name = profile_.name;
    auto profile = std::make_shared<const ProfileSettings>(files->profile(name).value_or(ProfileSettings{}));
    auto has = [profile](const char* key) { return profile->count(key) != 0; };
    const bool useEnvironment = !profile_.chosenInCode;
    Environment environment = environment_;
    AssumeRoleLink assumeRole = assumeRole_;

    std::vector<ChainCredentialsProvider::Link> links;
    if (useEnvironment)
      links.push_back({"environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                       [environment]() -> std::shared_ptr<CredentialsProvider> {
                         if (!EnvironmentCredentialsProvider::configured(environment)) return nullptr;
                         return std::make_shared<EnvironmentCredentialsProvider>(environment);
                       }});
    // Where botocore would assume a role, use web identity or IAM Identity Center: the role's
    // provider when sts.hpp has plugged one in; otherwise say so rather than quietly using other
    // keys of the same profile.
    links.push_back({"role_arn, web_identity_token_file and sso_* settings of profile " + quote(name),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       if (has("role_arn") && !has("web_identity_token_file")) {
                         if (assumeRole) return assumeRole(environment, files, name);
                         throw CredentialsError(credentialsError(
                             "UnsupportedCredentialSource",
                             "profile " + quote(name) + " gets its credentials by assuming role " +
                                 profile->at("role_arn") +
                                 " (role_arn), and this chain was made without a way to call STS: use a client's "
                                 "default chain or defaultCredentialsProvider (awsdirect/assume_role.hpp)"));
                       }
                       if (has("web_identity_token_file") ||
                           (useEnvironment && environment.getNonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE")))
                         throw unsupportedSource(name,
                                                 "from a web identity token (web_identity_token_file or "
                                                 "AWS_WEB_IDENTITY_TOKEN_FILE)");
                       if (has("sso_session") || has("sso_start_url") || has("sso_account_id"))
                         throw unsupportedSource(name, "from IAM Identity Center (sso_* settings)");
                       return nullptr;
                     }});
    links.push_back(
        {"aws_access_key_id of " + describeProfileIn(name, files->credentialsPath(), files->credentialsFound()),
         [=]() -> std::shared_ptr<CredentialsProvider> {
           auto keys =
               profileKeys(files->credentialsProfile(name), describeProfileIn(name, files->credentialsPath(), true));
           return keys ? std::make_shared<StaticCredentialsProvider>(*keys) : nullptr;
         }});
    links.push_back({"login_session of profile " + quote(name), [=]() -> std::shared_ptr<CredentialsProvider> {
                       if (has("login_session"))
                         throw unsupportedSource(name, "from an AWS sign-in session (login_session)");
                       return nullptr;
                     }});
    links.push_back({"credential_process of " + describeProfileIn(name, files->configPath(), files->configFound()),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       auto command = profile->find("credential_process");
                       if (command == profile->end()) return nullptr;
                       ProcessCredentialsOptions options;
                       options.source = "profile " + quote(name) + " in " +
                                        (files->credentialsProfile(name) &&
                                                 files->credentialsProfile(name)->count("credential_process")
                                             ? files->credentialsPath()
                                             : files->configPath());
                       return std::make_shared<ProcessCredentialsProvider>(command->second, options);
                     }});
    links.push_back({"aws_access_key_id of " + describeProfileIn(name, files->configPath(), files->configFound()),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       auto keys =
                           profileKeys(files->configProfile(name), describeProfileIn(name, files->configPath(), true));
                       return keys ? std::make_shared<StaticCredentialsProvider>(*keys) : nullptr;
                     }});

    std::vector<std::string> notes;
    if (profile_.named() && !files->hasProfile(name))
      notes.push_back("profile " + quote(name) + " (from " + profile_.source + ") exists in neither file");
    if (profile_.chosenInCode)
      notes.push_back(
          "environment variables were not consulted because the profile was chosen in code, as botocore does");
    for (const char* variable : {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"})
      if (environment_.getNonEmpty(variable))
        notes.push_back(std::string(variable) + " is set, but awsdirect does not fetch container credentials");
    notes.push_back("awsdirect does not query the EC2 instance metadata service");
    chain_ = std::make_shared<ChainCredentialsProvider>(std::move(links), std::move(notes));
    return chain_;
  }

  Environment environment_;
  ProfileChoice profile_;
  std::mutex mutex_;
  std::shared_ptr<const SharedConfig> files_;
  AssumeRoleLink assumeRole_;
  std::shared_ptr<ChainCredentialsProvider> chain_;
};

std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment, const ProfileChoice& profile,
                                                             std::shared_ptr<const SharedConfig> files,
                                                             AssumeRoleLink assumeRole) {
  return std::make_shared<DefaultCredentialsChain>(environment, profile, std::move(files), std::move(assumeRole));
}

}  // namespace detail

std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                             const std::string& profileName, AssumeRoleLink assumeRole) {
  return detail::defaultCredentialsChain(environment, chooseProfile(profileName, environment), nullptr,
                                         std::move(assumeRole));
}

}  // namespace awsdirect
