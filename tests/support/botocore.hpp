#pragma once
// botocore as the oracle of the unit tests: what its serializer sends for the same parameters
// (botocore_serialize.py --compare) and what its parser reads from the same response document
// (botocore_parse.py), each one Python process for a whole list of operations.
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <doctest/doctest.h>

#include <awsdirect/detail/json.hpp>
#include <awsdirect/json_client.hpp>
#include <awsdirect/rest_xml.hpp>
#include <awsdirect/result.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/xml.hpp>

#include "scripted_transport.hpp"

namespace awsdirect_test {

inline bool botocoreAvailable() {
  static const bool available = std::system("timeout 30 python3 -c 'import botocore' >/dev/null 2>&1") == 0;
  return available;
}

// Runs tests/support/SCRIPT ARGS with `lines` on its stdin; its stdout's lines.
inline std::vector<std::string> runBotocore(const std::string& script, const std::vector<std::string>& lines,
                                            const std::string& args = "") {
  const std::string input = "/tmp/awsdirect-botocore-" + std::to_string(::getpid()) + ".jsonl";
  {
    std::ofstream out(input);
    for (const std::string& line : lines) out << line << "\n";
  }
  const std::string command =
      "timeout 120 python3 " + std::string(AWSDIRECT_SOURCE_DIR) + "/tests/support/" + script + " " + args + " < " + input;
  FILE* pipe = popen(command.c_str(), "r");
  std::vector<std::string> output;
  if (!pipe) return output;
  std::string line;
  char buffer[65536];
  while (std::fgets(buffer, sizeof buffer, pipe)) {
    line += buffer;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      output.push_back(line);
      line.clear();
    }
  }
  const int status = pclose(pipe);
  std::remove(input.c_str());
  if (status != 0) output.push_back("the script failed: " + command);
  return output;
}

// One request compared with botocore's serializer: the request as sent and the same parameters as JSON.
struct SerializerCase {
  std::string name;       // "IAM ListRoles"
  std::string service;    // botocore's name
  std::string operation;
  std::string params;     // the same parameters as JSON, for botocore
  awsdirect::HttpRequest sent;
};

// Sends `request` with `Client` to a transport that keeps it, and returns what went out.
template <class Client, class Request>
awsdirect::HttpRequest sentBy(const Request& request, const std::string& endpoint = "") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->respond(200, "");
  awsdirect::ClientConfig config = scriptedConfig(transport);
  config.endpointUrl = endpoint;
  Client client(config);
  auto outcome = client.send(request);  // an empty answer is a ParseError: what was sent is the point
  const std::string why = std::string("nothing was sent for ") + Request::operation + ": " +
                          (outcome.ok() ? std::string() : outcome.error().describe());
  REQUIRE_MESSAGE(transport->requests.size() == 1, why);
  return transport->requests.front();
}

// Each case's verdict: "ok", or what differs from botocore.
inline std::vector<std::string> compareWithSerializer(const std::vector<SerializerCase>& cases) {
  using awsdirect::detail::JsonValue;
  std::vector<std::string> lines;
  for (const SerializerCase& c : cases) {
    JsonValue::Object headers;
    for (const auto& [name, value] : c.sent.headers) headers.emplace_back(name, value);
    lines.push_back(JsonValue::object({{"service", c.service}, {"operation", c.operation},
                                       {"params", JsonValue::parse(c.params)}, {"method", c.sent.method},
                                       {"path", c.sent.path}, {"query", c.sent.query},
                                       {"headers", JsonValue::object(std::move(headers))}, {"body", c.sent.body}})
                        .dump());
  }
  return runBotocore("botocore_serialize.py", lines, "--compare");
}

// Checks that botocore's serializer sends what awsdirect sent, case by case (doctest).
inline void checkSerializedAsBotocore(const std::vector<SerializerCase>& cases) {
  const std::vector<std::string> verdicts = compareWithSerializer(cases);
  REQUIRE(verdicts.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(cases[i].name);
    CHECK(verdicts[i] == "ok");
  }
}

// ---- Results as paths ("Roles/0/RoleName" -> "RoleName-3"), as botocore_parse.py writes them ----

