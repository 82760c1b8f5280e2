#pragma once
// A Transport for unit tests of the pipeline: answers with scripted responses (or transport
// failures) in order, and keeps every request it was given.
#include <deque>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <awsdirect/transport.hpp>
#include <awsdirect/uri.hpp>

namespace awsdirect_test {

class ScriptedTransport : public awsdirect::Transport {
 public:
  ScriptedTransport& respond(int status, std::string body, awsdirect::HttpHeaders headers = {}) {
    awsdirect::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    script_.emplace_back(std::move(r));
    return *this;
  }
  ScriptedTransport& fail(awsdirect::TransportFailure failure, std::string message) {
    script_.emplace_back(awsdirect::transportError(failure, std::move(message)));
    return *this;
  }

  awsdirect::HttpResponse send(const awsdirect::HttpRequest& request) override {
    requests.push_back(request);
    if (script_.empty()) throw std::runtime_error("ScriptedTransport: no response scripted for request " +
                                                  std::to_string(requests.size()));
    auto next = std::move(script_.front());
    script_.pop_front();
    if (auto* error = std::get_if<awsdirect::Error>(&next)) awsdirect::throwError(*error);
    return std::get<awsdirect::HttpResponse>(std::move(next));
  }

  std::vector<awsdirect::HttpRequest> requests;

 private:
  std::deque<std::variant<awsdirect::HttpResponse, awsdirect::Error>> script_;
};

// Form decoding: '+' is a space, then %XX.
inline std::string formDecode(std::string s) {
  for (char& c : s)
    if (c == '+') c = ' ';
  return awsdirect::uriDecode(s);
}

// The parameters of a form-encoded body, decoded: {"Action": "CreateCluster", ...}.
inline std::map<std::string, std::string> formParams(const std::string& body) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('&', start);
    std::string pair = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::size_t eq = pair.find('=');
    out[formDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : formDecode(pair.substr(eq + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace awsdirect_test
