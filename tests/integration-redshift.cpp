// The Redshift lifecycle against a local AWS (moto_server on a loopback port): create, wait,
// describe, the error paths as typed errors, delete, wait; once more with moto checking every
// signature; and the redshift_cluster example driven as a user would run it.
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>
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

  // Encrypted by default and private unless asked; private behind a group open to the internet
  // is said plainly.
  Redshift redshift(moto->clientConfig());
  const auto cluster = redshift.findCluster("redshift-cluster").value();
  CHECK(cluster.encrypted);
  CHECK_FALSE(cluster.publiclyAccessible);
  Ec2 ec2(moto->clientConfig());
  const std::string open = ec2.send(Ec2::createSecurityGroup().groupName("open").description("open")).value().groupId;
  ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(open).ipPermission(ec2::IpPermission::tcp(5439).cidr("0.0.0.0/0")))
      .value();
  auto [hidden, hiddenOutput] = runExample(*moto, "create --identifier hidden-cluster --security-group-id " + open);
  CHECK(hidden == 0);
  CHECK(hiddenOutput.find("note: the cluster hidden-cluster is private (not publicly accessible), yet its group " + open +
                          " opens port 5439 to the whole internet") != std::string::npos);
  auto [reachable, reachableOutput] =
      runExample(*moto, "create --identifier open-cluster --publicly-accessible --encrypted false --security-group-id " + open);
  CHECK(reachable == 0);
  CHECK(reachableOutput.find("note:") == std::string::npos);
  const auto opened = redshift.findCluster("open-cluster").value();
  CHECK(opened.publiclyAccessible);
  CHECK_FALSE(opened.encrypted);
  CHECK(runExample(*moto, "create --identifier c2 --encrypted maybe").first == 2);

  auto [deleted, deleteOutput] = runExample(*moto, "delete --identifier redshift-cluster --wait");
  CHECK(deleted == 0);
  CHECK(deleteOutput.find("deleted:    redshift-cluster") != std::string::npos);

  auto [missing, missingOutput] = runExample(*moto, "status --identifier redshift-cluster");
  CHECK(missing == 1);
  CHECK(missingOutput.find("ClusterNotFound") != std::string::npos);
  CHECK(std::count(missingOutput.begin(), missingOutput.end(), '\n') == 1);  // one line

  auto [invalid, invalidOutput] = runExample(*moto, "create --identifier Bad_Cluster");
  CHECK(invalid == 2);  // bad input, refused before any call
  CHECK(invalidOutput.find("ClusterIdentifier") != std::string::npos);
}

