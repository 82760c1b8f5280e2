#pragma once
// The one pipeline every operation runs through:
//   validate -> serialize -> sign -> send (with retries) -> classify errors -> parse the result.
// A service header declares its operations; it never writes this sequence itself.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include "config.hpp"
#include "credentials.hpp"
#include "curl_transport.hpp"
#include "error.hpp"
#include "fixtures.hpp"
#include "http.hpp"
#include "query.hpp"
#include "retry.hpp"
#include "sigv4.hpp"
#include "transport.hpp"
#include "validate.hpp"
#include "xml.hpp"

namespace awsdirect {

inline constexpr const char* kVersion = "0.1.0";

namespace detail {

// "https://host:port/base" split into what an HttpRequest needs.
struct EndpointParts {
  std::string scheme;
  std::string authority;
  std::string basePath;  // "" or "/base" (no trailing slash)
};

inline EndpointParts splitEndpoint(const std::string& url) {
  EndpointParts parts;
  std::size_t schemeEnd = url.find("://");
  std::size_t hostStart = schemeEnd == std::string::npos ? 0 : schemeEnd + 3;
  parts.scheme = schemeEnd == std::string::npos ? "https" : url.substr(0, schemeEnd);
  std::size_t pathStart = url.find('/', hostStart);
  parts.authority = url.substr(hostStart, pathStart == std::string::npos ? std::string::npos : pathStart - hostStart);
  // The Host header omits a default port, as curl sends it; the signature must cover the same.
  auto dropSuffix = [&](const char* suffix) {
    std::string s(suffix);
    if (parts.authority.size() > s.size() && parts.authority.compare(parts.authority.size() - s.size(), s.size(), s) == 0)
      parts.authority.erase(parts.authority.size() - s.size());
  };
  if (parts.scheme == "https") dropSuffix(":443");
  if (parts.scheme == "http") dropSuffix(":80");
  if (pathStart != std::string::npos) {
    parts.basePath = url.substr(pathStart);
    while (!parts.basePath.empty() && parts.basePath.back() == '/') parts.basePath.pop_back();
  }
  return parts;
}

// A fresh id per logical call, sent as amz-sdk-invocation-id the way botocore does, so the
// attempts of one call can be told apart from other calls in server logs.
inline std::string newInvocationId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_int_distribution<unsigned> byte(0, 255);
  unsigned char b[16];
  for (auto& x : b) x = static_cast<unsigned char>(byte(engine));
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

inline Error withContext(Error error, const ServiceInfo& service, const std::string& operation) {
  if (error.service.empty()) error.service = service.endpointPrefix;
  if (error.operation.empty()) error.operation = operation;
  return error;
}

}  // namespace detail

// How one call departs from the client's defaults. The Query pipeline needs none of it; S3's
// REST-XML layer needs all of it.
struct ExecuteOptions {
  // Signing for this call instead of the client's (S3: its path rules, its payload hash, the
  // bucket's region); the time is set afresh at each attempt.
  std::optional<SigningParams> signing;
  // Runs on each attempt's copy of the request before it is signed: e.g. hashing a streamed body
  // afresh, so a retry never signs stale bytes.
  std::function<void(HttpRequest&, SigningParams&)> beforeSigning;
  // Sends this call on another transport than the client's (a parallel transfer's own connection).
  Transport* transport = nullptr;
  // Receives the response of a call that failed with an HTTP error, for what the Error does not
  // hold (S3's x-amz-bucket-region header); left empty when no response arrived.
  HttpResponse* errorResponse = nullptr;
  // Whether a 2xx response is an error in disguise (S3's CopyObject and CompleteMultipartUpload
  // may answer 200 with an <Error> body); it is then read, classified and retried as an error.
  std::function<bool(const HttpResponse&)> isErrorDespite2xx;
};

// What every service client shares: the resolved configuration, the credentials, one signer,
// one transport and the retry policy. Creating it makes no network call.
class ClientCore {
 public:
  ClientCore(ServiceInfo service, const ClientConfig& config)
      : service_(std::move(service)), config_(resolveConfig(detail::configForFixtureSwitch(config), service_)) {
    // AWSDIRECT_FIXTURES=record|replay turns the default transport into a recorder or a replayer.
    transport_ = config.transport ? config.transport : detail::transportForFixtureSwitch(config, config_.transportOptions);
    retry_.mode = config_.retryMode;
    retry_.maxAttempts = config_.maxAttempts;
    endpoint_ = detail::splitEndpoint(config_.endpoint);
  }

  const ServiceInfo& service() const { return service_; }
  const ResolvedConfig& config() const { return config_; }
  RetryPolicy& retryPolicy() { return retry_; }
  Transport& transport() { return *transport_; }
  Signer& signer() { return signer_; }

  // An HttpRequest aimed at this client's endpoint; `path` is relative to its base path.
  HttpRequest newRequest(std::string method, const std::string& path = "/") const {
    HttpRequest request;
    request.method = std::move(method);
    request.scheme = endpoint_.scheme;
    request.host = endpoint_.authority;
    request.path = endpoint_.basePath + path;
    return request;
  }

