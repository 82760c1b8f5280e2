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
#include "request.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Rds;

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
using Filter = awsdirect::Filter;

// ---- Rules shared by the operations ----------------------------------------------------------

namespace rules {

using awsdirect::rules::isDigit;
using awsdirect::rules::isLetter;
using awsdirect::rules::isPrintableAscii;

AWSDIRECT_DECL void dbInstanceIdentifier(Validator& v, const std::optional<std::string>& id);
// 1-63 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void dbInstanceIdentifier(Validator& v, const std::string& field, const std::string& id);
// 1-255 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id);
AWSDIRECT_DECL void securityGroupId(Validator& v, const std::string& field, const std::string& id);
// One of isKnownEngine's.
AWSDIRECT_DECL void engine(Validator& v, const std::string& field, const std::string& engine);
AWSDIRECT_DECL void storageType(Validator& v, const std::string& field, const std::string& type);

// The engines CreateDBInstance accepts (API reference, Engine). Checked here because the
// product name is an easy mistake ("postgresql" for "postgres").
AWSDIRECT_DECL bool isKnownEngine(const std::string& engine);

inline bool isAurora(const std::string& engine) { return engine.rfind("aurora-", 0) == 0; }

// The instance class: "db." and a family and size, such as db.t2.small or db.r6g.2xlarge.
AWSDIRECT_DECL void dbInstanceClass(Validator& v, const std::string& instanceClass);
AWSDIRECT_DECL void dbInstanceClass(Validator& v, const std::string& field, const std::string& instanceClass);

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
AWSDIRECT_DECL void tagList(Validator& v, const std::string& field, const std::vector<Tag>& tags);


}  // namespace rules

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;
static constexpr const char* kStorageTypes[] = {"gp2", "gp3", "io1", "io2", "standard"};

AWSDIRECT_MEMBER(DBName, dbName, std::string, unchecked);  // its rules depend on the engine
AWSDIRECT_MEMBER(DBInstanceIdentifier, dbInstanceIdentifier, std::string, check(rules::dbInstanceIdentifier));
AWSDIRECT_MEMBER(AllocatedStorage, allocatedStorage, int, unchecked);  // GiB; its range depends on the engine
AWSDIRECT_MEMBER(DBInstanceClass, dbInstanceClass, std::string, length(1, SIZE_MAX), check(rules::dbInstanceClass));
AWSDIRECT_MEMBER(Engine, engine, std::string, length(1, SIZE_MAX), check(rules::engine));
AWSDIRECT_MEMBER(MasterUsername, masterUsername, std::string, unchecked);      // rules by engine
AWSDIRECT_MEMBER(MasterUserPassword, masterUserPassword, Secret, unchecked);  // rules by engine
AWSDIRECT_MEMBER(VpcSecurityGroupIds, vpcSecurityGroupIds, std::vector<std::string>, items("VpcSecurityGroupId"),
                 check(rules::securityGroupId));
