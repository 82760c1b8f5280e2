// Definitions of <awsdirect/credentials/metadata.hpp>.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "../../curl_transport.hpp"
#include "../../detail/ip.hpp"
#include "../../detail/json.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../error.hpp"
#include "../../time.hpp"

namespace awsdirect {
namespace detail {

using SteadyTime = std::chrono::steady_clock::time_point;

// The timeout of the next request: the configured one, shortened to what is left before the
// deadline; throws when nothing is left.
std::chrono::milliseconds boundedTimeout(std::chrono::milliseconds timeout, const std::optional<SteadyTime>& deadline,
                                         const std::string& what) {
  if (!deadline) return timeout;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0)
    throw CredentialsError(credentialsError("CredentialsTimeout", what + ": the credential chain's time ran out"));
  return std::min(timeout, left);
}

HttpResponse sendMetadataRequest(const std::shared_ptr<Transport>& given, const HttpRequest& request,
                                 std::chrono::milliseconds timeout) {
  std::shared_ptr<Transport> transport = given;
  if (!transport) {
    TransportOptions options;
    options.connectTimeout = timeout;
    options.requestTimeout = timeout;
    transport = makeCurlTransport(options);
  }
  return transport->send(request);
}

AWSDIRECT_DECL HttpRequest metadataRequest(const std::string& method, const std::string& endpoint,
                                           const std::string& path) {
  const EndpointParts parts = splitEndpoint(endpoint);
  HttpRequest request;
  request.method = method;
  request.scheme = parts.scheme;
  request.host = parts.authority;
  request.path = parts.basePath + path;
  return request;
}

// botocore's extension of credentials near their expiration: credentials that expire within
// the mandatory window plus 2 to 10 minutes (jitter) are used that long from now, and a refresh
// is tried again then (so instances do not all ask at once when the service is impaired).
AWSDIRECT_DECL Credentials extendedNearExpiry(Credentials credentials, const RefreshTiming& refresh, const Logger& logger,
                                              bool serviceFailed) {
  if (!credentials.expiration) return credentials;
  thread_local std::mt19937 engine{std::random_device{}()};
  const auto offset = refresh.mandatory + std::chrono::seconds(std::uniform_int_distribution<int>(120, 600)(engine));
  const auto now = refresh.now ? refresh.now() : std::chrono::system_clock::now();
  if (!serviceFailed && now < *credentials.expiration - offset) return credentials;
  credentials.expiration = now + offset;
  if (logger.enabled(LogLevel::Warn))
    logger(LogLevel::Warn, std::string("instance metadata: ") +
                               (serviceFailed ? "could not refresh credentials" : "credentials near expiry") +
                               "; using them until " + formatIso8601(*credentials.expiration) +
                               " and trying again then");
  return credentials;
}

Credentials parseMetadataCredentials(const std::string& body, const std::string& what) {
  auto fail = [&](const std::string& message) {
    return CredentialsError(credentialsError("InvalidCredentials", what + " " + message));
  };
  JsonValue document;
  try {
    document = JsonValue::parse(body);
  } catch (const ParseError&) {
    throw fail("answered with something that is not JSON");
  }
  if (!document.isObject()) throw fail("answered with JSON that is not an object");
  auto text = [&](const char* name) -> std::optional<std::string> {
    const JsonValue* value = document.find(name);
    if (!value || !value->isString() || value->asString().empty()) return std::nullopt;
    return value->asString();
  };
  if (!text("AccessKeyId") && text("Code"))
    throw CredentialsError(credentialsError("NoCredentials", what + " answered " + *text("Code") + ": " +
                                                                 printable(text("Message").value_or(""))));
  for (const char* field : {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"})
    if (!text(field)) throw fail(std::string("answered without ") + field);
  Credentials credentials(*text("AccessKeyId"), *text("SecretAccessKey"), *text("Token"));
  credentials.expiration = parseIso8601(*text("Expiration"));
  if (!credentials.expiration) throw fail("answered with an Expiration that is not a timestamp");
  return credentials;
}

bool isAllowedContainerUrl(const std::string& url) {
  const std::size_t schemeEnd = url.find("://");
  if (schemeEnd == std::string::npos) return false;
  const std::string scheme = toLower(url.substr(0, schemeEnd));
  if (scheme == "https") return true;
  if (scheme != "http") return false;
  std::string authority = url.substr(schemeEnd + 3, url.find_first_of("/?#", schemeEnd + 3) - schemeEnd - 3);
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(1, authority.find(']') - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  host = toLower(host);
  if (host == "localhost" || host == "::1" || host == "169.254.170.2" || host == "169.254.170.23" ||
      host == "fd00:ec2::23")
    return true;
  return isIpv4Address(host) && startsWith(host, "127.");
}

}  // namespace detail

// ---- Instance metadata ------------------------------------------------------------------------

std::optional<InstanceMetadataOptions> InstanceMetadataOptions::fromConfig(const Environment& environment,
                                                                           const ProfileSettings& profile,
                                                                           std::string& whyNot) {
  auto setting = [&](const char* variable, const char* key) -> std::optional<std::pair<std::string, std::string>> {
    if (auto value = environment.getNonEmpty(variable)) return std::make_pair(*value, std::string(variable));
    auto found = profile.find(key);
    if (found != profile.end() && !found->second.empty()) return std::make_pair(found->second, std::string(key));
    return std::nullopt;
  };
  auto isTrue = [](const std::string& value) { return detail::toLower(value) == "true"; };
  if (auto disabled = environment.getNonEmpty("AWS_EC2_METADATA_DISABLED"); disabled && isTrue(*disabled)) {
    whyNot = "disabled by AWS_EC2_METADATA_DISABLED";
    return std::nullopt;
  }
  auto invalid = [](const std::string& message) { return ConfigError(detail::configError("InvalidSetting", message)); };
  InstanceMetadataOptions options;
  auto mode = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode");
  if (mode) {
    const std::string value = detail::toLower(mode->first);
    if (value == "ipv6") options.endpoint = "http://[fd00:ec2::254]";
    else if (value != "ipv4")
      throw invalid(mode->second + " is " + detail::quote(mode->first) + "; it must be IPv4 or IPv6");
  }
  if (auto endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")) {
    if (!detail::startsWith(endpoint->first, "http://") && !detail::startsWith(endpoint->first, "https://"))
      throw invalid(endpoint->second + " is " + detail::quote(endpoint->first) + "; it must be an http:// or https:// URL");
    options.endpoint = endpoint->first;
  }
  auto number = [&](const std::optional<std::pair<std::string, std::string>>& found, int low) -> std::optional<int> {
    if (!found) return std::nullopt;
    int value = 0;
    auto parsed = std::from_chars(found->first.data(), found->first.data() + found->first.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != found->first.data() + found->first.size() || value < low)
      throw invalid(found->second + " is " + detail::quote(found->first) + "; it must be a whole number of at least " +
                    std::to_string(low));
    return value;
  };
  if (auto seconds = number(setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout"), 1))
    options.timeout = std::chrono::seconds(*seconds);
  if (auto attempts = number(setting("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts"), 1))
    options.attempts = *attempts;
  if (auto v1 = setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")) options.v1Disabled = isTrue(v1->first);
  return options;
}

namespace detail {
struct InstanceMetadataState {
  explicit InstanceMetadataState(InstanceMetadataOptions o) : options(std::move(o)) {
    if (options.attempts < 1) options.attempts = 1;
  }
  InstanceMetadataOptions options;
  mutable std::mutex mutex;
  std::string role;
  std::optional<Credentials> last;
  NextFetchDeadline deadline;
};
}  // namespace detail

std::string InstanceMetadataCredentialsProvider::roleName() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->role;
}

std::string InstanceMetadataCredentialsProvider::describe() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return "role " + state_->role + " from instance metadata at " + state_->options.endpoint;
}

void InstanceMetadataCredentialsProvider::setDeadline(std::chrono::steady_clock::time_point deadline) {
  state_->deadline.set(deadline);
}

namespace detail {

AWSDIRECT_DECL Credentials fetchInstanceMetadata(const InstanceMetadataOptions& options,
                                                 const std::optional<SteadyTime>& deadline, std::string& role) {
  const std::string where = "instance metadata at " + options.endpoint;
  auto timeout = [&] { return boundedTimeout(options.timeout, deadline, where); };
  auto noAnswer = [&](const std::string& problem) {
    return CredentialsError(credentialsError("NoCredentials", "no answer from " + options.endpoint + " within " +
                                                                  std::to_string(options.timeout.count()) +
                                                                  " ms (" + problem + ")"));
  };

  // IMDSv2's session token. botocore falls back to IMDSv1 when this is refused (403, 404, 405),
  // times out once connected, or keeps failing with another status.
  std::optional<std::string> token;
  bool fallBack = false, unreachable = false;
  std::string problem;
  for (int attempt = 0; attempt < options.attempts && !token && !fallBack; ++attempt) {
    HttpRequest request = metadataRequest("PUT", options.endpoint, "/latest/api/token");
    request.headers.set("x-aws-ec2-metadata-token-ttl-seconds", "21600");
    try {
      const HttpResponse response = sendMetadataRequest(options.transport, request, timeout());
      if (response.status == 200 && !response.body.empty()) token = response.body;
      else if (response.status == 403 || response.status == 404 || response.status == 405) fallBack = true;
      else if (response.status == 400)
        throw CredentialsError(credentialsError("InvalidRequest", where + " refused the token request (HTTP 400)"));
      else problem = "the token request answered HTTP " + std::to_string(response.status);
    } catch (const TransportError& e) {
      if (e.error().transport == TransportFailure::Timeout) {
        fallBack = true;
      } else {
        unreachable = true;
        problem = e.error().message;
      }
    }
  }
  // Where nothing answers at all, asking again without a token cannot help: say so now.
  if (!token && !fallBack && unreachable) throw noAnswer(problem);
  if (!token && options.v1Disabled)
    throw CredentialsError(credentialsError(
        "NoCredentials", where + " gave no IMDSv2 token, and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)"));

  auto get = [&](const std::string& path, bool json) -> std::string {
    std::string lastProblem;
    for (int attempt = 0; attempt < options.attempts; ++attempt) {
      HttpRequest request = metadataRequest("GET", options.endpoint, path);
      if (token) request.headers.set("x-aws-ec2-metadata-token", *token);
      try {
        const HttpResponse response = sendMetadataRequest(options.transport, request, timeout());
        if (response.status == 200 && !response.body.empty()) {
          if (!json || startsWith(trim(response.body), "{")) return response.body;
          lastProblem = "an answer that is not JSON";
        } else {
          lastProblem = "HTTP " + std::to_string(response.status);
        }
        if (response.status == 404 && !json)
          throw CredentialsError(credentialsError("NoCredentials", "no IAM role is attached to this instance (" +
                                                                       where + " answered HTTP 404)"));
      } catch (const TransportError& e) {
        lastProblem = e.error().message;
      }
    }
    throw CredentialsError(credentialsError("NoCredentials", where + " gave no credentials: " + lastProblem));
  };

  const std::string base = "/latest/meta-data/iam/security-credentials/";
  const std::string listing = get(base, false);
  role = std::string(trim(listing.substr(0, listing.find('\n'))));
  if (role.empty() || role.find_first_of("/?#% ") != std::string::npos)
    throw CredentialsError(credentialsError("NoCredentials", where + " named no usable IAM role"));
  return parseMetadataCredentials(get(base + role, true), "instance metadata role " + role);
}

AWSDIRECT_DECL std::function<Credentials()> instanceMetadataFetcher(std::shared_ptr<InstanceMetadataState> state) {
  return [state]() -> Credentials {
    const std::optional<detail::SteadyTime> deadline = state->deadline.take();
    std::optional<Credentials> last;
    {
      std::lock_guard<std::mutex> lock(state->mutex);
      last = state->last;
    }
    std::string role;
    Credentials fresh;
    try {
      fresh = detail::fetchInstanceMetadata(state->options, deadline, role);
    } catch (const CredentialsError&) {
      if (!last) throw;
      // Unreachable near expiry: keep what we have a little longer rather than fail every call.
      fresh = detail::extendedNearExpiry(*last, state->options.refresh, state->options.logger, true);
      std::lock_guard<std::mutex> lock(state->mutex);
      state->last = fresh;
      return fresh;
    }
    fresh = detail::extendedNearExpiry(fresh, state->options.refresh, state->options.logger, false);
    std::lock_guard<std::mutex> lock(state->mutex);
    state->role = role;
    state->last = fresh;
    return fresh;
  };
}

}  // namespace detail

InstanceMetadataCredentialsProvider::InstanceMetadataCredentialsProvider(InstanceMetadataOptions options)
    : FetchingCredentialsProvider(std::make_shared<detail::InstanceMetadataState>(std::move(options)),
                                  detail::instanceMetadataFetcher) {}

// ---- Container ------------------------------------------------------------------------------

std::optional<ContainerCredentialsOptions> ContainerCredentialsOptions::fromEnvironment(const Environment& environment,
                                                                                        std::string& whyNot) {
  ContainerCredentialsOptions options;
  if (auto relative = environment.getNonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    options.url = "http://169.254.170.2" + (detail::startsWith(*relative, "/") ? *relative : "/" + *relative);
  } else if (auto full = environment.getNonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    if (!detail::isAllowedContainerUrl(*full))
      throw ConfigError(detail::configError(
          "InvalidSetting", "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https://, or http:// to a loopback address, "
                            "169.254.170.2, 169.254.170.23 or fd00:ec2::23; it is " +
                                detail::printable(*full)));
    options.url = *full;
  } else {
    whyNot = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set";
    return std::nullopt;
  }
  if (auto file = environment.getNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
    options.authorizationTokenFile = *file;
  else if (auto token = environment.getNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
    options.authorizationToken = Secret(*token);
  return options;
}

namespace detail {
struct ContainerState {
  explicit ContainerState(ContainerCredentialsOptions o) : options(std::move(o)) {
    if (options.attempts < 1) options.attempts = 1;
  }
  ContainerCredentialsOptions options;
  NextFetchDeadline deadline;
};
}  // namespace detail

std::string ContainerCredentialsProvider::describe() const {
  const detail::EndpointParts parts = detail::splitEndpoint(state_->options.url.substr(0, state_->options.url.find('?')));
  return "the container endpoint " + parts.scheme + "://" + parts.authority;
}

void ContainerCredentialsProvider::setDeadline(std::chrono::steady_clock::time_point deadline) {
  state_->deadline.set(deadline);
}

namespace detail {
AWSDIRECT_DECL std::function<Credentials()> containerFetcher(std::shared_ptr<ContainerState> state) {
  return [state]() -> Credentials {
    const ContainerCredentialsOptions& options = state->options;
    const std::optional<detail::SteadyTime> deadline = state->deadline.take();
    const detail::EndpointParts parts = detail::splitEndpoint(options.url.substr(0, options.url.find('?')));
    const std::string where = "the container credentials endpoint " + parts.scheme + "://" + parts.authority;
    auto fail = [&](const std::string& code, const std::string& message) {
      return CredentialsError(detail::credentialsError(code, where + ": " + message));
    };
    // The token is read at each fetch: EKS rotates the file.
    std::string token = options.authorizationToken.reveal();
    if (!options.authorizationTokenFile.empty()) {
      std::ifstream in(options.authorizationTokenFile, std::ios::binary);
      if (!in)
        throw fail("InvalidSetting", "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " +
                                         options.authorizationTokenFile);
      std::ostringstream text;
      text << in.rdbuf();
      token = text.str();
    }
    if (token.find_first_of("\r\n") != std::string::npos)
      throw fail("InvalidSetting", "the container authorization token holds a line break, which a header cannot carry");

    std::string problem;
    for (int attempt = 0; attempt < options.attempts; ++attempt) {
      if (attempt > 0) {
        auto pause = options.pause;
        if (deadline) pause = std::min(pause, detail::boundedTimeout(pause, deadline, where));
        std::this_thread::sleep_for(pause);
      }
      HttpRequest request;
      request.method = "GET";
      request.scheme = parts.scheme;
      request.host = parts.authority;
      request.path = parts.basePath.empty() ? "/" : parts.basePath;
      const std::size_t question = options.url.find('?');
      if (question != std::string::npos) request.query = options.url.substr(question + 1);
      request.headers.set("Accept", "application/json");
      if (!token.empty()) request.headers.set("Authorization", token);
      try {
        const HttpResponse response =
            detail::sendMetadataRequest(options.transport, request, detail::boundedTimeout(options.timeout, deadline, where));
        if (response.status == 200) return detail::parseMetadataCredentials(response.body, where);
        problem = "HTTP " + std::to_string(response.status);
      } catch (const TransportError& e) {
        problem = e.error().message;
      } catch (const CredentialsError& e) {
        if (e.error().code == "CredentialsTimeout") throw;
        problem = e.error().message;
      }
      if (options.logger.enabled(LogLevel::Debug))
        options.logger(LogLevel::Debug, where + ": attempt " + std::to_string(attempt + 1) + " failed: " + problem);
    }
    throw fail("NoCredentials", "no credentials after " + std::to_string(options.attempts) + " attempt(s): " + problem);
  };
}

}  // namespace detail

ContainerCredentialsProvider::ContainerCredentialsProvider(ContainerCredentialsOptions options)
    : FetchingCredentialsProvider(std::make_shared<detail::ContainerState>(std::move(options)), detail::containerFetcher) {}

}  // namespace awsdirect
