#pragma once
// The one URI encoder of awsdirect. The signer and every serializer use it, so what is signed is
// byte for byte what is sent.
#include <string>
#include <string_view>

#include "detail/build_mode.hpp"

namespace awsdirect {

namespace detail {
// The one encoding loop behind uriEncodeAppend and formEncodeAppend: RFC 3986 unreserved bytes
// (and '/' when keepSlash) pass, a space becomes '+' when spaceAsPlus, every other byte %XX.
AWSDIRECT_DECL void percentEncodeAppend(std::string& out, std::string_view s, bool keepSlash, bool spaceAsPlus);
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

AWSDIRECT_DECL std::string uriEncode(std::string_view s, bool keepSlash = false);

// Decodes every %XX (either hex case). '+' stays '+' (this is not form decoding), and a '%' not
// followed by two hex digits is kept as it is.
AWSDIRECT_DECL std::string uriDecode(std::string_view s);

// Form decoding (application/x-www-form-urlencoded): '+' is a space, then %XX as uriDecode.
AWSDIRECT_DECL std::string formDecode(std::string_view s);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/uri.ipp"
#endif
