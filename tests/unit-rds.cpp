// RDS DB instances through the whole pipeline with a scripted transport: serialization, the
// typed DBInstance, the rules of RDS for PostgreSQL before the network, typed errors,
// pagination, and botocore's db_instance_available / db_instance_deleted waiters.
#include <doctest/doctest.h>

#include <awsdirect/rds.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include "support/botocore.hpp"
#include "support/scripted_transport.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::formParams;
using awsdirect_test::ScriptedTransport;

namespace {

const char* kInstanceXml = R"(<DBInstance><DBInstanceIdentifier>postgres-db</DBInstanceIdentifier>
  <DBInstanceClass>db.t2.small</DBInstanceClass><Engine>postgres</Engine><DBInstanceStatus>%STATUS%</DBInstanceStatus>
  <MasterUsername>postgres</MasterUsername><DBName>airflow</DBName>
  <Endpoint><Address>postgres-db.abcdefghijkl.us-east-1.rds.amazonaws.com</Address><Port>5432</Port>
  <HostedZoneId>Z2R2ITUGPM61AM</HostedZoneId></Endpoint><AllocatedStorage>20</AllocatedStorage>
  <InstanceCreateTime>2026-11-25T21:41:01.828Z</InstanceCreateTime><PreferredBackupWindow>13:14-13:44</PreferredBackupWindow>
  <BackupRetentionPeriod>1</BackupRetentionPeriod><DBSecurityGroups/><VpcSecurityGroups><VpcSecurityGroupMembership>
  <VpcSecurityGroupId>sg-0123456789abcdef0</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>
  </VpcSecurityGroups><AvailabilityZone>us-east-1a</AvailabilityZone><DBSubnetGroup><DBSubnetGroupName>default
  </DBSubnetGroupName><VpcId>vpc-1a2b3c4d</VpcId></DBSubnetGroup><MultiAZ>false</MultiAZ><EngineVersion>16.3</EngineVersion>
  <PubliclyAccessible>false</PubliclyAccessible><StorageType>gp2</StorageType><StorageEncrypted>false</StorageEncrypted>
  <DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:postgres-db</DBInstanceArn><DeletionProtection>false</DeletionProtection>
  <TagList><Tag><Key>env</Key><Value>test</Value></Tag></TagList></DBInstance>)";

std::string instance(const std::string& status, const std::string& id = "postgres-db") {
  std::string xml = kInstanceXml;
  xml.replace(xml.find("%STATUS%"), 8, status);
  xml.replace(xml.find("postgres-db"), 11, id);
  return xml;
}

std::string describeResponse(const std::string& instancesXml, const std::string& marker = "") {
  return "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult>"
         "<DBInstances>" +
         instancesXml + "</DBInstances>" + (marker.empty() ? "" : "<Marker>" + marker + "</Marker>") +
         "</DescribeDBInstancesResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
         "</DescribeDBInstancesResponse>";
}

std::string resultResponse(const std::string& operation, const std::string& body) {
  return "<" + operation + "Response><" + operation + "Result>" + body + "</" + operation + "Result></" + operation +
         "Response>";
}

std::string errorResponse(const std::string& code, const std::string& message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-42</RequestId></ErrorResponse>";
}

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  Rds rds{awsdirect_test::scriptedConfig(transport, "eu-west-1")};
  Fixture() { awsdirect_test::instantRetries(rds); }
};

rds::CreateDBInstanceRequest seedInstance() {
  return Rds::createDBInstance()
      .identifier("postgres-db")
      .engine("postgres")
      .engineVersion("16.3")
      .instanceClass("db.t2.small")
      .allocatedStorage(20)
      .storageType("gp2")
      .masterUsername("postgres")
      .masterUserPassword("Pa$$w0rd-123")
      .dbName("airflow")
      .port(5432)
      .backupRetentionPeriod(1)
      .vpcSecurityGroupId("sg-0123456789abcdef0")
      .publiclyAccessible(false)
      .multiAZ(false)
      .tag("env", "test");
}

using awsdirect_test::brokenRules;

std::size_t problemsOf(const rds::CreateDBInstanceRequest& request) {
  Validator v;
  request.validate(v);
  return v.problems().size();
}

using awsdirect_test::FakeClock;

}  // namespace

