// The whole environment as code (iac/stack.hpp, through the hands_on_aws example) against a
// local AWS (moto_server), each result checked with the AWS CLI: up creates every resource as
// the seed describes it, up again changes nothing (its recording holds no mutating call), two
// environments coexist, a failure part-way is reported and down then leaves nothing, conflicts
// are left alone, reap takes down what outlived its TTL, and no secret is ever printed.
#include <doctest/doctest.h>

#include <awsdirect/detail/json.hpp>
#include <awsdirect/iac/resources.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "support/certificate.hpp"
#include "support/command.hpp"
#include "support/moto.hpp"
#include "support/test_server.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// hands_on_aws and the AWS CLI, run as a user would: a clean environment aimed at moto, with
// its own HOME (so its ~/.aws and ~/.config).
struct Shell {
  const MotoServer& moto;
  std::string caBundle;  // moto's certificate: the environments' buckets refuse plain HTTP
  std::string home;

  Shell(const MotoServer& server, std::string certificate) : moto(server), caBundle(std::move(certificate)) {
    char pattern[] = "/tmp/awsdirect-integration-iac-XXXXXX";
    home = mkdtemp(pattern);
    std::ofstream(home + "/sample.csv") << "id,name\n1,alpha\n2,beta\n";
  }
  ~Shell() { awsdirect_test::runCommand("rm -rf '" + home + "'"); }

  std::string environment(const std::string& extra) const {
    return "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=" +
           std::string(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin") + " HOME=" + home +
           " AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=" + moto.endpoint() +
           " AWS_ACCESS_KEY_ID=" + moto.credentials().accessKeyId +
           " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() + " AWS_CA_BUNDLE=" + caBundle +
           " AWS_PAGER= " + extra + " ";
  }
  awsdirect_test::CommandResult tool(const std::string& arguments, const std::string& extra = "") const {
    auto result = awsdirect_test::runCommand(environment(extra) + AWSDIRECT_BINARY_DIR "/examples/hands_on_aws " +
                                             arguments);
    for (const std::string& secret : secrets()) {
      CHECK_FALSE(contains(result.out, secret));
      CHECK_FALSE(contains(result.err, secret));
    }
    return result;
  }
  JsonValue cli(const std::string& arguments) const {
    auto result = awsdirect_test::runCommand(environment("") + awsdirect_test::awsCli() + " --output json " + arguments);
    const std::string& err = result.err;
    INFO("aws " << arguments << ": " << err);
    REQUIRE(result.status == 0);
    return JsonValue::parse(result.out.empty() ? "{}" : result.out);
  }
  int cliStatus(const std::string& arguments) const {
    return awsdirect_test::runCommand(environment("") + awsdirect_test::awsCli() + " --output json " + arguments).status;
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(home + "/" + name) << text; }
  // The secrets the runs wrote: the user's secret key, the generated passwords.
  std::vector<std::string> secrets() const {
    std::vector<std::string> found;
    std::ifstream credentials(home + "/.aws/credentials");
    for (std::string line; std::getline(credentials, line);)
      if (line.rfind("aws_secret_access_key = ", 0) == 0) found.push_back(line.substr(24));
    for (const char* name : {"demo", "other", "half", "short", "long", "files"}) {
      std::ifstream passwords(home + "/.config/awsdirect/" + name + ".passwords");
      for (std::string service, user, password; passwords >> service >> user >> password;) found.push_back(password);
    }
    return found;
  }
};

// One certificate for the program's tests, so that a TLS moto one test has finished with serves
// the next one, reset (a server per test cost a second of CPU each to start).
const awsdirect_test::SelfSignedCertificate& programCertificate() {
  static const awsdirect_test::SelfSignedCertificate certificate;
  return certificate;
}

// moto over TLS with the program's own certificate (an environment's bucket denies requests
// without TLS, and moto enforces bucket policies), with managed policies loaded; null: skip.
std::unique_ptr<MotoServer> startMoto(const awsdirect_test::SelfSignedCertificate& certificate) {
  if (!certificate.available) return nullptr;
  return MotoServer::start({/*checkSignatures=*/false, /*loadManagedPolicies=*/true},
                           {certificate.certFile, certificate.keyFile});
}

// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// What the recording of a run holds that changes something.
std::vector<std::string> mutatingCalls(const std::string& recording) {
  std::vector<std::string> found;
  for (const char* mutating : {": Create", ": Put", ": Attach", ": Detach", ": Authorize", ": Revoke", ": Delete", ": Modify"})
    if (contains(recording, mutating)) found.push_back(mutating);
  return found;
}

int modeOf(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 ? static_cast<int>(info.st_mode & 0777) : -1;
}

}  // namespace

