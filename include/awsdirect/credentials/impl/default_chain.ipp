// Definitions of <awsdirect/credentials/default_chain.hpp>.
#include "../../assume_role.hpp"
#include "../../detail/ini.hpp"
#include "../../detail/text.hpp"
#include "../../time.hpp"
#include "../metadata.hpp"
#include "../sso.hpp"
#include "../web_identity.hpp"

namespace awsdirect {
namespace detail {

AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> findAssumedRole(const ChainContext& context, std::string&) {
  return assumeRoleFromProfile(context, context.profile);
}

// botocore: each of the token file, the role and the session name from the environment when set
// there (unless the profile was chosen in code), else from the profile.
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> findWebIdentity(const ChainContext& context, std::string& whyNot) {
  const ProfileSettings profile = context.files->profile(context.profile).value_or(ProfileSettings{});
  auto setting = [&](const char* variable, const char* key) -> std::string {
    if (context.environmentAllowed)
      if (auto value = context.environment.getNonEmpty(variable)) return *value;
    auto found = profile.find(key);
    return found == profile.end() ? std::string() : found->second;
  };
  WebIdentityCredentialsProvider::Options options;
  options.tokenFile = setting("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file");
  if (options.tokenFile.empty()) {
    whyNot = "AWS_WEB_IDENTITY_TOKEN_FILE is not set and profile " + quote(context.profile) +
             " has no web_identity_token_file";
    return nullptr;
  }
  options.tokenFile = expandPath(options.tokenFile, context.environment);
  options.roleArn = setting("AWS_ROLE_ARN", "role_arn");
  if (options.roleArn.empty())
    throw ConfigError(configError("InvalidConfig", "a web identity token file is configured (" + options.tokenFile +
                                                       ") but no role: set AWS_ROLE_ARN or role_arn"));
  options.roleSessionName = setting("AWS_ROLE_SESSION_NAME", "role_session_name");
  options.stsConfig.environment = context.environment;
  // STS's region and endpoint settings from the profile in use, when it exists (the fallback
  // "default" need not).
  if (context.files->hasProfile(context.profile)) options.stsConfig.profile = context.profile;
  options.stsConfig.logger = context.logger;
  return std::make_shared<WebIdentityCredentialsProvider>(std::move(options));
}

AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> findSso(const ChainContext& context, std::string& whyNot) {
  auto settings = SsoSettings::fromProfile(*context.files, context.profile, whyNot);
  if (!settings) return nullptr;
  SsoCredentialsOptions options;
  options.settings = std::move(*settings);
  options.environment = context.environment;
  options.files = context.files;
  options.logger = context.logger;
  auto provider = std::make_shared<SsoCredentialsProvider>(std::move(options));
  provider->setDeadline(context.deadline);
  return provider;
}

// botocore's ContainerProvider: configured by the environment alone; once configured, a failure
// ends the search.
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> findContainer(const ChainContext& context, std::string& whyNot) {
  auto options = ContainerCredentialsOptions::fromEnvironment(context.environment, whyNot);
  if (!options) return nullptr;
  options->logger = context.logger;
  auto provider = std::make_shared<ContainerCredentialsProvider>(std::move(*options));
  provider->setDeadline(context.deadline);
  return provider;
}

// botocore's InstanceMetadataProvider: a service that does not answer, or has no role for this
// instance, gives nothing rather than an error.
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> findInstanceMetadata(const ChainContext& context,
                                                                         std::string& whyNot) {
  const ProfileSettings profile = context.files->profile(context.profile).value_or(ProfileSettings{});
  auto options = InstanceMetadataOptions::fromConfig(context.environment, profile, whyNot);
  if (!options) return nullptr;
  options->logger = context.logger;
  auto provider = std::make_shared<InstanceMetadataCredentialsProvider>(std::move(*options));
  provider->setDeadline(context.deadline);
  try {
    (void)provider->credentials();
  } catch (const CredentialsError& e) {
    whyNot = e.error().message;
    return nullptr;
  }
  return provider;
}

}  // namespace detail

NetworkCredentialSources networkCredentialSources() {
  NetworkCredentialSources sources;
  sources.assumeRole = detail::findAssumedRole;
  sources.webIdentity = detail::findWebIdentity;
  sources.sso = detail::findSso;
  sources.container = detail::findContainer;
  sources.instanceMetadata = detail::findInstanceMetadata;
  return sources;
}

std::shared_ptr<CredentialsProvider> defaultCredentialsProvider(const Environment& environment,
                                                                const std::string& profileName, ChainOptions options) {
  return defaultCredentialsChain(environment, profileName, networkCredentialSources(), std::move(options));
}

CredentialsExplanation explainCredentials(const ClientConfig& config) {
  CredentialsExplanation explanation;
  std::shared_ptr<CredentialsProvider> provider = config.credentialsProvider;
  try {
    const ProfileChoice profile = chooseProfile(config.profile, config.environment);
    explanation.profile = profile.name;
    if (!provider) {
      ChainOptions options;
      options.logger = config.logger;
      options.timeout = config.credentialsTimeout;
      provider = detail::defaultCredentialsChain(config.environment, profile, nullptr, networkCredentialSources(),
                                                 options);
    }
    const auto start = std::chrono::steady_clock::now();
    explanation.accessKeyId = provider->credentials().accessKeyId;
    explanation.provider = provider;
    if (!config.credentialsProvider) {
      explanation.sources = detail::chainTrace(*provider);
    } else {
      CredentialsSourceTrace given;
      given.source = "ClientConfig::credentialsProvider";
      given.answered = true;
      given.detail = "the provider given in code";
      given.took = std::chrono::milliseconds(detail::millisecondsSince(start));
      explanation.sources.push_back(given);
    }
  } catch (const Exception& e) {
    explanation.error = e.error();
    if (provider) explanation.sources = detail::chainTrace(*provider);
  }
  return explanation;
}

}  // namespace awsdirect
