// Secrets Manager against a local AWS (moto_server on a loopback port, checking every signature),
// and checked with the AWS CLI: a secret's whole life (create, read, new value, describe, tag,
// list page by page, delete with and without a recovery window), text and binary values, typed
// errors, and the secret's value kept out of every message and log line.
#include <doctest/doctest.h>

#include <awsdirect/log.hpp>
#include <awsdirect/secrets_manager.hpp>

#include <string>
#include <vector>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;

namespace {

// The AWS CLI aimed at moto with its admin key: its JSON answer, parsed.
JsonValue cli(const MotoServer& moto, const std::string& arguments) {
  const std::string command = "env AWS_ACCESS_KEY_ID=" + moto.credentials().accessKeyId +
                              " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() +
                              " AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=" + moto.endpoint() +
                              " AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null " +
                              awsdirect_test::awsCli() + " --output json " + arguments;
  const auto result = awsdirect_test::runCommand(command);
  INFO("aws " << arguments << ": " << result.err);
  REQUIRE(result.status == 0);
  return JsonValue::parse(result.out.empty() ? "{}" : result.out);
}

}  // namespace

TEST_CASE("a secret's whole life in Secrets Manager, its value a Secret, checked with the AWS CLI") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  std::vector<std::string> logged;
  ClientConfig config = moto->clientConfig();
  config.logger.level = LogLevel::Debug;
  config.logger.sink = [&](LogLevel, const std::string& line) { logged.push_back(line); };
  SecretsManager secrets(config);
  const std::string password = "Tr0ub4dor&3-horse-battery";

  auto created = secrets.send(SecretsManager::createSecret().name("dev1/postgres").description("the database")
                                  .secretString(R"({"username":"awsuser","password":")" + password + R"("})")
                                  .tags({{"awsdirect:environment", "dev1"}}));
  REQUIRE(created.ok());
  CHECK(created.value().name == "dev1/postgres");
  CHECK(created.value().arn.find(":secret:dev1/postgres-") != std::string::npos);
  CHECK(created.value().versionId.size() == 36);  // the token the client made up is the version's id

  auto value = secrets.send(SecretsManager::getSecretValue().secretId("dev1/postgres")).value();
  CHECK(value.secretString->reveal().find(password) != std::string::npos);
  CHECK(value.versionStages == std::vector<std::string>{"AWSCURRENT"});
  CHECK(value.createdDate.has_value());

  // The AWS CLI reads what awsdirect wrote ...
  CHECK(cli(*moto, "secretsmanager get-secret-value --secret-id dev1/postgres").at("SecretString").asString() ==
        value.secretString->reveal());

  // ... and awsdirect what the AWS CLI wrote; bytes go both ways as base64.
  cli(*moto, "secretsmanager create-secret --name dev1/key --secret-string cli-wrote");
  CHECK(secrets.send(SecretsManager::getSecretValue().secretId("dev1/key")).value().secretString->reveal() == "cli-wrote");
  REQUIRE(secrets.send(SecretsManager::putSecretValue().secretId("dev1/key").secretBinary(std::string("\x00\x01\xFE\xFF", 4))).ok());
  CHECK(cli(*moto, "secretsmanager get-secret-value --secret-id dev1/key").at("SecretBinary").asString() == "AAH+/w==");
  CHECK(secrets.send(SecretsManager::getSecretValue().secretId("dev1/key")).value().secretBinary->reveal() ==
        std::string("\x00\x01\xFE\xFF", 4));

  auto put = secrets.send(SecretsManager::putSecretValue().secretId("dev1/postgres").secretString("rotated-by-hand"));
  REQUIRE(put.ok());
  CHECK(put.value().versionStages == std::vector<std::string>{"AWSCURRENT"});
  auto previous = secrets.send(SecretsManager::getSecretValue().secretId("dev1/postgres").versionStage("AWSPREVIOUS"));
  CHECK(previous.value().secretString->reveal().find(password) != std::string::npos);

  REQUIRE(secrets.send(SecretsManager::tagResource().secretId("dev1/postgres").tags({{"owner", "data-team"}})).ok());
  auto described = secrets.send(SecretsManager::describeSecret().secretId("dev1/postgres")).value();
  CHECK(described.description == "the database");
  CHECK(described.tags.size() == 2);
  CHECK(described.versionIdsToStages.size() == 2);
  CHECK(described.versionIdsToStages.at(put.value().versionId) == std::vector<std::string>{"AWSCURRENT"});

  for (int i = 0; i < 3; ++i)
    REQUIRE(secrets.send(SecretsManager::createSecret().name("dev2/s" + std::to_string(i)).secretString("v")).ok());
  auto dev1 = secrets.listAllSecrets(SecretsManager::listSecrets().maxResults(1).filters({{"name", {"dev1/"}}})).value();
  CHECK(dev1.size() == 2);
  auto all = secrets.listAllSecrets(SecretsManager::listSecrets().maxResults(2)).value();
  CHECK(all.size() == 5);

  // Deleted after a recovery window: listed only when asked for, and restorable meanwhile.
  auto scheduled = secrets.send(SecretsManager::deleteSecret().secretId("dev1/postgres").recoveryWindowInDays(7));
  REQUIRE(scheduled.ok());
  CHECK(scheduled.value().deletionDate.has_value());
  CHECK(secrets.listAllSecrets().value().size() == 4);
  CHECK(secrets.listAllSecrets(SecretsManager::listSecrets().includePlannedDeletion()).value().size() == 5);
  // Deleted at once: gone, and asking for it is a typed ResourceNotFoundException.
  for (const char* name : {"dev1/postgres", "dev1/key", "dev2/s0", "dev2/s1", "dev2/s2"})
    REQUIRE(secrets.send(SecretsManager::deleteSecret().secretId(name).forceDeleteWithoutRecovery()).ok());
  auto missing = secrets.send(SecretsManager::getSecretValue().secretId("dev1/key"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::Service);
  CHECK(missing.error().code == "ResourceNotFoundException");
  CHECK(cli(*moto, "secretsmanager list-secrets --include-planned-deletion").at("SecretList").size() == 0);

  // Nothing logged holds the value or the signing key.
  REQUIRE_FALSE(logged.empty());
  for (const std::string& line : logged) {
    CHECK(line.find(password) == std::string::npos);
    CHECK(line.find(moto->credentials().secretAccessKey.reveal()) == std::string::npos);
  }
}

