#pragma once
// The REST-XML protocol (S3, and later CloudFront or Route 53): an operation is an HTTP method,
// a path built from URI labels, query parameters, headers and an optional XML body; its result
// is read from the status, the response headers and an XML body. The pipeline is the Query
// pipeline's: validate -> serialize -> (route and sign) -> send with retries -> classify -> parse,
// with ClientCore::execute doing the signing, sending, retrying and classifying.
#include <pugixml.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client.hpp"
#include "error.hpp"
#include "http.hpp"
#include "uri.hpp"
#include "validate.hpp"
#include "time.hpp"
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
  XmlElementWriter& text(const char* name, const std::string& value) {
    node_.append_child(name).text().set(value.c_str());
    return *this;
  }
  XmlElementWriter& boolean(const char* name, bool value) { return text(name, value ? "true" : "false"); }
  XmlElementWriter& integer(const char* name, std::int64_t value) { return text(name, std::to_string(value)); }
  template <class T>
  XmlElementWriter& optionalText(const char* name, const std::optional<T>& value) {
    if (value) text(name, *value);
    return *this;
  }
  XmlElementWriter& optionalBoolean(const char* name, const std::optional<bool>& value) {
    if (value) boolean(name, *value);
    return *this;
  }

 private:
  pugi::xml_node node_;
};

// A whole XML request body: one root element, optionally in a namespace.
class XmlBodyWriter {
 public:
  XmlBodyWriter(const char* rootName, const char* xmlNamespace = nullptr) {
    pugi::xml_node root = document_.append_child(rootName);
    if (xmlNamespace) root.append_attribute("xmlns").set_value(xmlNamespace);
    root_ = XmlElementWriter(root);
  }
  XmlElementWriter& root() { return root_; }

  // The document without an XML declaration and without indentation, as botocore sends it.
  std::string str() const {
    std::ostringstream out;
    document_.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return out.str();
  }

 private:
  pugi::xml_document document_;
  XmlElementWriter root_{pugi::xml_node()};
};

// ---- The request an operation writes -------------------------------------------------------------

// What a REST operation serializes into: method, path from literal pieces and URI labels, query
// parameters, headers and a body. The client turns it into an HttpRequest for its endpoint.
class RestRequest {
 public:
  explicit RestRequest(std::string method = "GET") : method_(std::move(method)) {}

  const std::string& method() const { return method_; }
  RestRequest& method(std::string value) { method_ = std::move(value); return *this; }

  // Appends text to the path as it is ("/", "/?"-free literals of the URI template).
  RestRequest& pathLiteral(std::string_view literal) {
    path_ += literal;
    return *this;
  }
  // Appends a URI label's value, URI-encoded: every byte but the unreserved ones becomes %XX; a
  // greedy label ({Key+}) keeps its '/' as they are. The value is kept by name for routing.
  RestRequest& pathLabel(const std::string& name, const std::string& value, bool greedy = false) {
    uriEncodeAppend(path_, value, greedy);
    labels_[name] = value;
    return *this;
  }
  const std::string& path() const { return path_; }
  // The raw value of a label written by pathLabel, or "" ("Bucket" for S3's addressing).
  std::string label(const std::string& name) const {
    auto found = labels_.find(name);
    return found == labels_.end() ? std::string() : found->second;
  }

  // A query parameter; name and value are encoded on the way out.
  RestRequest& query(std::string name, std::string value) {
    query_.push_back({std::move(name), std::move(value), true});
    return *this;
  }
  // A bare query flag without '=' ("?uploads", "?delete"), as the URI template writes it.
  RestRequest& queryFlag(std::string name) {
    query_.push_back({std::move(name), {}, false});
    return *this;
  }
  template <class T>
  RestRequest& optionalQuery(std::string name, const std::optional<T>& value) {
    if (value) query(std::move(name), toText(*value));
    return *this;
  }

