#pragma once
// Reading AWS XML responses into typed results, and the error shapes AWS sends. Readers copy
// values out and ignore elements they do not know, so new fields in AWS responses never break us.
#include <pugixml.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "detail/build_mode.hpp"
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
  AWSDIRECT_DECL std::vector<XmlNode> children(const char* name) const;
  // The members of a wrapped list: <VpcSecurityGroups><VpcSecurityGroup>..</VpcSecurityGroup></VpcSecurityGroups>.
  std::vector<XmlNode> list(const char* wrapper, const char* member) const { return child(wrapper).children(member); }
  // A wrapped list of strings.
  AWSDIRECT_DECL std::vector<std::string> stringList(const char* wrapper, const char* member) const;

  // The element's own text, "" when absent.
  std::string value() const { return node_.child_value(); }
  // The text of a direct child, "" when absent.
  std::string text(const char* name) const { return node_.child(name).child_value(); }
  AWSDIRECT_DECL std::optional<std::string> optionalText(const char* name) const;
  // Numbers and booleans of a direct child; `fallback` when absent. A number out of range or not
  // a number at all is a ParseError naming the element, never a wrapped or made-up value.
  AWSDIRECT_DECL std::int64_t integer(const char* name, std::int64_t fallback = 0) const;
  // An int (ports, counts, days): the same, and a ParseError beyond int's range.
  AWSDIRECT_DECL int int32(const char* name, int fallback = 0) const;
  // A size in bytes: the same, and a ParseError when negative.
  AWSDIRECT_DECL std::uint64_t size(const char* name) const;
  AWSDIRECT_DECL bool boolean(const char* name, bool fallback = false) const;
  // An ISO 8601 timestamp ("2026-11-25T21:28:47.465184Z"); nullopt when absent or malformed.
  AWSDIRECT_DECL std::optional<std::chrono::system_clock::time_point> timestamp(const char* name) const;

  pugi::xml_node raw() const { return node_; }

 private:
  pugi::xml_node node_;
};

// An owned, parsed document. Throws ParseError on malformed XML.
class XmlDocument {
 public:
  AWSDIRECT_DECL explicit XmlDocument(const std::string& text);
  // A copy of `element` and what it holds, as a document of its own.
  AWSDIRECT_DECL explicit XmlDocument(const XmlNode& element);
  XmlNode root() const { return XmlNode(doc_.document_element()); }

 private:
  pugi::xml_document doc_;
};

// Reads an AWS error response of any of the three shapes into an Error of kind Service, with the
// response's headers and the error element's other children (S3's Region) in Error::details:
//   Query services: <ErrorResponse><Error><Code/><Message/></Error><RequestId/></ErrorResponse>
//   EC2:            <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
//   S3:             <Error><Code/><Message/><RequestId/></Error>
// A body that is none of these (empty for HEAD, an HTML page from a proxy) still gives an error
// whose code comes from the status, as botocore does.
AWSDIRECT_DECL Error parseErrorResponse(const HttpResponse& response);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/xml.ipp"
#endif