TEST_CASE("createDBInstance sends the seed's PostgreSQL instance as one signed Query POST") {
  Fixture f;
  f.transport->respond(200, resultResponse("CreateDBInstance", instance("creating")));
  rds::DBInstance created = f.rds.send(seedInstance()).value();
  CHECK(created.dbInstanceIdentifier == "postgres-db");
  CHECK(created.dbInstanceStatus == "creating");

  REQUIRE(f.transport->requests.size() == 1);
  const HttpRequest& sent = f.transport->requests[0];
  CHECK(sent.url() == "https://rds.eu-west-1.amazonaws.com/");
  CHECK(sent.headers.get("Authorization")->find("/eu-west-1/rds/aws4_request") != std::string::npos);
  auto p = formParams(sent.body);
  CHECK(p == std::map<std::string, std::string>{{"Action", "CreateDBInstance"},
                                                {"Version", "2014-10-31"},
                                                {"DBInstanceIdentifier", "postgres-db"},
                                                {"Engine", "postgres"},
                                                {"EngineVersion", "16.3"},
                                                {"DBInstanceClass", "db.t2.small"},
                                                {"AllocatedStorage", "20"},
                                                {"StorageType", "gp2"},
                                                {"MasterUsername", "postgres"},
                                                {"MasterUserPassword", "Pa$$w0rd-123"},
                                                {"DBName", "airflow"},
                                                {"Port", "5432"},
                                                {"BackupRetentionPeriod", "1"},
                                                {"VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0123456789abcdef0"},
                                                {"PubliclyAccessible", "false"},
                                                {"MultiAZ", "false"},
                                                {"Tags.Tag.1.Key", "env"},
                                                {"Tags.Tag.1.Value", "test"}});
}

TEST_CASE("the typed DBInstance holds what DescribeDBInstances returned") {
  Fixture f;
  f.transport->respond(200, describeResponse(instance("available")));
  rds::DBInstance d = f.rds.findDBInstance("postgres-db").value();
  CHECK(d.dbInstanceStatus == "available");
  CHECK(d.engine == "postgres");
  CHECK(d.engineVersion == "16.3");
  CHECK(d.dbInstanceClass == "db.t2.small");
  CHECK(d.allocatedStorage == 20);
  CHECK(d.storageType == "gp2");
  CHECK(d.masterUsername == "postgres");
  CHECK(d.dbName == "airflow");
  REQUIRE(d.endpoint);
  CHECK(d.endpoint->address == "postgres-db.abcdefghijkl.us-east-1.rds.amazonaws.com");
  CHECK(d.endpoint->port == 5432);
  CHECK(d.endpoint->hostedZoneId == "Z2R2ITUGPM61AM");
  CHECK(d.backupRetentionPeriod == 1);
  CHECK(d.preferredBackupWindow == "13:14-13:44");
  REQUIRE(d.vpcSecurityGroups.size() == 1);
  CHECK(d.vpcSecurityGroups[0].vpcSecurityGroupId == "sg-0123456789abcdef0");
  CHECK(d.vpcSecurityGroups[0].status == "active");
  REQUIRE(d.instanceCreateTime);
  CHECK(formatIso8601(*d.instanceCreateTime) == "2026-11-25T21:41:01Z");
  CHECK(d.availabilityZone == "us-east-1a");
  CHECK(d.vpcId == "vpc-1a2b3c4d");
  CHECK_FALSE(d.multiAZ);
  CHECK_FALSE(d.publiclyAccessible);
  CHECK(d.dbInstanceArn == "arn:aws:rds:us-east-1:123456789012:db:postgres-db");
  REQUIRE(d.tags.size() == 1);
  CHECK(d.tags[0].key == "env");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["DBInstanceIdentifier"] == "postgres-db");

  Fixture creating;  // no endpoint yet while the instance is created
  creating.transport->respond(200, describeResponse("<DBInstance><DBInstanceIdentifier>postgres-db</DBInstanceIdentifier>"
                                                    "<DBInstanceStatus>creating</DBInstanceStatus></DBInstance>"));
  CHECK_FALSE(creating.rds.findDBInstance("postgres-db").value().endpoint.has_value());
}

