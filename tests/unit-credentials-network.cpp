// The credential sources that need the network (instance metadata, the container endpoint, SSO)
// against strict loopback peers (support/credentials_test_server.py), and the default chain with
// them: precedence, the deadline, the trace, and logs that carry no secret.
#include <doctest/doctest.h>

#include <awsdirect/credentials/default_chain.hpp>
#include <awsdirect/credentials/metadata.hpp>
#include <awsdirect/credentials/sso.hpp>
#include <awsdirect/credentials/web_identity.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/crypto.hpp>
#include <awsdirect/curl_transport.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/time.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/scripted_transport.hpp"
#include "support/test_server.hpp"

using namespace awsdirect;
using awsdirect_test::TestServer;
using Clock = std::chrono::steady_clock;

namespace {

// A credentials_test_server.py playing `kind`; null (the test skipped) without python3.
std::unique_ptr<TestServer> peer(std::vector<std::string> arguments) {
  TestServer::Options options;
  options.script = AWSDIRECT_SOURCE_DIR "/tests/support/credentials_test_server.py";
  options.arguments = std::move(arguments);
  return TestServer::startOrSkip(options);
}

std::string url(const TestServer& server) { return "http://" + server.authority(); }

// What reached the peer, one request per line.
std::vector<std::string> requestsOf(const TestServer& server) {
  HttpRequest request;
  request.scheme = "http";
  request.host = server.authority();
  request.path = "/_log";
  const std::string body = CurlTransport().send(request).body;
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find('\n', start);
    lines.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct TempDir {
  std::string path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "awsdirect-network-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(std::filesystem::path(path + "/" + name).parent_path());
    std::ofstream(path + "/" + name, std::ios::binary) << text;
    return path + "/" + name;
  }
};

std::string errorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const Exception& e) {
    return e.error().code + ": " + e.error().message;
  }
  FAIL("expected an error");
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

InstanceMetadataOptions imdsAt(const TestServer& server) {
  InstanceMetadataOptions options;
  options.endpoint = url(server);
  return options;
}

long long millisecondsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

// ---- Instance metadata ------------------------------------------------------------------------

TEST_CASE("instance metadata: IMDSv2 asks for a token by PUT, then the role and its credentials with it") {
  auto server = peer({"--kind", "imds", "--role", "myRedshiftRole"});
  if (!server) return;
  InstanceMetadataCredentialsProvider provider(imdsAt(*server));
  const Credentials credentials = provider.credentials();
  CHECK(credentials.accessKeyId == "ASIATESTKEY1");
  CHECK(credentials.secretAccessKey.reveal() == "test-secret-access-key-1");
  CHECK(credentials.sessionToken.reveal() == "test-session-token-1");
  REQUIRE(credentials.expiration);
  CHECK(*credentials.expiration > std::chrono::system_clock::now() + std::chrono::hours(5));
  CHECK(provider.roleName() == "myRedshiftRole");
  CHECK(requestsOf(*server) == std::vector<std::string>{
                                   "PUT /latest/api/token token=no",
                                   "GET /latest/meta-data/iam/security-credentials/ token=yes",
                                   "GET /latest/meta-data/iam/security-credentials/myRedshiftRole token=yes"});
  // Cached until near expiry.
  CHECK(provider.credentials().accessKeyId == "ASIATESTKEY1");
  CHECK(requestsOf(*server).size() == 3);
}

TEST_CASE("instance metadata: IMDSv1 only where botocore falls back, and never when disabled") {
  SUBCASE("the token request is refused (403)") {
    auto server = peer({"--kind", "imds", "--mode", "v1-only"});
    if (!server) return;
    CHECK(InstanceMetadataCredentialsProvider(imdsAt(*server)).credentials().accessKeyId == "ASIATESTKEY1");
    CHECK(requestsOf(*server).back() == "GET /latest/meta-data/iam/security-credentials/awsdirect-test-role token=no");

    InstanceMetadataOptions v2Only = imdsAt(*server);
    v2Only.v1Disabled = true;
    const std::string error = errorOf([&] { InstanceMetadataCredentialsProvider(v2Only).credentials(); });
    CHECK(contains(error, "IMDSv1 is disabled"));
    CHECK(requestsOf(*server).back() == "PUT /latest/api/token token=no");  // no request without a token
  }
  SUBCASE("the token request times out once connected") {
    auto server = peer({"--kind", "imds", "--mode", "stall-token"});
    if (!server) return;
    InstanceMetadataOptions options = imdsAt(*server);
    options.timeout = std::chrono::milliseconds(300);
    CHECK(InstanceMetadataCredentialsProvider(options).credentials().accessKeyId == "ASIATESTKEY1");
  }
  SUBCASE("nothing listens: no credentials, and no second try without a token") {
    InstanceMetadataOptions options;
    options.endpoint = "http://127.0.0.1:9";
    const std::string error = errorOf([&] { InstanceMetadataCredentialsProvider(options).credentials(); });
    CHECK(contains(error, "NoCredentials: no answer from http://127.0.0.1:9 within 1000 ms"));
  }
}

