#pragma once
// A local AWS (moto_server) for integration tests, on a free loopback port. With signature
// checking on, it verifies every SigV4 signature after the first few requests, which bootstrap an
// admin user and its access key.
// moto takes about two seconds of CPU to start, and the tests of a program ask for one about sixty
// times: so a server a test has finished with is kept, and the next test of the program asking
// for the same kind gets it reset (every service's state emptied, signature checking counted from
// zero), as if just started; and each that is started (some twenty a run) is a fork of a server
// that has imported moto once. A test that must stop it (`alone`) gets its own process.
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <awsdirect/curl_transport.hpp>
#include <awsdirect/iam.hpp>

#include "child_process.hpp"
#include "command.hpp"
#include "skip.hpp"

namespace awsdirect_test {

struct MotoOptions {
  bool checkSignatures = false;      // INITIAL_NO_AUTH_ACTION_COUNT: verify signatures after the bootstrap
  bool loadManagedPolicies = false;  // MOTO_IAM_LOAD_MANAGED_POLICIES: know AWS managed policies
  bool alone = false;                // its own process, stopped when the test ends (never shared)
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

  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;
  ~MotoServer() {
    if (shareable_ && process_->running()) idle().push_back(std::move(process_));
  }

  int port() const { return process_->port; }
  std::string endpoint() const {
    return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(process_->port);
  }
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
  struct Process {
    int port;
    bool loadManagedPolicies;
    std::string certFile;  // empty: plain HTTP
    ChildProcess child;
    bool running() { return child.running(); }
  };
  // The servers of this program that no test is using, stopped when it exits.
  static std::vector<std::unique_ptr<Process>>& idle() {
    static std::vector<std::unique_ptr<Process>> servers;
    return servers;
  }

  MotoServer(MotoOptions options, const MotoTls& tls)
      : tls_(!tls.certFile.empty()), shareable_(!options.alone) {
    if (!(shareable_ && takeIdle(options, tls))) process_ = launch(options, tls);
    // moto takes the first N requests unchecked; three bootstrap the admin below.
    post("/moto-api/reset-auth", options.checkSignatures ? "3" : "inf");
    credentials_ = awsdirect::Credentials("AKIAIOSFODNN7EXAMPLE", "moto-does-not-check-this-secret");
    if (options.checkSignatures) bootstrapAdmin();
  }

  // Takes an idle server of the same kind (and the same certificate), reset; false when there is none.
  bool takeIdle(const MotoOptions& options, const MotoTls& tls) {
    auto& servers = idle();
    for (auto it = servers.begin(); it != servers.end(); ++it) {
      if ((*it)->loadManagedPolicies != options.loadManagedPolicies || (*it)->certFile != tls.certFile || !(*it)->running())
        continue;
      process_ = std::move(*it);
      servers.erase(it);
      post("/moto-api/reset", "");
      return true;
    }
    return false;
  }

  static std::unique_ptr<Process> launch(const MotoOptions& options, const MotoTls& tls) {
    const int port = freeLoopbackPort();
    std::map<std::string, std::string> env;
    if (options.loadManagedPolicies) env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
    std::string log = "/tmp/awsdirect-moto-" + std::to_string(port) + ".log";
    // moto_server with the Redshift actions it lacks (examples/moto_server.py, as the examples'
    // local emulator runs it), forked from a server that has imported moto once
    // (tests/support/moto_fork.py): two seconds of CPU less a start.
    // (moto_server itself when no python3 imports moto: a moto installed apart, pipx's say.)
    std::vector<std::string> argv{"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port)};
    if (!pythonOfMoto().empty())
      argv = {pythonOfMoto(), "-S", AWSDIRECT_SOURCE_DIR "/tests/support/moto_fork.py",
              AWSDIRECT_SOURCE_DIR "/examples/moto_server.py", "-H", "127.0.0.1", "-p", std::to_string(port)};
    if (!tls.certFile.empty()) argv.insert(argv.end(), {"-c", tls.certFile, "-k", tls.keyFile});
    auto process = std::unique_ptr<Process>(new Process{port, options.loadManagedPolicies, tls.certFile, ChildProcess(argv, env, log)});
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!acceptsConnections(port)) {
      if (!process->running() || std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("moto_server did not start; see " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return process;
  }

  // The Python that has moto; empty when python3 does not import it.
  static const std::string& pythonOfMoto() {
    static const std::string python = pythonImporting("moto");
    return python;
  }

  // A request to moto's own API (/moto-api/...), which takes no signature.
  void post(const std::string& path, const std::string& body) const {
    awsdirect::TransportOptions options;
    options.requestTimeout = std::chrono::seconds(30);
    options.verifyTls = !tls_;  // a TLS moto has the test's own certificate
    options.loopbackOnly = true;
    awsdirect::CurlTransport transport(options);
    awsdirect::HttpRequest request;
    request.method = "POST";
    request.scheme = tls_ ? "https" : "http";
    request.host = "127.0.0.1:" + std::to_string(process_->port);
    request.path = path;
    request.body = body;
    const awsdirect::HttpResponse response = transport.send(request);
    if (response.status != 200) throw std::runtime_error("moto_server: POST " + path + " answered " + std::to_string(response.status));
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

  bool tls_;
  bool shareable_;
  std::unique_ptr<Process> process_;
  awsdirect::Credentials credentials_;
};

}  // namespace awsdirect_test
