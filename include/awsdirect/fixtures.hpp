#pragma once
// Recorded HTTP fixtures: record the real exchanges of a program or test once, commit them, and
// replay them in every later run with no network, no credentials and no emulator.
//
//   RecordingTransport  wraps any Transport and writes every exchange to a fixture file, with
//                       secrets replaced by AWSDIRECT_REDACTED.
//   ReplayingTransport  answers from a fixture file and never touches the network; a request that
//                       matches no recorded exchange is a FixtureMismatchError.
//   FixtureSession      the few lines a test needs: replays a fixture, or records it when the
//                       process runs with AWSDIRECT_FIXTURES=record.
//
// Matching compares the method, the path, the query and form parameters as sorted sets, the
// headers that are not volatile, and any other body; it ignores Host, Authorization, X-Amz-Date,
// X-Amz-Security-Token, User-Agent, the invocation headers and Content-Length. Identical requests
// (a waiter polling) get their responses in recorded order; different requests may come in any order.
//
// The file format is plain text close to raw HTTP, one section per request and per response:
//
//   ### request 1: DescribeClusters
//   POST / HTTP/1.1
//   Host: 127.0.0.1:5000
//   Content-Type: application/x-www-form-urlencoded; charset=utf-8
//
//   Action=DescribeClusters
//   &Version=2012-12-01
//
//   ### response 1 (XML indented)
//   HTTP/1.1 200 OK
//   Content-Type: text/xml
//
//   <DescribeClustersResponse>
//     ...
//
// Form bodies are written one parameter per line (the line breaks are not part of the body);
// a compact XML body (one line) is written indented and read back as it was; a body line that
// starts with "###" or "\" is written with a "\" in front; a body with control characters is
// written in base64. The marker line says "(XML indented)" or "(body in base64)". A transport failure recorded
// instead of a response is a section "### failure N: timeout" holding the message.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config.hpp"
#include "credentials.hpp"
#include "curl_transport.hpp"
#include "crypto.hpp"
#include "error.hpp"
#include "http.hpp"
#include "transport.hpp"
#include "uri.hpp"

namespace awsdirect {

// What replaces a secret in a fixture. In a recorded request it matches any value on replay,
// so a fixture with a redacted password still matches the request that sends the real one.
inline constexpr const char* kRedacted = "AWSDIRECT_REDACTED";

// Which names hold secrets: form and query parameters, XML elements and JSON keys are compared by
// their last name segment ("Tags.Tag.1.Value" -> "Value"), ignoring case.
struct RedactionRules {
  // Names that are secrets wherever they appear.
  std::vector<std::string> secretNames = {"SecretAccessKey", "SessionToken", "SecretString", "SecretBinary",
                                          "PrivateKey", "CertificatePrivateKey", "KeyMaterial", "AuthToken",
                                          "PasswordData", "X-Amz-Credential", "X-Amz-Signature",
                                          "X-Amz-Security-Token"};
  // Name endings that make a secret: MasterUserPassword, NewPassword, DbPassword.
  std::vector<std::string> secretSuffixes = {"Password"};
  // Names with such an ending that hold no secret (switches), kept so that replay still tells them apart.
  std::vector<std::string> notSecretNames = {"ManageMasterPassword", "ManageMasterUserPassword",
                                             "RotateMasterUserPassword", "AllowUsersToChangePassword"};
  // Headers whose whole value is a secret. Authorization keeps its scope and loses its key id and
  // signature.
  std::vector<std::string> secretHeaders = {"X-Amz-Security-Token", "x-amz-server-side-encryption-customer-key",
                                            "x-amz-copy-source-server-side-encryption-customer-key"};

  bool isSecretName(std::string_view name) const;
  bool isSecretHeader(std::string_view name) const;
};

// One recorded request and what came back: a response, or a transport failure (a timeout).
struct FixtureExchange {
  HttpRequest request;
  HttpResponse response;
  std::optional<Error> transportFailure;  // set when no response arrived
  std::size_t line = 0;                   // where its request starts in the file (1-based), 0 if unknown
};

// The exchanges of one fixture file, in recorded order.
class FixtureFile {
 public:
  std::vector<FixtureExchange> exchanges;

  // Reads the format above. A malformed file is a FixtureMismatchError with code
  // "MalformedFixture" naming `origin` and the line.
  static FixtureFile parse(const std::string& text, const std::string& origin = "fixture");
  // Reads a file; a missing one is a FixtureMismatchError with code "FixtureNotFound".
  static FixtureFile load(const std::string& path);
  // The text of the file. Writes the exchanges as they are: redact them first (redactRequest,
  // redactResponse).
  std::string format() const;
  // Its parts: the comment at the top, and the two sections of exchange number `number`.
  static std::string header();
  static std::string formatExchange(const FixtureExchange& exchange, std::size_t number);
  // Writes the file whole, through a temporary file and a rename, creating its folder.
  void save(const std::string& path) const;
};

// Replaces the secrets of a request or response with kRedacted and drops the request headers that
// change on every call (User-Agent, the invocation headers, Content-Length).
inline HttpRequest redactRequest(const HttpRequest& request, const RedactionRules& rules = {});
inline HttpResponse redactResponse(const HttpResponse& response, const RedactionRules& rules = {});
// Secrets inside an XML or JSON text: the values of secret elements and secret keys.
inline std::string redactDocument(std::string body, const RedactionRules& rules = {});

namespace detail {

inline bool startsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && toLower(s.substr(0, prefix.size())) == toLower(prefix);
}

// The last segment of a parameter name that is not an index: "Tags.Tag.1.Value" -> "Value",
// "ns:SecretAccessKey" -> "SecretAccessKey".
inline std::string_view leafName(std::string_view name) {
  for (;;) {
    std::size_t dot = name.find_last_of(".:");
    if (dot == std::string_view::npos) return name;
    std::string_view last = name.substr(dot + 1);
    bool index = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!index && !last.empty()) return last;
    name = name.substr(0, dot);
  }
}

}  // namespace detail

