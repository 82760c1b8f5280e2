// Definitions of <awsdirect/credentials/process.hpp>.
#include "../../detail/ini.hpp"
#include "../../detail/json.hpp"
#include "../../detail/process.hpp"
#include "../../detail/text.hpp"
#include "../../error.hpp"
#include "../../time.hpp"

namespace awsdirect {
namespace detail {

Credentials parseCredentialProcessOutput(const std::string& output, const std::string& what) {
  auto fail = [&](const std::string& message) {
    return CredentialsError(credentialsError("CredentialProcessFailed", what + " " + message));
  };
  JsonValue document;
  try {
    document = JsonValue::parse(output);
  } catch (const ParseError& e) {
    throw fail("printed output that is not valid JSON (" + e.error().message + ")");
  }
  if (!document.isObject()) throw fail("must print a JSON object");
  const JsonValue* version = document.find("Version");
  if (!version) throw fail("printed no Version; the supported version is 1");
  bool versionOne = false;
  try {
    versionOne = version->isNumber() && version->asInt64() == 1;
  } catch (const ParseError&) {
  }
  if (!versionOne) throw fail("printed an unsupported Version; the supported version is 1");
  auto text = [&](const char* name, bool required) -> std::string {
    const JsonValue* member = document.find(name);
    if (!member || member->isNull()) {
      if (required) throw fail(std::string("printed no ") + name);
      return {};
    }
    if (!member->isString()) throw fail(std::string("printed a ") + name + " that is not a string");
    if (required && member->asString().empty()) throw fail(std::string("printed an empty ") + name);
    return member->asString();
  };
  Credentials credentials(text("AccessKeyId", true), text("SecretAccessKey", true), text("SessionToken", false));
  std::string expiration = text("Expiration", false);
  if (!expiration.empty()) {
    credentials.expiration = parseIso8601(expiration);
    if (!credentials.expiration)
      throw fail("printed an Expiration that is not an RFC 3339 timestamp with a zone: " + expiration);
  }
  return credentials;
}

}  // namespace detail

std::function<Credentials()> ProcessCredentialsProvider::fetcher(std::string command, const ProcessCredentialsOptions& options) {
  return [command = std::move(command), options] {
    std::string where = options.source.empty() ? "" : " (" + options.source + ")";
    auto words = detail::shellSplit(command);
    if (!words)
      throw CredentialsError(
          detail::credentialsError("CredentialProcessFailed",
                                   "credential_process" + where + " has an unmatched quote or a trailing backslash"));
    if (words->empty())
      throw CredentialsError(
          detail::credentialsError("CredentialProcessFailed", "credential_process" + where + " is empty"));
    // Only the program is named in messages: its arguments might hold something private.
    std::string what = "credential_process " + detail::quote(words->front()) + where;
    detail::CommandResult result = detail::runCommand(*words, options.timeout, options.maxOutputBytes, what);
    if (result.signal != 0 || result.exitStatus != 0) {
      std::string stderrText(detail::trim(result.err));
      if (stderrText.size() > 2000) stderrText = stderrText.substr(0, 2000) + "...";
      std::string how = result.signal != 0 ? "was killed by signal " + std::to_string(result.signal)
                                           : "failed with exit status " + std::to_string(result.exitStatus);
      throw CredentialsError(detail::credentialsError(
          "CredentialProcessFailed", what + " " + how + (stderrText.empty() ? "" : ": " + stderrText)));
    }
    return detail::parseCredentialProcessOutput(result.out, what);
  };
}

}  // namespace awsdirect
