#pragma once
// Reading AWS XML responses into typed results, and the error shapes AWS sends. Readers copy
// values out and ignore elements they do not know, so new fields in AWS responses never break us.
#include <pugixml.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "http.hpp"

namespace awsdirect {

// A read-only view of one element. A missing child is an empty XmlNode, so chains such as
// node.child("Endpoint").text("Address") never need a null check.
class XmlNode {
 public:
  XmlNode() = default;
  explicit XmlNode(pugi::xml_node node) : node_(node) {}

  explicit operator bool() const { return static_cast<bool>(node_); }
  std::string name() const { return node_.name(); }

  XmlNode child(const char* name) const { return XmlNode(node_.child(name)); }
  // Every direct child named `name`, in document order.
  std::vector<XmlNode> children(const char* name) const {
    std::vector<XmlNode> out;
    for (pugi::xml_node c = node_.child(name); c; c = c.next_sibling(name)) out.emplace_back(c);
    return out;
  }
  // The members of a wrapped list: <VpcSecurityGroups><VpcSecurityGroup>..</VpcSecurityGroup></VpcSecurityGroups>.
  std::vector<XmlNode> list(const char* wrapper, const char* member) const { return child(wrapper).children(member); }
  // A wrapped list of strings.
  std::vector<std::string> stringList(const char* wrapper, const char* member) const {
    std::vector<std::string> out;
    for (const XmlNode& m : list(wrapper, member)) out.push_back(m.value());
    return out;
  }

  // The element's own text, "" when absent.
  std::string value() const { return node_.child_value(); }
  // The text of a direct child, "" when absent.
  std::string text(const char* name) const { return node_.child(name).child_value(); }
  std::optional<std::string> optionalText(const char* name) const {
    pugi::xml_node c = node_.child(name);
    if (!c) return std::nullopt;
    return std::string(c.child_value());
  }
  // Numbers and booleans of a direct child; `fallback` when absent or not a number.
  std::int64_t integer(const char* name, std::int64_t fallback = 0) const {
    std::string s = text(name);
    if (s.empty()) return fallback;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    return end && *end == '\0' ? static_cast<std::int64_t>(v) : fallback;
  }
  bool boolean(const char* name, bool fallback = false) const {
    std::string s = text(name);
    if (s == "true") return true;
    if (s == "false") return false;
    return fallback;
  }
  // An ISO 8601 timestamp ("2026-11-25T21:28:47.465184Z"); nullopt when absent or malformed.
  std::optional<std::chrono::system_clock::time_point> timestamp(const char* name) const;

  pugi::xml_node raw() const { return node_; }

 private:
  pugi::xml_node node_;
};

// An owned, parsed document. Throws ParseError on malformed XML.
class XmlDocument {
 public:
  explicit XmlDocument(const std::string& text) {
    pugi::xml_parse_result parsed = doc_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
      Error e = makeError(ErrorKind::Parse, "MalformedXml",
                          std::string("response is not well-formed XML: ") + parsed.description() + " at offset " +
                              std::to_string(parsed.offset));
      throwError(std::move(e));
    }
  }
  XmlNode root() const { return XmlNode(doc_.document_element()); }

 private:
  pugi::xml_document doc_;
};

namespace detail {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm), so no timegm() is needed.
inline std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)".
inline std::optional<std::chrono::system_clock::time_point> parseIso8601(const std::string& s) {
  int year, month, day, hour, minute, second;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second, &consumed) != 6)
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = static_cast<std::size_t>(consumed);
  std::int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) { micros = micros * 10 + (s[pos] - '0'); ++digits; }
      ++pos;
    }
    while (digits++ < 6) micros *= 10;
  }
  std::int64_t offsetSeconds = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    offsetSeconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else if (pos < s.size() && s[pos] != 'Z') {
    return std::nullopt;
  }
  std::int64_t seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                         hour * 3600 + minute * 60 + second - offsetSeconds;
  return std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::seconds(seconds) + std::chrono::microseconds(micros)));
}

inline const char* reasonPhrase(int status) {
  switch (status) {
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 416: return "Requested Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

}  // namespace detail

inline std::optional<std::chrono::system_clock::time_point> XmlNode::timestamp(const char* name) const {
  return detail::parseIso8601(text(name));
}

// Formats a time point as AWS prints it in XML: "2026-11-25T21:28:47Z".
inline std::string formatIso8601(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Reads an AWS error response of any of the three shapes into an Error of kind Service:
//   Query services: <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
//   EC2:            <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
//   S3:             <Error><Code/><Message/><RequestId/></Error>
// A body that is none of these (empty for HEAD, an HTML page from a proxy) still gives an error
// whose code comes from the status, as botocore does.
inline Error parseErrorResponse(const HttpResponse& response) {
  Error e;
  e.kind = ErrorKind::Service;
  e.httpStatus = response.status;
  pugi::xml_document doc;
  pugi::xml_node error;
  if (!response.body.empty() && doc.load_buffer(response.body.data(), response.body.size())) {
    pugi::xml_node root = doc.document_element();
    std::string rootName = root.name();
    if (rootName == "ErrorResponse") {
      // Some endpoints (and moto) wrap it once more: <ErrorResponse><Errors><Error>; botocore takes both.
      error = root.child("Error") ? root.child("Error") : root.child("Errors").child("Error");
      e.requestId = root.child_value("RequestId");
    } else if (rootName == "Response") {
      error = root.child("Errors").child("Error");
      e.requestId = root.child_value("RequestID");
      if (e.requestId.empty()) e.requestId = root.child_value("RequestId");
    } else if (rootName == "Error") {
      error = root;
      e.requestId = root.child_value("RequestId");
    }
  }
  if (error) {
    e.code = error.child_value("Code");
    e.message = error.child_value("Message");
    if (e.requestId.empty()) e.requestId = error.child_value("RequestId");
  }
  if (e.requestId.empty()) {
    for (const char* header : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"})
      if (const std::string* id = response.headers.get(header)) { e.requestId = *id; break; }
  }
  if (e.code.empty()) {
    // No body to read (HEAD) or an unreadable one: the status is all we know. botocore then
    // uses the status as the code ("404") and the reason phrase as the message; so do we.
    e.code = std::to_string(response.status);
    e.message = detail::reasonPhrase(response.status);
  }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(response.status);
  return e;
}

}  // namespace awsdirect
