// Definitions of <awsdirect/rest_xml.hpp>.
#include <charconv>
#include <cstdlib>
#include <sstream>

#include "../detail/text.hpp"
#include "../time.hpp"
#include "../uri.hpp"

namespace awsdirect {

XmlElementWriter& XmlElementWriter::text(const char* name, const std::string& value) {
  node_.append_child(name).text().set(value.c_str());
  return *this;
}

XmlElementWriter& XmlElementWriter::optionalBoolean(const char* name, const std::optional<bool>& value) {
  if (value) boolean(name, *value);
  return *this;
}

XmlBodyWriter::XmlBodyWriter(const char* rootName, const char* xmlNamespace) {
  pugi::xml_node root = document_.append_child(rootName);
  if (xmlNamespace) root.append_attribute("xmlns").set_value(xmlNamespace);
  root_ = XmlElementWriter(root);
}

std::string XmlBodyWriter::str() const {
  std::ostringstream out;
  document_.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

RestRequest& RestRequest::pathLiteral(std::string_view literal) {
  path_ += literal;
  return *this;
}

RestRequest& RestRequest::pathLabel(const std::string& name, const std::string& value, bool greedy) {
  uriEncodeAppend(path_, value, greedy);
  labels_[name] = value;
  return *this;
}

std::string RestRequest::label(const std::string& name) const {
  auto found = labels_.find(name);
  return found == labels_.end() ? std::string() : found->second;
}

RestRequest& RestRequest::query(std::string name, std::string value) {
  query_.push_back({std::move(name), std::move(value), true});
  return *this;
}

RestRequest& RestRequest::queryFlag(std::string name) {
  query_.push_back({std::move(name), {}, false});
  return *this;
}

RestRequest& RestRequest::header(const std::string& name, std::string value) {
  headers_.set(name, std::move(value));
  return *this;
}

RestRequest& RestRequest::prefixedHeaders(const std::string& prefix, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) headers_.set(prefix + name, value);
  return *this;
}

RestRequest& RestRequest::body(std::string value) {
  body_ = std::move(value);
  return *this;
}

RestRequest& RestRequest::streamedBody(StreamedBody value, std::optional<StreamedBody> forHashing) {
  streamedBody_ = std::move(value);
  bodyForHashing_ = std::move(forHashing);
  return *this;
}

RestRequest& RestRequest::responseSink(ResponseBodySink sink) {
  responseSink_ = std::move(sink);
  return *this;
}

RestRequest& RestRequest::resultIsBody(bool value) {
  resultIsBody_ = value;
  return *this;
}

std::string RestRequest::encodedQuery() const {
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

XmlNode RestResponse::xml() const {
  if (response_.body.empty() || response_.bodyStreamed) return XmlNode();
  if (!document_) document_ = std::make_shared<XmlDocument>(response_.body);
  return document_->root();
}

XmlNode RestResponse::xml(const char* expectedRoot, const char* alsoAccepted) const {
  auto fail = [&](const std::string& found) {
    throwError(makeError(ErrorKind::Parse, "UnexpectedResponse",
                         std::string("the response is not <") + expectedRoot + ">: " + found));
  };
  if (response_.body.empty() || response_.bodyStreamed) fail("its body is empty");
  XmlNode root = xml();
  if (root.name() != expectedRoot && !(alsoAccepted && root.name() == alsoAccepted))
    fail("it is <" + root.name() + ">");
  return root;
}

std::string RestResponse::header(const std::string& name) const {
  const std::string* value = response_.headers.get(name);
  return value ? *value : std::string();
}

std::optional<std::string> RestResponse::optionalHeader(const std::string& name) const {
  const std::string* value = response_.headers.get(name);
  if (!value) return std::nullopt;
  return *value;
}

std::int64_t RestResponse::integerHeader(const std::string& name, std::int64_t fallback, std::int64_t low,
                                         std::int64_t high) const {
  const std::string* value = response_.headers.get(name);
  if (!value || value->empty()) return fallback;
  std::int64_t parsed = 0;
  const auto read = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (read.ec != std::errc() || read.ptr != value->data() + value->size() || parsed < low || parsed > high)
    throwError(makeError(ErrorKind::Parse, "MalformedHeader",
                         "header " + name + " is not a number from " + std::to_string(low) + " to " +
                             std::to_string(high) + ": " + detail::printable(value->substr(0, 40))));
  return parsed;
}

bool RestResponse::booleanHeader(const std::string& name) const {
  const std::string* value = response_.headers.get(name);
  return value && detail::equalsIgnoreCase(*value, "true");
}

std::optional<std::chrono::system_clock::time_point> RestResponse::timeHeader(const std::string& name) const {
  const std::string* value = response_.headers.get(name);
  if (!value) return std::nullopt;
  return parseHttpDate(*value);
}

std::map<std::string, std::string> RestResponse::prefixedHeaders(const std::string& prefix) const {
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

namespace detail {
// Where a member that is not in the path goes, by its spec.
AWSDIRECT_DECL void writeRestValue(RestRequest& r, const MemberSpec& spec, std::string text) {
  if (spec.location == Location::Query) r.query(spec.wireName(), std::move(text));
  else if (spec.location == Location::Header) r.header(spec.wireName(), std::move(text));
}
}  // namespace detail

void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<std::string>& value) {
  if (value) detail::writeRestValue(r, spec, *value);
}

void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<int>& value) {
  if (value) detail::writeRestValue(r, spec, std::to_string(*value));
}

void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<std::int64_t>& value) {
  if (value) detail::writeRestValue(r, spec, std::to_string(*value));
}

