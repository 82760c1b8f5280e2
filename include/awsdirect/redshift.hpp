#pragma once
// Amazon Redshift (API version 2012-12-01, Query protocol): the cluster operations the seed
// tutorial uses, with their client-side rules, results and waiters.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "redshift/common.hpp"
#include "request.hpp"
#include "result.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Redshift;

namespace redshift {

// ---- Requests --------------------------------------------------------------------------------

namespace m = members;

// CreateCluster: launches a cluster. Required: identifier, node type, master user name, and a
// master password (unless AWS manages it).
class CreateClusterRequest
    : public Request<CreateClusterRequest, Redshift, Cluster, m::DBName, Required<m::ClusterIdentifier>, m::ClusterType,
                     Required<m::NodeType>, Required<m::MasterUsername>, m::MasterUserPassword, m::VpcSecurityGroupIds,
                     m::ClusterSubnetGroupName, m::AvailabilityZone, m::ClusterParameterGroupName,
                     m::AutomatedSnapshotRetentionPeriod, m::Port, m::ClusterVersion, m::NumberOfNodes,
                     m::PubliclyAccessible, m::Encrypted, m::Tags, m::KmsKeyId, m::EnhancedVpcRouting, m::IamRoles,
                     m::DefaultIamRoleArn, m::ManageMasterPassword, m::MasterPasswordSecretKmsKeyId> {
 public:
  static constexpr const char* operation = "CreateCluster";

  // 1 makes a single-node cluster; more makes a multi-node cluster of that many compute nodes
  // (ClusterType follows, since AWS's default type, multi-node, refuses one node).
  CreateClusterRequest& numberOfNodes(int v) {
    clusterType_ = v > 1 ? "multi-node" : "single-node";
    if (v > 1) numberOfNodes_ = v;
    else numberOfNodes_.reset();
    return *this;
  }
  CreateClusterRequest& identifier(std::string v) { return clusterIdentifier(std::move(v)); }
  CreateClusterRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  CreateClusterRequest& iamRole(std::string arn) { iamRoles_.push_back(std::move(arn)); return *this; }
  CreateClusterRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  // A password unless AWS manages it (ManageMasterPassword), never both.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  static constexpr const char* resultElement = "Cluster";
};

// DescribeClusters: one cluster by identifier, or every cluster page by page (Marker).
class DescribeClustersRequest
    : public Request<DescribeClustersRequest, Redshift, DescribeClustersResult, m::ClusterIdentifier, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeClusters";
  DescribeClustersRequest& identifier(std::string v) { return clusterIdentifier(std::move(v)); }
};

// DeleteCluster: says explicitly whether a final snapshot is taken, because AWS's default
// (take one) fails without a snapshot identifier and a forgotten cluster keeps costing money.
class DeleteClusterRequest
    : public Request<DeleteClusterRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::SkipFinalClusterSnapshot,
                     m::FinalClusterSnapshotIdentifier, m::FinalClusterSnapshotRetentionPeriod> {
 public:
  static constexpr const char* operation = "DeleteCluster";
  DeleteClusterRequest& identifier(std::string v) { return clusterIdentifier(std::move(v)); }
  DeleteClusterRequest& skipFinalSnapshot(bool v = true) { return skipFinalClusterSnapshot(v); }
  DeleteClusterRequest& finalSnapshotIdentifier(std::string v) { return finalClusterSnapshotIdentifier(std::move(v)); }
  DeleteClusterRequest& finalSnapshotRetentionPeriod(int days) { return finalClusterSnapshotRetentionPeriod(days); }

  // A snapshot identifier unless SkipFinalClusterSnapshot; a retention of -1 (forever) or 1-3653 days.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  static constexpr const char* resultElement = "Cluster";
};