TEST_CASE("a cluster paused, resumed, modified, tagged, snapshotted, and credentials for psql on stdout alone") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  redshift.send(Redshift::createCluster().identifier("analytics").nodeType("dc2.large").masterUsername("awsuser")
                    .masterUserPassword("Passw0rd1").dbName("dev")).value();

  auto [paused, pausedOutput] = runExample(*moto, "pause --identifier analytics");
  CHECK(paused == 0);
  CHECK(pausedOutput.find("status:     paused") != std::string::npos);
  CHECK(redshift.findCluster("analytics").value().clusterStatus == "paused");
  auto [resumed, resumedOutput] = runExample(*moto, "resume --identifier analytics");
  CHECK(resumed == 0);
  CHECK(redshift.findCluster("analytics").value().clusterStatus != "paused");

  auto modified = redshift.send(Redshift::modifyCluster().clusterIdentifier("analytics").nodeType("ra3.xlplus")
                                    .numberOfNodes(2).clusterType("multi-node")).value();
  CHECK(modified.clusterIdentifier == "analytics");
  CHECK(redshift.findCluster("analytics").value().nodeType == "ra3.xlplus");
  // (moto answers ModifyClusterIamRoles with a 500: botocore's serializer checks that request.)

  const std::string arn = "arn:aws:redshift:us-east-1:123456789012:cluster:analytics";
  redshift.send(Redshift::createTags().resourceName(arn).tag("env", "dev").tag("team", "data")).value();
  redshift.send(Redshift::deleteTags().resourceName(arn).tagKey("team")).value();
  const auto tags = redshift.findCluster("analytics").value().tags;
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].key == "env");

  auto snapshot = redshift.send(Redshift::createClusterSnapshot().snapshotIdentifier("before-load").clusterIdentifier("analytics")).value();
  CHECK(snapshot.snapshotIdentifier == "before-load");
  auto listed = redshift.send(Redshift::describeClusterSnapshots().clusterIdentifier("analytics").snapshotType("manual")).value();
  REQUIRE(listed.snapshots.size() == 1);
  CHECK(listed.snapshots[0].snapshotType == "manual");
  redshift.send(Redshift::deleteClusterSnapshot().snapshotIdentifier("before-load")).value();
  CHECK(redshift.send(Redshift::describeClusterSnapshots().snapshotIdentifier("before-load")).error().code ==
        "ClusterSnapshotNotFound");

  // The temporary password is stdout's only line; host, port, database and user go to stderr.
  auto credentials = awsdirect_test::runCommand(
      "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=/nonexistent AWS_REGION=us-east-1 "
      "AWS_ACCESS_KEY_ID=" + moto->credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" +
      moto->credentials().secretAccessKey.reveal() + " AWS_ENDPOINT_URL=" + moto->endpoint() +
      " " AWSDIRECT_BINARY_DIR "/examples/redshift_cluster credentials --identifier analytics --db-user airflow --auto-create");
  CHECK(credentials.status == 0);
  CHECK(std::count(credentials.out.begin(), credentials.out.end(), '\n') == 1);
  CHECK(credentials.out.size() > 8);
  INFO(credentials.err);
  CHECK(credentials.err.find("user:       ") != std::string::npos);
  CHECK(credentials.err.find("airflow\n") != std::string::npos);  // AWS says IAM:airflow, moto airflow
  CHECK(credentials.err.find("port:       5439") != std::string::npos);
  CHECK(credentials.err.find(credentials.out.substr(0, credentials.out.size() - 1)) == std::string::npos);

  // Bad input is refused before the network.
  auto tooLong = redshift.send(Redshift::getClusterCredentials().clusterIdentifier("analytics").dbUser("u").durationSeconds(60));
  CHECK(tooLong.error().kind == ErrorKind::Validation);
  CHECK(tooLong.error().describe().find("DurationSeconds") != std::string::npos);
}

