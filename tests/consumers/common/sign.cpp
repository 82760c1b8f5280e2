#include "consumer.hpp"

#include <awsdirect/credentials.hpp>
#include <awsdirect/sigv4.hpp>
#include <awsdirect/time.hpp>

#include <fstream>
#include <sstream>

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The string value of "key" in the suite's context.json (flat strings only: all this case needs).
std::string jsonString(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return {};
  const std::size_t open = json.find('"', json.find(':', at) + 1);
  const std::size_t close = json.find('"', open + 1);
  return json.substr(open + 1, close - open - 1);
}

}  // namespace

std::string signSuiteCase(const std::string& caseDir) {
  const std::string context = readFile(caseDir + "/context.json");
  std::istringstream lines(readFile(caseDir + "/request.txt"));
  const std::string expected = readFile(caseDir + "/header-signature.txt");
  if (context.empty() || expected.empty()) return "cannot read the case in " + caseDir;

  // request.txt: "METHOD TARGET HTTP/1.1", then "Name:value" lines.
  awsdirect::HttpRequest request;
  std::string line, target;
  std::getline(lines, line);
  std::istringstream(line) >> request.method >> target;
  const std::size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);
  while (std::getline(lines, line) && !line.empty()) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) return "unexpected header line: " + line;
    const std::string name = line.substr(0, colon), value = line.substr(colon + 1);
    if (name == "Host") request.host = value;
    request.headers.add(name, value);
  }

  awsdirect::SigningParams params;
  params.region = jsonString(context, "region");
  params.service = jsonString(context, "service");
  const auto time = awsdirect::parseIso8601(jsonString(context, "timestamp"));
  if (!time) return "no timestamp in context.json";
  params.time = *time;
  const awsdirect::Credentials credentials(jsonString(context, "access_key_id"),
                                           jsonString(context, "secret_access_key"));
  awsdirect::Signer().sign(request, credentials, params);

  const std::string* authorization = request.headers.get("Authorization");
  const std::string expectedSignature = expected.substr(0, expected.find_first_of("\r\n"));
  if (!authorization) return "no Authorization header";
  if (authorization->find("Signature=" + expectedSignature) == std::string::npos)
    return "the signature is not the one in header-signature.txt";
  return {};
}