TEST_CASE("hands_on_aws: plan, up, up again, status, two environments, down, as the AWS CLI sees them") {
  const awsdirect_test::SelfSignedCertificate& certificate = programCertificate();
  auto moto = startMoto(certificate);
  if (!moto) return awsdirect_test::skip("moto_server or openssl is not installed");
  awsdirect_test::ran();
  Shell shell(*moto, certificate.certFile);
  const std::string bucket = "demo-123456789012-data";

  // plan on an empty account: every resource, and nothing created.
  auto plan = shell.tool("plan --name demo");
  CHECK(plan.status == 0);
  for (const char* name : {"demo-redshift-role", "demo-airflow", "demo-redshift-sg", "demo-123456789012-data",
                           "demo-redshift", "demo-postgres"})
    CHECK(contains(plan.out, name));
  CHECK(contains(plan.out, "without a final snapshot"));
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);

  // Bad input is refused before any call.
  CHECK(shell.tool("up --name Demo_1 --cidr 203.0.113.7/32").status == 2);
  auto open = shell.tool("up --name demo --cidr 0.0.0.0/0");
  CHECK(open.status == 2);
  CHECK(contains(open.err, "--open-to-internet"));
  // A bad duration names the option, the value and the rule, before any call.
  for (const char* ttl : {"-5h", "5x", "99999999999h", "0s"}) {
    auto bad = shell.tool(std::string("up --name demo --cidr 203.0.113.7/32 --ttl ") + ttl);
    CHECK(bad.status == 2);
    CHECK(contains(bad.err, std::string("--ttl: \"") + ttl + "\" is not a duration (90s, 30m, 8h, 7d"));
  }
  auto emptyAge = shell.tool("reap --older-than ''");
  CHECK(emptyAge.status == 2);
  CHECK(contains(emptyAge.err, "--older-than: the value is empty"));

  auto up = shell.tool("up --name demo --cidr 203.0.113.7/32 --upload " + shell.home + "/sample.csv --ttl 8h");
  INFO(up.out << up.err);
  REQUIRE(up.status == 0);
  CHECK(contains(up.out, "environment demo is up"));
  CHECK(contains(up.out, "demo-redshift.") );  // the cluster's endpoint
  CHECK(modeOf(shell.home + "/.aws/credentials") == 0600);
  CHECK(modeOf(shell.home + "/.config/awsdirect/demo.passwords") == 0600);

  // As the AWS CLI sees it.
  JsonValue role = shell.cli("iam get-role --role-name demo-redshift-role").at("Role");
  CHECK(contains(role.at("AssumeRolePolicyDocument").dump(), "redshift.amazonaws.com"));
  CHECK(contains(shell.cli("iam list-attached-role-policies --role-name demo-redshift-role").dump(),
                 "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
  const std::string userPolicies = shell.cli("iam list-attached-user-policies --user-name demo-airflow").dump();
  CHECK(contains(userPolicies, "AmazonRedshiftFullAccess"));
  CHECK(contains(userPolicies, "AmazonS3ReadOnlyAccess"));
  JsonValue group = shell.cli("ec2 describe-security-groups --group-names demo-redshift-sg").at("SecurityGroups").asArray()[0];
  CHECK(contains(group.at("IpPermissions").dump(), "\"FromPort\":5439"));
  CHECK(contains(group.at("IpPermissions").dump(), "203.0.113.7/32"));
  JsonValue cluster = shell.cli("redshift describe-clusters --cluster-identifier demo-redshift").at("Clusters").asArray()[0];
  CHECK(cluster.at("DBName").asString() == "dev");
  CHECK(cluster.at("MasterUsername").asString() == "awsuser");
  CHECK(contains(cluster.at("IamRoles").dump(), "demo-redshift-role"));
  // TLS required: the cluster in the environment's parameter group, whose require_ssl is true.
  CHECK(cluster.at("ClusterParameterGroups").asArray().at(0).at("ParameterGroupName").asString() == "demo-redshift-params");
  CHECK(contains(shell.cli("redshift describe-cluster-parameters --parameter-group-name demo-redshift-params").dump(),
                 "\"ParameterName\":\"require_ssl\",\"ParameterValue\":\"true\""));
  CHECK(contains(shell.tool("status --name demo --cidr 203.0.113.7/32").out, "TLS required"));
  CHECK(contains(cluster.at("VpcSecurityGroups").dump(), group.at("GroupId").asString()));
  CHECK(contains(shell.cli("s3api get-public-access-block --bucket " + bucket).dump(), "\"RestrictPublicBuckets\":true"));
  // Requests without TLS are refused by the bucket's policy, AWS's own statement of it.
  CHECK(contains(shell.cli("s3api get-bucket-policy --bucket " + bucket).at("Policy").asString(),
                 "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\""));
  CHECK(contains(shell.cli("s3api get-bucket-policy --bucket " + bucket).at("Policy").asString(),
                 "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"));
  JsonValue objects = shell.cli("s3api list-objects-v2 --bucket " + bucket).at("Contents");
  REQUIRE(objects.size() == 1);
  CHECK(objects.asArray()[0].at("Key").asString() == "sample.csv");
  CHECK(objects.asArray()[0].at("StorageClass").asString() == "STANDARD");
  JsonValue database = shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint() +
                                 " --db-instance-identifier demo-postgres").at("DBInstances").asArray()[0];
  CHECK(database.at("Engine").asString() == "postgres");
  CHECK(database.at("DBInstanceClass").asString() == "db.t2.small");
  CHECK(database.at("BackupRetentionPeriod").asInt64() == 1);

  // up again: nothing to do, and the recording of that run holds no mutating call.
  auto again = shell.tool("up --name demo --cidr 203.0.113.7/32 --upload " + shell.home + "/sample.csv",
                          "AWSDIRECT_FIXTURES=record AWSDIRECT_FIXTURES_SCENARIO=up-again AWSDIRECT_FIXTURES_DIR=" +
                              shell.home + "/fixtures");
  CHECK(again.status == 0);
  CHECK(contains(again.out, "nothing to do"));
  const std::string recording = awsdirect_test::readFile(shell.home + "/fixtures/up-again.http");
  CHECK(contains(recording, "### request 1:"));
  for (const char* mutating : {": Create", ": Put", ": Attach", ": Authorize", ": Delete"}) {
    CAPTURE(mutating);
    CHECK_FALSE(contains(recording, mutating));
  }

  auto status = shell.tool("status --name demo --cidr 203.0.113.7/32");
  CHECK(status.status == 0);
  CHECK_FALSE(contains(status.out, "missing"));
  CHECK_FALSE(contains(shell.tool("status --name demo").out, "drift:"));  // without --cidr the rule is not checked

  // Drift: a policy detached and the ingress rule revoked behind its back; status says so, up
  // puts them back.
  shell.cli("iam detach-role-policy --role-name demo-redshift-role --policy-arn "
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  shell.cli("ec2 revoke-security-group-ingress --group-name demo-redshift-sg --protocol tcp --port 5439 "
            "--cidr 203.0.113.7/32");
  auto drifted = shell.tool("status --name demo --cidr 203.0.113.7/32");
  CHECK(contains(drifted.out, "drift: policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess: detached -> attached"));
  CHECK(contains(drifted.out, "drift: ingress tcp 5439 from 203.0.113.7/32: closed -> open"));
  auto repaired = shell.tool("up --name demo --cidr 203.0.113.7/32 --upload " + shell.home + "/sample.csv");
  CHECK(repaired.status == 0);
  CHECK(contains(repaired.out, "changing"));
  CHECK_FALSE(contains(shell.tool("status --name demo --cidr 203.0.113.7/32").out, "drift:"));

  // A second environment beside the first; taking it down leaves the first intact.
  REQUIRE(shell.tool("up --name other --cidr 10.0.0.0/16").status == 0);
  auto list = shell.tool("list");
  CHECK(contains(list.out, "demo  created"));
  CHECK(contains(list.out, "other  created"));
  auto downOther = shell.tool("down --name other");
  CHECK(downOther.status == 0);
  CHECK(contains(downOther.out, "nothing of it is left"));
  CHECK(shell.cliStatus("redshift describe-clusters --cluster-identifier other-redshift") != 0);
  CHECK(shell.cli("redshift describe-clusters --cluster-identifier demo-redshift").at("Clusters").size() == 1);

  auto down = shell.tool("down --name demo");
  CHECK(down.status == 0);
  CHECK(contains(down.out, "nothing of it is left"));
  // Nothing left, as the AWS CLI sees it, and the key's profile and the passwords are gone too.
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);
  CHECK(shell.cli("redshift describe-clusters").at("Clusters").size() == 0);
  CHECK(shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint()).at("DBInstances").size() == 0);
  CHECK_FALSE(contains(shell.cli("redshift describe-cluster-parameter-groups").dump(), "demo-redshift-params"));
  CHECK(shell.cliStatus("iam get-role --role-name demo-redshift-role") != 0);
  CHECK(shell.cliStatus("iam get-user --user-name demo-airflow") != 0);
  CHECK_FALSE(contains(shell.cli("ec2 describe-security-groups").dump(), "demo-redshift-sg"));
  CHECK_FALSE(contains(awsdirect_test::readFile(shell.home + "/.aws/credentials"), "demo-airflow"));
  CHECK(modeOf(shell.home + "/.config/awsdirect/demo.passwords") == -1);

  // down of an environment that does not exist says so and succeeds.
  auto none = shell.tool("down --name demo");
  CHECK(none.status == 0);
  CHECK(contains(none.out, "does not exist"));
}

