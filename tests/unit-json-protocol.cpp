// The JSON protocol through the pipeline, on a scripted transport: what goes on the wire, errors
// read as botocore reads them (every form of "__type"), retries, answers that are not JSON
// objects, rules checked before the network, idempotency tokens, secrets kept out of messages,
// paging and the Data API's statement waiter.
#include <doctest/doctest.h>

#include <awsdirect/redshift_data.hpp>
#include <awsdirect/secrets_manager.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect_test::ScriptedTransport;

namespace {

template <class Client>
struct Scripted {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  Client client{awsdirect_test::scriptedConfig(transport)};
  std::vector<std::chrono::milliseconds> sleeps;
  Scripted() { awsdirect_test::instantRetries(client, &sleeps); }
};

HttpHeaders jsonHeaders(const std::string& requestId = "req-1") {
  HttpHeaders h;
  h.set("Content-Type", "application/x-amz-json-1.1");
  h.set("x-amzn-RequestId", requestId);
  return h;
}

const std::string kId = "d9b6c0c9-0747-4bf4-b142-e8883122f766";

}  // namespace

TEST_CASE("a JSON call is a POST to / named by X-Amz-Target, its input one JSON object, its output read by fields") {
  Scripted<SecretsManager> s;
  s.transport->respond(200, R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
      "Name":"prod/db","VersionId":"v-1","SecretString":"Passw0rd!","VersionStages":["AWSCURRENT"],
      "CreatedDate":1767322805.25})", jsonHeaders());
  auto value = s.client.send(SecretsManager::getSecretValue().secretId("prod/db")).value();
  const HttpRequest& sent = s.transport->requests.at(0);
  CHECK(sent.method == "POST");
  CHECK(sent.path == "/");
  CHECK(sent.host == "secretsmanager.us-east-1.amazonaws.com");
  CHECK(*sent.headers.get("X-Amz-Target") == "secretsmanager.GetSecretValue");
  CHECK(*sent.headers.get("Content-Type") == "application/x-amz-json-1.1");
  CHECK(sent.body == R"({"SecretId":"prod/db"})");
  CHECK(sent.headers.get("Authorization")->find("/us-east-1/secretsmanager/aws4_request") != std::string::npos);
  CHECK(value.name == "prod/db");
  CHECK(value.secretString->reveal() == "Passw0rd!");
  CHECK(value.versionStages == std::vector<std::string>{"AWSCURRENT"});
  // 2026-01-02T03:00:05.250Z: seconds since 1970, the fraction kept to the millisecond.
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(value.createdDate->time_since_epoch()).count() ==
        1767322805250LL);
}

TEST_CASE("an operation without members sends {} and an empty 200 reads as an empty result") {
  Scripted<SecretsManager> s;
  s.transport->respond(200, "", jsonHeaders());
  auto page = s.client.send(SecretsManager::listSecrets());
  REQUIRE(page.ok());
  CHECK(s.transport->requests.at(0).body == "{}");
  CHECK(page.value().secretList.empty());
}

