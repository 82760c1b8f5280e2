#include "environment_file.hpp"

#include <awsdirect/error.hpp>

#include <toml++/toml.h>

#include <functional>
#include <map>
#include <sstream>

#include "arguments.hpp"

namespace hands_on {

namespace {

using awsdirect::iac::Blueprint;

// Reads one file's values into a blueprint, collecting every problem with its line.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {
    const std::size_t slash = path_.rfind('/');
    folder_ = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
  }

  void problem(const toml::node& node, const std::string& key, const std::string& rule) {
    problemAt(node.source().begin.line, key, rule);
  }
  void problemAt(std::size_t line, const std::string& key, const std::string& rule) {
    if (!problems_.count({line, key})) problems_[{line, key}] = rule;  // the first problem of a key
  }
  bool hasProblem(const std::string& key) const {
    for (const auto& [where, rule] : problems_)
      if (where.second == key) return true;
    return false;
  }
  // In the file's order: "env.toml:12: redshift.node_type must be ...", one per line.
  std::string problems() const {
    std::string text;
    for (const auto& [where, rule] : problems_)
      text += (text.empty() ? "" : "\n") + path_ + ":" + std::to_string(where.first) + ": " + where.second + " " + rule;
    return text;
  }
  std::size_t lineOf(const std::string& key) const {
    auto it = lines_.find(key);
    return it == lines_.end() ? 1 : it->second;
  }

  void text(const toml::node& node, const std::string& key, std::string& into) {
    if (auto value = node.value<std::string>()) into = *value;
    else problem(node, key, "must be a string");
  }
  void number(const toml::node& node, const std::string& key, int& into) {
    const auto* integer = node.as_integer();
    if (!integer) return problem(node, key, "must be an integer");
    const long long value = integer->get();
    if (value < -2147483647 || value > 2147483647) return problem(node, key, "is out of range");
    into = static_cast<int>(value);
  }
  void flag(const toml::node& node, const std::string& key, bool& into) {
    if (auto value = node.value<bool>()) into = *value;
    else problem(node, key, "must be true or false");
  }
  void texts(const toml::node& node, const std::string& key, std::vector<std::string>& into,
             const std::function<std::string(const std::string&)>& each = {}) {
    const auto* array = node.as_array();
    if (!array) return problem(node, key, "must be an array of strings");
    into.clear();
    for (const auto& item : *array) {
      auto value = item.value<std::string>();
      if (!value) return problem(item, key, "must be an array of strings");
      into.push_back(each ? each(*value) : *value);
    }
  }
  // "aws-managed" (AWS keeps it in Secrets Manager) or "local" (the environment variable, or a
  // generated one in a 0600 file). Anything else is refused without repeating it: it may be a
  // password typed into the file.
  void password(const toml::node& node, const std::string& key, bool& managed) {
    auto value = node.value<std::string>();
    if (value && (*value == "aws-managed" || *value == "local")) managed = *value == "aws-managed";
    else problem(node, key, "must be \"aws-managed\" or \"local\": a password is never written in the file");
  }

  // Each key of `table` through `setters`; any other key is a problem that lists the known ones.
  void keys(const toml::table& table, const std::string& prefix,
            const std::map<std::string, std::function<void(const toml::node&, const std::string&)>>& setters) {
    for (const auto& [key, node] : table) {
      const std::string name = prefix + std::string(key.str());
      lines_[name] = node.source().begin.line;
      auto setter = setters.find(std::string(key.str()));
      if (setter != setters.end()) {
        setter->second(node, name);
        continue;
      }
      std::string known;
      for (const auto& [k, s] : setters) known += (known.empty() ? "" : ", ") + k;
      problem(node, name, "is not a setting here (known: " + known + ")");
    }
  }
  void section(const toml::node& node, const std::string& name,
               const std::map<std::string, std::function<void(const toml::node&, const std::string&)>>& setters) {
    if (const auto* table = node.as_table()) keys(*table, name + ".", setters);
    else problem(node, name, "must be a table ([" + name + "])");
  }

  std::string relativeToFile(const std::string& path) const {
    return path.empty() || path.front() == '/' ? path : folder_ + path;
  }

 private:
  std::string path_, folder_;
  std::map<std::pair<std::size_t, std::string>, std::string> problems_;
  std::map<std::string, std::size_t> lines_;
};

}  // namespace

