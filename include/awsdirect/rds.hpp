#pragma once
// Amazon RDS (API version 2014-10-31, Query protocol): DB instances, with the client-side rules
// of RDS for PostgreSQL, typed results and botocore's db_instance_available and
// db_instance_deleted waiters.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client.hpp"
#include "waiter.hpp"

namespace awsdirect {
namespace rds {

// ---- Results --------------------------------------------------------------------------------

struct Endpoint {
  std::string address;
  int port = 0;
  std::string hostedZoneId;
};

struct VpcSecurityGroupMembership {
  std::string vpcSecurityGroupId;
  std::string status;  // "active", "adding", "removing"
};

struct DBInstance {
  std::string dbInstanceIdentifier;
  std::string dbInstanceStatus;  // "creating", "backing-up", "available", "deleting", ...
  std::string engine;
  std::string engineVersion;
  std::string dbInstanceClass;
  int allocatedStorage = 0;  // GiB
  std::string storageType;
  std::string masterUsername;
  std::string dbName;
  std::optional<Endpoint> endpoint;  // absent while the instance is being created
  int backupRetentionPeriod = 0;     // days; 0: automated backups are off
  std::string preferredBackupWindow;
  std::vector<VpcSecurityGroupMembership> vpcSecurityGroups;
  std::optional<std::chrono::system_clock::time_point> instanceCreateTime;
  std::string availabilityZone;
  std::string dbSubnetGroupName;
  std::string vpcId;
  bool multiAZ = false;
  bool publiclyAccessible = false;
  bool storageEncrypted = false;
  bool deletionProtection = false;
  std::string dbInstanceArn;
  std::vector<Tag> tags;

