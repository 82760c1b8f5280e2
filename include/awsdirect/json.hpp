#pragma once
// A small, strict JSON reader and writer (RFC 8259) for the JSON that reaches awsdirect:
// credential_process output, IAM policy documents. Numbers keep the text they were written
// with, so a large integer or a precise decimal survives a read and a write unchanged.
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "error.hpp"

namespace awsdirect {

namespace detail {
class JsonReader;
}

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
  JsonValue(double value) : type_(Type::Number) {
    if (!std::isfinite(value)) throw std::invalid_argument("awsdirect::JsonValue: a JSON number must be finite");
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    text_.assign(buffer, result.ptr);
  }
  JsonValue(std::string value) : type_(Type::String), text_(std::move(value)) {}
  JsonValue(const char* value) : type_(Type::String), text_(value) {}
  JsonValue(std::string_view value) : type_(Type::String), text_(value) {}

  static JsonValue array(Array items = {}) {
    JsonValue v;
    v.type_ = Type::Array;
    v.array_ = std::move(items);
    return v;
  }
  // Throws std::invalid_argument when two members share a name.
  static JsonValue object(Object members = {}) {
    JsonValue v;
    v.type_ = Type::Object;
    for (auto& member : members) {
      if (v.find(member.first)) throw std::invalid_argument("awsdirect::JsonValue: duplicate member name");
      v.object_.push_back(std::move(member));
    }
    return v;
  }
  // A number from its JSON text ("12", "-0.5e3"); throws std::invalid_argument when it is not one.
  static JsonValue number(std::string_view text);

  // Parses a whole document. Throws ParseError (code "InvalidJson") saying where and what was
  // expected; the message never quotes the document, which may hold a secret.
  static JsonValue parse(std::string_view text);

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
  double asDouble() const;
  // Also accepts an integral value written with a fraction or exponent ("1.0", "2e3").
  std::int64_t asInt64() const;
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
  const JsonValue* find(std::string_view name) const {
    expect(Type::Object);
    for (const auto& member : object_)
      if (member.first == name) return &member.second;
    return nullptr;
  }
  // The member called `name`; throws ParseError (code "JsonMissingMember") naming it when absent.
  const JsonValue& at(std::string_view name) const {
    if (const JsonValue* found = find(name)) return *found;
    throw ParseError(
        makeError(ErrorKind::Parse, "JsonMissingMember", "JSON object has no member \"" + std::string(name) + "\""));
  }
  // Sets member `name`, keeping its place when it exists, else appending it.
  JsonValue& set(std::string name, JsonValue value) {
    expect(Type::Object);
    for (auto& member : object_)
      if (member.first == name) {
        member.second = std::move(value);
        return *this;
      }
    object_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  JsonValue& push(JsonValue value) {
    expect(Type::Array);
    array_.push_back(std::move(value));
    return *this;
  }
  // Elements of an array or members of an object; 0 for anything else.
  std::size_t size() const noexcept {
    return type_ == Type::Array ? array_.size() : type_ == Type::Object ? object_.size() : 0;
  }

  // Compact JSON text; strings are escaped, non-ASCII UTF-8 is written as is.
  std::string dump() const {
    std::string out;
    dumpTo(out);
    return out;
  }

  friend bool operator==(const JsonValue& a, const JsonValue& b) {
    if (a.type_ != b.type_) return false;
    switch (a.type_) {
      case Type::Null: return true;
      case Type::Boolean: return a.boolean_ == b.boolean_;
      case Type::Number: return a.text_ == b.text_ || sameNumber(a.text_, b.text_);
      case Type::String: return a.text_ == b.text_;
      case Type::Array: return a.array_ == b.array_;
      case Type::Object: return a.object_ == b.object_;
    }
    return false;
  }
  friend bool operator!=(const JsonValue& a, const JsonValue& b) { return !(a == b); }

  static const char* typeName(Type type) noexcept {
    switch (type) {
      case Type::Null: return "null";
      case Type::Boolean: return "boolean";
      case Type::Number: return "number";
      case Type::String: return "string";
      case Type::Array: return "array";
      case Type::Object: return "object";
    }
    return "value";
  }

 private:
  friend class detail::JsonReader;

  static bool sameNumber(const std::string& a, const std::string& b) noexcept {
    double x = 0, y = 0;
    return std::from_chars(a.data(), a.data() + a.size(), x).ec == std::errc() &&
           std::from_chars(b.data(), b.data() + b.size(), y).ec == std::errc() && x == y;
  }

  void expect(Type wanted) const {
    if (type_ != wanted)
      throw ParseError(makeError(ErrorKind::Parse, "JsonTypeMismatch",
                                 std::string("expected a JSON ") + typeName(wanted) + ", found a " + typeName(type_)));
  }
  void dumpTo(std::string& out) const;

  Type type_ = Type::Null;
  bool boolean_ = false;
  std::string text_;  // a string's value, or a number's JSON text
  Array array_;
  Object object_;
};

namespace detail {

// The length of the JSON number at the start of `text`, or 0 when there is none.
inline std::size_t jsonNumberLength(std::string_view text) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return 0;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return 0;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return 0;
  }
  return i;
}

