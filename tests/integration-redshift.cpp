// The Redshift lifecycle against a local AWS (moto_server on a loopback port): create, wait,
// describe, the error paths as typed errors, delete, wait; once more with moto checking every
// signature; and the redshift_cluster example driven as a user would run it.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>

#include <algorithm>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;

namespace {

WaitOptions quickPolls() {
  WaitOptions o;
  o.delay = std::chrono::milliseconds(100);
  o.timeout = std::chrono::seconds(30);
  return o;
}

redshift::CreateClusterRequest seedCluster() {
  return Redshift::createCluster()
      .identifier("redshift-cluster")
      .dbName("dev")
      .port(5439)
      .masterUsername("awsuser")
      .masterUserPassword("Passw0rd1")
      .nodeType("dc2.large")
      .numberOfNodes(1)
      .iamRole("arn:aws:iam::123456789012:role/myRedshiftRole")
      .publiclyAccessible(false);
}

void runLifecycle(Redshift& redshift) {
  redshift::Cluster created = redshift.send(seedCluster()).value();
  CHECK(created.clusterIdentifier == "redshift-cluster");
  CHECK(created.dbName == "dev");

  redshift::Cluster available = redshift.waitUntilAvailable("redshift-cluster", quickPolls()).value();
  CHECK(available.clusterStatus == "available");
  REQUIRE(available.endpoint);
  CHECK(available.endpoint->port == 5439);
  CHECK(available.masterUsername == "awsuser");
  CHECK(available.nodeType == "dc2.large");
  REQUIRE(available.iamRoles.size() == 1);
  CHECK(available.iamRoles[0].iamRoleArn == "arn:aws:iam::123456789012:role/myRedshiftRole");

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
  CHECK(redshift.waitUntilDeleted("redshift-cluster", quickPolls()).ok());

  auto gone = redshift.describeCluster("redshift-cluster");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "ClusterNotFound");
  CHECK_THROWS_AS(gone.value(), AwsError);
}

}  // namespace

TEST_CASE("the Redshift lifecycle against moto") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  runLifecycle(redshift);

  auto missing = redshift.send(Redshift::deleteCluster().identifier("no-such-cluster").skipFinalSnapshot());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "ClusterNotFound");
  CHECK(missing.error().httpStatus >= 400);
}

TEST_CASE("the Redshift lifecycle against moto checking every signature") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  runLifecycle(redshift);

  // The same key with a wrong secret is refused, as AWS would refuse it.
  ClientConfig wrong = moto->clientConfig();
  wrong.credentialsProvider = std::make_shared<StaticCredentialsProvider>(
      Credentials(moto->credentials().accessKeyId, "not-the-secret-key"));
  auto refused = Redshift(wrong).send(Redshift::describeClusters());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "SignatureDoesNotMatch");
  CHECK(refused.error().httpStatus == 403);
  CHECK(refused.error().message.find("not-the-secret-key") == std::string::npos);
}

namespace {

// Runs the example with a clean environment aimed at moto; returns exit status and stdout+stderr.
std::pair<int, std::string> runExample(const MotoServer& moto, const std::string& arguments) {
  auto result = awsdirect_test::runCommandMerged(
      "env -i PATH=/usr/bin:/bin HOME=/nonexistent AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
      moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() +
      " AWS_ENDPOINT_URL=" + moto.endpoint() +
      " REDSHIFT_MASTER_PASSWORD=Passw0rd1 " AWSDIRECT_BINARY_DIR "/examples/redshift_cluster " + arguments);
  return {result.status, result.out};
}

}  // namespace

TEST_CASE("the redshift_cluster example creates, shows and deletes the seed's cluster") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();

  auto [created, createOutput] = runExample(*moto, "create --identifier redshift-cluster --wait");
  CHECK(created == 0);
  CHECK(createOutput.find("status:     available") != std::string::npos);
  CHECK(createOutput.find("Passw0rd1") == std::string::npos);

  auto [shown, statusOutput] = runExample(*moto, "status --identifier redshift-cluster");
  CHECK(shown == 0);
  CHECK(statusOutput.find("endpoint:   redshift-cluster.") != std::string::npos);
  CHECK(statusOutput.find(":5439") != std::string::npos);

  auto [deleted, deleteOutput] = runExample(*moto, "delete --identifier redshift-cluster --wait");
  CHECK(deleted == 0);
  CHECK(deleteOutput.find("deleted:    redshift-cluster") != std::string::npos);

  auto [missing, missingOutput] = runExample(*moto, "status --identifier redshift-cluster");
  CHECK(missing == 1);
  CHECK(missingOutput.find("ClusterNotFound") != std::string::npos);
  CHECK(std::count(missingOutput.begin(), missingOutput.end(), '\n') == 1);  // one line

  auto [invalid, invalidOutput] = runExample(*moto, "create --identifier Bad_Cluster");
  CHECK(invalid == 1);
  CHECK(invalidOutput.find("ClusterIdentifier") != std::string::npos);
}