  static DBInstance fromXml(const XmlNode& node) {
    DBInstance d;
    d.dbInstanceIdentifier = node.text("DBInstanceIdentifier");
    d.dbInstanceStatus = node.text("DBInstanceStatus");
    d.engine = node.text("Engine");
    d.engineVersion = node.text("EngineVersion");
    d.dbInstanceClass = node.text("DBInstanceClass");
    d.allocatedStorage = static_cast<int>(node.integer("AllocatedStorage"));
    d.storageType = node.text("StorageType");
    d.masterUsername = node.text("MasterUsername");
    d.dbName = node.text("DBName");
    if (XmlNode endpoint = node.child("Endpoint"))
      d.endpoint = Endpoint{endpoint.text("Address"), static_cast<int>(endpoint.integer("Port")),
                            endpoint.text("HostedZoneId")};
    d.backupRetentionPeriod = static_cast<int>(node.integer("BackupRetentionPeriod"));
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
};

struct DescribeDBInstancesResult {
  std::vector<DBInstance> dbInstances;
  std::string marker;  // empty on the last page
};

// A filter of DescribeDBInstances: {"engine", {"postgres"}}, {"db-instance-id", {...}}.
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

// ---- Rules shared by the operations ----------------------------------------------------------

namespace rules {

using awsdirect::rules::isDigit;
using awsdirect::rules::isLetter;
using awsdirect::rules::isPrintableAscii;

inline void dbInstanceIdentifier(Validator& v, const std::optional<std::string>& id) {
  if (v.required(id, "DBInstanceIdentifier"))
    awsdirect::rules::resourceIdentifier(v, "DBInstanceIdentifier", *id, false);
}

// The engines CreateDBInstance accepts (API reference, Engine). Checked here because the
// product name is an easy mistake ("postgresql" for "postgres").
inline bool isKnownEngine(const std::string& engine) {
  static const char* const engines[] = {
      "aurora-mysql", "aurora-postgresql", "custom-oracle-ee", "custom-oracle-ee-cdb", "custom-oracle-se2",
      "custom-oracle-se2-cdb", "custom-sqlserver-ee", "custom-sqlserver-se", "custom-sqlserver-web",
      "custom-sqlserver-dev", "db2-ae", "db2-se", "mariadb", "mysql", "oracle-ee", "oracle-ee-cdb", "oracle-se2",
      "oracle-se2-cdb", "postgres", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"};
  for (const char* e : engines)
    if (engine == e) return true;
  return false;
}

inline bool isAurora(const std::string& engine) { return engine.rfind("aurora-", 0) == 0; }

// The instance class: "db." and a family and size, such as db.t2.small or db.r6g.2xlarge.
inline void dbInstanceClass(Validator& v, const std::string& instanceClass) {
  bool allowed = instanceClass.size() > 3 && instanceClass.compare(0, 3, "db.") == 0;
  for (char c : instanceClass)
    allowed = allowed && (awsdirect::rules::isLower(c) || isDigit(c) || c == '.');
  v.check(allowed, "DBInstanceClass", "must be an instance class such as db.t3.micro (\"db.\", lowercase letters, digits and dots)");
}

// The master password. Every engine: printable ASCII except / " @ and space. Length by engine:
// PostgreSQL and SQL Server 8-128, MySQL and MariaDB 8-41, Oracle 8-30, Db2 8-255. The message
// never repeats the password.
inline void masterUserPassword(Validator& v, const std::string& engine, const std::string& password) {
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

// The master user name: 1-16 letters, digits and underscores, starting with a letter; for
// PostgreSQL neither RDS's own rdsadmin nor a name starting with pg_ (reserved by PostgreSQL).
inline void masterUsername(Validator& v, const std::string& engine, const std::string& name) {
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

// The name of the database created with a PostgreSQL instance: 1-63 letters, digits and
// underscores, starting with a letter.
inline void postgresDbName(Validator& v, const std::string& name) {
  const std::string field = "DBName";
  if (!v.check(!name.empty() && name.size() <= 63, field, "must be 1 to 63 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLetter(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only letters, digits and underscores");
  v.check(isLetter(name.front()), field, "must start with a letter");
}

inline bool isKnownStorageType(const std::string& type) {
  return type == "gp2" || type == "gp3" || type == "io1" || type == "io2" || type == "standard";
}

// Allocated storage of RDS for PostgreSQL, by storage type (gp3 when none is given and no
// IOPS are, io1 when IOPS are): gp2 and gp3 20-65536 GiB, io1 and io2 100-65536, standard 5-3072.
inline void postgresAllocatedStorage(Validator& v, int gib, const std::string& storageType) {
  int low = 20, high = 65536;
  if (storageType == "io1" || storageType == "io2") low = 100;
  if (storageType == "standard") { low = 5; high = 3072; }
  v.check(gib >= low && gib <= high, "AllocatedStorage",
          "must be between " + std::to_string(low) + " and " + std::to_string(high) + " GiB for " + storageType +
              " storage");
}

// RDS tags: the common limits, and neither "aws:" nor "rds:" may start a key.
inline void tags(Validator& v, const std::vector<Tag>& tags) {
  awsdirect::rules::tags(v, "Tags", tags);
  for (std::size_t i = 0; i < tags.size(); ++i)
    v.check(tags[i].key.rfind("rds:", 0) != 0, "Tags[" + std::to_string(i) + "].Key",
            "must not start with 'rds:' (reserved for RDS)");
}

inline void filters(Validator& v, const std::vector<Filter>& filters) {
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const std::string name = "Filters[" + std::to_string(i) + "]";
    v.check(!filters[i].name.empty(), name + ".Name", "must not be empty");
    v.check(!filters[i].values.empty(), name + ".Values", "must hold at least one value");
  }
}

}  // namespace rules

// ---- Requests --------------------------------------------------------------------------------

// CreateDBInstance: launches a DB instance. Required: identifier, instance class and engine;
// for RDS for PostgreSQL also allocated storage, a master user name and a master password
// (unless RDS manages it in Secrets Manager).
class CreateDBInstanceRequest {
 public:
  using Result = DBInstance;
  static constexpr const char* operation = "CreateDBInstance";

  CreateDBInstanceRequest& identifier(std::string v) { dbInstanceIdentifier_ = std::move(v); return *this; }
  CreateDBInstanceRequest& engine(std::string v) { engine_ = std::move(v); return *this; }
  CreateDBInstanceRequest& engineVersion(std::string v) { engineVersion_ = std::move(v); return *this; }
  CreateDBInstanceRequest& instanceClass(std::string v) { dbInstanceClass_ = std::move(v); return *this; }
  CreateDBInstanceRequest& allocatedStorage(int gib) { allocatedStorage_ = gib; return *this; }
  // gp2, gp3, io1, io2 or standard (magnetic).
  CreateDBInstanceRequest& storageType(std::string v) { storageType_ = std::move(v); return *this; }
  CreateDBInstanceRequest& iops(int v) { iops_ = v; return *this; }
  CreateDBInstanceRequest& masterUsername(std::string v) { masterUsername_ = std::move(v); return *this; }
  CreateDBInstanceRequest& masterUserPassword(std::string v) { masterUserPassword_ = Secret(std::move(v)); return *this; }
  // RDS generates the password and keeps it in Secrets Manager.
  CreateDBInstanceRequest& manageMasterUserPassword(bool v = true) { manageMasterUserPassword_ = v; return *this; }
  CreateDBInstanceRequest& dbName(std::string v) { dbName_ = std::move(v); return *this; }
  CreateDBInstanceRequest& port(int v) { port_ = v; return *this; }
  // Days of automated backups, 0 (off) to 35; AWS's default is 1.
  CreateDBInstanceRequest& backupRetentionPeriod(int days) { backupRetentionPeriod_ = days; return *this; }
  CreateDBInstanceRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  CreateDBInstanceRequest& dbSubnetGroupName(std::string v) { dbSubnetGroupName_ = std::move(v); return *this; }
  CreateDBInstanceRequest& availabilityZone(std::string v) { availabilityZone_ = std::move(v); return *this; }
  CreateDBInstanceRequest& publiclyAccessible(bool v) { publiclyAccessible_ = v; return *this; }
  CreateDBInstanceRequest& multiAZ(bool v) { multiAZ_ = v; return *this; }
  CreateDBInstanceRequest& storageEncrypted(bool v) { storageEncrypted_ = v; return *this; }
  CreateDBInstanceRequest& deletionProtection(bool v) { deletionProtection_ = v; return *this; }
  CreateDBInstanceRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  void validate(Validator& v) const {
    rules::dbInstanceIdentifier(v, dbInstanceIdentifier_);
    if (v.requiredText(dbInstanceClass_, "DBInstanceClass")) rules::dbInstanceClass(v, *dbInstanceClass_);
    std::string engine;
    if (v.requiredText(engine_, "Engine") &&
        v.check(rules::isKnownEngine(*engine_), "Engine", "must be an RDS engine name such as postgres, mysql or mariadb"))
      engine = *engine_;
    const bool aurora = rules::isAurora(engine);

    // Storage and the master user belong to the cluster for Aurora, to the instance otherwise.
    const std::string storageType =
        storageType_ ? *storageType_ : (iops_ ? std::string("io1") : std::string("gp3"));
    if (storageType_)
      v.check(rules::isKnownStorageType(*storageType_), "StorageType", "must be gp2, gp3, io1, io2 or standard");
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
    awsdirect::rules::port(v, "Port", port_, 1150, 65535);
    v.inRange(backupRetentionPeriod_, 0, 35, "BackupRetentionPeriod");
    for (std::size_t i = 0; i < vpcSecurityGroupIds_.size(); ++i)
      awsdirect::rules::ec2ResourceId(v, "VpcSecurityGroupIds[" + std::to_string(i) + "]", vpcSecurityGroupIds_[i], "sg");
    if (multiAZ_.value_or(false))
      v.check(!availabilityZone_, "AvailabilityZone", "must not be set for a Multi-AZ deployment");
    rules::tags(v, tags_);
  }

  void serialize(QueryWriter& w) const {
    w.optional("DBInstanceIdentifier", dbInstanceIdentifier_);
    w.optional("Engine", engine_);
    w.optional("EngineVersion", engineVersion_);
    w.optional("DBInstanceClass", dbInstanceClass_);
    w.optional("AllocatedStorage", allocatedStorage_);
    w.optional("StorageType", storageType_);
    w.optional("Iops", iops_);
    w.optional("MasterUsername", masterUsername_);
    if (masterUserPassword_) w.add("MasterUserPassword", masterUserPassword_->reveal());
    w.optional("ManageMasterUserPassword", manageMasterUserPassword_);
    w.optional("DBName", dbName_);
    w.optional("Port", port_);
    w.optional("BackupRetentionPeriod", backupRetentionPeriod_);
    w.list("VpcSecurityGroupIds.VpcSecurityGroupId", vpcSecurityGroupIds_);
    w.optional("DBSubnetGroupName", dbSubnetGroupName_);
    w.optional("AvailabilityZone", availabilityZone_);
    w.optional("PubliclyAccessible", publiclyAccessible_);
    w.optional("MultiAZ", multiAZ_);
    w.optional("StorageEncrypted", storageEncrypted_);
    w.optional("DeletionProtection", deletionProtection_);
    w.tags("Tags.Tag", tags_);
  }

  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }

 private:
  std::optional<std::string> dbInstanceIdentifier_, engine_, engineVersion_, dbInstanceClass_, storageType_,
      masterUsername_, dbName_, dbSubnetGroupName_, availabilityZone_;
  std::optional<Secret> masterUserPassword_;
  std::optional<int> allocatedStorage_, iops_, port_, backupRetentionPeriod_;
  std::optional<bool> manageMasterUserPassword_, publiclyAccessible_, multiAZ_, storageEncrypted_,
      deletionProtection_;
  std::vector<std::string> vpcSecurityGroupIds_;
  std::vector<Tag> tags_;
};

// DescribeDBInstances: one instance by identifier, or every instance (optionally filtered)
// page by page (Marker).
class DescribeDBInstancesRequest {
 public:
  using Result = DescribeDBInstancesResult;
  static constexpr const char* operation = "DescribeDBInstances";

  DescribeDBInstancesRequest& identifier(std::string v) { dbInstanceIdentifier_ = std::move(v); return *this; }
  DescribeDBInstancesRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
  DescribeDBInstancesRequest& maxRecords(int v) { maxRecords_ = v; return *this; }
  DescribeDBInstancesRequest& marker(std::string v) { marker_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    if (dbInstanceIdentifier_) rules::dbInstanceIdentifier(v, dbInstanceIdentifier_);
    rules::filters(v, filters_);
    v.inRange(maxRecords_, 20, 100, "MaxRecords");
  }

  void serialize(QueryWriter& w) const {
    w.optional("DBInstanceIdentifier", dbInstanceIdentifier_);
    w.list("Filters.Filter", filters_, [](QueryWriter& item, const Filter& f) {
      item.add("Name", f.name);
      item.list("Values.Value", f.values);
    });
    w.optional("MaxRecords", maxRecords_);
    w.optional("Marker", marker_);
  }

  static Result parse(const XmlNode& result) {
    Result r;
    for (const XmlNode& d : result.list("DBInstances", "DBInstance")) r.dbInstances.push_back(DBInstance::fromXml(d));
    r.marker = result.text("Marker");
    return r;
  }

 private:
  std::optional<std::string> dbInstanceIdentifier_, marker_;
  std::vector<Filter> filters_;
  std::optional<int> maxRecords_;
};

// DeleteDBInstance: says explicitly whether a final snapshot is taken, because AWS's default
// (take one) fails without a snapshot identifier and a forgotten instance keeps costing money.
class DeleteDBInstanceRequest {
 public:
  using Result = DBInstance;
  static constexpr const char* operation = "DeleteDBInstance";

  DeleteDBInstanceRequest& identifier(std::string v) { dbInstanceIdentifier_ = std::move(v); return *this; }
  DeleteDBInstanceRequest& skipFinalSnapshot(bool v = true) { skipFinalSnapshot_ = v; return *this; }
  DeleteDBInstanceRequest& finalSnapshotIdentifier(std::string v) { finalDBSnapshotIdentifier_ = std::move(v); return *this; }
  // Whether the automated backups go with the instance (AWS's default) or are retained.
  DeleteDBInstanceRequest& deleteAutomatedBackups(bool v = true) { deleteAutomatedBackups_ = v; return *this; }

  void validate(Validator& v) const {
    rules::dbInstanceIdentifier(v, dbInstanceIdentifier_);
    if (skipFinalSnapshot_.value_or(false)) {
      v.check(!finalDBSnapshotIdentifier_, "FinalDBSnapshotIdentifier",
              "must not be set when SkipFinalSnapshot is true");
    } else if (v.check(finalDBSnapshotIdentifier_.has_value(), "FinalDBSnapshotIdentifier",
                       "is required unless SkipFinalSnapshot is true")) {
      awsdirect::rules::resourceIdentifier(v, "FinalDBSnapshotIdentifier", *finalDBSnapshotIdentifier_, false, 255);
    }
  }

  void serialize(QueryWriter& w) const {
    w.optional("DBInstanceIdentifier", dbInstanceIdentifier_);
    w.optional("SkipFinalSnapshot", skipFinalSnapshot_);
    w.optional("FinalDBSnapshotIdentifier", finalDBSnapshotIdentifier_);
    w.optional("DeleteAutomatedBackups", deleteAutomatedBackups_);
  }

  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }

 private:
  std::optional<std::string> dbInstanceIdentifier_, finalDBSnapshotIdentifier_;
  std::optional<bool> skipFinalSnapshot_, deleteAutomatedBackups_;
};

}  // namespace rds

// ---- The client -------------------------------------------------------------------------------

class Rds : public QueryClient {
 public:
  static ServiceInfo serviceInfo() { return {"RDS", "rds", "rds", "2014-10-31", false}; }