inline bool RedactionRules::isSecretName(std::string_view name) const {
  const std::string leaf = detail::toLower(detail::leafName(name));
  const std::string whole = detail::toLower(name);
  for (const auto& plain : notSecretNames)
    if (leaf == detail::toLower(plain)) return false;
  for (const auto& secret : secretNames) {
    const std::string s = detail::toLower(secret);
    if (leaf == s || whole == s) return true;
  }
  for (const auto& suffix : secretSuffixes) {
    const std::string s = detail::toLower(suffix);
    if (leaf.size() >= s.size() && leaf.compare(leaf.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

inline bool RedactionRules::isSecretHeader(std::string_view name) const {
  for (const auto& header : secretHeaders)
    if (detail::equalsIgnoreCase(std::string(name), header)) return true;
  return false;
}

namespace detail {

// Request headers a fixture leaves out: they change on every call and say nothing about it.
inline bool isNoiseHeader(const std::string& name) {
  for (const char* h : {"User-Agent", "amz-sdk-invocation-id", "amz-sdk-request", "Content-Length"})
    if (equalsIgnoreCase(name, h)) return true;
  return false;
}

// Request headers replay does not compare: volatile, derived from the body, or the endpoint's.
inline bool isVolatileHeader(const std::string& name) {
  for (const char* h : {"Host", "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
                        "User-Agent", "amz-sdk-invocation-id", "amz-sdk-request", "Content-Length", "Expect",
                        "Connection", "Accept-Encoding", "Date"})
    if (equalsIgnoreCase(name, h)) return true;
  return false;
}

inline bool isFormBody(const HttpHeaders& headers) {
  const std::string* type = headers.get("Content-Type");
  return type && startsWithIgnoreCase(*type, "application/x-www-form-urlencoded");
}

using Param = std::pair<std::string, std::string>;

// "a=1&b=%20" -> the raw (still encoded) name and value of each parameter, in order.
inline std::vector<Param> splitParams(std::string_view text) {
  std::vector<Param> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    std::size_t end = text.find('&', start);
    std::string_view pair = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      out.emplace_back(std::string(pair.substr(0, eq)),
                       eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Form decoding: '+' is a space, then %XX.
inline std::string formDecode(std::string s) {
  std::replace(s.begin(), s.end(), '+', ' ');
  return uriDecode(s);
}

// Rewrites every parameter of `text` whose decoded name is secret to name=kRedacted, keeping the
// others byte for byte.
inline std::string redactParams(std::string_view text, const RedactionRules& rules) {
  std::string out;
  for (const auto& [name, value] : splitParams(text)) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += rules.isSecretName(formDecode(name)) ? std::string(kRedacted) : value;
  }
  return out;
}

// "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/redshift/aws4_request, SignedHeaders=..,
// Signature=hex": keeps the scope and the signed headers (they say which region and service), drops
// the key id and the signature. Any other scheme is dropped whole.
inline std::string redactAuthorization(const std::string& value) {
  std::size_t credential = value.find("Credential=");
  std::size_t signature = value.find("Signature=");
  if (value.rfind("AWS4-", 0) != 0 || credential == std::string::npos || signature == std::string::npos)
    return kRedacted;
  std::string out = value;
  std::size_t sigStart = signature + 10;
  std::size_t sigEnd = out.find_first_of(", ", sigStart);
  out.replace(sigStart, (sigEnd == std::string::npos ? out.size() : sigEnd) - sigStart, kRedacted);
  std::size_t keyStart = credential + 11;
  std::size_t keyEnd = out.find_first_of("/, ", keyStart);
  out.replace(keyStart, (keyEnd == std::string::npos ? out.size() : keyEnd) - keyStart, kRedacted);
  return out;
}

inline bool looksLikeXml(std::string_view body) {
  std::size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '<';
}

inline bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
}

// The end of the JSON string whose opening quote is at `open` (the index of its closing quote), or npos.
inline std::size_t jsonStringEnd(const std::string& s, std::size_t open) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\') ++i;
    else if (s[i] == '"') return i;
  }
  return std::string::npos;
}

}  // namespace detail

inline std::string redactDocument(std::string body, const RedactionRules& rules) {
  // An XML body is read as XML only, anything else as JSON only: a quote in XML text is no JSON string.
  const bool xml = detail::looksLikeXml(body);
  std::size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (xml && c == '<' && i + 1 < body.size() && (std::isalpha(static_cast<unsigned char>(body[i + 1])) || body[i + 1] == '_')) {
      // <Name attr="..">value</Name>: the value of a secret element becomes kRedacted.
      std::size_t nameEnd = i + 1;
      while (nameEnd < body.size() && detail::isNameChar(body[nameEnd])) ++nameEnd;
      const std::string name = body.substr(i + 1, nameEnd - i - 1);
      std::size_t tagEnd = body.find('>', nameEnd);
      if (tagEnd == std::string::npos) break;
      if (body[tagEnd - 1] != '/' && rules.isSecretName(name)) {
        const std::string close = "</" + name + ">";
        std::size_t closeAt = body.find(close, tagEnd + 1);
        if (closeAt != std::string::npos && body.find('<', tagEnd + 1) == closeAt) {
          body.replace(tagEnd + 1, closeAt - tagEnd - 1, kRedacted);
          i = tagEnd + 1 + std::char_traits<char>::length(kRedacted) + close.size();
          continue;
        }
      }
      i = tagEnd + 1;
      continue;
    }
    if (!xml && c == '"') {
      // "Key": "value": the value of a secret key becomes kRedacted.
      std::size_t keyEnd = detail::jsonStringEnd(body, i);
      if (keyEnd == std::string::npos) break;
      std::size_t after = keyEnd + 1;
      while (after < body.size() && std::isspace(static_cast<unsigned char>(body[after]))) ++after;
      if (after < body.size() && body[after] == ':' && rules.isSecretName(body.substr(i + 1, keyEnd - i - 1))) {
        std::size_t valueStart = after + 1;
        while (valueStart < body.size() && std::isspace(static_cast<unsigned char>(body[valueStart]))) ++valueStart;
        if (valueStart < body.size() && body[valueStart] == '"') {
          std::size_t valueEnd = detail::jsonStringEnd(body, valueStart);
          if (valueEnd == std::string::npos) break;
          body.replace(valueStart + 1, valueEnd - valueStart - 1, kRedacted);
          i = valueStart + 2 + std::char_traits<char>::length(kRedacted);
          continue;
        }
      }
      i = keyEnd + 1;
      continue;
    }
    ++i;
  }
  return body;
}

inline HttpRequest redactRequest(const HttpRequest& request, const RedactionRules& rules) {
  HttpRequest out = request;
  // A fixture holds the body itself: a streamed one is read whole (its reads are positional, so
  // the transport that sends it still reads it from the start).
  if (out.streamedBody) {
    out.body = readStreamedBody(*out.streamedBody);
    out.streamedBody.reset();
  }
  out.responseSink = nullptr;
  out.headers.clear();
  for (const auto& [name, value] : request.headers) {
    if (detail::isNoiseHeader(name)) continue;
    if (detail::equalsIgnoreCase(name, "Authorization")) out.headers.add(name, detail::redactAuthorization(value));
    else if (rules.isSecretHeader(name)) out.headers.add(name, kRedacted);
    else out.headers.add(name, value);
  }
  out.query = detail::redactParams(request.query, rules);
  out.body = detail::isFormBody(request.headers) ? detail::redactParams(out.body, rules) : redactDocument(out.body, rules);
  return out;
}

inline HttpResponse redactResponse(const HttpResponse& response, const RedactionRules& rules) {
  HttpResponse out = response;
  out.headers.clear();
  for (const auto& [name, value] : response.headers)
    out.headers.add(name, rules.isSecretHeader(name) ? std::string(kRedacted) : value);
  out.body = redactDocument(response.body, rules);
  return out;
}

// ---- The file format ---------------------------------------------------------------------------

namespace detail {

// Base64 wrapped at 76 characters, so that a binary body stays a readable block.
inline std::string wrappedBase64(std::string_view data) {
  const std::string flat = base64Encode(data);
  std::string out;
  out.reserve(flat.size() + flat.size() / 76);
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    if (i) out += '\n';
    out += flat.substr(i, 76);
  }
  return out;
}

// A body that a text file would not carry faithfully (control characters other than tab, CR, LF).
inline bool needsBase64(std::string_view body) {
  return std::any_of(body.begin(), body.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  });
}

