#pragma once
// Client configuration: region, endpoint, credentials, CA bundle and retries, resolved from code,
// the environment and the shared files with botocore's names, precedence and defaults.
#include <charconv>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "credentials.hpp"
#include "error.hpp"
#include "retry.hpp"
#include "transport.hpp"

namespace awsdirect {

struct ServiceInfo {
  std::string serviceId;       // botocore serviceId: "Redshift", "IAM", "EC2", "STS", "RDS", "S3"
  std::string endpointPrefix;  // "redshift", "iam", ...
  std::string signingName;     // "redshift", ...
  std::string apiVersion;      // "2012-12-01"
  bool global = false;         // one endpoint per partition (IAM: iam.amazonaws.com signed for us-east-1)
};

// RetryMode (Legacy, Standard, Adaptive) comes from retry.hpp, which applies it.
inline const char* retryModeName(RetryMode mode) {
  switch (mode) {
    case RetryMode::Legacy: return "legacy";
    case RetryMode::Standard: return "standard";
    case RetryMode::Adaptive: return "adaptive";
  }
  return "unknown";
}

// What a user may set; everything empty or unset is resolved by resolveConfig.
struct ClientConfig {
  std::string region;       // else AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`
  std::string endpointUrl;  // else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services]
                            // section, the profile's `endpoint_url` (botocore's order)
  std::string profile;      // else AWS_DEFAULT_PROFILE, AWS_PROFILE (botocore's order), else "default"
  std::shared_ptr<CredentialsProvider> credentialsProvider;  // else the default chain
  std::shared_ptr<Transport> transport;                      // else the default (curl) transport
  TransportOptions transportOptions;   // caBundle, when empty, from AWS_CA_BUNDLE, the profile's `ca_bundle`
  std::optional<RetryMode> retryMode;  // else AWS_RETRY_MODE, the profile's `retry_mode`, else Standard
  std::optional<int> maxAttempts;      // else AWS_MAX_ATTEMPTS, the profile's `max_attempts`, else 3 (5 for Legacy)
  // else AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, the profile's `ignore_configured_endpoint_urls`, else false.
  // True ignores the endpoint URLs of the environment and the shared files, never endpointUrl.
  std::optional<bool> ignoreConfiguredEndpointUrls;
  Environment environment = Environment::process();

