// Redshift through the whole pipeline with a scripted transport: validation before the network,
// serialization, typed results and errors, retries, pagination and the waiters.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect_test::formParams;
using awsdirect_test::ScriptedTransport;

namespace {

const char* kClusterXml = R"(<Cluster><ClusterIdentifier>redshift-cluster</ClusterIdentifier>
  <NodeType>dc2.large</NodeType><ClusterStatus>%STATUS%</ClusterStatus><MasterUsername>awsuser</MasterUsername>
  <DBName>dev</DBName><Endpoint><Address>redshift-cluster.abc.us-east-1.redshift.amazonaws.com</Address>
  <Port>5439</Port></Endpoint><ClusterCreateTime>2026-11-25T21:28:47.465184Z</ClusterCreateTime>
  <VpcSecurityGroups><VpcSecurityGroup><VpcSecurityGroupId>sg-0123</VpcSecurityGroupId><Status>active</Status>
  </VpcSecurityGroup></VpcSecurityGroups><NumberOfNodes>1</NumberOfNodes><PubliclyAccessible>false</PubliclyAccessible>
  <IamRoles><ClusterIamRole><IamRoleArn>arn:aws:iam::123456789012:role/myRedshiftRole</IamRoleArn>
  <ApplyStatus>in-sync</ApplyStatus></ClusterIamRole></IamRoles></Cluster>)";

std::string cluster(const std::string& status) {
  std::string xml = kClusterXml;
  xml.replace(xml.find("%STATUS%"), 8, status);
  return xml;
}

std::string describeResponse(const std::string& clustersXml, const std::string& marker = "") {
  return "<DescribeClustersResponse><DescribeClustersResult><Clusters>" + clustersXml + "</Clusters>" +
         (marker.empty() ? "" : "<Marker>" + marker + "</Marker>") +
         "</DescribeClustersResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
         "</DescribeClustersResponse>";
}

std::string errorResponse(const std::string& code, const std::string& message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-42</RequestId></ErrorResponse>";
}

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  std::vector<std::chrono::milliseconds> sleeps;
  Redshift redshift{awsdirect_test::scriptedConfig(transport)};
  Fixture() { awsdirect_test::instantRetries(redshift, &sleeps); }
};

redshift::CreateClusterRequest seedCluster() {
  return Redshift::createCluster()
      .identifier("redshift-cluster")
      .dbName("dev")
      .port(5439)
      .masterUsername("awsuser")
      .masterUserPassword("Passw0rd1")
      .nodeType("dc2.large")
      .numberOfNodes(1)
      .vpcSecurityGroupId("sg-0123")
      .iamRole("arn:aws:iam::123456789012:role/myRedshiftRole")
      .publiclyAccessible(false)
      .tag("env", "test");
}

}  // namespace