  RestRequest& header(const std::string& name, std::string value) {
    headers_.set(name, std::move(value));
    return *this;
  }
  template <class T>
  RestRequest& optionalHeader(const std::string& name, const std::optional<T>& value) {
    if (value) header(name, toText(*value));
    return *this;
  }
  // A map bound to headers by prefix ("x-amz-meta-" + name).
  RestRequest& prefixedHeaders(const std::string& prefix, const std::map<std::string, std::string>& values) {
    for (const auto& [name, value] : values) headers_.set(prefix + name, value);
    return *this;
  }
  const HttpHeaders& headers() const { return headers_; }
  HttpHeaders& headers() { return headers_; }

  RestRequest& body(std::string value) {
    body_ = std::move(value);
    return *this;
  }
  const std::string& body() const { return body_; }
  // A body streamed as it is sent; `forHashing`, when given, reads the same bytes for the
  // payload hash without counting as sending them (the sending reader may report progress).
  RestRequest& streamedBody(StreamedBody value, std::optional<StreamedBody> forHashing = std::nullopt) {
    streamedBody_ = std::move(value);
    bodyForHashing_ = std::move(forHashing);
    return *this;
  }
  const std::optional<StreamedBody>& streamedBody() const { return streamedBody_; }
  const std::optional<StreamedBody>& bodyForHashing() const { return bodyForHashing_ ? bodyForHashing_ : streamedBody_; }
  RestRequest& responseSink(ResponseBodySink sink) {
    responseSink_ = std::move(sink);
    return *this;
  }
  const ResponseBodySink& responseSink() const { return responseSink_; }

  // Whether a 200 answer may carry an <Error> body (S3's CopyObject, CompleteMultipartUpload).
  RestRequest& mayHideErrorIn200(bool value = true) {
    mayHideErrorIn200_ = value;
    return *this;
  }
  bool mayHideErrorIn200() const { return mayHideErrorIn200_; }

  // The query string as sent: names and values URI-encoded, in the order written.
  std::string encodedQuery() const {
    std::string out;
    for (const auto& param : query_) {
      if (!out.empty()) out += '&';
      uriEncodeAppend(out, param.name);
      if (param.hasValue) {
        out += '=';
        uriEncodeAppend(out, param.value);
      }
    }
    return out;
  }

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
  bool mayHideErrorIn200_ = false;
};

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
  XmlNode xml() const {
    if (response_.body.empty() || response_.bodyStreamed) return XmlNode();
    if (!document_) document_ = std::make_shared<XmlDocument>(response_.body);
    return document_->root();
  }

  std::string header(const std::string& name) const {
    const std::string* value = response_.headers.get(name);
    return value ? *value : std::string();
  }
  std::optional<std::string> optionalHeader(const std::string& name) const {
    const std::string* value = response_.headers.get(name);
    if (!value) return std::nullopt;
    return *value;
  }
  std::int64_t integerHeader(const std::string& name, std::int64_t fallback = 0) const {
    const std::string* value = response_.headers.get(name);
    if (!value || value->empty()) return fallback;
    char* end = nullptr;
    long long parsed = std::strtoll(value->c_str(), &end, 10);
    return end && *end == '\0' ? static_cast<std::int64_t>(parsed) : fallback;
  }
  bool booleanHeader(const std::string& name) const {
    const std::string* value = response_.headers.get(name);
    return value && detail::equalsIgnoreCase(*value, "true");
  }
  std::optional<std::chrono::system_clock::time_point> timeHeader(const std::string& name) const {
    const std::string* value = response_.headers.get(name);
    if (!value) return std::nullopt;
    return parseHttpDate(*value);
  }
  // Every header whose name starts with `prefix` (case-insensitively), by the rest of its name
  // in lower case: S3's user metadata, "x-amz-meta-".
  std::map<std::string, std::string> prefixedHeaders(const std::string& prefix) const {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : response_.headers) {
      if (name.size() <= prefix.size() || !detail::equalsIgnoreCase(name.substr(0, prefix.size()), prefix)) continue;
      std::string rest = name.substr(prefix.size());
      for (char& c : rest)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      out[rest] = value;
    }
    return out;
  }

 private:
  const HttpResponse& response_;
  mutable std::shared_ptr<XmlDocument> document_;
};

