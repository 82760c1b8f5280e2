// create_cluster_test: how to unit-test your own AWS code on a recorded fixture.
//
// createAnalyticsCluster() below stands for code in your program. The tests run it against
// tests/fixtures/create_cluster_test*.http: the HTTP exchanges it had with AWS (here: a local
// emulator), recorded once and committed. They need no network, no credentials and no emulator,
// and fail with a FixtureMismatchError that shows what changed when the code sends a different request.
//
// Record the fixtures again, against the endpoint and credentials your environment configures:
//   AWSDIRECT_FIXTURES=record build/examples/create_cluster_test
// (tests/fixtures/record.sh does that against a fresh moto_server on a loopback port).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <awsdirect/fixtures.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/error.hpp>

#include <chrono>
#include <string>

// ---- Your code -------------------------------------------------------------------------------

// Creates a two-node analytics cluster and returns "host:port" once it is available.
std::string createAnalyticsCluster(awsdirect::Redshift& redshift, const std::string& name, const std::string& password) {
  redshift
      .send(awsdirect::Redshift::createCluster()
                .identifier(name)
                .nodeType("dc2.large")
                .numberOfNodes(2)
                .dbName("analytics")
                .masterUsername("analyst")
                .masterUserPassword(password)
                .port(5439)
                .tag("team", "analytics"))
      .value();
  awsdirect::WaitOptions wait;
  wait.delay = std::chrono::seconds(30);
  const awsdirect::redshift::Cluster cluster = redshift.waitUntilAvailable(name, wait).value();
  return cluster.endpoint->address + ":" + std::to_string(cluster.endpoint->port);
}

// ---- Its tests -------------------------------------------------------------------------------

TEST_CASE("createAnalyticsCluster returns the endpoint of the new cluster") {
  awsdirect::FixtureSession fixture(FIXTURES_DIR "/create_cluster_test.http");
  awsdirect::Redshift redshift(fixture.clientConfig());

  const std::string endpoint = createAnalyticsCluster(redshift, "analytics", "Example-Passw0rd");

  CHECK(endpoint.rfind("analytics.", 0) == 0);
  CHECK(endpoint.substr(endpoint.size() - 5) == ":5439");
  CHECK_MESSAGE(fixture.allUsed(), fixture.describeUnused());  // no recorded call was skipped
}

TEST_CASE("createAnalyticsCluster reports a name that is taken") {
  awsdirect::FixtureSession fixture(FIXTURES_DIR "/create_cluster_taken_test.http");
  awsdirect::Redshift redshift(fixture.clientConfig());

  createAnalyticsCluster(redshift, "reporting", "Example-Passw0rd");
  try {
    createAnalyticsCluster(redshift, "reporting", "Example-Passw0rd");
    FAIL("a second cluster of the same name was created");
  } catch (const awsdirect::AwsError& e) {
    CHECK(e.code() == "ClusterAlreadyExists");
    CHECK(e.httpStatus() == 400);
  }
  CHECK_MESSAGE(fixture.allUsed(), fixture.describeUnused());
}