AWSDIRECT_MEMBER(AvailabilityZone, availabilityZone, std::string, unchecked);
AWSDIRECT_MEMBER(DBSubnetGroupName, dbSubnetGroupName, std::string, unchecked);
AWSDIRECT_MEMBER(DBParameterGroupName, dbParameterGroupName, std::string, unchecked);
// Days of automated backups, 0 (off) to 35; AWS's default is 1.
AWSDIRECT_MEMBER(BackupRetentionPeriod, backupRetentionPeriod, int, range(0, 35));
AWSDIRECT_MEMBER(PreferredBackupWindow, preferredBackupWindow, std::string, unchecked);
AWSDIRECT_MEMBER(Port, port, int, range(1150, 65535));
AWSDIRECT_FLAG(MultiAZ, multiAZ, unchecked);
AWSDIRECT_MEMBER(EngineVersion, engineVersion, std::string, unchecked);
AWSDIRECT_FLAG(AutoMinorVersionUpgrade, autoMinorVersionUpgrade, unchecked);
AWSDIRECT_MEMBER(Iops, iops, int, unchecked);
AWSDIRECT_FLAG(PubliclyAccessible, publiclyAccessible, unchecked);
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, items("Tag"), check(rules::tagList));
// gp2, gp3, io1, io2 or standard (magnetic).
AWSDIRECT_MEMBER(StorageType, storageType, std::string, check(rules::storageType));
AWSDIRECT_FLAG(StorageEncrypted, storageEncrypted, unchecked);
AWSDIRECT_MEMBER(KmsKeyId, kmsKeyId, std::string, unchecked);
AWSDIRECT_FLAG(DeletionProtection, deletionProtection, unchecked);
AWSDIRECT_FLAG(EnableIAMDatabaseAuthentication, enableIAMDatabaseAuthentication, unchecked);
// RDS generates the password and keeps it in Secrets Manager.
AWSDIRECT_FLAG(ManageMasterUserPassword, manageMasterUserPassword, unchecked);
AWSDIRECT_MEMBER(MasterUserSecretKmsKeyId, masterUserSecretKmsKeyId, std::string, unchecked);
AWSDIRECT_MEMBER(Filters, filters, std::vector<Filter>, items("Filter"));
AWSDIRECT_MEMBER(MaxRecords, maxRecords, int, range(20, 100));
AWSDIRECT_MEMBER(Marker, marker, std::string, unchecked);
AWSDIRECT_FLAG(SkipFinalSnapshot, skipFinalSnapshot, unchecked);
AWSDIRECT_MEMBER(FinalDBSnapshotIdentifier, finalDBSnapshotIdentifier, std::string, check(rules::snapshotIdentifier));
// Whether the automated backups go with the instance (AWS's default) or are retained.
AWSDIRECT_FLAG(DeleteAutomatedBackups, deleteAutomatedBackups, unchecked);
AWSDIRECT_FLAG(ApplyImmediately, applyImmediately, unchecked);
// ModifyDBInstance calls the port DBPortNumber.
AWSDIRECT_MEMBER(DBPortNumber, port, int, range(1150, 65535));
AWSDIRECT_MEMBER(NewDBInstanceIdentifier, newDBInstanceIdentifier, std::string, check(rules::dbInstanceIdentifier));
AWSDIRECT_FLAG(AllowMajorVersionUpgrade, allowMajorVersionUpgrade, unchecked);
AWSDIRECT_MEMBER(DBSnapshotIdentifier, dbSnapshotIdentifier, std::string, check(rules::snapshotIdentifier));
AWSDIRECT_FLAG(ForceFailover, forceFailover, unchecked);
AWSDIRECT_MEMBER(ResourceName, resourceName, std::string, length(1, SIZE_MAX));
AWSDIRECT_MEMBER(TagKeys, tagKeys, std::vector<std::string>, count(1, 50));

}  // namespace members

namespace m = members;

// ---- Requests --------------------------------------------------------------------------------

// CreateDBInstance: launches a DB instance. Required: identifier, instance class and engine;
// for RDS for PostgreSQL also allocated storage, a master user name and a master password
// (unless RDS manages it in Secrets Manager).
class CreateDBInstanceRequest
    : public Request<CreateDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>,
                     Required<m::DBInstanceClass>, Required<m::Engine>, m::DBName, m::AllocatedStorage, m::StorageType,
                     m::Iops, m::MasterUsername, m::MasterUserPassword, m::ManageMasterUserPassword,
                     m::MasterUserSecretKmsKeyId, m::Port, m::BackupRetentionPeriod, m::PreferredBackupWindow,
                     m::VpcSecurityGroupIds, m::DBSubnetGroupName, m::DBParameterGroupName, m::AvailabilityZone,
                     m::MultiAZ, m::EngineVersion, m::AutoMinorVersionUpgrade, m::PubliclyAccessible,
                     m::StorageEncrypted, m::KmsKeyId, m::DeletionProtection, m::EnableIAMDatabaseAuthentication,
                     m::Tags> {
 public:
  static constexpr const char* operation = "CreateDBInstance";

  CreateDBInstanceRequest& identifier(std::string v) { return dbInstanceIdentifier(std::move(v)); }
  CreateDBInstanceRequest& instanceClass(std::string v) { return dbInstanceClass(std::move(v)); }
  CreateDBInstanceRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  CreateDBInstanceRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  // The rules that depend on the engine (storage, master user and password, database name),
  // a password unless RDS manages it, IOPS for provisioned storage, no zone for Multi-AZ.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};

// DescribeDBInstances: one instance by identifier, or every instance (optionally filtered)
// page by page (Marker).
class DescribeDBInstancesRequest
    : public Request<DescribeDBInstancesRequest, Rds, DescribeDBInstancesResult, m::DBInstanceIdentifier, m::Filters,
                     m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeDBInstances";

  DescribeDBInstancesRequest& identifier(std::string v) { return dbInstanceIdentifier(std::move(v)); }
  DescribeDBInstancesRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }

  // RDS's filters need values (EC2's need not).
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& result);
};