TEST_CASE("hands_on_aws: a failure part-way, a conflict left alone, and reap by TTL") {
  const awsdirect_test::SelfSignedCertificate& certificate = programCertificate();
  auto moto = startMoto(certificate);
  if (!moto) return awsdirect_test::skip("moto_server or openssl is not installed");
  awsdirect_test::ran();
  Shell shell(*moto, certificate.certFile);

  // RDS unreachable: up creates the rest, exits 1 and says what exists.
  auto half = shell.tool("up --name half --cidr 10.0.0.0/8", "AWS_ENDPOINT_URL_RDS=http://127.0.0.1:9");
  CHECK(half.status == 1);
  CHECK(contains(half.out, "FAILED RDS database half-postgres"));
  CHECK(contains(half.out, "up failed; what exists now:"));
  CHECK(contains(half.out, "half-redshift-role"));
  CHECK(shell.cli("redshift describe-clusters --cluster-identifier half-redshift").at("Clusters").size() == 1);
  auto halfDown = shell.tool("down --name half");
  CHECK(halfDown.status == 0);
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);
  CHECK(shell.cliStatus("iam get-role --role-name half-redshift-role") != 0);

  // A security group of the environment's name that is not its own: a conflict, never touched.
  shell.cli("ec2 create-security-group --group-name clash-redshift-sg --description someone-elses");
  auto clash = shell.tool("up --name clash --cidr 10.0.0.0/8");
  CHECK(clash.status == 1);
  CHECK(contains(clash.out, "not this environment's"));
  auto clashDown = shell.tool("down --name clash");
  CHECK(clashDown.status == 0);
  CHECK(contains(clashDown.out, "left alone: security group clash-redshift-sg"));
  CHECK(contains(shell.cli("ec2 describe-security-groups --group-names clash-redshift-sg").dump(), "someone-elses"));

  // reap: the environment past its TTL goes, the other stays.
  REQUIRE(shell.tool("up --name short --cidr 10.0.0.0/8 --ttl 1s").status == 0);
  REQUIRE(shell.tool("up --name long --cidr 10.0.0.0/8 --ttl 7d").status == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  auto reap = shell.tool("reap");
  CHECK(reap.status == 0);
  CHECK(contains(reap.out, "reaping short"));
  CHECK_FALSE(contains(reap.out, "reaping long"));
  CHECK(shell.cliStatus("redshift describe-clusters --cluster-identifier short-redshift") != 0);
  CHECK(shell.cli("redshift describe-clusters --cluster-identifier long-redshift").at("Clusters").size() == 1);
}

