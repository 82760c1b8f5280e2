#pragma once
// Reading AWS XML responses into typed results, and the error shapes AWS sends. Readers copy
// values out and ignore elements they do not know, so new fields in AWS responses never break us.
#include <pugixml.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "http.hpp"
#include "time.hpp"

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

inline std::optional<std::chrono::system_clock::time_point> XmlNode::timestamp(const char* name) const {
  return parseIso8601(text(name));
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
    e.message = httpReasonPhrase(response.status);
  }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(response.status);
  return e;
}

}  // namespace awsdirect
