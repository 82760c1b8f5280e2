// Definitions of <awsdirect/config.hpp>.
#include <charconv>
#include <initializer_list>
#include <system_error>

#include "../detail/text.hpp"
#include "../error.hpp"

namespace awsdirect {

const char* retryModeName(RetryMode mode) {
  switch (mode) {
    case RetryMode::Legacy: return "legacy";
    case RetryMode::Standard: return "standard";
    case RetryMode::Adaptive: return "adaptive";
  }
  return "unknown";
}

namespace detail {

struct Found {
  std::string value;
  std::string source;
};

// Resolves settings in botocore's order for one profile.
class SettingResolver {
 public:
  SettingResolver(const Environment& environment, const SharedConfig& files, std::string profileName,
                  const ProfileSettings& profile)
      : environment_(environment), files_(files), profileName_(std::move(profileName)), profile_(profile) {}

  std::optional<Found> fromEnvironment(const std::string& variable) const {
    if (auto value = environment_.getNonEmpty(variable)) return Found{*value, variable};
    return std::nullopt;
  }
  std::optional<Found> fromProfile(const std::string& key) const {
    auto found = profile_.find(key);
    if (found == profile_.end() || found->second.empty()) return std::nullopt;
    // The credentials file's setting wins where both files have one.
    const ProfileSettings* inCredentials = files_.credentialsProfile(profileName_);
    bool fromCredentials = inCredentials && inCredentials->count(key);
    return Found{found->second, key + " of profile " + quote(profileName_) + " in " +
                                    (fromCredentials ? files_.credentialsPath() : files_.configPath())};
  }
  // The first of: the variable, then each profile key.
  std::optional<Found> find(const std::string& variable, std::initializer_list<const char*> profileKeys) const {
    if (auto value = fromEnvironment(variable)) return value;
    for (const char* key : profileKeys)
      if (auto value = fromProfile(key)) return value;
    return std::nullopt;
  }

 private:
  const Environment& environment_;
  const SharedConfig& files_;
  std::string profileName_;
  const ProfileSettings& profile_;
};

// "legacy" or "regional", as botocore validates sts_regional_endpoints and
// us_east_1_regional_endpoint; true for regional.
AWSDIRECT_DECL bool regionalSetting(const std::optional<Found>& found, bool fallback) {
  if (!found) return fallback;
  if (found->value == "regional") return true;
  if (found->value == "legacy") return false;
  throw ConfigError(configError(
      "InvalidSetting", printable(found->value) + " from " + found->source + " is not valid: use legacy or regional"));
}

AWSDIRECT_DECL RetryMode parseRetryMode(const Found& found) {
  std::string mode = toLower(found.value);
  if (mode == "legacy") return RetryMode::Legacy;
  if (mode == "standard") return RetryMode::Standard;
  if (mode == "adaptive") return RetryMode::Adaptive;
  throw ConfigError(configError("InvalidSetting", "retry mode " + printable(found.value) + " from " + found.source +
                                                      " is not valid: use legacy, standard or adaptive"));
}

AWSDIRECT_DECL int parseMaxAttempts(const Found& found) {
  std::string_view text = trim(found.value);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int value = 0;
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || value < 1)
    throw ConfigError(configError("InvalidSetting", "max attempts " + printable(found.value) + " from " + found.source +
                                                        " is not valid: use a whole number of at least 1"));
  return value;
}

// botocore's ensure_boolean: "true" in any case is true, anything else false.
AWSDIRECT_DECL bool isTrue(const std::string& value) { return toLower(value) == "true"; }

}  // namespace detail