TEST_CASE("instance metadata: a strict peer refuses requests without its token") {
  auto server = peer({"--kind", "imds"});
  if (!server) return;
  HttpRequest request;
  request.scheme = "http";
  request.host = server->authority();
  request.path = "/latest/meta-data/iam/security-credentials/";
  CHECK(CurlTransport().send(request).status == 401);
  request.path = "/latest/api/token";
  CHECK(CurlTransport().send(request).status == 405);  // a GET of the token
  request.method = "PUT";
  CHECK(CurlTransport().send(request).status == 400);  // a PUT without the TTL header
}

TEST_CASE("instance metadata: no role, an error document, and a stalled service are no credentials") {
  SUBCASE("no role attached") {
    auto server = peer({"--kind", "imds", "--mode", "no-role"});
    if (!server) return;
    CHECK(contains(errorOf([&] { InstanceMetadataCredentialsProvider(imdsAt(*server)).credentials(); }),
                   "no IAM role is attached to this instance"));
  }
  SUBCASE("a 200 carrying Code and Message") {
    auto server = peer({"--kind", "imds", "--mode", "error-body"});
    if (!server) return;
    const std::string error = errorOf([&] { InstanceMetadataCredentialsProvider(imdsAt(*server)).credentials(); });
    CHECK(error == "NoCredentials: instance metadata role awsdirect-test-role answered AssumeRoleUnauthorizedAccess: "
                   "'EC2 cannot assume the role awsdirect-test-role'");
  }
  SUBCASE("a stalled service costs the timeout, twice at most (token, then IMDSv1)") {
    auto server = peer({"--kind", "imds", "--mode", "stall"});
    if (!server) return;
    InstanceMetadataOptions options = imdsAt(*server);
    options.timeout = std::chrono::milliseconds(300);
    const auto start = Clock::now();
    CHECK(contains(errorOf([&] { InstanceMetadataCredentialsProvider(options).credentials(); }), "gave no credentials"));
    CHECK(millisecondsSince(start) < 1500);
  }
}

TEST_CASE("instance metadata: refreshed near expiry, one fetch for many threads, kept when unreachable") {
  auto server = std::unique_ptr<TestServer>(peer({"--kind", "imds"}));
  if (!server) return;
  auto offset = std::make_shared<std::atomic<long long>>(0);  // seconds added to the clock
  InstanceMetadataOptions options = imdsAt(*server);
  options.refresh.now = [offset] { return std::chrono::system_clock::now() + std::chrono::seconds(offset->load()); };
  InstanceMetadataCredentialsProvider provider(options);

  std::vector<std::thread> threads;
  std::mutex mutex;
  std::vector<std::string> keys;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      const std::string key = provider.credentials().accessKeyId;
      std::lock_guard<std::mutex> lock(mutex);
      keys.push_back(key);
    });
  for (auto& thread : threads) thread.join();
  for (const auto& key : keys) CHECK(key == "ASIATESTKEY1");
  CHECK(requestsOf(*server).size() == 3);  // one token, one listing, one fetch

  // Five minutes before expiry (6 h): every caller waits for a refresh.
  offset->store(6 * 3600 - 5 * 60);
  CHECK(provider.credentials().accessKeyId == "ASIATESTKEY2");

  // The service gone near expiry: the credentials are kept 12 to 20 minutes more, not dropped.
  const std::string port = std::to_string(server->port());
  server.reset();
  offset->store(2 * 6 * 3600 - 5 * 60);
  const Credentials kept = provider.credentials();
  CHECK(kept.accessKeyId == "ASIATESTKEY2");
  REQUIRE(kept.expiration);
  const auto now = std::chrono::system_clock::now() + std::chrono::seconds(offset->load());
  CHECK(*kept.expiration >= now + std::chrono::minutes(12));
  CHECK(*kept.expiration <= now + std::chrono::minutes(20) + std::chrono::seconds(5));
}

