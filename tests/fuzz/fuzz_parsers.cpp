// libFuzzer targets for every parser of untrusted input, in one program (one build):
// AWSDIRECT_FUZZ_TARGET chooses which. A typed awsdirect error is an answer; a crash, a sanitizer
// report, any other exception or a broken round trip is a finding. Run by tests/fuzz/run.sh.
#include <awsdirect/credentials/metadata.hpp>
#include <awsdirect/credentials/process.hpp>
#include <awsdirect/detail/json.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/fixtures/file.hpp>
#include <awsdirect/fixtures/matching.hpp>
#include <awsdirect/fixtures/redaction.hpp>
#include <awsdirect/redshift_data.hpp>
#include <awsdirect/secrets_manager.hpp>
#include <awsdirect/shared_config.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/uri.hpp>
#include <awsdirect/xml.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "../support/raw_request.hpp"

namespace {

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "finding: %s\n", what.c_str());
  std::abort();
}

void xml(const std::string& text) {
  try {
    awsdirect::XmlDocument document(text);
    const awsdirect::XmlNode root = document.root();
    (void)root.name();
    (void)root.child("Error").text("Message");
    for (const auto& bucket : root.list("Buckets", "Bucket")) (void)bucket.timestamp("CreationDate");
    (void)root.int32("MaxKeys", 0);
    (void)root.size("Size");
  } catch (const awsdirect::Exception&) {
  }
  awsdirect::HttpResponse response;
  response.status = 400;
  response.body = text;
  (void)awsdirect::parseErrorResponse(response);  // never throws: an error document or a generic error
}

void ini(const std::string& text) {
  const std::size_t split = text.find('\0');
  try {
    auto files = awsdirect::SharedConfig::parse(text.substr(0, split),
                                                split == std::string::npos ? "" : text.substr(split + 1));
    for (const auto& name : files.profileNames()) (void)files.profile(name);
  } catch (const awsdirect::Exception&) {
  }
}

void json(const std::string& text) {
  try {
    const auto value = awsdirect::detail::JsonValue::parse(text);
    const std::string once = value.dump();
    if (awsdirect::detail::JsonValue::parse(once).dump() != once) finding("JSON dump does not read back");
  } catch (const awsdirect::Exception&) {
  }
  try {
    (void)awsdirect::detail::parseCredentialProcessOutput(text, "process");
  } catch (const awsdirect::Exception&) {
  }
  try {
    (void)awsdirect::detail::parseMetadataCredentials(text, "metadata");
  } catch (const awsdirect::Exception&) {
  }
  // The JSON protocol: an error response, and results of every kind of member (maps, blobs,
  // timestamps, nested lists, the Field union) read from whatever arrives.
  awsdirect::HttpResponse response;
  response.status = 400;
  response.body = text;
  (void)awsdirect::parseJsonErrorResponse(response);
  try {
    const auto output = awsdirect::detail::JsonValue::parse(text);
    try {
      (void)awsdirect::readJsonResult<awsdirect::redshiftdata::StatementResult>(output);
    } catch (const awsdirect::Exception&) {
    }
    try {
      (void)awsdirect::readJsonResult<awsdirect::redshiftdata::StatementDescription>(output);
    } catch (const awsdirect::Exception&) {
    }
    try {
      (void)awsdirect::readJsonResult<awsdirect::secretsmanager::SecretDescription>(output);
    } catch (const awsdirect::Exception&) {
    }
    try {
      (void)awsdirect::readJsonResult<awsdirect::secretsmanager::SecretValue>(output);
    } catch (const awsdirect::Exception&) {
    }
  } catch (const awsdirect::Exception&) {
  }
}

void times(const std::string& text) {
  (void)awsdirect::parseHttpDate(text);
  (void)awsdirect::parseAmzDate(text);
  if (auto time = awsdirect::parseIso8601(text)) {
    const auto again = awsdirect::parseIso8601(awsdirect::formatIso8601(*time));
    if (!again) finding("a formatted ISO 8601 time does not read back");
  }
  if (auto time = awsdirect::parseHttpDate(text)) {
    if (awsdirect::parseHttpDate(awsdirect::formatHttpDate(*time)) != time) finding("an HTTP date does not read back");
  }
}

void uri(const std::string& text) {
  (void)awsdirect::uriDecode(text);
  (void)awsdirect::formDecode(text);
  if (awsdirect::uriDecode(awsdirect::uriEncode(text)) != text) finding("URI encoding does not decode back");
}

void fixture(const std::string& text) {
  try {
    const auto file = awsdirect::FixtureFile::parse(text);
    const std::string once = file.format();
    if (awsdirect::FixtureFile::parse(once).format() != once) finding("a fixture file does not read back as written");
  } catch (const awsdirect::Exception&) {
  }
}

// --- recording: any exchange a transport can hand over is written and read back exactly, and a
// recorded request, redacted, still replays for the request that made it.

std::string filtered(std::string text, bool (*keep)(unsigned char)) {
  std::string out;
  for (char c : text)
    if (keep(static_cast<unsigned char>(c))) out += c;
  return out;
}
bool isTokenChar(unsigned char c) { return std::isalnum(c) || std::strchr("!#$%&'*+-.^_`|~", c); }
bool isTargetChar(unsigned char c) { return c > 0x20 && c != 0x7F && c != '?'; }
bool isQueryChar(unsigned char c) { return c > 0x20 && c != 0x7F; }
bool isHeaderValueChar(unsigned char c) { return c != '\r' && c != '\n' && c != '\0'; }