TEST_CASE("hands_on_aws: master passwords AWS manages, read from Secrets Manager when asked, gone with down") {
  const awsdirect_test::SelfSignedCertificate& certificate = programCertificate();
  auto moto = startMoto(certificate);
  if (!moto) return awsdirect_test::skip("moto_server or openssl is not installed");
  awsdirect_test::ran();
  Shell shell(*moto, certificate.certFile);
  // From the environment file: master_password = "aws-managed" for both (as --aws-managed-passwords).
  std::string file = shell.tool("init managed --cidr 203.0.113.7/32").out;
  file = replaced(file, "master_password = \"local\"", "master_password = \"aws-managed\"");
  file = replaced(file, "master_password = \"local\"", "master_password = \"aws-managed\"");
  shell.write("managed.toml", file);
  auto up = shell.tool("up --file " + shell.home + "/managed.toml");
  INFO(up.out << up.err);
  REQUIRE(up.status == 0);
  CHECK(contains(up.out, "passwords: made and kept by AWS in Secrets Manager"));
  CHECK(modeOf(shell.home + "/.config/awsdirect/managed.passwords") == -1);  // nothing written locally
  // (aws rds ignores AWS_ENDPOINT_URL: its endpoint is given.)
  JsonValue instance = shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint() +
                                 " --db-instance-identifier managed-postgres").at("DBInstances").asArray()[0];
  const std::string secretArn = instance.at("MasterUserSecret").at("SecretArn").asString();

  auto status = shell.tool("status --name managed");
  CHECK(contains(status.out, "secret " + secretArn));  // the database's secret, by ARN

  // Only when asked: the password itself, as the AWS CLI reads it from the secret.
  auto asked = shell.tool("password --name managed postgres");
  CHECK(asked.status == 0);
  const JsonValue secret = JsonValue::parse(shell.cli("secretsmanager get-secret-value --secret-id " + secretArn).at("SecretString").asString());
  CHECK(asked.out == "postgres " + secret.at("password").asString() + "\n");
  // moto's Redshift makes no secret for ManageMasterPassword: said plainly, not guessed.
  auto redshift = shell.tool("password --name managed redshift");
  CHECK(redshift.status == 1);
  CHECK(contains(redshift.out, "has no password AWS manages"));
  CHECK(shell.tool("password --name managed mysql").status == 2);

  auto down = shell.tool("down --name managed");
  INFO(down.out << down.err);
  CHECK(down.status == 0);
  CHECK(shell.cli("secretsmanager list-secrets --include-planned-deletion").at("SecretList").size() == 0);
}

