// Definitions of <awsdirect/pipeline.hpp>.
#include <chrono>
#include <thread>

#include "../default_transport.hpp"
#include "../log.hpp"
#include "../time.hpp"
#include "../version.hpp"

namespace awsdirect {

ClientCore::ClientCore(ServiceInfo service, ResolvedConfig config, std::shared_ptr<Transport> transport)
    : service_(std::move(service)),
      config_(std::move(config)),
      transport_(std::move(transport)),
      endpoint_(detail::splitEndpoint(config_.endpoint)) {
  retry_.mode = config_.retryMode;
  retry_.maxAttempts = config_.maxAttempts;
  if (retry_.mode != RetryMode::Legacy) retry_.quota = std::make_shared<RetryQuota>();
  if (retry_.mode == RetryMode::Adaptive) retry_.rateLimiter = std::make_shared<ClientRateLimiter>();
}

std::shared_ptr<ClientCore> ClientCore::make(ServiceInfo service, const ClientConfig& config,
                                             NetworkCredentialSources network) {
  const ClientConfig effective = withDefaultTransport(config);
  ResolvedConfig resolved = resolveConfig(effective, service, std::move(network));
  std::shared_ptr<Transport> transport =
      effective.transport ? effective.transport : effective.transportFactory(resolved.transportOptions);
  if (!transport)
    throw ConfigError(detail::configError("InvalidConfig", "the transport factory of the client configuration made no transport"));
  return std::make_shared<ClientCore>(std::move(service), std::move(resolved), std::move(transport));
}

HttpRequest ClientCore::newRequest(std::string method, const std::string& path) const {
  HttpRequest request;
  request.method = std::move(method);
  request.scheme = endpoint_.scheme;
  request.host = endpoint_.authority;
  request.path = endpoint_.basePath + path;
  return request;
}

SigningParams ClientCore::signingParams() const {
  SigningParams params;
  params.region = config_.signingRegion;
  params.service = service_.signingName;
  params.time = std::chrono::system_clock::now() + clockOffset();
  return params;
}

namespace detail {

// Errors that say the request's time was refused, when the clock may be what is wrong.
AWSDIRECT_DECL bool isClockSkewCode(const std::string& code) {
  for (const char* c : {"RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch",
                        "AuthFailure", "RequestInTheFuture"})
    if (code == c) return true;
  return false;
}

// AWS's clock minus ours, from the response's Date, when it is more than 4 minutes away.
AWSDIRECT_DECL std::optional<std::chrono::milliseconds> clockSkewOf(const Error& error) {
  if (!isClockSkewCode(error.code)) return std::nullopt;
  const std::string* date = error.responseHeaders.get("Date");
  if (!date) return std::nullopt;
  const auto server = parseHttpDate(*date);
  if (!server) return std::nullopt;
  const auto skew = std::chrono::duration_cast<std::chrono::milliseconds>(*server - std::chrono::system_clock::now());
  if (std::chrono::abs(skew) <= std::chrono::minutes(4)) return std::nullopt;
  return skew;
}

}  // namespace detail

Outcome<HttpResponse> ClientCore::execute(const HttpRequest& request, const std::string& operation,
                                          const CallOptions& options) {
  const std::string invocationId = newInvocationId();
  const int maxAttempts = retry_.maxAttempts < 1 ? 1 : retry_.maxAttempts;
  int quotaHeld = 0;               // what this call's last retry took from the quota
  bool skewCorrected = false;      // one extra attempt, at most, to correct the clock
  std::optional<std::chrono::system_clock::time_point> serverTime;  // AWS's clock at the last answer
  for (int attempt = 1;; ++attempt) {
    Error error;
    try {
      HttpRequest attemptRequest = request;
      attemptRequest.headers.set("User-Agent", std::string("awsdirect/") + kVersion);
      attemptRequest.headers.set("amz-sdk-invocation-id", invocationId);
      // botocore's: ttl (when AWS's clock is known) is when this attempt stops being worth answering.
      std::string sdkRequest = "attempt=" + std::to_string(attempt) + "; max=" + std::to_string(maxAttempts);
      if (serverTime)
        sdkRequest = "ttl=" + formatAmzDate(*serverTime + config_.transportOptions.readTimeout) + "; " + sdkRequest;
      attemptRequest.headers.set("amz-sdk-request", sdkRequest);
      SigningParams params = options.signing ? *options.signing : signingParams();
      params.time = std::chrono::system_clock::now() + clockOffset();
      for (const auto& interceptor : options.interceptors) interceptor->beforeSigning(attemptRequest, params);
      const Credentials credentials = config_.credentials->credentials();
      if (!credentials.anonymous) signer_.sign(attemptRequest, credentials, params);
      if (retry_.rateLimiter) retry_.rateLimiter->beforeSend();
      const auto sent = std::chrono::steady_clock::now();
      HttpResponse response = transport_->send(attemptRequest);
      if (config_.logger.enabled(LogLevel::Debug))
        config_.logger(LogLevel::Debug, service_.serviceId + " " + operation + " attempt " + std::to_string(attempt) +
                                            ": " + attemptRequest.method + " " + attemptRequest.host + " -> HTTP " +
                                            std::to_string(response.status) + " in " +
                                            std::to_string(detail::millisecondsSince(sent)) + " ms");
      if (response.status >= 200 && response.status < 300) {
        std::optional<Error> disguised;
        for (const auto& interceptor : options.interceptors)
          if (!disguised) disguised = interceptor->afterResponse(response);
        if (!disguised) {
          if (retry_.rateLimiter) retry_.rateLimiter->afterResponse(false);
          if (retry_.quota) retry_.quota->release(quotaHeld ? quotaHeld : RetryQuota::kSuccessIncrement);
          return response;
        }
        error = std::move(*disguised);
      } else {
        error = options.parseError ? options.parseError(response) : parseErrorResponse(response);
      }
    } catch (const Exception& e) {
      error = e.error();
    }
    error = detail::withContext(std::move(error), service_, operation);
    if (retry_.rateLimiter) retry_.rateLimiter->afterResponse(isThrottling(error));
    if (const std::string* date = error.responseHeaders.get("Date")) serverTime = parseHttpDate(*date);
    if (auto skew = detail::clockSkewOf(error); skew && !skewCorrected) {
      // Our clock is off: learn by how much, sign again by AWS's, and try once more.
      skewCorrected = true;
      clockOffset_ = skew->count();
      if (config_.logger.enabled(LogLevel::Warn))
        config_.logger(LogLevel::Warn, service_.serviceId + " " + operation + ": " + error.code +
                                           ": this machine's clock is " + std::to_string(-skew->count() / 1000) +
                                           " s off AWS's; signing by AWS's clock from now on");
      --attempt;
      continue;
    }
    if (attempt < maxAttempts && isRetryable(error) && retry_.quota) {
      const int cost = error.transport == TransportFailure::Timeout ? RetryQuota::kTimeoutRetryCost
                                                                    : RetryQuota::kRetryCost;
      if (!retry_.quota->acquire(cost)) {
        error.message += " (not retried: the client's retry quota is spent)";
        return error;
      }
      quotaHeld = cost;
    }
    if (attempt >= maxAttempts || !isRetryable(error)) {
      if (config_.logger.enabled(LogLevel::Info))
        config_.logger(LogLevel::Info, service_.serviceId + " " + operation + " failed after " +
                                           std::to_string(attempt) + " attempt(s): " + error.describe());
      return error;
    }
    const auto delay = retryDelay(retry_, attempt + 1);
    if (config_.logger.enabled(LogLevel::Info))
      config_.logger(LogLevel::Info, service_.serviceId + " " + operation + " attempt " + std::to_string(attempt) +
                                         " failed (" + error.code + "); retrying in " +
                                         std::to_string(delay.count()) + " ms");
    if (retry_.sleep) retry_.sleep(delay);
    else std::this_thread::sleep_for(delay);
  }
}

namespace detail {

Error withContext(Error error, const ServiceInfo& service, const std::string& operation) {
  if (error.service.empty()) error.service = service.endpointPrefix;
  if (error.operation.empty()) error.operation = operation;
  return error;
}

Error unexpectedDocument(const std::string& operation, const std::string& expected,
                                        const std::string& found) {
  return makeError(ErrorKind::Parse, "UnexpectedResponse",
                   "the response to " + operation + " is not " + expected + ": it is " + found);
}

std::optional<Error> callQuery(ClientCore& core, const QueryOperation& operation, QueryDialect dialect) {
  const std::string name = operation.name;
  try {
    Validator validator;
    operation.validate(operation.request, validator);
    if (!validator.ok()) return validator.error(core.service().endpointPrefix, name);

    QueryWriter writer(name, core.service().apiVersion, dialect);
    operation.serialize(operation.request, writer);
    HttpRequest http = core.newRequest("POST");
    http.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    http.body = writer.body();

    Outcome<HttpResponse> response = core.execute(http, name);
    if (!response) return response.error();
    // Any well-formed document is not an answer: a proxy's page or another operation's response
    // must not read as an empty result.
    const XmlDocument document(response.value().body);
    const XmlNode root = document.root();
    if (root.name() != name + "Response")
      return withContext(unexpectedDocument(name, "<" + name + "Response>", "<" + root.name() + ">"), core.service(),
                         name);
    XmlNode result = root;
    if (dialect == QueryDialect::Query) {
      result = root.child((name + "Result").c_str());
      if (!result && operation.hasResult)
        return withContext(unexpectedDocument(name, "a <" + name + "Response> with a <" + name + "Result>",
                                              "a <" + name + "Response> without one"),
                           core.service(), name);
    }
    operation.parse(result, operation.out);
    return std::nullopt;
  } catch (const Exception& e) {
    return withContext(e.error(), core.service(), name);
  }
}

}  // namespace detail
}  // namespace awsdirect
