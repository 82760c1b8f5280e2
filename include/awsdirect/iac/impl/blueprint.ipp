// Definitions of <awsdirect/iac/blueprint.hpp>.
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "../../detail/ip.hpp"
#include "../../detail/json.hpp"
#include "../../time.hpp"
#include "../../validate.hpp"

namespace awsdirect {
namespace iac {

std::vector<Tag> Blueprint::tags() const {
  std::vector<Tag> tags{{kEnvironmentTag, name}, {kCreatedTag, formatIso8601(created)}, {kRegionTag, region}};
  if (ttl) tags.push_back({kTtlTag, std::to_string(ttl->count())});
  return tags;
}

std::string managedPolicyArn(const std::string& nameOrArn) {
  return nameOrArn.rfind("arn:", 0) == 0 ? nameOrArn : "arn:aws:iam::aws:policy/" + nameOrArn;
}

namespace detail {

AWSDIRECT_DECL void validatePolicies(Validator& v, const std::string& field, const std::vector<std::string>& arns) {
  v.check(arns.size() <= 10, field, "may attach at most 10 managed policies (IAM's quota per role or user)");
  for (const auto& arn : arns) {
    const std::size_t policy = arn.find(":policy/");
    v.check(arn.rfind("arn:aws", 0) == 0 && arn.find(":iam::") != std::string::npos && policy != std::string::npos &&
                policy + 8 < arn.size(),
            field, "must hold managed policy names or ARNs (arn:aws:iam::aws:policy/NAME)");
  }
  for (std::size_t i = 0; i < arns.size(); ++i)
    v.check(std::find(arns.begin() + i + 1, arns.end(), arns[i]) == arns.end(), field, "names a policy twice");
}

}  // namespace detail

void validateBlueprint(const Blueprint& blueprint, bool openToInternet) {
  Validator v;
  const std::string& name = blueprint.name;
  bool shaped = !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z' && name.back() != '-' &&
                name.find("--") == std::string::npos;
  for (char c : name) shaped &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  v.check(shaped, "name",
          "must be 1 to 32 lowercase letters, digits and single hyphens, starting with a letter and not ending with a "
          "hyphen");
  if (blueprint.ttl) v.check(blueprint.ttl->count() > 0, "ttl", "must be a positive duration");

  detail::validatePolicies(v, "role.policies", blueprint.role.policies);
  detail::validatePolicies(v, "user.policies", blueprint.user.policies);

  const SecurityGroupSettings& group = blueprint.securityGroup;
  v.check(group.port >= 1 && group.port <= 65535, "security_group.port", "must be a TCP port, 1 to 65535");
  for (std::size_t i = 0; i < group.cidrs.size(); ++i) {
    const std::string& cidr = group.cidrs[i];
    if (v.check(awsdirect::detail::isIpv4Cidr(cidr), "security_group.cidrs",
                "must hold IPv4 CIDR blocks such as 203.0.113.7/32"))
      v.check(cidr != "0.0.0.0/0" || openToInternet, "security_group.cidrs",
              "0.0.0.0/0 opens the port to the whole internet; say so (--open-to-internet, or open_to_internet = true)");
    v.check(std::find(group.cidrs.begin() + i + 1, group.cidrs.end(), cidr) == group.cidrs.end(),
            "security_group.cidrs", "names a CIDR twice");
  }

  const auto& uploads = blueprint.bucket.uploads;
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    // Read now, so that a typo creates nothing (a billable database left for a missing file).
    std::ifstream file(uploads[i], std::ios::binary);
    struct stat info {};
    v.check(file.good() && stat(uploads[i].c_str(), &info) == 0 && S_ISREG(info.st_mode), "bucket.uploads",
            "must name readable files: cannot read " + uploads[i]);
    for (std::size_t j = i + 1; j < uploads.size(); ++j)
      v.check(BucketSettings::keyOf(uploads[i]) != BucketSettings::keyOf(uploads[j]), "bucket.uploads",
              "has two files named " + BucketSettings::keyOf(uploads[i]) + ": both would be the same object");
  }

  const RedshiftSettings& redshift = blueprint.redshift;
  redshift::rules::nodeType(v, "redshift.node_type", redshift.nodeType);
  v.check(redshift.numberOfNodes >= 1 && redshift.numberOfNodes <= 128, "redshift.number_of_nodes",
          "must be between 1 and 128");
  redshift::rules::dbName(v, "redshift.database", redshift.database);
  redshift::rules::masterUsername(v, "redshift.master_username", redshift.masterUsername);
  v.check(redshift.port >= 1150 && redshift.port <= 65535, "redshift.port", "must be between 1150 and 65535");

