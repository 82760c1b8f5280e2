#pragma once
// A local AWS (moto_server) for integration tests: started on a free loopback port, stopped
// when the test ends. With signature checking on, it verifies every SigV4 signature after the
// first few requests, which bootstrap an admin user and its access key.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <awsdirect/iam.hpp>

#include "child_process.hpp"
#include "skip.hpp"

namespace awsdirect_test {

struct MotoOptions {
  bool checkSignatures = false;      // INITIAL_NO_AUTH_ACTION_COUNT: verify signatures after the bootstrap
  bool loadManagedPolicies = false;  // MOTO_IAM_LOAD_MANAGED_POLICIES: know AWS managed policies
};

// Both set: moto serves HTTPS with this certificate and key (-c, -k).
struct MotoTls {
  std::string certFile, keyFile;
};

class MotoServer {
 public:
  // Starts moto_server, or returns nullptr when it is not installed (the caller skips). With
  // AWSDIRECT_REQUIRE_MOTO=1 (as in CI) a missing moto_server is a failure instead.
  static std::unique_ptr<MotoServer> start(MotoOptions options = {}, MotoTls tls = {}) {
    if (!onPath("moto_server")) {
      if (const char* require = std::getenv("AWSDIRECT_REQUIRE_MOTO"); require && std::string(require) == "1")
        throw std::runtime_error("moto_server is not on PATH and AWSDIRECT_REQUIRE_MOTO=1");
      return nullptr;
    }
    return std::unique_ptr<MotoServer>(new MotoServer(options, tls));
  }

  int port() const { return port_; }
  std::string endpoint() const { return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port_); }
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
  MotoServer(MotoOptions options, const MotoTls& tls) : port_(freeLoopbackPort()), tls_(!tls.certFile.empty()) {
    std::map<std::string, std::string> env;
    // moto takes the first N requests unchecked; three bootstrap the admin below.
    if (options.checkSignatures) env["INITIAL_NO_AUTH_ACTION_COUNT"] = "3";
    if (options.loadManagedPolicies) env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
    std::string log = "/tmp/awsdirect-moto-" + std::to_string(port_) + ".log";
    std::vector<std::string> argv{"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port_)};
    if (tls_) argv.insert(argv.end(), {"-c", tls.certFile, "-k", tls.keyFile});
    process_ = std::make_unique<ChildProcess>(argv, env, log);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!acceptsConnections(port_)) {
      if (!process_->running() || std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("moto_server did not start; see " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    credentials_ = awsdirect::Credentials("AKIAIOSFODNN7EXAMPLE", "moto-does-not-check-this-secret");
    if (options.checkSignatures) bootstrapAdmin();
  }

  // An admin user, allowed everything, whose key signs from then on (three requests).
  void bootstrapAdmin() {
    using awsdirect::Iam;
    Iam iam(clientConfig());
    iam.send(Iam::createUser().userName("admin")).value();
    iam.send(Iam::putUserPolicy()
                 .userName("admin")
                 .policyName("allow-all")
                 .policyDocument(awsdirect::iam::PolicyDocument().allow({"*"}, {"*"})))
        .value();
    awsdirect::iam::AccessKey key = iam.send(Iam::createAccessKey().userName("admin")).value();
    credentials_ = awsdirect::Credentials(key.accessKeyId, key.secretAccessKey.reveal());
  }

  int port_;
  bool tls_;
  std::unique_ptr<ChildProcess> process_;
  awsdirect::Credentials credentials_;
};

}  // namespace awsdirect_test
