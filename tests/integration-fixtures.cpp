// Recorded fixtures against a real peer: record against moto_server, stop it, replay, and get the
// same results with nothing listening; no secret in any recording; and the same for an unchanged
// program (the redshift_cluster example) driven by AWSDIRECT_FIXTURES alone.
#include <doctest/doctest.h>

#include <awsdirect/fixtures.hpp>
#include <awsdirect/iam.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/time.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;

namespace {

namespace fs = std::filesystem;

// Secrets that must never reach a fixture file.
const char* kAccessKeyId = "AKIDFIXTURESINTEGRATION";
const char* kSecretKey = "fixtures-secret-key-Zq81vXk";
const char* kSessionToken = "fixtures-session-token-Zq81vXk";
const char* kPassword = "Passw0rdZq81vXk";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "awsdirect-fixtures-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every fixture file under `dir`, concatenated, to look for secrets in.
std::string allFixtures(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".http") all += readFile(entry.path());
  return all;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Listens on a loopback port (moto's old one, once moto is gone) and counts the connections made
// to it: replay must make none.
struct Tripwire {
  int fd = -1;
  explicit Tripwire(int port) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd, 16) == 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
  }
  ~Tripwire() { close(fd); }
  int connections() const {
    int n = 0;
    for (int c; (c = accept(fd, nullptr, nullptr)) >= 0; ++n) close(c);
    return n;
  }
};

WaitOptions polls() {
  WaitOptions o;
  o.delay = std::chrono::milliseconds(100);
  o.timeout = std::chrono::seconds(30);
  return o;
}

// What a scenario saw, one line per result, to compare a recording with its replay.
std::string runScenario(const ClientConfig& config, std::string& iamSecret) {
  std::ostringstream seen;
  Redshift redshift(config);
  auto created = redshift.send(Redshift::createCluster()
                                   .identifier("fixtures-cluster")
                                   .nodeType("dc2.large")
                                   .masterUsername("awsuser")
                                   .masterUserPassword(kPassword)
                                   .numberOfNodes(2)
                                   .tag("purpose", "fixtures"))
                     .value();
  seen << "created " << created.clusterIdentifier << " " << created.clusterStatus << " " << created.numberOfNodes << "\n";
  auto available = redshift.waitUntilAvailable("fixtures-cluster", polls()).value();
  seen << "available " << available.endpoint->address << ":" << available.endpoint->port << " "
       << formatIso8601(*available.clusterCreateTime) << "\n";
  auto duplicate = redshift.send(Redshift::createCluster()
                                     .identifier("fixtures-cluster")
                                     .nodeType("dc2.large")
                                     .masterUsername("awsuser")
                                     .masterUserPassword(kPassword));
  seen << "duplicate " << duplicate.error().describe() << "\n";
  redshift.send(Redshift::deleteCluster().identifier("fixtures-cluster").skipFinalSnapshot()).value();
  seen << "deleted " << redshift.waitUntilDeleted("fixtures-cluster", polls()).ok() << "\n";
  seen << "gone " << redshift.findCluster("fixtures-cluster").error().describe() << "\n";

  // An IAM access key: its secret comes back in the response body.
  Iam iam(config);
  iam.send(Iam::createUser().userName("fixtures-user")).value();
  iam::AccessKey key = iam.send(Iam::createAccessKey().userName("fixtures-user")).value();
  seen << "access key " << key.accessKeyId << " of " << key.userName << "\n";
  iamSecret = key.secretAccessKey.reveal();
  return seen.str();
}

}  // namespace