TEST_CASE("hands_on_aws: an environment file: init, plan as a diff, changed in place, a replacement refused, down after console changes") {
  const awsdirect_test::SelfSignedCertificate& certificate = programCertificate();
  auto moto = startMoto(certificate);
  if (!moto) return awsdirect_test::skip("moto_server or openssl is not installed");
  awsdirect_test::ran();
  Shell shell(*moto, certificate.certFile);

  // init: every setting at its default, which up accepts as it is.
  auto init = shell.tool("init files --cidr 203.0.113.7/32");
  REQUIRE(init.status == 0);
  for (const char* line : {"name = \"files\"", "node_type = \"dc2.large\"", "number_of_nodes = 1", "database = \"dev\"",
                           "master_username = \"awsuser\"", "instance_class = \"db.t2.small\"", "backup_retention_days = 1",
                           "cidrs = [\"203.0.113.7/32\"]", "access_key = true", "versioning = false"})
    CHECK(contains(init.out, line));
  // Without the TLS-only bucket policy: moto applies a policy's Deny whatever its condition, and
  // this test puts and deletes objects as a console user would (the policy: the first test).
  const std::string seed = replaced(replaced(init.out, "uploads = []", "uploads = [\"sample.csv\"]"),  // beside the file
                                    "require_tls = true", "require_tls = false");
  shell.write("env.toml", replaced(seed, "engine_version = \"\"", "engine_version = \"14.10\""));

  // A bad file: each problem by file, line and key, before any call (the endpoint is closed),
  // and a password typed into it never repeated.
  shell.write("bad.toml", "name = \"files\"\nfoo = 1\n[redshift]\nnumber_of_nodes = \"two\"\nnode_type = \"dc2.l\xc3\xa4rge\"\n"
                          "master_password = \"Hunter2secret\"\n[security_group]\ncidrs = [\"10.0.0.0/33\"]\n");
  auto bad = shell.tool("plan --file " + shell.home + "/bad.toml", "AWS_ENDPOINT_URL=http://127.0.0.1:9");
  CHECK(bad.status == 2);
  for (const char* problem : {"bad.toml:2: foo is not a setting here", "bad.toml:4: redshift.number_of_nodes must be an integer",
                              "bad.toml:5: redshift.node_type must be a family and a size",
                              "bad.toml:6: redshift.master_password must be \"aws-managed\" or \"local\"",
                              "bad.toml:8: security_group.cidrs must hold IPv4 CIDR blocks"})
    CHECK(contains(bad.err, problem));
  CHECK_FALSE(contains(bad.err + bad.out, "Hunter2secret"));
  CHECK(contains(shell.tool("plan --file " + shell.home + "/env.toml --name x").err,
                 "--name: the file describes the environment"));

  // A missing upload creates nothing.
  shell.write("typo.toml", replaced(seed, "sample.csv", "nonexistent.csv"));
  auto typo = shell.tool("up --file " + shell.home + "/typo.toml");
  CHECK(typo.status == 2);
  CHECK(contains(typo.err, "bucket.uploads must name readable files: cannot read " + shell.home + "/nonexistent.csv"));
  CHECK(shell.cli("iam list-roles").at("Roles").size() == 0);
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);

  auto plan = shell.tool("plan --file " + shell.home + "/env.toml");
  CHECK(contains(plan.out, "  + Redshift cluster  files-redshift"));
  CHECK(contains(plan.out, "plan: 6 to create, 0 to change in place, 0 to replace."));
  auto up = shell.tool("up --file " + shell.home + "/env.toml");
  INFO(up.out << up.err);
  REQUIRE(up.status == 0);
  const std::string created = shell.cli("redshift describe-clusters --cluster-identifier files-redshift")
                                  .at("Clusters").asArray()[0].at("ClusterCreateTime").asString();

  // The file changed: planned as ~ lines, with no mutating call, then applied in place.
  const std::string record = " AWSDIRECT_FIXTURES=record AWSDIRECT_FIXTURES_DIR=" + shell.home + "/fixtures AWSDIRECT_FIXTURES_SCENARIO=";
  std::string changed = replaced(seed, "number_of_nodes = 1", "number_of_nodes = 2");
  changed = replaced(changed, "instance_class = \"db.t2.small\"", "instance_class = \"db.t3.small\"");
  changed = replaced(changed, "backup_retention_days = 1", "backup_retention_days = 7");
  changed = replaced(changed, "cidrs = [\"203.0.113.7/32\"]", "cidrs = [\"203.0.113.7/32\", \"198.51.100.0/24\"]");
  changed = replaced(changed, "versioning = false", "versioning = true");
  changed = replaced(changed, "engine_version = \"\"", "engine_version = \"14.10\"");
  changed = replaced(changed, "require_tls = true  # require_ssl", "require_tls = false  # require_ssl");
  changed = replaced(changed, "require_tls = true  # rds.force_ssl", "require_tls = false  # rds.force_ssl");
  shell.write("env.toml", changed);
  auto diff = shell.tool("plan --file " + shell.home + "/env.toml", record + "plan");
  CHECK(diff.status == 0);
  for (const char* line : {"  ~ Redshift cluster  files-redshift", "      number_of_nodes: 1 -> 2",
                           "      instance_class: db.t2.small -> db.t3.small", "      backup_retention_days: 1 -> 7",
                           "      ingress tcp 5439 from 198.51.100.0/24: closed -> open", "      versioning: off -> Enabled",
                           "      require_ssl: true -> false", "      rds.force_ssl: 1 -> 0",
                           "note: redshift.require_tls = false: the cluster takes connections without TLS",
                           "plan: 0 to create, 4 to change in place, 0 to replace."})
    CHECK(contains(diff.out, line));
  CHECK(mutatingCalls(awsdirect_test::readFile(shell.home + "/fixtures/plan.http")).empty());
  auto apply = shell.tool("up --file " + shell.home + "/env.toml");
  INFO(apply.out << apply.err);
  REQUIRE(apply.status == 0);
  const JsonValue cluster = shell.cli("redshift describe-clusters --cluster-identifier files-redshift").at("Clusters").asArray()[0];
  CHECK(cluster.at("NumberOfNodes").asInt64() == 2);
  CHECK(cluster.at("ClusterCreateTime").asString() == created);  // the same cluster, resized
  const JsonValue database = shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint() +
                                       " --db-instance-identifier files-postgres").at("DBInstances").asArray()[0];
  CHECK(database.at("DBInstanceClass").asString() == "db.t3.small");
  CHECK(database.at("BackupRetentionPeriod").asInt64() == 7);
  CHECK(contains(shell.cli("ec2 describe-security-groups --group-names files-redshift-sg").dump(), "198.51.100.0/24"));
  CHECK(shell.cli("s3api get-bucket-versioning --bucket files-123456789012-data").at("Status").asString() == "Enabled");
  // Reachable as meant and protected by default: both publicly accessible, each port open to
  // each CIDR, the cluster and the database encrypted, the bucket's default encryption set.
  CHECK(cluster.at("PubliclyAccessible").asBool());
  CHECK(cluster.at("Encrypted").asBool());
  CHECK(database.at("PubliclyAccessible").asBool());
  CHECK(database.at("StorageEncrypted").asBool());
  const std::string rules = shell.cli("ec2 describe-security-groups --group-names files-redshift-sg").dump();
  for (const char* rule : {"\"FromPort\":5432", "\"FromPort\":5439", "198.51.100.0/24", "203.0.113.7/32"}) {
    CAPTURE(rule);
    CHECK(contains(rules, rule));
  }
  CHECK(contains(shell.cli("s3api get-bucket-encryption --bucket files-123456789012-data").dump(), "\"SSEAlgorithm\":\"AES256\""));
  // TLS no longer required, as the file now says: require_ssl in the cluster's group (the cluster
  // restarted to take it), rds.force_ssl in the database's group of its version's family.
  CHECK(contains(shell.cli("redshift describe-cluster-parameters --parameter-group-name files-redshift-params").dump(),
                 "\"ParameterName\":\"require_ssl\",\"ParameterValue\":\"false\""));
  CHECK(database.at("DBParameterGroups").asArray().at(0).at("DBParameterGroupName").asString() == "files-postgres14");
  CHECK(contains(shell.cli("rds describe-db-parameters --endpoint-url " + moto->endpoint() +
                           " --db-parameter-group-name files-postgres14 --source user").dump(),
                 "\"ParameterName\":\"rds.force_ssl\",\"ParameterValue\":\"0\""));
  CHECK(contains(shell.tool("status --file " + shell.home + "/env.toml").out,
                 "reachable: Redshift port 5439 and PostgreSQL port 5432 from 203.0.113.7/32, 198.51.100.0/24"));
  // No CIDR: private, planned as such; unencrypted storage is a replacement, said plainly.
  std::string closed = replaced(changed, "cidrs = [\"203.0.113.7/32\", \"198.51.100.0/24\"]", "cidrs = []");
  shell.write("private.toml", replaced(closed, "storage_encrypted = true", "storage_encrypted = false"));
  auto privately = shell.tool("plan --file " + shell.home + "/private.toml");
  for (const char* line : {"      ingress tcp 5432 from 198.51.100.0/24: open -> closed", "      publicly_accessible: true -> false",
                           "-/+ RDS database      files-postgres", "      storage_encrypted: true -> false  (forces replacement)",
                           "  reachable: private: no CIDR, no port opened",
                           "  note: postgres.storage_encrypted = false: the database is not encrypted",
                           "  note: bucket.require_tls = false: requests without TLS are not refused"}) {
    CAPTURE(line);
    CHECK(contains(privately.out, line));
  }
  // up again: nothing to do, no mutating call.
  auto idle = shell.tool("up --file " + shell.home + "/env.toml", record + "idle");
  CHECK(contains(idle.out, "nothing to do"));
  CHECK(mutatingCalls(awsdirect_test::readFile(shell.home + "/fixtures/idle.http")).empty());

  // A change AWS cannot make in place: planned as -/+, refused by up without --allow-replace.
  shell.write("rename.toml", replaced(changed, "database = \"dev\"", "database = \"analytics\""));
  auto replacing = shell.tool("plan --file " + shell.home + "/rename.toml");
  CHECK(contains(replacing.out, "-/+ Redshift cluster  files-redshift"));
  CHECK(contains(replacing.out, "database: dev -> analytics  (forces replacement)"));
  auto refused = shell.tool("up --file " + shell.home + "/rename.toml", record + "refused");
  CHECK(refused.status == 1);
  CHECK(contains(refused.out, "replacing it destroys its data; allow it with --allow-replace"));
  CHECK(mutatingCalls(awsdirect_test::readFile(shell.home + "/fixtures/refused.http")).empty());

  // A console user's changes: object versions and a delete marker, inline policies, another
  // managed policy, a console password, an ingress rule. down still leaves nothing.
  const std::string bucket = "files-123456789012-data";
  shell.cli("s3api put-object --bucket " + bucket + " --key sample.csv --body " + shell.home + "/env.toml");
  shell.cli("s3api delete-object --bucket " + bucket + " --key sample.csv");
  const std::string document = "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}'";
  shell.cli("iam put-role-policy --role-name files-redshift-role --policy-name console --policy-document " + document);
  shell.cli("iam put-user-policy --user-name files-airflow --policy-name console --policy-document " + document);
  shell.cli("iam attach-role-policy --role-name files-redshift-role --policy-arn arn:aws:iam::aws:policy/AmazonRedshiftFullAccess");
  shell.cli("iam create-login-profile --user-name files-airflow --password Console-Passw0rd");
  shell.cli("ec2 authorize-security-group-ingress --group-name files-redshift-sg --protocol tcp --port 22 --cidr 0.0.0.0/0");
  // The group of an earlier major version (what an upgrade from 13 leaves behind).
  shell.cli("rds create-db-parameter-group --endpoint-url " + moto->endpoint() +
            " --db-parameter-group-name files-postgres13 --db-parameter-group-family postgres13 --description earlier");
  auto drift = shell.tool("plan --file " + shell.home + "/env.toml");
  CHECK(contains(drift.out, "policy arn:aws:iam::aws:policy/AmazonRedshiftFullAccess: attached -> detached"));
  CHECK(contains(drift.out, "ingress tcp 22 from 0.0.0.0/0: open -> closed"));
  auto down = shell.tool("down --file " + shell.home + "/env.toml");
  INFO(down.out << down.err);
  CHECK(down.status == 0);
  CHECK(contains(down.out, "nothing of it is left"));
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);
  CHECK(shell.cli("iam list-roles").at("Roles").size() == 0);
  CHECK(shell.cli("iam list-users").at("Users").size() == 0);
  CHECK(shell.cli("redshift describe-clusters").at("Clusters").size() == 0);
  CHECK(shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint()).at("DBInstances").size() == 0);
  CHECK_FALSE(contains(shell.cli("redshift describe-cluster-parameter-groups").dump(), "files-redshift-params"));
  const std::string groupsLeft = shell.cli("rds describe-db-parameter-groups --endpoint-url " + moto->endpoint()).dump();
  CHECK_FALSE(contains(groupsLeft, "files-postgres14"));
  CHECK_FALSE(contains(groupsLeft, "files-postgres13"));

  // list and reap see an environment whose only leftovers are a role and a user.
  const std::string tags = " --tags Key=awsdirect:environment,Value=lone Key=awsdirect:created,Value=2020-01-01T00:00:00Z";
  shell.cli("iam create-role --role-name lone-redshift-role --assume-role-policy-document " + document + tags);
  shell.cli("iam create-user --user-name lone-airflow" + tags);
  CHECK(contains(shell.tool("list").out, "lone  created 2020-01-01T00:00:00Z"));
  auto reap = shell.tool("reap --older-than 1d");
  CHECK(contains(reap.out, "reaping lone"));
  CHECK(shell.cli("iam list-roles").at("Roles").size() == 0);
  CHECK(shell.cli("iam list-users").at("Users").size() == 0);
}