  ClientConfig& withRegion(std::string value) & {
    region = std::move(value);
    return *this;
  }
  ClientConfig&& withRegion(std::string value) && { return std::move(withRegion(std::move(value))); }
  ClientConfig& withEndpointUrl(std::string value) & {
    endpointUrl = std::move(value);
    return *this;
  }
  ClientConfig&& withEndpointUrl(std::string value) && { return std::move(withEndpointUrl(std::move(value))); }
  ClientConfig& withProfile(std::string value) & {
    profile = std::move(value);
    return *this;
  }
  ClientConfig&& withProfile(std::string value) && { return std::move(withProfile(std::move(value))); }
  ClientConfig& withCredentialsProvider(std::shared_ptr<CredentialsProvider> value) & {
    credentialsProvider = std::move(value);
    return *this;
  }
  ClientConfig&& withCredentialsProvider(std::shared_ptr<CredentialsProvider> value) && {
    return std::move(withCredentialsProvider(std::move(value)));
  }
  // Fixed credentials (a StaticCredentialsProvider).
  ClientConfig& withCredentials(Credentials value) & {
    credentialsProvider = std::make_shared<StaticCredentialsProvider>(std::move(value));
    return *this;
  }
  ClientConfig&& withCredentials(Credentials value) && { return std::move(withCredentials(std::move(value))); }
  ClientConfig& withTransport(std::shared_ptr<Transport> value) & {
    transport = std::move(value);
    return *this;
  }
  ClientConfig&& withTransport(std::shared_ptr<Transport> value) && {
    return std::move(withTransport(std::move(value)));
  }
  ClientConfig& withTransportOptions(TransportOptions value) & {
    transportOptions = std::move(value);
    return *this;
  }
  ClientConfig&& withTransportOptions(TransportOptions value) && {
    return std::move(withTransportOptions(std::move(value)));
  }
  ClientConfig& withCaBundle(std::string path) & {
    transportOptions.caBundle = std::move(path);
    return *this;
  }
  ClientConfig&& withCaBundle(std::string path) && { return std::move(withCaBundle(std::move(path))); }
  ClientConfig& withRetryMode(RetryMode value) & {
    retryMode = value;
    return *this;
  }
  ClientConfig&& withRetryMode(RetryMode value) && { return std::move(withRetryMode(value)); }
  ClientConfig& withMaxAttempts(int value) & {
    maxAttempts = value;
    return *this;
  }
  ClientConfig&& withMaxAttempts(int value) && { return std::move(withMaxAttempts(value)); }
  ClientConfig& withIgnoreConfiguredEndpointUrls(bool value) & {
    ignoreConfiguredEndpointUrls = value;
    return *this;
  }
  ClientConfig&& withIgnoreConfiguredEndpointUrls(bool value) && {
    return std::move(withIgnoreConfiguredEndpointUrls(value));
  }
  ClientConfig& withEnvironment(Environment value) & {
    environment = std::move(value);
    return *this;
  }
  ClientConfig&& withEnvironment(Environment value) && { return std::move(withEnvironment(std::move(value))); }
};

struct ResolvedConfig {
  std::string region;         // the client's region ("aws-global" for IAM and STS when none was set, as botocore)
  std::string endpoint;       // "https://redshift.us-east-1.amazonaws.com" or the override, no trailing slash
  std::string signingRegion;  // usually == region; the partition's for global services
  bool endpointOverridden = false;
  std::shared_ptr<CredentialsProvider> credentials;
  TransportOptions transportOptions;
  RetryMode retryMode = RetryMode::Standard;
  int maxAttempts = 3;
  std::string profileName;
  // The profile's settings (config file overlaid by credentials file, as botocore), nested
  // sections flattened as "s3.addressing_style"; secret keys and tokens are left out.
  std::map<std::string, std::string> profileSettings;
  std::string partition;       // "aws", "aws-cn", "aws-us-gov", ...
  std::string regionSource;    // where the region came from: "AWS_REGION", "ClientConfig::region", ...
  std::string endpointSource;  // where the endpoint came from; "" for the standard endpoint
};

// An AWS partition, from botocore's partitions.json.
struct Partition {
  std::string id;                    // "aws"
  std::string dnsSuffix;             // "amazonaws.com"
  std::string implicitGlobalRegion;  // "us-east-1"
};

namespace detail {

struct PartitionRule {
  Partition partition;
  const char* regionPattern;
  const char* globalRegion;  // the partition's pseudo-region for its global endpoints
};

inline const std::vector<PartitionRule>& partitionRules() {
  static const std::vector<PartitionRule> rules = {
      {{"aws", "amazonaws.com", "us-east-1"}, R"(^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$)", "aws-global"},
      {{"aws-cn", "amazonaws.com.cn", "cn-northwest-1"}, R"(^cn\-\w+\-\d+$)", "aws-cn-global"},
      {{"aws-eusc", "amazonaws.eu", "eusc-de-east-1"}, R"(^eusc\-(de)\-\w+\-\d+$)", "aws-eusc-global"},
      {{"aws-iso", "c2s.ic.gov", "us-iso-east-1"}, R"(^us\-iso\-\w+\-\d+$)", "aws-iso-global"},
      {{"aws-iso-b", "sc2s.sgov.gov", "us-isob-east-1"}, R"(^us\-isob\-\w+\-\d+$)", "aws-iso-b-global"},
      {{"aws-iso-e", "cloud.adc-e.uk", "eu-isoe-west-1"}, R"(^eu\-isoe\-\w+\-\d+$)", "aws-iso-e-global"},
      {{"aws-iso-f", "csp.hci.ic.gov", "us-isof-south-1"}, R"(^us\-isof\-\w+\-\d+$)", "aws-iso-f-global"},
      {{"aws-us-gov", "amazonaws.com", "us-gov-west-1"}, R"(^us\-gov\-\w+\-\d+$)", "aws-us-gov-global"},
  };
  return rules;
}

}  // namespace detail

// The partition of `region`: the first whose pseudo-region or pattern matches, else "aws"
// (botocore's aws.partition).
inline const Partition& partitionOf(const std::string& region) {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> compiled;
    for (const auto& rule : detail::partitionRules()) compiled.emplace_back(rule.regionPattern);
    return compiled;
  }();
  const auto& rules = detail::partitionRules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (region == rules[i].globalRegion || std::regex_match(region, patterns[i])) return rules[i].partition;
  return rules.front().partition;
}

namespace detail {

// A value from the user, quoted for a message with anything unprintable replaced.
inline std::string printable(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
  return out + "'";
}

// A region must be one DNS label (botocore's validate_region_name), so it cannot change the host
// name it is put into.
inline bool isValidRegion(const std::string& region) {
  if (region.empty() || region.size() > 63 || region.front() == '-' || region.back() == '-') return false;
  bool allDigits = true;
  for (char c : region) {
    bool digit = c >= '0' && c <= '9';
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!digit && !letter && c != '-') return false;
    allDigits = allDigits && digit;
  }
  return !allDigits;
}

