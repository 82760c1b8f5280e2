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
#include "rds/common.hpp"
#include "request.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Rds;

namespace rds {

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
  static constexpr const char* resultElement = "DBInstance";
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
  static constexpr const char* resultElement = "DBInstance";
};

// StartDBInstance, StopDBInstance (for up to 7 days; stopped, it costs storage only),
// RebootDBInstance.
class StartDBInstanceRequest : public Request<StartDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>> {
 public:
  static constexpr const char* operation = "StartDBInstance";
  static constexpr const char* resultElement = "DBInstance";
};
class StopDBInstanceRequest
    : public Request<StopDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::DBSnapshotIdentifier> {
 public:
  static constexpr const char* operation = "StopDBInstance";
  static constexpr const char* resultElement = "DBInstance";
};
class RebootDBInstanceRequest
    : public Request<RebootDBInstanceRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>, m::ForceFailover> {
 public:
  static constexpr const char* operation = "RebootDBInstance";
  static constexpr const char* resultElement = "DBInstance";
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
  static constexpr const char* resultElement = "DBInstance";
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

// CreateDBSnapshot, DescribeDBSnapshots, DeleteDBSnapshot: manual snapshots of an instance.
class CreateDBSnapshotRequest
    : public Request<CreateDBSnapshotRequest, Rds, DBSnapshot, Required<m::DBSnapshotIdentifier>,
                     Required<m::DBInstanceIdentifier>, m::Tags> {
 public:
  static constexpr const char* operation = "CreateDBSnapshot";
  static constexpr const char* resultElement = "DBSnapshot";
  CreateDBSnapshotRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class DescribeDBSnapshotsRequest
    : public Request<DescribeDBSnapshotsRequest, Rds, DescribeDBSnapshotsResult, m::DBInstanceIdentifier,
                     m::DBSnapshotIdentifier, m::SnapshotType, m::Filters, m::MaxRecords, m::Marker, m::IncludeShared,
                     m::IncludePublic> {
 public:
  static constexpr const char* operation = "DescribeDBSnapshots";
  DescribeDBSnapshotsRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
};
class DeleteDBSnapshotRequest : public Request<DeleteDBSnapshotRequest, Rds, DBSnapshot, Required<m::DBSnapshotIdentifier>> {
 public:
  static constexpr const char* operation = "DeleteDBSnapshot";
  static constexpr const char* resultElement = "DBSnapshot";
};

// RestoreDBInstanceFromDBSnapshot: a new instance from a snapshot, with the settings given here
// in place of the snapshot's.
class RestoreDBInstanceFromDBSnapshotRequest
    : public Request<RestoreDBInstanceFromDBSnapshotRequest, Rds, DBInstance, Required<m::DBInstanceIdentifier>,
                     Required<m::DBSnapshotIdentifier>, m::DBInstanceClass, m::Port, m::AvailabilityZone,
                     m::DBSubnetGroupName, m::MultiAZ, m::PubliclyAccessible, m::AutoMinorVersionUpgrade, m::LicenseModel,
                     m::DBName, m::Engine, m::Iops, m::Tags, m::StorageType, m::VpcSecurityGroupIds, m::CopyTagsToSnapshot,
                     m::EnableIAMDatabaseAuthentication, m::DBParameterGroupName, m::DeletionProtection,
                     m::AllocatedStorage, m::BackupRetentionPeriod, m::PreferredBackupWindow, m::ManageMasterUserPassword,
                     m::MasterUserSecretKmsKeyId> {
 public:
  static constexpr const char* operation = "RestoreDBInstanceFromDBSnapshot";
  static constexpr const char* resultElement = "DBInstance";
  RestoreDBInstanceFromDBSnapshotRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  RestoreDBInstanceFromDBSnapshotRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};

// CreateDBSubnetGroup, DescribeDBSubnetGroups, DeleteDBSubnetGroup: the subnets an instance may
// be placed in (two zones at least).
class CreateDBSubnetGroupRequest
    : public Request<CreateDBSubnetGroupRequest, Rds, DBSubnetGroup, Required<m::DBSubnetGroupName>,
                     Required<m::DBSubnetGroupDescription>, Required<m::SubnetIds>, m::Tags> {
 public:
  static constexpr const char* operation = "CreateDBSubnetGroup";
  static constexpr const char* resultElement = "DBSubnetGroup";
  CreateDBSubnetGroupRequest& subnetId(std::string id) { subnetIds_.push_back(std::move(id)); return *this; }
  CreateDBSubnetGroupRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class DescribeDBSubnetGroupsRequest
    : public Request<DescribeDBSubnetGroupsRequest, Rds, DescribeDBSubnetGroupsResult, m::DBSubnetGroupName, m::Filters,
                     m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeDBSubnetGroups";
};
class DeleteDBSubnetGroupRequest : public Request<DeleteDBSubnetGroupRequest, Rds, Empty, Required<m::DBSubnetGroupName>> {
 public:
  static constexpr const char* operation = "DeleteDBSubnetGroup";
};

// ListTagsForResource: the tags of any RDS resource, by ARN.
class ListTagsForResourceRequest
    : public Request<ListTagsForResourceRequest, Rds, ListTagsForResourceResult, Required<m::ResourceName>, m::Filters> {
 public:
  static constexpr const char* operation = "ListTagsForResource";
};

// DescribeDBEngineVersions: the engine versions RDS offers ("postgres", DefaultOnly for the default one).
class DescribeDBEngineVersionsRequest
    : public Request<DescribeDBEngineVersionsRequest, Rds, DescribeDBEngineVersionsResult, m::Engine, m::EngineVersion,
                     m::DBParameterGroupFamily, m::Filters, m::MaxRecords, m::Marker, m::DefaultOnly, m::IncludeAll> {
 public:
  static constexpr const char* operation = "DescribeDBEngineVersions";
};

// DescribeOrderableDBInstanceOptions: the instance classes an engine (version) can run on, with
// their storage limits: whether db.t2.small still exists for postgres 16, before creating it.
class DescribeOrderableDBInstanceOptionsRequest
    : public Request<DescribeOrderableDBInstanceOptionsRequest, Rds, DescribeOrderableDBInstanceOptionsResult,
                     Required<m::Engine>, m::EngineVersion, m::DBInstanceClass, m::LicenseModel, m::Vpc, m::Filters,
                     m::MaxRecordsUpTo1000, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeOrderableDBInstanceOptions";
};

// CreateDBParameterGroup, ModifyDBParameterGroup, DescribeDBParameters, DeleteDBParameterGroup:
// settings of the instances that name the group (rds.force_ssl...), for one engine family.
class CreateDBParameterGroupRequest
    : public Request<CreateDBParameterGroupRequest, Rds, DBParameterGroup, Required<m::DBParameterGroupName>,
                     Required<m::DBParameterGroupFamily>, Required<m::Description>, m::Tags> {
 public:
  static constexpr const char* operation = "CreateDBParameterGroup";
  static constexpr const char* resultElement = "DBParameterGroup";
  CreateDBParameterGroupRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class ModifyDBParameterGroupRequest
    : public Request<ModifyDBParameterGroupRequest, Rds, DBParameterGroupName, Required<m::DBParameterGroupName>,
                     Required<m::Parameters>> {
 public:
  static constexpr const char* operation = "ModifyDBParameterGroup";
  // A parameter and when it applies: "immediate" (dynamic parameters) or "pending-reboot".
  ModifyDBParameterGroupRequest& parameter(std::string name, std::string value, std::string applyMethod = "immediate") {
    Parameter p;
    p.parameterName = std::move(name);
    p.parameterValue = std::move(value);
    p.applyMethod = std::move(applyMethod);
    parameters_.push_back(std::move(p));
    return *this;
  }
};
class DescribeDBParametersRequest
    : public Request<DescribeDBParametersRequest, Rds, DescribeDBParametersResult, Required<m::DBParameterGroupName>,
                     m::Source, m::Filters, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeDBParameters";
};
class DescribeDBParameterGroupsRequest
    : public Request<DescribeDBParameterGroupsRequest, Rds, DescribeDBParameterGroupsResult, m::DBParameterGroupName,
                     m::Filters, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeDBParameterGroups";
};
class DeleteDBParameterGroupRequest
    : public Request<DeleteDBParameterGroupRequest, Rds, Empty, Required<m::DBParameterGroupName>> {
 public:
  static constexpr const char* operation = "DeleteDBParameterGroup";
};

}  // namespace rds

