// Definitions of <awsdirect/rds/common.hpp>.

namespace awsdirect {
namespace rds {

void writeMember(QueryWriter& w, const Parameter& parameter) {
  awsdirect::writeMember(w, static_cast<const GroupParameter&>(parameter));
  if (!parameter.applyMethod.empty()) w.add("ApplyMethod", parameter.applyMethod);
  w.list("SupportedEngineModes.member", parameter.supportedEngineModes);
}

namespace rules {

void dbInstanceIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, false);
}

void dbInstanceIdentifier(Validator& v, const std::optional<std::string>& id) {
  if (v.required(id, "DBInstanceIdentifier")) dbInstanceIdentifier(v, "DBInstanceIdentifier", *id);
}

void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, false, 255);
}

void securityGroupId(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::ec2ResourceId(v, field, id, "sg");
}

void subnetId(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::ec2ResourceId(v, field, id, "subnet");
}

void engine(Validator& v, const std::string& field, const std::string& engine) {
  v.check(isKnownEngine(engine), field, "must be an RDS engine name such as postgres, mysql or mariadb");
}

void storageType(Validator& v, const std::string& field, const std::string& type) {
  v.check(isKnownStorageType(type), field, "must be gp2, gp3, io1, io2 or standard");
}

bool isKnownEngine(const std::string& engine) {
  static const char* const engines[] = {
      "aurora-mysql", "aurora-postgresql", "custom-oracle-ee", "custom-oracle-ee-cdb", "custom-oracle-se2",
      "custom-oracle-se2-cdb", "custom-sqlserver-ee", "custom-sqlserver-se", "custom-sqlserver-web",
      "custom-sqlserver-dev", "db2-ae", "db2-se", "mariadb", "mysql", "oracle-ee", "oracle-ee-cdb", "oracle-se2",
      "oracle-se2-cdb", "postgres", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"};
  for (const char* e : engines)
    if (engine == e) return true;
  return false;
}

void dbInstanceClass(Validator& v, const std::string& instanceClass) { dbInstanceClass(v, "DBInstanceClass", instanceClass); }

void dbInstanceClass(Validator& v, const std::string& field, const std::string& instanceClass) {
  bool allowed = instanceClass.size() > 3 && instanceClass.compare(0, 3, "db.") == 0;
  for (char c : instanceClass)
    allowed = allowed && (awsdirect::rules::isLower(c) || isDigit(c) || c == '.');
  v.check(allowed, field, "must be an instance class such as db.t3.micro (\"db.\", lowercase letters, digits and dots)");
}

void masterUserPassword(Validator& v, const std::string& engine, const std::string& password) {
  const std::string field = "MasterUserPassword";
  std::size_t maxLength = 128;
  if (engine == "mysql" || engine == "mariadb") maxLength = 41;
  else if (engine.find("oracle") != std::string::npos) maxLength = 30;
  else if (engine.rfind("db2", 0) == 0) maxLength = 255;
  v.check(password.size() >= 8 && password.size() <= maxLength, field,
          "must be 8 to " + std::to_string(maxLength) + " characters long");
  bool allowed = true;
  for (char c : password)
    if (!isPrintableAscii(c) || c == '/' || c == '"' || c == '@') allowed = false;
  v.check(allowed, field, "may contain only printable ASCII characters other than / \" @ and space");
}

void masterUsername(Validator& v, const std::string& engine, const std::string& name) {
  const std::string field = "MasterUsername";
  if (!v.check(!name.empty() && name.size() <= 16, field, "must be 1 to 16 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLetter(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only letters, digits and underscores");
  v.check(isLetter(name.front()), field, "must start with a letter");
  v.check(name != "rdsadmin", field, "must not be 'rdsadmin' (reserved by RDS)");
  if (engine == "postgres") v.check(name.rfind("pg_", 0) != 0, field, "must not start with 'pg_' (reserved by PostgreSQL)");
}

void postgresDbName(Validator& v, const std::string& name) {
  const std::string field = "DBName";
  if (!v.check(!name.empty() && name.size() <= 63, field, "must be 1 to 63 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLetter(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only letters, digits and underscores");
  v.check(isLetter(name.front()), field, "must start with a letter");
}

bool isKnownStorageType(const std::string& type) {
  return type == "gp2" || type == "gp3" || type == "io1" || type == "io2" || type == "standard";
}

void postgresAllocatedStorage(Validator& v, int gib, const std::string& storageType) {
  int low = 20, high = 65536;
  if (storageType == "io1" || storageType == "io2") low = 100;
  if (storageType == "standard") { low = 5; high = 3072; }
  v.check(gib >= low && gib <= high, "AllocatedStorage",
          "must be between " + std::to_string(low) + " and " + std::to_string(high) + " GiB for " + storageType +
              " storage");
}

void tags(Validator& v, const std::vector<Tag>& tags) { tagList(v, "Tags", tags); }

void tagList(Validator& v, const std::string& field, const std::vector<Tag>& tags) {
  awsdirect::rules::tags(v, field, tags);
  for (std::size_t i = 0; i < tags.size(); ++i)
    v.check(tags[i].key.rfind("rds:", 0) != 0, field + "[" + std::to_string(i) + "].Key",
            "must not start with 'rds:' (reserved for RDS)");
}

}  // namespace rules

}  // namespace rds
}  // namespace awsdirect
