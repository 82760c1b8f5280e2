#pragma once
// The one pipeline every operation runs through:
//   validate -> serialize -> sign -> send (with retries) -> classify errors -> parse the result.
// ClientCore holds what the calls of a client share and runs sign, send, retry and classify; a
// protocol adds serialization and parsing: the Query protocol here (sendQuery), REST-XML in
// client.hpp. A service declares its operations; it never writes this sequence itself.
//
// Thread safety: a ClientCore, and so every client, may be used by several threads at once once
// it is made. Its signer's key cache is locked, credential providers are thread-safe, and the
// default transport runs concurrent calls on a pool of connections. Change its retry policy
// (tests do) before sharing it.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "config.hpp"
#include "credentials/chain.hpp"
#include "detail/build_mode.hpp"
#include "endpoints.hpp"
#include "error.hpp"
#include "http.hpp"
#include "query.hpp"
#include "retry.hpp"
#include "sigv4.hpp"
#include "transport.hpp"
#include "validate.hpp"
#include "xml.hpp"

namespace awsdirect {

// Takes part in every attempt of one call, in the order given (cpr's interceptors): it may change
// the request and how it is signed before each attempt, and may judge a 2xx response an error.
class Interceptor {
 public:
  virtual ~Interceptor() = default;
  // Before each attempt is signed, on that attempt's copy of the request (S3: hash a streamed
  // body afresh, so a retry never signs stale bytes).
  virtual void beforeSigning(HttpRequest& attempt, SigningParams& signing) const {
    (void)attempt;
    (void)signing;
  }
  // After each 2xx response: an Error makes the attempt fail with it, classified and retried as
  // any other (S3's CopyObject may answer 200 with an <Error> body).
  virtual std::optional<Error> afterResponse(const HttpResponse& response) const {
    (void)response;
    return std::nullopt;
  }
};

// How one call departs from the client's defaults.
struct CallOptions {
  // Signing for this call instead of the client's (S3: its path rules and the bucket's region);
  // the time is set afresh at each attempt.
  std::optional<SigningParams> signing;
  std::vector<std::shared_ptr<const Interceptor>> interceptors;
  // How the protocol's error responses read (the JSON protocol's parseJsonErrorResponse); null:
  // as XML (parseErrorResponse), as the Query and REST-XML protocols send them.
  Error (*parseError)(const HttpResponse& response) = nullptr;
};

// What every call of a client shares: the resolved configuration, the credentials, one signer,
// one transport and the retry policy. Making one makes no network call.
class ClientCore {
 public:
  AWSDIRECT_DECL ClientCore(ServiceInfo service, ResolvedConfig config, std::shared_ptr<Transport> transport);

  // Made as every client makes it: its transport chosen (ClientConfig's, its factory's, or
  // default_transport.hpp's), then its region, endpoint, retries and credentials resolved (the
  // default chain, with the network sources given, when the config names no provider).
  AWSDIRECT_DECL static std::shared_ptr<ClientCore> make(ServiceInfo service, const ClientConfig& config,
                                                         NetworkCredentialSources network);

  const ServiceInfo& service() const { return service_; }
  const ResolvedConfig& config() const { return config_; }
  RetryPolicy& retryPolicy() { return retry_; }
  Transport& transport() { return *transport_; }
  const std::shared_ptr<Transport>& sharedTransport() const { return transport_; }
  const Signer& signer() const { return signer_; }

  // An HttpRequest aimed at this client's endpoint; `path` is relative to its base path.
  AWSDIRECT_DECL HttpRequest newRequest(std::string method, const std::string& path = "/") const;
  // The client's signing: its signing region and name, now (by AWS's clock: see clockOffset).
  AWSDIRECT_DECL SigningParams signingParams() const;
  // How far AWS's clock is from ours, learned from a response that refused a request for its time
  // (RequestTimeTooSkewed and the like, with a Date more than 4 minutes away); signatures are
  // dated by the corrected clock from then on. Zero until then.
  std::chrono::milliseconds clockOffset() const { return std::chrono::milliseconds(clockOffset_.load()); }

  // Signs and sends `request`, retrying what is worth retrying. Returns a 2xx response, or the
  // typed error of the last attempt (with the failed response's headers).
  AWSDIRECT_DECL Outcome<HttpResponse> execute(const HttpRequest& request, const std::string& operation,
                                               const CallOptions& options = {});

