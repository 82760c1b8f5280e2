#pragma once
// Amazon Redshift (API version 2012-12-01, Query protocol): the cluster operations the seed
// tutorial uses, with their client-side rules, results and waiters.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "request.hpp"
#include "result.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Redshift;

namespace redshift {

// ---- Results --------------------------------------------------------------------------------

struct VpcSecurityGroupMembership {
  std::string vpcSecurityGroupId;
  std::string status;
};

struct ClusterIamRole {
  std::string iamRoleArn;
  std::string applyStatus;
};

struct Endpoint {
  std::string address;
  int port = 0;
};

struct Cluster {
  std::string clusterIdentifier;
  std::string clusterStatus;  // "creating", "available", "deleting", ...
  std::string nodeType;
  int numberOfNodes = 0;
  std::string dbName;
  std::string masterUsername;
  std::optional<Endpoint> endpoint;  // absent while the cluster is being created
  std::vector<VpcSecurityGroupMembership> vpcSecurityGroups;
  std::vector<ClusterIamRole> iamRoles;
  std::optional<std::chrono::system_clock::time_point> clusterCreateTime;
  std::string availabilityZone;
  std::string vpcId;
  bool publiclyAccessible = false;
  bool encrypted = false;
  std::vector<Tag> tags;

  AWSDIRECT_DECL static Cluster fromXml(const XmlNode& node);
};

// Temporary database credentials (GetClusterCredentials): the password is a Secret, shown only
// where it is used.
struct ClusterCredentials {
  std::string dbUser;  // "IAM:airflow" when AutoCreate made the user
  Secret dbPassword;
  std::optional<std::chrono::system_clock::time_point> expiration;
  static constexpr auto fields() {
    return std::make_tuple(field("DbUser", &ClusterCredentials::dbUser), field("DbPassword", &ClusterCredentials::dbPassword),
                           field("Expiration", &ClusterCredentials::expiration));
  }
};

// A cluster snapshot (the members a restore or a cleanup needs).
struct Snapshot {
  std::string snapshotIdentifier;
  std::string clusterIdentifier;
  std::optional<std::chrono::system_clock::time_point> snapshotCreateTime;
  std::string status;  // "creating", "available", "failed", "deleted"
  std::string snapshotType;  // "manual", "automated"
  std::string nodeType;
  std::optional<int> numberOfNodes;
  std::string dbName;
  std::string vpcId;
  bool encrypted = false;
  std::optional<int> manualSnapshotRetentionPeriod;
  std::vector<Tag> tags;
  static constexpr auto fields() {
    return std::make_tuple(
        field("SnapshotIdentifier", &Snapshot::snapshotIdentifier), field("ClusterIdentifier", &Snapshot::clusterIdentifier),
        field("SnapshotCreateTime", &Snapshot::snapshotCreateTime), field("Status", &Snapshot::status),
        field("SnapshotType", &Snapshot::snapshotType), field("NodeType", &Snapshot::nodeType),
        field("NumberOfNodes", &Snapshot::numberOfNodes), field("DBName", &Snapshot::dbName), field("VpcId", &Snapshot::vpcId),
        field("Encrypted", &Snapshot::encrypted),
        field("ManualSnapshotRetentionPeriod", &Snapshot::manualSnapshotRetentionPeriod), field("Tags", &Snapshot::tags, "Tag"));
  }
};

struct DescribeClusterSnapshotsResult {
  std::vector<Snapshot> snapshots;
  std::string marker;  // empty on the last page
  static constexpr auto fields() {
    return std::make_tuple(field("Snapshots", &DescribeClusterSnapshotsResult::snapshots, "Snapshot"),
                           field("Marker", &DescribeClusterSnapshotsResult::marker));
  }
};

struct DescribeClustersResult {
  std::vector<Cluster> clusters;
  std::string marker;  // empty on the last page
};

// ---- Rules shared by the operations ----------------------------------------------------------

namespace rules {

// 1-63 lowercase letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void clusterIdentifier(Validator& v, const std::string& field, const std::string& id);
AWSDIRECT_DECL void clusterIdentifier(Validator& v, const std::optional<std::string>& id);

// 8-64 printable ASCII characters with an upper case letter, a lower case letter and a digit,
// and none of ' " \ / @ or space. The message never repeats the password.
AWSDIRECT_DECL void masterUserPassword(Validator& v, const std::string& field, const std::string& password);
AWSDIRECT_DECL void masterUserPassword(Validator& v, const std::string& password);

// 1-128 characters: lowercase letters, digits, _ + . @ -; starts with a letter; not "public".
AWSDIRECT_DECL void masterUsername(Validator& v, const std::string& field, const std::string& name);
AWSDIRECT_DECL void masterUsername(Validator& v, const std::string& name);

// 1-64 lowercase letters, digits and underscores, starting with a letter or underscore.
AWSDIRECT_DECL void dbName(Validator& v, const std::string& field, const std::string& name);
AWSDIRECT_DECL void dbName(Validator& v, const std::string& name);

// 1-255 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id);

// sg- and hex digits.
AWSDIRECT_DECL void securityGroupId(Validator& v, const std::string& field, const std::string& id);

}  // namespace rules

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;
static constexpr const char* kClusterTypes[] = {"single-node", "multi-node"};
static constexpr const char* kSnapshotTypes[] = {"automated", "manual"};

AWSDIRECT_MEMBER(ClusterIdentifier, clusterIdentifier, std::string, check(rules::clusterIdentifier));
AWSDIRECT_MEMBER(DBName, dbName, std::string, check(rules::dbName));
AWSDIRECT_MEMBER(ClusterType, clusterType, std::string, oneOf(kClusterTypes));
AWSDIRECT_MEMBER(NodeType, nodeType, std::string, length(1, 64));
AWSDIRECT_MEMBER(MasterUsername, masterUsername, std::string, check(rules::masterUsername));
AWSDIRECT_MEMBER(MasterUserPassword, masterUserPassword, Secret, check(rules::masterUserPassword));
AWSDIRECT_MEMBER(VpcSecurityGroupIds, vpcSecurityGroupIds, std::vector<std::string>, items("VpcSecurityGroupId"),
                 check(rules::securityGroupId));
AWSDIRECT_MEMBER(ClusterSubnetGroupName, clusterSubnetGroupName, std::string, length(1, 255));
AWSDIRECT_MEMBER(AvailabilityZone, availabilityZone, std::string, length(1, 2147483647));
AWSDIRECT_MEMBER(ClusterParameterGroupName, clusterParameterGroupName, std::string, length(1, 255));
AWSDIRECT_MEMBER(AutomatedSnapshotRetentionPeriod, automatedSnapshotRetentionPeriod, int, range(0, 35));
AWSDIRECT_MEMBER(Port, port, int, range(1150, 65535));
AWSDIRECT_MEMBER(ClusterVersion, clusterVersion, std::string, unchecked);
AWSDIRECT_MEMBER(NumberOfNodes, numberOfNodes, int, range(1, 100));
AWSDIRECT_FLAG(PubliclyAccessible, publiclyAccessible, unchecked);
AWSDIRECT_FLAG(Encrypted, encrypted, unchecked);
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, items("Tag"));
AWSDIRECT_MEMBER(KmsKeyId, kmsKeyId, std::string, unchecked);
AWSDIRECT_FLAG(EnhancedVpcRouting, enhancedVpcRouting, unchecked);
AWSDIRECT_MEMBER(IamRoles, iamRoles, std::vector<std::string>, items("IamRoleArn"));
AWSDIRECT_MEMBER(DefaultIamRoleArn, defaultIamRoleArn, std::string, unchecked);
AWSDIRECT_FLAG(ManageMasterPassword, manageMasterPassword, unchecked);
AWSDIRECT_MEMBER(MasterPasswordSecretKmsKeyId, masterPasswordSecretKmsKeyId, std::string, unchecked);
AWSDIRECT_MEMBER(MaxRecords, maxRecords, int, range(20, 100));
AWSDIRECT_MEMBER(Marker, marker, std::string, unchecked);
AWSDIRECT_FLAG(SkipFinalClusterSnapshot, skipFinalClusterSnapshot, unchecked);
AWSDIRECT_MEMBER(FinalClusterSnapshotIdentifier, finalClusterSnapshotIdentifier, std::string, check(rules::snapshotIdentifier));
AWSDIRECT_MEMBER(FinalClusterSnapshotRetentionPeriod, finalClusterSnapshotRetentionPeriod, int, unchecked);
AWSDIRECT_MEMBER(NewClusterIdentifier, newClusterIdentifier, std::string, check(rules::clusterIdentifier));
AWSDIRECT_MEMBER(AddIamRoles, addIamRoles, std::vector<std::string>, items("IamRoleArn"), count(0, 50));
AWSDIRECT_MEMBER(RemoveIamRoles, removeIamRoles, std::vector<std::string>, items("IamRoleArn"), count(0, 50));
AWSDIRECT_FLAG(AllowVersionUpgrade, allowVersionUpgrade, unchecked);
AWSDIRECT_MEMBER(PreferredMaintenanceWindow, preferredMaintenanceWindow, std::string, unchecked);
AWSDIRECT_MEMBER(ManualSnapshotRetentionPeriod, manualSnapshotRetentionPeriod, int, unchecked);
AWSDIRECT_FLAG(Classic, classic, unchecked);
// A database user: 1-128 letters, digits, _ + . @ $ -, starting with a letter (not "PUBLIC").
AWSDIRECT_MEMBER(DbUser, dbUser, std::string, length(1, 128));
// GetClusterCredentials spells the database "DbName" where CreateCluster has "DBName".
AWSDIRECT_MEMBER(DbName, dbName, std::string, check(rules::dbName));
AWSDIRECT_MEMBER(DurationSeconds, durationSeconds, int, range(900, 3600));
AWSDIRECT_FLAG(AutoCreate, autoCreate, unchecked);
AWSDIRECT_MEMBER(DbGroups, dbGroups, std::vector<std::string>, items("DbGroup"));
AWSDIRECT_MEMBER(ResourceName, resourceName, std::string, length(1, 2147483647));
AWSDIRECT_MEMBER(TagKeys, tagKeys, std::vector<std::string>, items("TagKey"), count(1, 50));
AWSDIRECT_MEMBER(SnapshotIdentifier, snapshotIdentifier, std::string, check(rules::snapshotIdentifier));
AWSDIRECT_MEMBER(SnapshotClusterIdentifier, snapshotClusterIdentifier, std::string, unchecked);
AWSDIRECT_MEMBER(SnapshotType, snapshotType, std::string, oneOf(kSnapshotTypes));

}  // namespace members

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
  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
};