// Indents compact XML one element per line. Only the spaces between a tag and the next tag change:
// text, attributes, comments and CDATA stay as they were.
inline std::string indentXml(std::string_view xml) {
  std::string out;
  out.reserve(xml.size() * 5 / 4);
  int depth = 0;
  enum class Last { Text, Open, Close } last = Last::Text;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      std::size_t next = xml.find('<', i);
      out.append(xml.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i));
      if (next == std::string_view::npos) break;
      i = next;
      last = Last::Text;
      continue;
    }
    std::size_t end;
    if (xml.compare(i, 9, "<![CDATA[") == 0) end = xml.find("]]>", i), end = end == std::string_view::npos ? end : end + 2;
    else if (xml.compare(i, 4, "<!--") == 0) end = xml.find("-->", i), end = end == std::string_view::npos ? end : end + 2;
    else end = xml.find('>', i);
    if (end == std::string_view::npos) {  // not well formed: keep the rest as it is
      out.append(xml.substr(i));
      break;
    }
    std::string_view tag = xml.substr(i, end - i + 1);
    const bool isClose = tag.size() > 1 && tag[1] == '/';
    const bool isSpecial = tag.size() > 1 && (tag[1] == '?' || tag[1] == '!');
    const bool isSelfClosing = !isClose && !isSpecial && tag.size() > 1 && tag[tag.size() - 2] == '/';
    if (isClose) {
      --depth;
      if (last == Last::Close) out += '\n' + std::string(static_cast<std::size_t>(std::max(depth, 0)) * 2, ' ');
      last = Last::Close;
    } else {
      if (last != Last::Text) out += '\n' + std::string(static_cast<std::size_t>(std::max(depth, 0)) * 2, ' ');
      if (isSpecial || isSelfClosing) {
        last = Last::Close;
      } else {
        ++depth;
        last = Last::Open;
      }
    }
    out.append(tag);
    i = end + 1;
  }
  return out;
}

// The opposite, for comparing XML bodies: drops whitespace-only text between tags.
inline std::string compactXml(std::string_view xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '>') {
      std::size_t next = xml.find_first_not_of(" \t\r\n", i + 1);
      out += '>';
      if (next != std::string_view::npos && xml[next] == '<') {
        i = next;
        continue;
      }
      ++i;
      continue;
    }
    out += xml[i++];
  }
  std::size_t first = out.find_first_not_of(" \t\r\n");
  std::size_t lastChar = out.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : out.substr(first, lastChar - first + 1);
}

// Undoes indentXml on a body that had no line break: drops each line break, with the spaces after
// it, that stands between a '>' and a '<'.
inline std::string unindentXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '\n' || text[i] == '\r') && !out.empty() && out.back() == '>') {
      std::size_t next = text.find_first_not_of(" \t\r\n", i);
      if (next != std::string_view::npos && text[next] == '<') {
        i = next - 1;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// How a body is written: as it is, in base64, or as indented XML.
enum class BodyEncoding { Raw, Base64, IndentedXml };

inline constexpr const char* kBase64Marker = "(body in base64)";
inline constexpr const char* kIndentedXmlMarker = "(XML indented)";

inline const char* markerOf(BodyEncoding encoding) {
  switch (encoding) {
    case BodyEncoding::Base64: return kBase64Marker;
    case BodyEncoding::IndentedXml: return kIndentedXmlMarker;
    case BodyEncoding::Raw: break;
  }
  return "";
}

// The text a body is written as, and how.
inline std::pair<std::string, BodyEncoding> bodyText(const std::string& body, const HttpHeaders& headers) {
  if (needsBase64(body)) return {wrappedBase64(body), BodyEncoding::Base64};
  if (isFormBody(headers) && body.find('\n') == std::string::npos) {
    // A form body never holds a raw line break, so the reader can drop every one of them.
    std::string out = body;
    for (std::size_t at = out.find('&'); at != std::string::npos; at = out.find('&', at + 2)) out.insert(at, 1, '\n');
    return {out, BodyEncoding::Raw};
  }
  if (looksLikeXml(body) && body.find('\n') == std::string::npos && body.find('\r') == std::string::npos) {
    std::string indented = indentXml(body);
    if (indented != body && unindentXml(indented) == body) return {indented, BodyEncoding::IndentedXml};
  }
  return {body, BodyEncoding::Raw};
}

// Writes a body and the blank line after it; the reader drops those last two line breaks again.
// An empty body writes nothing: the blank line that ends the head is enough.
inline void appendBody(std::string& out, const std::string& text) {
  if (text.empty()) return;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find('\n', start);
    std::string_view line = std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line.rfind("###", 0) == 0 || line.rfind("\\", 0) == 0) out += '\\';
    out.append(line);
    if (end == std::string::npos) break;
    out += '\n';
    start = end + 1;
  }
  out += "\n\n";
}

// What a request is, in a few words, for the section marker and for messages.
inline std::string operationLabel(const HttpRequest& request) {
  if (const std::string* target = request.headers.get("X-Amz-Target")) {
    std::size_t dot = target->rfind('.');
    return dot == std::string::npos ? *target : target->substr(dot + 1);
  }
  if (isFormBody(request.headers))
    for (const auto& [name, value] : splitParams(request.body))
      if (name == "Action") return formDecode(value);
  return "";
}

inline std::optional<TransportFailure> transportFailureFromString(std::string_view name) {
  for (TransportFailure f : {TransportFailure::None, TransportFailure::Dns, TransportFailure::Connect,
                             TransportFailure::Tls, TransportFailure::Timeout, TransportFailure::Send,
                             TransportFailure::Receive, TransportFailure::TooManyRedirects, TransportFailure::Other})
    if (name == failureName(f)) return f;
  return std::nullopt;
}

[[noreturn]] inline void throwMalformed(const std::string& origin, std::size_t line, const std::string& what) {
  throwError(makeError(ErrorKind::Fixture, "MalformedFixture", origin + ":" + std::to_string(line) + ": " + what));
}