// DeleteDBInstance: says explicitly whether a final snapshot is taken, because AWS's default
// (take one) fails without a snapshot identifier and a forgotten instance keeps costing money.
class DeleteDBInstanceRequest
    : public Request<DeleteDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::SkipFinalSnapshot,
                     m::FinalDBSnapshotIdentifier, m::DeleteAutomatedBackups> {
 public:
  static constexpr const char* operation = "DeleteDBInstance";

  DeleteDBInstanceRequest& identifier(std::string v) { return dbInstanceIdentifier(std::move(v)); }
  DeleteDBInstanceRequest& finalSnapshotIdentifier(std::string v) { return finalDBSnapshotIdentifier(std::move(v)); }

  // A snapshot identifier unless SkipFinalSnapshot, never both.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};

// StartDBInstance, StopDBInstance (for up to 7 days; stopped, it costs storage only),
// RebootDBInstance.
class StartDBInstanceRequest : public Request<StartDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>> {
 public:
  static constexpr const char* operation = "StartDBInstance";
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};
class StopDBInstanceRequest
    : public Request<StopDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::DBSnapshotIdentifier> {
 public:
  static constexpr const char* operation = "StopDBInstance";
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};
class RebootDBInstanceRequest
    : public Request<RebootDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::ForceFailover> {
 public:
  static constexpr const char* operation = "RebootDBInstance";
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};

// ModifyDBInstance: changes an instance in place, at its next maintenance window unless
// ApplyImmediately.
class ModifyDBInstanceRequest
    : public Request<ModifyDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::AllocatedStorage,
                     m::DBInstanceClass, m::DBSubnetGroupName, m::VpcSecurityGroupIds, m::ApplyImmediately,
                     m::MasterUserPassword, m::DBParameterGroupName, m::BackupRetentionPeriod, m::PreferredBackupWindow,
                     m::MultiAZ, m::EngineVersion, m::AllowMajorVersionUpgrade, m::AutoMinorVersionUpgrade, m::Iops,
                     m::NewDBInstanceIdentifier, m::StorageType, m::PubliclyAccessible, m::DBPortNumber,
                     m::DeletionProtection, m::EnableIAMDatabaseAuthentication, m::ManageMasterUserPassword> {
 public:
  static constexpr const char* operation = "ModifyDBInstance";
  ModifyDBInstanceRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  static Result parse(const XmlNode& result) { return DBInstance::fromXml(result.child("DBInstance")); }
};

// AddTagsToResource, RemoveTagsFromResource: tags of any RDS resource, by ARN.
class AddTagsToResourceRequest
    : public Request<AddTagsToResourceRequest, Rds, Empty, Required<m::ResourceName>, Required<m::Tags>> {
 public:
  static constexpr const char* operation = "AddTagsToResource";
  AddTagsToResourceRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class RemoveTagsFromResourceRequest
    : public Request<RemoveTagsFromResourceRequest, Rds, Empty, Required<m::ResourceName>, Required<m::TagKeys>> {
 public:
  static constexpr const char* operation = "RemoveTagsFromResource";
  RemoveTagsFromResourceRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
};

}  // namespace rds

// ---- The client -------------------------------------------------------------------------------

class Rds : public QueryService<Rds> {
 public:
  static ServiceInfo serviceInfo() { return {"RDS", "rds", "rds", "2014-10-31", false}; }

  explicit Rds(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations (build a request, send it with send()) ----
  static rds::CreateDBInstanceRequest createDBInstance() { return {}; }
  static rds::DescribeDBInstancesRequest describeDBInstances() { return {}; }
  static rds::DeleteDBInstanceRequest deleteDBInstance() { return {}; }
  static rds::StartDBInstanceRequest startDBInstance() { return {}; }
  static rds::StopDBInstanceRequest stopDBInstance() { return {}; }
  static rds::RebootDBInstanceRequest rebootDBInstance() { return {}; }
  static rds::ModifyDBInstanceRequest modifyDBInstance() { return {}; }
  static rds::AddTagsToResourceRequest addTagsToResource() { return {}; }
  static rds::RemoveTagsFromResourceRequest removeTagsFromResource() { return {}; }

  // ---- Calls that send ----

  // Every DB instance the request selects, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<rds::DBInstance>> describeAllDBInstances(rds::DescribeDBInstancesRequest request = {});

  // One DB instance by identifier; DBInstanceNotFound when there is none.
  AWSDIRECT_DECL Outcome<rds::DBInstance> findDBInstance(const std::string& identifier);

  // The IAM database authentication token of `dbUser` for host:port, as `aws rds
  // generate-db-auth-token` makes it: a URL presigned for rds-db in the client's region with its
  // credentials, valid 15 minutes from `now`, given to the database as the password. No call is
  // made. A Secret: whoever holds it can log in while it lasts.
  AWSDIRECT_DECL Outcome<Secret> generateDbAuthToken(const std::string& hostname, int port, const std::string& dbUser,
                                                     std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

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
