#pragma once
// The one URI encoder of awsdirect. The signer and every serializer use it, so what is signed is
// byte for byte what is sent.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace awsdirect {

namespace detail {

// RFC 3986 unreserved characters: the only bytes AWS wants left as they are.
constexpr std::array<bool, 256> makeUnreservedTable() {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  table['-'] = table['_'] = table['.'] = table['~'] = true;
  return table;
}
inline constexpr std::array<bool, 256> kUnreserved = makeUnreservedTable();

// The value of a hex digit (either case), or -1.
constexpr std::array<signed char, 256> makeHexValueTable() {
  std::array<signed char, 256> table{};
  for (auto& v : table) v = -1;
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<signed char>(c - '0');
  for (int c = 'A'; c <= 'F'; ++c) table[c] = static_cast<signed char>(c - 'A' + 10);
  for (int c = 'a'; c <= 'f'; ++c) table[c] = static_cast<signed char>(c - 'a' + 10);
  return table;
}
inline constexpr std::array<signed char, 256> kHexValue = makeHexValueTable();

inline constexpr char kUpperHexDigits[] = "0123456789ABCDEF";

inline bool passesUnencoded(unsigned char c, bool keepSlash) { return kUnreserved[c] || (keepSlash && c == '/'); }

}  // namespace detail

namespace detail {
// The one encoding loop behind uriEncodeAppend and formEncodeAppend. Sizes exactly first, then
// writes through a pointer: one allocation at most, no per-byte push_back.
inline void percentEncodeAppend(std::string& out, std::string_view s, bool keepSlash, bool spaceAsPlus) {
  std::size_t encodedSize = 0;
  for (unsigned char c : s) encodedSize += passesUnencoded(c, keepSlash) || (spaceAsPlus && c == ' ') ? 1 : 3;
  const std::size_t start = out.size();
  out.resize(start + encodedSize);
  char* p = &out[start];
  for (unsigned char c : s) {
    if (passesUnencoded(c, keepSlash)) {
      *p++ = static_cast<char>(c);
    } else if (spaceAsPlus && c == ' ') {
      *p++ = '+';
    } else {
      *p++ = '%';
      *p++ = kUpperHexDigits[c >> 4];
      *p++ = kUpperHexDigits[c & 0x0F];
    }
  }
}
}  // namespace detail

// Appends `s` percent-encoded: RFC 3986 unreserved bytes (A-Z a-z 0-9 - _ . ~) pass through, and
// '/' too when keepSlash; every other byte becomes %XX with uppercase hex. Bytes, not characters:
// UTF-8 text comes out as one %XX per byte.
inline void uriEncodeAppend(std::string& out, std::string_view s, bool keepSlash = false) {
  detail::percentEncodeAppend(out, s, keepSlash, /*spaceAsPlus=*/false);
}

// Appends `s` as application/x-www-form-urlencoded, the way botocore writes a Query body
// (Python's urlencode): as uriEncodeAppend, except that a space becomes '+'. AWS reads both
// forms, but a verifier that re-encodes the parsed form (as moto does) matches only this one.
inline void formEncodeAppend(std::string& out, std::string_view s) {
  detail::percentEncodeAppend(out, s, /*keepSlash=*/false, /*spaceAsPlus=*/true);
}

inline std::string uriEncode(std::string_view s, bool keepSlash = false) {
  std::string out;
  uriEncodeAppend(out, s, keepSlash);
  return out;
}

// Decodes every %XX (either hex case). '+' stays '+' (this is not form decoding), and a '%' not
// followed by two hex digits is kept as it is.
inline std::string uriDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int high = detail::kHexValue[static_cast<unsigned char>(s[i + 1])];
      const int low = detail::kHexValue[static_cast<unsigned char>(s[i + 2])];
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace awsdirect