inline std::string trimmed(std::string_view s) {
  std::size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  std::size_t last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

// One section of the file as read: its marker, head lines and body text.
struct Section {
  std::string kind;  // "request", "response", "failure"
  std::string label;
  BodyEncoding encoding = BodyEncoding::Raw;
  std::size_t line = 0;
  std::vector<std::pair<std::size_t, std::string>> head;  // (line number, text)
  std::string body;
};

inline std::vector<Section> splitSections(const std::string& text, const std::string& origin) {
  std::vector<Section> sections;
  std::size_t lineNumber = 0;
  std::size_t start = 0;
  bool inHead = false;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    ++lineNumber;
    if (line.rfind("### ", 0) == 0) {
      Section s;
      s.line = lineNumber;
      std::string marker = trimmed(std::string_view(line).substr(4));
      for (BodyEncoding encoding : {BodyEncoding::Base64, BodyEncoding::IndentedXml}) {
        const std::string suffix = markerOf(encoding);
        if (marker.size() >= suffix.size() && marker.compare(marker.size() - suffix.size(), suffix.size(), suffix) == 0) {
          s.encoding = encoding;
          marker = trimmed(std::string_view(marker).substr(0, marker.size() - suffix.size()));
        }
      }
      std::size_t colon = marker.find(':');
      if (colon != std::string::npos) {
        s.label = trimmed(std::string_view(marker).substr(colon + 1));
        marker = trimmed(std::string_view(marker).substr(0, colon));
      }
      s.kind = marker.substr(0, marker.find(' '));
      if (s.kind != "request" && s.kind != "response" && s.kind != "failure")
        throwMalformed(origin, lineNumber, "a section is '### request N', '### response N' or '### failure N: kind', not '" + line + "'");
      sections.push_back(std::move(s));
      inHead = sections.back().kind != "failure";
      continue;
    }
    if (sections.empty()) {
      if (!trimmed(line).empty() && line[0] != '#')
        throwMalformed(origin, lineNumber, "text before the first '### request' section");
      continue;
    }
    Section& s = sections.back();
    if (inHead) {
      if (trimmed(line).empty()) inHead = false;
      else s.head.emplace_back(lineNumber, line);
      continue;
    }
    if (!line.empty() && line[0] == '\\') line.erase(0, 1);
    s.body += line;
    if (end != std::string::npos) s.body += '\n';
  }
  // The writer ends every body with a blank line; what it added is not part of the body.
  for (Section& s : sections)
    for (int n = 0; n < 2 && !s.body.empty() && s.body.back() == '\n'; ++n) s.body.pop_back();
  return sections;
}

inline void readHeaders(const Section& s, std::size_t from, HttpHeaders& headers, const std::string& origin) {
  for (std::size_t i = from; i < s.head.size(); ++i) {
    const auto& [lineNumber, line] = s.head[i];
    std::size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
      throwMalformed(origin, lineNumber, "expected a header 'Name: value', got '" + line + "'");
    headers.add(trimmed(std::string_view(line).substr(0, colon)), trimmed(std::string_view(line).substr(colon + 1)));
  }
}

inline std::string sectionBody(const Section& s, const HttpHeaders& headers, const std::string& origin) {
  if (s.encoding == BodyEncoding::IndentedXml) return unindentXml(s.body);
  if (s.encoding == BodyEncoding::Base64) {
    auto decoded = base64Decode(s.body);
    if (!decoded) throwMalformed(origin, s.line, "the body is marked base64 but is not");
    return *decoded;
  }
  if (isFormBody(headers)) {
    std::string body = s.body;
    body.erase(std::remove_if(body.begin(), body.end(), [](char c) { return c == '\n' || c == '\r'; }), body.end());
    return body;
  }
  return s.body;
}

}  // namespace detail

inline FixtureFile FixtureFile::parse(const std::string& text, const std::string& origin) {
  FixtureFile file;
  std::vector<detail::Section> sections = detail::splitSections(text, origin);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const detail::Section& s = sections[i];
    if (s.kind != "request")
      detail::throwMalformed(origin, s.line, "expected '### request', found '### " + s.kind + "'");
    FixtureExchange exchange;
    exchange.line = s.line;
    if (s.head.empty()) detail::throwMalformed(origin, s.line, "the request has no request line");
    {
      const auto& [lineNumber, requestLine] = s.head.front();
      std::istringstream words(requestLine);
      std::string target, version;
      words >> exchange.request.method >> target >> version;
      if (target.empty() || target[0] != '/' || version.rfind("HTTP/", 0) != 0)
        detail::throwMalformed(origin, lineNumber, "expected a request line 'METHOD /path?query HTTP/1.1', got '" + requestLine + "'");
      std::size_t question = target.find('?');
      exchange.request.path = target.substr(0, question);
      exchange.request.query = question == std::string::npos ? "" : target.substr(question + 1);
    }
    detail::readHeaders(s, 1, exchange.request.headers, origin);
    if (const std::string* host = exchange.request.headers.get("Host")) {
      exchange.request.host = *host;
      exchange.request.headers.remove("Host");
    }
    exchange.request.body = detail::sectionBody(s, exchange.request.headers, origin);

    if (i + 1 >= sections.size())
      detail::throwMalformed(origin, s.line, "the request has no '### response' or '### failure' after it");
    const detail::Section& r = sections[++i];
    if (r.kind == "request")
      detail::throwMalformed(origin, r.line, "expected '### response' or '### failure' after the request at line " + std::to_string(s.line));
    if (r.kind == "failure") {
      auto failure = detail::transportFailureFromString(r.label);
      if (!failure) detail::throwMalformed(origin, r.line, "unknown transport failure '" + r.label + "'");
      exchange.transportFailure = transportError(*failure, r.body);
    } else {
      if (r.head.empty()) detail::throwMalformed(origin, r.line, "the response has no status line");
      const auto& [lineNumber, statusLine] = r.head.front();
      std::istringstream words(statusLine);
      std::string version;
      words >> version >> exchange.response.status;
      if (version.rfind("HTTP/", 0) != 0 || !words || exchange.response.status < 100 || exchange.response.status > 599)
        detail::throwMalformed(origin, lineNumber, "expected a status line 'HTTP/1.1 200 OK', got '" + statusLine + "'");
      detail::readHeaders(r, 1, exchange.response.headers, origin);
      exchange.response.body = detail::sectionBody(r, exchange.response.headers, origin);
      // The body may have been indented or edited; a length left over from the wire would lie.
      // (A HEAD response keeps its Content-Length: it has no body and the length is its answer.)
      if (!exchange.response.body.empty() && exchange.response.headers.has("Content-Length"))
        exchange.response.headers.set("Content-Length", std::to_string(exchange.response.body.size()));
    }
    file.exchanges.push_back(std::move(exchange));
  }
  return file;
}

