#pragma once
// The library's own Redshift lifecycle, one sequence of calls and checks: run live against moto
// (tests/integration-redshift.cpp) and replayed from the committed fixture that recorded it
// (tests/unit-fixtures-redshift.cpp). Changing the calls means re-recording that fixture.
#include <doctest/doctest.h>

#include <string>

#include <awsdirect/redshift.hpp>
#include <awsdirect/error.hpp>

namespace awsdirect_test {

inline constexpr const char* kSeedPassword = "Passw0rdLifecycle9";

// The seed tutorial's cluster.
inline awsdirect::redshift::CreateClusterRequest seedCluster() {
  return awsdirect::Redshift::createCluster()
      .identifier("redshift-cluster")
      .dbName("dev")
      .port(5439)
      .masterUsername("awsuser")
      .masterUserPassword(kSeedPassword)
      .nodeType("dc2.large")
      .numberOfNodes(1)
      .iamRole("arn:aws:iam::123456789012:role/myRedshiftRole")
      .publiclyAccessible(false);
}

namespace detail {
inline bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace detail

// Create, wait until available, list, a duplicate, delete without a final snapshot, wait until
// deleted, and the missing cluster: every result and error checked on the way.
inline void runRedshiftLifecycle(awsdirect::Redshift& redshift, const awsdirect::WaitOptions& polls) {
  using namespace awsdirect;
  redshift::Cluster created = redshift.send(seedCluster()).value();
  CHECK(created.clusterIdentifier == "redshift-cluster");
  CHECK(created.clusterStatus == "creating");
  CHECK(created.dbName == "dev");

  redshift::Cluster available = redshift.waitUntilAvailable("redshift-cluster", polls).value();
  CHECK(available.clusterStatus == "available");
  REQUIRE(available.endpoint);
  CHECK(available.endpoint->address.rfind("redshift-cluster.", 0) == 0);
  CHECK(detail::endsWith(available.endpoint->address, ".us-east-1.redshift.amazonaws.com"));
  CHECK(available.endpoint->port == 5439);
  CHECK(available.masterUsername == "awsuser");
  CHECK(available.nodeType == "dc2.large");
  CHECK(available.numberOfNodes == 1);
  REQUIRE(available.iamRoles.size() == 1);
  CHECK(available.iamRoles[0].iamRoleArn == "arn:aws:iam::123456789012:role/myRedshiftRole");
  CHECK(available.clusterCreateTime.has_value());

  auto all = redshift.describeAllClusters().value();
  REQUIRE(all.size() == 1);
  CHECK(all[0].clusterIdentifier == "redshift-cluster");

  auto duplicate = redshift.send(seedCluster());
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().kind == ErrorKind::Service);
  CHECK(duplicate.error().code == "ClusterAlreadyExists");
  CHECK(duplicate.error().httpStatus == 400);
  CHECK_FALSE(duplicate.error().requestId.empty());

  redshift::Cluster deleting =
      redshift.send(Redshift::deleteCluster().identifier("redshift-cluster").skipFinalSnapshot()).value();
  CHECK(deleting.clusterIdentifier == "redshift-cluster");
  CHECK(redshift.waitUntilDeleted("redshift-cluster", polls).ok());

  auto gone = redshift.findCluster("redshift-cluster");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "ClusterNotFound");
  CHECK(gone.error().httpStatus == 404);
  CHECK_THROWS_AS(gone.value(), AwsError);

  auto missing = redshift.send(Redshift::deleteCluster().identifier("no-such-cluster").skipFinalSnapshot());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "ClusterNotFound");
}

}  // namespace awsdirect_test
