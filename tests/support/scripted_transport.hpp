#pragma once
// A Transport for unit tests of the pipeline: answers with scripted responses (or transport
// failures) in order, and keeps every request it was given.
#include <chrono>
#include <deque>
#include <memory>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <awsdirect/config.hpp>
#include <awsdirect/transport.hpp>
#include <awsdirect/waiter.hpp>
#include <awsdirect/uri.hpp>
#include <awsdirect/error.hpp>

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

// A client configuration whose every request goes to `transport`, signed with the suite's example
// key, and isolated from the user's environment and files.
inline awsdirect::ClientConfig scriptedConfig(std::shared_ptr<awsdirect::Transport> transport,
                                              const std::string& region = "us-east-1") {
  awsdirect::ClientConfig c;
  c.environment = awsdirect::Environment::fromMap({});
  c.region = region;
  c.credentialsProvider = std::make_shared<awsdirect::StaticCredentialsProvider>(
      awsdirect::Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  c.transport = std::move(transport);
  return c;
}

// Retries of `client` wait for nothing (each wait is noted in `sleeps` when given) with jitter 0.5.
template <class Client>
void instantRetries(Client& client, std::vector<std::chrono::milliseconds>* sleeps = nullptr) {
  client.core().retryPolicy().sleep = [sleeps](std::chrono::milliseconds d) {
    if (sleeps) sleeps->push_back(d);
  };
  client.core().retryPolicy().random = [] { return 0.5; };
}

// "Field rule" for every problem of a validation error, in order.
inline std::vector<std::string> brokenRules(const awsdirect::Error& e) {
  std::vector<std::string> out;
  for (const auto& p : e.problems) out.push_back(p.field + " " + p.rule);
  return out;
}

// A fake clock for waiters: sleeping advances it, so a 30-minute wait runs at once.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  awsdirect::WaitOptions options(std::chrono::seconds delay = std::chrono::seconds(30),
                                 std::chrono::seconds timeout = std::chrono::minutes(30)) {
    awsdirect::WaitOptions o;
    o.delay = delay;
    o.timeout = timeout;
    o.now = [this] { return now; };
    o.sleep = [this](std::chrono::milliseconds d) { now += d; };
    return o;
  }
};

}  // namespace awsdirect_test