// DescribeClusters: one cluster by identifier, or every cluster page by page (Marker).
class DescribeClustersRequest
    : public Request<DescribeClustersRequest, Redshift, DescribeClustersResult, m::ClusterIdentifier, m::MaxRecords, m::Marker> {
 public:
  static constexpr const char* operation = "DescribeClusters";
  DescribeClustersRequest& identifier(std::string v) { return clusterIdentifier(std::move(v)); }
  AWSDIRECT_DECL static Result parse(const XmlNode& result);
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
  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
};

// PauseCluster, ResumeCluster, RebootCluster: a paused cluster costs storage only.
template <class Self>
class ClusterAction : public Request<Self, Redshift, Cluster, Required<m::ClusterIdentifier>> {
 public:
  static Cluster parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
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
  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
};

// ModifyClusterIamRoles: the roles the cluster may assume (COPY ... IAM_ROLE), added or removed.
class ModifyClusterIamRolesRequest
    : public Request<ModifyClusterIamRolesRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::AddIamRoles,
                     m::RemoveIamRoles, m::DefaultIamRoleArn> {
 public:
  static constexpr const char* operation = "ModifyClusterIamRoles";
  ModifyClusterIamRolesRequest& addIamRole(std::string arn) { addIamRoles_.push_back(std::move(arn)); return *this; }
  ModifyClusterIamRolesRequest& removeIamRole(std::string arn) { removeIamRoles_.push_back(std::move(arn)); return *this; }
  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
};

