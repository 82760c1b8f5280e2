// RDS DB instances against a local AWS (moto_server on a loopback port) that checks every
// signature: the seed's PostgreSQL db.t2.small with 1-day backups in the seed's security group,
// created, waited for, described, deleted and waited for; the error paths as typed errors with
// RDS's codes; and the rds_instance example driven as a user would run it, cross-checked with
// the AWS CLI.
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>
#include <awsdirect/detail/json.hpp>
#include <awsdirect/rds.hpp>
#include <awsdirect/error.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;

namespace {

const char* kPassword = "Airfl0w-Secret!";

WaitOptions quickPolls() {
  WaitOptions o;
  o.delay = std::chrono::milliseconds(100);
  o.timeout = std::chrono::seconds(30);
  return o;
}

std::string createSeedSecurityGroup(Ec2& ec2) {
  std::string id = ec2.send(Ec2::createSecurityGroup()
                                .groupName("redshift_security_group")
                                .description("authorize redshift cluster access"))
                       .value()
                       .groupId;
  ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(id).ipPermission(ec2::IpPermission::tcp(5439).cidr("10.0.0.0/16")))
      .value();
  return id;
}

rds::CreateDBInstanceRequest seedInstance(const std::string& identifier, const std::string& securityGroupId) {
  return Rds::createDBInstance()
      .identifier(identifier)
      .engine("postgres")
      .instanceClass("db.t2.small")
      .allocatedStorage(20)
      .storageType("gp2")
      .masterUsername("postgres")
      .masterUserPassword(kPassword)
      .dbName("airflow")
      .port(5432)
      .backupRetentionPeriod(1)
      .vpcSecurityGroupId(securityGroupId)
      .publiclyAccessible(false)
      .multiAZ(false)
      .tag("env", "test");
}

}  // namespace