// Every value of a declared result under its path; empty text and absent values are left out
// (botocore leaves out what the document does not have).
template <class T>
void flatten(const std::string& path, const T& value, std::map<std::string, std::string>& out) {
  if constexpr (awsdirect::detail::IsOptional<T>::value) {
    if (value) flatten(path, *value, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!value.empty()) out[path] = value;
  } else if constexpr (std::is_same_v<T, awsdirect::Secret>) {
    if (!value.reveal().empty()) out[path] = value.reveal();
  } else if constexpr (std::is_same_v<T, bool>) {
    out[path] = value ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    out[path] = std::to_string(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    char text[32];  // the shortest that reads back, as Python's str() writes it
    out[path] = std::string(text, std::to_chars(text, text + sizeof text, value).ptr);
  } else if constexpr (std::is_same_v<T, std::chrono::system_clock::time_point>) {
    out[path] = awsdirect::formatIso8601(value);
  } else if constexpr (awsdirect::detail::IsVector<T>::value) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(path + "/" + std::to_string(i), value[i], out);
  } else if constexpr (awsdirect::detail::IsStringMap<T>::value) {
    for (const auto& [key, item] : value) flatten(path + "/{" + key + "}", item, out);  // a map's keys in braces
  } else {
    awsdirect::forEachField(value, [&](const char* name, const auto& member) {
      flatten(!*name ? path : path.empty() ? std::string(name) : path + "/" + name, member, out);  // "": inline
    });
  }
}

// A response document made from the model, and botocore's reading of it.
struct ParserCase {
  std::string document;
  std::map<std::string, std::string> headers;  // REST-XML: the response's headers
  std::map<std::string, std::string> parsed;
};

// Each (service, operation) as botocore reads a response made from the model; a REST-XML
// operation's third item names its body's root element ("Tagging").
inline std::vector<ParserCase> botocoreResponses(const std::vector<std::vector<std::string>>& operations) {
  using awsdirect::detail::JsonValue;
  std::vector<std::string> lines;
  for (const auto& asked : operations) {
    JsonValue::Object line{{"service", asked.at(0)}, {"operation", asked.at(1)}};
    if (asked.size() > 2) line.emplace_back("root", asked[2]);
    lines.push_back(JsonValue::object(std::move(line)).dump());
  }
  std::vector<ParserCase> cases;
  for (const std::string& line : runBotocore("botocore_parse.py", lines)) {
    ParserCase c;
    try {
      const JsonValue json = JsonValue::parse(line);
      c.document = json.at("document").asString();
      for (const auto& [path, value] : json.at("parsed").asObject()) c.parsed[path] = value.asString();
      if (const JsonValue* headers = json.find("headers"))
        for (const auto& [name, value] : headers->asObject()) c.headers[name] = value.asString();
    } catch (const std::exception&) {
      c.document = line;  // not a case: the script's complaint, shown by the test
    }
    cases.push_back(c);
  }
  return cases;
}

// What differs between our reading and botocore's, path by path; empty when they agree.
inline std::vector<std::string> differences(const std::map<std::string, std::string>& ours,
                                            const std::map<std::string, std::string>& botocore) {
  std::vector<std::string> found;
  for (const auto& [path, value] : botocore) {
    auto it = ours.find(path);
    if (it == ours.end()) found.push_back(path + ": botocore reads '" + value + "', awsdirect nothing");
    else if (it->second != value) found.push_back(path + ": botocore reads '" + value + "', awsdirect '" + it->second + "'");
  }
  for (const auto& [path, value] : ours)
    if (!botocore.count(path)) found.push_back(path + ": awsdirect reads '" + value + "', botocore nothing");
  return found;
}

// ---- Comparing only what a result declares ----

inline std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Every path a result type declares, lists' indices as "#": "Snapshots/#/Tags/#/Key".
template <class T>
void declaredPaths(const std::string& path, std::set<std::string>& out) {
  if constexpr (awsdirect::detail::IsOptional<T>::value) {
    declaredPaths<typename T::value_type>(path, out);
  } else if constexpr (awsdirect::detail::IsVector<T>::value) {
    declaredPaths<typename T::value_type>(path + "/#", out);
  } else if constexpr (awsdirect::detail::IsStringMap<T>::value) {
    declaredPaths<typename T::mapped_type>(path + "/{}", out);
  } else if constexpr (awsdirect::detail::HasFields<T>::value) {
    awsdirect::forEachOf(T::fields(), [&](const auto& field) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*(field.member))>>;
      declaredPaths<M>(!*field.name ? path : path.empty() ? std::string(field.name) : path + "/" + field.name, out);
    });
  } else {
    out.insert(path);
  }
}