TEST_CASE("instance metadata: settings from the environment and the profile, as botocore") {
  std::string whyNot;
  CHECK_FALSE(InstanceMetadataOptions::fromConfig(Environment::fromMap({{"AWS_EC2_METADATA_DISABLED", "TRUE"}}), {},
                                                  whyNot));
  CHECK(whyNot == "disabled by AWS_EC2_METADATA_DISABLED");
  auto defaults = InstanceMetadataOptions::fromConfig(Environment::fromMap({}), {}, whyNot);
  REQUIRE(defaults);
  CHECK(defaults->endpoint == "http://169.254.169.254");  // read, never asked in a test
  CHECK(defaults->timeout == std::chrono::seconds(1));
  CHECK(defaults->attempts == 1);
  auto ipv6 = InstanceMetadataOptions::fromConfig(Environment::fromMap({}),
                                                  {{"ec2_metadata_service_endpoint_mode", "IPv6"},
                                                   {"metadata_service_timeout", "3"},
                                                   {"metadata_service_num_attempts", "2"},
                                                   {"ec2_metadata_v1_disabled", "true"}},
                                                  whyNot);
  REQUIRE(ipv6);
  CHECK(ipv6->endpoint == "http://[fd00:ec2::254]");
  CHECK(ipv6->timeout == std::chrono::seconds(3));
  CHECK(ipv6->attempts == 2);
  CHECK(ipv6->v1Disabled);
  auto custom = InstanceMetadataOptions::fromConfig(
      Environment::fromMap({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338/"},
                            {"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"}}),
      {}, whyNot);
  CHECK(custom->endpoint == "http://127.0.0.1:1338/");  // the endpoint wins over the mode
  CHECK_THROWS_AS(InstanceMetadataOptions::fromConfig(
                      Environment::fromMap({{"AWS_METADATA_SERVICE_TIMEOUT", "soon"}}), {}, whyNot),
                  ConfigError);
  CHECK_THROWS_AS(InstanceMetadataOptions::fromConfig(
                      Environment::fromMap({{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"}}), {}, whyNot),
                  ConfigError);
}

// ---- Container ------------------------------------------------------------------------------

TEST_CASE("container: the full URI with the token file, read at each refresh") {
  auto server = peer({"--kind", "container", "--authorization", "Bearer eks-pod-token-1", "--path", "/creds"});
  if (!server) return;
  TempDir dir;
  const std::string tokenFile = dir.write("token", "Bearer eks-pod-token-1");
  std::string whyNot;
  auto options = ContainerCredentialsOptions::fromEnvironment(
      Environment::fromMap({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", url(*server) + "/creds"},
                            {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer a-token-the-file-overrides"},
                            {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile}}),
      whyNot);
  REQUIRE(options);
  auto offset = std::make_shared<std::atomic<long long>>(0);
  options->refresh.now = [offset] { return std::chrono::system_clock::now() + std::chrono::seconds(offset->load()); };
  options->pause = std::chrono::milliseconds(10);
  ContainerCredentialsProvider provider(*options);
  CHECK(provider.credentials().accessKeyId == "ASIATESTKEY1");
  CHECK(requestsOf(*server) == std::vector<std::string>{"GET /creds authorization=Bearer eks-pod-token-1"});

  // EKS rotates the file: the next refresh sends the new token (which this peer refuses).
  dir.write("token", "Bearer eks-pod-token-2");
  offset->store(6 * 3600 - 60);
  const std::string error = errorOf([&] { provider.credentials(); });
  CHECK(contains(error, "no credentials after 3 attempt(s): HTTP 401"));
  CHECK_FALSE(contains(error, "eks-pod-token"));
  CHECK(requestsOf(*server).back() == "GET /creds authorization=Bearer eks-pod-token-2");
}

TEST_CASE("container: which URIs may carry the token, and tokens a header cannot carry") {
  std::string whyNot;
  CHECK_FALSE(ContainerCredentialsOptions::fromEnvironment(Environment::fromMap({}), whyNot));
  CHECK(contains(whyNot, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set"));
  auto relative = ContainerCredentialsOptions::fromEnvironment(
      Environment::fromMap({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"}}), whyNot);
  CHECK(relative->url == "http://169.254.170.2/v2/credentials/abc");  // built, never asked in a test
  for (const char* allowed : {"http://127.0.0.1:8080/c", "http://127.1.2.3/c", "http://localhost/c", "http://[::1]:80/c",
                              "http://169.254.170.2/c", "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/c",
                              "https://credentials.example.com/c"}) {
    CAPTURE(allowed);
    CHECK(detail::isAllowedContainerUrl(allowed));
  }
  for (const char* refused : {"http://credentials.example.com/c", "http://10.0.0.1/c", "http://169.254.169.254/c",
                              "ftp://127.0.0.1/c", "http://128.0.0.1/c"}) {
    CAPTURE(refused);
    CHECK_FALSE(detail::isAllowedContainerUrl(refused));
    CHECK_THROWS_AS(ContainerCredentialsOptions::fromEnvironment(
                        Environment::fromMap({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", refused}}), whyNot),
                    ConfigError);
  }
  auto server = peer({"--kind", "container"});
  if (!server) return;
  ContainerCredentialsOptions options;
  options.url = url(*server) + "/v2/credentials/test";
  options.authorizationToken = Secret("line\r\nX-Injected: 1");
  CHECK(contains(errorOf([&] { ContainerCredentialsProvider(options).credentials(); }), "holds a line break"));
  CHECK(requestsOf(*server).empty());
}

// ---- SSO ------------------------------------------------------------------------------------

namespace {

struct SsoSetup {
  TempDir home;
  std::string config;
  std::map<std::string, std::string> environment;
  SsoSetup(const TestServer& portal, const std::string& expiresAt) {
    config = home.write(".aws/config",
                        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
                        "sso_role_name = ReadOnly\nregion = eu-west-1\n"
                        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                        "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n"
                        "sso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
                        "[profile half]\nsso_account_id = 123456789012\n");
    environment = {{"HOME", home.path},
                   {"AWS_CONFIG_FILE", config},
                   {"AWS_SHARED_CREDENTIALS_FILE", home.path + "/none"},
                   {"AWS_ENDPOINT_URL_SSO", "http://" + portal.authority()},
                   {"AWS_EC2_METADATA_DISABLED", "true"}};
    const std::string token = "{\"accessToken\": \"sso-bearer-token-secret\", \"expiresAt\": \"" + expiresAt + "\"}";
    home.write(".aws/sso/cache/" + sha1Hex("corp") + ".json", token);
    home.write(".aws/sso/cache/" + sha1Hex("https://legacy.awsapps.com/start") + ".json", token);
  }
};

}  // namespace

TEST_CASE("SSO: the cached token of an sso-session or a legacy profile, exchanged at the portal") {
  auto portal = peer({"--kind", "sso", "--sso-token", "sso-bearer-token-secret", "--role", "ReadOnly"});
  if (!portal) return;
  SsoSetup setup(*portal, "2099-01-01T00:00:00Z");
  for (const char* profile : {"dev", "legacy"}) {
    CAPTURE(profile);
    auto provider = defaultCredentialsProvider(Environment::fromMap(setup.environment), profile);
    const Credentials credentials = provider->credentials();
    CHECK(credentials.accessKeyId.rfind("ASIATESTKEY", 0) == 0);
    REQUIRE(credentials.expiration);
    CHECK(*credentials.expiration > std::chrono::system_clock::now() + std::chrono::hours(5));  // from milliseconds
  }
  CHECK(requestsOf(*portal) == std::vector<std::string>{"GET /federation/credentials bearer=yes",
                                                        "GET /federation/credentials bearer=yes"});
}

TEST_CASE("SSO: an expired or missing token says to sign in, before any request") {
  auto portal = peer({"--kind", "sso", "--sso-token", "sso-bearer-token-secret"});
  if (!portal) return;
  SsoSetup expired(*portal, "2020-01-01T00:00:00Z");
  std::string error = errorOf([&] { defaultCredentialsProvider(Environment::fromMap(expired.environment), "dev")->credentials(); });
  CHECK(contains(error, "SsoTokenExpired: the SSO session of profile 'dev' expired at 2020-01-01T00:00:00Z; "
                        "run aws sso login --profile dev"));
  std::filesystem::remove_all(expired.home.path + "/.aws/sso");
  error = errorOf([&] { defaultCredentialsProvider(Environment::fromMap(expired.environment), "legacy")->credentials(); });
  CHECK(contains(error, "has no cached token"));
  CHECK(contains(error, "run aws sso login --profile legacy"));
  CHECK(requestsOf(*portal).empty());
  CHECK(contains(errorOf([&] { defaultCredentialsProvider(Environment::fromMap(expired.environment), "half")->credentials(); }),
                 "profile 'half' is configured to use SSO but is missing sso_role_name, sso_start_url, sso_region"));
}

TEST_CASE("SSO: a token the portal refuses says to sign in again") {
  auto portal = peer({"--kind", "sso", "--sso-token", "another-token"});
  if (!portal) return;
  SsoSetup setup(*portal, "2099-01-01T00:00:00Z");
  const std::string error =
      errorOf([&] { defaultCredentialsProvider(Environment::fromMap(setup.environment), "dev")->credentials(); });
  CHECK(contains(error, "was refused by the SSO portal"));
  CHECK(contains(error, "aws sso login --profile dev"));
  CHECK_FALSE(contains(error, "sso-bearer-token-secret"));
}

// ---- The default chain ------------------------------------------------------------------------

TEST_CASE("the default chain: keys and profiles before the container, the container before instance metadata") {
  auto imds = peer({"--kind", "imds", "--access-key-id", "ASIAFROMIMDS"});
  auto container = peer({"--kind", "container", "--access-key-id", "ASIAFROMCONTAINER"});
  if (!imds || !container) return;
  TempDir dir;
  const std::string credentialsFile = dir.write("credentials", "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n");
  std::map<std::string, std::string> base{{"AWS_CONFIG_FILE", dir.path + "/none"},
                                          {"AWS_SHARED_CREDENTIALS_FILE", dir.path + "/none"},
                                          {"AWS_EC2_METADATA_SERVICE_ENDPOINT", url(*imds)}};
  auto keyOf = [](std::map<std::string, std::string> environment) {
    return defaultCredentialsProvider(Environment::fromMap(environment))->credentials().accessKeyId;
  };
  CHECK(keyOf(base) == "ASIAFROMIMDS1");
  auto withContainer = base;
  withContainer["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = url(*container) + "/v2/credentials/test";
  CHECK(keyOf(withContainer) == "ASIAFROMCONTAINER1");
  auto withProfile = withContainer;
  withProfile["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile;
  CHECK(keyOf(withProfile) == "AKIDPROFILE");
  CHECK(requestsOf(*imds).size() == 3);       // asked once, by the first chain only
  CHECK(requestsOf(*container).size() == 1);  // asked once, by the second chain only
  auto disabled = base;
  disabled["AWS_EC2_METADATA_DISABLED"] = "true";
  CHECK(contains(errorOf([&] { keyOf(disabled); }), "instance metadata: disabled by AWS_EC2_METADATA_DISABLED"));
  CHECK(requestsOf(*imds).size() == 3);
}

TEST_CASE("the default chain: a configured container that fails ends the search, as botocore") {
  auto container = peer({"--kind", "container", "--authorization", "expected"});
  if (!container) return;
  TempDir dir;
  ChainOptions options;
  auto provider = defaultCredentialsProvider(
      Environment::fromMap({{"AWS_CONFIG_FILE", dir.path + "/none"},
                            {"AWS_SHARED_CREDENTIALS_FILE", dir.path + "/none"},
                            {"AWS_CONTAINER_CREDENTIALS_FULL_URI", url(*container) + "/v2/credentials/test"},
                            {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"},
                            {"AWS_EC2_METADATA_DISABLED", "true"}}));
  CHECK(contains(errorOf([&] { provider->credentials(); }), "the container credentials endpoint http://127.0.0.1:"));
}

TEST_CASE("the default chain with nothing configured fails within its deadline, listing every source") {
  auto stalled = peer({"--kind", "imds", "--mode", "stall"});
  if (!stalled) return;
  TempDir dir;
  ClientConfig config;
  config.environment = Environment::fromMap({{"AWS_CONFIG_FILE", dir.path + "/none"},
                                             {"AWS_SHARED_CREDENTIALS_FILE", dir.path + "/none"},
                                             {"AWS_EC2_METADATA_SERVICE_ENDPOINT", url(*stalled)}});
  config.credentialsTimeout = std::chrono::milliseconds(1500);
  const auto start = Clock::now();
  const CredentialsExplanation explanation = explainCredentials(config);
  const auto took = millisecondsSince(start);
  CHECK(took < 2500);  // the metadata timeout (1 s) and the rest of the deadline, not 2 s of stalls
  REQUIRE(explanation.error);
  CHECK(explanation.accessKeyId.empty());
  std::vector<std::string> sources;
  for (const auto& step : explanation.sources) sources.push_back(step.source);
  CHECK(sources == std::vector<std::string>{"environment", "assume role", "web identity", "IAM Identity Center (SSO)",
                                            "shared credentials file", "sign-in session", "credential_process",
                                            "config file", "container", "instance metadata"});
  CHECK(explanation.sources.front().detail == "AWS_ACCESS_KEY_ID is not set");
  CHECK(contains(explanation.error->message, "environment: AWS_ACCESS_KEY_ID is not set"));
  CHECK(contains(explanation.error->message, "instance metadata: "));
  CHECK(explanation.sources.back().took.count() >= 900);
}

TEST_CASE("explainCredentials says which source answered; logs at every level carry no secret") {
  auto imds = peer({"--kind", "imds", "--secret", "IMDS-SECRET-VALUE", "--session-token", "IMDS-TOKEN-VALUE"});
  auto portal = peer({"--kind", "sso", "--sso-token", "sso-bearer-token-secret", "--role", "ReadOnly",
                      "--secret", "SSO-SECRET-VALUE", "--session-token", "SSO-TOKEN-VALUE"});
  auto container = peer({"--kind", "container", "--authorization", "CONTAINER-AUTH-VALUE", "--secret",
                         "CONTAINER-SECRET-VALUE", "--session-token", "CONTAINER-TOKEN-VALUE"});
  if (!imds || !portal || !container) return;
  std::vector<std::string> logged;
  std::mutex mutex;
  Logger logger;
  logger.level = LogLevel::Debug;
  logger.sink = [&](LogLevel level, const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex);
    logged.push_back(std::string(logLevelName(level)) + " " + message);
  };

  SsoSetup sso(*portal, "2099-01-01T00:00:00Z");
  auto environment = sso.environment;
  environment.erase("AWS_EC2_METADATA_DISABLED");
  environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = url(*imds);
  ClientConfig config;
  config.logger = logger;

  config.environment = Environment::fromMap(environment);
  CredentialsExplanation fromImds = explainCredentials(config);
  REQUIRE_FALSE(fromImds.error);
  CHECK(fromImds.accessKeyId == "ASIATESTKEY1");
  CHECK(fromImds.sources.back().source == "instance metadata");
  CHECK(fromImds.sources.back().answered);

  config.profile = "dev";
  CredentialsExplanation fromSso = explainCredentials(config);
  REQUIRE_FALSE(fromSso.error);
  CHECK(fromSso.profile == "dev");
  CHECK(fromSso.sources.back().source == "IAM Identity Center (SSO)");

  config.profile.clear();
  environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = url(*container) + "/v2/credentials/test";
  environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "CONTAINER-AUTH-VALUE";
  config.environment = Environment::fromMap(environment);
  CHECK(explainCredentials(config).sources.back().source == "container");

  REQUIRE(logged.size() > 10);
  bool answered = false;
  for (const auto& line : logged) {
    CAPTURE(line);
    for (const char* secret : {"IMDS-SECRET-VALUE", "IMDS-TOKEN-VALUE", "imds-session-token", "SSO-SECRET-VALUE",
                               "SSO-TOKEN-VALUE", "sso-bearer-token-secret", "CONTAINER-AUTH-VALUE",
                               "CONTAINER-SECRET-VALUE", "CONTAINER-TOKEN-VALUE"})
      CHECK_FALSE(contains(line, secret));
    answered |= contains(line, "info credentials: instance metadata answered");
  }
  CHECK(answered);
}

// ---- Web identity (the request itself; end to end against moto in integration-sts) -------------

namespace {

std::string webIdentityAnswer(const std::string& key) {
  return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
         "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>" +
         key +
         "</AccessKeyId><SecretAccessKey>web-secret</SecretAccessKey><SessionToken>web-session</SessionToken>"
         "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>"
         "<AssumedRoleId>AROAEXAMPLE:pod-1</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/irsa/pod-1</Arn>"
         "</AssumedRoleUser><SubjectFromWebIdentityToken>system:serviceaccount:default:airflow"
         "</SubjectFromWebIdentityToken></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>";
}

}  // namespace

TEST_CASE("web identity: AssumeRoleWithWebIdentity is sent unsigned, with the token file read at each refresh") {
  TempDir dir;
  const std::string tokenFile = dir.write("token", "first.jwt.token\n");
  auto sts = std::make_shared<awsdirect_test::ScriptedTransport>();
  sts->respond(200, webIdentityAnswer("ASIAWEB1")).respond(200, webIdentityAnswer("ASIAWEB2"));
  auto now = std::make_shared<std::chrono::system_clock::time_point>(std::chrono::system_clock::now());
  WebIdentityCredentialsProvider::Options options;
  options.roleArn = "arn:aws:iam::123456789012:role/irsa";
  options.tokenFile = tokenFile;
  options.roleSessionName = "pod-1";
  options.stsConfig = awsdirect_test::scriptedConfig(sts);
  options.refresh.now = [now] { return *now; };
  WebIdentityCredentialsProvider provider(options);
  CHECK(sts->requests.empty());  // nothing before credentials are needed

  CHECK(provider.credentials().accessKeyId == "ASIAWEB1");
  REQUIRE(sts->requests.size() == 1);
  const HttpRequest& first = sts->requests[0];
  CHECK_FALSE(first.headers.has("Authorization"));
  CHECK_FALSE(first.headers.has("X-Amz-Security-Token"));
  auto params = awsdirect_test::formParams(first.body);
  CHECK(params["Action"] == "AssumeRoleWithWebIdentity");
  CHECK(params["RoleArn"] == "arn:aws:iam::123456789012:role/irsa");
  CHECK(params["RoleSessionName"] == "pod-1");
  CHECK(params["WebIdentityToken"] == "first.jwt.token");
  CHECK(provider.assumedRoleUser()->arn == "arn:aws:sts::123456789012:assumed-role/irsa/pod-1");

  dir.write("token", "second.jwt.token");
  *now = *parseIso8601("2098-12-31T23:55:00Z");  // five minutes before they expire
  CHECK(provider.credentials().accessKeyId == "ASIAWEB2");
  REQUIRE(sts->requests.size() == 2);
  CHECK(awsdirect_test::formParams(sts->requests[1].body)["WebIdentityToken"] == "second.jwt.token");

  // A refusal keeps its AWS code and says which role and file, never the token.
  auto refusing = std::make_shared<awsdirect_test::ScriptedTransport>();
  refusing->respond(400,
                    "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>"
                    "<Message>Couldn't retrieve verification key from your identity provider</Message></Error>"
                    "<RequestId>r-1</RequestId></ErrorResponse>");
  options.stsConfig = awsdirect_test::scriptedConfig(refusing);
  const std::string error = errorOf([&] { WebIdentityCredentialsProvider(options).credentials(); });
  CHECK(contains(error, "InvalidIdentityToken: cannot assume role arn:aws:iam::123456789012:role/irsa with the web "
                        "identity token in " + tokenFile));
  CHECK_FALSE(contains(error, "jwt"));
}

TEST_CASE("a client's log: each attempt and each retry, never a secret") {
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  transport->respond(503, "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>")
      .respond(200,
               "<DescribeClustersResponse><DescribeClustersResult><Clusters/></DescribeClustersResult>"
               "</DescribeClustersResponse>");
  std::vector<std::string> logged;
  ClientConfig config = awsdirect_test::scriptedConfig(transport);
  config.logger.level = LogLevel::Debug;
  config.logger.sink = [&](LogLevel level, const std::string& message) {
    logged.push_back(std::string(logLevelName(level)) + " " + message);
  };
  Redshift redshift(config);
  awsdirect_test::instantRetries(redshift);
  CHECK(redshift.send(Redshift::describeClusters()).ok());
  REQUIRE(logged.size() == 3);
  CHECK(contains(logged[0], "debug Redshift DescribeClusters attempt 1: POST redshift.us-east-1.amazonaws.com -> HTTP 503"));
  CHECK(contains(logged[1], "info Redshift DescribeClusters attempt 1 failed (ServiceUnavailable); retrying in"));
  CHECK(contains(logged[2], "debug Redshift DescribeClusters attempt 2: POST redshift.us-east-1.amazonaws.com -> HTTP 200"));
  const std::string signature = *transport->requests[1].headers.get("Authorization");
  for (const auto& line : logged) {
    CHECK_FALSE(contains(line, "wJalrXUtnFEMI"));
    CHECK_FALSE(contains(line, signature.substr(signature.size() - 64)));
  }
}
