// Definitions of <awsdirect/detail/json.hpp>.
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include "../../error.hpp"
#include "../text.hpp"

namespace awsdirect {
namespace detail {

JsonValue::JsonValue(double value) : type_(Type::Number) {
  if (!std::isfinite(value)) throw std::invalid_argument("awsdirect::JsonValue: a JSON number must be finite");
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  text_.assign(buffer, result.ptr);
}

JsonValue JsonValue::array(Array items) {
  JsonValue v;
  v.type_ = Type::Array;
  v.array_ = std::move(items);
  return v;
}

JsonValue JsonValue::object(Object members) {
  JsonValue v;
  v.type_ = Type::Object;
  for (auto& member : members) {
    if (v.find(member.first)) throw std::invalid_argument("awsdirect::JsonValue: duplicate member name");
    v.object_.push_back(std::move(member));
  }
  return v;
}

const JsonValue* JsonValue::find(std::string_view name) const {
  expect(Type::Object);
  for (const auto& member : object_)
    if (member.first == name) return &member.second;
  return nullptr;
}

const JsonValue& JsonValue::at(std::string_view name) const {
  if (const JsonValue* found = find(name)) return *found;
  throw ParseError(
      makeError(ErrorKind::Parse, "JsonMissingMember", "JSON object has no member \"" + std::string(name) + "\""));
}

JsonValue& JsonValue::set(std::string name, JsonValue value) {
  expect(Type::Object);
  for (auto& member : object_)
    if (member.first == name) {
      member.second = std::move(value);
      return *this;
    }
  object_.emplace_back(std::move(name), std::move(value));
  return *this;
}

JsonValue& JsonValue::push(JsonValue value) {
  expect(Type::Array);
  array_.push_back(std::move(value));
  return *this;
}

std::string JsonValue::dump() const {
  std::string out;
  dumpTo(out);
  return out;
}

bool JsonValue::equals(const JsonValue& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::Null: return true;
    case Type::Boolean: return boolean_ == other.boolean_;
    case Type::Number: return text_ == other.text_ || sameNumber(text_, other.text_);
    case Type::String: return text_ == other.text_;
    case Type::Array: return array_ == other.array_;
    case Type::Object: return object_ == other.object_;
  }
  return false;
}

const char* JsonValue::typeName(Type type) noexcept {
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

bool JsonValue::sameNumber(const std::string& a, const std::string& b) noexcept {
  double x = 0, y = 0;
  return std::from_chars(a.data(), a.data() + a.size(), x).ec == std::errc() &&
         std::from_chars(b.data(), b.data() + b.size(), y).ec == std::errc() && x == y;
}

void JsonValue::expect(Type wanted) const {
  if (type_ != wanted)
    throw ParseError(makeError(ErrorKind::Parse, "JsonTypeMismatch",
                               std::string("expected a JSON ") + typeName(wanted) + ", found a " + typeName(type_)));
}

// The length of the JSON number at the start of `text`, or 0 when there is none.
AWSDIRECT_DECL std::size_t jsonNumberLength(std::string_view text) {
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

AWSDIRECT_DECL void appendUtf8(std::string& out, std::uint32_t codePoint) {
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
    std::size_t length = jsonNumberLength(text_.substr(pos_));
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
        std::size_t length = utf8SequenceLength(text_.substr(pos_));
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
          appendUtf8(out, unit);
          break;
        }
        default: --pos_; fail("invalid escape sequence");
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

JsonValue JsonValue::parse(std::string_view text) { return JsonReader(text).document(); }

JsonValue JsonValue::number(std::string_view text) {
  if (text.empty() || jsonNumberLength(text) != text.size())
    throw std::invalid_argument("awsdirect::JsonValue::number: not a JSON number");
  JsonValue v;
  v.type_ = Type::Number;
  v.text_ = std::string(text);
  return v;
}

double JsonValue::asDouble() const {
  expect(Type::Number);
  double value = 0;
  auto result = std::from_chars(text_.data(), text_.data() + text_.size(), value);
  if (result.ec == std::errc::result_out_of_range)
    throw ParseError(makeError(ErrorKind::Parse, "JsonNumberOutOfRange", "JSON number " + text_ + " is out of range"));
  return value;
}

std::int64_t JsonValue::asInt64() const {
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

AWSDIRECT_DECL void appendJsonString(std::string& out, const std::string& value) {
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
void JsonValue::dumpTo(std::string& out) const {
  switch (type_) {
    case Type::Null: out += "null"; return;
    case Type::Boolean: out += boolean_ ? "true" : "false"; return;
    case Type::Number: out += text_; return;
    case Type::String: appendJsonString(out, text_); return;
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
        appendJsonString(out, object_[i].first);
        out += ':';
        object_[i].second.dumpTo(out);
      }
      out += '}';
      return;
  }
}

}  // namespace detail
}  // namespace awsdirect