// ---- The client -------------------------------------------------------------------------------

class Rds : public QueryService<Rds> {
 public:
  static ServiceInfo serviceInfo() { return {"RDS", "rds", "rds", "2014-10-31", false}; }

  explicit Rds(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_RDS_OPERATIONS(X)                                                     \
  X(createDBInstance, rds::CreateDBInstanceRequest)                                     \
  X(describeDBInstances, rds::DescribeDBInstancesRequest)                               \
  X(deleteDBInstance, rds::DeleteDBInstanceRequest)                                     \
  X(startDBInstance, rds::StartDBInstanceRequest)                                       \
  X(stopDBInstance, rds::StopDBInstanceRequest)                                         \
  X(rebootDBInstance, rds::RebootDBInstanceRequest)                                     \
  X(modifyDBInstance, rds::ModifyDBInstanceRequest)                                     \
  X(addTagsToResource, rds::AddTagsToResourceRequest)                                   \
  X(removeTagsFromResource, rds::RemoveTagsFromResourceRequest)                         \
  X(listTagsForResource, rds::ListTagsForResourceRequest)                               \
  X(createDBSnapshot, rds::CreateDBSnapshotRequest)                                     \
  X(describeDBSnapshots, rds::DescribeDBSnapshotsRequest)                               \
  X(deleteDBSnapshot, rds::DeleteDBSnapshotRequest)                                     \
  X(restoreDBInstanceFromDBSnapshot, rds::RestoreDBInstanceFromDBSnapshotRequest)       \
  X(createDBSubnetGroup, rds::CreateDBSubnetGroupRequest)                               \
  X(describeDBSubnetGroups, rds::DescribeDBSubnetGroupsRequest)                         \
  X(deleteDBSubnetGroup, rds::DeleteDBSubnetGroupRequest)                               \
  X(describeDBEngineVersions, rds::DescribeDBEngineVersionsRequest)                     \
  X(describeOrderableDBInstanceOptions, rds::DescribeOrderableDBInstanceOptionsRequest) \
  X(createDBParameterGroup, rds::CreateDBParameterGroupRequest)                         \
  X(modifyDBParameterGroup, rds::ModifyDBParameterGroupRequest)                         \
  X(describeDBParameters, rds::DescribeDBParametersRequest)                             \
  X(describeDBParameterGroups, rds::DescribeDBParameterGroupsRequest)                   \
  X(deleteDBParameterGroup, rds::DeleteDBParameterGroupRequest)
  AWSDIRECT_RDS_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every DB instance the request selects, following Marker from page to page.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::DBInstance>> describeAllDBInstances(rds::DescribeDBInstancesRequest request = {});

  // Every item the request selects, following Marker from page to page (botocore's paginators).
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::DBSnapshot>> describeAllDBSnapshots(rds::DescribeDBSnapshotsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::DBSubnetGroup>> describeAllDBSubnetGroups(rds::DescribeDBSubnetGroupsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::Parameter>> describeAllDBParameters(rds::DescribeDBParametersRequest request);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::DBParameterGroup>> describeAllDBParameterGroups(
      rds::DescribeDBParameterGroupsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::DBEngineVersion>> describeAllDBEngineVersions(
      rds::DescribeDBEngineVersionsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<rds::OrderableDBInstanceOption>> describeAllOrderableDBInstanceOptions(
      rds::DescribeOrderableDBInstanceOptionsRequest request);

  // One DB instance by identifier; DBInstanceNotFound when there is none.
  AWSDIRECT_LAZY_DECL Outcome<rds::DBInstance> findDBInstance(const std::string& identifier);

  // The IAM database authentication token of `dbUser` for host:port, as `aws rds
  // generate-db-auth-token` makes it: a URL presigned for rds-db in the client's region with its
  // credentials, valid 15 minutes from `now`, given to the database as the password. No call is
  // made. A Secret: whoever holds it can log in while it lasts.
  AWSDIRECT_LAZY_DECL Outcome<Secret> generateDbAuthToken(const std::string& hostname, int port, const std::string& dbUser,
                                                     std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  // botocore's DBInstanceAvailable (every 30 s, 60 times): succeeds when every status is
  // "available" and returns the instance; fails on "deleted", "deleting", "failed",
  // "incompatible-restore" or "incompatible-parameters", and on any error (DBInstanceNotFound
  // included: the waiter expects the instance to exist).
  AWSDIRECT_LAZY_DECL Outcome<rds::DBInstance> waitUntilAvailable(const std::string& identifier, WaitOptions options = {});

  // botocore's DBInstanceDeleted (every 30 s, 60 times): DBInstanceNotFound or an empty answer
  // succeeds (Gone); "creating", "modifying", "rebooting" or "resetting-master-credentials" fails
  // (the instance is not being deleted), as does any other error.
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilDeleted(const std::string& identifier, WaitOptions options = {});

  // botocore's DBSnapshotAvailable (every 30 s, 60 times): "available" succeeds and returns the
  // snapshot; "deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters" fail.
  AWSDIRECT_LAZY_DECL Outcome<rds::DBSnapshot> waitUntilSnapshotAvailable(const std::string& snapshotIdentifier,
                                                                     WaitOptions options = {});
  // botocore's DBSnapshotCompleted (every 15 s, 40 times): "available" or DBSnapshotNotFound succeeds.
  AWSDIRECT_LAZY_DECL Outcome<rds::DBSnapshot> waitUntilSnapshotCompleted(const std::string& snapshotIdentifier,
                                                                     WaitOptions options = {});
  // botocore's DBSnapshotDeleted (every 30 s, 60 times): DBSnapshotNotFound or none succeeds (Gone);
  // "creating", "modifying", "rebooting", "resetting-master-credentials" fail.
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilSnapshotDeleted(const std::string& snapshotIdentifier, WaitOptions options = {});

  static constexpr WaiterPace kDBInstanceAvailable{std::chrono::seconds(30), 60};
  static constexpr WaiterPace kDBSnapshotAvailable{std::chrono::seconds(30), 60};
  static constexpr WaiterPace kDBSnapshotCompleted{std::chrono::seconds(15), 40};
  static constexpr WaiterPace kDBSnapshotDeleted{std::chrono::seconds(30), 60};
  static constexpr WaiterPace kDBInstanceDeleted{std::chrono::seconds(30), 60};
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_RDS_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/rds.ipp"
#endif