// ---- The client ----------------------------------------------------------------------------------

// A client of a REST-XML service. A request type `R` provides:
//   using Result = ...;                          the typed result
//   static constexpr const char* operation;      "PutObject"
//   void validate(Validator&) const;             the client-side rules
//   void serialize(RestRequest&) const;          method, path, query, headers, body
//   static Result parse(const RestResponse&);    status, headers and XML body into the result
// A service whose calls need routing of their own (S3: the bucket in the host name, the bucket's
// region) overrides dispatch().
class RestXmlClient {
 public:
  RestXmlClient(ServiceInfo service, const ClientConfig& config)
      : core_(std::make_shared<ClientCore>(std::move(service), config)) {}
  virtual ~RestXmlClient() = default;
  RestXmlClient(const RestXmlClient&) = delete;
  RestXmlClient& operator=(const RestXmlClient&) = delete;

  // Sends `request`; `via`, when given, carries it instead of the client's transport (each
  // thread of a parallel transfer has a connection of its own).
  template <class Request>
  Outcome<typename Request::Result> send(const Request& request, Transport* via = nullptr) {
    const std::string operation = Request::operation;
    try {
      Validator validator;
      request.validate(validator);
      if (!validator.ok()) return validator.error(core_->service().endpointPrefix, operation);
      RestRequest rest;
      request.serialize(rest);
      Outcome<HttpResponse> response = dispatch(rest, operation, via);
      if (!response) return response.error();
      return Request::parse(RestResponse(response.value()));
    } catch (const Exception& e) {
      return detail::withContext(e.error(), core_->service(), operation);
    }
  }

  ClientCore& core() { return *core_; }

 protected:
  // Turns `rest` into an HttpRequest for this client's endpoint, sends it through the pipeline,
  // and returns the 2xx response or the typed error.
  virtual Outcome<HttpResponse> dispatch(const RestRequest& rest, const std::string& operation, Transport* via) {
    HttpRequest http = toHttpRequest(rest);
    ExecuteOptions options;
    options.transport = via;
    if (rest.mayHideErrorIn200()) options.isErrorDespite2xx = &bodyIsError;
    return finish(http, core_->execute(http, operation, options));
  }

  // The HttpRequest for `rest` at this client's endpoint.
  HttpRequest toHttpRequest(const RestRequest& rest) const {
    HttpRequest http = core_->newRequest(rest.method(), rest.path().empty() ? "/" : rest.path());
    http.query = rest.encodedQuery();
    for (const auto& [name, value] : rest.headers()) http.headers.add(name, value);
    http.body = rest.body();
    http.streamedBody = rest.streamedBody();
    http.responseSink = rest.responseSink();
    return http;
  }

  // Hands a body that a transport kept in memory to the request's sink, so a sink sees the body
  // whichever transport carried it (a test double, a fixture replayer).
  static Outcome<HttpResponse> finish(const HttpRequest& http, Outcome<HttpResponse> response) {
    if (response.ok() && http.responseSink && !response.value().bodyStreamed) {
      HttpResponse& r = response.value();
      if (!r.body.empty()) http.responseSink(0, r.body.data(), r.body.size());
      r.body.clear();
      r.bodyStreamed = true;
    }
    return response;
  }

  // Whether a 200 body is an <Error> document (S3 may answer so once a long copy has begun).
  static bool bodyIsError(const HttpResponse& response) {
    if (response.body.empty() || response.bodyStreamed) return false;
    std::size_t start = response.body.find('<');
    while (start != std::string::npos && response.body.compare(start, 2, "<?") == 0)
      start = response.body.find('<', start + 2);
    return start != std::string::npos && response.body.compare(start, 7, "<Error>") == 0;
  }

  std::shared_ptr<ClientCore> core_;
};

}  // namespace awsdirect