  SigningParams signingParams() const {
    SigningParams params;
    params.region = config_.signingRegion;
    params.service = service_.signingName;
    params.time = std::chrono::system_clock::now();
    return params;
  }

  // Signs and sends `request`, retrying what is worth retrying. Returns a 2xx response, or the
  // typed error of the last attempt.
  Outcome<HttpResponse> execute(const HttpRequest& request, const std::string& operation,
                                const ExecuteOptions& options = {}) {
    const std::string invocationId = detail::newInvocationId();
    const int maxAttempts = retry_.maxAttempts < 1 ? 1 : retry_.maxAttempts;
    for (int attempt = 1;; ++attempt) {
      Error error;
      try {
        HttpRequest signedRequest = request;
        signedRequest.headers.set("User-Agent", std::string("awsdirect/") + kVersion);
        signedRequest.headers.set("amz-sdk-invocation-id", invocationId);
        signedRequest.headers.set("amz-sdk-request",
                                  "attempt=" + std::to_string(attempt) + "; max=" + std::to_string(maxAttempts));
        if (options.errorResponse) *options.errorResponse = HttpResponse{};
        SigningParams params = options.signing ? *options.signing : signingParams();
        params.time = std::chrono::system_clock::now();
        if (options.beforeSigning) options.beforeSigning(signedRequest, params);
        signer_.sign(signedRequest, config_.credentials->credentials(), params);
        Transport& transport = options.transport ? *options.transport : *transport_;
        HttpResponse response = transport.send(signedRequest);
        const bool disguisedError = options.isErrorDespite2xx && options.isErrorDespite2xx(response);
        if (response.status >= 200 && response.status < 300 && !disguisedError) return response;
        error = parseErrorResponse(response);
        if (options.errorResponse) *options.errorResponse = std::move(response);
      } catch (const Exception& e) {
        error = e.error();
      }
      error = detail::withContext(std::move(error), service_, operation);
      if (attempt >= maxAttempts || !isRetryable(error)) return error;
      auto delay = retryDelay(retry_, attempt + 1);
      if (retry_.sleep) retry_.sleep(delay);
      else std::this_thread::sleep_for(delay);
    }
  }

 private:
  ServiceInfo service_;
  ResolvedConfig config_;
  std::shared_ptr<Transport> transport_;
  detail::EndpointParts endpoint_;
  Signer signer_;
  RetryPolicy retry_;
};

// Which Query dialect a service speaks: the results of Query services are wrapped in
// <OperationResult>; EC2's are the children of the response element itself.
enum class QueryDialect { Query, Ec2 };

// A client of a Query-protocol service. A request type `R` provides:
//   using Result = ...;                       the typed result
//   static constexpr const char* operation;   "CreateCluster"
//   void validate(Validator&) const;          the client-side rules
//   void serialize(QueryWriter&) const;       its parameters
//   static Result parse(const XmlNode&);      the result element into the typed result
class QueryClient {
 public:
  QueryClient(ServiceInfo service, const ClientConfig& config, QueryDialect dialect = QueryDialect::Query)
      : core_(std::make_shared<ClientCore>(std::move(service), config)), dialect_(dialect) {}

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    const std::string operation = Request::operation;
    try {
      Validator validator;
      request.validate(validator);
      if (!validator.ok()) return validator.error(core_->service().endpointPrefix, operation);

      QueryWriter writer(operation, core_->service().apiVersion);
      request.serialize(writer);
      HttpRequest http = core_->newRequest("POST");
      http.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
      http.body = writer.body();

      Outcome<HttpResponse> response = core_->execute(http, operation);
      if (!response) return response.error();
      XmlDocument document(response.value().body);
      XmlNode result = dialect_ == QueryDialect::Ec2 ? document.root()
                                                     : document.root().child((operation + "Result").c_str());
      return Request::parse(result);
    } catch (const Exception& e) {
      return detail::withContext(e.error(), core_->service(), operation);
    }
  }

  // Sends `request` page after page, following its pagination token until the service returns
  // none (or the same one again), and gathers the items of every page.
  //   setToken:  the request's setter of the token (`&DescribeClustersRequest::marker`)
  //   nextToken: the result's token member (`&DescribeClustersResult::marker`)
  //   items:     the result's list member (`&DescribeClustersResult::clusters`)
  template <class Request, class Setter, class Token, class Items>
  Outcome<Items> sendAllPages(Request request, Setter setToken, Token Request::Result::*nextToken,
                              Items Request::Result::*items) {
    Items all;
    std::string previous;
    for (;;) {
      auto page = send(request);
      if (!page) return page.error();
      auto& result = page.value();
      for (auto& item : result.*items) all.push_back(std::move(item));
      std::string token = result.*nextToken;
      if (token.empty() || token == previous) return all;
      previous = token;
      (request.*setToken)(token);
    }
  }

  ClientCore& core() { return *core_; }

 private:
  std::shared_ptr<ClientCore> core_;
  QueryDialect dialect_;
};

}  // namespace awsdirect

// Profiles that assume a role (role_arn) need an STS client inside the default credential chain;
// sts.hpp provides it and plugs it into detail::assumeRoleProviderFactory. Included last, after
// everything STS needs from this file, so that every program with a client can assume roles.
#include "sts.hpp"
