// The environment's blueprint: names derived from NAME and the rules checked before any call.
// (The environment itself runs against moto in integration-iac.)
#include <doctest/doctest.h>

#include <awsdirect/error.hpp>
#include <awsdirect/iac/resources.hpp>

#include <string>
#include <vector>

using namespace awsdirect;
using awsdirect::iac::Blueprint;

namespace {

std::vector<std::string> problemsOf(const Blueprint& blueprint, bool openToInternet = false) {
  try {
    iac::validateBlueprint(blueprint, openToInternet);
  } catch (const ValidationError& e) {
    std::vector<std::string> problems;
    for (const auto& problem : e.error().problems) problems.push_back(problem.field + " " + problem.rule);
    return problems;
  }
  return {};
}

Blueprint named(std::string name, std::string cidr = "203.0.113.7/32") {
  Blueprint blueprint;
  blueprint.name = std::move(name);
  if (!cidr.empty()) blueprint.securityGroup.cidrs = {std::move(cidr)};
  blueprint.accountId = "123456789012";
  return blueprint;
}

}  // namespace

TEST_CASE("an environment's names all begin with its name; the bucket's carries the account") {
  const Blueprint blueprint = named("dev1");
  CHECK(blueprint.roleName() == "dev1-redshift-role");
  CHECK(blueprint.userName() == "dev1-airflow");
  CHECK(blueprint.groupName() == "dev1-redshift-sg");
  CHECK(blueprint.bucketName() == "dev1-123456789012-data");
  CHECK(blueprint.clusterIdentifier() == "dev1-redshift");
  CHECK(blueprint.databaseIdentifier() == "dev1-postgres");
  CHECK(iac::taggedAs(blueprint.tags(), "dev1"));
  CHECK_FALSE(iac::taggedAs(blueprint.tags(), "dev2"));
  CHECK(iac::tagValue(blueprint.tags(), iac::kTtlTag).empty());  // no TTL, no tag
}

TEST_CASE("names, CIDRs and TTLs are checked before any call") {
  CHECK(problemsOf(named("dev1")).empty());
  CHECK(problemsOf(named(std::string(32, 'a'))).empty());
  for (const char* bad : {"", "Dev", "1dev", "dev_1", "dev--1", "dev-", "dev.1"}) {
    CAPTURE(bad);
    REQUIRE(problemsOf(named(bad)).size() == 1);
    CHECK(problemsOf(named(bad))[0].rfind("name must be 1 to 32 lowercase letters", 0) == 0);
  }
  CHECK(problemsOf(named(std::string(33, 'a'))).size() == 1);
  CHECK(problemsOf(named("dev", "")).empty());  // no CIDR: a private environment
  CHECK(problemsOf(named("dev", "10.0.0.0/33")) ==
        std::vector<std::string>{"security_group.cidrs must hold IPv4 CIDR blocks such as 203.0.113.7/32"});
  CHECK(problemsOf(named("dev", "0.0.0.0/0")) ==
        std::vector<std::string>{"security_group.cidrs 0.0.0.0/0 opens the port to the whole internet; say so "
                                 "(--open-to-internet, or open_to_internet = true)"});
  CHECK(problemsOf(named("dev", "0.0.0.0/0"), true).empty());
  Blueprint expiring = named("dev");
  expiring.ttl = std::chrono::seconds(0);
  CHECK(problemsOf(expiring) == std::vector<std::string>{"ttl must be a positive duration"});
}

TEST_CASE("every setting is checked by the services' rules, named by its environment-file key, before any call") {
  Blueprint bad = named("dev");
  bad.role.policies = {"AmazonS3ReadOnlyAccess"};  // a name, not an ARN: managedPolicyArn makes ARNs
  bad.user.policies = {"arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/A"};
  bad.securityGroup.port = 0;
  bad.securityGroup.cidrs = {"10.0.0.0/8", "10.0.0.0/8"};
  bad.bucket.uploads = {"/nonexistent/data.csv"};
  bad.redshift.nodeType = "dc2.l\xc3\xa4rge";
  bad.redshift.numberOfNodes = 0;
  bad.redshift.database = "1dev";
  bad.redshift.masterUsername = "public";
  bad.redshift.port = 80;
  bad.postgres.instanceClass = "t2.small";
  bad.postgres.engineVersion = "latest";
  bad.postgres.allocatedStorage = 10;
  bad.postgres.backupRetentionDays = 36;
  bad.postgres.port = 80;
  const std::vector<std::string> problems = problemsOf(bad);
  std::vector<std::string> fields;
  for (const auto& problem : problems) fields.push_back(problem.substr(0, problem.find(' ')));
  std::string all;
  for (const auto& problem : problems) all += problem + "\n";
  INFO(all);
  CHECK(fields == std::vector<std::string>{"role.policies", "user.policies", "security_group.port", "security_group.cidrs",
                                           "bucket.uploads", "redshift.node_type", "redshift.number_of_nodes",
                                           "redshift.database", "redshift.master_username", "redshift.port",
                                           "postgres.instance_class", "postgres.engine_version",
                                           "postgres.allocated_storage", "postgres.backup_retention_days", "postgres.port"});
  CHECK(problems[4] == "bucket.uploads must name readable files: cannot read /nonexistent/data.csv");
  CHECK(iac::managedPolicyArn("AmazonS3ReadOnlyAccess") == "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  CHECK(iac::managedPolicyArn("arn:aws:iam::123456789012:policy/Mine") == "arn:aws:iam::123456789012:policy/Mine");
  CHECK(problemsOf(named("dev")).empty());  // the seed's settings pass
}

TEST_CASE("a change that replaces a resource is refused with what would change and that its data goes") {
  iac::ResourceReport report{"RDS database", "dev-postgres", iac::ResourceState::Drifted, "", {}};
  report.changes.push_back({"instance_class", "db.t2.small", "db.t3.small"});
  CHECK_FALSE(report.replaces());
  report.changes.push_back({"engine_version", "16.4", "13.7", true});
  CHECK(report.replaces());
  CHECK(iac::replacementRefused(report).message ==
        "RDS database dev-postgres cannot be changed in place (engine_version: 16.4 -> 13.7): replacing it destroys its "
        "data; allow it with --allow-replace");
}

TEST_CASE("the TLS-only bucket policy is AWS's statement of it, and found in a policy that has it") {
  const std::string policy = iac::tlsOnlyBucketPolicy("dev-123456789012-data");
  CHECK(policy ==
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\","
        "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::dev-123456789012-data\",\"arn:aws:s3:::dev-123456789012-data/*\"],"
        "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
  CHECK(iac::deniesInsecureTransport(policy));
  // A single statement as an object, a boolean condition value: still found.
  CHECK(iac::deniesInsecureTransport(
      R"({"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":false}}}})"));
  CHECK_FALSE(iac::deniesInsecureTransport(
      R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})"));
  CHECK_FALSE(iac::deniesInsecureTransport(R"({"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket"}]})"));
  CHECK_FALSE(iac::deniesInsecureTransport("not json"));
}