// PauseCluster, ResumeCluster, RebootCluster: a paused cluster costs storage only.
template <class Self>
class ClusterAction : public Request<Self, Redshift, Cluster, Required<m::ClusterIdentifier>> {
 public:
  static constexpr const char* resultElement = "Cluster";
};
class PauseClusterRequest : public ClusterAction<PauseClusterRequest> {
 public:
  static constexpr const char* operation = "PauseCluster";
};
class ResumeClusterRequest : public ClusterAction<ResumeClusterRequest> {
 public:
  static constexpr const char* operation = "ResumeCluster";
};
class RebootClusterRequest : public ClusterAction<RebootClusterRequest> {
 public:
  static constexpr const char* operation = "RebootCluster";
};

// ModifyCluster: changes a cluster in place (a new node type or count is a classic resize; a new
// identifier renames it).
class ModifyClusterRequest
    : public Request<ModifyClusterRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::ClusterType, m::NodeType,
                     m::NumberOfNodes, m::VpcSecurityGroupIds, m::MasterUserPassword, m::ClusterParameterGroupName,
                     m::AutomatedSnapshotRetentionPeriod, m::ManualSnapshotRetentionPeriod, m::PreferredMaintenanceWindow,
                     m::ClusterVersion, m::AllowVersionUpgrade, m::NewClusterIdentifier, m::PubliclyAccessible,
                     m::EnhancedVpcRouting, m::Encrypted, m::KmsKeyId, m::Port, m::ManageMasterPassword> {
 public:
  static constexpr const char* operation = "ModifyCluster";
  ModifyClusterRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  static constexpr const char* resultElement = "Cluster";
};

// ModifyClusterIamRoles: the roles the cluster may assume (COPY ... IAM_ROLE), added or removed.
class ModifyClusterIamRolesRequest
    : public Request<ModifyClusterIamRolesRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::AddIamRoles,
                     m::RemoveIamRoles, m::DefaultIamRoleArn> {
 public:
  static constexpr const char* operation = "ModifyClusterIamRoles";
  ModifyClusterIamRolesRequest& addIamRole(std::string arn) { addIamRoles_.push_back(std::move(arn)); return *this; }
  ModifyClusterIamRolesRequest& removeIamRole(std::string arn) { removeIamRoles_.push_back(std::move(arn)); return *this; }
  static constexpr const char* resultElement = "Cluster";
};

// ResizeCluster: elastic resize (minutes) unless Classic.
class ResizeClusterRequest
    : public Request<ResizeClusterRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::ClusterType, m::NodeType,
                     m::NumberOfNodes, m::Classic> {
 public:
  static constexpr const char* operation = "ResizeCluster";
  static constexpr const char* resultElement = "Cluster";
};

// GetClusterCredentials: a database password for DbUser valid DurationSeconds (15-60 minutes),
// from the caller's IAM permissions: no master password needed.
class GetClusterCredentialsRequest
    : public Request<GetClusterCredentialsRequest, Redshift, ClusterCredentials, Required<m::DbUser>, m::DbName,
                     Required<m::ClusterIdentifier>, m::DurationSeconds, m::AutoCreate, m::DbGroups> {
 public:
  static constexpr const char* operation = "GetClusterCredentials";
  GetClusterCredentialsRequest& dbGroup(std::string v) { dbGroups_.push_back(std::move(v)); return *this; }
};

// CreateTags, DeleteTags: tags of any Redshift resource, by ARN.
class CreateTagsRequest : public Request<CreateTagsRequest, Redshift, Empty, Required<m::ResourceName>, Required<m::Tags>> {
 public:
  static constexpr const char* operation = "CreateTags";
  CreateTagsRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class DeleteTagsRequest : public Request<DeleteTagsRequest, Redshift, Empty, Required<m::ResourceName>, Required<m::TagKeys>> {
 public:
  static constexpr const char* operation = "DeleteTags";
  DeleteTagsRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
};

// CreateClusterSnapshot, DescribeClusterSnapshots, DeleteClusterSnapshot: manual snapshots.
class CreateClusterSnapshotRequest
    : public Request<CreateClusterSnapshotRequest, Redshift, Snapshot, Required<m::SnapshotIdentifier>,
                     Required<m::ClusterIdentifier>, m::ManualSnapshotRetentionPeriod, m::Tags> {
 public:
  static constexpr const char* operation = "CreateClusterSnapshot";
  CreateClusterSnapshotRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
  static constexpr const char* resultElement = "Snapshot";
};
class DescribeClusterSnapshotsRequest
    : public Request<DescribeClusterSnapshotsRequest, Redshift, DescribeClusterSnapshotsResult, m::ClusterIdentifier,
                     m::SnapshotIdentifier, m::SnapshotType, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeClusterSnapshots";
};
class DeleteClusterSnapshotRequest
    : public Request<DeleteClusterSnapshotRequest, Redshift, Snapshot, Required<m::SnapshotIdentifier>,
                     m::SnapshotClusterIdentifier> {
 public:
  static constexpr const char* operation = "DeleteClusterSnapshot";
  static constexpr const char* resultElement = "Snapshot";
};