TEST_CASE("the seed's PostgreSQL instance against moto checking every signature") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Ec2 ec2(moto->clientConfig());
  Rds rds(moto->clientConfig());
  const std::string securityGroupId = createSeedSecurityGroup(ec2);

  rds::DBInstance created = rds.send(seedInstance("postgres-db", securityGroupId)).value();
  CHECK(created.dbInstanceIdentifier == "postgres-db");

  std::vector<std::string> states;
  WaitOptions options = quickPolls();
  options.onProgress = [&](const WaitProgress& p) { states.push_back(p.state); };
  rds::DBInstance available = rds.waitUntilAvailable("postgres-db", options).value();
  CHECK(states.back() == "available");
  CHECK(available.dbInstanceStatus == "available");
  CHECK(available.engine == "postgres");
  CHECK(available.dbInstanceClass == "db.t2.small");
  CHECK(available.allocatedStorage == 20);
  CHECK(available.storageType == "gp2");
  CHECK(available.masterUsername == "postgres");
  CHECK(available.dbName == "airflow");
  CHECK(available.backupRetentionPeriod == 1);
  CHECK_FALSE(available.multiAZ);
  CHECK_FALSE(available.publiclyAccessible);
  REQUIRE(available.endpoint);
  CHECK(available.endpoint->address.rfind("postgres-db.", 0) == 0);
  CHECK(available.endpoint->port == 5432);
  REQUIRE(available.vpcSecurityGroups.size() == 1);
  CHECK(available.vpcSecurityGroups[0].vpcSecurityGroupId == securityGroupId);
  CHECK(available.instanceCreateTime.has_value());
  CHECK(available.dbInstanceArn.find(":db:postgres-db") != std::string::npos);
  REQUIRE(available.tags.size() == 1);
  CHECK(available.tags[0].value == "test");

  auto all = rds.describeAllDBInstances().value();
  REQUIRE(all.size() == 1);
  CHECK(all[0].dbInstanceIdentifier == "postgres-db");
  CHECK(rds.describeAllDBInstances(Rds::describeDBInstances().filter("db-instance-id", {"postgres-db"})).value().size() == 1);

  // The error paths, typed, with RDS's codes.
  auto duplicate = rds.send(seedInstance("postgres-db", securityGroupId));
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().kind == ErrorKind::Service);
  CHECK(duplicate.error().code == "DBInstanceAlreadyExists");
  CHECK(duplicate.error().httpStatus == 400);
  CHECK_FALSE(duplicate.error().requestId.empty());
  CHECK(duplicate.error().describe().find(kPassword) == std::string::npos);
  CHECK_THROWS_AS(duplicate.value(), AwsError);

  // Bad input never reaches the network: nothing was created, nothing was deleted.
  auto invalid = rds.send(seedInstance("postgres-db-2", securityGroupId).backupRetentionPeriod(36).masterUserPassword("no spaces allowed"));
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().kind == ErrorKind::Validation);
  CHECK(invalid.error().problems.size() == 2);
  auto undecided = rds.send(Rds::deleteDBInstance().identifier("postgres-db"));
  CHECK(undecided.error().kind == ErrorKind::Validation);
  CHECK(rds.describeAllDBInstances().value().size() == 1);

  // Deleted without a final snapshot; then every way of reaching it says it is gone.
  rds::DBInstance deleting = rds.send(Rds::deleteDBInstance().identifier("postgres-db").skipFinalSnapshot()).value();
  CHECK(deleting.dbInstanceIdentifier == "postgres-db");
  CHECK(rds.waitUntilDeleted("postgres-db", quickPolls()).ok());
  auto gone = rds.findDBInstance("postgres-db");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "DBInstanceNotFound");
  CHECK(gone.error().httpStatus == 404);
  CHECK_THROWS_AS(gone.value(), AwsError);
  CHECK(rds.send(Rds::deleteDBInstance().identifier("postgres-db").skipFinalSnapshot()).error().code ==
        "DBInstanceNotFound");
  // db_instance_available expects the instance to exist: not finding it ends the wait at once.
  CHECK(rds.waitUntilAvailable("postgres-db", quickPolls()).error().code == "DBInstanceNotFound");

  // A final snapshot is taken when asked for: a second deletion naming the same snapshot is refused.
  rds.send(seedInstance("postgres-db-a", securityGroupId)).value();
  rds.send(seedInstance("postgres-db-b", securityGroupId)).value();
  rds.send(Rds::deleteDBInstance().identifier("postgres-db-a").finalSnapshotIdentifier("postgres-db-final")).value();
  auto sameSnapshot =
      rds.send(Rds::deleteDBInstance().identifier("postgres-db-b").finalSnapshotIdentifier("postgres-db-final"));
  REQUIRE_FALSE(sameSnapshot.ok());
  CHECK(sameSnapshot.error().code == "DBSnapshotAlreadyExists");
  rds.send(Rds::deleteDBInstance().identifier("postgres-db-b").skipFinalSnapshot().deleteAutomatedBackups()).value();
  CHECK(rds.describeAllDBInstances().value().empty());

  // A wrong secret is refused, and the refusal does not repeat it.
  ClientConfig wrong = moto->clientConfig();
  wrong.credentialsProvider = std::make_shared<StaticCredentialsProvider>(
      Credentials(moto->credentials().accessKeyId, "not-the-secret-key"));
  auto refused = Rds(wrong).send(Rds::describeDBInstances());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "SignatureDoesNotMatch");
  CHECK(refused.error().httpStatus == 403);
  CHECK(refused.error().describe().find("not-the-secret-key") == std::string::npos);
}