  explicit Rds(const ClientConfig& config = ClientConfig()) : QueryClient(serviceInfo(), config) {}

  static rds::CreateDBInstanceRequest createDBInstance() { return {}; }
  static rds::DescribeDBInstancesRequest describeDBInstances() { return {}; }
  static rds::DeleteDBInstanceRequest deleteDBInstance() { return {}; }

  // Every DB instance the request selects, following Marker from page to page.
  Outcome<std::vector<rds::DBInstance>> describeAllDBInstances(rds::DescribeDBInstancesRequest request = {}) {
    return sendAllPages(std::move(request), &rds::DescribeDBInstancesRequest::marker,
                        &rds::DescribeDBInstancesResult::marker, &rds::DescribeDBInstancesResult::dbInstances);
  }

  // One DB instance by identifier; DBInstanceNotFound when there is none.
  Outcome<rds::DBInstance> describeDBInstance(const std::string& identifier) {
    auto result = send(describeDBInstances().identifier(identifier));
    if (!result) return result.error();
    if (result.value().dbInstances.empty()) return notFound(identifier);
    return std::move(result.value().dbInstances.front());
  }

  // botocore's waiter timing for RDS: a poll every 30 s, at most 60 polls.
  static WaitOptions defaultWaitOptions() {
    WaitOptions options;
    options.delay = std::chrono::seconds(30);
    options.timeout = std::chrono::minutes(30);
    return options;
  }