TEST_CASE("createCluster sends the seed's fields as one signed Query POST") {
  Fixture f;
  f.transport->respond(200, "<CreateClusterResponse><CreateClusterResult>" + cluster("creating") +
                                "</CreateClusterResult></CreateClusterResponse>");
  redshift::Cluster c = f.redshift.send(seedCluster()).value();
  CHECK(c.clusterIdentifier == "redshift-cluster");
  CHECK(c.clusterStatus == "creating");

  REQUIRE(f.transport->requests.size() == 1);
  const HttpRequest& sent = f.transport->requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.url() == "https://redshift.us-east-1.amazonaws.com/");
  CHECK(*sent.headers.get("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
  const std::string* auth = sent.headers.get("Authorization");
  REQUIRE(auth);
  CHECK(auth->rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", 0) == 0);
  CHECK(auth->find("/us-east-1/redshift/aws4_request") != std::string::npos);

  auto p = formParams(sent.body);
  CHECK(p["Action"] == "CreateCluster");
  CHECK(p["Version"] == "2012-12-01");
  CHECK(p["ClusterIdentifier"] == "redshift-cluster");
  CHECK(p["DBName"] == "dev");
  CHECK(p["Port"] == "5439");
  CHECK(p["MasterUsername"] == "awsuser");
  CHECK(p["MasterUserPassword"] == "Passw0rd1");
  CHECK(p["NodeType"] == "dc2.large");
  CHECK(p["ClusterType"] == "single-node");
  CHECK(p.count("NumberOfNodes") == 0);
  CHECK(p["VpcSecurityGroupIds.VpcSecurityGroupId.1"] == "sg-0123");
  CHECK(p["IamRoles.IamRoleArn.1"] == "arn:aws:iam::123456789012:role/myRedshiftRole");
  CHECK(p["PubliclyAccessible"] == "false");
  CHECK(p["Tags.Tag.1.Key"] == "env");
  CHECK(p["Tags.Tag.1.Value"] == "test");
}

TEST_CASE("a multi-node cluster names its type and node count") {
  Fixture f;
  f.transport->respond(200, "<CreateClusterResponse><CreateClusterResult>" + cluster("creating") +
                                "</CreateClusterResult></CreateClusterResponse>");
  f.redshift.send(seedCluster().numberOfNodes(4)).value();
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["ClusterType"] == "multi-node");
  CHECK(p["NumberOfNodes"] == "4");
}

TEST_CASE("the typed Cluster holds what DescribeClusters returned") {
  Fixture f;
  f.transport->respond(200, describeResponse(cluster("available")));
  redshift::Cluster c = f.redshift.findCluster("redshift-cluster").value();
  CHECK(c.clusterStatus == "available");
  CHECK(c.nodeType == "dc2.large");
  CHECK(c.numberOfNodes == 1);
  CHECK(c.dbName == "dev");
  CHECK(c.masterUsername == "awsuser");
  REQUIRE(c.endpoint);
  CHECK(c.endpoint->address == "redshift-cluster.abc.us-east-1.redshift.amazonaws.com");
  CHECK(c.endpoint->port == 5439);
  REQUIRE(c.vpcSecurityGroups.size() == 1);
  CHECK(c.vpcSecurityGroups[0].vpcSecurityGroupId == "sg-0123");
  REQUIRE(c.iamRoles.size() == 1);
  CHECK(c.iamRoles[0].applyStatus == "in-sync");
  REQUIRE(c.clusterCreateTime);
  CHECK(formatIso8601(*c.clusterCreateTime) == "2026-11-25T21:28:47Z");
}

TEST_CASE("bad input is a ValidationError naming every broken rule, and nothing is sent") {
  Fixture f;
  auto outcome = f.redshift.send(Redshift::createCluster()
                                     .identifier("Redshift--Cluster-")
                                     .port(80)
                                     .masterUsername("awsuser")
                                     .masterUserPassword("short'pw")
                                     .nodeType("dc2.large"));
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.operation == "CreateCluster");
  CHECK(awsdirect_test::brokenRules(e) == std::vector<std::string>{
                      "ClusterIdentifier may contain only lowercase letters, digits and hyphens",
                      "ClusterIdentifier must not contain two consecutive hyphens",
                      "ClusterIdentifier must not end with a hyphen",
                      "MasterUserPassword must contain an upper case letter",
                      "MasterUserPassword must contain a digit",
                      "MasterUserPassword may contain only printable ASCII characters other than ' \" \\ / @ and space",
                      "Port must be between 1150 and 65535"});
  CHECK(e.message.find("short'pw") == std::string::npos);  // the password is never repeated
  CHECK(f.transport->requests.empty());
  CHECK_THROWS_AS(f.redshift.send(Redshift::createCluster()).value(), ValidationError);
}

TEST_CASE("cluster identifier rules") {
  auto problems = [](const std::string& id) {
    Validator v;
    redshift::rules::clusterIdentifier(v, id);
    return v.problems().size();
  };
  CHECK(problems("redshift-cluster") == 0);
  CHECK(problems("a") == 0);
  CHECK(problems(std::string(63, 'a')) == 0);
  CHECK(problems(std::string(64, 'a')) == 1);
  CHECK(problems("") == 1);
  CHECK(problems("1cluster") == 1);
  CHECK(problems("my_cluster") == 1);
  CHECK(problems("my--cluster") == 1);
  CHECK(problems("cluster-") == 1);
}

