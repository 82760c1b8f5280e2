// The Redshift Data API over real HTTP: against a loopback Data API of our own
// (support/redshift_data_server.py: statements that finish, fail or are aborted, results in
// pages, signatures and headers checked as AWS checks them), and against moto_server, whose
// statements run until cancelled.
#include <doctest/doctest.h>

#include <awsdirect/redshift_data.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/moto.hpp"
#include "support/redshift_data_server.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::TestServer;

namespace {

ClientConfig configFor(const TestServer& server) {
  ClientConfig config;
  config.environment = Environment::fromMap({});
  config.region = "us-east-1";
  config.endpointUrl = "http://" + server.authority();
  config.credentialsProvider =
      std::make_shared<StaticCredentialsProvider>(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  return config;
}

// Polls every 20 ms: the server's statements end at the third look.
WaitOptions quick() { return WaitOptions().withDelay(std::chrono::milliseconds(20)).withTimeout(std::chrono::seconds(10)); }

auto onCluster() { return RedshiftData::executeStatement().clusterIdentifier("redshift-cluster").database("dev").dbUser("awsuser"); }

}  // namespace

TEST_CASE("a statement with parameters runs to FINISHED and its rows arrive page by page, typed") {
  auto server = awsdirect_test::startDataApi();
  if (!server) return;
  awsdirect_test::ran();
  RedshiftData data(configFor(*server));
  auto submitted = data.send(onCluster().sql("SELECT * FROM generate_series(1, 5) WHERE :low < 9").parameters({{"low", "1"}}));
  REQUIRE(submitted.ok());
  CHECK(submitted.value().clusterIdentifier == "redshift-cluster");
  const std::string id = submitted.value().id;

  std::vector<std::string> states;
  auto options = quick();
  options.onProgress = [&](const WaitProgress& p) { states.push_back(p.state); };
  auto finished = data.waitForStatement(id, options);
  REQUIRE(finished.ok());
  CHECK(states == std::vector<std::string>{"SUBMITTED", "STARTED", "FINISHED"});
  CHECK(finished.value().hasResultSet);
  CHECK(finished.value().resultRows == 5);
  CHECK(finished.value().queryParameters.at(0).name == "low");

  auto rows = data.getAllStatementResults(id).value();
  REQUIRE(rows.columns.size() == 6);
  CHECK(rows.columns[1].typeName == "float8");
  REQUIRE(rows.records.size() == 5);
  const auto& fifth = rows.records[4];
  CHECK(*fifth[0].longValue == 5);
  CHECK(fifth[1].text() == "5.5");
  CHECK(*fifth[2].stringValue == "row-5 \xC3\xA9");
  CHECK(*fifth[3].booleanValue == false);
  CHECK(fifth[4].null());
  CHECK(fifth[5].text() == "\\x0005ff");

  // Three pages of two rows, the token of each page sent with the next.
  std::vector<std::string> tokens;
  for (const JsonValue& call : awsdirect_test::callsTo(*server))
    if (call.at("target").asString() == "RedshiftData.GetStatementResult")
      tokens.push_back(call.at("input").find("NextToken") ? call.at("input").at("NextToken").asString() : "-");
  CHECK(tokens == std::vector<std::string>{"-", "2", "4"});
}

TEST_CASE("a failed statement is a StatementFailed with Redshift's error; a cancelled one is StatementAborted") {
  auto server = awsdirect_test::startDataApi();
  if (!server) return;
  awsdirect_test::ran();
  RedshiftData data(configFor(*server));
  auto failing = data.send(onCluster().sql("COPY missing FROM 's3://b/k' IAM_ROLE default -- fail")).value();
  auto failed = data.waitForStatement(failing.id, quick());
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind == ErrorKind::Waiter);
  CHECK(failed.error().code == "StatementFailed");
  CHECK(failed.error().message.find("relation \"missing\" does not exist") != std::string::npos);

  auto sleeping = data.send(onCluster().sql("SELECT pg_sleep(3600)")).value();
  CHECK(data.send(RedshiftData::describeStatement().id(sleeping.id)).value().status == "STARTED");
  CHECK(data.send(RedshiftData::cancelStatement().id(sleeping.id)).value().status);
  CHECK(data.waitForStatement(sleeping.id, quick()).error().code == "StatementAborted");
  CHECK_FALSE(data.send(RedshiftData::cancelStatement().id(sleeping.id)).value().status);

  auto unknown = data.send(RedshiftData::describeStatement().id("00000000-0000-0000-0000-000000000000"));
  CHECK(unknown.error().code == "ResourceNotFoundException");
  CHECK(unknown.error().message == "Query does not exist.");
}

TEST_CASE("a batch runs as sub-statements, and ListStatements pages through every statement") {
  auto server = awsdirect_test::startDataApi();
  if (!server) return;
  awsdirect_test::ran();
  RedshiftData data(configFor(*server));
  auto batch = data.send(RedshiftData::batchExecuteStatement().clusterIdentifier("redshift-cluster").database("dev")
                             .dbUser("awsuser").sqls({"CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)"}))
                   .value();
  auto described = data.waitForStatement(batch.id, quick()).value();
  REQUIRE(described.subStatements.size() == 2);
  CHECK(described.subStatements[1].id == batch.id + ":2");
  CHECK(described.subStatements[1].queryString == "INSERT INTO t VALUES (1)");
  for (int i = 0; i < 2; ++i) REQUIRE(data.send(onCluster().sql("SELECT " + std::to_string(i))).ok());
  auto listed = data.listAllStatements(RedshiftData::listStatements().maxResults(2)).value();
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].isBatchStatement);
  CHECK(listed[0].queryStrings.size() == 2);
  CHECK(listed[2].queryString == "SELECT 1");
}

TEST_CASE("moto's Data API: a statement is submitted, described, cancelled, and waited for to its abort") {
  auto moto = awsdirect_test::MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  RedshiftData data(moto->clientConfig());
  auto submitted = data.send(onCluster().sql("SELECT 1"));
  REQUIRE(submitted.ok());
  const std::string id = submitted.value().id;
  CHECK(id.size() == 36);
  auto described = data.send(RedshiftData::describeStatement().id(id)).value();
  CHECK(described.id == id);
  CHECK(described.status == "STARTED");
  CHECK(described.queryString == "SELECT 1");
  CHECK(data.send(RedshiftData::cancelStatement().id(id)).value().status);
  auto aborted = data.waitForStatement(id, quick());
  CHECK(aborted.error().code == "StatementAborted");
  auto unknown = data.send(RedshiftData::describeStatement().id("00000000-0000-0000-0000-000000000000"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().kind == ErrorKind::Service);
  CHECK(unknown.error().code == "ResourceNotFoundException");
}