namespace {

using Run = awsdirect_test::CommandResult;
using awsdirect_test::runCommand;

// The example with a clean environment aimed at moto, as a user would run it; `password` goes
// to RDS_MASTER_PASSWORD unless empty.
Run runExample(const MotoServer& moto, const std::string& arguments, const std::string& password = kPassword) {
  return runCommand("env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=/nonexistent AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
                    moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" +
                    moto.credentials().secretAccessKey.reveal() + " AWS_ENDPOINT_URL=" + moto.endpoint() +
                    (password.empty() ? std::string() : " RDS_MASTER_PASSWORD='" + password + "'") +
                    " " AWSDIRECT_BINARY_DIR "/examples/rds_instance " + arguments);
}

// The AWS CLI, isolated from the user's files and profiles, aimed at moto.
Run runAwsCli(const MotoServer& moto, const std::string& arguments) {
  return runCommand("env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_SESSION_TOKEN -u AWS_ENDPOINT_URL_RDS "
                    "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DEFAULT_REGION=us-east-1 "
                    "AWS_ACCESS_KEY_ID=" +
                    moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" +
                    moto.credentials().secretAccessKey.reveal() + " " + awsdirect_test::awsCli() + " --endpoint-url " + moto.endpoint() +
                    " --output json " + arguments);
}

bool printsNoSecret(const MotoServer& moto, const Run& run) {
  for (const std::string& secret : {moto.credentials().secretAccessKey.reveal(), std::string(kPassword)})
    if (run.out.find(secret) != std::string::npos || run.err.find(secret) != std::string::npos) return false;
  return true;
}

std::size_t instancesSeenByCli(const MotoServer& moto) {
  Run cli = runAwsCli(moto, "rds describe-db-instances");
  REQUIRE(cli.status == 0);
  return JsonValue::parse(cli.out).at("DBInstances").size();
}

}  // namespace

TEST_CASE("the rds_instance example creates, shows and deletes the seed's database, as the AWS CLI sees it") {
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Ec2 ec2(moto->clientConfig());
  const std::string securityGroupId = createSeedSecurityGroup(ec2);
  const std::string create = "create --identifier postgres-db --db-name airflow --security-group-id " + securityGroupId;

  // No password, a bad option value: one-line errors, and nothing reaches RDS.
  Run noPassword = runExample(*moto, create, "");
  CHECK(noPassword.status == 1);
  CHECK(noPassword.err == "rds_instance create: set RDS_MASTER_PASSWORD to the master password\n");
  Run tooLong = runExample(*moto, create + " --backup-retention 36");
  CHECK(tooLong.status == 2);
  CHECK(tooLong.err.find("BackupRetentionPeriod must be between 0 and 35") != std::string::npos);
  CHECK(std::count(tooLong.err.begin(), tooLong.err.end(), '\n') == 1);
  Run badPassword = runExample(*moto, create, "has spaces in it");
  CHECK(badPassword.status == 2);
  CHECK(badPassword.err.find("MasterUserPassword") != std::string::npos);
  CHECK(badPassword.err.find("has spaces in it") == std::string::npos);
  CHECK(instancesSeenByCli(*moto) == 0);

  // The seed's database with the example's defaults: PostgreSQL, db.t2.small, 20 GiB, 1-day backups.
  Run created = runExample(*moto, create + " --wait");
  REQUIRE(created.status == 0);
  CHECK(created.out.find("status:     available") != std::string::npos);
  CHECK(printsNoSecret(*moto, created));

  Run cli = runAwsCli(*moto, "rds describe-db-instances --db-instance-identifier postgres-db");
  REQUIRE(cli.status == 0);
  const JsonValue described = JsonValue::parse(cli.out);
  const JsonValue& instance = described.at("DBInstances").asArray().at(0);
  CHECK(instance.at("DBInstanceIdentifier").asString() == "postgres-db");
  CHECK(instance.at("Engine").asString() == "postgres");
  CHECK(instance.at("DBInstanceClass").asString() == "db.t2.small");
  CHECK(instance.at("AllocatedStorage").asInt64() == 20);
  CHECK(instance.at("BackupRetentionPeriod").asInt64() == 1);
  CHECK(instance.at("MasterUsername").asString() == "postgres");
  CHECK(instance.at("DBName").asString() == "airflow");
  CHECK(instance.at("DBInstanceStatus").asString() == "available");
  CHECK(instance.at("VpcSecurityGroups").asArray().at(0).at("VpcSecurityGroupId").asString() == securityGroupId);
  CHECK(cli.out.find(kPassword) == std::string::npos);

  Run status = runExample(*moto, "status --identifier postgres-db", "");
  CHECK(status.status == 0);
  CHECK(status.out.find("status:     available") != std::string::npos);
  CHECK(status.out.find("endpoint:   " + instance.at("Endpoint").at("Address").asString()) != std::string::npos);
  CHECK(status.out.find("port:       5432") != std::string::npos);

  Run duplicate = runExample(*moto, create);
  CHECK(duplicate.status == 1);
  CHECK(duplicate.err.find("DBInstanceAlreadyExists") != std::string::npos);
  CHECK(std::count(duplicate.err.begin(), duplicate.err.end(), '\n') == 1);
  CHECK(printsNoSecret(*moto, duplicate));

  Run deleted = runExample(*moto, "delete --identifier postgres-db --wait", "");
  CHECK(deleted.status == 0);
  CHECK(deleted.out.find("deleted:    postgres-db") != std::string::npos);
  Run cliGone = runAwsCli(*moto, "rds describe-db-instances --db-instance-identifier postgres-db");
  CHECK(cliGone.status != 0);
  CHECK(cliGone.err.find("DBInstanceNotFound") != std::string::npos);
  CHECK(instancesSeenByCli(*moto) == 0);

  Run missing = runExample(*moto, "status --identifier postgres-db", "");
  CHECK(missing.status == 1);
  CHECK(missing.err.find("DBInstanceNotFound") != std::string::npos);
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
}