TEST_CASE("recorded against moto, replayed with moto stopped: the same results, no secret, no connection") {
  TempDir dir;
  auto moto = MotoServer::start({/*checkSignatures=*/false, /*loadManagedPolicies=*/false, /*alone=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  const int port = moto->port();
  const std::string endpoint = moto->endpoint();

  ClientConfig record = moto->clientConfig();
  record.credentialsProvider =
      std::make_shared<StaticCredentialsProvider>(Credentials(kAccessKeyId, kSecretKey, kSessionToken));
  record.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "record"},
                                             {"AWSDIRECT_FIXTURES_DIR", dir.path.string()},
                                             {"AWSDIRECT_FIXTURES_SCENARIO", "lifecycle"}});
  std::string recordedSecret;
  const std::string recorded = runScenario(withFixturesFromEnvironment(record), recordedSecret);
  CHECK(recordedSecret.size() >= 20);
  CHECK(recordedSecret != kRedacted);

  moto.reset();  // stopped: from here on nothing answers on its port but the tripwire
  Tripwire network(port);

  ClientConfig replay;  // no credentials, no region, an endpoint where nothing may be reached
  replay.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "replay"},
                                             {"AWSDIRECT_FIXTURES_DIR", dir.path.string()},
                                             {"AWSDIRECT_FIXTURES_SCENARIO", "lifecycle"},
                                             {"AWS_ENDPOINT_URL", endpoint}});
  std::string replayedSecret;
  const std::string replayed = runScenario(withFixturesFromEnvironment(replay), replayedSecret);
  CHECK(replayed == recorded);
  CHECK(replayedSecret == kRedacted);
  CHECK(network.connections() == 0);

  const std::string fixture = readFile(dir.path / "lifecycle.http");
  CHECK(contains(fixture, "### request 1: CreateCluster"));
  for (const std::string& secret : {std::string(kAccessKeyId), std::string(kSecretKey), std::string(kSessionToken),
                                    std::string(kPassword), recordedSecret}) {
    CAPTURE(secret);
    CHECK_FALSE(contains(fixture, secret));
  }
  CHECK(contains(fixture, "<SecretAccessKey>AWSDIRECT_REDACTED</SecretAccessKey>"));
  CHECK(contains(fixture, "X-Amz-Security-Token: AWSDIRECT_REDACTED"));
}

namespace {

struct Run {
  int exit = -1;
  std::string out;
  std::string err;
};

// Runs build/examples/redshift_cluster with exactly `environment` (env -i): stdout and stderr apart.
Run runExample(const std::string& environment, const std::string& arguments) {
  auto result = awsdirect_test::runCommand("env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=/nonexistent " + environment +
                                           " " AWSDIRECT_BINARY_DIR "/examples/redshift_cluster " + arguments);
  return {result.status, std::move(result.out), std::move(result.err)};
}

// The error lines of a run, without the waiter's progress (its seconds may differ).
std::string errors(const std::string& err) {
  std::istringstream lines(err);
  std::string out, line;
  while (std::getline(lines, line))
    if (line.rfind("  waiting:", 0) != 0) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("redshift_cluster, unchanged: recorded with AWSDIRECT_FIXTURES=record, replayed with moto stopped") {
  TempDir dir;
  auto moto = MotoServer::start({/*checkSignatures=*/false, /*loadManagedPolicies=*/false, /*alone=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  const int port = moto->port();
  const std::string folder = " AWSDIRECT_FIXTURES_DIR=" + dir.path.string();
  const std::string recordEnv = "AWSDIRECT_FIXTURES=record" + folder + " AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
                                kAccessKeyId + " AWS_SECRET_ACCESS_KEY=" + kSecretKey + " AWS_SESSION_TOKEN=" +
                                kSessionToken + " AWS_ENDPOINT_URL=" + moto->endpoint() +
                                " REDSHIFT_MASTER_PASSWORD=" + kPassword;
  // Replay gets no credentials and no region; the endpoint still points at moto's port, where the
  // tripwire will listen. The password differs: a redacted one matches any.
  const std::string replayEnv = "AWSDIRECT_FIXTURES=replay" + folder + " AWS_ENDPOINT_URL=" + moto->endpoint() +
                                " REDSHIFT_MASTER_PASSWORD=Another0Passw0rd";

  // One scenario per run, as the README says.
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"create", "create --identifier redshift-cluster --nodes 2 --wait"},
      {"status", "status --identifier redshift-cluster"},
      {"delete", "delete --identifier redshift-cluster --wait"},
      {"gone", "status --identifier redshift-cluster"},
  };
  std::vector<Run> recorded;
  for (const auto& [scenario, arguments] : runs)
    recorded.push_back(runExample(recordEnv + " AWSDIRECT_FIXTURES_SCENARIO=" + scenario, arguments));
  // Without a scenario, each command gets its own: the program's name and its arguments. A
  // sequence recorded so replays as recorded; a command recorded again says it replaces the file.
  const std::vector<std::string> unnamedRuns = {"create --identifier unnamed-cluster --wait",
                                                "status --identifier unnamed-cluster",
                                                "delete --identifier unnamed-cluster --wait"};
  std::vector<Run> unnamedRecorded;
  for (const auto& arguments : unnamedRuns) unnamedRecorded.push_back(runExample(recordEnv, arguments));
  Run unnamed = runExample(recordEnv, "status --identifier no-such-cluster");
  Run again = runExample(recordEnv, "status --identifier no-such-cluster");
  CHECK(contains(again.err, "awsdirect: recording to " +
                                (dir.path / "redshift_cluster/status_--identifier_no-such-cluster.http").string() +
                                " replaces the exchanges recorded there before"));

  CHECK(recorded[0].exit == 0);
  CHECK(contains(recorded[0].out, "status:     available"));
  CHECK(contains(recorded[0].out, "node type:  dc2.large x 2"));
  CHECK(recorded[1].exit == 0);
  CHECK(contains(recorded[1].out, "endpoint:   redshift-cluster."));
  CHECK(recorded[2].exit == 0);
  CHECK(contains(recorded[2].out, "deleted:    redshift-cluster"));
  CHECK(recorded[3].exit == 1);
  CHECK(contains(recorded[3].err, "ClusterNotFound"));
  CHECK(unnamed.exit == 1);
  CHECK(fs::exists(dir.path / "redshift_cluster/create_--identifier_unnamed-cluster_--wait.http"));
  CHECK(fs::exists(dir.path / "redshift_cluster/status_--identifier_unnamed-cluster.http"));
  for (const auto& run : unnamedRecorded) CHECK(run.exit == 0);

  moto.reset();
  Tripwire network(port);

  for (std::size_t i = 0; i < runs.size(); ++i) {
    CAPTURE(runs[i].second);
    Run replayed = runExample(replayEnv + " AWSDIRECT_FIXTURES_SCENARIO=" + runs[i].first, runs[i].second);
    CHECK(replayed.exit == recorded[i].exit);
    CHECK(replayed.out == recorded[i].out);
    CHECK(errors(replayed.err) == errors(recorded[i].err));
  }
  for (std::size_t i = 0; i < unnamedRuns.size(); ++i) {
    CAPTURE(unnamedRuns[i]);
    Run replayed = runExample(replayEnv, unnamedRuns[i]);
    CHECK(replayed.exit == unnamedRecorded[i].exit);
    CHECK(replayed.out == unnamedRecorded[i].out);
  }
  Run replayedUnnamed = runExample(replayEnv, "status --identifier no-such-cluster");
  CHECK(replayedUnnamed.exit == 1);
  CHECK(contains(again.err, replayedUnnamed.err));  // the later recording, which replaced the first

  // The code changes its request: a readable mismatch and a non-zero exit, never the network.
  Run changed = runExample(replayEnv + " AWSDIRECT_FIXTURES_SCENARIO=status", "status --identifier other-cluster");
  CHECK(changed.exit == 1);
  CHECK(changed.out.empty());
  CHECK(contains(changed.err, "redshift_cluster status: redshift.DescribeClusters: FixtureMismatch: no recorded exchange in " +
                                  (dir.path / "status.http").string() + " matches the request"));
  CHECK(contains(changed.err, "sent:    POST / {Action=DescribeClusters, ClusterIdentifier=other-cluster, Version=2012-12-01}"));
  CHECK(contains(changed.err, "form parameter ClusterIdentifier: recorded \"redshift-cluster\", sent \"other-cluster\""));

  // A scenario never recorded: a clear error, again without the network.
  Run unrecorded = runExample(replayEnv + " AWSDIRECT_FIXTURES_SCENARIO=never-recorded", "status --identifier redshift-cluster");
  CHECK(unrecorded.exit == 1);
  CHECK(contains(unrecorded.err, "no fixture file " + (dir.path / "never-recorded.http").string()));

  CHECK(network.connections() == 0);

  const std::string fixtures = allFixtures(dir.path);
  for (const std::string& secret : {std::string(kAccessKeyId), std::string(kSecretKey), std::string(kSessionToken),
                                    std::string(kPassword)}) {
    CAPTURE(secret);
    CHECK_FALSE(contains(fixtures, secret));
  }
  CHECK(contains(fixtures, "MasterUserPassword=AWSDIRECT_REDACTED"));
}