awsdirect::HttpHeaders fuzzedHeaders(FuzzedDataProvider& in, bool response) {
  awsdirect::HttpHeaders headers;
  if (!response && in.ConsumeBool()) headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  for (int n = in.ConsumeIntegralInRange(0, 4); n > 0; --n) {
    std::string name = filtered(in.ConsumeRandomLengthString(20), isTokenChar);
    if (name.empty() || awsdirect::detail::equalsIgnoreCase(name, "Host") ||
        (response && awsdirect::detail::equalsIgnoreCase(name, "Content-Length")))
      continue;
    headers.add(name, filtered(in.ConsumeRandomLengthString(40), isHeaderValueChar));
  }
  return headers;
}

awsdirect::FixtureExchange fuzzedExchange(FuzzedDataProvider& in) {
  awsdirect::FixtureExchange e;
  e.request.method = filtered(in.ConsumeRandomLengthString(10), [](unsigned char c) { return std::isupper(c) != 0; });
  if (e.request.method.empty()) e.request.method = "GET";
  e.request.path = "/" + filtered(in.ConsumeRandomLengthString(40), isTargetChar);
  e.request.query = filtered(in.ConsumeRandomLengthString(40), isQueryChar);
  e.request.host = filtered(in.ConsumeRandomLengthString(20), isQueryChar);
  e.request.headers = fuzzedHeaders(in, false);
  e.request.body = in.ConsumeRandomLengthString(200);
  if (in.ConsumeBool()) {
    const awsdirect::TransportFailure kinds[] = {awsdirect::TransportFailure::Connect, awsdirect::TransportFailure::Timeout,
                                                 awsdirect::TransportFailure::Receive, awsdirect::TransportFailure::Tls};
    e.transportFailure = awsdirect::transportError(kinds[in.ConsumeIntegralInRange(0, 3)], in.ConsumeRandomLengthString(60));
  } else {
    e.response.status = in.ConsumeIntegralInRange(100, 599);
    e.response.headers = fuzzedHeaders(in, true);
    e.response.body = in.ConsumeRandomLengthString(200);
  }
  return e;
}

bool sameHeaders(const awsdirect::HttpHeaders& a, const awsdirect::HttpHeaders& b) {
  return std::vector<awsdirect::HttpHeaders::Entry>(a.begin(), a.end()) ==
         std::vector<awsdirect::HttpHeaders::Entry>(b.begin(), b.end());
}

bool sameExchange(const awsdirect::FixtureExchange& a, const awsdirect::FixtureExchange& b) {
  if (a.request.method != b.request.method || a.request.path != b.request.path || a.request.query != b.request.query ||
      a.request.host != b.request.host || !sameHeaders(a.request.headers, b.request.headers) ||
      a.request.body != b.request.body || a.transportFailure.has_value() != b.transportFailure.has_value())
    return false;
  if (a.transportFailure)
    return a.transportFailure->transport == b.transportFailure->transport &&
           a.transportFailure->message == b.transportFailure->message;
  return a.response.status == b.response.status && sameHeaders(a.response.headers, b.response.headers) &&
         a.response.body == b.response.body;
}

void recording(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  awsdirect::FixtureFile file;
  for (int n = in.ConsumeIntegralInRange(1, 3); n > 0; --n) file.exchanges.push_back(fuzzedExchange(in));
  const auto again = awsdirect::FixtureFile::parse(file.format());
  if (again.exchanges.size() != file.exchanges.size()) finding("a recording reads back with another number of exchanges");
  for (std::size_t i = 0; i < file.exchanges.size(); ++i)
    if (!sameExchange(file.exchanges[i], again.exchanges[i])) finding("a recorded exchange does not read back as recorded");

  static const awsdirect::RedactionRules rules;
  awsdirect::FixtureFile redacted;
  for (const auto& e : file.exchanges) redacted.exchanges.push_back({awsdirect::redactRequest(e.request, rules), e.response, e.transportFailure, 0});
  const auto replayed = awsdirect::FixtureFile::parse(redacted.format());
  for (std::size_t i = 0; i < file.exchanges.size(); ++i)
    if (!awsdirect::detail::matches(awsdirect::detail::shapeOf(replayed.exchanges[i].request, rules),
                                    awsdirect::detail::shapeOf(file.exchanges[i].request, rules)))
      finding("a redacted recording does not replay for the request that made it");
}

void request(const std::string& text) {
  try {
    const auto raw = awsdirect_test::parseRawRequest(text);
    (void)awsdirect_test::formatRawRequest(raw.request, raw.httpVersion);
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string target = [] {
    const char* name = std::getenv("AWSDIRECT_FUZZ_TARGET");
    return std::string(name ? name : "");
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (target == "xml") xml(text);
  else if (target == "ini") ini(text);
  else if (target == "json") json(text);
  else if (target == "times") times(text);
  else if (target == "uri") uri(text);
  else if (target == "fixture") fixture(text);
  else if (target == "recording") recording(data, size);
  else if (target == "request") request(text);
  else finding("AWSDIRECT_FUZZ_TARGET must be xml, ini, json, times, uri, fixture, recording or request");
  return 0;
}