// RestoreFromClusterSnapshot: a new cluster from a snapshot (by identifier or ARN), as it was
// then, with the settings given here in place of the snapshot's.
class RestoreFromClusterSnapshotRequest
    : public Request<RestoreFromClusterSnapshotRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::SnapshotIdentifier,
                     m::SnapshotArn, m::SnapshotClusterIdentifier, m::Port, m::AvailabilityZone, m::AllowVersionUpgrade,
                     m::ClusterSubnetGroupName, m::PubliclyAccessible, m::OwnerAccount, m::ClusterParameterGroupName,
                     m::VpcSecurityGroupIds, m::PreferredMaintenanceWindow, m::AutomatedSnapshotRetentionPeriod,
                     m::ManualSnapshotRetentionPeriod, m::KmsKeyId, m::NodeType, m::EnhancedVpcRouting, m::IamRoles,
                     m::DefaultIamRoleArn, m::NumberOfNodes, m::Encrypted, m::ManageMasterPassword,
                     m::MasterPasswordSecretKmsKeyId, m::MultiAZ> {
 public:
  static constexpr const char* operation = "RestoreFromClusterSnapshot";
  static constexpr const char* resultElement = "Cluster";
  RestoreFromClusterSnapshotRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  RestoreFromClusterSnapshotRequest& iamRole(std::string arn) { iamRoles_.push_back(std::move(arn)); return *this; }
  // The snapshot by its identifier or by its ARN: exactly one.
  void validateAcross(Validator& v) const {
    v.check(snapshotIdentifier_.has_value() != snapshotArn_.has_value(), "SnapshotIdentifier",
            snapshotArn_ ? "must not be set together with SnapshotArn" : "or SnapshotArn is required");
  }
};

