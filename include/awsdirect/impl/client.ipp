// Definitions of <awsdirect/client.hpp>.

namespace awsdirect {

QueryClient::QueryClient(ServiceInfo service, const ClientConfig& config, QueryDialect dialect)
    : core_(ClientCore::make(std::move(service), config, networkCredentialSources())), dialect_(dialect) {}

RestXmlClient::RestXmlClient(ServiceInfo service, const ClientConfig& config)
    : core_(ClientCore::make(std::move(service), config, networkCredentialSources())) {}

std::optional<Error> RestXmlClient::prepare(const detail::RestOperation& operation, RestRequest& rest,
                                            Validator validator) const {
  operation.validate(operation.request, validator);
  if (!validator.ok()) return validator.error(core_->service().endpointPrefix, operation.name);
  operation.serialize(operation.request, rest);
  return std::nullopt;
}

std::optional<Error> RestXmlClient::call(const detail::RestOperation& operation) {
  try {
    RestRequest rest;
    if (std::optional<Error> invalid = prepare(operation, rest)) return invalid;
    Outcome<HttpResponse> response = dispatch(rest, operation.name);
    if (!response) return response.error();
    operation.parse(RestResponse(response.value()), operation.out);
    return std::nullopt;
  } catch (const Exception& e) {
    return detail::withContext(e.error(), core_->service(), operation.name);
  }
}

Outcome<HttpResponse> RestXmlClient::dispatch(const RestRequest& rest, const std::string& operation) {
  const HttpRequest base = core_->newRequest(rest.method(), rest.path().empty() ? "/" : rest.path());
  HttpRequest http = toHttpRequest(rest, base.scheme, base.host, base.path);
  return deliverToSink(http, core_->execute(http, operation, CallOptions()));
}

HttpRequest RestXmlClient::toHttpRequest(const RestRequest& rest, std::string scheme, std::string host,
                                         std::string path) {
  HttpRequest http;
  http.method = rest.method();
  http.scheme = std::move(scheme);
  http.host = std::move(host);
  http.path = std::move(path);
  http.query = rest.encodedQuery();
  for (const auto& [name, value] : rest.headers()) http.headers.add(name, value);
  http.body = rest.body();
  http.streamedBody = rest.streamedBody();
  http.responseSink = rest.responseSink();
  return http;
}

Outcome<HttpResponse> RestXmlClient::deliverToSink(const HttpRequest& http, Outcome<HttpResponse> response) {
  if (response.ok() && http.responseSink && !response.value().bodyStreamed) {
    HttpResponse& r = response.value();
    if (!r.body.empty()) http.responseSink(0, r.body.data(), r.body.size());
    r.body.clear();
    r.bodyStreamed = true;
  }
  return response;
}

}  // namespace awsdirect
