#pragma once
// AWS's JSON protocol (Secrets Manager, the Redshift Data API; DynamoDB, Glue, Athena and
// CloudWatch Logs speak it too): a call is a POST to "/" of the operation's input as one JSON
// object, named by the X-Amz-Target header ("secretsmanager.CreateSecret"), as
// application/x-amz-json-1.1 (or 1.0); the answer is the output as one JSON object, and an error
// is {"__type": "...#Code", "message": "..."}.
//
// Requests are declared as for the other protocols (request.hpp): each member once, its API
// name being its JSON name. Results are read by the same `fields()` declarations as XML results
// (result.hpp): a field's name is its JSON member's, a path ("RotationRules/Duration") reaches
// into an object. The JSON text is read and written by the library's own reader (detail/json.hpp:
// strict RFC 8259, numbers kept as written, fuzzed), not a second JSON library.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "detail/json.hpp"
#include "error.hpp"
#include "http.hpp"
#include "request.hpp"
#include "result.hpp"
#include "secret.hpp"

namespace awsdirect {

// Which JSON service, on the wire: {"secretsmanager", "1.1"} sends X-Amz-Target:
// secretsmanager.CreateSecret with Content-Type: application/x-amz-json-1.1.
struct JsonProtocol {
  std::string targetPrefix;
  std::string version = "1.1";
};

// A request's input object, as the declared members write it.
class JsonWriter {
 public:
  JsonWriter() : body_(detail::JsonValue::object()) {}
  void set(const char* name, detail::JsonValue value) { body_.set(name, std::move(value)); }
  const detail::JsonValue& body() const { return body_; }
  std::string text() const { return body_.dump(); }

