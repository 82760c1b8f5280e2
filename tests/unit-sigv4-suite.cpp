// Every case of the published AWS SigV4 test suite, header and query signing: the canonical
// request, the string to sign, the signature and the signed request are each checked on their own.
// The suite is read where it lies (AWSDIRECT_SIGNING_SUITE_DIR, at build time or in the
// environment); when it is absent this program reports itself skipped.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <awsdirect/sigv4.hpp>
#include <awsdirect/uri.hpp>
#include <awsdirect/time.hpp>

#include "support/raw_request.hpp"
#include "support/skip.hpp"

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kSuiteCases = 38;

fs::path suiteFolder() {
  if (const char* fromEnvironment = std::getenv("AWSDIRECT_SIGNING_SUITE_DIR"); fromEnvironment && *fromEnvironment)
    return fromEnvironment;
  return AWSDIRECT_SIGNING_SUITE_DIR;
}

std::optional<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// The raw value of "key" in context.json (a small flat file): a string's contents, or a literal.
std::optional<std::string> jsonValue(const std::string& json, const std::string& key) {
  std::size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return std::nullopt;
  at = json.find(':', at) + 1;
  while (at < json.size() && std::isspace(static_cast<unsigned char>(json[at]))) ++at;
  std::string value;
  if (json[at] == '"') {
    for (++at; at < json.size() && json[at] != '"'; ++at) {
      if (json[at] == '\\') ++at;  // the suite's strings escape nothing but '/' and '"'
      value += json[at];
    }
  } else {
    while (at < json.size() && json[at] != ',' && json[at] != '}' && !std::isspace(static_cast<unsigned char>(json[at])))
      value += json[at++];
  }
  return value;
}

struct SuiteCase {
  std::string name;
  fs::path folder;
  awsdirect::Credentials credentials;
  awsdirect::SigningParams params;
  std::chrono::seconds expiresIn{3600};
  std::string request;  // request.txt
};

SuiteCase loadCase(const fs::path& folder) {
  SuiteCase c;
  c.name = folder.filename().string();
  c.folder = folder;
  const std::string context = readFile(folder / "context.json").value_or("");
  c.credentials = awsdirect::Credentials(jsonValue(context, "access_key_id").value_or(""),
                                         jsonValue(context, "secret_access_key").value_or(""),
                                         jsonValue(context, "token").value_or(""));
  c.params.region = jsonValue(context, "region").value_or("");
  c.params.service = jsonValue(context, "service").value_or("");
  std::string timestamp = jsonValue(context, "timestamp").value_or("");  // 2015-08-30T12:36:00Z
  timestamp.erase(std::remove_if(timestamp.begin(), timestamp.end(), [](char ch) { return ch == '-' || ch == ':'; }),
                  timestamp.end());
  const auto time = awsdirect::parseAmzDate(timestamp);
  REQUIRE_MESSAGE(time.has_value(), c.name, ": bad timestamp in context.json");
  c.params.time = *time;
  c.params.normalizePath = jsonValue(context, "normalize").value_or("true") == "true";
  c.params.addContentSha256Header = jsonValue(context, "sign_body").value_or("false") == "true";
  c.params.omitSessionToken = jsonValue(context, "omit_session_token").value_or("false") == "true";
  c.expiresIn = std::chrono::seconds(std::stoll(jsonValue(context, "expiration_in_seconds").value_or("3600")));
  c.request = readFile(folder / "request.txt").value_or("");
  return c;
}

// The suite's cases, or nothing (after reporting a skip) when the suite is not there.
std::vector<SuiteCase> loadSuiteOrSkip() {
  const fs::path folder = suiteFolder();
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    awsdirect_test::skip("the SigV4 signing suite is not at " + folder.string() +
                         " (set AWSDIRECT_SIGNING_SUITE_DIR)");
    return {};
  }
  awsdirect_test::ran();
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_directory()) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  std::vector<SuiteCase> cases;
  for (const auto& caseFolder : folders) cases.push_back(loadCase(caseFolder));
  return cases;
}

// The query as a sorted list of decoded (name, value) pairs: the suite writes the request's own
// parameters raw ("ሴ=bar"), awsdirect sends them encoded ("%E1%88%B4=bar"), the same parameters.
std::vector<std::pair<std::string, std::string>> decodedQuery(const std::string& query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    params.emplace_back(awsdirect::uriDecode(pair.substr(0, equals)),
                        equals == std::string::npos ? "" : awsdirect::uriDecode(pair.substr(equals + 1)));
    start = end + 1;
  }
  std::sort(params.begin(), params.end());
  return params;
}

std::string expected(const SuiteCase& c, const std::string& file) {
  const auto text = readFile(c.folder / file);
  REQUIRE_MESSAGE(text.has_value(), c.name, ": missing ", file);
  return *text;
}

}  // namespace

TEST_CASE("SigV4 suite: header signing") {
  const std::vector<SuiteCase> cases = loadSuiteOrSkip();
  if (cases.empty()) return;
  CHECK(cases.size() == kSuiteCases);
  const awsdirect::Signer signer;
  for (const SuiteCase& c : cases) {
    INFO("case ", c.name);
    awsdirect_test::RawRequest raw = awsdirect_test::parseRawRequest(c.request);
    awsdirect::SignatureDetails details;
    signer.sign(raw.request, c.credentials, c.params, &details);
    CHECK(details.canonicalRequest == expected(c, "header-canonical-request.txt"));
    CHECK(details.stringToSign == expected(c, "header-string-to-sign.txt"));
    CHECK(details.signature == trimmed(expected(c, "header-signature.txt")));
    CHECK(awsdirect_test::formatRawRequest(raw.request, raw.httpVersion) == expected(c, "header-signed-request.txt"));
  }
}

TEST_CASE("SigV4 suite: query signing (presigned URLs)") {
  const std::vector<SuiteCase> cases = loadSuiteOrSkip();
  if (cases.empty()) return;
  CHECK(cases.size() == kSuiteCases);
  const awsdirect::Signer signer;
  for (const SuiteCase& c : cases) {
    INFO("case ", c.name);
    awsdirect_test::RawRequest raw = awsdirect_test::parseRawRequest(c.request);
    awsdirect::SignatureDetails details;
    signer.presign(raw.request, c.credentials, c.params, c.expiresIn, &details);
    CHECK(details.canonicalRequest == expected(c, "query-canonical-request.txt"));
    CHECK(details.stringToSign == expected(c, "query-string-to-sign.txt"));
    CHECK(details.signature == trimmed(expected(c, "query-signature.txt")));

    // The signed request: the same text but for the query, which is compared parameter by parameter.
    const awsdirect_test::RawRequest want = awsdirect_test::parseRawRequest(expected(c, "query-signed-request.txt"));
    CHECK(raw.request.method == want.request.method);
    CHECK(raw.request.path == want.request.path);
    CHECK(decodedQuery(raw.request.query) == decodedQuery(want.request.query));
    std::string gotRest = awsdirect_test::formatRawRequest(raw.request), wantRest = expected(c, "query-signed-request.txt");
    gotRest.erase(0, gotRest.find('\n'));
    wantRest.erase(0, wantRest.find('\n'));
    CHECK(gotRest == wantRest);
  }
}