TEST_CASE("rotation, and the errors Secrets Manager gives, arrive typed") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  SecretsManager secrets(moto->clientConfig());
  REQUIRE(secrets.send(SecretsManager::createSecret().name("rotating").secretString("v1")).ok());
  auto duplicate = secrets.send(SecretsManager::createSecret().name("rotating").secretString("v1"));
  CHECK(duplicate.error().code == "ResourceExistsException");

  secretsmanager::RotationRules rules;
  rules.automaticallyAfterDays = 30;
  // Rotation by the secret's own rules (moto calls no Lambda then): a new version is made.
  auto rotated = secrets.send(SecretsManager::rotateSecret().secretId("rotating").rotationRules(rules).rotateImmediately(false));
  REQUIRE(rotated.ok());
  CHECK(rotated.value().name == "rotating");
  auto described = secrets.send(SecretsManager::describeSecret().secretId("rotating")).value();
  CHECK(described.rotationEnabled);
  CHECK(described.rotationRules->automaticallyAfterDays == 30);
  // moto then plays the rotation function's part: the new version is current, the old one previous.
  CHECK(described.versionIdsToStages.at(rotated.value().versionId) == std::vector<std::string>{"AWSCURRENT"});
  CHECK(described.versionIdsToStages.size() == 2);
  // With a rotation function that does not exist, the service's error arrives typed.
  auto noFunction = secrets.send(SecretsManager::rotateSecret().secretId("rotating")
                                     .rotationLambdaArn("arn:aws:lambda:us-east-1:123456789012:function:missing"));
  REQUIRE_FALSE(noFunction.ok());
  CHECK(noFunction.error().kind == ErrorKind::Service);
  CHECK(noFunction.error().code == "ResourceNotFoundException");
  REQUIRE(secrets.send(SecretsManager::deleteSecret().secretId("rotating").forceDeleteWithoutRecovery()).ok());
}
