// Definitions of <awsdirect/time.hpp>.
#include <cstdint>
#include <cstdio>

#include "../detail/text.hpp"
#include "../error.hpp"

namespace awsdirect {
namespace detail {

struct UtcTime {
  std::int64_t year;
  int month, day, hour, minute, second;
  int weekday;  // 0 = Sunday
};

// Days since 1970-01-01 to a civil date and back (H. Hinnant's algorithms).
AWSDIRECT_DECL std::int64_t daysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t yearOfEra = year - era * 400;
  const std::int64_t dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

AWSDIRECT_DECL UtcTime toUtc(std::chrono::system_clock::time_point time) {
  const std::int64_t seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
  std::int64_t days = seconds / 86400;
  std::int64_t secondOfDay = seconds % 86400;
  if (secondOfDay < 0) {
    secondOfDay += 86400;
    --days;
  }
  UtcTime utc{};
  utc.hour = static_cast<int>(secondOfDay / 3600);
  utc.minute = static_cast<int>(secondOfDay / 60 % 60);
  utc.second = static_cast<int>(secondOfDay % 60);
  utc.weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t dayOfEra = z - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;  // March = 0
  utc.day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
  utc.month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
  utc.year = yearOfEra + era * 400 + (utc.month <= 2 ? 1 : 0);
  return utc;
}

// A time that every AWS format can print: years 0 to 9999.
AWSDIRECT_DECL UtcTime toPrintableUtc(std::chrono::system_clock::time_point time) {
  UtcTime utc = toUtc(time);
  if (utc.year < 0 || utc.year > 9999)
    throwError(makeError(ErrorKind::Configuration, "InvalidTime", "the time is outside years 0-9999"));
  return utc;
}

AWSDIRECT_DECL bool isValidDate(std::int64_t year, int month, int day) {
  static const int daysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth[month - 1] && (month != 2 || day != 29 || leap);
}

AWSDIRECT_DECL void appendDigits(std::string& out, std::int64_t value, int width) {
  char digits[20];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

inline constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Seconds since the epoch to a time point, clamped to what the clock can hold (credential
// expirations such as 9999-12-31 must not overflow).
AWSDIRECT_DECL std::chrono::system_clock::time_point fromEpochSeconds(std::int64_t seconds, std::chrono::nanoseconds fraction) {
  using Clock = std::chrono::system_clock;
  const std::int64_t limit = std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max()).count() - 1;
  if (seconds >= limit) return Clock::time_point::max();
  if (seconds <= -limit) return Clock::time_point::min();
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(seconds) + fraction));
}

}  // namespace detail


std::optional<std::chrono::system_clock::time_point> parseIso8601(std::string_view text) {
  std::size_t pos = 0;
  auto number = [&](std::size_t digits, int& out) {
    if (text.size() - pos < digits) return false;
    out = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      char c = text[pos + i];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    pos += digits;
    return true;
  };
  auto literal = [&](char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  int year, month, day, hour, minute, second;
  if (!number(4, year) || !literal('-') || !number(2, month) || !literal('-') || !number(2, day)) return std::nullopt;
  if (!(literal('T') || literal('t') || literal(' '))) return std::nullopt;
  if (!number(2, hour) || !literal(':') || !number(2, minute) || !literal(':') || !number(2, second))
    return std::nullopt;
  if (!detail::isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::chrono::nanoseconds fraction{0};
  if (literal('.')) {
    std::size_t start = pos;
    std::int64_t nanos = 0, scale = 100000000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      nanos += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    fraction = std::chrono::nanoseconds(nanos);
  }
  int offsetSeconds = 0;
  if (literal('Z') || literal('z')) {
    offsetSeconds = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos++] == '-' ? -1 : 1;
    int offsetHours, offsetMinutes;
    if (!number(2, offsetHours)) return std::nullopt;
    literal(':');
    if (!number(2, offsetMinutes) || offsetHours > 23 || offsetMinutes > 59) return std::nullopt;
    offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t seconds =
      detail::daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return detail::fromEpochSeconds(seconds, fraction);
}

std::string formatIso8601(std::chrono::system_clock::time_point time) {
  const detail::UtcTime utc = detail::toUtc(time);
  std::string out;
  out.reserve(20);
  if (utc.year >= 0 && utc.year <= 9999) detail::appendDigits(out, utc.year, 4);
  else out += std::to_string(utc.year);
  out += '-';
  detail::appendDigits(out, utc.month, 2);
  out += '-';
  detail::appendDigits(out, utc.day, 2);
  out += 'T';
  detail::appendDigits(out, utc.hour, 2);
  out += ':';
  detail::appendDigits(out, utc.minute, 2);
  out += ':';
  detail::appendDigits(out, utc.second, 2);
  out += 'Z';
  return out;
}

std::string formatAmzDate(std::chrono::system_clock::time_point time) {
  const detail::UtcTime utc = detail::toPrintableUtc(time);
  std::string out;
  out.reserve(16);
  detail::appendDigits(out, utc.year, 4);
  detail::appendDigits(out, utc.month, 2);
  detail::appendDigits(out, utc.day, 2);
  out += 'T';
  detail::appendDigits(out, utc.hour, 2);
  detail::appendDigits(out, utc.minute, 2);
  detail::appendDigits(out, utc.second, 2);
  out += 'Z';
  return out;
}

std::optional<std::chrono::system_clock::time_point> parseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t width) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
  if (year < 0 || !detail::isValidDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59)
    return std::nullopt;
  // Clamped, as ISO 8601 times: a far year cannot overflow the clock.
  return detail::fromEpochSeconds(detail::daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second,
                                  std::chrono::nanoseconds(0));
}

