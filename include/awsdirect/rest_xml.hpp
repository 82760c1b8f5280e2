#pragma once
// The REST-XML protocol (S3, and later CloudFront or Route 53): an operation is an HTTP method,
// a path built from URI labels, query parameters, headers and an optional XML body; its result
// is read from the status, the response headers and an XML body. RestXmlClient (client.hpp)
// runs such operations through the pipeline.
#include <pugixml.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "http.hpp"
#include "request.hpp"
#include "xml.hpp"

namespace awsdirect {

// ---- Writing XML request bodies ------------------------------------------------------------------

// One element of a request body being written. Text is escaped by pugixml, so a key such as
// "a<b&c" reaches AWS as it was given.
class XmlElementWriter {
 public:
  explicit XmlElementWriter(pugi::xml_node node) : node_(node) {}

  // A child element that takes children of its own.
  XmlElementWriter element(const char* name) { return XmlElementWriter(node_.append_child(name)); }
  // <name>value</name>
  AWSDIRECT_DECL XmlElementWriter& text(const char* name, const std::string& value);
  XmlElementWriter& boolean(const char* name, bool value) { return text(name, value ? "true" : "false"); }
  XmlElementWriter& integer(const char* name, std::int64_t value) { return text(name, std::to_string(value)); }
  template <class T>
  XmlElementWriter& optionalText(const char* name, const std::optional<T>& value) {
    if (value) text(name, *value);
    return *this;
  }
  AWSDIRECT_DECL XmlElementWriter& optionalBoolean(const char* name, const std::optional<bool>& value);

 private:
  pugi::xml_node node_;
};

// A whole XML request body: one root element, optionally in a namespace.
class XmlBodyWriter {
 public:
  AWSDIRECT_DECL XmlBodyWriter(const char* rootName, const char* xmlNamespace = nullptr);
  XmlElementWriter& root() { return root_; }

  // The document without an XML declaration and without indentation, as botocore sends it.
  AWSDIRECT_DECL std::string str() const;

 private:
  pugi::xml_document document_;
  XmlElementWriter root_{pugi::xml_node()};
};

// ---- Writing a declared structure (result.hpp's fields(), read and written alike) ------------------

namespace detail {
AWSDIRECT_DECL std::string isoTime(std::chrono::system_clock::time_point time);

template <class T>
void writeXmlFields(XmlElementWriter& element, const T& value);

// One field's value under `name`: text, a number, a boolean, a time, a structure, or a list
// (wrapped in <name> with <item> elements, or flattened as repeated <name> elements). Absent
// optionals and empty text are left out, as botocore leaves out what the parameters lack.
template <class M>
void writeXmlValue(XmlElementWriter& parent, const char* name, const char* item, const M& value) {
  if constexpr (IsOptional<M>::value) {
    // A text given empty is written empty: an empty Prefix is every object.
    if constexpr (std::is_same_v<typename M::value_type, std::string>) {
      if (value) parent.text(name, *value);
    } else if (value) {
      writeXmlValue(parent, name, item, *value);
    }
  } else if constexpr (std::is_same_v<M, std::string>) {
    if (!value.empty()) parent.text(name, value);
  } else if constexpr (std::is_same_v<M, bool>) {
    parent.boolean(name, value);
  } else if constexpr (std::is_integral_v<M>) {
    parent.integer(name, value);
  } else if constexpr (std::is_same_v<M, std::chrono::system_clock::time_point>) {
    parent.text(name, isoTime(value));
  } else if constexpr (IsVector<M>::value) {
    if (item) {
      if (value.empty()) return;
      XmlElementWriter list = parent.element(name);
      for (const auto& each : value) writeXmlValue(list, item, nullptr, each);
    } else {
      for (const auto& each : value) writeXmlValue(parent, name, nullptr, each);
    }
  } else if (!*name) {  // inline: the structure's fields are the parent's
    writeXmlFields(parent, value);
  } else {
    XmlElementWriter child = parent.element(name);
    writeXmlFields(child, value);
  }
}

template <class T>
void writeXmlFields(XmlElementWriter& element, const T& value) {
  forEachOf(T::fields(), [&](const auto& f) { writeXmlValue(element, f.name, f.item, value.*(f.member)); });
}
}  // namespace detail

// A request body of one declared structure: <root xmlns="...">its fields</root>.
template <class T>
std::string xmlDocument(const char* root, const char* xmlNamespace, const T& value) {
  XmlBodyWriter body(root, xmlNamespace);
  detail::writeXmlFields(body.root(), value);
  return body.str();
}

// ---- The request an operation writes -------------------------------------------------------------

// What a REST operation serializes into: method, path from literal pieces and URI labels, query
// parameters, headers and a body. The client turns it into an HttpRequest for its endpoint.
class RestRequest {
 public:
  explicit RestRequest(std::string method = "GET") : method_(std::move(method)) {}

  const std::string& method() const { return method_; }
  RestRequest& method(std::string value) { method_ = std::move(value); return *this; }

