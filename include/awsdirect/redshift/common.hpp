#pragma once
// Redshift's results, rules and members, shared by its operations (redshift.hpp): each result
// field and each request member declared once.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../assume_role.hpp"
#include "../detail/build_mode.hpp"
#include "../query.hpp"
#include "../request.hpp"
#include "../result.hpp"
#include "../secret.hpp"
#include "../validate.hpp"

namespace awsdirect {

class Redshift;

namespace redshift {

// ---- Results --------------------------------------------------------------------------------

using awsdirect::SubnetOfGroup;
using awsdirect::VpcSecurityGroupMembership;

struct ClusterIamRole {
  std::string iamRoleArn;
  std::string applyStatus;
  AWSDIRECT_FIELDS(ClusterIamRole, field("IamRoleArn", &Self::iamRoleArn), field("ApplyStatus", &Self::applyStatus));
};

struct Endpoint {
  std::string address;
  int port = 0;
  AWSDIRECT_FIELDS(Endpoint, field("Address", &Self::address), field("Port", &Self::port));
};

struct Cluster {
  std::string clusterIdentifier;
  std::string clusterStatus;  // "creating", "available", "paused", "deleting", ...
  std::string clusterAvailabilityStatus;  // "Available", "Unavailable", "Maintenance", "Modifying", "Failed"
  std::string nodeType;
  int numberOfNodes = 0;
  std::string dbName;
  std::string masterUsername;
  std::optional<Endpoint> endpoint;  // absent while the cluster is being created
  std::vector<VpcSecurityGroupMembership> vpcSecurityGroups;
  std::vector<ClusterIamRole> iamRoles;
  std::string defaultIamRoleArn;
  std::optional<std::chrono::system_clock::time_point> clusterCreateTime;
  std::string availabilityZone;
  std::string vpcId;
  std::string clusterSubnetGroupName;
  bool publiclyAccessible = false;
  bool encrypted = false;
  std::string kmsKeyId;
  int automatedSnapshotRetentionPeriod = 0;
  std::string preferredMaintenanceWindow;
  std::string clusterVersion;
  std::string restoreStatus;  // RestoreStatus/Status of a cluster restored from a snapshot: "completed"...
  std::string clusterNamespaceArn;
  std::string masterPasswordSecretArn;  // when AWS manages the master password (Secrets Manager)
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(Cluster, field("ClusterIdentifier", &Self::clusterIdentifier),
                   field("ClusterStatus", &Self::clusterStatus),
                   field("ClusterAvailabilityStatus", &Self::clusterAvailabilityStatus),
                   field("NodeType", &Self::nodeType), field("NumberOfNodes", &Self::numberOfNodes),
                   field("DBName", &Self::dbName), field("MasterUsername", &Self::masterUsername),
                   field("Endpoint", &Self::endpoint),
                   field("VpcSecurityGroups", &Self::vpcSecurityGroups, "VpcSecurityGroup"),
                   field("IamRoles", &Self::iamRoles, "ClusterIamRole"),
                   field("DefaultIamRoleArn", &Self::defaultIamRoleArn),
                   field("ClusterCreateTime", &Self::clusterCreateTime),
                   field("AvailabilityZone", &Self::availabilityZone), field("VpcId", &Self::vpcId),
                   field("ClusterSubnetGroupName", &Self::clusterSubnetGroupName),
                   field("PubliclyAccessible", &Self::publiclyAccessible), field("Encrypted", &Self::encrypted),
                   field("KmsKeyId", &Self::kmsKeyId),
                   field("AutomatedSnapshotRetentionPeriod", &Self::automatedSnapshotRetentionPeriod),
                   field("PreferredMaintenanceWindow", &Self::preferredMaintenanceWindow),
                   field("ClusterVersion", &Self::clusterVersion), field("RestoreStatus/Status", &Self::restoreStatus),
                   field("ClusterNamespaceArn", &Self::clusterNamespaceArn),
                   field("MasterPasswordSecretArn", &Self::masterPasswordSecretArn), field("Tags", &Self::tags, "Tag"));
};

// Temporary database credentials (GetClusterCredentials): the password is a Secret, shown only
// where it is used.
struct ClusterCredentials {
  std::string dbUser;  // "IAM:airflow" when AutoCreate made the user
  Secret dbPassword;
  std::optional<std::chrono::system_clock::time_point> expiration;
  AWSDIRECT_FIELDS(ClusterCredentials, field("DbUser", &Self::dbUser), field("DbPassword", &Self::dbPassword),
                   field("Expiration", &Self::expiration));
};

// GetClusterCredentialsWithIAM: the database user is the caller's IAM identity ("IAMR:role").
struct ClusterCredentialsWithIam {
  std::string dbUser;
  Secret dbPassword;
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::optional<std::chrono::system_clock::time_point> nextRefreshTime;
  AWSDIRECT_FIELDS(ClusterCredentialsWithIam, field("DbUser", &Self::dbUser), field("DbPassword", &Self::dbPassword),
                   field("Expiration", &Self::expiration), field("NextRefreshTime", &Self::nextRefreshTime));
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
  AWSDIRECT_FIELDS(Snapshot, field("SnapshotIdentifier", &Self::snapshotIdentifier),
                   field("ClusterIdentifier", &Self::clusterIdentifier),
                   field("SnapshotCreateTime", &Self::snapshotCreateTime), field("Status", &Self::status),
                   field("SnapshotType", &Self::snapshotType), field("NodeType", &Self::nodeType),
                   field("NumberOfNodes", &Self::numberOfNodes), field("DBName", &Self::dbName),
                   field("VpcId", &Self::vpcId), field("Encrypted", &Self::encrypted),
                   field("ManualSnapshotRetentionPeriod", &Self::manualSnapshotRetentionPeriod),
                   field("Tags", &Self::tags, "Tag"));
};

AWSDIRECT_MARKER_PAGE(DescribeClusterSnapshotsResult, Snapshot, snapshots, "Snapshots", "Snapshot");

AWSDIRECT_MARKER_PAGE(DescribeClustersResult, Cluster, clusters, "Clusters", "Cluster");

// A cluster subnet group: the VPC subnets a cluster's nodes may be placed in.
struct ClusterSubnetGroup {
  std::string clusterSubnetGroupName;
  std::string description;
  std::string vpcId;
  std::string subnetGroupStatus;  // "Complete", "Incomplete", "Invalid"
  std::vector<SubnetOfGroup> subnets;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(ClusterSubnetGroup, field("ClusterSubnetGroupName", &Self::clusterSubnetGroupName),
                   field("Description", &Self::description), field("VpcId", &Self::vpcId),
                   field("SubnetGroupStatus", &Self::subnetGroupStatus), field("Subnets", &Self::subnets, "Subnet"),
                   field("Tags", &Self::tags, "Tag"));
};

AWSDIRECT_MARKER_PAGE(DescribeClusterSubnetGroupsResult, ClusterSubnetGroup, clusterSubnetGroups,
                      "ClusterSubnetGroups", "ClusterSubnetGroup");

// A tag with the resource it is on (DescribeTags).
struct TaggedResource {
  Tag tag;
  std::string resourceName;  // the ARN
  std::string resourceType;  // "cluster", "snapshot", "subnetgroup"...
  AWSDIRECT_FIELDS(TaggedResource, field("Tag", &Self::tag), field("ResourceName", &Self::resourceName),
                   field("ResourceType", &Self::resourceType));
};

AWSDIRECT_MARKER_PAGE(DescribeTagsResult, TaggedResource, taggedResources, "TaggedResources", "TaggedResource");

// A cluster parameter group: a cluster's settings (require_ssl...), the family's defaults until set.
struct ClusterParameterGroup {
  std::string parameterGroupName;
  std::string parameterGroupFamily;  // "redshift-1.0"
  std::string description;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(ClusterParameterGroup, field("ParameterGroupName", &Self::parameterGroupName),
                   field("ParameterGroupFamily", &Self::parameterGroupFamily), field("Description", &Self::description),
                   field("Tags", &Self::tags, "Tag"));
};

// ModifyClusterParameterGroup's answer: the group and how its change stands.
struct ClusterParameterGroupStatus {
  std::string parameterGroupName;
  std::string parameterGroupStatus;  // "Your parameter group has been updated..."
  AWSDIRECT_FIELDS(ClusterParameterGroupStatus, field("ParameterGroupName", &Self::parameterGroupName),
                   field("ParameterGroupStatus", &Self::parameterGroupStatus));
};

AWSDIRECT_MARKER_PAGE(DescribeClusterParametersResult, GroupParameter, parameters, "Parameters", "Parameter");

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

// A family and a size, such as ra3.xlplus or dc2.large: lowercase letters and digits, one dot.
// (Which types a region offers changes; their shape does not.)
AWSDIRECT_DECL void nodeType(Validator& v, const std::string& field, const std::string& type);
AWSDIRECT_DECL void nodeType(Validator& v, const std::string& type);

// 1-255 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id);

// sg- and hex digits.
AWSDIRECT_DECL void securityGroupId(Validator& v, const std::string& field, const std::string& id);
// subnet- and hex digits.
AWSDIRECT_DECL void subnetId(Validator& v, const std::string& field, const std::string& id);

}  // namespace rules

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;
static constexpr const char* kClusterTypes[] = {"single-node", "multi-node"};
static constexpr const char* kSnapshotTypes[] = {"automated", "manual"};

AWSDIRECT_MEMBER(ClusterIdentifier, clusterIdentifier, std::string, check(rules::clusterIdentifier));
AWSDIRECT_MEMBER(DBName, dbName, std::string, check(rules::dbName));
AWSDIRECT_MEMBER(ClusterType, clusterType, std::string, oneOf(kClusterTypes));
AWSDIRECT_MEMBER(NodeType, nodeType, std::string, check(rules::nodeType));
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
AWSDIRECT_MEMBER(IamRoles, iamRoles, std::vector<std::string>, items("IamRoleArn"), check(sts::rules::roleArn));
AWSDIRECT_MEMBER(DefaultIamRoleArn, defaultIamRoleArn, std::string, unchecked);
AWSDIRECT_FLAG(ManageMasterPassword, manageMasterPassword, unchecked);
AWSDIRECT_MEMBER(MasterPasswordSecretKmsKeyId, masterPasswordSecretKmsKeyId, std::string, unchecked);
AWSDIRECT_MEMBER(MaxRecords, maxRecords, int, range(20, 100));
AWSDIRECT_MEMBER(Marker, marker, std::string, unchecked);
AWSDIRECT_FLAG(SkipFinalClusterSnapshot, skipFinalClusterSnapshot, unchecked);
AWSDIRECT_MEMBER(FinalClusterSnapshotIdentifier, finalClusterSnapshotIdentifier, std::string, check(rules::snapshotIdentifier));
AWSDIRECT_MEMBER(FinalClusterSnapshotRetentionPeriod, finalClusterSnapshotRetentionPeriod, int, unchecked);
AWSDIRECT_MEMBER(NewClusterIdentifier, newClusterIdentifier, std::string, check(rules::clusterIdentifier));
AWSDIRECT_MEMBER(AddIamRoles, addIamRoles, std::vector<std::string>, items("IamRoleArn"), count(0, 50),
                 check(sts::rules::roleArn));
AWSDIRECT_MEMBER(RemoveIamRoles, removeIamRoles, std::vector<std::string>, items("IamRoleArn"), count(0, 50),
                 check(sts::rules::roleArn));
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
AWSDIRECT_MEMBER(SnapshotArn, snapshotArn, std::string, unchecked);
AWSDIRECT_MEMBER(OwnerAccount, ownerAccount, std::string, unchecked);
AWSDIRECT_MEMBER(Description, description, std::string, length(1, 255));
AWSDIRECT_MEMBER(SubnetIds, subnetIds, std::vector<std::string>, items("SubnetIdentifier"), count(1, 20), check(rules::subnetId));
AWSDIRECT_MEMBER(TagValues, tagValues, std::vector<std::string>, items("TagValue"));
AWSDIRECT_MEMBER(ListedTagKeys, tagKeys, std::vector<std::string>, apiName("TagKeys"), items("TagKey"));
AWSDIRECT_MEMBER(ResourceType, resourceType, std::string, unchecked);
AWSDIRECT_MEMBER(CustomDomainName, customDomainName, std::string, unchecked);
AWSDIRECT_FLAG(MultiAZ, multiAZ, unchecked);
AWSDIRECT_MEMBER(ParameterGroupName, parameterGroupName, std::string, length(1, 255));
AWSDIRECT_MEMBER(ParameterGroupFamily, parameterGroupFamily, std::string, length(1, 255));
// At most 20 parameters a request, as AWS takes them.
AWSDIRECT_MEMBER(Parameters, parameters, std::vector<GroupParameter>, items("Parameter"), count(1, 20));
AWSDIRECT_MEMBER(Source, source, std::string, unchecked);  // "user", "engine-default"

}  // namespace members

}  // namespace redshift
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/common.ipp"
#endif