std::string formatHttpDate(std::chrono::system_clock::time_point time, std::string_view zone) {
  const detail::UtcTime utc = detail::toPrintableUtc(time);
  std::string out = detail::kWeekdays[utc.weekday];
  out += ", ";
  detail::appendDigits(out, utc.day, 2);
  out += ' ';
  out += detail::kMonths[utc.month - 1];
  out += ' ';
  detail::appendDigits(out, utc.year, 4);
  out += ' ';
  detail::appendDigits(out, utc.hour, 2);
  out += ':';
  detail::appendDigits(out, utc.minute, 2);
  out += ':';
  detail::appendDigits(out, utc.second, 2);
  out += ' ';
  out += zone;
  return out;
}

std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text) {
  auto monthNumber = [&](const char* name) -> int {
    for (int i = 0; i < 12; ++i)
      if (std::string_view(name, 3) == detail::kMonths[i]) return i + 1;
    return 0;
  };
  char monthName[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, used = -1;
  const std::size_t comma = text.find(',');
  bool parsed = false;
  std::string_view zone = "GMT";  // what must follow the time (asctime has nothing)
  if (comma != std::string::npos && comma == 3) {  // IMF-fixdate
    parsed = std::sscanf(text.c_str() + comma + 1, " %2d %3s %4d %2d:%2d:%2d%n", &day, monthName, &year, &hour, &minute,
                         &second, &used) == 6;
  } else if (comma != std::string::npos) {  // RFC 850
    parsed = std::sscanf(text.c_str() + comma + 1, " %2d-%3s-%2d %2d:%2d:%2d%n", &day, monthName, &year, &hour, &minute,
                         &second, &used) == 6;
    if (parsed) year += year < 70 ? 2000 : 1900;
  } else {  // asctime
    parsed = std::sscanf(text.c_str(), "%*3s %3s %d %2d:%2d:%2d %4d%n", monthName, &day, &hour, &minute, &second,
                         &year, &used) == 6;
    zone = "";
  }
  // Nothing may follow but the zone: "...GMT" and nothing else.
  if (parsed && used >= 0) {
    const std::size_t end = comma != std::string::npos ? comma + 1 + static_cast<std::size_t>(used)
                                                      : static_cast<std::size_t>(used);
    parsed = detail::trim(std::string_view(text).substr(std::min(end, text.size()))) == zone;
  }
  const int month = parsed ? monthNumber(monthName) : 0;
  // Years the clock can hold (a time_point of nanoseconds ends in 2262): others are no date.
  if (!parsed || month == 0 || year < 1900 || year > 2200 || !detail::isValidDate(year, month, day) || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return std::nullopt;
  return std::chrono::system_clock::time_point(
      std::chrono::seconds(detail::daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second));
}

}  // namespace awsdirect
