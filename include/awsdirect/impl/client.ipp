// Definitions of <awsdirect/client.hpp>.

namespace awsdirect {

QueryClient::QueryClient(ServiceInfo service, const ClientConfig& config, QueryDialect dialect)
    : core_(ClientCore::make(std::move(service), config, networkCredentialSources())), dialect_(dialect) {}

namespace detail {

void operationName(Validator& v, const std::string& name) {
  bool ok = !name.empty() && name.size() <= 128 && name.front() >= 'A' && name.front() <= 'Z';
  for (char c : name) ok = ok && (rules::isLetter(c) || rules::isDigit(c));
  v.check(ok, "Operation", "must be an operation name such as PauseCluster (letters and digits, starting with a capital)");
}

}  // namespace detail

Outcome<UntypedResult> QueryClient::call(const std::string& operation, const QueryParameters& parameters) {
  struct Untyped {
    const std::string* name;
    const QueryParameters* parameters;
  } untyped{&operation, &parameters};
  std::optional<UntypedResult> out;
  detail::QueryOperation call{
      operation.c_str(),
      &untyped,
      [](const void* request, Validator& v) {
        const Untyped& u = *static_cast<const Untyped*>(request);
        detail::operationName(v, *u.name);
        for (const auto& parameter : *u.parameters)
          v.check(!parameter.first.empty() && parameter.first != "Action" && parameter.first != "Version",
                  "Parameters", "must not name Action or Version (the client writes them) nor be unnamed");
      },
      [](const void* request, QueryWriter& w) {
        for (const auto& [name, value] : *static_cast<const Untyped*>(request)->parameters) w.add(name, value);
      },
      [](const XmlNode& result, void* result_out) {
        static_cast<std::optional<UntypedResult>*>(result_out)->emplace(
            UntypedResult{std::make_shared<const XmlDocument>(result)});
      },
      &out,
      false};  // an operation without a result element answers as well
  if (std::optional<Error> error = detail::callQuery(*core_, call, dialect_)) return std::move(*error);
  return std::move(*out);
}

Outcome<HttpResponse> RestXmlClient::call(const std::string& operation, const UntypedRequest& request) {
  Validator v;
  detail::operationName(v, operation);
  v.check(request.path.rfind('/', 0) == 0, "Path", "must start with '/'");
  if (!v.ok()) return v.error(core_->service().endpointPrefix, operation);
  try {
    RestRequest rest(request.method);
    // "/bucket/key": the first segment is the bucket, routed as a typed request's is.
    const std::size_t slash = request.path.find('/', 1);
    const std::string bucket = request.path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    if (!bucket.empty()) {
      rest.pathLiteral("/").pathLabel("Bucket", bucket);
      if (slash != std::string::npos) rest.pathLiteral("/").pathLabel("Key", request.path.substr(slash + 1), true);
    } else {
      rest.pathLiteral("/");
    }
    for (const auto& [name, value] : request.query) {
      if (value.empty()) rest.queryFlag(name);
      else rest.query(name, value);
    }
    for (const auto& [name, value] : request.headers) rest.header(name, value);
    if (!request.body.empty()) rest.body(request.body);
    return dispatch(rest, operation);
  } catch (const Exception& e) {
    return detail::withContext(e.error(), core_->service(), operation);
  }
}

RestXmlClient::RestXmlClient(ServiceInfo service, const ClientConfig& config)
    : core_(ClientCore::make(std::move(service), config, networkCredentialSources())) {}

std::optional<Error> RestXmlClient::prepare(const detail::RestOperation& operation, RestRequest& rest,
                                            Validator validator) const {
  operation.validate(operation.request, validator);
  if (!validator.ok()) return validator.error(core_->service().endpointPrefix, operation.name);
  operation.serialize(operation.request, rest);
  return std::nullopt;
}

std::optional<Error> RestXmlClient::callOperation(const detail::RestOperation& operation) {
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