TEST_CASE("JSON errors are typed by __type in each of its forms, as botocore reads them") {
  struct Case {
    std::string body;
    HttpHeaders headers;
    int status;
    std::string code, message;
  };
  HttpHeaders queryCompatible = jsonHeaders();
  queryCompatible.set("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender");
  const std::vector<Case> cases = {
      {R"({"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."})",
       jsonHeaders(), 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."},
      {R"({"__type":"com.amazonaws.secretsmanager#InvalidRequestException","message":"lower-case message"})", jsonHeaders(),
       400, "InvalidRequestException", "lower-case message"},
      {R"({"__type":"ValidationException:http://internal.amazon.com/coral/","message":"m"})", jsonHeaders(), 400,
       "ValidationException", "m"},
      {R"({"__type":"QueueDoesNotExist","message":"q"})", queryCompatible, 400, "AWS.SimpleQueueService.NonExistentQueue",
       "q"},
      {"<html>Bad Gateway</html>", jsonHeaders(), 502, "502", "<html>Bad Gateway</html>"},
      {"", jsonHeaders(), 404, "404", "HTTP status 404"},
      {"[1,2]", jsonHeaders(), 400, "400", "HTTP status 400"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    Scripted<SecretsManager> s;
    s.client.core().retryPolicy().maxAttempts = 1;
    s.transport->respond(c.status, c.body, c.headers);
    auto outcome = s.client.send(SecretsManager::describeSecret().secretId("prod/db"));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().kind == ErrorKind::Service);
    CHECK(outcome.error().code == c.code);
    CHECK(outcome.error().message == c.message);
    CHECK(outcome.error().httpStatus == c.status);
    CHECK(outcome.error().requestId == "req-1");
    CHECK(outcome.error().service == "secretsmanager");
    CHECK(outcome.error().operation == "DescribeSecret");
  }
}

TEST_CASE("a JSON service's throttling is retried with backoff, and a 200 that is not a JSON object is a ParseError") {
  Scripted<RedshiftData> s;
  s.transport->respond(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})", jsonHeaders())
      .respond(200, R"({"Status":true})", jsonHeaders());
  CHECK(s.client.send(RedshiftData::cancelStatement().id(kId)).value().status);
  CHECK(s.transport->requests.size() == 2);
  CHECK(s.sleeps.size() == 1);

  for (const std::string body : {"<html>proxy</html>", "[]", "\"text\""}) {
    CAPTURE(body);
    Scripted<RedshiftData> t;
    t.transport->respond(200, body, jsonHeaders());
    auto outcome = t.client.send(RedshiftData::cancelStatement().id(kId));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().kind == ErrorKind::Parse);
    CHECK(outcome.error().message.find("is not a JSON object") != std::string::npos);
  }
}

TEST_CASE("the JSON services' rules are checked before the network, naming the member and the rule") {
  Scripted<SecretsManager> s;
  auto both = s.client.send(SecretsManager::putSecretValue().secretId("x").secretString("a").secretBinary("b"));
  auto none = s.client.send(SecretsManager::putSecretValue().secretId("x"));
  auto window = s.client.send(SecretsManager::deleteSecret().secretId("x").recoveryWindowInDays(3));
  auto forced = s.client.send(SecretsManager::deleteSecret().secretId("x").recoveryWindowInDays(7).forceDeleteWithoutRecovery());
  auto token = s.client.send(SecretsManager::createSecret().name("x").clientRequestToken("short"));
  auto tooLong = s.client.send(SecretsManager::createSecret().name("x").secretBinary(std::string(65537, '\0')));
  secretsmanager::RotationRules rules;
  rules.duration = "25h";
  auto rotation = s.client.send(SecretsManager::rotateSecret().secretId("x").rotationRules(rules));
  auto filter = s.client.send(SecretsManager::listSecrets().filters({{"colour", {}}}));
  CHECK(s.transport->requests.empty());
  auto rule = [](const auto& outcome) {
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().kind == ErrorKind::Validation);
    return outcome.error().problems.at(0).field + ": " + outcome.error().problems.at(0).rule;
  };
  CHECK(rule(both) == "SecretString: must not be set with SecretBinary (one value per version)");
  CHECK(rule(none) == "SecretString: or SecretBinary is required");
  CHECK(rule(window) == "RecoveryWindowInDays: must be between 7 and 30");
  CHECK(rule(forced) == "RecoveryWindowInDays: must not be set with ForceDeleteWithoutRecovery (the secret is deleted at once)");
  CHECK(rule(token) == "ClientRequestToken: must be 32 to 64 characters long");
  CHECK(rule(tooLong) == "SecretBinary: must be 1 to 65536 bytes long");
  CHECK(rule(rotation) == "RotationRules.Duration: must be a number of hours from 2h to 24h");
  CHECK(rule(filter) == "Filters[0].Key: must be one of description, name, tag-key, tag-value, primary-region, owning-service, all");
  CHECK(filter.error().problems.at(1).field == "Filters[0].Values");

  Scripted<RedshiftData> d;
  auto nowhere = d.client.send(RedshiftData::executeStatement().sql("SELECT 1"));
  auto noDatabase = d.client.send(RedshiftData::executeStatement().sql("SELECT 1").clusterIdentifier("c-1").dbUser("u"));
  auto badId = d.client.send(RedshiftData::describeStatement().id("not-a-uuid"));
  auto badParameter = d.client.send(RedshiftData::executeStatement().sql("SELECT :a").clusterIdentifier("c-1")
                                        .database("dev").parameters({{"a-b", ""}}));
  auto tooMany = d.client.send(RedshiftData::batchExecuteStatement().sqls(std::vector<std::string>(41, "SELECT 1"))
                                   .clusterIdentifier("c-1").database("dev"));
  CHECK(d.transport->requests.empty());
  CHECK(rule(nowhere) == "ClusterIdentifier: or WorkgroupName (or SessionId, of a session kept alive) is required");
  CHECK(rule(noDatabase) == "Database: is required with ClusterIdentifier or WorkgroupName");
  CHECK(rule(badId).rfind("Id: must be a statement id", 0) == 0);
  CHECK(rule(badParameter) == "Parameters[0].name: must be letters, digits and underscores (the :name in the SQL)");
  CHECK(badParameter.error().problems.at(1).field == "Parameters[0].value");
  CHECK(rule(tooMany).rfind("Sqls: ", 0) == 0);
}