void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<bool>& value) {
  if (value) detail::writeRestValue(r, spec, *value ? "true" : "false");
}

void writeMember(RestRequest& r, const MemberSpec& spec, const std::optional<std::chrono::system_clock::time_point>& value) {
  if (value) detail::writeRestValue(r, spec, spec.location == Location::Header ? formatHttpDate(*value) : formatIso8601(*value));
}

void writeMember(RestRequest& r, const MemberSpec& spec, const std::vector<std::string>& value) {
  if (spec.location != Location::Header || value.empty()) return;
  std::string joined;
  for (const std::string& item : value) {
    if (!joined.empty()) joined += ",";
    if (item.find_first_of(",\"") == std::string::npos) {
      joined += item;
    } else {  // botocore's quoting of a header list's item
      joined += '"';
      for (char c : item) joined += c == '"' ? std::string("\\\"") : std::string(1, c);
      joined += '"';
    }
  }
  detail::writeRestValue(r, spec, joined);
}

namespace detail {
std::string isoTime(std::chrono::system_clock::time_point time) { return formatIso8601(time); }
}  // namespace detail

void writeRequestLine(RestRequest& r, const char* http, const std::vector<std::pair<const char*, std::string>>& labels) {
  std::string_view line(http);
  const std::size_t space = line.find(' ');
  r.method(std::string(line.substr(0, space)));
  line.remove_prefix(space + 1);
  const std::size_t question = line.find('?');
  std::string_view path = line.substr(0, question);
  while (!path.empty()) {
    const std::size_t open = path.find('{');
    r.pathLiteral(path.substr(0, open));
    if (open == std::string_view::npos) break;
    const std::size_t close = path.find('}', open);
    std::string name(path.substr(open + 1, close - open - 1));
    const bool greedy = !name.empty() && name.back() == '+';
    if (greedy) name.pop_back();
    std::string value;
    for (const auto& label : labels)
      if (name == label.first) value = label.second;
    r.pathLabel(name, value, greedy);
    path.remove_prefix(close + 1);
  }
  if (question == std::string_view::npos) return;
  std::string_view flags = line.substr(question + 1);
  while (!flags.empty()) {
    const std::size_t amp = flags.find('&');
    const std::string_view flag = flags.substr(0, amp);
    const std::size_t equals = flag.find('=');
    if (equals == std::string_view::npos) r.queryFlag(std::string(flag));
    else r.query(std::string(flag.substr(0, equals)), std::string(flag.substr(equals + 1)));
    if (amp == std::string_view::npos) break;
    flags.remove_prefix(amp + 1);
  }
}

}  // namespace awsdirect