inline FixtureFile FixtureFile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throwError(makeError(ErrorKind::Fixture, "FixtureNotFound",
                         "no fixture file " + path + " (record it first with AWSDIRECT_FIXTURES=record)"));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

inline std::string FixtureFile::header() {
  return std::string("# awsdirect HTTP fixture. Identical requests replay in recorded order; secrets read\n# ") +
         kRedacted +
         ", which matches any value. Replay ignores Host, Authorization, X-Amz-Date\n"
         "# and the order of parameters. Edit freely; see the README.\n\n";
}

inline std::string FixtureFile::formatExchange(const FixtureExchange& e, std::size_t number) {
  std::string out;
  const std::string n = std::to_string(number);
  const std::string label = detail::operationLabel(e.request);
  auto [requestBody, requestEncoding] = detail::bodyText(e.request.body, e.request.headers);
  out += "### request " + n + (label.empty() ? "" : ": " + label) +
         (requestEncoding == detail::BodyEncoding::Raw ? "" : std::string(" ") + detail::markerOf(requestEncoding)) + "\n";
  out += e.request.method + " " + (e.request.path.empty() ? "/" : e.request.path) +
         (e.request.query.empty() ? "" : "?" + e.request.query) + " HTTP/1.1\n";
  if (!e.request.host.empty()) out += "Host: " + e.request.host + "\n";
  for (const auto& [name, value] : e.request.headers)
    if (!detail::equalsIgnoreCase(name, "Host")) out += name + ": " + value + "\n";
  out += "\n";
  detail::appendBody(out, requestBody);

  if (e.transportFailure) {
    out += "### failure " + n + ": " + failureName(e.transportFailure->transport) + "\n";
    detail::appendBody(out, e.transportFailure->message);
    return out;
  }
  auto [responseBody, responseEncoding] = detail::bodyText(e.response.body, e.response.headers);
  out += "### response " + n +
         (responseEncoding == detail::BodyEncoding::Raw ? "" : std::string(" ") + detail::markerOf(responseEncoding)) + "\n";
  const char* reason = httpReasonPhrase(e.response.status);
  out += "HTTP/1.1 " + std::to_string(e.response.status) + (*reason ? std::string(" ") + reason : "") + "\n";
  for (const auto& [name, value] : e.response.headers) out += name + ": " + value + "\n";
  out += "\n";
  detail::appendBody(out, responseBody);
  return out;
}

inline std::string FixtureFile::format() const {
  std::string out = header();
  for (std::size_t i = 0; i < exchanges.size(); ++i) out += formatExchange(exchanges[i], i + 1);
  return out;
}

inline void FixtureFile::save(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << format();
    out.flush();
    if (!out)
      throwError(makeError(ErrorKind::Fixture, "FixtureWriteFailed", "could not write the fixture file " + temporary));
  }
  fs::rename(temporary, target, ec);
  if (ec)
    throwError(makeError(ErrorKind::Fixture, "FixtureWriteFailed",
                         "could not write the fixture file " + path + ": " + ec.message()));
}

// ---- Matching -----------------------------------------------------------------------------------

namespace detail {

using Multimap = std::map<std::string, std::vector<std::string>>;

// A request reduced to what replay compares, with its secrets redacted.
struct RequestShape {
  std::string method;
  std::string path;
  Multimap query;
  Multimap form;
  Multimap headers;  // lower-case names
  bool isForm = false;
  std::string body;  // other bodies; XML compacted
};

inline Multimap decodedParams(std::string_view text, bool form) {
  Multimap out;
  for (const auto& [name, value] : splitParams(text))
    out[form ? formDecode(name) : uriDecode(name)].push_back(form ? formDecode(value) : uriDecode(value));
  for (auto& [name, values] : out) std::sort(values.begin(), values.end());
  return out;
}

inline RequestShape shapeOf(const HttpRequest& request, const RedactionRules& rules) {
  const HttpRequest redacted = redactRequest(request, rules);
  RequestShape shape;
  shape.method = redacted.method;
  shape.path = redacted.path.empty() ? "/" : redacted.path;
  shape.query = decodedParams(redacted.query, false);
  for (const auto& [name, value] : redacted.headers)
    if (!isVolatileHeader(name)) shape.headers[toLower(name)].push_back(value);
  shape.isForm = isFormBody(redacted.headers);
  if (shape.isForm) shape.form = decodedParams(redacted.body, true);
  else shape.body = looksLikeXml(redacted.body) ? compactXml(redacted.body) : redacted.body;
  return shape;
}

// A value quoted for a message: shortened, and with bytes that are not printable ASCII as \xNN.
inline std::string shown(const std::string& value, std::size_t limit = 80) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size() && i < limit; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == '\n') out += "\\n";
    else if (c < 0x20 || c >= 0x7F) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else out += static_cast<char>(c);
  }
  return out + (value.size() > limit ? "...\"" : "\"");
}

inline std::string listed(const std::vector<std::string>& values) {
  if (values.size() == 1) return shown(values.front());
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + shown(values[i]);
  return out + "]";
}

// One difference between a recorded request and the one made, and how much it weighs when
// choosing the closest recorded request (a different operation weighs more than a different value).
struct Difference {
  std::string text;
  int weight = 1;
};

// Whether the recorded values of one name match the sent ones: the same multiset, a recorded
// kRedacted matching any one value. Both lists are sorted.
inline bool sameValues(const std::vector<std::string>& recorded, const std::vector<std::string>& made) {
  if (recorded.size() != made.size()) return false;
  if (recorded == made) return true;
  std::vector<std::string> rest = made;
  for (const auto& value : recorded) {
    if (value == kRedacted) continue;
    auto found = std::find(rest.begin(), rest.end(), value);
    if (found == rest.end()) return false;
    rest.erase(found);
  }
  return true;
}

inline bool sameMaps(const Multimap& recorded, const Multimap& made) {
  if (recorded.size() != made.size()) return false;
  auto r = recorded.begin();
  for (auto m = made.begin(); m != made.end(); ++m, ++r)
    if (r->first != m->first || !sameValues(r->second, m->second)) return false;
  return true;
}

// differences(recorded, made).empty(), without building a message: replay asks it of every
// recorded exchange for every request.
inline bool matches(const RequestShape& recorded, const RequestShape& made) {
  return recorded.method == made.method && recorded.path == made.path && recorded.body == made.body &&
         sameMaps(recorded.form, made.form) && sameMaps(recorded.query, made.query) &&
         sameMaps(recorded.headers, made.headers);
}