TEST_CASE("a secret's value is in no error message, and a missing idempotency token is a fresh UUID per call") {
  Scripted<SecretsManager> s;
  auto refused = s.client.send(SecretsManager::createSecret().name("x").secretString(std::string(65537, 'p')));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().describe().find("ppp") == std::string::npos);

  s.transport->respond(200, R"({"ARN":"a","Name":"x","VersionId":"v"})", jsonHeaders())
      .respond(200, R"({"ARN":"a","Name":"y","VersionId":"v"})", jsonHeaders());
  REQUIRE(s.client.send(SecretsManager::createSecret().name("x").secretString("p")).ok());
  REQUIRE(s.client.send(SecretsManager::createSecret().name("y").secretString("p")).ok());
  auto tokenOf = [](const HttpRequest& r) {
    return detail::JsonValue::parse(r.body).at("ClientRequestToken").asString();
  };
  const std::string first = tokenOf(s.transport->requests.at(0)), second = tokenOf(s.transport->requests.at(1));
  CHECK(first.size() == 36);
  CHECK(first[14] == '4');  // version 4
  CHECK(first != second);
}

TEST_CASE("a retried JSON call sends the same idempotency token again") {
  Scripted<SecretsManager> s;
  s.transport->respond(500, R"({"__type":"InternalServiceError","message":"try again"})", jsonHeaders())
      .respond(200, R"({"ARN":"a","Name":"x","VersionId":"v"})", jsonHeaders());
  REQUIRE(s.client.send(SecretsManager::createSecret().name("x").secretString("p")).ok());
  REQUIRE(s.transport->requests.size() == 2);
  CHECK(s.transport->requests[0].body == s.transport->requests[1].body);
}

TEST_CASE("listAllSecrets and getAllStatementResults follow NextToken; typed column values read as sent") {
  Scripted<SecretsManager> s;
  s.transport->respond(200, R"({"SecretList":[{"Name":"a","SecretVersionsToStages":{"v1":["AWSCURRENT"]}}],"NextToken":"t2"})", jsonHeaders())
      .respond(200, R"({"SecretList":[{"Name":"b","Tags":[{"Key":"env","Value":"dev"}]}]})", jsonHeaders());
  auto all = s.client.listAllSecrets(SecretsManager::listSecrets().maxResults(1)).value();
  REQUIRE(all.size() == 2);
  CHECK(all[0].versionIdsToStages.at("v1") == std::vector<std::string>{"AWSCURRENT"});
  CHECK(all[1].tags.at(0).value == "dev");
  CHECK(detail::JsonValue::parse(s.transport->requests.at(1).body).at("NextToken").asString() == "t2");

  Scripted<RedshiftData> d;
  d.transport
      ->respond(200, R"({"ColumnMetadata":[{"name":"id","typeName":"int8"},{"name":"price","typeName":"float8"}],
                         "Records":[[{"longValue":9007199254740993},{"doubleValue":2.5e-3}],
                                    [{"isNull":true},{"stringValue":"caf\u00e9 \ud83d\ude00"}]],
                         "TotalNumRows":3,"NextToken":"p2"})", jsonHeaders())
      .respond(200, R"({"Records":[[{"booleanValue":false},{"blobValue":"AAH/"}]]})", jsonHeaders());
  auto rows = d.client.getAllStatementResults(kId).value();
  REQUIRE(rows.columns.size() == 2);
  CHECK(rows.columns[1].typeName == "float8");
  REQUIRE(rows.records.size() == 3);
  CHECK(*rows.records[0][0].longValue == 9007199254740993LL);  // beyond a double's precision, exact
  CHECK(rows.records[0][1].text() == "0.0025");
  CHECK(rows.records[1][0].null());
  CHECK(rows.records[1][0].text() == "NULL");
  CHECK(*rows.records[1][1].stringValue == "caf\xC3\xA9 \xF0\x9F\x98\x80");  // a surrogate pair, as UTF-8
  CHECK(rows.records[2][0].text() == "false");
  CHECK(*rows.records[2][1].blobValue == std::string("\x00\x01\xFF", 3));
  CHECK(rows.records[2][1].text() == "\\x0001ff");
}