 private:
  detail::JsonValue body_;
};

namespace detail {

template <class T, class = void>
struct ReadsJson : std::false_type {};
template <class T>
struct ReadsJson<T, std::void_t<decltype(T::fromJson(std::declval<const JsonValue&>()))>> : std::true_type {};

template <class T>
struct IsStringMap : std::false_type {};
template <class V>
struct IsStringMap<std::map<std::string, V>> : std::true_type {};

// The member `path` names ("A" or "A/B"), or nullptr when absent or null (botocore reads a null
// as absent). Throws ParseError when a step on the way is not an object.
AWSDIRECT_DECL const JsonValue* jsonMember(const JsonValue& object, const char* path);
// A string's text, base64-decoded for a blob; ParseError when it is not a string (or not base64).
AWSDIRECT_DECL std::string jsonText(const JsonValue& value, FieldEncoding encoding);
// A timestamp as the JSON protocol sends it: seconds since 1970 (a number, maybe with a
// fraction), or as text in ISO 8601 (botocore reads both).
AWSDIRECT_DECL std::chrono::system_clock::time_point jsonTimestamp(const JsonValue& value);
AWSDIRECT_DECL int jsonInt32(const JsonValue& value);
AWSDIRECT_DECL std::uint64_t jsonSize(const JsonValue& value);

template <class T, class F>
void readJsonField(const JsonValue& object, const F& f, T& item);

template <class M>
void readJsonValue(const JsonValue& value, FieldEncoding encoding, M& out) {
  if constexpr (IsOptional<M>::value) {
    typename M::value_type present{};
    readJsonValue(value, encoding, present);
    out = std::move(present);
  } else if constexpr (std::is_same_v<M, TimePoint>) {
    out = jsonTimestamp(value);
  } else if constexpr (std::is_same_v<M, std::string>) {
    out = jsonText(value, encoding);
  } else if constexpr (std::is_same_v<M, Secret>) {
    out = Secret(jsonText(value, encoding));
  } else if constexpr (std::is_same_v<M, bool>) {
    out = value.asBool();
  } else if constexpr (std::is_same_v<M, int>) {
    out = jsonInt32(value);
  } else if constexpr (std::is_same_v<M, std::int64_t>) {
    out = value.asInt64();
  } else if constexpr (std::is_same_v<M, std::uint64_t>) {
    out = jsonSize(value);
  } else if constexpr (std::is_same_v<M, double>) {
    out = value.asDouble();
  } else if constexpr (IsVector<M>::value) {
    for (const JsonValue& element : value.asArray()) {
      typename M::value_type item{};
      readJsonValue(element, encoding, item);
      out.push_back(std::move(item));
    }
  } else if constexpr (IsStringMap<M>::value) {
    for (const auto& [name, element] : value.asObject()) readJsonValue(element, encoding, out[name]);
  } else if constexpr (ReadsJson<M>::value) {
    out = M::fromJson(value);
  } else {
    static_assert(HasFields<M>::value, "a JSON result member is a scalar, a list, a map or a type with fields()");
    value.asObject();  // a ParseError naming the type found when it is not an object
    forEachOf(M::fields(), [&](const auto& f) { readJsonField(value, f, out); });
  }
}

template <class T, class F>
void readJsonField(const JsonValue& object, const F& f, T& item) {
  if (!*f.name) return readJsonValue(object, f.encoding, item.*(f.member));  // an inline field
  if (const JsonValue* value = jsonMember(object, f.name)) readJsonValue(*value, f.encoding, item.*(f.member));
}

// ---- writing ---------------------------------------------------------------------------------

template <class T>
JsonValue toJson(const T& value);

// A structure's declared fields, those given: text and numbers always, optionals when present,
// lists when not empty.
template <class T>
JsonValue fieldsToJson(const T& value) {
  JsonValue object = JsonValue::object();
  auto add = [&](const auto& f) {
    const auto& member = value.*(f.member);
    using M = std::decay_t<decltype(member)>;
    if constexpr (IsOptional<M>::value) {
      if (member) object.set(f.name, toJson(*member));
    } else if constexpr (IsVector<M>::value) {
      if (!member.empty()) object.set(f.name, toJson(member));
    } else {
      object.set(f.name, toJson(member));
    }
  };
  forEachOf(T::fields(), add);
  return object;
}

template <class T>
JsonValue toJson(const T& value) {
  if constexpr (std::is_same_v<T, Secret>) {
    return JsonValue(value.reveal());
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_arithmetic_v<T>) {
    return JsonValue(value);
  } else if constexpr (IsVector<T>::value) {
    JsonValue array = JsonValue::array();
    for (const auto& item : value) array.push(toJson(item));
    return array;
  } else {
    static_assert(HasFields<T>::value, "a JSON request member is text, a number, a list or a type with fields()");
    return fieldsToJson(value);
  }
}

}  // namespace detail

// ---- Declared members on the wire (request.hpp) ------------------------------------------------
// Name: value, with the JSON type of the member's; a blob in base64; a list as an array (nothing
// for an empty one); a structure, or a list of them, by the fields() it declares.
AWSDIRECT_DECL void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<std::string>& value);
AWSDIRECT_DECL void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<Secret>& value);
AWSDIRECT_DECL void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<std::int64_t>& value);
AWSDIRECT_DECL void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<int>& value);
AWSDIRECT_DECL void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<bool>& value);

template <class T>
void writeMember(JsonWriter& w, const MemberSpec& spec, const std::vector<T>& items) {
  if (!items.empty()) w.set(spec.wireName(), detail::toJson(items));
}
template <class T>
void writeMember(JsonWriter& w, const MemberSpec& spec, const std::optional<T>& structure) {
  if (structure) w.set(spec.wireName(), detail::toJson(*structure));
}

// Every declared member of `request`, as the JSON protocol writes it.
template <class Request>
void writeRequest(const Request& request, JsonWriter& w) {
  request.forEachMember([&w](const MemberSpec& spec, const auto& value) { writeMember(w, spec, value); });
}

// A result read from the output object: every declared field, absent (or null) ones left as they start.
template <class T>
T readJsonResult(const detail::JsonValue& output) {
  T result{};
  detail::readJsonValue(output, FieldEncoding::None, result);
  return result;
}

// The error in a JSON protocol's error response, as botocore reads it: the code from "__type"
// (what follows '#', what precedes ':'), else the HTTP status; the message from "message" or
// "Message"; the request id from x-amzn-RequestId. A body that is not JSON is the message.
AWSDIRECT_DECL Error parseJsonErrorResponse(const HttpResponse& response);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/json_protocol.ipp"
#endif