inline void compareMaps(const Multimap& recorded, const Multimap& made, const std::string& what,
                        std::vector<Difference>& out, const std::vector<std::string>& heavyNames = {}) {
  auto weightOf = [&](const std::string& name) {
    for (const auto& heavy : heavyNames)
      if (equalsIgnoreCase(heavy, name)) return 10;
    return 1;
  };
  for (const auto& [name, values] : recorded) {
    auto it = made.find(name);
    if (it == made.end()) out.push_back({what + " " + name + ": recorded " + listed(values) + ", not sent", weightOf(name)});
    else if (!sameValues(values, it->second))
      out.push_back({what + " " + name + ": recorded " + listed(values) + ", sent " + listed(it->second), weightOf(name)});
  }
  for (const auto& [name, values] : made)
    if (!recorded.count(name)) out.push_back({what + " " + name + ": sent " + listed(values) + ", not recorded", weightOf(name)});
}

inline std::vector<Difference> differences(const RequestShape& recorded, const RequestShape& made) {
  std::vector<Difference> out;
  if (recorded.method != made.method) out.push_back({"method: recorded " + recorded.method + ", sent " + made.method, 10});
  if (recorded.path != made.path) out.push_back({"path: recorded " + shown(recorded.path) + ", sent " + shown(made.path), 10});
  compareMaps(recorded.query, made.query, "query parameter", out);
  compareMaps(recorded.form, made.form, "form parameter", out, {"Action", "Version"});
  compareMaps(recorded.headers, made.headers, "header", out, {"x-amz-target"});
  if (recorded.body != made.body) {
    std::size_t at = 0;
    while (at < recorded.body.size() && at < made.body.size() && recorded.body[at] == made.body[at]) ++at;
    std::size_t from = at < 20 ? 0 : at - 20;
    out.push_back({"body: recorded " + std::to_string(recorded.body.size()) + " bytes, sent " +
                       std::to_string(made.body.size()) + "; they differ at byte " + std::to_string(at) +
                       ": recorded " + shown(recorded.body.substr(from, 60)) + ", sent " + shown(made.body.substr(from, 60)),
                   3});
  }
  return out;
}

// "POST / {Action=DescribeClusters, ClusterIdentifier=other}", secrets redacted.
inline std::string summary(const RequestShape& shape, const std::string& rawQuery) {
  std::string out = shape.method + " " + shape.path + (rawQuery.empty() ? "" : "?" + rawQuery);
  if (shape.isForm) {
    out += " {";
    bool first = true;
    for (const auto& [name, values] : shape.form)
      for (const auto& value : values) {
        out += (first ? "" : ", ") + name + "=" + (value.size() > 60 ? value.substr(0, 60) + "..." : value);
        first = false;
      }
    out += "}";
  } else if (!shape.body.empty()) {
    out += " (" + std::to_string(shape.body.size()) + " byte body)";
  }
  return out.size() > 600 ? out.substr(0, 600) + "..." : out;
}

}  // namespace detail

// ---- Replay -----------------------------------------------------------------------------------

// Answers requests from a fixture and never touches the network. Thread-safe: concurrent requests
// may arrive in any order. A request matching no unused recorded exchange throws a
// FixtureMismatchError that shows the request, the closest recorded request, and what differs.
class ReplayingTransport : public Transport {
 public:
  explicit ReplayingTransport(FixtureFile fixture, std::string origin = "fixture", RedactionRules rules = {})
      : fixture_(std::move(fixture)), origin_(std::move(origin)), rules_(std::move(rules)) {
    used_.assign(fixture_.exchanges.size(), false);
    for (const auto& exchange : fixture_.exchanges) shapes_.push_back(detail::shapeOf(exchange.request, rules_));
  }

  // Loads `path`; a missing or malformed file is a FixtureMismatchError.
  static std::shared_ptr<ReplayingTransport> fromFile(const std::string& path, RedactionRules rules = {}) {
    return std::make_shared<ReplayingTransport>(FixtureFile::load(path), path, std::move(rules));
  }

  HttpResponse send(const HttpRequest& request) override {
    const detail::RequestShape made = detail::shapeOf(request, rules_);
    HttpResponse response;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      std::optional<std::size_t> match;
      for (std::size_t i = 0; i < shapes_.size() && !match; ++i)
        if (!used_[i] && detail::matches(shapes_[i], made)) match = i;
      if (!match) {
        Error mismatch = mismatchError(made, redactRequest(request, rules_).query);
        mismatches_.push_back(mismatch);
        throwError(std::move(mismatch));
      }
      used_[*match] = true;
      const FixtureExchange& exchange = fixture_.exchanges[*match];
      if (exchange.transportFailure) throwError(*exchange.transportFailure);
      response = exchange.response;
    }
    // As a real transport does: a 2xx body goes to the request's sink when it has one.
    if (request.responseSink && response.status >= 200 && response.status < 300) {
      if (!response.body.empty()) request.responseSink(0, response.body.data(), response.body.size());
      response.body.clear();
      response.bodyStreamed = true;
    }
    return response;
  }

  // The recorded exchanges not replayed yet (1-based, as numbered in the file).
  std::vector<std::size_t> unusedExchanges() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < used_.size(); ++i)
      if (!used_[i]) out.push_back(i + 1);
    return out;
  }
  bool allUsed() const { return unusedExchanges().empty(); }
  // "2 of 9 recorded exchanges were not replayed: #8 (line 140) POST / {Action=DeleteCluster, ...}; ..."
  std::string describeUnused() const {
    std::vector<std::size_t> unused = unusedExchanges();
    if (unused.empty()) return "every recorded exchange of " + origin_ + " was replayed";
    std::string out = std::to_string(unused.size()) + " of " + std::to_string(used_.size()) +
                      " recorded exchanges of " + origin_ + " were not replayed:";
    for (std::size_t n : unused) out += "\n  " + describeRecorded(n - 1);
    return out;
  }
  // Every mismatch so far, also the ones the code under test swallowed.
  std::vector<Error> mismatches() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return mismatches_;
  }
  const FixtureFile& fixture() const { return fixture_; }
  const std::string& origin() const { return origin_; }

 private:
  std::string describeRecorded(std::size_t i) const {
    return "#" + std::to_string(i + 1) +
           (fixture_.exchanges[i].line ? " (line " + std::to_string(fixture_.exchanges[i].line) + ")" : "") + " " +
           detail::summary(shapes_[i], fixture_.exchanges[i].request.query);
  }

  // Called with the lock held.
  Error mismatchError(const detail::RequestShape& made, const std::string& rawQuery) const {
    std::string message = "no recorded exchange in " + origin_ + " matches the request\n  sent:    " +
                          detail::summary(made, rawQuery);
    std::optional<std::size_t> best;
    std::vector<detail::Difference> bestDifferences;
    int bestWeight = 0;
    for (std::size_t i = 0; i < shapes_.size(); ++i) {
      auto diffs = detail::differences(shapes_[i], made);
      int weight = 0;
      for (const auto& d : diffs) weight += d.weight;
      // An unused exchange wins a tie; an identical but already replayed one wins only outright.
      bool better = !best || weight < bestWeight || (weight == bestWeight && !used_[i] && used_[*best]);
      if (better) {
        best = i;
        bestWeight = weight;
        bestDifferences = std::move(diffs);
      }
    }
    if (!best) {
      message += "\n  the fixture has no exchanges";
    } else {
      message += "\n  closest: " + describeRecorded(*best);
      if (bestDifferences.empty()) {
        std::size_t identical = 0;
        for (std::size_t i = 0; i < shapes_.size(); ++i)
          if (detail::matches(shapes_[i], made)) ++identical;
        message += "\n  it was already replayed: the fixture has " + std::to_string(identical) +
                   " such request" + (identical == 1 ? "" : "s") + " and this is one more";
      } else {
        message += std::string("\n  ") + (used_[*best] ? "(already replayed) " : "") + "differs in:";
        for (const auto& d : bestDifferences) message += "\n    " + d.text;
      }
    }
    return makeError(ErrorKind::Fixture, "FixtureMismatch", message);
  }

  FixtureFile fixture_;
  std::string origin_;
  RedactionRules rules_;
  std::vector<detail::RequestShape> shapes_;
  mutable std::mutex mutex_;
  std::vector<bool> used_;
  std::vector<Error> mismatches_;
};