TEST_CASE("bad input is a ValidationError naming every broken rule; the password never appears") {
  Fixture f;
  auto outcome = f.rds.send(Rds::createDBInstance()
                                .identifier("1postgres--db-")
                                .engine("postgresql")
                                .instanceClass("t2.small")
                                .allocatedStorage(10)
                                .masterUsername("postgres")
                                .masterUserPassword("my pass/word")
                                .port(80)
                                .backupRetentionPeriod(36)
                                .vpcSecurityGroupId("redshift_security_group")
                                .tag("rds:owner", "me"));
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.service == "rds");
  CHECK(e.operation == "CreateDBInstance");
  CHECK(brokenRules(e) ==
        std::vector<std::string>{
            "DBInstanceIdentifier must start with a letter",
            "DBInstanceIdentifier must not contain two consecutive hyphens",
            "DBInstanceIdentifier must not end with a hyphen",
            "DBInstanceClass must be an instance class such as db.t3.micro (\"db.\", lowercase letters, digits and dots)",
            "Engine must be an RDS engine name such as postgres, mysql or mariadb",
            "Port must be between 1150 and 65535",
            "BackupRetentionPeriod must be between 0 and 35",
            "VpcSecurityGroupIds[0] must be an id of the form sg-0123abcd",
            "Tags[0].Key must not start with 'rds:' (reserved for RDS)",
        });
  CHECK(e.message.find("my pass/word") == std::string::npos);
  CHECK(f.transport->requests.empty());
  CHECK_THROWS_AS(outcome.value(), ValidationError);

  auto postgres = f.rds.send(seedInstance().allocatedStorage(10).masterUsername("pg_admin").masterUserPassword("my pass/word"));
  CHECK(brokenRules(postgres.error()) ==
        std::vector<std::string>{
            "AllocatedStorage must be between 20 and 65536 GiB for gp2 storage",
            "MasterUsername must not start with 'pg_' (reserved by PostgreSQL)",
            "MasterUserPassword may contain only printable ASCII characters other than / \" @ and space",
        });
  CHECK(postgres.error().describe().find("my pass/word") == std::string::npos);

  auto empty = f.rds.send(Rds::createDBInstance());
  CHECK(brokenRules(empty.error()) == std::vector<std::string>{"DBInstanceIdentifier is required",
                                                                "DBInstanceClass is required", "Engine is required"});
  CHECK(f.transport->requests.empty());
}

TEST_CASE("RDS for PostgreSQL: the master password") {
  auto problems = [](const std::string& pw) { return problemsOf(seedInstance().masterUserPassword(pw)); };
  CHECK(problems("Passw0rd") == 0);
  CHECK(problems("password") == 0);  // no character classes are required
  CHECK(problems(std::string(128, 'x')) == 0);
  CHECK(problems(std::string(129, 'x')) == 1);
  CHECK(problems("short12") == 1);
  CHECK(problems("~!#$%^&*()_+{}|:<>?`-=[]\\;',.") == 0);
  for (const char* bad : {"passw/rd", "passw\"rd", "passw@rd", "pass word", "passw\x7frd", "passw\xc3\xb6rd"})
    CHECK_MESSAGE(problems(bad) == 1, bad);
  CHECK(problemsOf(seedInstance().engine("mysql").masterUserPassword(std::string(42, 'x'))) == 1);  // MySQL: 8-41

  // Either a password or ManageMasterUserPassword, never both, never neither.
  CHECK(problemsOf(seedInstance().manageMasterUserPassword()) == 1);
  rds::CreateDBInstanceRequest managed = Rds::createDBInstance()
                                             .identifier("postgres-db")
                                             .engine("postgres")
                                             .instanceClass("db.t2.small")
                                             .allocatedStorage(20)
                                             .masterUsername("postgres")
                                             .manageMasterUserPassword();
  CHECK(problemsOf(managed) == 0);
  rds::CreateDBInstanceRequest noPassword = managed;
  noPassword.manageMasterUserPassword(false);
  CHECK(problemsOf(noPassword) == 1);
}

