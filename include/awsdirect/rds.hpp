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
#include "detail/build_mode.hpp"
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

  AWSDIRECT_DECL static DBInstance fromXml(const XmlNode& node);
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

AWSDIRECT_DECL void dbInstanceIdentifier(Validator& v, const std::optional<std::string>& id);

// The engines CreateDBInstance accepts (API reference, Engine). Checked here because the
// product name is an easy mistake ("postgresql" for "postgres").
AWSDIRECT_DECL bool isKnownEngine(const std::string& engine);

inline bool isAurora(const std::string& engine) { return engine.rfind("aurora-", 0) == 0; }

// The instance class: "db." and a family and size, such as db.t2.small or db.r6g.2xlarge.
AWSDIRECT_DECL void dbInstanceClass(Validator& v, const std::string& instanceClass);

// The master password. Every engine: printable ASCII except / " @ and space. Length by engine:
// PostgreSQL and SQL Server 8-128, MySQL and MariaDB 8-41, Oracle 8-30, Db2 8-255. The message
// never repeats the password.
AWSDIRECT_DECL void masterUserPassword(Validator& v, const std::string& engine, const std::string& password);

// The master user name: 1-16 letters, digits and underscores, starting with a letter; for
// PostgreSQL neither RDS's own rdsadmin nor a name starting with pg_ (reserved by PostgreSQL).
AWSDIRECT_DECL void masterUsername(Validator& v, const std::string& engine, const std::string& name);

// The name of the database created with a PostgreSQL instance: 1-63 letters, digits and
// underscores, starting with a letter.
AWSDIRECT_DECL void postgresDbName(Validator& v, const std::string& name);

AWSDIRECT_DECL bool isKnownStorageType(const std::string& type);

// Allocated storage of RDS for PostgreSQL, by storage type (gp3 when none is given and no
// IOPS are, io1 when IOPS are): gp2 and gp3 20-65536 GiB, io1 and io2 100-65536, standard 5-3072.
AWSDIRECT_DECL void postgresAllocatedStorage(Validator& v, int gib, const std::string& storageType);

// RDS tags: the common limits, and neither "aws:" nor "rds:" may start a key.
AWSDIRECT_DECL void tags(Validator& v, const std::vector<Tag>& tags);

AWSDIRECT_DECL void filters(Validator& v, const std::vector<Filter>& filters);

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

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

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
  AWSDIRECT_DECL DescribeDBInstancesRequest& filter(std::string name, std::vector<std::string> values);
  DescribeDBInstancesRequest& maxRecords(int v) { maxRecords_ = v; return *this; }
  DescribeDBInstancesRequest& marker(std::string v) { marker_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& result);

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

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

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

  // ---- Operations (build a request, send it with send()) ----
  static rds::CreateDBInstanceRequest createDBInstance() { return {}; }
  static rds::DescribeDBInstancesRequest describeDBInstances() { return {}; }
  static rds::DeleteDBInstanceRequest deleteDBInstance() { return {}; }

  // ---- Calls that send ----

  // Every DB instance the request selects, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<rds::DBInstance>> describeAllDBInstances(rds::DescribeDBInstancesRequest request = {});

  // One DB instance by identifier; DBInstanceNotFound when there is none.
  AWSDIRECT_DECL Outcome<rds::DBInstance> findDBInstance(const std::string& identifier);

  // botocore's DBInstanceAvailable (every 30 s, 60 times): succeeds when every status is
  // "available" and returns the instance; fails on "deleted", "deleting", "failed",
  // "incompatible-restore" or "incompatible-parameters", and on any error (DBInstanceNotFound
  // included: the waiter expects the instance to exist).
  AWSDIRECT_DECL Outcome<rds::DBInstance> waitUntilAvailable(const std::string& identifier, WaitOptions options = {});

  // botocore's DBInstanceDeleted (every 30 s, 60 times): DBInstanceNotFound or an empty answer
  // succeeds (Gone); "creating", "modifying", "rebooting" or "resetting-master-credentials" fails
  // (the instance is not being deleted), as does any other error.
  AWSDIRECT_DECL Outcome<Gone> waitUntilDeleted(const std::string& identifier, WaitOptions options = {});

  static constexpr WaiterPace kDBInstanceAvailable{std::chrono::seconds(30), 60};
  static constexpr WaiterPace kDBInstanceDeleted{std::chrono::seconds(30), 60};
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/rds.ipp"
#endif