TEST_CASE("VPC security groups are named by id, not by name") {
  Fixture f;
  auto outcome = f.redshift.send(seedCluster().vpcSecurityGroupId("redshift_security_group"));
  REQUIRE_FALSE(outcome.ok());
  CHECK(awsdirect_test::brokenRules(outcome.error()) ==
        std::vector<std::string>{"VpcSecurityGroupIds[1] must be an id of the form sg-0123abcd"});
  CHECK(f.transport->requests.empty());
}

TEST_CASE("master password and user name rules") {
  auto passwordProblems = [](const std::string& pw) {
    Validator v;
    redshift::rules::masterUserPassword(v, pw);
    return v.problems().size();
  };
  CHECK(passwordProblems("Passw0rd1") == 0);
  CHECK(passwordProblems("Pw0" + std::string(61, 'x')) == 0);
  CHECK(passwordProblems("Pw0" + std::string(62, 'x')) == 1);
  CHECK(passwordProblems("Pass0rd") == 1);        // 7 characters
  CHECK(passwordProblems("password1") == 1);      // no upper case
  CHECK(passwordProblems("PASSWORD1") == 1);      // no lower case
  CHECK(passwordProblems("Passwordx") == 1);      // no digit
  for (const char* bad : {"Passw0rd'", "Passw0rd\"", "Passw0rd\\", "Passw0rd/", "Passw0rd@", "Pass w0rd"})
    CHECK(passwordProblems(bad) == 1);

  auto userProblems = [](const std::string& name) {
    Validator v;
    redshift::rules::masterUsername(v, name);
    return v.problems().size();
  };
  CHECK(userProblems("awsuser") == 0);
  CHECK(userProblems("admin_1+x.y@z-w") == 0);
  CHECK(userProblems("1admin") == 1);
  CHECK(userProblems("Admin") == 1);
  CHECK(userProblems("public") == 1);
  CHECK(userProblems("a:b") == 1);
}

TEST_CASE("deleteCluster must say whether a final snapshot is taken") {
  Fixture f;
  auto neither = f.redshift.send(Redshift::deleteCluster().identifier("redshift-cluster"));
  REQUIRE_FALSE(neither.ok());
  CHECK(neither.error().problems.at(0).field == "FinalClusterSnapshotIdentifier");
  auto both = f.redshift.send(
      Redshift::deleteCluster().identifier("redshift-cluster").skipFinalSnapshot().finalSnapshotIdentifier("final"));
  CHECK_FALSE(both.ok());
  CHECK(f.transport->requests.empty());

  f.transport->respond(200, "<DeleteClusterResponse><DeleteClusterResult>" + cluster("deleting") +
                                "</DeleteClusterResult></DeleteClusterResponse>");
  auto deleted = f.redshift.send(Redshift::deleteCluster().identifier("redshift-cluster").skipFinalSnapshot());
  CHECK(deleted.value().clusterStatus == "deleting");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["SkipFinalClusterSnapshot"] == "true");
}

TEST_CASE("AWS errors arrive typed, with code, message, status and request id") {
  Fixture f;
  f.transport->respond(400, errorResponse("ClusterAlreadyExists", "Cluster already exists"));
  auto outcome = f.redshift.send(seedCluster());
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Service);
  CHECK(e.code == "ClusterAlreadyExists");
  CHECK(e.message == "Cluster already exists");
  CHECK(e.httpStatus == 400);
  CHECK(e.requestId == "req-42");
  CHECK(e.service == "redshift");
  CHECK(e.operation == "CreateCluster");
  CHECK(f.transport->requests.size() == 1);  // not retryable
  CHECK_THROWS_AS(outcome.value(), AwsError);
}