TEST_CASE("RDS for PostgreSQL: master user name, database name, identifier") {
  auto user = [](const std::string& name) { return problemsOf(seedInstance().masterUsername(name)); };
  CHECK(user("postgres") == 0);
  CHECK(user("Admin_1") == 0);
  CHECK(user(std::string(16, 'a')) == 0);
  CHECK(user(std::string(17, 'a')) == 1);
  CHECK(user("") == 1);
  CHECK(user("1admin") == 1);
  CHECK(user("ad-min") == 1);
  CHECK(user("rdsadmin") == 1);
  CHECK(user("pg_owner") == 1);

  auto db = [](const std::string& name) { return problemsOf(seedInstance().dbName(name)); };
  CHECK(db("airflow") == 0);
  CHECK(db("Air_flow2") == 0);
  CHECK(db(std::string(63, 'd')) == 0);
  CHECK(db(std::string(64, 'd')) == 1);
  CHECK(db("_airflow") == 1);
  CHECK(db("air-flow") == 1);
  CHECK(db("") == 1);

  auto id = [](const std::string& name) { return problemsOf(seedInstance().identifier(name)); };
  CHECK(id("postgres-db") == 0);
  CHECK(id("PostgresDB") == 0);  // RDS stores it in lower case
  CHECK(id(std::string(63, 'a')) == 0);
  CHECK(id(std::string(64, 'a')) == 1);
  CHECK(id("db_1") == 1);
  CHECK(id("a--b") == 1);
  CHECK(id("db-") == 1);
}

TEST_CASE("allocated storage by storage type, IOPS, backups, port, Multi-AZ") {
  auto storage = [](int gib, const std::string& type) {
    auto r = seedInstance().allocatedStorage(gib);
    if (!type.empty()) r.storageType(type);
    if (type == "io1" || type == "io2") r.iops(3000);
    return problemsOf(r);
  };
  CHECK(storage(20, "gp2") == 0);
  CHECK(storage(19, "gp2") == 1);
  CHECK(storage(65536, "gp3") == 0);
  CHECK(storage(65537, "gp3") == 1);
  CHECK(storage(99, "io1") == 1);
  CHECK(storage(100, "io2") == 0);
  CHECK(storage(5, "standard") == 0);
  CHECK(storage(4, "standard") == 1);
  CHECK(storage(3073, "standard") == 1);
  CHECK(storage(20, "gp4") == 1);
  CHECK(problemsOf(seedInstance().storageType("io1").allocatedStorage(100)) == 1);  // io1 needs Iops

  rds::CreateDBInstanceRequest noStorage = Rds::createDBInstance()
                                               .identifier("postgres-db")
                                               .engine("postgres")
                                               .instanceClass("db.t2.small")
                                               .masterUsername("postgres")
                                               .masterUserPassword("Passw0rd1");
  CHECK(problemsOf(noStorage) == 1);  // PostgreSQL needs AllocatedStorage
  CHECK(problemsOf(noStorage.allocatedStorage(19)) == 1);  // default gp3: from 20 GiB
  CHECK(problemsOf(noStorage.allocatedStorage(20)) == 0);

  CHECK(problemsOf(seedInstance().backupRetentionPeriod(0)) == 0);
  CHECK(problemsOf(seedInstance().backupRetentionPeriod(35)) == 0);
  CHECK(problemsOf(seedInstance().backupRetentionPeriod(-1)) == 1);
  CHECK(problemsOf(seedInstance().port(1150)) == 0);
  CHECK(problemsOf(seedInstance().port(1149)) == 1);
  CHECK(problemsOf(seedInstance().port(65536)) == 1);
  CHECK(problemsOf(seedInstance().multiAZ(true).availabilityZone("us-east-1a")) == 1);
  CHECK(problemsOf(seedInstance().multiAZ(false).availabilityZone("us-east-1a")) == 0);
  CHECK(problemsOf(seedInstance().instanceClass("db.r6g.2xlarge")) == 0);
  CHECK(problemsOf(seedInstance().instanceClass("db.T2.small")) == 1);
}