// CreateClusterSubnetGroup, DescribeClusterSubnetGroups, DeleteClusterSubnetGroup: the VPC
// subnets (1-20) a cluster may be placed in.
class CreateClusterSubnetGroupRequest
    : public Request<CreateClusterSubnetGroupRequest, Redshift, ClusterSubnetGroup, Required<m::ClusterSubnetGroupName>,
                     Required<m::Description>, Required<m::SubnetIds>, m::Tags> {
 public:
  static constexpr const char* operation = "CreateClusterSubnetGroup";
  static constexpr const char* resultElement = "ClusterSubnetGroup";
  CreateClusterSubnetGroupRequest& subnetId(std::string id) { subnetIds_.push_back(std::move(id)); return *this; }
  CreateClusterSubnetGroupRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class DescribeClusterSubnetGroupsRequest
    : public Request<DescribeClusterSubnetGroupsRequest, Redshift, DescribeClusterSubnetGroupsResult, m::ClusterSubnetGroupName,
                     m::MaxRecords, m::Marker, m::ListedTagKeys, m::TagValues> {
 public:
  static constexpr const char* operation = "DescribeClusterSubnetGroups";
  DescribeClusterSubnetGroupsRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
  DescribeClusterSubnetGroupsRequest& tagValue(std::string value) { tagValues_.push_back(std::move(value)); return *this; }
};
class DeleteClusterSubnetGroupRequest
    : public Request<DeleteClusterSubnetGroupRequest, Redshift, Empty, Required<m::ClusterSubnetGroupName>> {
 public:
  static constexpr const char* operation = "DeleteClusterSubnetGroup";
};

// DescribeTags: the tags of Redshift resources, by ARN, type ("cluster", "snapshot"...), keys or values.
class DescribeTagsRequest
    : public Request<DescribeTagsRequest, Redshift, DescribeTagsResult, m::ResourceName, m::ResourceType, m::MaxRecords,
                     m::Marker, m::ListedTagKeys, m::TagValues> {
 public:
  static constexpr const char* operation = "DescribeTags";
  DescribeTagsRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
  DescribeTagsRequest& tagValue(std::string value) { tagValues_.push_back(std::move(value)); return *this; }
};

// GetClusterCredentialsWithIAM: a database password for the caller's own IAM identity (no DbUser).
class GetClusterCredentialsWithIamRequest
    : public Request<GetClusterCredentialsWithIamRequest, Redshift, ClusterCredentialsWithIam, m::DbName, m::ClusterIdentifier,
                     m::DurationSeconds, m::CustomDomainName> {
 public:
  static constexpr const char* operation = "GetClusterCredentialsWithIAM";
  // A cluster, by its identifier or by a custom domain name.
  void validateAcross(Validator& v) const {
    v.check(clusterIdentifier_ || customDomainName_, "ClusterIdentifier", "or CustomDomainName is required");
  }
};

// CreateClusterParameterGroup, ModifyClusterParameterGroup, DescribeClusterParameters,
// DeleteClusterParameterGroup: settings of the clusters that name the group (require_ssl...).
class CreateClusterParameterGroupRequest
    : public Request<CreateClusterParameterGroupRequest, Redshift, ClusterParameterGroup, Required<m::ParameterGroupName>,
                     Required<m::ParameterGroupFamily>, Required<m::Description>, m::Tags> {
 public:
  static constexpr const char* operation = "CreateClusterParameterGroup";
  static constexpr const char* resultElement = "ClusterParameterGroup";
  CreateClusterParameterGroupRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class ModifyClusterParameterGroupRequest
    : public Request<ModifyClusterParameterGroupRequest, Redshift, ClusterParameterGroupStatus,
                     Required<m::ParameterGroupName>, Required<m::Parameters>> {
 public:
  static constexpr const char* operation = "ModifyClusterParameterGroup";
  ModifyClusterParameterGroupRequest& parameter(std::string name, std::string value) {
    GroupParameter p;
    p.parameterName = std::move(name);
    p.parameterValue = std::move(value);
    parameters_.push_back(std::move(p));
    return *this;
  }
};
class DescribeClusterParametersRequest
    : public Request<DescribeClusterParametersRequest, Redshift, DescribeClusterParametersResult,
                     Required<m::ParameterGroupName>, m::Source, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeClusterParameters";
};
class DeleteClusterParameterGroupRequest
    : public Request<DeleteClusterParameterGroupRequest, Redshift, Empty, Required<m::ParameterGroupName>> {
 public:
  static constexpr const char* operation = "DeleteClusterParameterGroup";
};

}  // namespace redshift

// ---- The client -------------------------------------------------------------------------------

class Redshift : public QueryService<Redshift> {
 public:
  static ServiceInfo serviceInfo() { return {"Redshift", "redshift", "redshift", "2012-12-01", false}; }