inline void appendUtf8(std::string& out, std::uint32_t codePoint) {
  if (codePoint < 0x80) {
    out += static_cast<char>(codePoint);
  } else if (codePoint < 0x800) {
    out += static_cast<char>(0xC0 | (codePoint >> 6));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    out += static_cast<char>(0xE0 | (codePoint >> 12));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (codePoint >> 18));
    out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  }
}

// The length of the well-formed UTF-8 sequence at the start of `text` (overlong forms,
// surrogates and code points above U+10FFFF are not well formed), or 0.
inline std::size_t utf8SequenceLength(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// Recursive descent over the RFC 8259 grammar; nothing lenient (no comments, trailing commas,
// single quotes, NaN, duplicate member names or lone surrogates).
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  JsonValue document() {
    skipWhitespace();
    JsonValue value = readValue(0);
    skipWhitespace();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw ParseError(
        makeError(ErrorKind::Parse, "InvalidJson",
                  "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what));
  }

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skipWhitespace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  void expectLiteral(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) fail("expected a JSON value");
    pos_ += literal.size();
  }

  JsonValue readValue(int depth) {
    if (atEnd()) fail("unexpected end of input, expected a value");
    switch (peek()) {
      case '{': return readObject(depth + 1);
      case '[': return readArray(depth + 1);
      case '"': return JsonValue(readString());
      case 't': expectLiteral("true"); return JsonValue(true);
      case 'f': expectLiteral("false"); return JsonValue(false);
      case 'n': expectLiteral("null"); return JsonValue();
      default: break;
    }
    std::size_t length = detail::jsonNumberLength(text_.substr(pos_));
    if (length == 0) fail("expected a JSON value");
    JsonValue number;
    number.type_ = JsonValue::Type::Number;
    number.text_ = std::string(text_.substr(pos_, length));
    pos_ += length;
    return number;
  }

  JsonValue readObject(int depth) {
    if (depth > JsonValue::maxDepth) fail("nesting deeper than " + std::to_string(JsonValue::maxDepth));
    ++pos_;  // '{'
    JsonValue object = JsonValue::object();
    skipWhitespace();
    if (!atEnd() && peek() == '}') {
      ++pos_;
      return object;
    }
    for (;;) {
      skipWhitespace();
      if (atEnd() || peek() != '"') fail("expected a member name in double quotes");
      std::size_t nameAt = pos_;
      std::string name = readString();
      if (object.find(name)) {
        pos_ = nameAt;
        fail("duplicate member name");
      }
      skipWhitespace();
      if (atEnd() || peek() != ':') fail("expected ':' after a member name");
      ++pos_;
      skipWhitespace();
      object.object_.emplace_back(std::move(name), readValue(depth));
      skipWhitespace();
      if (atEnd()) fail("unexpected end of input, expected ',' or '}'");
      if (peek() == '}') {
        ++pos_;
        return object;
      }
      if (peek() != ',') fail("expected ',' or '}'");
      ++pos_;
    }
  }

  JsonValue readArray(int depth) {
    if (depth > JsonValue::maxDepth) fail("nesting deeper than " + std::to_string(JsonValue::maxDepth));
    ++pos_;  // '['
    JsonValue array = JsonValue::array();
    skipWhitespace();
    if (!atEnd() && peek() == ']') {
      ++pos_;
      return array;
    }
    for (;;) {
      skipWhitespace();
      array.array_.push_back(readValue(depth));
      skipWhitespace();
      if (atEnd()) fail("unexpected end of input, expected ',' or ']'");
      if (peek() == ']') {
        ++pos_;
        return array;
      }
      if (peek() != ',') fail("expected ',' or ']'");
      ++pos_;
    }
  }

  std::uint32_t readHex4() {
    if (text_.size() - pos_ < 4) fail("expected four hex digits after \\u");
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      else {
        --pos_;
        fail("expected four hex digits after \\u");
      }
    }
    return value;
  }

  std::string readString() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (atEnd()) fail("unterminated string");
      char c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string must be escaped");
      if (c != '\\') {
        std::size_t length = detail::utf8SequenceLength(text_.substr(pos_));
        if (length == 0) fail("invalid UTF-8 in a string");
        out.append(text_.substr(pos_, length));
        pos_ += length;
        continue;
      }
      ++pos_;
      if (atEnd()) fail("unterminated escape sequence");
      char escape = text_[pos_++];
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t unit = readHex4();
          if (unit >= 0xDC00 && unit <= 0xDFFF) fail("unpaired low surrogate in \\u escape");
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail("high surrogate not followed by a low surrogate");
            pos_ += 2;
            std::uint32_t low = readHex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("high surrogate not followed by a low surrogate");
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          }
          detail::appendUtf8(out, unit);
          break;
        }
        default: --pos_; fail("invalid escape sequence");
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace detail