  // Appends text to the path as it is ("/", "/?"-free literals of the URI template).
  AWSDIRECT_DECL RestRequest& pathLiteral(std::string_view literal);
  // Appends a URI label's value, URI-encoded: every byte but the unreserved ones becomes %XX; a
  // greedy label ({Key+}) keeps its '/' as they are. The value is kept by name for routing.
  AWSDIRECT_DECL RestRequest& pathLabel(const std::string& name, const std::string& value, bool greedy = false);
  const std::string& path() const { return path_; }
  // The raw value of a label written by pathLabel, or "" ("Bucket" for S3's addressing).
  AWSDIRECT_DECL std::string label(const std::string& name) const;

  // A query parameter; name and value are encoded on the way out.
  AWSDIRECT_DECL RestRequest& query(std::string name, std::string value);
  // A bare query flag without '=' ("?uploads", "?delete"), as the URI template writes it.
  AWSDIRECT_DECL RestRequest& queryFlag(std::string name);
  template <class T>
  RestRequest& optionalQuery(std::string name, const std::optional<T>& value) {
    if (value) query(std::move(name), toText(*value));
    return *this;
  }

  AWSDIRECT_DECL RestRequest& header(const std::string& name, std::string value);
  template <class T>
  RestRequest& optionalHeader(const std::string& name, const std::optional<T>& value) {
    if (value) header(name, toText(*value));
    return *this;
  }
  // A map bound to headers by prefix ("x-amz-meta-" + name).
  AWSDIRECT_DECL RestRequest& prefixedHeaders(const std::string& prefix, const std::map<std::string, std::string>& values);
  const HttpHeaders& headers() const { return headers_; }
  HttpHeaders& headers() { return headers_; }

  AWSDIRECT_DECL RestRequest& body(std::string value);
  const std::string& body() const { return body_; }
  // A body streamed as it is sent; `forHashing`, when given, reads the same bytes for the
  // payload hash without counting as sending them (the sending reader may report progress).
  AWSDIRECT_DECL RestRequest& streamedBody(StreamedBody value, std::optional<StreamedBody> forHashing = std::nullopt);
  const std::optional<StreamedBody>& streamedBody() const { return streamedBody_; }
  const std::optional<StreamedBody>& bodyForHashing() const { return bodyForHashing_ ? bodyForHashing_ : streamedBody_; }
  AWSDIRECT_DECL RestRequest& responseSink(ResponseBodySink sink);
  const ResponseBodySink& responseSink() const { return responseSink_; }

  // Whether the response body is the result itself (GetObject's object) rather than an XML
  // document. A document that arrives with a 2xx is checked before it is taken: an <Error> (S3's
  // CopyObject and CompleteMultipartUpload may answer 200 and then fail) is that error, and a
  // body that is not XML (cut off, or a proxy's page) a ParseError that is retried, as botocore.
  AWSDIRECT_DECL RestRequest& resultIsBody(bool value = true);
  bool resultIsBody() const { return resultIsBody_; }

  // What an operation asks of its client beyond its wire form, said by its request type (botocore
  // reads the first two from the model's httpChecksum trait):
  //   checksumByDefault   the body goes with a checksum when the request chose none (PutObject's
  //                       requestAlgorithmMember: CRC32 under request_checksum_calculation=when_supported)
  //   asksForChecksum     the response's checksum is asked for (GetObject's and HeadObject's
  //                       requestValidationModeMember, under response_checksum_validation=when_supported)
  //   locationErrorIsOwn  an error about the bucket's location is the answer, not a redirect (CreateBucket)
  struct Traits {
    bool checksumByDefault = false;
    bool asksForChecksum = false;
    bool locationErrorIsOwn = false;
  };
  RestRequest& traits(Traits value) { traits_ = value; return *this; }
  const Traits& traits() const { return traits_; }

  // The query string as sent: names and values URI-encoded, in the order written.
  AWSDIRECT_DECL std::string encodedQuery() const;

 private:
  struct QueryParam {
    std::string name, value;
    bool hasValue;
  };
  static std::string toText(const std::string& value) { return value; }
  static std::string toText(const char* value) { return value; }
  static std::string toText(bool value) { return value ? "true" : "false"; }
  template <class Number>
  static std::string toText(Number value) {
    return std::to_string(value);
  }

  std::string method_;
  std::string path_;
  std::map<std::string, std::string> labels_;
  std::vector<QueryParam> query_;
  HttpHeaders headers_;
  std::string body_;
  std::optional<StreamedBody> streamedBody_, bodyForHashing_;
  ResponseBodySink responseSink_;
  bool resultIsBody_ = false;
  Traits traits_;
};

// ---- Declared members on the wire (request.hpp) ----------------------------------------------------
// A declared REST request names its request line once, `static constexpr const char* http =
// "PUT /{Bucket}/{Key+}?tagging"`: the method, the URI template (a label takes the member of its
// name; `+` keeps its '/'), and the query flags the template writes. Members at query() and
// header() go there under their wire names; the body, when the operation has one, is the
// request's own `writeBody(RestRequest&) const`.

AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<std::string>& value);
AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<int>& value);
AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<std::int64_t>& value);
AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<bool>& value);
// A time in a header is an HTTP date (If-Modified-Since), in the query ISO 8601.
AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec,
                                const std::optional<std::chrono::system_clock::time_point>& value);