TEST_CASE("deleteDBInstance must say whether a final snapshot is taken") {
  Fixture f;
  auto neither = f.rds.send(Rds::deleteDBInstance().identifier("postgres-db"));
  CHECK(brokenRules(neither.error()) ==
        std::vector<std::string>{"FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is true"});
  auto both = f.rds.send(Rds::deleteDBInstance().identifier("postgres-db").skipFinalSnapshot().finalSnapshotIdentifier("final"));
  CHECK(brokenRules(both.error()) ==
        std::vector<std::string>{"FinalDBSnapshotIdentifier must not be set when SkipFinalSnapshot is true"});
  auto badSnapshot = f.rds.send(Rds::deleteDBInstance().identifier("postgres-db").finalSnapshotIdentifier("final_1"));
  CHECK(brokenRules(badSnapshot.error()) ==
        std::vector<std::string>{"FinalDBSnapshotIdentifier may contain only letters, digits and hyphens"});
  CHECK(f.transport->requests.empty());

  f.transport->respond(200, resultResponse("DeleteDBInstance", instance("deleting")))
      .respond(200, resultResponse("DeleteDBInstance", instance("deleting")));
  auto deleted = f.rds.send(Rds::deleteDBInstance().identifier("postgres-db").skipFinalSnapshot().deleteAutomatedBackups());
  CHECK(deleted.value().dbInstanceStatus == "deleting");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "DeleteDBInstance");
  CHECK(p["SkipFinalSnapshot"] == "true");
  CHECK(p["DeleteAutomatedBackups"] == "true");
  CHECK(p.count("FinalDBSnapshotIdentifier") == 0);

  f.rds.send(Rds::deleteDBInstance().identifier("postgres-db").finalSnapshotIdentifier("postgres-db-final")).value();
  auto q = formParams(f.transport->requests.at(1).body);
  CHECK(q["FinalDBSnapshotIdentifier"] == "postgres-db-final");
  CHECK(q.count("SkipFinalSnapshot") == 0);
}

TEST_CASE("AWS errors arrive typed, with code, message, status and request id") {
  Fixture f;
  f.transport->respond(400, errorResponse("DBInstanceAlreadyExists", "DB instance already exists"));
  auto outcome = f.rds.send(seedInstance());
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Service);
  CHECK(e.code == "DBInstanceAlreadyExists");
  CHECK(e.message == "DB instance already exists");
  CHECK(e.httpStatus == 400);
  CHECK(e.requestId == "req-42");
  CHECK(e.service == "rds");
  CHECK(e.operation == "CreateDBInstance");
  CHECK(e.describe().find("Pa$$w0rd-123") == std::string::npos);
  CHECK_THROWS_AS(outcome.value(), AwsError);

  f.transport->respond(404, errorResponse("DBInstanceNotFound", "DBInstance nope not found."));
  CHECK(f.rds.findDBInstance("nope").error().code == "DBInstanceNotFound");
}

TEST_CASE("describeAllDBInstances sends filters and follows Marker to the last page") {
  Fixture f;
  f.transport->respond(200, describeResponse(instance("available", "db-1"), "page-2"))
      .respond(200, describeResponse(instance("creating", "db-2") + instance("available", "db-3")));
  auto all = f.rds.describeAllDBInstances(Rds::describeDBInstances().filter("engine", {"postgres"}).maxRecords(20)).value();
  REQUIRE(all.size() == 3);
  CHECK(all[1].dbInstanceIdentifier == "db-2");
  REQUIRE(f.transport->requests.size() == 2);
  auto first = formParams(f.transport->requests[0].body);
  CHECK(first["Filters.Filter.1.Name"] == "engine");
  CHECK(first["Filters.Filter.1.Values.Value.1"] == "postgres");
  CHECK(first["MaxRecords"] == "20");
  CHECK(first.count("Marker") == 0);
  CHECK(formParams(f.transport->requests[1].body)["Marker"] == "page-2");

  Fixture bad;
  CHECK(bad.rds.send(Rds::describeDBInstances().maxRecords(101)).error().kind == ErrorKind::Validation);
  CHECK(bad.rds.send(Rds::describeDBInstances().filter("engine", {})).error().kind == ErrorKind::Validation);
  CHECK(bad.transport->requests.empty());
}