TEST_CASE("waitForStatement polls DescribeStatement until the statement ends: finished, failed or aborted") {
  using awsdirect_test::FakeClock;
  auto described = [](const std::string& status, const std::string& error = "") {
    return R"({"Id":")" + kId + R"(","Status":")" + status + R"(","Error":")" + error + R"("})";
  };
  {
    Scripted<RedshiftData> d;
    FakeClock clock;
    d.transport->respond(200, described("SUBMITTED"), jsonHeaders())
        .respond(200, described("STARTED"), jsonHeaders())
        .respond(200, described("FINISHED"), jsonHeaders());
    std::vector<std::string> seen;
    auto options = clock.options(std::chrono::seconds(1), std::chrono::minutes(5));
    options.onProgress = [&](const WaitProgress& p) { seen.push_back(p.state); };
    auto finished = d.client.waitForStatement(kId, options);
    CHECK(finished.value().status == "FINISHED");
    CHECK(seen == std::vector<std::string>{"SUBMITTED", "STARTED", "FINISHED"});
    CHECK(clock.now.time_since_epoch() == std::chrono::seconds(2));
  }
  {
    Scripted<RedshiftData> d;
    FakeClock clock;
    d.transport->respond(200, described("FAILED", "ERROR: relation \\\"sales\\\" does not exist"), jsonHeaders());
    auto failed = d.client.waitForStatement(kId, clock.options());
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Waiter);
    CHECK(failed.error().code == "StatementFailed");
    CHECK(failed.error().message == "statement " + kId + " failed: ERROR: relation \"sales\" does not exist");
  }
  {
    Scripted<RedshiftData> d;
    FakeClock clock;
    d.transport->respond(200, described("ABORTED"), jsonHeaders());
    CHECK(d.client.waitForStatement(kId, clock.options()).error().code == "StatementAborted");
  }
  {
    Scripted<RedshiftData> d;
    FakeClock clock;
    d.transport->respond(400, R"({"__type":"ResourceNotFoundException","message":"Query does not exist."})", jsonHeaders());
    CHECK(d.client.waitForStatement(kId, clock.options()).error().code == "ResourceNotFoundException");
  }
  {
    Scripted<RedshiftData> d;
    FakeClock clock;
    for (int i = 0; i < 4; ++i) d.transport->respond(200, described("STARTED"), jsonHeaders());
    auto late = d.client.waitForStatement(kId, clock.options(std::chrono::seconds(1), std::chrono::seconds(3)));
    CHECK(late.error().code == "WaiterTimeout");
    CHECK(d.transport->requests.size() == 4);
  }
  CHECK(RedshiftData::kStatementFinished.delay == std::chrono::seconds(1));
}

TEST_CASE("any JSON operation is one call away, through the same pipeline") {
  Scripted<SecretsManager> s;
  s.transport->respond(200, R"({"Versions":[{"VersionId":"v-1"}],"ARN":"a"})", jsonHeaders());
  auto output = s.client.call("ListSecretVersionIds", R"({"SecretId":"prod/db","IncludeDeprecated":true})");
  CHECK(output.value() == R"({"Versions":[{"VersionId":"v-1"}],"ARN":"a"})");
  CHECK(*s.transport->requests.at(0).headers.get("X-Amz-Target") == "secretsmanager.ListSecretVersionIds");
  CHECK(s.transport->requests.at(0).body == R"({"SecretId":"prod/db","IncludeDeprecated":true})");

  auto notObject = s.client.call("ListSecretVersionIds", "[1]");
  auto badName = s.client.call("list-secret-version-ids");
  CHECK(notObject.error().problems.at(0).field == "Input");
  CHECK(badName.error().problems.at(0).field == "Operation");
  CHECK(s.transport->requests.size() == 1);
}