// ResizeCluster: elastic resize (minutes) unless Classic.
class ResizeClusterRequest
    : public Request<ResizeClusterRequest, Redshift, Cluster, Required<m::ClusterIdentifier>, m::ClusterType, m::NodeType,
                     m::NumberOfNodes, m::Classic> {
 public:
  static constexpr const char* operation = "ResizeCluster";
  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }
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
  static Result parse(const XmlNode& result) { return readResult<Snapshot>(result.child("Snapshot")); }
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
  static Result parse(const XmlNode& result) { return readResult<Snapshot>(result.child("Snapshot")); }
};

}  // namespace redshift

// ---- The client -------------------------------------------------------------------------------

class Redshift : public QueryService<Redshift> {
 public:
  static ServiceInfo serviceInfo() { return {"Redshift", "redshift", "redshift", "2012-12-01", false}; }

  explicit Redshift(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations (build a request, send it with send()) ----
  static redshift::CreateClusterRequest createCluster() { return {}; }
  static redshift::DescribeClustersRequest describeClusters() { return {}; }
  static redshift::DeleteClusterRequest deleteCluster() { return {}; }
  static redshift::PauseClusterRequest pauseCluster() { return {}; }
  static redshift::ResumeClusterRequest resumeCluster() { return {}; }
  static redshift::RebootClusterRequest rebootCluster() { return {}; }
  static redshift::ModifyClusterRequest modifyCluster() { return {}; }
  static redshift::ModifyClusterIamRolesRequest modifyClusterIamRoles() { return {}; }
  static redshift::ResizeClusterRequest resizeCluster() { return {}; }
  static redshift::GetClusterCredentialsRequest getClusterCredentials() { return {}; }
  static redshift::CreateTagsRequest createTags() { return {}; }
  static redshift::DeleteTagsRequest deleteTags() { return {}; }
  static redshift::CreateClusterSnapshotRequest createClusterSnapshot() { return {}; }
  static redshift::DescribeClusterSnapshotsRequest describeClusterSnapshots() { return {}; }
  static redshift::DeleteClusterSnapshotRequest deleteClusterSnapshot() { return {}; }

  // ---- Calls that send ----

  // Every cluster of the account in this region, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<redshift::Cluster>> describeAllClusters(redshift::DescribeClustersRequest request = {});

  // One cluster by identifier; ClusterNotFound when there is none.
  AWSDIRECT_DECL Outcome<redshift::Cluster> findCluster(const std::string& identifier);

  // botocore's ClusterAvailable (every 60 s, 30 times): every cluster "available" succeeds and
  // returns it, any "deleting" fails, ClusterNotFound keeps waiting (it may not be visible yet).
  AWSDIRECT_DECL Outcome<redshift::Cluster> waitUntilAvailable(const std::string& identifier, WaitOptions options = {});

  // botocore's ClusterDeleted (every 60 s, 30 times): ClusterNotFound succeeds (Gone),
  // "creating" or "modifying" fails.
  AWSDIRECT_DECL Outcome<Gone> waitUntilDeleted(const std::string& identifier, WaitOptions options = {});

  static constexpr WaiterPace kClusterAvailable{std::chrono::seconds(60), 30};
  static constexpr WaiterPace kClusterDeleted{std::chrono::seconds(60), 30};
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/redshift.ipp"
#endif
