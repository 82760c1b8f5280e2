// IAM against a local AWS (moto_server on a loopback port, checking every signature, knowing
// AWS's managed policies): the seed's role and user created, checked and removed through the
// library and through the iam_role, iam_user and whoami examples, cross-checked with the AWS CLI;
// the error paths as typed errors with IAM's codes; and the new access key proven to work.
#include <doctest/doctest.h>

#include <awsdirect/iam.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/sts.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/detail/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;

namespace {

const char* kS3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const char* kRedshiftFull = "arn:aws:iam::aws:policy/AmazonRedshiftFullAccess";

std::unique_ptr<MotoServer> startMoto() {
  return MotoServer::start({/*checkSignatures=*/true, /*loadManagedPolicies=*/true});
}

std::vector<std::string> arnsOf(const std::vector<iam::AttachedPolicy>& policies) {
  std::vector<std::string> arns;
  for (const auto& p : policies) arns.push_back(p.policyArn);
  std::sort(arns.begin(), arns.end());
  return arns;
}

// Runs `command` through the shell; returns its exit status and what it printed (both streams).
std::pair<int, std::string> run(const std::string& command) {
  auto result = awsdirect_test::runCommandMerged(command);
  return {result.status, result.out};
}

using awsdirect_test::readFile;

// A fresh directory standing in for ~/.aws, removed afterwards.
struct TempHome {
  std::string dir;
  TempHome() {
    char pattern[] = "/tmp/awsdirect-integration-iam-XXXXXX";
    dir = mkdtemp(pattern);
  }
  ~TempHome() { run("rm -rf '" + dir + "'"); }
  std::string path(const std::string& name) const { return dir + "/" + name; }
};

}  // namespace

TEST_CASE("the seed's role: created, checked and removed, with IAM's errors typed") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Iam iam(moto->clientConfig());

  iam::Role created = iam.send(Iam::createRole()
                                   .roleName("myRedshiftRole")
                                   .description("Redshift reads the seed's S3 data")
                                   .assumeRolePolicy(iam::TrustPolicy::service("redshift.amazonaws.com"))
                                   .tag("project", "seed"))
                          .value();
  CHECK(created.arn == "arn:aws:iam::123456789012:role/myRedshiftRole");
  CHECK(created.path == "/");
  iam::Role role = iam.waitUntilRoleExists("myRedshiftRole").value();
  // IAM returned the trust policy URL-encoded; the result holds it decoded.
  CHECK(role.assumeRolePolicyDocument == iam::TrustPolicy::service("redshift.amazonaws.com").json());
  CHECK(role.description == "Redshift reads the seed's S3 data");
  REQUIRE(role.tags.size() == 1);
  CHECK(role.tags[0].value == "seed");
  CHECK(role.createDate.has_value());

  iam.send(Iam::attachRolePolicy().roleName("myRedshiftRole").policyArn(kS3ReadOnly)).value();
  CHECK(arnsOf(iam.listAllAttachedRolePolicies("myRedshiftRole").value()) == std::vector<std::string>{kS3ReadOnly});

  // Pagination: one policy per page, Marker followed to the end.
  iam.send(Iam::attachRolePolicy().roleName("myRedshiftRole").policyArn(kRedshiftFull)).value();
  auto paged = iam.listAllAttachedRolePolicies(Iam::listAttachedRolePolicies().roleName("myRedshiftRole").maxItems(1));
  CHECK(arnsOf(paged.value()) == std::vector<std::string>{kRedshiftFull, kS3ReadOnly});

  auto duplicate =
      iam.send(Iam::createRole().roleName("myRedshiftRole").assumeRolePolicy(iam::TrustPolicy::service("redshift.amazonaws.com")));
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().kind == ErrorKind::Service);
  CHECK(duplicate.error().code == "EntityAlreadyExists");
  CHECK(duplicate.error().httpStatus == 409);
  CHECK_FALSE(duplicate.error().requestId.empty());
  CHECK_THROWS_AS(duplicate.value(), AwsError);

  auto conflict = iam.send(Iam::deleteRole().roleName("myRedshiftRole"));
  CHECK(conflict.error().code == "DeleteConflict");  // policies still attached
  auto unknownPolicy =
      iam.send(Iam::attachRolePolicy().roleName("myRedshiftRole").policyArn("arn:aws:iam::aws:policy/NoSuchPolicyAtAll"));
  CHECK(unknownPolicy.error().code == "NoSuchEntity");
  CHECK(unknownPolicy.error().httpStatus == 404);

  for (const auto& policy : iam.listAllAttachedRolePolicies("myRedshiftRole").value())
    iam.send(Iam::detachRolePolicy().roleName("myRedshiftRole").policyArn(policy.policyArn)).value();
  iam.send(Iam::deleteRole().roleName("myRedshiftRole")).value();

  auto gone = iam.send(Iam::getRole().roleName("myRedshiftRole"));
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "NoSuchEntity");
  CHECK(gone.error().httpStatus == 404);
  CHECK(iam.send(Iam::deleteRole().roleName("myRedshiftRole")).error().code == "NoSuchEntity");
}

