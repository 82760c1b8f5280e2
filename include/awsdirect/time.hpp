#pragma once
// The timestamps AWS reads and writes, in one place, without gmtime, timegm or the locale:
//   ISO 8601 / RFC 3339 ("2026-11-25T21:28:47.465Z"): XML results, credential expirations;
//   SigV4's basic format ("20150830T123600Z"): X-Amz-Date and the credential scope;
//   HTTP dates ("Wed, 25 Nov 2026 21:28:47 GMT"): Date, If-Modified-Since, Last-Modified.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "detail/build_mode.hpp"

namespace awsdirect {

// Reads an RFC 3339 timestamp with a zone ("2030-01-02T03:04:05Z", "...05.123+02:00"); nullopt
// when it is not one (a timestamp without a zone names no instant).
AWSDIRECT_DECL std::optional<std::chrono::system_clock::time_point> parseIso8601(std::string_view text);

// "2026-11-25T21:28:47Z", as AWS prints times in XML and messages. Any time prints, even the
// clamped far ends of the clock, so a message about an odd expiration never throws.
AWSDIRECT_DECL std::string formatIso8601(std::chrono::system_clock::time_point time);

// The SigV4 timestamp: "20150830T123600Z". Throws ConfigError for a time outside years 0-9999.
AWSDIRECT_DECL std::string formatAmzDate(std::chrono::system_clock::time_point time);

// Reads "20150830T123600Z"; nullopt unless it is exactly that shape and a real date and time.
AWSDIRECT_DECL std::optional<std::chrono::system_clock::time_point> parseAmzDate(std::string_view text);

// An HTTP date: "Wed, 25 Nov 2026 21:28:47 GMT" (RFC 7231). botocore writes a request's Date
// header with zone "-0000" (email.utils.formatdate), so the zone is the caller's to choose.
AWSDIRECT_DECL std::string formatHttpDate(std::chrono::system_clock::time_point time, std::string_view zone = "GMT");

// An HTTP date in any of the three forms HTTP allows (RFC 9110 5.6.7):
//   "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994".
AWSDIRECT_DECL std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text);

namespace detail {
// Whole milliseconds from `start` to now, for logs and traces.
inline long long millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/time.ipp"
#endif
