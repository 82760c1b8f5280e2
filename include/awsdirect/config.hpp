#pragma once
// Client configuration: region, endpoint, credentials, CA bundle, transport and retries,
// resolved from code, the environment and the shared files with botocore's names, precedence and
// defaults.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "credentials.hpp"
#include "credentials/chain.hpp"
#include "detail/build_mode.hpp"
#include "endpoints.hpp"
#include "environment.hpp"
#include "log.hpp"
#include "transport.hpp"

namespace awsdirect {

// botocore's retry modes (retry.hpp applies them).
//   standard (the default): 3 attempts; backoff random(0, 1) * 2^(attempt-1) s, at most 20 s.
//   legacy: 5 attempts, the same backoff without the cap.
//   adaptive: standard's, and a client-side rate limiter that slows sending after throttling.
enum class RetryMode { Legacy, Standard, Adaptive };

AWSDIRECT_DECL const char* retryModeName(RetryMode mode);

// What a user may set; everything empty or unset is resolved by resolveConfig.
struct ClientConfig {
  std::string region;       // else AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`
  std::string endpointUrl;  // else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services]
                            // section, the profile's `endpoint_url` (botocore's order)
  std::string profile;      // else AWS_DEFAULT_PROFILE, AWS_PROFILE (botocore's order), else "default"
  std::shared_ptr<CredentialsProvider> credentialsProvider;  // else the default chain
  // The transport to send with, shared by every client given this config; else one made by
  // transportFactory; else the default: curl, or the setup the program chose for all its clients
  // (default_transport.hpp; useFixturesFromEnvironment() for AWSDIRECT_FIXTURES).
  std::shared_ptr<Transport> transport;
  TransportFactory transportFactory;
  TransportOptions transportOptions;   // caBundle, when empty, from AWS_CA_BUNDLE, the profile's `ca_bundle`
  std::optional<RetryMode> retryMode;  // else AWS_RETRY_MODE, the profile's `retry_mode`, else Standard
  std::optional<int> maxAttempts;      // else AWS_MAX_ATTEMPTS, the profile's `max_attempts`, else 3 (5 for Legacy)
  // else AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, the profile's `ignore_configured_endpoint_urls`, else false.
  // True ignores the endpoint URLs of the environment and the shared files, never endpointUrl.
  std::optional<bool> ignoreConfiguredEndpointUrls;
  Environment environment = Environment::process();
  // What the client and its credential chain report (log.hpp); off unless a sink is set.
  Logger logger;
  // How long the default chain may take to find credentials, all sources together (a stalled
  // metadata endpoint costs no more than this).
  std::chrono::milliseconds credentialsTimeout{std::chrono::seconds(5)};

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
  ClientConfig& withTransportFactory(TransportFactory value) & {
    transportFactory = std::move(value);
    return *this;
  }
  ClientConfig&& withTransportFactory(TransportFactory value) && {
    return std::move(withTransportFactory(std::move(value)));
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
  ClientConfig& withLogger(Logger value) & {
    logger = std::move(value);
    return *this;
  }
  ClientConfig&& withLogger(Logger value) && { return std::move(withLogger(std::move(value))); }
  ClientConfig& withCredentialsTimeout(std::chrono::milliseconds value) & {
    credentialsTimeout = value;
    return *this;
  }
  ClientConfig&& withCredentialsTimeout(std::chrono::milliseconds value) && {
    return std::move(withCredentialsTimeout(value));
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
  Logger logger;
};

// Resolves what `config` leaves open for a client of `service`. Reads the environment and the
// shared files; makes no network call and runs no credential_process (credentials are resolved
// at their first use). Without a credentials provider in `config`, the default chain is used,
// with the network sources given (clients pass credentials/default_chain.hpp's). Throws ConfigError when
// the profile named in code, AWS_DEFAULT_PROFILE or AWS_PROFILE exists in neither file, when a
// shared file is malformed, when no region is configured (saying where it looked), or when a
// region, endpoint URL, retry mode or max attempts is invalid (naming where it came from).
AWSDIRECT_DECL ResolvedConfig resolveConfig(const ClientConfig& config, const ServiceInfo& service,
                                            NetworkCredentialSources network = {});

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/config.ipp"
#endif
