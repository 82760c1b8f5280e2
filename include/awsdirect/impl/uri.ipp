// Definitions of <awsdirect/uri.hpp>.
#include <array>
#include <cstddef>

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

// Sizes exactly first, then writes through a pointer: one allocation at most, no per-byte push_back.
void percentEncodeAppend(std::string& out, std::string_view s, bool keepSlash, bool spaceAsPlus) {
  auto passes = [keepSlash](unsigned char c) { return kUnreserved[c] || (keepSlash && c == '/'); };
  std::size_t encodedSize = 0;
  for (unsigned char c : s) encodedSize += passes(c) || (spaceAsPlus && c == ' ') ? 1 : 3;
  const std::size_t start = out.size();
  out.resize(start + encodedSize);
  char* p = &out[start];
  for (unsigned char c : s) {
    if (passes(c)) {
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

std::string uriEncode(std::string_view s, bool keepSlash) {
  std::string out;
  uriEncodeAppend(out, s, keepSlash);
  return out;
}

std::string uriDecode(std::string_view s) {
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

std::string formDecode(std::string_view s) {
  std::string spaced(s);
  for (char& c : spaced)
    if (c == '+') c = ' ';
  return uriDecode(spaced);
}

}  // namespace awsdirect