 private:
  ServiceInfo service_;
  ResolvedConfig config_;
  std::shared_ptr<Transport> transport_;
  detail::EndpointParts endpoint_;
  Signer signer_;
  RetryPolicy retry_;
  std::atomic<long long> clockOffset_{0};  // milliseconds
};

namespace detail {

// A request of any type seen through the steps of the pipeline, so that the steps are compiled
// once and not for every request type: sendQuery and RestXmlClient::send fill it in.
template <class Writer, class Reader>
struct Operation {
  const char* name;
  const void* request;
  void (*validate)(const void* request, Validator& validator);
  void (*serialize)(const void* request, Writer& writer);
  void (*parse)(const Reader& response, void* out);  // into the std::optional<Result> at `out`
  void* out;
  bool hasResult;  // whether the operation answers with a result (Query: an <OperationResult>)
};

// Whether a request writes itself: one written by hand (outside the library), or a declared
// one whose wire form is more than its members.
template <class Request, class Writer, class = void>
struct WritesItself : std::false_type {};
template <class Request, class Writer>
struct WritesItself<Request, Writer, std::void_t<decltype(std::declval<const Request&>().serialize(std::declval<Writer&>()))>>
    : std::true_type {};

template <class Request, class Writer>
void serializeAny(const Request& request, Writer& w) {
  if constexpr (WritesItself<Request, Writer>::value) request.serialize(w);
  else writeRequest(request, w);  // each protocol's writer of declared members (query.hpp, rest_xml.hpp)
}

// How a protocol reads a request's result from the response: by the request's parse (the Query
// protocol's result element, REST-XML's response); the JSON protocol has its own (json_client.hpp).
template <class Request, class Reader>
struct ResultReader {
  static typename Request::Result read(const Reader& response) { return Request::parse(response); }
};

// The steps of a call of `request`, its result read into `out`. Not inline: for the operations a
// service lists (AWSDIRECT_REDSHIFT_OPERATIONS...), the compiled library instantiates it once,
// and a program's files, which see it declared extern, compile none of an operation's validation,
// serialization and result reading.
template <class Writer, class Reader, class Request>
Operation<Writer, Reader> operationOf(const Request& request, std::optional<typename Request::Result>& out) {
  using Result = typename Request::Result;
  return {Request::operation,
          &request,
          [](const void* r, Validator& v) { static_cast<const Request*>(r)->validate(v); },
          [](const void* r, Writer& w) { serializeAny(*static_cast<const Request*>(r), w); },
          [](const Reader& response, void* result) {
            static_cast<std::optional<Result>*>(result)->emplace(ResultReader<Request, Reader>::read(response));
          },
          &out,
          !std::is_same_v<Result, Empty>};
}

using QueryOperation = Operation<QueryWriter, XmlNode>;

// Validates, serializes and sends one Query operation, checks that the response is the answer to
// it (<OperationResponse>, with its <OperationResult> when it has one) and parses that. Returns
// the error of the first step that fails, with the service and operation named.
AWSDIRECT_DECL std::optional<Error> callQuery(ClientCore& core, const QueryOperation& operation, QueryDialect dialect);

// The ParseError for a response that is not the answer to `operation`: what arrived instead.
AWSDIRECT_DECL Error unexpectedDocument(const std::string& operation, const std::string& expected,
                                        const std::string& found);
// `error` with the service and operation filled in where it has none.
AWSDIRECT_DECL Error withContext(Error error, const ServiceInfo& service, const std::string& operation);

}  // namespace detail

// A service's operations are listed once, in its client, one line each: X(factory, Request), as
//   #define AWSDIRECT_STS_OPERATIONS(X) X(getCallerIdentity, sts::GetCallerIdentityRequest) ...
// The list makes the client's factories (AWSDIRECT_FACTORY: `static Request factory()`), and, with
// the compiled library, each operation's steps compiled once, in the library (operationOf above):
// AWSDIRECT_EXTERN_OPERATIONS(LIST) after the client, AWSDIRECT_INSTANTIATE_OPERATIONS(LIST) in
// its definition file. (Header-only, every file compiles what it uses, as with any template.)
#define AWSDIRECT_FACTORY(factory, Request) \
  static Request factory() { return {}; }
#if defined(AWSDIRECT_SEPARATE_COMPILATION)
// (The function's name has no leading `::`: after `Operation<...>` it would name a member of it.)
#define AWSDIRECT_OPERATION_OF(Request)                                                          \
  ::awsdirect::detail::Operation<Request::Service::Writer, Request::Service::Reader>             \
  awsdirect::detail::operationOf<Request::Service::Writer, Request::Service::Reader, Request>(   \
      const Request&, std::optional<Request::Result>&)
#define AWSDIRECT_EXTERN_OPERATION(factory, Request) extern template AWSDIRECT_OPERATION_OF(Request);
#define AWSDIRECT_INSTANTIATE_OPERATION(factory, Request) template AWSDIRECT_OPERATION_OF(Request);
#define AWSDIRECT_EXTERN_OPERATIONS(LIST) LIST(AWSDIRECT_EXTERN_OPERATION)
#define AWSDIRECT_INSTANTIATE_OPERATIONS(LIST) LIST(AWSDIRECT_INSTANTIATE_OPERATION)
#else
#define AWSDIRECT_EXTERN_OPERATIONS(LIST)
#define AWSDIRECT_INSTANTIATE_OPERATIONS(LIST)
#endif

// Sends a Query request through `core`. A request type provides:
//   using Result = ...;                       the typed result (Empty when the operation has none)
//   static constexpr const char* operation;   "CreateCluster"
//   void validate(Validator&) const;          the client-side rules
//   void serialize(QueryWriter&) const;       its parameters
//   static Result parse(const XmlNode&);      the result element into the typed result
template <class Request>
Outcome<typename Request::Result> sendQuery(ClientCore& core, const Request& request,
                                            QueryDialect dialect = QueryDialect::Query) {
  std::optional<typename Request::Result> result;
  const auto operation = detail::operationOf<QueryWriter, XmlNode>(request, result);
  if (std::optional<Error> error = detail::callQuery(core, operation, dialect)) return std::move(*error);
  return std::move(*result);
}

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/pipeline.ipp"
#endif
