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
  blueprint.cidr = std::move(cidr);
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
  CHECK(problemsOf(named("dev", "")) ==
        std::vector<std::string>{"cidr is required: who may reach the Redshift port (such as 203.0.113.7/32)"});
  try {
    iac::validateBlueprint(named("dev", ""), false, /*cidrRequired=*/false);  // plan and status need none
  } catch (const ValidationError& e) {
    FAIL("unexpected: " << e.what());
  }
  CHECK(problemsOf(named("dev", "10.0.0.0/33")) ==
        std::vector<std::string>{"cidr must be an IPv4 CIDR block such as 203.0.113.7/32"});
  CHECK(problemsOf(named("dev", "0.0.0.0/0")) ==
        std::vector<std::string>{"cidr 0.0.0.0/0 opens the Redshift port to the whole internet; pass "
                                 "--open-to-internet to mean it"});
  CHECK(problemsOf(named("dev", "0.0.0.0/0"), true).empty());
  Blueprint expiring = named("dev");
  expiring.ttl = std::chrono::seconds(0);
  CHECK(problemsOf(expiring) == std::vector<std::string>{"ttl must be a positive duration"});
}