inline JsonValue JsonValue::parse(std::string_view text) { return detail::JsonReader(text).document(); }

inline JsonValue JsonValue::number(std::string_view text) {
  if (text.empty() || detail::jsonNumberLength(text) != text.size())
    throw std::invalid_argument("awsdirect::JsonValue::number: not a JSON number");
  JsonValue v;
  v.type_ = Type::Number;
  v.text_ = std::string(text);
  return v;
}

inline double JsonValue::asDouble() const {
  expect(Type::Number);
  double value = 0;
  auto result = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (result.ec == std::errc::result_out_of_range)
    throw ParseError(makeError(ErrorKind::Parse, "JsonNumberOutOfRange", "JSON number " + text_ + " is out of range"));
  return value;
}

inline std::int64_t JsonValue::asInt64() const {
  expect(Type::Number);
  std::int64_t value = 0;
  auto result = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (result.ec == std::errc() && result.ptr == text_.data() + text_.size()) return value;
  auto notInteger = [&] {
    return ParseError(
        makeError(ErrorKind::Parse, "JsonNumberOutOfRange", "JSON number " + text_ + " is not a 64-bit integer"));
  };
  if (result.ec == std::errc::result_out_of_range) throw notInteger();
  double asFloating = asDouble();
  // 2^63 is exactly representable; every double below it in magnitude fits an int64.
  if (asFloating != std::floor(asFloating) || asFloating >= 9223372036854775808.0 ||
      asFloating < -9223372036854775808.0)
    throw notInteger();
  return static_cast<std::int64_t>(asFloating);
}

namespace detail {
inline void appendJsonString(std::string& out, const std::string& value) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}
}  // namespace detail

inline void JsonValue::dumpTo(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; return;
    case Type::Boolean: out += boolean_ ? "true" : "false"; return;
    case Type::Number: out += text_; return;
    case Type::String: detail::appendJsonString(out, text_); return;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < array_.size(); ++i) {
        if (i) out += ',';
        array_[i].dumpTo(out);
      }
      out += ']';
      return;
    case Type::Object:
      out += '{';
      for (std::size_t i = 0; i < object_.size(); ++i) {
        if (i) out += ',';
        detail::appendJsonString(out, object_[i].first);
        out += ':';
        object_[i].second.dumpTo(out);
      }
      out += '}';
      return;
  }
}

}  // namespace awsdirect