TEST_CASE("throttling, 5xx and lost connections are retried with backoff, each attempt signed afresh") {
  Fixture f;
  f.transport->respond(400, errorResponse("Throttling", "Rate exceeded"))
      .respond(503, "")
      .respond(200, describeResponse(cluster("available")));
  CHECK(f.redshift.findCluster("redshift-cluster").ok());
  REQUIRE(f.transport->requests.size() == 3);
  CHECK(*f.transport->requests[0].headers.get("amz-sdk-request") == "attempt=1; max=3");
  CHECK(*f.transport->requests[2].headers.get("amz-sdk-request") == "attempt=3; max=3");
  CHECK(*f.transport->requests[0].headers.get("amz-sdk-invocation-id") ==
        *f.transport->requests[2].headers.get("amz-sdk-invocation-id"));
  CHECK(f.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(500), std::chrono::milliseconds(1000)});

  Fixture g;
  g.transport->fail(TransportFailure::Connect, "connection refused")
      .fail(TransportFailure::Timeout, "timed out")
      .fail(TransportFailure::Timeout, "timed out");
  auto outcome = g.redshift.findCluster("redshift-cluster");
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().kind == ErrorKind::Transport);
  CHECK(outcome.error().transport == TransportFailure::Timeout);
  CHECK(g.transport->requests.size() == 3);
  CHECK_THROWS_AS(outcome.value(), TransportError);
}

TEST_CASE("describeAllClusters follows Marker to the last page") {
  Fixture f;
  f.transport->respond(200, describeResponse(cluster("available"), "page-2"))
      .respond(200, describeResponse(cluster("creating") + cluster("available"), "page-3"))
      .respond(200, describeResponse(""));
  auto all = f.redshift.describeAllClusters().value();
  CHECK(all.size() == 3);
  REQUIRE(f.transport->requests.size() == 3);
  CHECK(formParams(f.transport->requests[0].body).count("Marker") == 0);
  CHECK(formParams(f.transport->requests[1].body)["Marker"] == "page-2");
  CHECK(formParams(f.transport->requests[2].body)["Marker"] == "page-3");

  Fixture g;  // a service that repeats its token must not loop forever
  g.transport->respond(200, describeResponse(cluster("available"), "same"))
      .respond(200, describeResponse(cluster("available"), "same"));
  CHECK(g.redshift.describeAllClusters().value().size() == 2);
}

using awsdirect_test::FakeClock;

TEST_CASE("waitUntilAvailable polls until available, reporting progress") {
  Fixture f;
  FakeClock clock;
  f.transport->respond(400, errorResponse("ClusterNotFound", "not yet"))
      .respond(200, describeResponse(cluster("creating")))
      .respond(200, describeResponse(cluster("available")));
  std::vector<std::string> seen;
  auto options = clock.options(std::chrono::seconds(60), std::chrono::minutes(30));
  options.onProgress = [&](const WaitProgress& p) { seen.push_back(std::to_string(p.attempt) + ":" + p.state); };
  auto c = f.redshift.waitUntilAvailable("redshift-cluster", options);
  CHECK(c.value().clusterStatus == "available");
  CHECK(seen == std::vector<std::string>{"1:ClusterNotFound", "2:creating", "3:available"});
  CHECK(clock.now.time_since_epoch() == std::chrono::minutes(2));
}

TEST_CASE("waitUntilAvailable fails on 'deleting', on unexpected errors, and times out") {
  Fixture f;
  FakeClock clock;
  f.transport->respond(200, describeResponse(cluster("deleting")));
  auto failed = f.redshift.waitUntilAvailable("redshift-cluster", clock.options(std::chrono::seconds(60), std::chrono::minutes(30)));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind == ErrorKind::Waiter);
  CHECK(failed.error().code == "WaiterFailed");
  CHECK_THROWS_AS(failed.value(), WaiterError);

  Fixture g;
  g.transport->respond(403, errorResponse("AccessDenied", "no"));
  auto denied = g.redshift.waitUntilAvailable("redshift-cluster", clock.options(std::chrono::seconds(60), std::chrono::minutes(30)));
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().code == "AccessDenied");

  Fixture h;
  for (int i = 0; i < 4; ++i) h.transport->respond(200, describeResponse(cluster("creating")));
  auto slow = h.redshift.waitUntilAvailable("redshift-cluster", clock.options(std::chrono::seconds(60), std::chrono::minutes(3)));
  REQUIRE_FALSE(slow.ok());
  CHECK(slow.error().code == "WaiterTimeout");
  CHECK(h.transport->requests.size() == 4);  // at 0, 1, 2 and 3 minutes
}

