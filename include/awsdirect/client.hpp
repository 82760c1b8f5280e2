#pragma once
// The clients every service derives from: QueryClient (the Query protocol and EC2's dialect of
// it) and RestXmlClient (REST-XML), both on the one pipeline of pipeline.hpp, with botocore's
// default credential chain (assume_role.hpp) for clients whose config names no provider.
//
// Clients are safe to share between threads: one client may run calls from several threads at
// once (see pipeline.hpp). Making a client makes no network call.
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "assume_role.hpp"
#include "config.hpp"
#include "credentials/default_chain.hpp"
#include "detail/build_mode.hpp"
#include "endpoints.hpp"
#include "error.hpp"
#include "pipeline.hpp"
#include "rest_xml.hpp"
#include "validate.hpp"

namespace awsdirect {

// The parameters of a Query operation called by name, as they go on the wire:
// {{"ClusterIdentifier", "analytics"}, {"IamRoles.IamRoleArn.1", "arn:..."}}.
using QueryParameters = std::vector<std::pair<std::string, std::string>>;

// The answer to a Query operation called by name: the result element (<PauseClusterResult>; for
// EC2 the response element), empty when the operation answers with none.
struct UntypedResult {
  std::shared_ptr<const XmlDocument> document;
  XmlNode result() const { return document ? document->root() : XmlNode(); }
};

namespace detail {
// The service whose client sends Request: the one it names (a declared request), else Client
// (a request written by hand outside the library, taken as it is).
template <class Request, class Client, class = void>
struct ServiceOfRequest { using type = Client; };
template <class Request, class Client>
struct ServiceOfRequest<Request, Client, std::void_t<typename Request::Service>> { using type = typename Request::Service; };
template <class Request, class Client>
using ServiceOf = typename ServiceOfRequest<Request, Client>::type;

// Whether Request is Service's own; when it is not, one compile error that says so and names both.
template <class Request, class Service>
constexpr bool sentByOwnClient() {
  static_assert(std::is_same_v<ServiceOf<Request, Service>, Service>,
                "a request is sent only by its own service's client (is_same<the request's, this client's>)");
  return std::is_same_v<ServiceOf<Request, Service>, Service>;
}

// Whether a request sends itself through its client (`Outcome<Result> sendThrough(Client&) const`):
// an operation whose call is more than one exchange (S3's GetObject streams to a file and checks
// what arrived; CreateBucket signs for the new bucket's region).
template <class Request, class Client, class = void>
struct SendsItself : std::false_type {};
template <class Request, class Client>
struct SendsItself<Request, Client, std::void_t<decltype(std::declval<const Request&>().sendThrough(std::declval<Client&>()))>>
    : std::true_type {};

}  // namespace detail

namespace detail {
// An operation's name, checked before an untyped call is sent: letters and digits, starting with a capital.
AWSDIRECT_DECL void operationName(Validator& v, const std::string& name);

// Every page of `request` through `client` (each client's sendAllPages says how).
template <class Client, class Request, class Setter, class Token, class Items>
Outcome<Items> sendAllPages(Client& client, Request request, Setter setToken, Token Request::Result::*nextToken,
                            Items Request::Result::*items) {
  Items all;
  std::string previous;
  for (;;) {
    auto page = client.send(request);
    if (!page) return page.error();
    auto& result = page.value();
    for (auto& item : result.*items) all.push_back(std::move(item));
    std::string token = result.*nextToken;
    if (token.empty() || token == previous) return all;
    previous = token;
    setToken(request, std::move(token));
  }
}
}  // namespace detail

// How a page's token is set on the next request: Marker (the Query services) or NextToken (EC2,
// the JSON services).
struct ByMarker {
  template <class Request>
  void operator()(Request& request, std::string token) const { request.marker(std::move(token)); }
};
struct ByNextToken {
  template <class Request>
  void operator()(Request& request, std::string token) const { request.nextToken(std::move(token)); }
};

// A client of a Query-protocol service; a request type is as sendQuery (pipeline.hpp) describes.
class QueryClient {
 public:
  // What a request is written into and its result read from (the result element).
  using Writer = QueryWriter;
  using Reader = XmlNode;

  AWSDIRECT_DECL QueryClient(ServiceInfo service, const ClientConfig& config, QueryDialect dialect = QueryDialect::Query);

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    return sendQuery(*core_, request, dialect_);
  }

  // Sends `request` page after page, following its pagination token until the service returns
  // none (or the same one again), and gathers the items of every page.
  //   setToken:  sets the token on the request (ByMarker{}, ByNextToken{}, or a function of its own)
  //   nextToken: the result's token member (`&DescribeClustersResult::marker`)
  //   items:     the result's list member (`&DescribeClustersResult::clusters`)
  template <class Request, class Setter, class Token, class Items>
  Outcome<Items> sendAllPages(Request request, Setter setToken, Token Request::Result::*nextToken,
                              Items Request::Result::*items) {
    return detail::sendAllPages(*this, std::move(request), setToken, nextToken, items);
  }