TEST_CASE("waitUntilAvailable polls every 30 s by default and reports progress") {
  Fixture f;
  FakeClock clock;
  f.transport->respond(200, describeResponse(instance("creating")))
      .respond(200, describeResponse(instance("backing-up")))
      .respond(200, describeResponse(instance("available")));
  std::vector<std::string> seen;
  WaitOptions options;  // botocore's pace: every 30 s, 60 polls
  CHECK(Rds::kDBInstanceAvailable.delay == std::chrono::seconds(30));
  CHECK(Rds::kDBInstanceAvailable.maxAttempts == 60);
  options.now = [&] { return clock.now; };
  options.sleep = [&](std::chrono::milliseconds d) { clock.now += d; };
  options.onProgress = [&](const WaitProgress& p) { seen.push_back(std::to_string(p.attempt) + ":" + p.state); };
  rds::DBInstance available = f.rds.waitUntilAvailable("postgres-db", options).value();
  CHECK(available.dbInstanceStatus == "available");
  CHECK(available.endpoint->port == 5432);
  CHECK(seen == std::vector<std::string>{"1:creating", "2:backing-up", "3:available"});
  CHECK(clock.now.time_since_epoch() == std::chrono::minutes(1));
}

TEST_CASE("waitUntilAvailable fails on botocore's failure states and on any error, and times out") {
  for (const char* state : {"deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters"}) {
    Fixture f;
    FakeClock clock;
    f.transport->respond(200, describeResponse(instance(state)));
    auto outcome = f.rds.waitUntilAvailable("postgres-db", clock.options());
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().kind == ErrorKind::Waiter);
    CHECK(outcome.error().code == "WaiterFailed");
    CHECK(outcome.error().message.find(state) != std::string::npos);
    CHECK_THROWS_AS(outcome.value(), WaiterError);
  }

  Fixture missing;  // db_instance_available has no acceptor for DBInstanceNotFound: it ends the wait
  FakeClock clock;
  missing.transport->respond(404, errorResponse("DBInstanceNotFound", "DBInstance postgres-db not found."));
  auto notFound = missing.rds.waitUntilAvailable("postgres-db", clock.options());
  REQUIRE_FALSE(notFound.ok());
  CHECK(notFound.error().code == "DBInstanceNotFound");
  CHECK_THROWS_AS(notFound.value(), AwsError);

  Fixture slow;
  for (int i = 0; i < 5; ++i) slow.transport->respond(200, describeResponse(instance("modifying")));
  auto timedOut = slow.rds.waitUntilAvailable("postgres-db", clock.options(std::chrono::seconds(30), std::chrono::minutes(2)));
  REQUIRE_FALSE(timedOut.ok());
  CHECK(timedOut.error().code == "WaiterTimeout");
  CHECK(timedOut.error().message.find("modifying") != std::string::npos);
  CHECK(slow.transport->requests.size() == 5);  // at 0, 30, 60, 90 and 120 s

  Fixture invalid;
  CHECK(invalid.rds.waitUntilAvailable("bad_id", clock.options()).error().kind == ErrorKind::Validation);
  CHECK(invalid.transport->requests.empty());
}

TEST_CASE("waitUntilDeleted succeeds on DBInstanceNotFound or an empty answer, fails on botocore's states") {
  Fixture f;
  FakeClock clock;
  std::vector<std::string> seen;
  auto options = clock.options();
  options.onProgress = [&](const WaitProgress& p) { seen.push_back(p.state); };
  f.transport->respond(200, describeResponse(instance("deleting")))
      .respond(404, errorResponse("DBInstanceNotFound", "gone"));
  Gone gone = f.rds.waitUntilDeleted("postgres-db", options).value();
  CHECK(seen == std::vector<std::string>{"deleting", "DBInstanceNotFound"});
  CHECK(gone.resource == "postgres-db");
  CHECK(gone.evidence == "DBInstanceNotFound");
  CHECK(gone.polls == 2);

  Fixture empty;
  empty.transport->respond(200, describeResponse(""));
  CHECK(empty.rds.waitUntilDeleted("postgres-db", clock.options()).ok());

  for (const char* state : {"creating", "modifying", "rebooting", "resetting-master-credentials"}) {
    Fixture g;
    g.transport->respond(200, describeResponse(instance(state)));
    auto outcome = g.rds.waitUntilDeleted("postgres-db", clock.options());
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().code == "WaiterFailed");
  }

  Fixture denied;
  denied.transport->respond(403, errorResponse("AccessDenied", "no"));
  CHECK(denied.rds.waitUntilDeleted("postgres-db", clock.options()).error().code == "AccessDenied");
}

