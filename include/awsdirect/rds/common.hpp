#pragma once
// RDS's results, rules and members, shared by its operations (rds.hpp): each result field and
// each request member declared once.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../query.hpp"
#include "../request.hpp"
#include "../result.hpp"
#include "../secret.hpp"
#include "../validate.hpp"

namespace awsdirect {

class Rds;

namespace rds {

// ---- Results --------------------------------------------------------------------------------

using awsdirect::SubnetOfGroup;
using awsdirect::VpcSecurityGroupMembership;

struct Endpoint {
  std::string address;
  int port = 0;
  std::string hostedZoneId;
  AWSDIRECT_FIELDS(Endpoint, field("Address", &Self::address), field("Port", &Self::port),
                   field("HostedZoneId", &Self::hostedZoneId));
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
  std::string dbSubnetGroupName;  // DBSubnetGroup/DBSubnetGroupName
  std::string vpcId;              // DBSubnetGroup/VpcId
  bool multiAZ = false;
  bool publiclyAccessible = false;
  bool storageEncrypted = false;
  std::string kmsKeyId;
  bool deletionProtection = false;
  bool iamDatabaseAuthenticationEnabled = false;
  std::string dbInstanceArn;
  std::string masterUserSecretArn;  // MasterUserSecret/SecretArn, when RDS manages the password
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(DBInstance, field("DBInstanceIdentifier", &Self::dbInstanceIdentifier),
                   field("DBInstanceStatus", &Self::dbInstanceStatus), field("Engine", &Self::engine),
                   field("EngineVersion", &Self::engineVersion), field("DBInstanceClass", &Self::dbInstanceClass),
                   field("AllocatedStorage", &Self::allocatedStorage), field("StorageType", &Self::storageType),
                   field("MasterUsername", &Self::masterUsername), field("DBName", &Self::dbName),
                   field("Endpoint", &Self::endpoint), field("BackupRetentionPeriod", &Self::backupRetentionPeriod),
                   field("PreferredBackupWindow", &Self::preferredBackupWindow),
                   field("VpcSecurityGroups", &Self::vpcSecurityGroups, "VpcSecurityGroupMembership"),
                   field("InstanceCreateTime", &Self::instanceCreateTime),
                   field("AvailabilityZone", &Self::availabilityZone),
                   field("DBSubnetGroup/DBSubnetGroupName", &Self::dbSubnetGroupName),
                   field("DBSubnetGroup/VpcId", &Self::vpcId), field("MultiAZ", &Self::multiAZ),
                   field("PubliclyAccessible", &Self::publiclyAccessible),
                   field("StorageEncrypted", &Self::storageEncrypted), field("KmsKeyId", &Self::kmsKeyId),
                   field("DeletionProtection", &Self::deletionProtection),
                   field("IAMDatabaseAuthenticationEnabled", &Self::iamDatabaseAuthenticationEnabled),
                   field("DBInstanceArn", &Self::dbInstanceArn),
                   field("MasterUserSecret/SecretArn", &Self::masterUserSecretArn),
                   field("TagList", &Self::tags, "Tag"));
};

AWSDIRECT_MARKER_PAGE(DescribeDBInstancesResult, DBInstance, dbInstances, "DBInstances", "DBInstance");

// A DB snapshot: manual (CreateDBSnapshot) or automated.
struct DBSnapshot {
  std::string dbSnapshotIdentifier;
  std::string dbInstanceIdentifier;
  std::optional<std::chrono::system_clock::time_point> snapshotCreateTime;
  std::string engine;
  std::string engineVersion;
  int allocatedStorage = 0;
  std::string status;  // "creating", "available", ...
  int port = 0;
  std::string availabilityZone;
  std::string vpcId;
  std::string masterUsername;
  std::string snapshotType;  // "manual", "automated"
  std::string storageType;
  int percentProgress = 0;
  bool encrypted = false;
  std::string kmsKeyId;
  std::string dbSnapshotArn;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(DBSnapshot, field("DBSnapshotIdentifier", &Self::dbSnapshotIdentifier),
                   field("DBInstanceIdentifier", &Self::dbInstanceIdentifier),
                   field("SnapshotCreateTime", &Self::snapshotCreateTime), field("Engine", &Self::engine),
                   field("EngineVersion", &Self::engineVersion), field("AllocatedStorage", &Self::allocatedStorage),
                   field("Status", &Self::status), field("Port", &Self::port),
                   field("AvailabilityZone", &Self::availabilityZone), field("VpcId", &Self::vpcId),
                   field("MasterUsername", &Self::masterUsername), field("SnapshotType", &Self::snapshotType),
                   field("StorageType", &Self::storageType), field("PercentProgress", &Self::percentProgress),
                   field("Encrypted", &Self::encrypted), field("KmsKeyId", &Self::kmsKeyId),
                   field("DBSnapshotArn", &Self::dbSnapshotArn), field("TagList", &Self::tags, "Tag"));
};

AWSDIRECT_MARKER_PAGE(DescribeDBSnapshotsResult, DBSnapshot, dbSnapshots, "DBSnapshots", "DBSnapshot");

// A DB subnet group: the VPC subnets (in two zones at least) an instance may be placed in.
struct DBSubnetGroup {
  std::string dbSubnetGroupName;
  std::string dbSubnetGroupDescription;
  std::string vpcId;
  std::string subnetGroupStatus;  // "Complete"
  std::vector<SubnetOfGroup> subnets;
  std::string dbSubnetGroupArn;
  AWSDIRECT_FIELDS(DBSubnetGroup, field("DBSubnetGroupName", &Self::dbSubnetGroupName),
                   field("DBSubnetGroupDescription", &Self::dbSubnetGroupDescription), field("VpcId", &Self::vpcId),
                   field("SubnetGroupStatus", &Self::subnetGroupStatus), field("Subnets", &Self::subnets, "Subnet"),
                   field("DBSubnetGroupArn", &Self::dbSubnetGroupArn));
};

AWSDIRECT_MARKER_PAGE(DescribeDBSubnetGroupsResult, DBSubnetGroup, dbSubnetGroups, "DBSubnetGroups", "DBSubnetGroup");

struct ListTagsForResourceResult {
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(ListTagsForResourceResult, field("TagList", &Self::tags, "Tag"));
};

// A version an engine version can be upgraded to.
struct UpgradeTarget {
  std::string engine;
  std::string engineVersion;
  bool isMajorVersionUpgrade = false;
  AWSDIRECT_FIELDS(UpgradeTarget, field("Engine", &Self::engine), field("EngineVersion", &Self::engineVersion),
                   field("IsMajorVersionUpgrade", &Self::isMajorVersionUpgrade));
};

// An engine version RDS offers (DescribeDBEngineVersions).
struct DBEngineVersion {
  std::string engine;
  std::string engineVersion;
  std::string majorEngineVersion;
  std::string dbParameterGroupFamily;  // "postgres16": the family a parameter group for it needs
  std::string dbEngineDescription;
  std::string dbEngineVersionDescription;
  std::string status;  // "available", "deprecated"
  bool supportsReadReplica = false;
  std::vector<UpgradeTarget> validUpgradeTargets;
  AWSDIRECT_FIELDS(DBEngineVersion, field("Engine", &Self::engine), field("EngineVersion", &Self::engineVersion),
                   field("MajorEngineVersion", &Self::majorEngineVersion),
                   field("DBParameterGroupFamily", &Self::dbParameterGroupFamily),
                   field("DBEngineDescription", &Self::dbEngineDescription),
                   field("DBEngineVersionDescription", &Self::dbEngineVersionDescription),
                   field("Status", &Self::status), field("SupportsReadReplica", &Self::supportsReadReplica),
                   field("ValidUpgradeTarget", &Self::validUpgradeTargets, "UpgradeTarget"));
};

AWSDIRECT_MARKER_PAGE(DescribeDBEngineVersionsResult, DBEngineVersion, dbEngineVersions,
                      "DBEngineVersions", "DBEngineVersion");

struct AvailabilityZone {
  std::string name;
  AWSDIRECT_FIELDS(AvailabilityZone, field("Name", &Self::name));
};

// An instance class an engine version can run on, with its storage limits (DescribeOrderableDBInstanceOptions).
struct OrderableDBInstanceOption {
  std::string engine;
  std::string engineVersion;
  std::string dbInstanceClass;
  std::string licenseModel;
  std::string storageType;
  std::vector<AvailabilityZone> availabilityZones;
  bool multiAZCapable = false;
  bool supportsStorageEncryption = false;
  bool supportsIAMDatabaseAuthentication = false;
  int minStorageSize = 0;
  int maxStorageSize = 0;
  AWSDIRECT_FIELDS(OrderableDBInstanceOption, field("Engine", &Self::engine),
                   field("EngineVersion", &Self::engineVersion), field("DBInstanceClass", &Self::dbInstanceClass),
                   field("LicenseModel", &Self::licenseModel), field("StorageType", &Self::storageType),
                   field("AvailabilityZones", &Self::availabilityZones, "AvailabilityZone"),
                   field("MultiAZCapable", &Self::multiAZCapable),
                   field("SupportsStorageEncryption", &Self::supportsStorageEncryption),
                   field("SupportsIAMDatabaseAuthentication", &Self::supportsIAMDatabaseAuthentication),
                   field("MinStorageSize", &Self::minStorageSize), field("MaxStorageSize", &Self::maxStorageSize));
};

AWSDIRECT_MARKER_PAGE(DescribeOrderableDBInstanceOptionsResult, OrderableDBInstanceOption, orderableDBInstanceOptions,
                      "OrderableDBInstanceOptions", "OrderableDBInstanceOption");

// A filter of DescribeDBInstances: {"engine", {"postgres"}}, {"db-instance-id", {...}}.
using Filter = awsdirect::Filter;

// A DB parameter group: the engine's settings (rds.force_ssl...) for the instances that name it.
struct DBParameterGroup {
  std::string dbParameterGroupName;
  std::string dbParameterGroupFamily;  // "postgres14"
  std::string description;
  std::string dbParameterGroupArn;
  AWSDIRECT_FIELDS(DBParameterGroup, field("DBParameterGroupName", &Self::dbParameterGroupName),
                   field("DBParameterGroupFamily", &Self::dbParameterGroupFamily),
                   field("Description", &Self::description), field("DBParameterGroupArn", &Self::dbParameterGroupArn));
};

AWSDIRECT_MARKER_PAGE(DescribeDBParameterGroupsResult, DBParameterGroup, dbParameterGroups,
                      "DBParameterGroups", "DBParameterGroup");

// ModifyDBParameterGroup's answer.
struct DBParameterGroupName {
  std::string dbParameterGroupName;
  AWSDIRECT_FIELDS(DBParameterGroupName, field("DBParameterGroupName", &Self::dbParameterGroupName));
};

// A DB parameter: the shared members and when a change applies, which RDS asks for.
struct Parameter : GroupParameter {
  std::string applyMethod;  // "immediate" (dynamic parameters only) or "pending-reboot"
  std::vector<std::string> supportedEngineModes;
  template <class Self = Parameter>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(GroupParameter::fields<Self>(), field("ApplyMethod", &Self::applyMethod),
                        field("SupportedEngineModes", &Self::supportedEngineModes));
  }
};
AWSDIRECT_DECL void writeMember(QueryWriter& w, const Parameter& parameter);

AWSDIRECT_MARKER_PAGE(DescribeDBParametersResult, Parameter, parameters, "Parameters", "Parameter");

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
AWSDIRECT_DECL void subnetId(Validator& v, const std::string& field, const std::string& id);
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
AWSDIRECT_MEMBER(DBParameterGroupName, dbParameterGroupName, std::string, length(1, 255));
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
AWSDIRECT_MEMBER(SnapshotType, snapshotType, std::string, unchecked);  // "manual", "automated", "shared", "public", "awsbackup"
AWSDIRECT_FLAG(IncludeShared, includeShared, unchecked);
AWSDIRECT_FLAG(IncludePublic, includePublic, unchecked);
AWSDIRECT_MEMBER(DBSubnetGroupDescription, dbSubnetGroupDescription, std::string, length(1, SIZE_MAX));
AWSDIRECT_MEMBER(SubnetIds, subnetIds, std::vector<std::string>, items("SubnetIdentifier"), count(1, SIZE_MAX),
                 check(rules::subnetId));
AWSDIRECT_MEMBER(DBParameterGroupFamily, dbParameterGroupFamily, std::string, unchecked);
AWSDIRECT_FLAG(DefaultOnly, defaultOnly, unchecked);
AWSDIRECT_FLAG(IncludeAll, includeAll, unchecked);
AWSDIRECT_MEMBER(LicenseModel, licenseModel, std::string, unchecked);
AWSDIRECT_FLAG(Vpc, vpc, unchecked);
AWSDIRECT_FLAG(CopyTagsToSnapshot, copyTagsToSnapshot, unchecked);
// DescribeOrderableDBInstanceOptions pages up to 1,000 records.
AWSDIRECT_MEMBER(MaxRecordsUpTo1000, maxRecords, int, apiName("MaxRecords"), range(20, 1000));
AWSDIRECT_MEMBER(Description, description, std::string, length(1, SIZE_MAX));
// At most 20 parameters a request, as AWS takes them.
AWSDIRECT_MEMBER(Parameters, parameters, std::vector<Parameter>, items("Parameter"), count(1, 20));
AWSDIRECT_MEMBER(Source, source, std::string, unchecked);  // "user", "engine-default", "system"

}  // namespace members

}  // namespace rds
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/common.ipp"
#endif