TEST_CASE("rds_instance auth-token prints the instance's IAM auth token alone on stdout, equal to the AWS CLI's") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  Rds rds(moto->clientConfig());
  rds.send(Rds::createDBInstance().identifier("pg-auth").engine("postgres").instanceClass("db.t2.small").allocatedStorage(20)
               .masterUsername("postgres").masterUserPassword(kPassword)).value();
  const auto endpoint = rds.findDBInstance("pg-auth").value().endpoint;
  REQUIRE(endpoint);

  Run token = runExample(*moto, "auth-token --identifier pg-auth --db-user airflow", "");
  CHECK(token.status == 0);
  CHECK(std::count(token.out.begin(), token.out.end(), '\n') == 1);
  const std::string prefix = endpoint->address + ":" + std::to_string(endpoint->port) + "/?Action=connect&DBUser=airflow&";
  CHECK(token.out.rfind(prefix, 0) == 0);
  CHECK(token.err.find("user:       airflow") != std::string::npos);
  CHECK(token.err.find("X-Amz-Signature") == std::string::npos);  // the token is on stdout only
  // The AWS CLI's token for the same host, user and key: the same but for the time it was made.
  Run cli = runAwsCli(*moto, "rds generate-db-auth-token --hostname " + endpoint->address + " --port " +
                                 std::to_string(endpoint->port) + " --username airflow --region us-east-1");
  REQUIRE(cli.status == 0);
  auto withoutTime = [](std::string t) {
    for (const char* name : {"X-Amz-Date=", "X-Amz-Credential=", "X-Amz-Signature="}) {
      const std::size_t at = t.find(name);
      if (at != std::string::npos) t.erase(at, t.find_first_of("&\n", at) - at);
    }
    return t;
  };
  CHECK(withoutTime(token.out) == withoutTime(cli.out));

  Run noUser = runExample(*moto, "auth-token --identifier pg-auth", "");
  CHECK(noUser.status == 2);
  CHECK(noUser.err.find("rds_instance auth-token: missing --db-user") != std::string::npos);
}

TEST_CASE("an instance stopped, started, modified and tagged against moto") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Rds rds(moto->clientConfig());
  const auto created = rds.send(Rds::createDBInstance().identifier("pg-life").engine("postgres").instanceClass("db.t2.small")
                                    .allocatedStorage(20).masterUsername("postgres").masterUserPassword(kPassword)).value();
  CHECK(rds.send(Rds::stopDBInstance().dbInstanceIdentifier("pg-life")).value().dbInstanceStatus == "stopped");
  CHECK(rds.send(Rds::startDBInstance().dbInstanceIdentifier("pg-life")).value().dbInstanceStatus == "available");
  rds.send(Rds::modifyDBInstance().dbInstanceIdentifier("pg-life").backupRetentionPeriod(3).applyImmediately()).value();
  CHECK(rds.findDBInstance("pg-life").value().backupRetentionPeriod == 3);
  const std::string arn = created.dbInstanceArn;
  REQUIRE_FALSE(arn.empty());
  rds.send(Rds::addTagsToResource().resourceName(arn).tag("env", "dev").tag("team", "data")).value();
  rds.send(Rds::removeTagsFromResource().resourceName(arn).tagKey("team")).value();
  const auto tags = rds.findDBInstance("pg-life").value().tags;
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].key == "env");
  CHECK(rds.send(Rds::modifyDBInstance().dbInstanceIdentifier("pg-life").port(80)).error().kind == ErrorKind::Validation);
}