TEST_CASE("generateDbAuthToken equals botocore's token (aws rds generate-db-auth-token) for the same time and credentials") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto now = *parseIso8601("2026-12-06T10:00:00Z");
  for (const char* token : {"", "session-token/with+chars="}) {
    ClientConfig config = awsdirect_test::scriptedConfig(std::make_shared<awsdirect_test::ScriptedTransport>(), "eu-west-1");
    config.credentialsProvider = std::make_shared<StaticCredentialsProvider>(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMIsecret", token));
    Rds rds(config);
    const Secret ours = rds.generateDbAuthToken("pg.abc123.eu-west-1.rds.amazonaws.com", 5432, "air flow", now).value();
    const std::string command = std::string("AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIsecret AWS_SESSION_TOKEN='") +
                                token + "' timeout 60 python3 " AWSDIRECT_SOURCE_DIR "/tests/support/botocore_signature.py dbauth "
                                "--host pg.abc123.eu-west-1.rds.amazonaws.com --port 5432 --user 'air flow' --region eu-west-1 --time 20261206T100000Z";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096] = {};
    std::string botocore = std::fgets(buffer, sizeof buffer, pipe) ? buffer : "";
    CHECK(pclose(pipe) == 0);
    if (!botocore.empty() && botocore.back() == '\n') botocore.pop_back();
    CAPTURE(token);
    CHECK(ours.reveal() == botocore);
    CHECK(ours.reveal().rfind("pg.abc123.eu-west-1.rds.amazonaws.com:5432/?Action=connect&DBUser=air%20flow&", 0) == 0);
  }
  Rds rds(awsdirect_test::scriptedConfig(std::make_shared<awsdirect_test::ScriptedTransport>(), "eu-west-1"));
  auto bad = rds.generateDbAuthToken("https://pg.example.com", 0, "");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::Validation);
  const std::string described = bad.error().describe();
  CHECK(described.find("DBHostname") != std::string::npos);
  CHECK(described.find("Port") != std::string::npos);
  CHECK(described.find("DBUsername") != std::string::npos);
}

TEST_CASE("DescribeDBEngineVersions, which moto lacks, is followed page by page from a scripted RDS") {
  auto transport = std::make_shared<awsdirect_test::ScriptedTransport>();
  auto page = [](const std::string& versions, const std::string& marker) {
    return "<DescribeDBEngineVersionsResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBEngineVersionsResult>"
           "<DBEngineVersions>" + versions + "</DBEngineVersions>" + (marker.empty() ? "" : "<Marker>" + marker + "</Marker>") +
           "</DescribeDBEngineVersionsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
           "</DescribeDBEngineVersionsResponse>";
  };
  auto version = [](const std::string& v, const std::string& upgrade) {
    return "<DBEngineVersion><Engine>postgres</Engine><EngineVersion>" + v + "</EngineVersion><DBParameterGroupFamily>postgres16"
           "</DBParameterGroupFamily><ValidUpgradeTarget><UpgradeTarget><Engine>postgres</Engine><EngineVersion>" + upgrade +
           "</EngineVersion><IsMajorVersionUpgrade>false</IsMajorVersionUpgrade></UpgradeTarget></ValidUpgradeTarget></DBEngineVersion>";
  };
  transport->respond(200, page(version("16.3", "16.4"), "page-2"));
  transport->respond(200, page(version("16.4", "16.5"), ""));
  Rds rds(awsdirect_test::scriptedConfig(transport));
  auto versions = rds.describeAllDBEngineVersions(Rds::describeDBEngineVersions().engine("postgres").dbParameterGroupFamily("postgres16")).value();
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].engineVersion == "16.3");
  CHECK(versions[1].dbParameterGroupFamily == "postgres16");
  REQUIRE(versions[1].validUpgradeTargets.size() == 1);
  CHECK(versions[1].validUpgradeTargets[0].engineVersion == "16.5");
  REQUIRE(transport->requests.size() == 2);
  CHECK(transport->requests[0].body.find("Marker") == std::string::npos);
  CHECK(transport->requests[1].body.find("Marker=page-2") != std::string::npos);
  CHECK(transport->requests[1].body.find("Engine=postgres") != std::string::npos);
}