  const PostgresSettings& postgres = blueprint.postgres;
  rds::rules::dbInstanceClass(v, "postgres.instance_class", postgres.instanceClass);
  bool version = postgres.engineVersion.empty() || (awsdirect::rules::isDigit(postgres.engineVersion.front()) &&
                                                    awsdirect::rules::isDigit(postgres.engineVersion.back()));
  for (char c : postgres.engineVersion) version &= awsdirect::rules::isDigit(c) || c == '.';
  v.check(version, "postgres.engine_version", "must be a PostgreSQL version such as 16.4 or 13, or empty for RDS's default");
  if (postgres.allocatedStorage < 20 || postgres.allocatedStorage > 65536)
    v.fail("postgres.allocated_storage", "must be between 20 and 65536 GiB");
  v.check(postgres.backupRetentionDays >= 0 && postgres.backupRetentionDays <= 35, "postgres.backup_retention_days",
          "must be between 0 and 35");
  v.check(postgres.port >= 1150 && postgres.port <= 65535, "postgres.port", "must be between 1150 and 65535");
  v.check(postgres.port != group.port, "postgres.port", "must differ from security_group.port (the Redshift port)");
  v.check(postgres.requireTls || !postgres.engineVersion.empty(), "postgres.require_tls",
          "false needs postgres.engine_version: the parameter group that turns TLS off is of the version's family");
  if (!v.ok()) throwError(v.error("awsdirect", "Environment"));
}

bool taggedAs(const std::vector<Tag>& tags, const std::string& name) { return tagValue(tags, kEnvironmentTag) == name; }

std::string tagValue(const std::vector<Tag>& tags, const std::string& key) {
  for (const Tag& tag : tags)
    if (tag.key == key) return tag.value;
  return {};
}

// Whether dotted version `a` is older than `b` ("13.7" < "13.10" < "14").
std::string tlsOnlyBucketPolicy(const std::string& bucket) {
  using awsdirect::detail::JsonValue;
  const std::string arn = "arn:aws:s3:::" + bucket;
  return JsonValue::object(
             {{"Version", "2012-10-17"},
              {"Statement",
               JsonValue::array({JsonValue::object(
                   {{"Sid", "DenyInsecureTransport"},
                    {"Effect", "Deny"},
                    {"Principal", "*"},
                    {"Action", "s3:*"},
                    {"Resource", JsonValue::array({arn, arn + "/*"})},
                    {"Condition", JsonValue::object({{"Bool", JsonValue::object({{"aws:SecureTransport", "false"}})}})}})})}})
      .dump();
}

bool deniesInsecureTransport(const std::string& policy) {
  using awsdirect::detail::JsonValue;
  try {
    const JsonValue document = JsonValue::parse(policy);
    const JsonValue* statements = document.isObject() ? document.find("Statement") : nullptr;
    if (!statements) return false;
    const JsonValue::Array all = statements->isArray() ? statements->asArray() : JsonValue::Array{*statements};
    for (const JsonValue& statement : all) {
      if (!statement.isObject()) continue;
      const JsonValue* effect = statement.find("Effect");
      const JsonValue* condition = statement.find("Condition");
      const JsonValue* test = condition && condition->isObject() ? condition->find("Bool") : nullptr;
      const JsonValue* secure = test && test->isObject() ? test->find("aws:SecureTransport") : nullptr;
      if (effect && effect->isString() && effect->asString() == "Deny" && secure &&
          ((secure->isString() && secure->asString() == "false") || (secure->isBool() && !secure->asBool())))
        return true;
    }
  } catch (const Exception&) {
  }
  return false;
}

bool olderVersion(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    long x = 0, y = 0;
    while (i < a.size() && a[i] != '.') x = x * 10 + (a[i++] - '0');
    while (j < b.size() && b[j] != '.') y = y * 10 + (b[j++] - '0');
    if (x != y) return x < y;
    ++i, ++j;
  }
  return false;
}

std::optional<std::string> orderableProblem(Rds& rds, const PostgresSettings& postgres) {
  auto offered = rds.describeAllOrderableDBInstanceOptions(
      Rds::describeOrderableDBInstanceOptions().engine("postgres").dbInstanceClass(postgres.instanceClass));
  if (!offered) return std::nullopt;  // not answered: plan says nothing rather than guess
  if (offered.value().empty()) {
    // Nothing for this class: either the class is not offered, or the account offers nothing.
    auto any = rds.send(Rds::describeOrderableDBInstanceOptions().engine("postgres").maxRecords(20));
    if (!any || any.value().orderableDBInstanceOptions.empty()) return std::nullopt;
    return "postgres.instance_class " + postgres.instanceClass + " is not offered for PostgreSQL in this region";
  }
  std::string version = postgres.engineVersion;
  if (version.empty()) {  // RDS's default version, which CreateDBInstance would use
    auto defaults = rds.send(Rds::describeDBEngineVersions().engine("postgres").defaultOnly());
    if (!defaults || defaults.value().dbEngineVersions.empty()) return std::nullopt;
    version = defaults.value().dbEngineVersions.front().engineVersion;
  }
  std::vector<std::string> versions;
  for (const auto& option : offered.value()) {
    if (option.engineVersion == version || option.engineVersion.rfind(version + ".", 0) == 0) return std::nullopt;
    if (std::find(versions.begin(), versions.end(), option.engineVersion) == versions.end())
      versions.push_back(option.engineVersion);
  }
  std::sort(versions.begin(), versions.end(), [](const std::string& a, const std::string& b) { return olderVersion(a, b); });
  std::string list;
  for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
  return "postgres.instance_class " + postgres.instanceClass + " is not offered with PostgreSQL " + version +
         (postgres.engineVersion.empty() ? " (RDS's default)" : "") + "; it is with " + list +
         ": set postgres.engine_version to one of them, or choose another class";
}

}  // namespace iac
}  // namespace awsdirect