TEST_CASE("an instance snapshotted, restored into a subnet group, its tags listed, through botocore's snapshot waiters") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Rds rds(moto->clientConfig());
  Ec2 ec2(moto->clientConfig());
  WaitOptions quick = quickPolls();

  const std::string vpcId = ec2.findDefaultVpc().value().vpcId;
  auto subnets = ec2.describeAllSubnets(Ec2::describeSubnets().filter("vpc-id", {vpcId})).value();
  REQUIRE(subnets.size() >= 2);
  auto group = rds.send(Rds::createDBSubnetGroup().dbSubnetGroupName("pg-subnets").dbSubnetGroupDescription("two zones")
                            .subnetId(subnets[0].subnetId).subnetId(subnets[1].subnetId)).value();
  CHECK(group.dbSubnetGroupName == "pg-subnets");
  CHECK(group.vpcId == vpcId);
  CHECK(group.subnets.size() == 2);
  CHECK(rds.describeAllDBSubnetGroups(Rds::describeDBSubnetGroups().dbSubnetGroupName("pg-subnets")).value().size() == 1);

  const auto created = rds.send(Rds::createDBInstance().identifier("pg-snap").engine("postgres").instanceClass("db.t2.small")
                                    .allocatedStorage(20).masterUsername("postgres").masterUserPassword(kPassword)
                                    .dbSubnetGroupName("pg-subnets").tag("env", "dev")).value();
  CHECK(created.dbSubnetGroupName == "pg-subnets");
  auto tags = rds.send(Rds::listTagsForResource().resourceName(created.dbInstanceArn)).value().tags;
  REQUIRE(tags.size() == 1);
  CHECK(tags[0].key == "env");

  auto snapshot = rds.send(Rds::createDBSnapshot().dbSnapshotIdentifier("pg-before").dbInstanceIdentifier("pg-snap")).value();
  CHECK(snapshot.dbSnapshotIdentifier == "pg-before");
  CHECK(snapshot.engine == "postgres");
  CHECK(rds.waitUntilSnapshotAvailable("pg-before", quick).value().status == "available");
  CHECK(rds.waitUntilSnapshotCompleted("pg-before", quick).value().snapshotType == "manual");
  auto listed = rds.describeAllDBSnapshots(Rds::describeDBSnapshots().dbInstanceIdentifier("pg-snap").snapshotType("manual")).value();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].dbSnapshotArn.find(":snapshot:pg-before") != std::string::npos);

  auto restored = rds.send(Rds::restoreDBInstanceFromDBSnapshot().dbInstanceIdentifier("pg-restored")
                               .dbSnapshotIdentifier("pg-before").dbSubnetGroupName("pg-subnets")).value();
  CHECK(restored.dbInstanceIdentifier == "pg-restored");
  CHECK(restored.engine == "postgres");
  CHECK(rds.waitUntilAvailable("pg-restored", quick).value().dbSubnetGroupName == "pg-subnets");

  rds.send(Rds::deleteDBSnapshot().dbSnapshotIdentifier("pg-before")).value();
  CHECK(rds.waitUntilSnapshotDeleted("pg-before", quick).value().evidence == "DBSnapshotNotFound");
  CHECK(rds.send(Rds::describeDBSnapshots().dbSnapshotIdentifier("pg-before")).error().code == "DBSnapshotNotFound");

  // Bad input named before the network.
  auto badSnapshot = rds.send(Rds::createDBSnapshot().dbSnapshotIdentifier("1-starts-with-a-digit").dbInstanceIdentifier("pg-snap"));
  CHECK(badSnapshot.error().kind == ErrorKind::Validation);
  CHECK(badSnapshot.error().describe().find("DBSnapshotIdentifier") != std::string::npos);
  auto noEngine = rds.send(Rds::describeOrderableDBInstanceOptions());
  CHECK(noEngine.error().describe().find("Engine") != std::string::npos);

  for (const char* instance : {"pg-snap", "pg-restored"})
    rds.send(Rds::deleteDBInstance().identifier(instance).skipFinalSnapshot()).value();
  rds.send(Rds::deleteDBSubnetGroup().dbSubnetGroupName("pg-subnets")).value();
  CHECK(rds.send(Rds::describeDBSubnetGroups().dbSubnetGroupName("pg-subnets")).error().code == "DBSubnetGroupNotFoundFault");
}