  explicit Redshift(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_REDSHIFT_OPERATIONS(X)                                         \
  X(createCluster, redshift::CreateClusterRequest)                               \
  X(describeClusters, redshift::DescribeClustersRequest)                         \
  X(deleteCluster, redshift::DeleteClusterRequest)                               \
  X(pauseCluster, redshift::PauseClusterRequest)                                 \
  X(resumeCluster, redshift::ResumeClusterRequest)                               \
  X(rebootCluster, redshift::RebootClusterRequest)                               \
  X(modifyCluster, redshift::ModifyClusterRequest)                               \
  X(modifyClusterIamRoles, redshift::ModifyClusterIamRolesRequest)               \
  X(resizeCluster, redshift::ResizeClusterRequest)                               \
  X(getClusterCredentials, redshift::GetClusterCredentialsRequest)               \
  X(createTags, redshift::CreateTagsRequest)                                     \
  X(deleteTags, redshift::DeleteTagsRequest)                                     \
  X(createClusterSnapshot, redshift::CreateClusterSnapshotRequest)               \
  X(describeClusterSnapshots, redshift::DescribeClusterSnapshotsRequest)         \
  X(deleteClusterSnapshot, redshift::DeleteClusterSnapshotRequest)               \
  X(restoreFromClusterSnapshot, redshift::RestoreFromClusterSnapshotRequest)     \
  X(createClusterSubnetGroup, redshift::CreateClusterSubnetGroupRequest)         \
  X(describeClusterSubnetGroups, redshift::DescribeClusterSubnetGroupsRequest)   \
  X(deleteClusterSubnetGroup, redshift::DeleteClusterSubnetGroupRequest)         \
  X(describeTags, redshift::DescribeTagsRequest)                                 \
  X(getClusterCredentialsWithIam, redshift::GetClusterCredentialsWithIamRequest) \
  X(createClusterParameterGroup, redshift::CreateClusterParameterGroupRequest)   \
  X(modifyClusterParameterGroup, redshift::ModifyClusterParameterGroupRequest)   \
  X(describeClusterParameters, redshift::DescribeClusterParametersRequest)       \
  X(deleteClusterParameterGroup, redshift::DeleteClusterParameterGroupRequest)
  AWSDIRECT_REDSHIFT_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every cluster of the account in this region, following Marker from page to page.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<redshift::Cluster>> describeAllClusters(redshift::DescribeClustersRequest request = {});

  // Every item the request selects, following Marker from page to page (botocore's paginators).
  AWSDIRECT_LAZY_DECL Outcome<std::vector<redshift::Snapshot>> describeAllClusterSnapshots(
      redshift::DescribeClusterSnapshotsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<redshift::ClusterSubnetGroup>> describeAllClusterSubnetGroups(
      redshift::DescribeClusterSubnetGroupsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<redshift::TaggedResource>> describeAllTags(redshift::DescribeTagsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<GroupParameter>> describeAllClusterParameters(
      redshift::DescribeClusterParametersRequest request);

  // One cluster by identifier; ClusterNotFound when there is none.
  AWSDIRECT_LAZY_DECL Outcome<redshift::Cluster> findCluster(const std::string& identifier);

  // botocore's ClusterAvailable (every 60 s, 30 times): every cluster "available" succeeds and
  // returns it, any "deleting" fails, ClusterNotFound keeps waiting (it may not be visible yet).
  AWSDIRECT_LAZY_DECL Outcome<redshift::Cluster> waitUntilAvailable(const std::string& identifier, WaitOptions options = {});

  // botocore's ClusterDeleted (every 60 s, 30 times): ClusterNotFound succeeds (Gone),
  // "creating" or "modifying" fails.
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilDeleted(const std::string& identifier, WaitOptions options = {});

  // botocore's ClusterRestored (every 60 s, 30 times): the restore "completed" succeeds and
  // returns the cluster, "deleting" fails.
  AWSDIRECT_LAZY_DECL Outcome<redshift::Cluster> waitUntilRestored(const std::string& identifier, WaitOptions options = {});

  // botocore's SnapshotAvailable (every 15 s, 20 times): "available" succeeds, "failed" or
  // "deleted" fails.
  AWSDIRECT_LAZY_DECL Outcome<redshift::Snapshot> waitUntilSnapshotAvailable(const std::string& snapshotIdentifier,
                                                                         WaitOptions options = {});

  static constexpr WaiterPace kClusterAvailable{std::chrono::seconds(60), 30};
  static constexpr WaiterPace kClusterDeleted{std::chrono::seconds(60), 30};
  static constexpr WaiterPace kClusterRestored{std::chrono::seconds(60), 30};
  static constexpr WaiterPace kSnapshotAvailable{std::chrono::seconds(15), 20};
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_REDSHIFT_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/redshift.ipp"
#endif