EnvironmentFile readEnvironmentFile(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto line = e.source().begin.line;
    throw EnvironmentFileError(path + ":" + std::to_string(line ? line : 1) + ": " + std::string(e.description()));
  }
  Reader r(path);
  EnvironmentFile file;
  Blueprint& b = file.blueprint;
  bool named = false;
  std::string ttl;
  std::size_t ttlLine = 0;
  r.keys(root, "",
         {{"name", [&](const toml::node& n, const std::string& k) { r.text(n, k, b.name), named = true; }},
          {"region", [&](const toml::node& n, const std::string& k) { r.text(n, k, b.region); }},
          {"ttl", [&](const toml::node& n, const std::string& k) { r.text(n, k, ttl), ttlLine = n.source().begin.line; }},
          {"open_to_internet", [&](const toml::node& n, const std::string& k) { r.flag(n, k, file.openToInternet); }},
          {"role",
           [&](const toml::node& n, const std::string& k) {
             r.section(n, k, {{"policies", [&](const toml::node& v, const std::string& key) {
                                 r.texts(v, key, b.role.policies, awsdirect::iac::managedPolicyArn);
                               }}});
           }},
          {"user",
           [&](const toml::node& n, const std::string& k) {
             r.section(n, k,
                       {{"policies",
                         [&](const toml::node& v, const std::string& key) {
                           r.texts(v, key, b.user.policies, awsdirect::iac::managedPolicyArn);
                         }},
                        {"access_key", [&](const toml::node& v, const std::string& key) { r.flag(v, key, b.user.accessKey); }}});
           }},
          {"security_group",
           [&](const toml::node& n, const std::string& k) {
             r.section(n, k,
                       {{"port", [&](const toml::node& v, const std::string& key) { r.number(v, key, b.securityGroup.port); }},
                        {"cidrs", [&](const toml::node& v, const std::string& key) { r.texts(v, key, b.securityGroup.cidrs); }}});
           }},
          {"bucket",
           [&](const toml::node& n, const std::string& k) {
             r.section(n, k,
                       {{"uploads",
                         [&](const toml::node& v, const std::string& key) {
                           r.texts(v, key, b.bucket.uploads, [&](const std::string& p) { return r.relativeToFile(p); });
                         }},
                        {"versioning", [&](const toml::node& v, const std::string& key) { r.flag(v, key, b.bucket.versioning); }},
                        {"encryption", [&](const toml::node& v, const std::string& key) { r.flag(v, key, b.bucket.encryption); }},
                        {"require_tls", [&](const toml::node& v, const std::string& key) { r.flag(v, key, b.bucket.requireTls); }}});
           }},
          {"redshift",
           [&](const toml::node& n, const std::string& k) {
             auto& s = b.redshift;
             r.section(n, k,
                       {{"node_type", [&](const toml::node& v, const std::string& key) { r.text(v, key, s.nodeType); }},
                        {"number_of_nodes", [&](const toml::node& v, const std::string& key) { r.number(v, key, s.numberOfNodes); }},
                        {"database", [&](const toml::node& v, const std::string& key) { r.text(v, key, s.database); }},
                        {"master_username", [&](const toml::node& v, const std::string& key) { r.text(v, key, s.masterUsername); }},
                        {"port", [&](const toml::node& v, const std::string& key) { r.number(v, key, s.port); }},
                        {"encrypted", [&](const toml::node& v, const std::string& key) { r.flag(v, key, s.encrypted); }},
                        {"require_tls", [&](const toml::node& v, const std::string& key) { r.flag(v, key, s.requireTls); }},
                        {"master_password",
                         [&](const toml::node& v, const std::string& key) { r.password(v, key, s.managedPassword); }}});
           }},
          {"postgres", [&](const toml::node& n, const std::string& k) {
             auto& s = b.postgres;
             r.section(n, k,
                       {{"instance_class", [&](const toml::node& v, const std::string& key) { r.text(v, key, s.instanceClass); }},
                        {"engine_version", [&](const toml::node& v, const std::string& key) { r.text(v, key, s.engineVersion); }},
                        {"allocated_storage",
                         [&](const toml::node& v, const std::string& key) { r.number(v, key, s.allocatedStorage); }},
                        {"backup_retention_days",
                         [&](const toml::node& v, const std::string& key) { r.number(v, key, s.backupRetentionDays); }},
                        {"port", [&](const toml::node& v, const std::string& key) { r.number(v, key, s.port); }},
                        {"storage_encrypted",
                         [&](const toml::node& v, const std::string& key) { r.flag(v, key, s.storageEncrypted); }},
                        {"require_tls", [&](const toml::node& v, const std::string& key) { r.flag(v, key, s.requireTls); }},
                        {"master_password",
                         [&](const toml::node& v, const std::string& key) { r.password(v, key, s.managedPassword); }}});
           }}});
  if (!named) r.problemAt(1, "name", "is required: the environment's name, such as \"dev1\"");
  if (!ttl.empty()) {  // empty: no TTL
    try {
      b.ttl = tool::parseDuration("ttl", ttl);
    } catch (const tool::UsageError& e) {
      r.problemAt(ttlLine, "ttl", std::string(e.what()).substr(5));  // without its "ttl: "
    }
  }
  // The values by the services' rules, each problem at its key's line; a key whose type was
  // wrong already has its problem.
  try {
    awsdirect::iac::validateBlueprint(b, file.openToInternet);
  } catch (const awsdirect::ValidationError& e) {
    for (const auto& p : e.error().problems)
      if (!r.hasProblem(p.field)) r.problemAt(r.lineOf(p.field), p.field, p.rule);
  }
  if (!r.problems().empty()) throw EnvironmentFileError(r.problems());
  return file;
}

