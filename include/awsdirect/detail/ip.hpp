#pragma once
// Host names, IP addresses and CIDR blocks, read one way everywhere: EC2's ingress rules, S3's
// bucket names and addressing, endpoint URLs.
#include <string_view>

#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

// Dotted decimal as inet_pton reads it: four numbers from 0 to 255 without leading zeros
// ("10.0.0.1"; "010.0.0.1" is no address, since some readers take 010 as octal).
AWSDIRECT_DECL bool isIpv4Address(std::string_view text);
// RFC 4291 section 2.2 text forms: eight groups of 1-4 hex digits, one "::" standing for one or
// more zero groups, and optionally an IPv4 address in place of the last two groups.
AWSDIRECT_DECL bool isIpv6Address(std::string_view text);
// "address/prefix", the prefix a decimal number without a leading zero, at most 32 or 128.
AWSDIRECT_DECL bool isIpv4Cidr(std::string_view text);
AWSDIRECT_DECL bool isIpv6Cidr(std::string_view text);
// A DNS host name: dot-separated labels of 1-63 letters, digits and hyphens, not starting or
// ending with a hyphen, 255 characters at most; a final dot is allowed.
AWSDIRECT_DECL bool isDnsName(std::string_view host);

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/ip.ipp"
#endif
