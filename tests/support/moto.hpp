#pragma once
// A local AWS (moto_server) for integration tests: started on a free loopback port, stopped
// when the test ends. With signature checking on, it verifies every SigV4 signature after the
// first few requests, which bootstrap an admin user and its access key.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <awsdirect/client.hpp>

#include "child_process.hpp"
#include "skip.hpp"

namespace awsdirect_test {

struct MotoOptions {
  bool checkSignatures = false;      // INITIAL_NO_AUTH_ACTION_COUNT: verify signatures after the bootstrap
  bool loadManagedPolicies = false;  // MOTO_IAM_LOAD_MANAGED_POLICIES: know AWS managed policies
};

namespace detail {

// The three IAM calls that bootstrap an admin (test-only: the library's IAM client has more).
struct CreateUser {
  using Result = awsdirect::Empty;
  static constexpr const char* operation = "CreateUser";
  std::string userName;
  void validate(awsdirect::Validator&) const {}
  void serialize(awsdirect::QueryWriter& w) const { w.add("UserName", userName); }
  static Result parse(const awsdirect::XmlNode&) { return {}; }
};
struct PutUserPolicy {
  using Result = awsdirect::Empty;
  static constexpr const char* operation = "PutUserPolicy";
  std::string userName, policyName, document;
  void validate(awsdirect::Validator&) const {}
  void serialize(awsdirect::QueryWriter& w) const {
    w.add("UserName", userName);
    w.add("PolicyName", policyName);
    w.add("PolicyDocument", document);
  }
  static Result parse(const awsdirect::XmlNode&) { return {}; }
};
struct CreateAccessKey {
  using Result = awsdirect::Credentials;
  static constexpr const char* operation = "CreateAccessKey";
  std::string userName;
  void validate(awsdirect::Validator&) const {}
  void serialize(awsdirect::QueryWriter& w) const { w.add("UserName", userName); }
  static Result parse(const awsdirect::XmlNode& result) {
    awsdirect::XmlNode key = result.child("AccessKey");
    return awsdirect::Credentials(key.text("AccessKeyId"), key.text("SecretAccessKey"));
  }
};

}  // namespace detail

class MotoServer {
 public:
  // Starts moto_server, or returns nullptr when it is not installed (the caller skips). With
  // AWSDIRECT_REQUIRE_MOTO=1 (as in CI) a missing moto_server is a failure instead.
  static std::unique_ptr<MotoServer> start(MotoOptions options = {}) {
    if (!onPath("moto_server")) {
      if (const char* require = std::getenv("AWSDIRECT_REQUIRE_MOTO"); require && std::string(require) == "1")
        throw std::runtime_error("moto_server is not on PATH and AWSDIRECT_REQUIRE_MOTO=1");
      return nullptr;
    }
    return std::unique_ptr<MotoServer>(new MotoServer(options));
  }

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const awsdirect::Credentials& credentials() const { return credentials_; }

  // A client configuration aimed at this server, isolated from the user's environment and files.
  awsdirect::ClientConfig clientConfig() const {
    awsdirect::ClientConfig config;
    config.environment = awsdirect::Environment::fromMap({});
    config.region = "us-east-1";
    config.endpointUrl = endpoint();
    config.credentialsProvider = std::make_shared<awsdirect::StaticCredentialsProvider>(credentials_);
    config.transportOptions.requestTimeout = std::chrono::seconds(30);
    return config;
  }

 private:
  explicit MotoServer(MotoOptions options) : port_(freeLoopbackPort()) {
    std::map<std::string, std::string> env;
    // moto takes the first N requests unchecked; three bootstrap the admin below.
    if (options.checkSignatures) env["INITIAL_NO_AUTH_ACTION_COUNT"] = "3";
    if (options.loadManagedPolicies) env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
    std::string log = "/tmp/awsdirect-moto-" + std::to_string(port_) + ".log";
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port_)}, env, log);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!acceptsConnections(port_)) {
      if (!process_->running() || std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("moto_server did not start; see " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    credentials_ = awsdirect::Credentials("AKIAIOSFODNN7EXAMPLE", "moto-does-not-check-this-secret");
    if (options.checkSignatures) bootstrapAdmin();
  }

  void bootstrapAdmin() {
    awsdirect::QueryClient iam({"IAM", "iam", "iam", "2010-05-08", true}, clientConfig());
    iam.send(detail::CreateUser{"admin"}).value();
    iam.send(detail::PutUserPolicy{"admin", "allow-all",
                                   R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"})
        .value();
    credentials_ = iam.send(detail::CreateAccessKey{"admin"}).value();
  }

  int port_;
  std::unique_ptr<ChildProcess> process_;
  awsdirect::Credentials credentials_;
};

}  // namespace awsdirect_test
