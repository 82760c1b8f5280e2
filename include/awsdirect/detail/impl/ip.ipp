// Definitions of <awsdirect/detail/ip.hpp>.
#include <cstddef>

namespace awsdirect {
namespace detail {

// A decimal number of 1 to `maxDigits` digits into `value`; a leading zero only when
// `leadingZeroAllowed` or the number is 0.
AWSDIRECT_DECL bool parseIpDecimal(std::string_view text, std::size_t maxDigits, bool leadingZeroAllowed, int& value) {
  if (text.empty() || text.size() > maxDigits || (!leadingZeroAllowed && text.size() > 1 && text[0] == '0'))
    return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

AWSDIRECT_DECL bool isIpHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// "address/prefix" with the prefix at most `maxPrefix`; the address part into `address`.
AWSDIRECT_DECL bool splitCidr(std::string_view cidr, int maxPrefix, std::string_view& address) {
  const std::size_t slash = cidr.find('/');
  if (slash == std::string_view::npos) return false;
  int prefix = 0;
  if (!parseIpDecimal(cidr.substr(slash + 1), 3, false, prefix) || prefix > maxPrefix) return false;
  address = cidr.substr(0, slash);
  return true;
}

bool isIpv4Address(std::string_view text) {
  int parts = 0;
  for (;;) {
    const std::size_t dot = text.find('.');
    int octet = 0;
    if (!parseIpDecimal(text.substr(0, dot), 3, false, octet) || octet > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool isIpv6Address(std::string_view text) {
  if (text.empty()) return false;
  const std::size_t gap = text.find("::");
  if (gap != std::string_view::npos && text.find("::", gap + 1) != std::string_view::npos) return false;
  auto countGroups = [](std::string_view part, bool mayEndInIpv4, int& groups) {
    groups = 0;
    if (part.empty()) return true;
    for (;;) {
      const std::size_t colon = part.find(':');
      const std::string_view group = part.substr(0, colon);
      if (colon == std::string_view::npos && mayEndInIpv4 && group.find('.') != std::string_view::npos) {
        if (!isIpv4Address(group)) return false;
        groups += 2;
        return true;
      }
      if (group.empty() || group.size() > 4) return false;
      for (char c : group)
        if (!isIpHexDigit(c)) return false;
      ++groups;
      if (colon == std::string_view::npos) return true;
      part.remove_prefix(colon + 1);
    }
  };
  int head = 0, tail = 0;
  if (gap == std::string_view::npos) return countGroups(text, true, head) && head == 8;
  if (!countGroups(text.substr(0, gap), false, head) || !countGroups(text.substr(gap + 2), true, tail)) return false;
  return head + tail <= 7;
}

bool isIpv4Cidr(std::string_view text) {
  std::string_view address;
  return splitCidr(text, 32, address) && isIpv4Address(address);
}

bool isIpv6Cidr(std::string_view text) {
  std::string_view address;
  return splitCidr(text, 128, address) && isIpv6Address(address);
}

bool isDnsName(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > 255) return false;
  while (!host.empty()) {
    const std::size_t dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
    if (host.empty()) return false;
  }
  return true;
}

}  // namespace detail
}  // namespace awsdirect