  // Any operation of the service, typed by this library or not yet, through the same pipeline
  // (endpoint, signing, retries, typed errors, fixtures): its name and its parameters.
  //   redshift.call("PauseCluster", {{"ClusterIdentifier", "analytics"}})
  AWSDIRECT_DECL Outcome<UntypedResult> call(const std::string& operation, const QueryParameters& parameters = {});

  ClientCore& core() { return *core_; }

 protected:
  std::shared_ptr<ClientCore> core_;
  QueryDialect dialect_;
};

// The client of one Query service, `Service` (`class Redshift : public QueryService<Redshift>`):
// it sends that service's requests, and a request of another service does not compile.
template <class Service>
class QueryService : public QueryClient {
 public:
  using QueryClient::QueryClient;

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    if constexpr (detail::sentByOwnClient<Request, Service>()) return sendQuery(*core_, request, dialect_);
    else return Error{};
  }
};

namespace detail {
using RestOperation = Operation<RestRequest, RestResponse>;
}  // namespace detail

// A client of a REST-XML service. A request type `R` provides:
//   using Result = ...;                          the typed result
//   static constexpr const char* operation;      "PutObject"
//   void validate(Validator&) const;             the client-side rules
//   void serialize(RestRequest&) const;          method, path, query, headers, body
//   static Result parse(const RestResponse&);    status, headers and XML body into the result
// A service whose calls need routing of their own (S3: the bucket in the host name, the bucket's
// region) overrides dispatch().
class RestXmlClient {
 public:
  // What a request is written into and its result read from.
  using Writer = RestRequest;
  using Reader = RestResponse;

  AWSDIRECT_DECL RestXmlClient(ServiceInfo service, const ClientConfig& config);
  virtual ~RestXmlClient() = default;
  RestXmlClient(const RestXmlClient&) = delete;
  RestXmlClient& operator=(const RestXmlClient&) = delete;

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    std::optional<typename Request::Result> result;
    if (std::optional<Error> error = callOperation(detail::operationOf<RestRequest, RestResponse>(request, result)))
      return std::move(*error);
    return std::move(*result);
  }

  // Any operation of the service, typed by this library or not yet, through the same pipeline
  // (routing, signing, retries, typed errors, fixtures): its method, its path (not encoded; for
  // S3 "/bucket/key"), query, headers and body. Returns the 2xx response as it arrived.
  //   s3.call("GetBucketVersioning", {"GET", "/my-bucket", {{"versioning", ""}}})
  struct UntypedRequest {
    std::string method = "GET";
    std::string path = "/";
    std::vector<std::pair<std::string, std::string>> query = {};  // a flag ("?versioning") has an empty value
    HttpHeaders headers = {};
    std::string body = {};
  };
  AWSDIRECT_DECL Outcome<HttpResponse> call(const std::string& operation, const UntypedRequest& request);

  ClientCore& core() { return *core_; }

 protected:
  // Validates and serializes `operation` (the steps a call and a presigned URL share); an extra
  // rule may be checked with it. Returns the error, or nullopt with `rest` filled in.
  AWSDIRECT_DECL std::optional<Error> prepare(const detail::RestOperation& operation, RestRequest& rest,
                                              Validator validator = {}) const;
  // prepare -> dispatch -> parse.
  AWSDIRECT_DECL std::optional<Error> callOperation(const detail::RestOperation& operation);
  // Routes `rest` to this client's endpoint and sends it through the pipeline; returns the 2xx
  // response or the typed error.
  AWSDIRECT_DECL virtual Outcome<HttpResponse> dispatch(const RestRequest& rest, const std::string& operation);

  // `rest` as an HttpRequest for scheme://host + path: the one conversion, whatever the routing.
  AWSDIRECT_DECL static HttpRequest toHttpRequest(const RestRequest& rest, std::string scheme, std::string host,
                                                  std::string path);
  // Hands a body that a transport kept in memory to the request's sink, so a sink sees the body
  // whichever transport carried it (a test double, a fixture replayer).
  AWSDIRECT_DECL static Outcome<HttpResponse> deliverToSink(const HttpRequest& http, Outcome<HttpResponse> response);

  std::shared_ptr<ClientCore> core_;
};

// The client of one REST-XML service, `Service` (`class S3 : public RestXmlService<S3>`): it sends
// that service's requests, and a request of another service does not compile.
template <class Service>
class RestXmlService : public RestXmlClient {
 public:
  using RestXmlClient::RestXmlClient;
  using RestXmlClient::call;

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    if constexpr (!detail::sentByOwnClient<Request, Service>()) return Error{};
    else if constexpr (detail::SendsItself<Request, Service>::value) return request.sendThrough(static_cast<Service&>(*this));
    else return RestXmlClient::send(request);
  }
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/client.ipp"
#endif