TEST_CASE("a DB parameter group that forces TLS, named by a new instance and deleted after it, as the AWS CLI sees it") {
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Rds rds(moto->clientConfig());
  const auto group = rds.send(Rds::createDBParameterGroup().dbParameterGroupName("tls-only").dbParameterGroupFamily("postgres14")
                                  .description("TLS only").tag("env", "dev")).value();
  CHECK(group.dbParameterGroupName == "tls-only");
  CHECK(group.dbParameterGroupFamily == "postgres14");
  const auto listed = rds.describeAllDBParameterGroups().value();
  CHECK(std::count_if(listed.begin(), listed.end(), [](const rds::DBParameterGroup& g) {
          return g.dbParameterGroupName == "tls-only" && g.dbParameterGroupFamily == "postgres14" && g.description == "TLS only";
        }) == 1);
  CHECK(rds.send(Rds::modifyDBParameterGroup().dbParameterGroupName("tls-only").parameter("rds.force_ssl", "1")).value()
            .dbParameterGroupName == "tls-only");
  // No parameter, or 21 at once: refused before any call, naming the member and the rule.
  const Error none = rds.send(Rds::modifyDBParameterGroup().dbParameterGroupName("tls-only")).error();
  CHECK(none.kind == ErrorKind::Validation);
  CHECK(none.message.find("Parameters") != std::string::npos);
  auto many = Rds::modifyDBParameterGroup().dbParameterGroupName("tls-only");
  for (int i = 0; i < 21; ++i) many.parameter("p" + std::to_string(i), "1");
  CHECK(rds.send(many).error().kind == ErrorKind::Validation);

  const auto set = rds.describeAllDBParameters(Rds::describeDBParameters().dbParameterGroupName("tls-only").source("user")).value();
  REQUIRE(set.size() == 1);
  CHECK(set[0].parameterName == "rds.force_ssl");
  CHECK(set[0].parameterValue == "1");
  CHECK(set[0].applyMethod == "immediate");
  Run cli = runAwsCli(*moto, "rds describe-db-parameters --db-parameter-group-name tls-only --source user");
  REQUIRE(cli.status == 0);
  const JsonValue parameters = JsonValue::parse(cli.out);
  CHECK(parameters.at("Parameters").asArray().at(0).at("ParameterValue").asString() == "1");

  rds.send(Rds::createDBInstance().identifier("pg-tls").engine("postgres").engineVersion("14.10").instanceClass("db.t3.micro")
               .allocatedStorage(20).masterUsername("postgres").masterUserPassword(kPassword).dbParameterGroupName("tls-only"))
      .value();
  cli = runAwsCli(*moto, "rds describe-db-instances --db-instance-identifier pg-tls");
  REQUIRE(cli.status == 0);
  CHECK(JsonValue::parse(cli.out).at("DBInstances").asArray().at(0).at("DBParameterGroups").asArray().at(0)
            .at("DBParameterGroupName").asString() == "tls-only");
  rds.send(Rds::deleteDBInstance().identifier("pg-tls").skipFinalSnapshot()).value();
  rds.send(Rds::deleteDBParameterGroup().dbParameterGroupName("tls-only")).value();
  cli = runAwsCli(*moto, "rds describe-db-parameter-groups");
  REQUIRE(cli.status == 0);
  const JsonValue groups = JsonValue::parse(cli.out);  // kept: the loop reads into it
  for (const JsonValue& left : groups.at("DBParameterGroups").asArray())
    CHECK(left.at("DBParameterGroupName").asString() != "tls-only");
}