// botocore's transformed service id: spaces and hyphens become underscores.
inline std::string snakeServiceId(const std::string& serviceId) {
  std::string out = serviceId;
  for (char& c : out)
    if (c == ' ' || c == '-') c = '_';
  return out;
}
// "AWS_ENDPOINT_URL_REDSHIFT" for serviceId "Redshift".
inline std::string serviceEndpointVariable(const ServiceInfo& service) {
  std::string name = snakeServiceId(service.serviceId);
  for (char& c : name)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return "AWS_ENDPOINT_URL_" + name;
}
// "redshift": the service's key in a [services NAME] section.
inline std::string servicesSectionKey(const ServiceInfo& service) { return toLower(snakeServiceId(service.serviceId)); }

inline bool isDnsName(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > 255) return false;
  while (!host.empty()) {
    std::size_t dot = host.find('.');
    std::string_view label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    host = dot == std::string_view::npos ? std::string_view() : host.substr(dot + 1);
    if (dot != std::string_view::npos && host.empty()) return false;
  }
  return true;
}

// Checks an endpoint URL and returns it normalized (lowercase scheme, no trailing slash):
// http or https, a DNS name, IPv4 or [IPv6] host, an optional port and path; no user
// information, query or fragment. `source` names where it came from in the ConfigError.
inline std::string normalizeEndpointUrl(const std::string& url, const std::string& source) {
  auto fail = [&](const std::string& why, bool quote = true) {
    return ConfigError(configError("InvalidEndpointUrl", "the endpoint URL " + (quote ? printable(url) + " " : "") +
                                                             "from " + source + " is not valid: " + why));
  };
  if (url.find('@') != std::string::npos) throw fail("it must not contain a user name or password", false);
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) throw fail("it contains a space or a control character");
  std::size_t schemeEnd = url.find("://");
  std::string scheme = schemeEnd == std::string::npos ? "" : toLower(url.substr(0, schemeEnd));
  if (scheme != "http" && scheme != "https") throw fail("it must start with http:// or https://");
  std::size_t authorityStart = schemeEnd + 3;
  std::size_t authorityEnd = url.find_first_of("/?#", authorityStart);
  if (authorityEnd == std::string::npos) authorityEnd = url.size();
  std::string authority = url.substr(authorityStart, authorityEnd - authorityStart);
  std::string rest = url.substr(authorityEnd);
  if (rest.find_first_of("?#") != std::string::npos) throw fail("it must not have a query or a fragment");

  std::string host, port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) throw fail("its IPv6 address has no closing ']'");
    host = authority.substr(0, close + 1);
    std::string address = authority.substr(1, close - 1);
    if (address.empty() || address.find(':') == std::string::npos ||
        address.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos)
      throw fail("its IPv6 address is malformed");
    std::string after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw fail("unexpected text after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) throw fail("the port is empty");
    }
  } else {
    std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) throw fail("the port is empty");
    }
    if (host.empty()) throw fail("it has no host");
    if (!isDnsName(host)) throw fail("the host is not a valid host name or address");
  }
  if (!port.empty()) {
    int value = 0;
    auto parsed = std::from_chars(port.data(), port.data() + port.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != port.data() + port.size() || port.size() > 5 || value < 1 ||
        value > 65535)
      throw fail("the port must be a number from 1 to 65535");
  }
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  return scheme + "://" + authority + rest;
}

struct StandardEndpoint {
  std::string url;
  std::string signingRegion;
};