TEST_CASE("the seed's user: policies and an access key that then signs and is refused beyond its policies") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Iam iam(moto->clientConfig());
  const std::string user = "airflow_redshift_user";

  iam::User created = iam.send(Iam::createUser().userName(user)).value();
  CHECK(created.arn == "arn:aws:iam::123456789012:user/airflow_redshift_user");
  iam.waitUntilUserExists(user).value();
  iam.send(Iam::attachUserPolicy().userName(user).policyArn(kRedshiftFull)).value();
  iam.send(Iam::attachUserPolicy().userName(user).policyArn(kS3ReadOnly)).value();
  CHECK(arnsOf(iam.listAllAttachedUserPolicies(user).value()) == std::vector<std::string>{kRedshiftFull, kS3ReadOnly});

  iam::AccessKey key = iam.send(Iam::createAccessKey().userName(user)).value();
  CHECK(key.status == "Active");
  CHECK(key.accessKeyId.rfind("AKIA", 0) == 0);
  CHECK(key.secretAccessKey.reveal().size() >= 20);
  auto keys = iam.listAllAccessKeys(user).value();
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].accessKeyId == key.accessKeyId);

  // The new key signs requests that moto verifies, and acts as the user with the user's policies.
  ClientConfig asUser = moto->clientConfig().withCredentials(Credentials(key.accessKeyId, key.secretAccessKey.reveal()));
  CHECK(Sts(asUser).callerIdentity().value().arn == created.arn);
  CHECK(Redshift(asUser).send(Redshift::describeClusters()).ok());  // AmazonRedshiftFullAccess
  auto denied = Iam(asUser).send(Iam::createUser().userName("intruder"));  // nothing allows iam:CreateUser
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().kind == ErrorKind::Service);
  CHECK(denied.error().httpStatus == 403);
  CHECK(denied.error().code == "AccessDenied");
  CHECK(denied.error().message.find(key.secretAccessKey.reveal()) == std::string::npos);

  CHECK(iam.send(Iam::createUser().userName(user)).error().code == "EntityAlreadyExists");
  CHECK(iam.send(Iam::createAccessKey().userName("nobody")).error().code == "NoSuchEntity");
  CHECK(iam.send(Iam::deleteUser().userName(user)).error().code == "DeleteConflict");  // it has keys and policies

  iam.send(Iam::deleteAccessKey().userName(user).accessKeyId(key.accessKeyId)).value();
  for (const auto& policy : iam.listAllAttachedUserPolicies(user).value())
    iam.send(Iam::detachUserPolicy().userName(user).policyArn(policy.policyArn)).value();
  iam.send(Iam::deleteUser().userName(user)).value();
  CHECK(iam.send(Iam::getUser().userName(user)).error().code == "NoSuchEntity");
  // The deleted key no longer signs anything.
  CHECK_FALSE(Sts(asUser).callerIdentity().ok());
}

namespace {

// The examples and the AWS CLI, run as a user would: a clean environment aimed at moto, with
// its own ~/.aws.
struct Shell {
  const MotoServer& moto;
  const TempHome& home;