// ---- Recording --------------------------------------------------------------------------------

// The file a recording goes to. Every RecordingTransport that shares one writes into the same file.
// The first exchange replaces the file; each later one is appended as it completes, so the file is
// valid whenever the program stops, and a long recording costs no more than its size.
class FixtureWriter {
 public:
  explicit FixtureWriter(std::string path, RedactionRules rules = {}) : path_(std::move(path)), rules_(std::move(rules)) {}

  void add(const HttpRequest& request, const HttpResponse& response) {
    FixtureExchange exchange;
    exchange.request = redactRequest(request, rules_);
    exchange.response = redactResponse(response, rules_);
    append(exchange);
  }
  void add(const HttpRequest& request, const Error& transportFailure) {
    FixtureExchange exchange;
    exchange.request = redactRequest(request, rules_);
    exchange.transportFailure = transportError(transportFailure.transport, transportFailure.message);
    append(exchange);
  }

  const std::string& path() const { return path_; }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  void append(const FixtureExchange& exchange) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string text = FixtureFile::formatExchange(exchange, count_ + 1);
    if (count_ == 0) {
      std::error_code ec;
      std::filesystem::path target(path_);
      if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
      text = FixtureFile::header() + text;
    }
    std::ofstream out(path_, std::ios::binary | (count_ == 0 ? std::ios::trunc : std::ios::app));
    out << text;
    out.flush();
    if (!out)
      throwError(makeError(ErrorKind::Fixture, "FixtureWriteFailed", "could not write the fixture file " + path_));
    ++count_;
  }

  std::string path_;
  RedactionRules rules_;
  mutable std::mutex mutex_;
  std::size_t count_ = 0;
};

// Sends through `inner` and writes every exchange (error responses and transport failures too) to
// the fixture, with secrets redacted. A new recording replaces the file at its first exchange.
class RecordingTransport : public Transport {
 public:
  RecordingTransport(std::shared_ptr<Transport> inner, std::string path, RedactionRules rules = {})
      : inner_(std::move(inner)), writer_(std::make_shared<FixtureWriter>(std::move(path), std::move(rules))) {}
  RecordingTransport(std::shared_ptr<Transport> inner, std::shared_ptr<FixtureWriter> writer)
      : inner_(std::move(inner)), writer_(std::move(writer)) {}

  HttpResponse send(const HttpRequest& request) override {
    HttpResponse response;
    // A body streamed to the request's sink is captured on its way, to be written to the fixture.
    auto captured = std::make_shared<std::string>();
    try {
      if (request.responseSink) {
        HttpRequest forwarded = request;
        forwarded.responseSink = [captured, sink = request.responseSink](std::uint64_t offset, const char* data,
                                                                          std::size_t size) {
          if (offset < captured->size()) captured->resize(static_cast<std::size_t>(offset));  // delivered again
          captured->append(data, size);
          sink(offset, data, size);
        };
        response = inner_->send(forwarded);
      } else {
        response = inner_->send(request);
      }
    } catch (const TransportError& e) {
      writer_->add(request, e.error());
      throw;
    }
    if (response.bodyStreamed) {
      HttpResponse whole = response;
      whole.body = *captured;
      whole.bodyStreamed = false;
      writer_->add(request, whole);
    } else {
      writer_->add(request, response);
    }
    return response;
  }

  const std::string& path() const { return writer_->path(); }
  std::size_t recordedCount() const { return writer_->size(); }
  const std::shared_ptr<FixtureWriter>& writer() const { return writer_; }

 private:
  std::shared_ptr<Transport> inner_;
  std::shared_ptr<FixtureWriter> writer_;
};

// ---- The switch: AWSDIRECT_FIXTURES, for programs that do not change their code ---------------

// AWSDIRECT_FIXTURES=record|replay with AWSDIRECT_FIXTURES_DIR=<folder> makes every client whose
// config has no transport of its own record to, or replay from, the file
//   <AWSDIRECT_FIXTURES_DIR>/<scenario>.http
// where the scenario is AWSDIRECT_FIXTURES_SCENARIO, else the program's name. One program run is
// one scenario: every client of the process shares its file; recording replaces the file.
enum class FixtureMode { Off, Record, Replay };

struct FixtureSettings {
  FixtureMode mode = FixtureMode::Off;
  std::string path;  // the scenario's file; empty when Off
};

namespace detail {

// The running program's file name, the default scenario.
inline std::string programName() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.filename().empty()) return exe.filename().string();
  return "awsdirect";
}

// A scenario names a file under the fixtures folder: segments of letters, digits, '.', '_' and
// '-' separated by '/', none of them "." or "..", so it cannot leave the folder.
inline bool isValidScenario(const std::string& scenario) {
  if (scenario.empty() || scenario.size() > 200) return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = scenario.find('/', start);
    std::string segment = scenario.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (char c : segment)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

}  // namespace detail