// IAM's one endpoint per partition, from botocore's IAM endpoint rule set.
inline std::optional<StandardEndpoint> knownGlobalEndpoint(const std::string& endpointPrefix,
                                                           const std::string& partition) {
  struct Known {
    const char* prefix;
    const char* partition;
    const char* url;
    const char* signingRegion;
  };
  static const Known known[] = {
      {"iam", "aws", "https://iam.amazonaws.com", "us-east-1"},
      {"iam", "aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {"iam", "aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {"iam", "aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
      {"iam", "aws-iso-b", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
      {"iam", "aws-iso-e", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
      {"iam", "aws-iso-f", "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
      {"iam", "aws-eusc", "https://iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"},
  };
  for (const auto& entry : known)
    if (endpointPrefix == entry.prefix && partition == entry.partition)
      return StandardEndpoint{entry.url, entry.signingRegion};
  return std::nullopt;
}

// The regions whose STS calls go to sts.amazonaws.com when sts_regional_endpoints = legacy.
inline bool isLegacyGlobalStsRegion(const std::string& region) {
  static const char* const regions[] = {"ap-northeast-1", "ap-south-1",   "ap-southeast-1", "ap-southeast-2",
                                        "aws-global",     "ca-central-1", "eu-central-1",   "eu-north-1",
                                        "eu-west-1",      "eu-west-2",    "eu-west-3",      "sa-east-1",
                                        "us-east-1",      "us-east-2",    "us-west-1",      "us-west-2"};
  for (const char* legacy : regions)
    if (region == legacy) return true;
  return false;
}

struct EndpointSettings {
  bool stsRegional = true;         // sts_regional_endpoints = regional (botocore's default)
  bool s3UsEast1Regional = false;  // s3 us_east_1_regional_endpoint = regional (default legacy)
};

// The endpoint botocore resolves for `service` in `region` when none is configured.
inline StandardEndpoint standardEndpoint(const ServiceInfo& service, const std::string& region,
                                         const EndpointSettings& settings) {
  const Partition& partition = partitionOf(region);
  const std::string& prefix = service.endpointPrefix;
  if (service.global) {
    if (auto known = knownGlobalEndpoint(prefix, partition.id)) return *known;
    return {"https://" + prefix + "." + partition.dnsSuffix, partition.implicitGlobalRegion};
  }
  if (prefix == "sts" && (region == "aws-global" || (!settings.stsRegional && isLegacyGlobalStsRegion(region))))
    return {"https://sts.amazonaws.com", "us-east-1"};
  if (prefix == "s3" && (region == "aws-global" || (region == "us-east-1" && !settings.s3UsEast1Regional)))
    return {"https://s3.amazonaws.com", "us-east-1"};
  return {"https://" + prefix + "." + region + "." + partition.dnsSuffix, region};
}

// A setting found in code, the environment or the profile, and where.
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
    return Found{found->second, key + " of profile " + quoted(profileName_) + " in " +
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
inline bool regionalSetting(const std::optional<Found>& found, bool fallback) {
  if (!found) return fallback;
  if (found->value == "regional") return true;
  if (found->value == "legacy") return false;
  throw ConfigError(configError(
      "InvalidSetting", printable(found->value) + " from " + found->source + " is not valid: use legacy or regional"));
}

inline RetryMode parseRetryMode(const Found& found) {
  std::string mode = toLower(found.value);
  if (mode == "legacy") return RetryMode::Legacy;
  if (mode == "standard") return RetryMode::Standard;
  if (mode == "adaptive") return RetryMode::Adaptive;
  throw ConfigError(configError("InvalidSetting", "retry mode " + printable(found.value) + " from " + found.source +
                                                      " is not valid: use legacy, standard or adaptive"));
}

inline int parseMaxAttempts(const Found& found) {
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
inline bool isTrue(const std::string& value) { return toLower(value) == "true"; }

}  // namespace detail

// Resolves what `config` leaves open for a client of `service`. Reads the environment and the
// shared files; makes no network call and runs no credential_process (credentials are
// resolved at their first use). Throws ConfigError when the profile named in code,
// AWS_DEFAULT_PROFILE or AWS_PROFILE exists in neither file, when a shared file is malformed,
// when no region is configured (saying where it looked), or when a region, endpoint URL,
// retry mode or max attempts is invalid (naming where it came from).
inline ResolvedConfig resolveConfig(const ClientConfig& config, const ServiceInfo& service) {
  const Environment& environment = config.environment;
  ResolvedConfig resolved;

  detail::ProfileChoice profile = detail::chooseProfile(config.profile, environment);
  auto files = std::make_shared<const SharedConfig>(SharedConfig::load(environment));
  if (profile.named() && !files->hasProfile(profile.name))
    throw ConfigError(detail::configError("ProfileNotFound", "profile " + detail::quoted(profile.name) + " (from " +
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
          throw ConfigError(detail::configError("InvalidConfig", "profile " + detail::quoted(profile.name) +
                                                                     " uses services section " +
                                                                     detail::quoted(sectionName->value) + ", which " +
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
                        detail::quoted(profile.name) + " in " + files->describeFiles()));
  }
  resolved.partition = partitionOf(resolved.region).id;

  if (endpoint) {
    resolved.endpoint = detail::normalizeEndpointUrl(endpoint->value, endpoint->source);
    resolved.endpointSource = endpoint->source;
    resolved.endpointOverridden = true;
    resolved.signingRegion = resolved.region;
  } else {
    detail::EndpointSettings endpointSettings;
    if (service.endpointPrefix == "sts")
      endpointSettings.stsRegional =
          detail::regionalSetting(resolver.find("AWS_STS_REGIONAL_ENDPOINTS", {"sts_regional_endpoints"}), true);
    if (service.endpointPrefix == "s3")
      endpointSettings.s3UsEast1Regional =
          detail::regionalSetting(resolver.find("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT",
                                                {"s3_us_east_1_regional_endpoint", "s3.us_east_1_regional_endpoint"}),
                                  false);
    detail::StandardEndpoint standard = detail::standardEndpoint(service, resolved.region, endpointSettings);
    resolved.endpoint = standard.url;
    resolved.signingRegion = standard.signingRegion;
  }

  resolved.credentials = config.credentialsProvider ? config.credentialsProvider
                                                    : detail::defaultCredentialsProvider(environment, profile, files);

  resolved.transportOptions = config.transportOptions;
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
