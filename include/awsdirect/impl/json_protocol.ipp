// Definitions of <awsdirect/json_protocol.hpp>.
#include <climits>
#include <cmath>
#include <cstring>

#include "../crypto.hpp"
#include "../fixtures/redaction.hpp"
#include "../time.hpp"

namespace awsdirect {
namespace detail {

const JsonValue* jsonMember(const JsonValue& object, const char* path) {
  const JsonValue* at = &object;
  for (const char* step = path;;) {
    const char* slash = std::strchr(step, '/');
    const std::string name = slash ? std::string(step, slash) : std::string(step);
    at = at->find(name);  // a ParseError when `at` is not an object
    if (!at || at->isNull()) return nullptr;
    if (!slash) return at;
    step = slash + 1;
  }
}

std::string jsonText(const JsonValue& value, FieldEncoding encoding) {
  const std::string& text = value.asString();
  // A blob a fixture redacted (SecretBinary) reads back as the placeholder, as a text would.
  if (encoding != FieldEncoding::Base64 || text == kRedacted) return text;
  std::optional<std::string> bytes = base64Decode(text);
  if (!bytes) throw ParseError(makeError(ErrorKind::Parse, "InvalidBase64", "a blob in the response is not base64"));
  return std::move(*bytes);
}

std::chrono::system_clock::time_point jsonTimestamp(const JsonValue& value) {
  if (value.isString()) {
    if (auto time = parseIso8601(value.asString())) return *time;
    throw ParseError(makeError(ErrorKind::Parse, "InvalidTimestamp",
                               "a timestamp in the response is neither a number of seconds nor ISO 8601"));
  }
  const double seconds = value.asDouble();
  // Milliseconds, as botocore keeps them; beyond +-2^53 ms a time is not one AWS sends.
  const double milliseconds = std::round(seconds * 1000.0);
  if (!(std::fabs(milliseconds) < 9007199254740992.0))
    throw ParseError(makeError(ErrorKind::Parse, "InvalidTimestamp", "a timestamp in the response is out of range"));
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::milliseconds(static_cast<long long>(milliseconds))));
}

int jsonInt32(const JsonValue& value) {
  const std::int64_t wide = value.asInt64();
  if (wide < INT_MIN || wide > INT_MAX)
    throw ParseError(makeError(ErrorKind::Parse, "JsonNumberOutOfRange",
                               "JSON number " + value.numberText() + " is not a 32-bit integer"));
  return static_cast<int>(wide);
}

std::uint64_t jsonSize(const JsonValue& value) {
  const std::int64_t wide = value.asInt64();
  if (wide < 0)
    throw ParseError(makeError(ErrorKind::Parse, "JsonNumberOutOfRange", "JSON number " + value.numberText() + " is negative"));
  return static_cast<std::uint64_t>(wide);
}

}  // namespace detail

void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<std::string>& value) {
  if (value) w.set(spec.wireName(), spec.blob ? base64Encode(*value) : *value);
  else if (spec.idempotencyToken) w.set(spec.wireName(), newUuid());  // as botocore fills one in
}

void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<Secret>& value) {
  if (value) w.set(spec.wireName(), spec.blob ? base64Encode(value->reveal()) : value->reveal());
}

void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<std::int64_t>& value) {
  if (value) w.set(spec.wireName(), *value);
}

void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<int>& value) {
  if (value) w.set(spec.wireName(), *value);
}

void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<bool>& value) {
  if (value) w.set(spec.wireName(), *value);
}

Error parseJsonErrorResponse(const HttpResponse& response) {
  Error e;
  e.kind = ErrorKind::Service;
  e.httpStatus = response.status;
  e.responseHeaders = response.headers;
  std::optional<detail::JsonValue> body;
  if (!response.body.empty()) {
    try {
      body = detail::JsonValue::parse(response.body);
    } catch (const ParseError&) {
      e.message = response.body;  // botocore: a body that is not JSON is the message
    }
  }
  if (body && body->isObject()) {
    auto text = [&](const char* name) -> std::string {
      const detail::JsonValue* member = body->find(name);
      return member && member->isString() ? member->asString() : std::string();
    };
    e.message = text("message");
    if (e.message.empty() && !body->find("message")) e.message = text("Message");
    std::string code = text("__type");
    if (const std::size_t colon = code.find(':'); colon != std::string::npos) code.resize(colon);
    if (const std::size_t hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
    e.code = code;
  }
  if (e.code.empty()) e.code = std::to_string(response.status);
  // A query-compatible service (SQS) names its Query error code in a header: "Code;Sender".
  if (const std::string* query = response.headers.get("x-amzn-query-error")) {
    const std::size_t semicolon = query->find(';');
    if (semicolon != std::string::npos && semicolon > 0 && query->find(';', semicolon + 1) == std::string::npos)
      e.code = query->substr(0, semicolon);
  }
  for (const char* header : {"x-amzn-RequestId", "x-amz-request-id"})
    if (const std::string* id = response.headers.get(header)) { e.requestId = *id; break; }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(response.status);
  return e;
}

}  // namespace awsdirect