// A path with its indices as "#" and its map keys as "{}", optionally lower-cased (EC2's wire
// names against its tags' Key).
inline std::string pathShape(const std::string& path, bool lowerCase) {
  std::string shape, segment;
  auto flush = [&] {
    const bool index = !segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos;
    const bool key = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
    shape += index ? "#" : key ? "{}" : segment;
    segment.clear();
  };
  for (char c : path) {
    if (c == '/') {
      flush();
      shape += '/';
    } else {
      segment += lowerCase ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    }
  }
  flush();
  return shape;
}

// differences() over the members result type T declares: what botocore reads of them must be what
// awsdirect reads, and awsdirect must read nothing botocore does not. Paths compare case-blind
// when `lowerCase` (EC2).
template <class T>
std::vector<std::string> declaredDifferences(const std::map<std::string, std::string>& ours,
                                             const std::map<std::string, std::string>& botocore, bool lowerCase = false,
                                             const std::string& within = "") {
  std::set<std::string> declared, lowered;
  declaredPaths<T>(within, declared);
  for (const std::string& d : declared) lowered.insert(pathShape(d, lowerCase));
  std::map<std::string, std::string> expected, actual;
  for (const auto& [path, value] : botocore)
    if (lowered.count(pathShape(path, lowerCase))) expected[lowerCase ? lower(path) : path] = value;
  for (const auto& [path, value] : ours) actual[lowerCase ? lower(path) : path] = value;
  std::vector<std::string> found = differences(actual, expected);
  // A declared name botocore never reads is a name the model does not have.
  std::set<std::string> seen;
  for (const auto& entry : botocore) seen.insert(pathShape(entry.first, lowerCase));
  for (const std::string& d : lowered)
    if (!seen.count(d)) found.push_back(d + ": declared, but not a member botocore reads");
  return found;
}

// Reads botocore's document with Request's parser (the Query protocol's <OperationResult>, or
// EC2's response element itself) and checks the declared members against botocore's reading.
template <class Request>
void checkReadAsBotocore(const ParserCase& response, bool ec2 = false) {
  const std::string operation = Request::operation;
  CAPTURE(operation);
  REQUIRE_MESSAGE(!response.parsed.empty(), response.document);
  awsdirect::XmlDocument parsed(response.document);
  const awsdirect::XmlNode node = ec2 ? parsed.root() : parsed.root().child((operation + "Result").c_str());
  // A result read from a child of the result element ("DBInstance") has its paths under it.
  std::string within;
  if constexpr (awsdirect::detail::HasResultElement<Request>::value) within = Request::resultElement;
  std::map<std::string, std::string> ours;
  flatten(within, Request::parse(node), ours);
  const auto found = declaredDifferences<typename Request::Result>(ours, response.parsed, ec2, within);
  std::string all;
  for (const auto& d : found) all += d + "\n";
  CHECK_MESSAGE(found.empty(), all);
}

// The same for a REST-XML operation: the document and headers as an HTTP response. A result read
// from a payload (GetBucketEncryption's ServerSideEncryptionConfiguration) has its paths under
// `within`.
template <class Request>
void checkRestReadAsBotocore(const ParserCase& response, const std::string& within = "") {
  const std::string operation = Request::operation;
  CAPTURE(operation);
  REQUIRE_MESSAGE(!response.parsed.empty(), response.document);
  awsdirect::HttpResponse http;
  http.status = 200;
  http.body = response.document;
  for (const auto& [name, value] : response.headers) http.headers.set(name, value);
  std::map<std::string, std::string> ours;
  flatten(within, Request::parse(awsdirect::RestResponse(http)), ours);
  const auto found = declaredDifferences<typename Request::Result>(ours, response.parsed, false, within);
  std::string all;
  for (const auto& d : found) all += d + "\n";
  CHECK_MESSAGE(found.empty(), all);
}

// The same for a JSON-protocol operation: the document is the output object.
template <class Request>
void checkJsonReadAsBotocore(const ParserCase& response) {
  const std::string operation = Request::operation;
  CAPTURE(operation);
  REQUIRE_MESSAGE(!response.parsed.empty(), response.document);
  const auto output = awsdirect::detail::JsonValue::parse(response.document);
  std::map<std::string, std::string> ours;
  if constexpr (awsdirect::detail::ParsesJson<Request>::value)
    flatten("", Request::parseJson(output), ours);
  else
    flatten("", awsdirect::readJsonResult<typename Request::Result>(output), ours);
  const auto found = declaredDifferences<typename Request::Result>(ours, response.parsed);
  std::string all;
  for (const auto& d : found) all += d + "\n";
  CHECK_MESSAGE(found.empty(), all);
}

}  // namespace awsdirect_test
