// Definitions of <awsdirect/json_client.hpp>.

namespace awsdirect {

JsonClient::JsonClient(ServiceInfo service, const ClientConfig& config, JsonProtocol protocol)
    : core_(ClientCore::make(std::move(service), config, networkCredentialSources())), protocol_(std::move(protocol)) {}

namespace detail {

std::optional<Error> callJson(ClientCore& core, const JsonOperation& operation, const JsonProtocol& protocol) {
  const std::string name = operation.name;
  try {
    Validator validator;
    operation.validate(operation.request, validator);
    if (!validator.ok()) return validator.error(core.service().endpointPrefix, name);

    JsonWriter writer;
    operation.serialize(operation.request, writer);
    HttpRequest http = core.newRequest("POST");
    http.headers.set("X-Amz-Target", protocol.targetPrefix + "." + name);
    http.headers.set("Content-Type", "application/x-amz-json-" + protocol.version);
    http.body = writer.text();

    CallOptions options;
    options.parseError = parseJsonErrorResponse;
    Outcome<HttpResponse> response = core.execute(http, name, options);
    if (!response) return response.error();
    // Anything but a JSON object is not an answer: a proxy's page must not read as an empty result.
    const std::string& body = response.value().body;
    JsonValue output = JsonValue::object();
    if (!body.empty()) {
      try {
        output = JsonValue::parse(body);
      } catch (const ParseError&) {
        return withContext(unexpectedDocument(name, "a JSON object", "text that is not JSON"), core.service(), name);
      }
    }
    if (!output.isObject())
      return withContext(unexpectedDocument(name, "a JSON object", std::string("a JSON ") + JsonValue::typeName(output.type())),
                         core.service(), name);
    operation.parse(output, operation.out);
    return std::nullopt;
  } catch (const Exception& e) {
    return withContext(e.error(), core.service(), name);
  }
}

}  // namespace detail

Outcome<std::string> JsonClient::call(const std::string& operation, const std::string& input) {
  struct Untyped {
    const std::string* name;
    std::optional<detail::JsonValue> input;
  } untyped{&operation, std::nullopt};
  try {
    untyped.input = detail::JsonValue::parse(input);
  } catch (const ParseError&) {
  }
  std::optional<std::string> out;
  detail::JsonOperation call{
      operation.c_str(),
      &untyped,
      [](const void* request, Validator& v) {
        const Untyped& u = *static_cast<const Untyped*>(request);
        detail::operationName(v, *u.name);
        v.check(u.input && u.input->isObject(), "Input", "must be a JSON object, such as {} or {\"SecretId\": \"prod/db\"}");
      },
      [](const void* request, JsonWriter& w) {
        for (const auto& [name, value] : static_cast<const Untyped*>(request)->input->asObject()) w.set(name.c_str(), value);
      },
      [](const detail::JsonValue& output, void* result) { static_cast<std::optional<std::string>*>(result)->emplace(output.dump()); },
      &out,
      true};
  if (std::optional<Error> error = detail::callJson(*core_, call, protocol_)) return std::move(*error);
  return std::move(*out);
}

}  // namespace awsdirect
