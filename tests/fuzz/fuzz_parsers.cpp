// libFuzzer targets for every parser of untrusted input, in one program (one build):
// AWSDIRECT_FUZZ_TARGET chooses which. A typed awsdirect error is an answer; a crash, a sanitizer
// report, any other exception or a broken round trip is a finding. Run by tests/fuzz/run.sh.
#include <awsdirect/credentials/metadata.hpp>
#include <awsdirect/credentials/process.hpp>
#include <awsdirect/detail/json.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/fixtures/file.hpp>
#include <awsdirect/shared_config.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/uri.hpp>
#include <awsdirect/xml.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
  else if (target == "request") request(text);
  else finding("AWSDIRECT_FUZZ_TARGET must be xml, ini, json, times, uri, fixture or request");
  return 0;
}
