// Definitions of <awsdirect/xml.hpp>.
#include <charconv>
#include <cstdlib>
#include <limits>

#include "../detail/text.hpp"
#include "../time.hpp"

namespace awsdirect {

std::vector<XmlNode> XmlNode::children(const char* name) const {
  std::vector<XmlNode> out;
  for (pugi::xml_node c = node_.child(name); c; c = c.next_sibling(name)) out.emplace_back(c);
  return out;
}

std::vector<std::string> XmlNode::stringList(const char* wrapper, const char* member) const {
  std::vector<std::string> out;
  for (const XmlNode& m : list(wrapper, member)) out.push_back(m.value());
  return out;
}

std::optional<std::string> XmlNode::optionalText(const char* name) const {
  pugi::xml_node c = node_.child(name);
  if (!c) return std::nullopt;
  return std::string(c.child_value());
}

std::int64_t XmlNode::integer(const char* name, std::int64_t fallback) const {
  const std::string s = text(name);
  if (s.empty()) return fallback;
  std::int64_t value = 0;
  const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
  const auto parsed = std::from_chars(begin, s.data() + s.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != s.data() + s.size())
    throwError(makeError(ErrorKind::Parse, "MalformedNumber",
                         std::string("<") + name + "> is not a 64-bit integer: " + detail::printable(s.substr(0, 40))));
  return value;
}

int XmlNode::int32(const char* name, int fallback) const {
  const std::int64_t value = integer(name, fallback);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
    throwError(makeError(ErrorKind::Parse, "MalformedNumber",
                         std::string("<") + name + "> is out of range: " + std::to_string(value)));
  return static_cast<int>(value);
}

std::uint64_t XmlNode::size(const char* name) const {
  const std::int64_t value = integer(name, 0);
  if (value < 0)
    throwError(makeError(ErrorKind::Parse, "MalformedNumber",
                         std::string("<") + name + "> is a negative size: " + std::to_string(value)));
  return static_cast<std::uint64_t>(value);
}

bool XmlNode::boolean(const char* name, bool fallback) const {
  std::string s = text(name);
  if (s == "true") return true;
  if (s == "false") return false;
  return fallback;
}

XmlDocument::XmlDocument(const std::string& text) {
  pugi::xml_parse_result parsed = doc_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    Error e = makeError(ErrorKind::Parse, "MalformedXml",
                        std::string("response is not well-formed XML: ") + parsed.description() + " at offset " +
                            std::to_string(parsed.offset) + "; it begins " + detail::printable(std::string_view(text).substr(0, 40)) + (text.size() > 40 ? "..." : ""));
    throwError(std::move(e));
  }
}

XmlDocument::XmlDocument(const XmlNode& element) {
  if (element) doc_.append_copy(element.raw());
}

std::optional<std::chrono::system_clock::time_point> XmlNode::timestamp(const char* name) const {
  return parseIso8601(text(name));
}

namespace detail {
// The elements of S3's SignatureDoesNotMatch that repeat the signature, the key id or what was
// signed: never copied into an Error.
AWSDIRECT_DECL bool isSignatureEcho(const std::string& name) {
  for (const char* echo : {"SignatureProvided", "StringToSign", "StringToSignBytes", "CanonicalRequest",
                           "CanonicalRequestBytes", "AWSAccessKeyId", "HostId"})
    if (name == echo) return true;
  return false;
}
}  // namespace detail

Error parseErrorResponse(const HttpResponse& response) {
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
    // What S3 says beyond code and message (Region, Endpoint, Bucket), except what echoes the
    // request's signature or what was signed.
    for (pugi::xml_node child = error.first_child(); child; child = child.next_sibling()) {
      const std::string name = child.name();
      if (name.empty() || name == "Code" || name == "Message" || name == "RequestId" || !child.first_child() ||
          child.first_child().type() != pugi::node_pcdata || detail::isSignatureEcho(name))
        continue;
      e.details.emplace_back(name, child.child_value());
    }
  }
  e.responseHeaders = response.headers;
  if (e.requestId.empty()) {
    for (const char* header : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid"})
      if (const std::string* id = response.headers.get(header)) { e.requestId = *id; break; }
  }
  if (e.code.empty()) {
    // No body to read (HEAD) or an unreadable one: the status is all we know. botocore then
    // uses the status as the code ("404") and the reason phrase as the message; so do we.
    e.code = std::to_string(response.status);
    e.message = httpReasonPhrase(response.status);
  }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(response.status);
  return e;
}

}  // namespace awsdirect