// Reads the switch from `environment`. Throws ConfigError for a value it does not know, a missing
// folder or a scenario name that is not a plain relative file name.
inline FixtureSettings fixtureSettings(const Environment& environment) {
  FixtureSettings settings;
  const std::string mode = detail::toLower(environment.get("AWSDIRECT_FIXTURES").value_or(""));
  if (mode.empty() || mode == "off") return settings;
  if (mode == "record") settings.mode = FixtureMode::Record;
  else if (mode == "replay") settings.mode = FixtureMode::Replay;
  else
    throw ConfigError(makeError(ErrorKind::Configuration, "InvalidSetting",
                                "AWSDIRECT_FIXTURES is " + detail::printable(mode) +
                                    "; it must be record, replay or off"));
  auto folder = environment.getNonEmpty("AWSDIRECT_FIXTURES_DIR");
  if (!folder)
    throw ConfigError(makeError(ErrorKind::Configuration, "InvalidSetting",
                                "AWSDIRECT_FIXTURES=" + mode +
                                    " needs AWSDIRECT_FIXTURES_DIR, the folder of the fixture files"));
  std::string scenario = environment.getNonEmpty("AWSDIRECT_FIXTURES_SCENARIO").value_or(detail::programName());
  if (!detail::isValidScenario(scenario))
    throw ConfigError(makeError(ErrorKind::Configuration, "InvalidSetting",
                                "AWSDIRECT_FIXTURES_SCENARIO " + detail::printable(scenario) +
                                    " must be a relative file name: letters, digits, '.', '_', '-' and '/' between "
                                    "names, without '.' or '..' names"));
  const std::string extension = ".http";
  if (scenario.size() < extension.size() || scenario.compare(scenario.size() - extension.size(), extension.size(), extension) != 0)
    scenario += extension;
  settings.path = (std::filesystem::path(*folder) / scenario).lexically_normal().string();
  return settings;
}

namespace detail {

// What replay signs with: the signature is never checked, and no credentials are looked up.
inline Credentials replayCredentials() { return Credentials("AKIDAWSDIRECTREPLAY", "awsdirect-replay-placeholder"); }

// A config that needs nothing from outside: fixed placeholder credentials, no profile, no shared
// files (they read as /dev/null), and us-east-1 when no region is set in code or the environment.
inline ClientConfig replayConfig(ClientConfig config) {
  const Environment outer = config.environment;
  config.environment = Environment{[outer](const std::string& name) -> std::optional<std::string> {
    if (name == "AWS_CONFIG_FILE" || name == "AWS_SHARED_CREDENTIALS_FILE") return std::string("/dev/null");
    if (name == "AWS_PROFILE" || name == "AWS_DEFAULT_PROFILE") return std::nullopt;
    return outer.get(name);
  }};
  config.profile.clear();
  config.credentialsProvider = std::make_shared<StaticCredentialsProvider>(replayCredentials());
  if (config.region.empty() && !config.environment.getNonEmpty("AWS_REGION") &&
      !config.environment.getNonEmpty("AWS_DEFAULT_REGION"))
    config.region = "us-east-1";
  return config;
}

// One writer and one replayer per file for the whole process, so that every client of a program
// run records into, and replays from, the same scenario.
struct FixtureRegistry {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<FixtureWriter>> writers;
  std::map<std::string, std::shared_ptr<ReplayingTransport>> replayers;
};

inline FixtureRegistry& fixtureRegistry() {
  static FixtureRegistry registry;
  return registry;
}

inline std::string registryKey(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return ec ? path : absolute.lexically_normal().string();
}

inline std::shared_ptr<FixtureWriter> sharedFixtureWriter(const std::string& path) {
  FixtureRegistry& registry = fixtureRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto& writer = registry.writers[registryKey(path)];
  if (!writer) writer = std::make_shared<FixtureWriter>(path);
  return writer;
}

inline std::shared_ptr<ReplayingTransport> sharedReplayingTransport(const std::string& path) {
  FixtureRegistry& registry = fixtureRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto& replayer = registry.replayers[registryKey(path)];
  if (!replayer) replayer = ReplayingTransport::fromFile(path);
  return replayer;
}

// The config ClientCore resolves: in replay, one that needs nothing from outside. A config with its
// own transport is left alone: the switch chooses only the default transport.
inline ClientConfig configForFixtureSwitch(const ClientConfig& config) {
  if (config.transport || fixtureSettings(config.environment).mode != FixtureMode::Replay) return config;
  return replayConfig(config);
}

// The default transport under the switch: curl, curl recorded, or the replayed fixture.
inline std::shared_ptr<Transport> transportForFixtureSwitch(const ClientConfig& config, const TransportOptions& options) {
  const FixtureSettings settings = fixtureSettings(config.environment);
  switch (settings.mode) {
    case FixtureMode::Off: break;
    case FixtureMode::Record:
      return std::make_shared<RecordingTransport>(makeDefaultTransport(options), sharedFixtureWriter(settings.path));
    case FixtureMode::Replay:
      return sharedReplayingTransport(settings.path);
  }
  return makeDefaultTransport(options);
}

}  // namespace detail

// ---- In a test: a few lines ------------------------------------------------------------------

// One fixture file for a test:
//
//   awsdirect::FixtureSession fixture(FIXTURES "/create_cluster.http");
//   awsdirect::Redshift redshift(fixture.clientConfig());
//   ... call the code under test with `redshift` ...
//   CHECK(fixture.allUsed());
//
// It replays the file, needing no network and no credentials. When the environment of `base`
// (the process's, by default) has AWSDIRECT_FIXTURES=record, it records the file instead, sending
// to the endpoint with the credentials that environment configures.
class FixtureSession {
 public:
  explicit FixtureSession(std::string path, ClientConfig base = ClientConfig()) : path_(std::move(path)) {
    const std::string mode = detail::toLower(base.environment.get("AWSDIRECT_FIXTURES").value_or(""));
    if (mode == "record") {
      TransportOptions options = base.transportOptions;
      if (options.caBundle.empty()) options.caBundle = base.environment.getNonEmpty("AWS_CA_BUNDLE").value_or("");
      recording_ = std::make_shared<RecordingTransport>(makeDefaultTransport(options), path_);
      config_ = std::move(base);
      config_.transport = recording_;
    } else {
      replaying_ = ReplayingTransport::fromFile(path_);
      config_ = detail::replayConfig(std::move(base));
      config_.transport = replaying_;
    }
  }

  FixtureMode mode() const { return recording_ ? FixtureMode::Record : FixtureMode::Replay; }
  const std::string& path() const { return path_; }
  // A configuration for every client of the test.
  const ClientConfig& clientConfig() const { return config_; }
  // Whether every recorded exchange was replayed (always true while recording).
  bool allUsed() const { return !replaying_ || replaying_->allUsed(); }
  std::string describeUnused() const { return replaying_ ? replaying_->describeUnused() : "recording " + path_; }
  // The transports, for tests that look closer; one of them is null.
  const std::shared_ptr<ReplayingTransport>& replaying() const { return replaying_; }
  const std::shared_ptr<RecordingTransport>& recording() const { return recording_; }

 private:
  std::string path_;
  ClientConfig config_;
  std::shared_ptr<ReplayingTransport> replaying_;
  std::shared_ptr<RecordingTransport> recording_;
};

}  // namespace awsdirect