TEST_CASE("hands_on_aws: CloudFormation: the exported template validates with no password in it, and the stack engine brings the environment up and down") {
  const awsdirect_test::SelfSignedCertificate& certificate = programCertificate();
  auto moto = startMoto(certificate);
  if (!moto) return awsdirect_test::skip("moto_server or openssl is not installed");
  awsdirect_test::ran();
  Shell shell(*moto, certificate.certFile);
  auto init = shell.tool("init stacked --cidr 203.0.113.7/32");
  REQUIRE(init.status == 0);
  shell.write("env.toml", replaced(init.out, "uploads = []", "uploads = [\"sample.csv\"]"));
  const std::string file = " --file " + shell.home + "/env.toml";

  // The template: the six kinds and the access key, deleted with the stack without snapshots,
  // no password in it (AWS-managed master passwords), valid as the AWS CLI asks CloudFormation.
  auto exported = shell.tool("export" + file);
  REQUIRE(exported.status == 0);
  const JsonValue document = JsonValue::parse(exported.out);
  const JsonValue& resources = document.at("Resources");
  std::vector<std::string> types;
  for (const auto& [name, resource] : resources.asObject()) types.push_back(resource.at("Type").asString());
  CHECK(types == std::vector<std::string>{"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::AccessKey", "AWS::SecretsManager::Secret",
                                          "AWS::EC2::SecurityGroup", "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
                                          "AWS::Redshift::ClusterParameterGroup", "AWS::Redshift::Cluster", "AWS::RDS::DBInstance"});
  CHECK(contains(exported.out, "\"aws:SecureTransport\":\"false\""));
  CHECK(contains(exported.out, "{\"ParameterName\":\"require_ssl\",\"ParameterValue\":\"true\"}"));
  CHECK(resources.at("RedshiftCluster").at("Properties").at("ClusterParameterGroupName").dump() ==
        "{\"Ref\":\"RedshiftParameterGroup\"}");
  for (const char* name : {"RedshiftCluster", "PostgresDatabase", "DataBucket"}) {
    CAPTURE(name);
    CHECK(resources.at(name).at("DeletionPolicy").asString() == "Delete");
  }
  CHECK(resources.at("RedshiftCluster").at("Properties").at("ManageMasterPassword").asBool());
  CHECK(resources.at("PostgresDatabase").at("Properties").at("ManageMasterUserPassword").asBool());
  CHECK_FALSE(contains(exported.out, "\"MasterUserPassword\""));
  CHECK_FALSE(contains(exported.out, "\"Outputs\":{\"AccessKey"));
  CHECK(contains(exported.out, "{\"Fn::Sub\":\"stacked-${AWS::AccountId}-data\"}"));  // the same for every account
  shell.write("template.json", exported.out);
  shell.cli("cloudformation validate-template --template-body file://" + shell.home + "/template.json");

  const std::size_t parameterGroupsBefore = shell.cli("redshift describe-cluster-parameter-groups").at("ParameterGroups").size();
  CHECK(shell.tool("up --engine terraform" + file).status == 2);
  auto up = shell.tool("up --engine cloudformation" + file);
  INFO(up.out << up.err);
  REQUIRE(up.status == 0);
  CHECK(contains(up.out, "stack event: awsdirect-stacked (AWS::CloudFormation::Stack) CREATE_COMPLETE"));
  CHECK(modeOf(shell.home + "/.config/awsdirect/stacked.passwords") == -1);  // no password written
  CHECK(shell.cli("cloudformation describe-stacks --stack-name awsdirect-stacked").at("Stacks").asArray()[0]
            .at("StackStatus").asString() == "CREATE_COMPLETE");
  CHECK(contains(shell.cli("s3api list-objects-v2 --bucket stacked-123456789012-data").dump(), "\"Key\":\"sample.csv\""));
  CHECK(contains(shell.tool("status" + file).out, "CloudFormation stack awsdirect-stacked: CREATE_COMPLETE"));
  // The stack's cluster parameter group (moto's CloudFormation names it its own way, untagged).
  CHECK(shell.cli("redshift describe-cluster-parameter-groups").at("ParameterGroups").size() == parameterGroupsBefore + 1);

  // down: the stack deleted, then everything it left (moto's leaves the cluster) swept.
  auto down = shell.tool("down --engine cloudformation" + file);
  INFO(down.out << down.err);
  CHECK(down.status == 0);
  CHECK(contains(down.out, "stack event: awsdirect-stacked (AWS::CloudFormation::Stack) DELETE_COMPLETE"));
  CHECK(contains(down.out, "nothing of it is left"));
  CHECK(shell.cli("cloudformation describe-stacks").at("Stacks").size() == 0);
  CHECK(shell.cli("redshift describe-clusters").at("Clusters").size() == 0);
  CHECK(shell.cli("rds describe-db-instances --endpoint-url " + moto->endpoint()).at("DBInstances").size() == 0);
  CHECK(shell.cli("s3api list-buckets").at("Buckets").size() == 0);
  CHECK(shell.cli("iam list-roles").at("Roles").size() == 0);
  CHECK(shell.cli("iam list-users").at("Users").size() == 0);
  CHECK_FALSE(contains(shell.cli("ec2 describe-security-groups").dump(), "stacked-redshift-sg"));
  CHECK(shell.cli("redshift describe-cluster-parameter-groups").at("ParameterGroups").size() == parameterGroupsBefore);
}