TEST_CASE("a cluster restored from its snapshot, in a subnet group, with its tags listed, through botocore's waiters") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  Ec2 ec2(moto->clientConfig());
  WaitOptions quick;
  quick.withDelay(std::chrono::milliseconds(10)).withTimeout(std::chrono::seconds(5));

  // A subnet group over the default VPC's subnets.
  const std::string vpcId = ec2.findDefaultVpc().value().vpcId;
  auto subnets = ec2.describeAllSubnets(Ec2::describeSubnets().filter("vpc-id", {vpcId})).value();
  REQUIRE(subnets.size() >= 2);
  auto group = redshift.send(Redshift::createClusterSubnetGroup().clusterSubnetGroupName("analytics-subnets")
                                 .description("two zones").subnetId(subnets[0].subnetId).subnetId(subnets[1].subnetId)
                                 .tag("env", "dev")).value();
  CHECK(group.clusterSubnetGroupName == "analytics-subnets");
  CHECK(group.vpcId == vpcId);
  CHECK(group.subnets.size() == 2);
  auto groups = redshift.describeAllClusterSubnetGroups(Redshift::describeClusterSubnetGroups().clusterSubnetGroupName("analytics-subnets")).value();
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].subnets.size() == 2);

  redshift.send(Redshift::createCluster().identifier("analytics").nodeType("dc2.large").masterUsername("awsuser")
                    .masterUserPassword("Passw0rd1").dbName("dev").clusterSubnetGroupName("analytics-subnets").tag("env", "dev")).value();
  CHECK(redshift.waitUntilAvailable("analytics", quick).value().clusterSubnetGroupName == "analytics-subnets");
  redshift.send(Redshift::createClusterSnapshot().snapshotIdentifier("nightly").clusterIdentifier("analytics")).value();
  CHECK(redshift.waitUntilSnapshotAvailable("nightly", quick).value().status == "available");
  auto snapshots = redshift.describeAllClusterSnapshots(Redshift::describeClusterSnapshots().clusterIdentifier("analytics")).value();
  CHECK(std::count_if(snapshots.begin(), snapshots.end(), [](const auto& s) { return s.snapshotIdentifier == "nightly"; }) == 1);

  // The restore: a new cluster from the snapshot, waited for until its restore has completed.
  auto restored = redshift.send(Redshift::restoreFromClusterSnapshot().clusterIdentifier("analytics-copy")
                                    .snapshotIdentifier("nightly").clusterSubnetGroupName("analytics-subnets")).value();
  CHECK(restored.clusterIdentifier == "analytics-copy");
  CHECK(restored.nodeType == "dc2.large");
  CHECK(redshift.waitUntilRestored("analytics-copy", quick).value().restoreStatus == "completed");

  // Tags of every tagged cluster, by type and key.
  auto tagged = redshift.describeAllTags(Redshift::describeTags().resourceType("cluster").tagKey("env")).value();
  REQUIRE_FALSE(tagged.empty());
  CHECK(tagged[0].tag.key == "env");
  CHECK(tagged[0].resourceName.find(":cluster:analytics") != std::string::npos);

  // Exactly one way of naming the snapshot, before the network.
  auto both = redshift.send(Redshift::restoreFromClusterSnapshot().clusterIdentifier("x").snapshotIdentifier("nightly")
                                .snapshotArn("arn:aws:redshift:us-east-1:123456789012:snapshot:analytics/nightly"));
  CHECK(both.error().kind == ErrorKind::Validation);
  CHECK(both.error().describe().find("SnapshotIdentifier") != std::string::npos);
  auto badSubnet = redshift.send(Redshift::createClusterSubnetGroup().clusterSubnetGroupName("x").description("d").subnetId("vpc-0a"));
  CHECK(badSubnet.error().describe().find("SubnetIds[0]") != std::string::npos);

  for (const char* cluster : {"analytics", "analytics-copy"})
    redshift.send(Redshift::deleteCluster().identifier(cluster).skipFinalSnapshot()).value();
  redshift.send(Redshift::deleteClusterSnapshot().snapshotIdentifier("nightly")).value();
  redshift.send(Redshift::deleteClusterSubnetGroup().clusterSubnetGroupName("analytics-subnets")).value();
  CHECK(redshift.send(Redshift::describeClusterSubnetGroups().clusterSubnetGroupName("analytics-subnets")).error().code ==
        "ClusterSubnetGroupNotFoundFault");
}

TEST_CASE("a cluster parameter group created, its require_ssl set and read back page by page, and deleted") {
  auto moto = MotoServer::start();  // with ModifyClusterParameterGroup, which moto lacks (examples/moto_server.py)
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  const auto group = redshift.send(Redshift::createClusterParameterGroup().parameterGroupName("tls-only")
                                       .parameterGroupFamily("redshift-1.0").description("TLS only").tag("env", "dev")).value();
  CHECK(group.parameterGroupName == "tls-only");
  CHECK(group.parameterGroupFamily == "redshift-1.0");
  const auto modified =
      redshift.send(Redshift::modifyClusterParameterGroup().parameterGroupName("tls-only").parameter("require_ssl", "true")).value();
  CHECK(modified.parameterGroupName == "tls-only");
  CHECK_FALSE(modified.parameterGroupStatus.empty());
  const auto parameters = redshift.describeAllClusterParameters(Redshift::describeClusterParameters().parameterGroupName("tls-only"));
  REQUIRE(parameters);
  const auto requireSsl = std::find_if(parameters.value().begin(), parameters.value().end(),
                                       [](const GroupParameter& p) { return p.parameterName == "require_ssl"; });
  REQUIRE(requireSsl != parameters.value().end());
  CHECK(requireSsl->parameterValue == "true");
  CHECK(requireSsl->source == "user");
  CHECK(redshift.send(Redshift::modifyClusterParameterGroup().parameterGroupName("no-such-group").parameter("require_ssl", "true"))
            .error().code == "ClusterParameterGroupNotFound");
  redshift.send(Redshift::deleteClusterParameterGroup().parameterGroupName("tls-only")).value();
  CHECK(redshift.send(Redshift::describeClusterParameters().parameterGroupName("tls-only")).error().code ==
        "ClusterParameterGroupNotFound");
}