std::string initialEnvironmentFile(const std::string& name, const std::vector<std::string>& cidrs) {
  const Blueprint seed;
  auto list = [](const std::vector<std::string>& items) {
    std::string text = "[";
    for (const auto& item : items) text += (text.size() > 1 ? ", \"" : "\"") + item + "\"";
    return text + "]";
  };
  std::ostringstream out;
  out << "# The environment " << name << ", for hands_on_aws plan|up|status|down --file FILE.\n"
      << "# Every setting is at the seed's default; change one and `plan` shows what up would do.\n"
      << "name = \"" << name << "\"        # prefixes every resource's name; tags them awsdirect:environment\n"
      << "region = \"\"          # empty: the profile's (AWS_REGION, ~/.aws/config)\n"
      << "ttl = \"\"             # such as \"8h\" or \"7d\": reap takes the environment down after it; empty: never\n"
      << "open_to_internet = false  # true lets cidrs hold 0.0.0.0/0 (both ports open to the whole internet)\n\n"
      << "[role]  # the role Redshift assumes to read S3 (COPY ... IAM_ROLE)\n"
      << "policies = " << list(seed.role.policies) << "  # managed policy names or ARNs\n\n"
      << "[user]  # the programmatic user (Airflow)\n"
      << "policies = " << list(seed.user.policies) << "\n"
      << "access_key = true  # one access key, saved as profile " << name << "-airflow in ~/.aws/credentials\n\n"
      << "[security_group]  # who may reach the cluster (this port) and the database (postgres.port)\n"
      << "port = " << seed.securityGroup.port << "\n"
      << "cidrs = " << list(cidrs)
      << "  # IPv4 CIDR blocks: both ports open to them, both publicly accessible; empty: private\n\n"
      << "[bucket]  # private, its public access blocked\n"
      << "uploads = []       # local files put in the bucket (STANDARD), relative to this file\n"
      << "versioning = false\n"
      << "encryption = true  # default encryption SSE-S3 (AES256)\n"
      << "require_tls = true  # a bucket policy denies every request without TLS\n\n"
      << "[redshift]  # changed in place: node_type, number_of_nodes, port, encrypted; replaced: database, master_username\n"
      << "node_type = \"" << seed.redshift.nodeType << "\"\n"
      << "number_of_nodes = " << seed.redshift.numberOfNodes << "\n"
      << "database = \"" << seed.redshift.database << "\"\n"
      << "master_username = \"" << seed.redshift.masterUsername << "\"\n"
      << "port = " << seed.redshift.port << "\n"
      << "encrypted = true\n"
      << "require_tls = true  # require_ssl in the environment's parameter group (a change reboots the cluster)\n"
      << "master_password = \"local\"  # \"local\": REDSHIFT_MASTER_PASSWORD, or generated into a 0600 file; "
         "\"aws-managed\": Secrets Manager\n\n"
      << "[postgres]  # changed in place: instance_class, allocated_storage (up), backup_retention_days, engine_version (up)\n"
      << "instance_class = \"" << seed.postgres.instanceClass << "\"\n"
      << "engine_version = \"\"  # empty: RDS's default; db.t2 classes take only older versions\n"
      << "allocated_storage = " << seed.postgres.allocatedStorage << "  # GiB\n"
      << "backup_retention_days = " << seed.postgres.backupRetentionDays << "\n"
      << "port = " << seed.postgres.port << "\n"
      << "storage_encrypted = true  # changed only by replacing the database\n"
      << "require_tls = true  # rds.force_ssl: PostgreSQL 15+ forces TLS by default; with engine_version, a parameter group sets it\n"
      << "master_password = \"local\"  # \"local\": RDS_MASTER_PASSWORD, or generated; \"aws-managed\": Secrets Manager\n";
  return out.str();
}

}  // namespace hands_on