TEST_CASE("plan asks RDS whether the instance class runs the engine version, and says which versions it does") {
  awsdirect_test::TestServer::Options options;
  options.script = AWSDIRECT_SOURCE_DIR "/tests/support/rds_offerings_server.py";
  auto server = awsdirect_test::TestServer::startOrSkip(options);
  if (!server) return;
  awsdirect_test::ran();
  ClientConfig config;
  config.environment = Environment::fromMap({});
  config.region = "us-east-1";
  config.endpointUrl = "http://" + server->authority();
  config.credentialsProvider =
      std::make_shared<StaticCredentialsProvider>(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  Rds rds(config);
  iac::PostgresSettings postgres;  // the seed's db.t2.small with RDS's default version (16.4 here)
  CHECK(iac::orderableProblem(rds, postgres).value_or("") ==
        "postgres.instance_class db.t2.small is not offered with PostgreSQL 16.4 (RDS's default); it is with 12.19, "
        "13.15: set postgres.engine_version to one of them, or choose another class");
  postgres.engineVersion = "13";  // any 13.x
  CHECK_FALSE(iac::orderableProblem(rds, postgres));
  postgres.engineVersion = "16.4";
  CHECK(iac::orderableProblem(rds, postgres).value_or("").rfind("postgres.instance_class db.t2.small is not offered with "
                                                                "PostgreSQL 16.4; it is with 12.19, 13.15", 0) == 0);
  postgres.instanceClass = "db.t3.micro";
  CHECK_FALSE(iac::orderableProblem(rds, postgres));
  postgres.instanceClass = "db.m1.small";
  CHECK(iac::orderableProblem(rds, postgres).value_or("") ==
        "postgres.instance_class db.m1.small is not offered for PostgreSQL in this region");
  // An account that answers nothing (moto offers no PostgreSQL classes): plan says nothing.
  auto moto = MotoServer::start();
  if (!moto) return;
  Rds emulated(moto->clientConfig());
  CHECK_FALSE(iac::orderableProblem(emulated, iac::PostgresSettings{}));
}
