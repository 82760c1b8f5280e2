// The Redshift lifecycle against a local AWS (moto_server on a loopback port): create, wait,
// describe, the error paths as typed errors, delete, wait; once more with moto checking every
// signature; and the redshift_cluster example driven as a user would run it.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>

#include <algorithm>

#include "support/command.hpp"
#include "support/moto.hpp"
#include "support/redshift_lifecycle.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;

namespace {

WaitOptions quickPolls() {
  WaitOptions o;
  o.delay = std::chrono::milliseconds(100);
  o.timeout = std::chrono::seconds(30);
  return o;
}

}  // namespace

TEST_CASE("the Redshift lifecycle against moto") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  awsdirect_test::runRedshiftLifecycle(redshift, quickPolls());
}

TEST_CASE("the Redshift lifecycle against moto checking every signature") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  awsdirect_test::runRedshiftLifecycle(redshift, quickPolls());

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
      "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=/nonexistent AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
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
