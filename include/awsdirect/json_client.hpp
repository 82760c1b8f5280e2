#pragma once
// The client of a JSON-protocol service (json_protocol.hpp), on the one pipeline of pipeline.hpp
// as the Query and REST-XML clients are: validation before the network, signing, retries and
// the retry quota, clock-skew correction, typed errors (the JSON protocol's "__type"), fixtures.
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "json_protocol.hpp"

namespace awsdirect {
namespace detail {

using JsonOperation = Operation<JsonWriter, JsonValue>;

// Whether a request reads its result itself (`static Result parseJson(const JsonValue& output)`).
template <class Request, class = void>
struct ParsesJson : std::false_type {};
template <class Request>
struct ParsesJson<Request, std::void_t<decltype(Request::parseJson(std::declval<const JsonValue&>()))>>
    : std::true_type {};

// A JSON operation's result: by the request's parseJson, or by the result's fields.
template <class Request>
struct ResultReader<Request, JsonValue> {
  static typename Request::Result read(const JsonValue& output) {
    using Result = typename Request::Result;
    if constexpr (ParsesJson<Request>::value) return Request::parseJson(output);
    else if constexpr (std::is_same_v<Result, Empty>) return Result{};
    else return readJsonResult<Result>(output);
  }
};

// Validates and serializes one JSON operation, sends it (X-Amz-Target: PREFIX.Operation) and
// reads the output object, which must be one (an empty body reads as {}, as botocore reads it).
AWSDIRECT_DECL std::optional<Error> callJson(ClientCore& core, const JsonOperation& operation,
                                             const JsonProtocol& protocol);

}  // namespace detail

// A client of a JSON-protocol service. A request type is declared as request.hpp shows; its
// result is read by its fields() (json_protocol.hpp), or by its own `parseJson` when it has one.
class JsonClient {
 public:
  // What a request is written into and its result read from.
  using Writer = JsonWriter;
  using Reader = detail::JsonValue;

  AWSDIRECT_DECL JsonClient(ServiceInfo service, const ClientConfig& config, JsonProtocol protocol);

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    std::optional<typename Request::Result> result;
    if (std::optional<Error> error = detail::callJson(*core_, detail::operationOf<Writer, Reader>(request, result), protocol_))
      return std::move(*error);
    return std::move(*result);
  }

  // Every page of `request` (its NextToken), the items gathered: as QueryClient::sendAllPages.
  template <class Request, class Setter, class Token, class Items>
  Outcome<Items> sendAllPages(Request request, Setter setToken, Token Request::Result::*nextToken,
                              Items Request::Result::*items) {
    return detail::sendAllPages(*this, std::move(request), setToken, nextToken, items);
  }

  // Any operation of the service, typed by this library or not yet, through the same pipeline:
  // its name and its input as JSON text (an object). Returns the output as JSON text.
  //   secrets.call("ListSecretVersionIds", R"({"SecretId": "prod/db"})")
  AWSDIRECT_DECL Outcome<std::string> call(const std::string& operation, const std::string& input = "{}");

  ClientCore& core() { return *core_; }

 protected:
  std::shared_ptr<ClientCore> core_;
  JsonProtocol protocol_;
};

// The client of one JSON service, `Service` (`class SecretsManager : public JsonService<SecretsManager>`):
// it sends that service's requests, and a request of another service does not compile.
template <class Service>
class JsonService : public JsonClient {
 public:
  using JsonClient::JsonClient;

  template <class Request>
  Outcome<typename Request::Result> send(const Request& request) {
    if constexpr (detail::sentByOwnClient<Request, Service>()) return JsonClient::send(request);
    else return Error{};
  }
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/json_client.ipp"
#endif