// A list of text in a header is its items joined by commas (botocore quotes an item holding a
// comma or a quote); any other list is a body's, written by the request, as is a structure.
AWSDIRECT_DECL void writeMember(RestRequest& r, const MemberSpec& spec, const std::vector<std::string>& value);
template <class T>
void writeMember(RestRequest&, const MemberSpec&, const std::vector<T>&) {}
template <class T>
void writeMember(RestRequest&, const MemberSpec&, const std::optional<T>&) {}

// The request line of `http` with the URI labels' values.
AWSDIRECT_DECL void writeRequestLine(RestRequest& r, const char* http,
                                     const std::vector<std::pair<const char*, std::string>>& labels);

namespace detail {
inline std::string labelText(const std::optional<std::string>& value) { return value.value_or(""); }
template <class T>
std::string labelText(const T&) { return {}; }
// Whether a request writes a body of its own.
template <class Request, class = void>
struct WritesBody : std::false_type {};
template <class Request>
struct WritesBody<Request, std::void_t<decltype(std::declval<const Request&>().writeBody(std::declval<RestRequest&>()))>>
    : std::true_type {};
// Whether a request's result is its response body as it is (`static constexpr bool resultIsBody = true;`).
template <class Request, class = void>
struct ResultIsBody : std::false_type {};
template <class Request>
struct ResultIsBody<Request, std::void_t<decltype(Request::resultIsBody)>> : std::bool_constant<Request::resultIsBody> {};
// Whether a request type declares its traits (`static constexpr RestRequest::Traits traits{...}`).
template <class Request, class = void>
struct HasTraits : std::false_type {};
template <class Request>
struct HasTraits<Request, std::void_t<decltype(Request::traits)>> : std::true_type {};
}  // namespace detail

template <class Request>
void writeRequest(const Request& request, RestRequest& r) {
  std::vector<std::pair<const char*, std::string>> labels;
  request.forEachMember([&](const MemberSpec& spec, const auto& value) {
    if (spec.location == Location::Uri || spec.location == Location::GreedyUri)
      labels.emplace_back(spec.name, detail::labelText(value));
    else if (spec.location != Location::Body)
      writeMember(r, spec, value);
  });
  writeRequestLine(r, Request::http, labels);
  if constexpr (detail::WritesBody<Request>::value) request.writeBody(r);
  if constexpr (detail::HasTraits<Request>::value) r.traits(Request::traits);
  // No document to check in a 2xx answer (as botocore's _should_handle_200_error): an operation
  // without output (moto answers PutBucketPolicy with "True"), or one whose output is the body
  // as it is (GetBucketPolicy's JSON).
  if constexpr (std::is_same_v<typename Request::Result, Empty> || detail::ResultIsBody<Request>::value) r.resultIsBody();
}

// ---- Reading responses ---------------------------------------------------------------------------

// A successful response as an operation's parse function sees it: status, headers and, for
// operations with an XML output, the body's root element.
class RestResponse {
 public:
  explicit RestResponse(const HttpResponse& response) : response_(response) {}

  int status() const { return response_.status; }
  const HttpHeaders& headers() const { return response_.headers; }
  // The raw body; empty when it was streamed to a sink.
  const std::string& body() const { return response_.body; }

  // The body's root element; an empty XmlNode when there is no body. Throws ParseError when
  // the body is not XML.
  AWSDIRECT_DECL XmlNode xml() const;
  // The document's root, which must be <expectedRoot>: anything else (an empty body, another
  // document, a proxy's page) is a ParseError that says what arrived, never an empty result.
  // `alsoAccepted` names a second root some S3-compatible servers use.
  AWSDIRECT_DECL XmlNode xml(const char* expectedRoot, const char* alsoAccepted = nullptr) const;

  AWSDIRECT_DECL std::string header(const std::string& name) const;
  AWSDIRECT_DECL std::optional<std::string> optionalHeader(const std::string& name) const;
  // `fallback` when absent; a ParseError when not a whole number within [low, high].
  AWSDIRECT_DECL std::int64_t integerHeader(const std::string& name, std::int64_t fallback = 0, std::int64_t low = 0,
                                            std::int64_t high = INT64_MAX) const;
  AWSDIRECT_DECL bool booleanHeader(const std::string& name) const;
  AWSDIRECT_DECL std::optional<std::chrono::system_clock::time_point> timeHeader(const std::string& name) const;
  // Every header whose name starts with `prefix` (case-insensitively), by the rest of its name
  // in lower case: S3's user metadata, "x-amz-meta-".
  AWSDIRECT_DECL std::map<std::string, std::string> prefixedHeaders(const std::string& prefix) const;

 private:
  const HttpResponse& response_;
  mutable std::shared_ptr<XmlDocument> document_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/rest_xml.ipp"
#endif
