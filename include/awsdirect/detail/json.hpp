#pragma once
// A small, strict JSON reader and writer (RFC 8259) for the JSON that reaches awsdirect:
// credential_process output, IAM policy documents. Numbers keep the text they were written
// with, so a large integer or a precise decimal survives a read and a write unchanged.
// Internal: awsdirect's own readers and writers use it; its interface may change.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

class JsonReader;

class JsonValue {
 public:
  enum class Type { Null, Boolean, Number, String, Array, Object };
  using Array = std::vector<JsonValue>;
  using Member = std::pair<std::string, JsonValue>;
  using Object = std::vector<Member>;  // in document order; names are unique

  // Nesting deeper than this is rejected, so hostile input cannot exhaust the stack.
  static constexpr int maxDepth = 256;

  JsonValue() = default;  // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool value) : type_(Type::Boolean), boolean_(value) {}
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool> &&
                                                !std::is_same_v<Integer, char>,
                                            int> = 0>
  JsonValue(Integer value) : type_(Type::Number), text_(std::to_string(value)) {}
  // Throws std::invalid_argument for NaN and infinities, which JSON cannot represent.
  AWSDIRECT_DECL JsonValue(double value);
  JsonValue(std::string value) : type_(Type::String), text_(std::move(value)) {}
  JsonValue(const char* value) : type_(Type::String), text_(value) {}
  JsonValue(std::string_view value) : type_(Type::String), text_(value) {}

  AWSDIRECT_DECL static JsonValue array(Array items = {});
  // Throws std::invalid_argument when two members share a name.
  AWSDIRECT_DECL static JsonValue object(Object members = {});
  // A number from its JSON text ("12", "-0.5e3"); throws std::invalid_argument when it is not one.
  AWSDIRECT_DECL static JsonValue number(std::string_view text);

  // Parses a whole document. Throws ParseError (code "InvalidJson") saying where and what was
  // expected; the message never quotes the document, which may hold a secret.
  AWSDIRECT_DECL static JsonValue parse(std::string_view text);

  Type type() const noexcept { return type_; }
  bool isNull() const noexcept { return type_ == Type::Null; }
  bool isBool() const noexcept { return type_ == Type::Boolean; }
  bool isNumber() const noexcept { return type_ == Type::Number; }
  bool isString() const noexcept { return type_ == Type::String; }
  bool isArray() const noexcept { return type_ == Type::Array; }
  bool isObject() const noexcept { return type_ == Type::Object; }

  // The accessors throw ParseError (code "JsonTypeMismatch") when the value has another type.
  bool asBool() const {
    expect(Type::Boolean);
    return boolean_;
  }
  const std::string& asString() const {
    expect(Type::String);
    return text_;
  }
  const std::string& numberText() const {
    expect(Type::Number);
    return text_;
  }
  AWSDIRECT_DECL double asDouble() const;
  // Also accepts an integral value written with a fraction or exponent ("1.0", "2e3").
  AWSDIRECT_DECL std::int64_t asInt64() const;
  const Array& asArray() const {
    expect(Type::Array);
    return array_;
  }
  Array& asArray() {
    expect(Type::Array);
    return array_;
  }
  const Object& asObject() const {
    expect(Type::Object);
    return object_;
  }

  // The member called `name`, or nullptr. Throws when this is not an object.
  AWSDIRECT_DECL const JsonValue* find(std::string_view name) const;
  // The member called `name`; throws ParseError (code "JsonMissingMember") naming it when absent.
  AWSDIRECT_DECL const JsonValue& at(std::string_view name) const;
  // Sets member `name`, keeping its place when it exists, else appending it.
  AWSDIRECT_DECL JsonValue& set(std::string name, JsonValue value);
  AWSDIRECT_DECL JsonValue& push(JsonValue value);
  // Elements of an array or members of an object; 0 for anything else.
  std::size_t size() const noexcept {
    return type_ == Type::Array ? array_.size() : type_ == Type::Object ? object_.size() : 0;
  }

  // Compact JSON text; strings are escaped, non-ASCII UTF-8 is written as is.
  AWSDIRECT_DECL std::string dump() const;

  AWSDIRECT_DECL bool equals(const JsonValue& other) const;
  friend bool operator==(const JsonValue& a, const JsonValue& b) { return a.equals(b); }
  friend bool operator!=(const JsonValue& a, const JsonValue& b) { return !a.equals(b); }

  AWSDIRECT_DECL static const char* typeName(Type type) noexcept;

 private:
  friend class detail::JsonReader;

  AWSDIRECT_DECL static bool sameNumber(const std::string& a, const std::string& b) noexcept;

  AWSDIRECT_DECL void expect(Type wanted) const;
  AWSDIRECT_DECL void dumpTo(std::string& out) const;

  Type type_ = Type::Null;
  bool boolean_ = false;
  std::string text_;  // a string's value, or a number's JSON text
  Array array_;
  Object object_;
};

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/json.ipp"
#endif
