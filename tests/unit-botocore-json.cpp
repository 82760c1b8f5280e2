// The JSON protocol against botocore: Secrets Manager's and the Redshift Data API's requests, with
// every member set, are sent as botocore's serializer sends the same parameters (X-Amz-Target,
// Content-Type and the body as JSON values), and their results, declared field by field, are
// read as botocore's parser reads an output object made from each service's model (maps, blobs,
// epoch timestamps, the Data API's one-member Field union).
#include <doctest/doctest.h>

#include <awsdirect/redshift_data.hpp>
#include <awsdirect/secrets_manager.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

SerializerCase secretsCase(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"Secrets Manager " + operation, "secretsmanager", operation, params, std::move(sent)};
}
SerializerCase dataCase(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"Redshift Data " + operation, "redshift-data", operation, params, std::move(sent)};
}

// Idempotency tokens are given: botocore makes up one of its own when they are not.
const std::string kToken = "0123456789abcdef0123456789abcdef";
const std::string kStatement = "d9b6c0c9-0747-4bf4-b142-e8883122f766";

}  // namespace

TEST_CASE("every Secrets Manager request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  using secretsmanager::RotationRules;
  using secretsmanager::SecretsFilter;
  RotationRules rules;
  rules.automaticallyAfterDays = 30;
  rules.duration = "3h";
  const std::vector<SerializerCase> cases = {
      secretsCase("CreateSecret",
                  R"({"Name":"prod/db","ClientRequestToken":")" + kToken + R"(","Description":"the database","KmsKeyId":"alias/k",
                      "SecretString":"{\"password\":\"Passw0rd!\"}","Tags":[{"Key":"env","Value":"dev"},{"Key":"team","Value":"data"}],
                      "ForceOverwriteReplicaSecret":true})",
                  sentBy<SecretsManager>(SecretsManager::createSecret().name("prod/db").clientRequestToken(kToken)
                                             .description("the database").kmsKeyId("alias/k")
                                             .secretString(R"({"password":"Passw0rd!"})")
                                             .tags({{"env", "dev"}, {"team", "data"}}).forceOverwriteReplicaSecret())),
      // A blob goes as base64; botocore encodes the text it is given.
      secretsCase("CreateSecret", R"({"Name":"bin","ClientRequestToken":")" + kToken + R"(","SecretBinary":"bytes \u00e9\u0001"})",
                  sentBy<SecretsManager>(SecretsManager::createSecret().name("bin").clientRequestToken(kToken)
                                             .secretBinary("bytes \xC3\xA9\x01"))),
      secretsCase("GetSecretValue", R"({"SecretId":"prod/db","VersionId":")" + kToken + R"(","VersionStage":"AWSPREVIOUS"})",
                  sentBy<SecretsManager>(SecretsManager::getSecretValue().secretId("prod/db").versionId(kToken)
                                             .versionStage("AWSPREVIOUS"))),
      secretsCase("PutSecretValue",
                  R"({"SecretId":"prod/db","ClientRequestToken":")" + kToken + R"(","SecretString":"s3cret",
                      "VersionStages":["AWSCURRENT","v2"],"RotationToken":"0123456789abcdef0123456789abcdef0123"})",
                  sentBy<SecretsManager>(SecretsManager::putSecretValue().secretId("prod/db").clientRequestToken(kToken)
                                             .secretString("s3cret").versionStages({"AWSCURRENT", "v2"})
                                             .rotationToken("0123456789abcdef0123456789abcdef0123"))),
      secretsCase("DescribeSecret", R"({"SecretId":"prod/db"})",
                  sentBy<SecretsManager>(SecretsManager::describeSecret().secretId("prod/db"))),
      secretsCase("ListSecrets",
                  R"({"IncludePlannedDeletion":true,"MaxResults":50,"NextToken":"t-1",
                      "Filters":[{"Key":"name","Values":["prod/","!prod/old"]},{"Key":"tag-key","Values":["env"]}],
                      "SortOrder":"desc","SortBy":"name"})",
                  sentBy<SecretsManager>(SecretsManager::listSecrets().includePlannedDeletion().maxResults(50).nextToken("t-1")
                                             .filters({SecretsFilter{"name", {"prod/", "!prod/old"}},
                                                       SecretsFilter{"tag-key", {"env"}}})
                                             .sortOrder("desc").sortBy("name"))),
      secretsCase("ListSecrets", R"({})", sentBy<SecretsManager>(SecretsManager::listSecrets())),
      secretsCase("DeleteSecret", R"({"SecretId":"prod/db","RecoveryWindowInDays":7})",
                  sentBy<SecretsManager>(SecretsManager::deleteSecret().secretId("prod/db").recoveryWindowInDays(7))),
      secretsCase("DeleteSecret", R"({"SecretId":"prod/db","ForceDeleteWithoutRecovery":true})",
                  sentBy<SecretsManager>(SecretsManager::deleteSecret().secretId("prod/db").forceDeleteWithoutRecovery())),
      secretsCase("TagResource", R"({"SecretId":"prod/db","Tags":[{"Key":"env","Value":""}]})",
                  sentBy<SecretsManager>(SecretsManager::tagResource().secretId("prod/db").tags({{"env", ""}}))),
      secretsCase("RotateSecret",
                  R"({"SecretId":"prod/db","ClientRequestToken":")" + kToken + R"(",
                      "RotationLambdaARN":"arn:aws:lambda:us-east-1:123456789012:function:rotate",
                      "RotationRules":{"AutomaticallyAfterDays":30,"Duration":"3h"},"RotateImmediately":false})",
                  sentBy<SecretsManager>(SecretsManager::rotateSecret().secretId("prod/db").clientRequestToken(kToken)
                                             .rotationLambdaArn("arn:aws:lambda:us-east-1:123456789012:function:rotate")
                                             .rotationRules(rules).rotateImmediately(false))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every Redshift Data API request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  using redshiftdata::SqlParameter;
  const std::vector<SerializerCase> cases = {
      dataCase("ExecuteStatement",
               R"({"Sql":"SELECT * FROM sales WHERE id = :id AND region = :region","ClusterIdentifier":"redshift-cluster",
                   "DbUser":"awsuser","Database":"dev","WithEvent":true,"StatementName":"daily",
                   "Parameters":[{"name":"id","value":"42"},{"name":"region","value":"eu-west-3"}],
                   "ClientToken":"tok-1","ResultFormat":"JSON","SessionKeepAliveSeconds":60})",
               sentBy<RedshiftData>(RedshiftData::executeStatement()
                                        .sql("SELECT * FROM sales WHERE id = :id AND region = :region")
                                        .clusterIdentifier("redshift-cluster").dbUser("awsuser").database("dev").withEvent()
                                        .statementName("daily")
                                        .parameters({SqlParameter{"id", "42"}, SqlParameter{"region", "eu-west-3"}})
                                        .clientToken("tok-1").resultFormat("JSON").sessionKeepAliveSeconds(60))),
      dataCase("ExecuteStatement",
               R"({"Sql":"SELECT 1","SecretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db","Database":"dev",
                   "WorkgroupName":"wg-one","ClientToken":"tok-2"})",
               sentBy<RedshiftData>(RedshiftData::executeStatement().sql("SELECT 1")
                                        .secretArn("arn:aws:secretsmanager:us-east-1:123456789012:secret:db").database("dev")
                                        .workgroupName("wg-one").clientToken("tok-2"))),
      dataCase("BatchExecuteStatement",
               R"j({"Sqls":["CREATE TABLE t (a int)","INSERT INTO t VALUES (1)"],"SessionId":")j" + kStatement + R"(",
                   "ClientToken":"tok-3"})",
               sentBy<RedshiftData>(RedshiftData::batchExecuteStatement()
                                        .sqls({"CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)"})
                                        .sessionId(kStatement).clientToken("tok-3"))),
      dataCase("DescribeStatement", R"({"Id":")" + kStatement + R"(:2"})",
               sentBy<RedshiftData>(RedshiftData::describeStatement().id(kStatement + ":2"))),
      dataCase("GetStatementResult", R"({"Id":")" + kStatement + R"(","NextToken":"p-2"})",
               sentBy<RedshiftData>(RedshiftData::getStatementResult().id(kStatement).nextToken("p-2"))),
      dataCase("ListStatements",
               R"({"NextToken":"n","MaxResults":100,"StatementName":"daily","Status":"FINISHED","RoleLevel":false,
                   "Database":"dev","ClusterIdentifier":"redshift-cluster"})",
               sentBy<RedshiftData>(RedshiftData::listStatements().nextToken("n").maxResults(100).statementName("daily")
                                        .status("FINISHED").roleLevel(false).database("dev")
                                        .clusterIdentifier("redshift-cluster"))),
      dataCase("CancelStatement", R"({"Id":")" + kStatement + R"("})",
               sentBy<RedshiftData>(RedshiftData::cancelStatement().id(kStatement))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every Secrets Manager and Data API result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto r = awsdirect_test::botocoreResponses(
      {{"secretsmanager", "CreateSecret"}, {"secretsmanager", "GetSecretValue"}, {"secretsmanager", "PutSecretValue"},
       {"secretsmanager", "DescribeSecret"}, {"secretsmanager", "ListSecrets"}, {"secretsmanager", "DeleteSecret"},
       {"secretsmanager", "RotateSecret"}, {"redshift-data", "ExecuteStatement"},
       {"redshift-data", "BatchExecuteStatement"}, {"redshift-data", "DescribeStatement"},
       {"redshift-data", "GetStatementResult"}, {"redshift-data", "ListStatements"}, {"redshift-data", "CancelStatement"}});
  REQUIRE(r.size() == 13);
  using awsdirect_test::checkJsonReadAsBotocore;
  checkJsonReadAsBotocore<secretsmanager::CreateSecretRequest>(r[0]);
  checkJsonReadAsBotocore<secretsmanager::GetSecretValueRequest>(r[1]);
  checkJsonReadAsBotocore<secretsmanager::PutSecretValueRequest>(r[2]);
  checkJsonReadAsBotocore<secretsmanager::DescribeSecretRequest>(r[3]);
  checkJsonReadAsBotocore<secretsmanager::ListSecretsRequest>(r[4]);
  checkJsonReadAsBotocore<secretsmanager::DeleteSecretRequest>(r[5]);
  checkJsonReadAsBotocore<secretsmanager::RotateSecretRequest>(r[6]);
  checkJsonReadAsBotocore<redshiftdata::ExecuteStatementRequest>(r[7]);
  checkJsonReadAsBotocore<redshiftdata::BatchExecuteStatementRequest>(r[8]);
  checkJsonReadAsBotocore<redshiftdata::DescribeStatementRequest>(r[9]);
  checkJsonReadAsBotocore<redshiftdata::GetStatementResultRequest>(r[10]);
  checkJsonReadAsBotocore<redshiftdata::ListStatementsRequest>(r[11]);
  checkJsonReadAsBotocore<redshiftdata::CancelStatementRequest>(r[12]);
}