  std::string environment(bool withAdminKeys, const std::string& extra = "") const {
    std::string env = "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin:" + std::string(std::getenv("PATH") ? std::getenv("PATH") : "") +
                      " HOME=" + home.dir + " AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=" + moto.endpoint() +
                      " AWS_CONFIG_FILE=" + home.path("config") + " AWS_SHARED_CREDENTIALS_FILE=" +
                      home.path("credentials") + " AWS_PAGER= ";
    if (withAdminKeys)
      env += "AWS_ACCESS_KEY_ID=" + moto.credentials().accessKeyId +
             " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() + " ";
    return env + extra + " ";
  }
  std::pair<int, std::string> example(const std::string& program, const std::string& arguments,
                                      bool withAdminKeys = true, const std::string& extra = "") const {
    return run(environment(withAdminKeys, extra) + AWSDIRECT_BINARY_DIR "/examples/" + program + " " + arguments);
  }
  // The AWS CLI's JSON answer, parsed.
  JsonValue cli(const std::string& arguments, bool withAdminKeys = true, const std::string& extra = "") const {
    auto [status, output] = run(environment(withAdminKeys, extra) + awsdirect_test::awsCli() + " --output json " + arguments);
    const std::string& outputText = output;  // INFO cannot capture a binding
    INFO("aws " << arguments << ": " << outputText);
    REQUIRE(status == 0);
    return JsonValue::parse(output);
  }
  int cliStatus(const std::string& arguments) const {
    return run(environment(true) + awsdirect_test::awsCli() + " --output json " + arguments).first;
  }
};

std::vector<std::string> cliArns(const JsonValue& answer) {
  std::vector<std::string> arns;
  for (const auto& p : answer.at("AttachedPolicies").asArray()) arns.push_back(p.at("PolicyArn").asString());
  std::sort(arns.begin(), arns.end());
  return arns;
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("the iam_role, iam_user and whoami examples make the seed's role and user, as the AWS CLI sees them") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  TempHome home;
  Shell shell{*moto, home};

  // ---- myRedshiftRole ----
  auto [roleCreated, roleOutput] =
      shell.example("iam_role", "create --name myRedshiftRole --trust-service redshift.amazonaws.com --policy-arn " +
                                    std::string(kS3ReadOnly));
  const std::string& roleOutputText = roleOutput;  // INFO cannot capture a binding
  INFO(roleOutputText);
  CHECK(roleCreated == 0);
  CHECK(roleOutput.find("arn:      arn:aws:iam::123456789012:role/myRedshiftRole\n") != std::string::npos);
  CHECK(roleOutput.find("trust:    redshift.amazonaws.com\n") != std::string::npos);
  CHECK(roleOutput.find("policy:   " + std::string(kS3ReadOnly) + "\n") != std::string::npos);

  CHECK(cliArns(shell.cli("iam list-attached-role-policies --role-name myRedshiftRole")) ==
        std::vector<std::string>{kS3ReadOnly});
  JsonValue cliRole = shell.cli("iam get-role --role-name myRedshiftRole").at("Role");
  CHECK(cliRole.at("Arn").asString() == "arn:aws:iam::123456789012:role/myRedshiftRole");
  CHECK(cliRole.at("AssumeRolePolicyDocument").at("Statement").asArray()[0].at("Principal").at("Service").asString() ==
        "redshift.amazonaws.com");

  auto [described, describeOutput] = shell.example("iam_role", "describe --name myRedshiftRole");
  CHECK(described == 0);
  CHECK(describeOutput ==
        "role:     myRedshiftRole\narn:      arn:aws:iam::123456789012:role/myRedshiftRole\n"
        "trust:    redshift.amazonaws.com\npolicy:   arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n");

  auto [duplicate, duplicateOutput] =
      shell.example("iam_role", "create --name myRedshiftRole --trust-service redshift.amazonaws.com");
  CHECK(duplicate == 1);
  CHECK(duplicateOutput.find("EntityAlreadyExists") != std::string::npos);
  CHECK(lines(duplicateOutput) == 1);

  // A policy AWS does not have: nothing is left behind.
  auto [badPolicy, badPolicyOutput] = shell.example(
      "iam_role", "create --name halfRole --trust-service redshift.amazonaws.com --policy-arn "
                  "arn:aws:iam::aws:policy/NoSuchPolicyAtAll");
  CHECK(badPolicy == 1);
  CHECK(badPolicyOutput.find("NoSuchEntity") != std::string::npos);
  CHECK(shell.cliStatus("iam get-role --role-name halfRole") != 0);

  // Bad input is refused before the network: with the endpoint on a closed port, the error is
  // still the rule, not a connection failure.
  auto [invalid, invalidOutput] = shell.example("iam_role", "create --name 'my role!' --trust-service Redshift", true,
                                                "AWS_ENDPOINT_URL=http://127.0.0.1:9");
  CHECK(invalid == 2);
  CHECK(invalidOutput.find("RoleName may contain only letters, digits and + = , . @ _ -") != std::string::npos);
  CHECK(invalidOutput.find("AssumeRolePolicyDocument.Principal.Service") != std::string::npos);
  CHECK(lines(invalidOutput) == 1);

  // ---- airflow_redshift_user, with its key saved as profile "airflow" ----
  auto [userCreated, userOutput] =
      shell.example("iam_user", "create --name airflow_redshift_user --policy-arn " + std::string(kRedshiftFull) +
                                    " --policy-arn " + kS3ReadOnly + " --access-key --save-profile airflow");
  const std::string& userOutputText = userOutput;  // INFO cannot capture a binding
  INFO(userOutputText);
  CHECK(userCreated == 0);
  CHECK(userOutput.find("arn:      arn:aws:iam::123456789012:user/airflow_redshift_user\n") != std::string::npos);
  CHECK(userOutput.find(" saved as profile airflow in " + home.path("credentials")) != std::string::npos);

  struct stat info {};
  REQUIRE(stat(home.path("credentials").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  const std::string savedFile = readFile(home.path("credentials"));
  auto setting = [](const std::string& text, const std::string& name) {
    std::size_t at = text.find(name + " = ");
    REQUIRE(at != std::string::npos);
    return text.substr(at + name.size() + 3, text.find('\n', at) - at - name.size() - 3);
  };
  const std::string keyId = setting(savedFile, "aws_access_key_id");
  const std::string secret = setting(savedFile, "aws_secret_access_key");
  CHECK(savedFile == "[airflow]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n");
  CHECK(userOutput.find(secret) == std::string::npos);  // the secret is saved, never printed
  CHECK(userOutput.find(keyId) != std::string::npos);

  CHECK(cliArns(shell.cli("iam list-attached-user-policies --user-name airflow_redshift_user")) ==
        std::vector<std::string>{kRedshiftFull, kS3ReadOnly});
  JsonValue cliKeys = shell.cli("iam list-access-keys --user-name airflow_redshift_user").at("AccessKeyMetadata");
  REQUIRE(cliKeys.size() == 1);
  CHECK(cliKeys.asArray()[0].at("AccessKeyId").asString() == keyId);

  // The profile works: whoami (and the AWS CLI) sign with it, and moto verifies the signature.
  auto [whoami, whoamiOutput] = shell.example("whoami", "", false, "AWS_PROFILE=airflow");
  CHECK(whoami == 0);
  CHECK(whoamiOutput ==
        "account:  123456789012\narn:      arn:aws:iam::123456789012:user/airflow_redshift_user\nuser id:  " +
            shell.cli("sts get-caller-identity", false, "AWS_PROFILE=airflow").at("UserId").asString() + "\n");
  CHECK(whoamiOutput.find(secret) == std::string::npos);

  auto [userDescribed, userDescribeOutput] = shell.example("iam_user", "describe --name airflow_redshift_user");
  CHECK(userDescribed == 0);
  CHECK(userDescribeOutput.find("policy:   " + std::string(kRedshiftFull) + "\n") != std::string::npos);
  CHECK(userDescribeOutput.find("key:      " + keyId + " (Active)\n") != std::string::npos);

  // Other profiles and comments stay as they were; saving a profile again replaces its keys in place.
  {
    std::ofstream append(home.path("credentials"), std::ios::app);
    append << "\n# kept by hand\n[other]\naws_access_key_id = AKIDOTHEREXAMPLE\naws_secret_access_key = other-secret\n"
              "aws_session_token = stale-token\nregion = eu-west-1\n";
  }
  auto [second, secondOutput] = shell.example("iam_user", "create --name seed_second_user --access-key --save-profile other");
  const std::string& secondOutputText = secondOutput;  // INFO cannot capture a binding
  INFO(secondOutputText);
  CHECK(second == 0);
  const std::string updated = readFile(home.path("credentials"));
  CHECK(updated.rfind(savedFile + "\n# kept by hand\n[other]\naws_access_key_id = AKIA", 0) == 0);
  CHECK(updated.find("AKIDOTHEREXAMPLE") == std::string::npos);
  CHECK(updated.find("stale-token") == std::string::npos);  // a session token would not match the new key
  CHECK(updated.find("\nregion = eu-west-1\n") != std::string::npos);
  CHECK(std::count(updated.begin(), updated.end(), '[') == 2);
  REQUIRE(stat(home.path("credentials").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto [otherWhoami, otherOutput] = shell.example("whoami", "", false, "AWS_PROFILE=other");
  CHECK(otherWhoami == 0);
  CHECK(otherOutput.find("arn:      arn:aws:iam::123456789012:user/seed_second_user\n") != std::string::npos);

  auto [noProfile, noProfileOutput] = shell.example("iam_user", "create --name keyless --access-key");
  CHECK(noProfile == 2);
  CHECK(noProfileOutput.rfind(
            "iam_user create: --access-key: needs --save-profile PROFILE: the secret is saved there, never printed\n", 0) == 0);
  CHECK(shell.cliStatus("iam get-user --user-name keyless") != 0);

  // A key that cannot be saved is deleted again, with its user: nobody could ever read its secret.
  auto [unsaved, unsavedOutput] =
      shell.example("iam_user", "create --name unsaved_user --policy-arn " + std::string(kS3ReadOnly) +
                                    " --access-key --save-profile unsaved",
                    true, "AWS_SHARED_CREDENTIALS_FILE=/proc/awsdirect-nowhere/credentials");
  CHECK(unsaved == 1);
  CHECK(unsavedOutput.find("iam_user create: CannotSaveProfile: cannot create /proc/awsdirect-nowhere") != std::string::npos);
  CHECK(shell.cliStatus("iam get-user --user-name unsaved_user") != 0);

  // ---- removal ----
  auto [userDeleted, userDeleteOutput] = shell.example("iam_user", "delete --name airflow_redshift_user");
  CHECK(userDeleted == 0);
  CHECK(userDeleteOutput == "deleted:  access key " + keyId + "\ndetached: " + kRedshiftFull + "\ndetached: " +
                                kS3ReadOnly + "\ndeleted:  airflow_redshift_user\n");
  CHECK(shell.cliStatus("iam get-user --user-name airflow_redshift_user") != 0);
  CHECK(shell.example("iam_user", "delete --name seed_second_user").first == 0);
  auto [staleWhoami, staleOutput] = shell.example("whoami", "", false, "AWS_PROFILE=airflow");
  CHECK(staleWhoami == 1);  // the key was deleted with its user
  CHECK(staleOutput.find("InvalidClientTokenId") != std::string::npos);
  CHECK(lines(staleOutput) == 1);

  auto [roleDeleted, roleDeleteOutput] = shell.example("iam_role", "delete --name myRedshiftRole");
  CHECK(roleDeleted == 0);
  CHECK(roleDeleteOutput == "detached: " + std::string(kS3ReadOnly) + "\ndeleted:  myRedshiftRole\n");
  CHECK(shell.cliStatus("iam get-role --role-name myRedshiftRole") != 0);
  auto [missing, missingOutput] = shell.example("iam_role", "describe --name myRedshiftRole");
  CHECK(missing == 1);
  CHECK(missingOutput.find("NoSuchEntity") != std::string::npos);
  CHECK(lines(missingOutput) == 1);
}

TEST_CASE("AWS_PROFILE=assumed whoami shows the assumed role, as the AWS CLI does") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  TempHome home;
  Shell shell{*moto, home};

  // A role the admin may assume (moto checks the trust policy against the caller's ARN).
  Iam iam(moto->clientConfig());
  const std::string admin = Sts(moto->clientConfig()).callerIdentity().value().arn;
  iam.send(Iam::createRole().roleName("seed-operator").assumeRolePolicy(iam::TrustPolicy::principal(admin))).value();

  std::ofstream(home.path("credentials")) << "[admin]\naws_access_key_id = " << moto->credentials().accessKeyId
                                          << "\naws_secret_access_key = " << moto->credentials().secretAccessKey.reveal()
                                          << "\n";
  std::ofstream(home.path("config")) << "[profile assumed]\nrole_arn = arn:aws:iam::123456789012:role/seed-operator\n"
                                        "source_profile = admin\nrole_session_name = seed-session\n";

  auto [status, output] = shell.example("whoami", "", false, "AWS_PROFILE=assumed");
  const std::string& outputText = output;  // INFO cannot capture a binding
  INFO(outputText);
  CHECK(status == 0);
  CHECK(output.find("arn:      arn:aws:sts::123456789012:assumed-role/seed-operator/seed-session\n") != std::string::npos);
  JsonValue cli = shell.cli("sts get-caller-identity", false, "AWS_PROFILE=assumed");
  CHECK(cli.at("Arn").asString() == "arn:aws:sts::123456789012:assumed-role/seed-operator/seed-session");
  CHECK(output.find("user id:  " + cli.at("UserId").asString() + "\n") != std::string::npos);
}

TEST_CASE("iam_role delete and iam_user delete remove what a console user added: inline policies, profiles, "
          "password, MFA, keys, groups") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  TempHome home;
  Shell shell{*moto, home};
  Iam iam(moto->clientConfig());
  const iam::PolicyDocument readBucket = iam::PolicyDocument().allow({"s3:GetObject"}, {"arn:aws:s3:::seed-bucket/*"});

  // The role, as the seed makes it, then what a console user adds to it.
  REQUIRE(shell.example("iam_role", "create --name consoleRole --trust-service redshift.amazonaws.com --policy-arn " +
                                        std::string(kS3ReadOnly)).first == 0);
  iam.send(Iam::putRolePolicy().roleName("consoleRole").policyName("read-bucket").policyDocument(readBucket)).value();
  iam.send(Iam::putRolePolicy().roleName("consoleRole").policyName("second").policyDocument(readBucket)).value();
  iam.send(Iam::tagRole().roleName("consoleRole").tag("owner", "console")).value();
  // Operations the library does not type yet go through call(), the same pipeline.
  iam.call("CreateInstanceProfile", {{"InstanceProfileName", "consoleProfile"}}).value();
  iam.call("AddRoleToInstanceProfile", {{"InstanceProfileName", "consoleProfile"}, {"RoleName", "consoleRole"}}).value();
  CHECK(iam.send(Iam::deleteRole().roleName("consoleRole")).error().code == "DeleteConflict");
  CHECK(iam.listAll(Iam::listRolePolicies().roleName("consoleRole").maxItems(1)).value() ==
        std::vector<std::string>{"read-bucket", "second"});

  auto [roleDeleted, roleOutput] = shell.example("iam_role", "delete --name consoleRole");
  CHECK(roleDeleted == 0);
  CHECK(roleOutput == "removed:  read-bucket (DeleteRolePolicy)\nremoved:  second (DeleteRolePolicy)\ndetached: " +
                          std::string(kS3ReadOnly) +
                          "\nremoved:  consoleProfile (RemoveRoleFromInstanceProfile)\ndeleted:  consoleRole\n");
  CHECK(shell.cliStatus("iam get-role --role-name consoleRole") != 0);

  // The user, with everything DeleteUser refuses to leave behind.
  REQUIRE(shell.example("iam_user", "create --name consoleUser --policy-arn " + std::string(kS3ReadOnly)).first == 0);
  iam.send(Iam::putUserPolicy().userName("consoleUser").policyName("read-bucket").policyDocument(readBucket)).value();
  const std::string keyId = iam.send(Iam::createAccessKey().userName("consoleUser")).value().accessKeyId;
  iam.send(Iam::updateAccessKey().userName("consoleUser").accessKeyId(keyId).status("Inactive")).value();
  iam.call("CreateLoginProfile", {{"UserName", "consoleUser"}, {"Password", "Console-Passw0rd!"}}).value();
  iam.call("CreateGroup", {{"GroupName", "analysts"}}).value();
  iam.call("AddUserToGroup", {{"GroupName", "analysts"}, {"UserName", "consoleUser"}}).value();
  auto device = iam.call("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "consoleUser-phone"}}).value();
  const std::string serial = device.result().child("VirtualMFADevice").text("SerialNumber");
  REQUIRE_FALSE(serial.empty());
  iam.call("EnableMFADevice", {{"UserName", "consoleUser"}, {"SerialNumber", serial}, {"AuthenticationCode1", "123456"},
                               {"AuthenticationCode2", "234567"}})
      .value();
  CHECK(iam.send(Iam::getLoginProfile().userName("consoleUser")).value().userName == "consoleUser");
  CHECK(iam.listAll(Iam::listMfaDevices().userName("consoleUser")).value().size() == 1);
  CHECK(iam.send(Iam::deleteUser().userName("consoleUser")).error().code == "DeleteConflict");

  auto [userDeleted, userOutput] = shell.example("iam_user", "delete --name consoleUser");
  CHECK(userDeleted == 0);
  CHECK(userOutput == "deleted:  access key " + keyId + "\nremoved:  console password (DeleteLoginProfile)\nremoved:  " +
                          serial + " (DeactivateMFADevice)\nremoved:  analysts (RemoveUserFromGroup)\nremoved:  read-bucket "
                          "(DeleteUserPolicy)\ndetached: " + std::string(kS3ReadOnly) + "\ndeleted:  consoleUser\n");
  CHECK(shell.cliStatus("iam get-user --user-name consoleUser") != 0);
  CHECK(iam.send(Iam::getUser().userName("consoleUser")).error().code == "NoSuchEntity");

  // A second delete names what is missing, typed.
  auto [again, againOutput] = shell.example("iam_user", "delete --name consoleUser");
  CHECK(again == 1);
  CHECK(againOutput.find("NoSuchEntity") != std::string::npos);
}
