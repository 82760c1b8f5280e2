// Definitions of <awsdirect/rds.hpp>.
#include <algorithm>
#include <iterator>

#include "../sigv4.hpp"
#include "../uri.hpp"

namespace awsdirect {

namespace rds {

DBInstance DBInstance::fromXml(const XmlNode& node) {
  DBInstance d;
  d.dbInstanceIdentifier = node.text("DBInstanceIdentifier");
  d.dbInstanceStatus = node.text("DBInstanceStatus");
  d.engine = node.text("Engine");
  d.engineVersion = node.text("EngineVersion");
  d.dbInstanceClass = node.text("DBInstanceClass");
  d.allocatedStorage = node.int32("AllocatedStorage");
  d.storageType = node.text("StorageType");
  d.masterUsername = node.text("MasterUsername");
  d.dbName = node.text("DBName");
  if (XmlNode endpoint = node.child("Endpoint"))
    d.endpoint = Endpoint{endpoint.text("Address"), endpoint.int32("Port"),
                          endpoint.text("HostedZoneId")};
  d.backupRetentionPeriod = node.int32("BackupRetentionPeriod");
  d.preferredBackupWindow = node.text("PreferredBackupWindow");
  for (const XmlNode& g : node.list("VpcSecurityGroups", "VpcSecurityGroupMembership"))
    d.vpcSecurityGroups.push_back({g.text("VpcSecurityGroupId"), g.text("Status")});
  d.instanceCreateTime = node.timestamp("InstanceCreateTime");
  d.availabilityZone = node.text("AvailabilityZone");
  d.dbSubnetGroupName = node.child("DBSubnetGroup").text("DBSubnetGroupName");
  d.vpcId = node.child("DBSubnetGroup").text("VpcId");
  d.multiAZ = node.boolean("MultiAZ");
  d.publiclyAccessible = node.boolean("PubliclyAccessible");
  d.storageEncrypted = node.boolean("StorageEncrypted");
  d.deletionProtection = node.boolean("DeletionProtection");
  d.dbInstanceArn = node.text("DBInstanceArn");
  for (const XmlNode& t : node.list("TagList", "Tag")) d.tags.push_back({t.text("Key"), t.text("Value")});
  return d;
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

void CreateDBInstanceRequest::validateAcross(Validator& v) const {
  const std::string engine = engine_ && rules::isKnownEngine(*engine_) ? *engine_ : "";
  const bool aurora = rules::isAurora(engine);

  // Storage and the master user belong to the cluster for Aurora, to the instance otherwise.
  const std::string storageType =
      storageType_ ? *storageType_ : (iops_ ? std::string("io1") : std::string("gp3"));
  if (storageType == "io1" || storageType == "io2")
    v.check(iops_.has_value(), "Iops", "is required for " + storageType + " storage");
  if (engine == "postgres") {
    if (v.required(allocatedStorage_, "AllocatedStorage") && rules::isKnownStorageType(storageType))
      rules::postgresAllocatedStorage(v, *allocatedStorage_, storageType);
  } else if (allocatedStorage_) {
    v.check(*allocatedStorage_ > 0, "AllocatedStorage", "must be a positive number of GiB");
  }
  if (!aurora && !engine.empty() && v.required(masterUsername_, "MasterUsername"))
    rules::masterUsername(v, engine, *masterUsername_);
  if (manageMasterUserPassword_.value_or(false)) {
    v.check(!masterUserPassword_, "MasterUserPassword", "must not be set when ManageMasterUserPassword is true");
  } else if (!aurora && !engine.empty() &&
             v.check(masterUserPassword_.has_value(), "MasterUserPassword",
                     "is required unless ManageMasterUserPassword is true")) {
    rules::masterUserPassword(v, engine, masterUserPassword_->reveal());
  }
  if (dbName_ && engine == "postgres") rules::postgresDbName(v, *dbName_);
  if (multiAZ_.value_or(false))
    v.check(!availabilityZone_, "AvailabilityZone", "must not be set for a Multi-AZ deployment");
}

void DescribeDBInstancesRequest::validateAcross(Validator& v) const {
  for (std::size_t i = 0; i < filters_.size(); ++i)
    v.check(!filters_[i].values.empty(), "Filters[" + std::to_string(i) + "].Values", "must hold at least one value");
}

DescribeDBInstancesResult DescribeDBInstancesRequest::parse(const XmlNode& result) {
  Result r;
  for (const XmlNode& d : result.list("DBInstances", "DBInstance")) r.dbInstances.push_back(DBInstance::fromXml(d));
  r.marker = result.text("Marker");
  return r;
}

void DeleteDBInstanceRequest::validateAcross(Validator& v) const {
  if (skipFinalSnapshot_.value_or(false))
    v.check(!finalDBSnapshotIdentifier_, "FinalDBSnapshotIdentifier", "must not be set when SkipFinalSnapshot is true");
  else
    v.check(finalDBSnapshotIdentifier_.has_value(), "FinalDBSnapshotIdentifier",
            "is required unless SkipFinalSnapshot is true");
}

}  // namespace rds

Outcome<std::vector<rds::DBInstance>> Rds::describeAllDBInstances(rds::DescribeDBInstancesRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.marker(std::move(t)); },
                      &rds::DescribeDBInstancesResult::marker, &rds::DescribeDBInstancesResult::dbInstances);
}