  // botocore's db_instance_available: succeeds when every status is "available"; fails on
  // "deleted", "deleting", "failed", "incompatible-restore" or "incompatible-parameters", and
  // on any error (DBInstanceNotFound included: the waiter expects the instance to exist).
  Outcome<rds::DBInstance> waitUntilAvailable(const std::string& identifier,
                                              WaitOptions options = defaultWaitOptions()) {
    auto outcome = waitForInstance("DBInstanceAvailable", identifier, options, [](const Polled& polled) {
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

  // botocore's db_instance_deleted: succeeds on DBInstanceNotFound or an empty answer; fails on
  // "creating", "modifying", "rebooting" or "resetting-master-credentials" (the instance is
  // not being deleted) and on any other error.
  Outcome<Empty> waitUntilDeleted(const std::string& identifier, WaitOptions options = defaultWaitOptions()) {
    auto outcome = waitForInstance("DBInstanceDeleted", identifier, options, [](const Polled& polled) {
      if (!polled) {
        if (polled.error().code == "DBInstanceNotFound") return WaitStep{WaitVerdict::Success, "deleted"};
        return WaitStep{WaitVerdict::Failure, polled.error().code};
      }
      const auto& instances = polled.value().dbInstances;
      if (instances.empty()) return WaitStep{WaitVerdict::Success, "deleted"};
      for (const auto& i : instances)
        for (const char* failed : {"creating", "modifying", "rebooting", "resetting-master-credentials"})
          if (i.dbInstanceStatus == failed) return WaitStep{WaitVerdict::Failure, failed};
      return WaitStep{WaitVerdict::Retry, instances.front().dbInstanceStatus};
    });
    // Success through DBInstanceNotFound arrives as that error: it is the success here.
    if (!outcome && outcome.error().code != "DBInstanceNotFound") return outcome.error();
    return Empty{};
  }

 private:
  using Polled = Outcome<rds::DescribeDBInstancesResult>;

  static Error notFound(const std::string& identifier) {
    Error e = makeError(ErrorKind::Service, "DBInstanceNotFound", "DBInstance " + identifier + " not found.");
    e.service = serviceInfo().endpointPrefix;
    e.operation = rds::DescribeDBInstancesRequest::operation;
    return e;
  }

  template <class Judge>
  Polled waitForInstance(const std::string& name, const std::string& identifier, const WaitOptions& options,
                         Judge judge) {
    Validator v;
    rds::rules::dbInstanceIdentifier(v, identifier);
    if (!v.ok()) return v.error(serviceInfo().endpointPrefix, rds::DescribeDBInstancesRequest::operation);
    return waitUntil<rds::DescribeDBInstancesResult>(
        name, options, [&] { return send(describeDBInstances().identifier(identifier)); }, judge);
  }
};

}  // namespace awsdirect