// Resolves what `config` leaves open for a client of `service`. Reads the environment and the
// shared files; makes no network call and runs no credential_process (credentials are
// resolved at their first use). Throws ConfigError when the profile named in code,
// AWS_DEFAULT_PROFILE or AWS_PROFILE exists in neither file, when a shared file is malformed,
// when no region is configured (saying where it looked), or when a region, endpoint URL,
// retry mode or max attempts is invalid (naming where it came from).
ResolvedConfig resolveConfig(const ClientConfig& config, const ServiceInfo& service, NetworkCredentialSources network) {
  const Environment& environment = config.environment;
  ResolvedConfig resolved;

  ProfileChoice profile = chooseProfile(config.profile, environment);
  auto files = std::make_shared<const SharedConfig>(SharedConfig::load(environment));
  if (profile.named() && !files->hasProfile(profile.name))
    throw ConfigError(detail::configError("ProfileNotFound", "profile " + detail::quote(profile.name) + " (from " +
                                                                 profile.source + ") was not found in " +
                                                                 files->describeFiles()));
  const ProfileSettings settings = files->profile(profile.name).value_or(ProfileSettings{});
  detail::SettingResolver resolver(environment, *files, profile.name, settings);
  resolved.profileName = profile.name;
  resolved.profileSettings = settings;
  for (const char* secret : {"aws_secret_access_key", "aws_session_token", "aws_security_token"})
    resolved.profileSettings.erase(secret);

  // Region: code, AWS_REGION, AWS_DEFAULT_REGION, the profile.
  std::optional<detail::Found> region;
  if (!config.region.empty()) region = detail::Found{config.region, "ClientConfig::region"};
  if (!region) region = resolver.fromEnvironment("AWS_REGION");
  if (!region) region = resolver.find("AWS_DEFAULT_REGION", {"region"});
  if (region && !detail::isValidRegion(region->value))
    throw ConfigError(detail::configError(
        "InvalidRegion", "region " + detail::printable(region->value) + " from " + region->source +
                             " is not a valid region name (letters, digits and hyphens, such as us-east-1)"));

  // Endpoint: code, then (unless ignored) the service's variable, AWS_ENDPOINT_URL, the
  // profile's [services] section, the profile's endpoint_url.
  std::optional<detail::Found> endpoint;
  if (!config.endpointUrl.empty()) endpoint = detail::Found{config.endpointUrl, "ClientConfig::endpointUrl"};
  bool ignoreConfigured = false;
  if (config.ignoreConfiguredEndpointUrls) {
    ignoreConfigured = *config.ignoreConfiguredEndpointUrls;
  } else if (auto ignore = resolver.find("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", {"ignore_configured_endpoint_urls"})) {
    ignoreConfigured = detail::isTrue(ignore->value);
  }
  if (!endpoint && !ignoreConfigured) {
    endpoint = resolver.fromEnvironment(detail::serviceEndpointVariable(service));
    if (!endpoint) endpoint = resolver.fromEnvironment("AWS_ENDPOINT_URL");
    if (!endpoint) {
      if (auto sectionName = resolver.fromProfile("services")) {
        const ProfileSettings* section = files->servicesSection(sectionName->value);
        if (!section)
          throw ConfigError(detail::configError("InvalidConfig", "profile " + detail::quote(profile.name) +
                                                                     " uses services section " +
                                                                     detail::quote(sectionName->value) + ", which " +
                                                                     files->configPath() + " does not have"));
        auto url = section->find(detail::servicesSectionKey(service) + ".endpoint_url");
        if (url != section->end() && !url->second.empty())
          endpoint = detail::Found{url->second, detail::servicesSectionKey(service) + ".endpoint_url of [services " +
                                                    sectionName->value + "] in " + files->configPath()};
      }
    }
    if (!endpoint) endpoint = resolver.fromProfile("endpoint_url");
  }

  if (region) {
    resolved.region = region->value;
    resolved.regionSource = region->source;
  } else if (service.endpointPrefix == "s3") {
    resolved.region = "us-east-1";  // botocore's S3 client falls back to us-east-1
    resolved.regionSource = "the S3 default";
  } else if ((service.global || service.endpointPrefix == "sts") && !endpoint) {
    resolved.region = "aws-global";  // botocore reaches IAM and STS through their global endpoints
    resolved.regionSource = "the global endpoint default";
  } else {
    throw ConfigError(detail::configError(
        "NoRegion", "no AWS region configured for " + service.serviceId +
                        ": looked at ClientConfig::region, AWS_REGION, AWS_DEFAULT_REGION and region of profile " +
                        detail::quote(profile.name) + " in " + files->describeFiles()));
  }
  resolved.partition = partitionOf(resolved.region).id;

  if (endpoint) {
    resolved.endpoint = detail::normalizeEndpointUrl(endpoint->value, endpoint->source);
    resolved.endpointSource = endpoint->source;
    resolved.endpointOverridden = true;
    resolved.signingRegion = resolved.region;
  } else {
    EndpointSettings endpointSettings;
    if (service.endpointPrefix == "sts")
      endpointSettings.stsRegional =
          detail::regionalSetting(resolver.find("AWS_STS_REGIONAL_ENDPOINTS", {"sts_regional_endpoints"}), true);
    if (service.endpointPrefix == "s3")
      endpointSettings.s3UsEast1Regional =
          detail::regionalSetting(resolver.find("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
                                                {"s3_us_east_1_regional_endpoint", "s3.us_east_1_regional_endpoint"}),
                                  false);
    StandardEndpoint standard = standardEndpoint(service, resolved.region, endpointSettings);
    resolved.endpoint = standard.url;
    resolved.signingRegion = standard.signingRegion;
  }

  ChainOptions chainOptions;
  chainOptions.logger = config.logger;
  chainOptions.timeout = config.credentialsTimeout;
  resolved.credentials = config.credentialsProvider ? config.credentialsProvider
                                                    : detail::defaultCredentialsChain(environment, profile, files,
                                                                                      std::move(network), chainOptions);
  resolved.logger = config.logger;

  resolved.transportOptions = config.transportOptions;
  // The client's environment can confine it to loopback (tests set it for everything they run).
  if (config.environment.get("AWSDIRECT_LOOPBACK_ONLY").value_or("") == "1") resolved.transportOptions.loopbackOnly = true;
  if (resolved.transportOptions.caBundle.empty())
    if (auto bundle = resolver.find("AWS_CA_BUNDLE", {"ca_bundle"})) resolved.transportOptions.caBundle = bundle->value;

  if (config.retryMode) {
    resolved.retryMode = *config.retryMode;
  } else if (auto mode = resolver.find("AWS_RETRY_MODE", {"retry_mode"})) {
    resolved.retryMode = detail::parseRetryMode(*mode);
  }
  if (config.maxAttempts) {
    if (*config.maxAttempts < 1)
      throw ConfigError(detail::configError(
          "InvalidSetting",
          "ClientConfig::maxAttempts is " + std::to_string(*config.maxAttempts) + "; it must be at least 1"));
    resolved.maxAttempts = *config.maxAttempts;
  } else if (auto attempts = resolver.find("AWS_MAX_ATTEMPTS", {"max_attempts"})) {
    resolved.maxAttempts = detail::parseMaxAttempts(*attempts);
  } else {
    resolved.maxAttempts = resolved.retryMode == RetryMode::Legacy ? 5 : 3;  // botocore's _retry.json / standard
  }
  return resolved;
}

}  // namespace awsdirect