namespace rds {
namespace detail {
AWSDIRECT_DECL Error notFound(const std::string& identifier) {
  Error e = makeError(ErrorKind::Service, "DBInstanceNotFound", "DBInstance " + identifier + " not found.");
  e.service = "rds";
  e.operation = DescribeDBInstancesRequest::operation;
  return e;
}

// The identifier a waiter polls for, checked before the first poll.
AWSDIRECT_DECL std::optional<Error> invalidIdentifier(const std::string& identifier) {
  Validator v;
  rules::dbInstanceIdentifier(v, identifier);
  if (v.ok()) return std::nullopt;
  return v.error("rds", DescribeDBInstancesRequest::operation);
}
}  // namespace detail
}  // namespace rds

Outcome<rds::DBInstance> Rds::findDBInstance(const std::string& identifier) {
  auto result = send(describeDBInstances().identifier(identifier));
  if (!result) return result.error();
  if (result.value().dbInstances.empty()) return rds::detail::notFound(identifier);
  return std::move(result.value().dbInstances.front());
}

Outcome<rds::DBInstance> Rds::waitUntilAvailable(const std::string& identifier, WaitOptions options) {
  using Polled = Outcome<rds::DescribeDBInstancesResult>;
  if (auto invalid = rds::detail::invalidIdentifier(identifier)) return *invalid;
  auto outcome = waitUntil<rds::DescribeDBInstancesResult>(
      "DBInstanceAvailable", options, kDBInstanceAvailable,
      [&] { return send(describeDBInstances().identifier(identifier)); },
      [](const Polled& polled) {
        if (!polled) return WaitStep{WaitVerdict::Failure, polled.error().code};
        const auto& instances = polled.value().dbInstances;
        bool allAvailable = !instances.empty();
        for (const auto& i : instances) allAvailable = allAvailable && i.dbInstanceStatus == "available";
        if (allAvailable) return WaitStep{WaitVerdict::Success, "available"};
        for (const auto& i : instances)
          for (const char* failed : {"deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters"})
            if (i.dbInstanceStatus == failed) return WaitStep{WaitVerdict::Failure, failed};
        return WaitStep{WaitVerdict::Retry, instances.empty() ? std::string("none") : instances.front().dbInstanceStatus};
      });
  if (!outcome) return outcome.error();
  return std::move(outcome.value().dbInstances.front());
}

Outcome<Gone> Rds::waitUntilDeleted(const std::string& identifier, WaitOptions options) {
  using Polled = Outcome<rds::DescribeDBInstancesResult>;
  if (auto invalid = rds::detail::invalidIdentifier(identifier)) return *invalid;
  return waitUntilGone<rds::DescribeDBInstancesResult>(
      "DBInstanceDeleted", identifier, options, kDBInstanceDeleted,
      [&] { return send(describeDBInstances().identifier(identifier)); },
      [](const Polled& polled) {
        if (!polled) {
          if (polled.error().code == "DBInstanceNotFound") return WaitStep{WaitVerdict::Success, "DBInstanceNotFound"};
          return WaitStep{WaitVerdict::Failure, polled.error().code};
        }
        const auto& instances = polled.value().dbInstances;
        if (instances.empty()) return WaitStep{WaitVerdict::Success, "none"};
        for (const auto& i : instances)
          for (const char* failed : {"creating", "modifying", "rebooting", "resetting-master-credentials"})
            if (i.dbInstanceStatus == failed) return WaitStep{WaitVerdict::Failure, failed};
        return WaitStep{WaitVerdict::Retry, instances.front().dbInstanceStatus};
      });
}

Outcome<Secret> Rds::generateDbAuthToken(const std::string& hostname, int port, const std::string& dbUser,
                                         std::chrono::system_clock::time_point now) {
  try {
    Validator v;
    v.check(!hostname.empty() && hostname.find_first_of("/?#@ ") == std::string::npos, "DBHostname",
            "must be a host name (no scheme, path or spaces)");
    v.check(port >= 1 && port <= 65535, "Port", "must be from 1 to 65535");
    v.check(!dbUser.empty(), "DBUsername", "must not be empty");
    if (!v.ok()) return v.error("rds-db", "connect");
    HttpRequest http;
    http.method = "GET";
    http.host = hostname + ":" + std::to_string(port);
    http.query = "Action=connect&DBUser=";
    uriEncodeAppend(http.query, dbUser);
    SigningParams params;
    params.region = core().config().region;
    params.service = "rds-db";
    params.time = now;
    core().signer().presign(http, core().config().credentials->credentials(), params, std::chrono::seconds(900));
    // The parameters in botocore's order, so that the token is the CLI's to the byte.
    static constexpr const char* kOrder[] = {"Action=", "DBUser=", "X-Amz-Algorithm=", "X-Amz-Credential=",
                                             "X-Amz-Date=", "X-Amz-Expires=", "X-Amz-SignedHeaders=",
                                             "X-Amz-Security-Token=", "X-Amz-Signature="};
    std::vector<std::string> pairs;
    for (std::size_t start = 0, end; start <= http.query.size(); start = end + 1) {
      end = std::min(http.query.find('&', start), http.query.size());
      pairs.push_back(http.query.substr(start, end - start));
    }
    auto rank = [](const std::string& pair) {
      for (std::size_t i = 0; i < std::size(kOrder); ++i)
        if (pair.rfind(kOrder[i], 0) == 0) return i;
      return std::size(kOrder);
    };
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    std::string token = http.host + "/?";
    for (std::size_t i = 0; i < pairs.size(); ++i) token += (i ? "&" : "") + pairs[i];
    return Secret(std::move(token));
  } catch (const Exception& e) {
    return e.error();
  }
}

}  // namespace awsdirect
