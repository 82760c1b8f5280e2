#pragma once
// Text helpers every layer uses, each written once: ASCII case, comparison ignoring case,
// trimming, quoting for messages, and UTF-8 well-formedness.
#include <cstddef>
#include <string>
#include <string_view>

#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

constexpr char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr char asciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
// Space, tab, line feed, carriage return, form feed, vertical tab.
constexpr bool isAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Equal ignoring ASCII case; allocates nothing.
AWSDIRECT_DECL bool equalsIgnoreCase(std::string_view a, std::string_view b);
// <0, 0 or >0 as a sorts before, with or after b ignoring ASCII case.
AWSDIRECT_DECL int compareIgnoreCase(std::string_view a, std::string_view b);
AWSDIRECT_DECL bool startsWithIgnoreCase(std::string_view text, std::string_view prefix);
inline bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
inline bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
AWSDIRECT_DECL std::string toLower(std::string_view text);
// Without leading and trailing ASCII white space.
AWSDIRECT_DECL std::string_view trim(std::string_view text);

// 'text', for messages that name a value of the user's.
AWSDIRECT_DECL std::string quote(std::string_view text);
// 'text' with control characters shown as '?', for values that may hold anything.
AWSDIRECT_DECL std::string printable(std::string_view text);

// The length of the well-formed UTF-8 sequence at the start of `text` (overlong forms,
// surrogates and code points above U+10FFFF are not well formed), or 0.
AWSDIRECT_DECL std::size_t utf8SequenceLength(std::string_view text);
AWSDIRECT_DECL bool isValidUtf8(std::string_view text);
// Characters, not bytes (a UTF-8 continuation byte is not one): how AWS's length limits count,
// and how wide a terminal shows a text.
AWSDIRECT_DECL std::size_t characterCount(std::string_view text);

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/text.ipp"
#endif
