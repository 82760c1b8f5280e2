#pragma once
// The raw HTTP request text of the AWS SigV4 test suite (request.txt, *-signed-request.txt):
//
//   POST /path?query HTTP/1.1      request line; the target as sent, spaces and UTF-8 allowed
//   Host:example.amazonaws.com     "Name:value", the value kept as written (leading spaces too)
//   My-Header: value1              a line starting with a space or tab continues the previous
//     value2                       header (obsolete line folding); the fold is kept in the value
//                                  a blank line, then the body, byte for byte
//   Param1=value1
//
// One reader and one writer, shared by the suite tests and the `sigv4` tool so that both read the
// suite the same way. Lines may end in "\n" or "\r\n".
#include <stdexcept>
#include <string>
#include <string_view>

#include <awsdirect/http.hpp>

namespace awsdirect_test {

struct RawRequest {
  awsdirect::HttpRequest request;  // host: the Host header's value, trimmed
  std::string httpVersion = "HTTP/1.1";
};

namespace detail {

// RFC 9110 token characters, the only ones a header name may have.
inline bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

inline std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace detail

// Throws std::invalid_argument, with a one-line message, on text that is not such a request.
inline RawRequest parseRawRequest(std::string_view text) {
  RawRequest raw;
  awsdirect::HttpRequest& request = raw.request;
  request.headers.clear();
  std::size_t position = 0;
  bool sawRequestLine = false, sawBlankLine = false;
  while (position < text.size()) {
    std::size_t end = text.find('\n', position);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(position, end - position);
    position = next;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    if (!sawRequestLine) {
      const std::size_t firstSpace = line.find(' '), lastSpace = line.rfind(' ');
      if (firstSpace == std::string_view::npos || firstSpace == lastSpace || firstSpace == 0)
        throw std::invalid_argument("the request line is not 'METHOD TARGET HTTP/1.1'");
      raw.httpVersion = std::string(line.substr(lastSpace + 1));
      if (raw.httpVersion.rfind("HTTP/", 0) != 0)
        throw std::invalid_argument("the request line does not end with an HTTP version");
      request.method = std::string(line.substr(0, firstSpace));
      const std::string_view target = line.substr(firstSpace + 1, lastSpace - firstSpace - 1);
      if (target.empty() || target.front() != '/')
        throw std::invalid_argument("the request target does not start with '/'");
      for (char c : target)
        if (c == '#' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          throw std::invalid_argument("the request target has a '#' or a control character");
      const std::size_t question = target.find('?');
      request.path = std::string(target.substr(0, question));
      request.query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
      sawRequestLine = true;
      continue;
    }
    if (line.empty()) {
      sawBlankLine = true;
      break;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (request.headers.empty()) throw std::invalid_argument("a folded continuation line comes before any header");
      // HttpHeaders has no in-place edit: rebuild with the last value extended.
      awsdirect::HttpHeaders rebuilt;
      std::size_t index = 0;
      for (const auto& [name, value] : request.headers) {
        if (++index == request.headers.size()) rebuilt.add(name, value + "\n" + std::string(line));
        else rebuilt.add(name, value);
      }
      request.headers = std::move(rebuilt);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) throw std::invalid_argument("a header line has no ':'");
    const std::string_view name = line.substr(0, colon);
    if (name.empty()) throw std::invalid_argument("a header has an empty name");
    for (char c : name)
      if (!detail::isTokenChar(c))
        throw std::invalid_argument("the header name '" + std::string(name) + "' is not an HTTP token");
    request.headers.add(std::string(name), std::string(line.substr(colon + 1)));
  }
  if (!sawRequestLine) throw std::invalid_argument("the request is empty");
  request.body = sawBlankLine ? std::string(text.substr(position)) : std::string();
  const std::string* host = request.headers.get("Host");
  if (!host) throw std::invalid_argument("the request has no Host header");
  request.host = std::string(detail::trimSpaces(*host));
  request.scheme = "https";
  return raw;
}

// The request as text, in the format parseRawRequest reads: header values (folds included) and
// the body exactly as they are.
inline std::string formatRawRequest(const awsdirect::HttpRequest& request, std::string_view httpVersion = "HTTP/1.1") {
  std::string out = request.method + " " + request.path;
  if (!request.query.empty()) out += "?" + request.query;
  out += " ";
  out += httpVersion;
  out += "\n";
  for (const auto& [name, value] : request.headers) out += name + ":" + value + "\n";
  out += "\n";
  out += request.body;
  return out;
}

}  // namespace awsdirect_test