TEST_CASE("waitUntilDeleted succeeds on ClusterNotFound and fails on 'creating'") {
  Fixture f;
  FakeClock clock;
  f.transport->respond(200, describeResponse(cluster("deleting")))
      .respond(404, errorResponse("ClusterNotFound", "gone"));
  CHECK(f.redshift.waitUntilDeleted("redshift-cluster", clock.options(std::chrono::seconds(30), std::chrono::minutes(30))).ok());
  CHECK(f.transport->requests.size() == 2);

  Fixture g;
  g.transport->respond(200, describeResponse(cluster("creating")));
  auto outcome = g.redshift.waitUntilDeleted("redshift-cluster", clock.options(std::chrono::seconds(30), std::chrono::minutes(30)));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().code == "WaiterFailed");
}

TEST_CASE("a 200 that is not the answer to the operation is a ParseError, never an empty result") {
  auto parseFailure = [](const std::string& body) {
    Fixture f;
    f.transport->respond(200, body);
    auto outcome = f.redshift.send(Redshift::describeClusters().identifier("redshift-cluster"));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().kind == ErrorKind::Parse);
    CHECK(f.transport->requests.size() == 1);  // not retried: the Query protocol is not
    return outcome.error().message;
  };
  // Another operation's answer, a captive portal's page, and the right answer without its result.
  CHECK(parseFailure("<CreateClusterResponse><CreateClusterResult>" + cluster("creating") +
                     "</CreateClusterResult></CreateClusterResponse>") ==
        "the response to DescribeClusters is not <DescribeClustersResponse>: it is <CreateClusterResponse>");
  CHECK(parseFailure("<html><body><form>Sign in to the guest network</form></body></html>") ==
        "the response to DescribeClusters is not <DescribeClustersResponse>: it is <html>");
  CHECK(parseFailure("<DescribeClustersResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                     "</DescribeClustersResponse>") ==
        "the response to DescribeClusters is not a <DescribeClustersResponse> with a <DescribeClustersResult>: "
        "it is a <DescribeClustersResponse> without one");
  CHECK(parseFailure("Service temporarily moved").rfind("response is not well-formed XML", 0) == 0);

  // So a waiter never takes a page for a deleted cluster.
  Fixture g;
  g.transport->respond(200, "<html><body>Sign in</body></html>");
  auto gone = g.redshift.waitUntilDeleted("redshift-cluster");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().kind == ErrorKind::Parse);
}

TEST_CASE("waitUntilDeleted returns Gone, and Outcome::value_or gives a fallback for an error") {
  Fixture f;
  f.transport->respond(200, describeResponse(cluster("deleting")))
      .respond(400, errorResponse("ClusterNotFound", "Cluster redshift-cluster not found."));
  WaitOptions instant;
  instant.sleep = [](std::chrono::milliseconds) {};
  Gone gone = f.redshift.waitUntilDeleted("redshift-cluster", instant).value();
  CHECK(gone.resource == "redshift-cluster");
  CHECK(gone.evidence == "ClusterNotFound");
  CHECK(gone.polls == 2);

  f.transport->respond(400, errorResponse("ClusterNotFound", "Cluster other not found."));
  redshift::Cluster fallback;
  fallback.clusterStatus = "none";
  CHECK(f.redshift.findCluster("other").value_or(fallback).clusterStatus == "none");
  f.transport->respond(200, describeResponse(cluster("available")));
  CHECK(f.redshift.findCluster("redshift-cluster").value_or(fallback).clusterStatus == "available");
}
