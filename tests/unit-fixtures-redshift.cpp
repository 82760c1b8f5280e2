// The library's own Redshift lifecycle (create, wait, list, a duplicate, delete, wait, the
// missing cluster), replayed from the committed tests/fixtures/redshift-lifecycle.http with no
// network, no credentials and no moto_server.
//
// Re-record it (this starts a fresh moto_server on a free loopback port, then rewrites the file):
//   AWSDIRECT_FIXTURES=record build/tests/test-unit-fixtures-redshift
#include <doctest/doctest.h>

#include <awsdirect/fixtures.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/error.hpp>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "support/moto.hpp"
#include "support/redshift_lifecycle.hpp"

using namespace awsdirect;

namespace {

const std::string kFixture = AWSDIRECT_SOURCE_DIR "/tests/fixtures/redshift-lifecycle.http";
using awsdirect_test::kSeedPassword;
using awsdirect_test::seedCluster;

bool recording() {
  const char* mode = std::getenv("AWSDIRECT_FIXTURES");
  return mode && std::string(mode) == "record";
}

// Polls every 100 ms against moto; replay never sleeps.
WaitOptions polls() {
  WaitOptions o;
  o.delay = std::chrono::milliseconds(100);
  o.timeout = std::chrono::seconds(30);
  if (!recording()) o.sleep = [](std::chrono::milliseconds) {};
  return o;
}

// The fixture, replayed; or recorded against a fresh moto when AWSDIRECT_FIXTURES=record.
struct Lifecycle {
  std::unique_ptr<awsdirect_test::MotoServer> moto;
  std::unique_ptr<FixtureSession> fixture;

  Lifecycle() {
    ClientConfig base;
    base.environment = Environment::fromMap({});
    if (recording()) {
      moto = awsdirect_test::MotoServer::start();
      if (!moto) throw std::runtime_error("recording the fixture needs moto_server on PATH");
      base = moto->clientConfig();
      base.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "record"}});
    }
    fixture = std::make_unique<FixtureSession>(kFixture, base);
  }
};

}  // namespace

TEST_CASE("the Redshift lifecycle replays from its committed fixture") {
  Lifecycle lifecycle;
  Redshift redshift(lifecycle.fixture->clientConfig());
  redshift.core().retryPolicy().sleep = [](std::chrono::milliseconds) {};

  awsdirect_test::runRedshiftLifecycle(redshift, polls());
  CHECK_MESSAGE(lifecycle.fixture->allUsed(), lifecycle.fixture->describeUnused());
}

TEST_CASE("the committed lifecycle fixture holds no secret") {
  std::ifstream in(kFixture, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string fixture = text.str();
  CHECK(fixture.find(kSeedPassword) == std::string::npos);
  CHECK(fixture.find("MasterUserPassword=AWSDIRECT_REDACTED") != std::string::npos);
  // moto_server's test credentials (tests/support/moto.hpp): neither the key id nor the secret.
  CHECK(fixture.find("AKIAIOSFODNN7EXAMPLE") == std::string::npos);
  CHECK(fixture.find("moto-does-not-check-this-secret") == std::string::npos);
  CHECK(fixture.find("Signature=AWSDIRECT_REDACTED") != std::string::npos);
  CHECK(fixture.find("Signature=0") == std::string::npos);
}

TEST_CASE("code that changes its request gets a readable mismatch against the committed fixture") {
  if (recording()) return;  // only the lifecycle above records
  FixtureSession fixture(kFixture, ClientConfig().withEnvironment(Environment::fromMap({})));
  Redshift redshift(fixture.clientConfig());
  auto created = redshift.send(seedCluster().nodeType("ra3.xlplus").port(5440));
  REQUIRE_FALSE(created.ok());
  const Error& e = created.error();
  CHECK(e.kind == ErrorKind::Fixture);
  CHECK(e.code == "FixtureMismatch");
  CHECK(e.operation == "CreateCluster");
  CHECK(e.message.find("closest: #1 (line ") != std::string::npos);
  CHECK(e.message.find("form parameter NodeType: recorded \"dc2.large\", sent \"ra3.xlplus\"") != std::string::npos);
  CHECK(e.message.find("form parameter Port: recorded \"5439\", sent \"5440\"") != std::string::npos);
  CHECK(e.message.find(kSeedPassword) == std::string::npos);
  CHECK_THROWS_AS(created.value(), FixtureMismatchError);
  CHECK(fixture.replaying()->unusedExchanges().size() == fixture.replaying()->fixture().exchanges.size());
}
