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
#include "waiter.hpp"

namespace awsdirect {
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

struct DescribeClustersResult {
  std::vector<Cluster> clusters;
  std::string marker;  // empty on the last page
};

// ---- Rules shared by the operations ----------------------------------------------------------

namespace rules {

AWSDIRECT_DECL void clusterIdentifier(Validator& v, const std::optional<std::string>& id);

// 8-64 printable ASCII characters with an upper case letter, a lower case letter and a digit,
// and none of ' " \ / @ or space. The message never repeats the password.
AWSDIRECT_DECL void masterUserPassword(Validator& v, const std::string& password);

// 1-128 characters: lowercase letters, digits, _ + . @ -; starts with a letter; not "public".
AWSDIRECT_DECL void masterUsername(Validator& v, const std::string& name);

// 1-64 lowercase letters, digits and underscores, starting with a letter or underscore.
AWSDIRECT_DECL void dbName(Validator& v, const std::string& name);

// 1-255 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
AWSDIRECT_DECL void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id);

}  // namespace rules

// ---- Requests --------------------------------------------------------------------------------

// CreateCluster: launches a cluster. Required: identifier, node type, master user name, and a
// master password (unless AWS manages it).
class CreateClusterRequest {
 public:
  using Result = Cluster;
  static constexpr const char* operation = "CreateCluster";

  CreateClusterRequest& identifier(std::string v) { clusterIdentifier_ = std::move(v); return *this; }
  CreateClusterRequest& dbName(std::string v) { dbName_ = std::move(v); return *this; }
  CreateClusterRequest& port(int v) { port_ = v; return *this; }
  CreateClusterRequest& masterUsername(std::string v) { masterUsername_ = std::move(v); return *this; }
  CreateClusterRequest& masterUserPassword(std::string v) { masterUserPassword_ = Secret(std::move(v)); return *this; }
  CreateClusterRequest& manageMasterPassword(bool v = true) { manageMasterPassword_ = v; return *this; }
  CreateClusterRequest& nodeType(std::string v) { nodeType_ = std::move(v); return *this; }
  // 1 makes a single-node cluster; more makes a multi-node cluster of that many compute nodes.
  CreateClusterRequest& numberOfNodes(int v) { numberOfNodes_ = v; return *this; }
  CreateClusterRequest& vpcSecurityGroupId(std::string v) { vpcSecurityGroupIds_.push_back(std::move(v)); return *this; }
  CreateClusterRequest& iamRole(std::string arn) { iamRoles_.push_back(std::move(arn)); return *this; }
  CreateClusterRequest& publiclyAccessible(bool v) { publiclyAccessible_ = v; return *this; }
  CreateClusterRequest& encrypted(bool v) { encrypted_ = v; return *this; }
  CreateClusterRequest& clusterSubnetGroupName(std::string v) { clusterSubnetGroupName_ = std::move(v); return *this; }
  CreateClusterRequest& availabilityZone(std::string v) { availabilityZone_ = std::move(v); return *this; }
  CreateClusterRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }

 private:
  std::optional<std::string> clusterIdentifier_, dbName_, masterUsername_, nodeType_, clusterSubnetGroupName_,
      availabilityZone_;
  std::optional<Secret> masterUserPassword_;
  std::optional<bool> manageMasterPassword_, publiclyAccessible_, encrypted_;
  std::optional<int> port_, numberOfNodes_;
  std::vector<std::string> vpcSecurityGroupIds_, iamRoles_;
  std::vector<Tag> tags_;
};

// DescribeClusters: one cluster by identifier, or every cluster page by page (Marker).
class DescribeClustersRequest {
 public:
  using Result = DescribeClustersResult;
  static constexpr const char* operation = "DescribeClusters";

  DescribeClustersRequest& identifier(std::string v) { clusterIdentifier_ = std::move(v); return *this; }
  DescribeClustersRequest& maxRecords(int v) { maxRecords_ = v; return *this; }
  DescribeClustersRequest& marker(std::string v) { marker_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& result);

 private:
  std::optional<std::string> clusterIdentifier_, marker_;
  std::optional<int> maxRecords_;
};

// DeleteCluster: says explicitly whether a final snapshot is taken, because AWS's default
// (take one) fails without a snapshot identifier and a forgotten cluster keeps costing money.
class DeleteClusterRequest {
 public:
  using Result = Cluster;
  static constexpr const char* operation = "DeleteCluster";

  DeleteClusterRequest& identifier(std::string v) { clusterIdentifier_ = std::move(v); return *this; }
  DeleteClusterRequest& skipFinalSnapshot(bool v = true) { skipFinalClusterSnapshot_ = v; return *this; }
  DeleteClusterRequest& finalSnapshotIdentifier(std::string v) { finalClusterSnapshotIdentifier_ = std::move(v); return *this; }
  DeleteClusterRequest& finalSnapshotRetentionPeriod(int days) { finalClusterSnapshotRetentionPeriod_ = days; return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

  static Result parse(const XmlNode& result) { return Cluster::fromXml(result.child("Cluster")); }

 private:
  std::optional<std::string> clusterIdentifier_, finalClusterSnapshotIdentifier_;
  std::optional<bool> skipFinalClusterSnapshot_;
  std::optional<int> finalClusterSnapshotRetentionPeriod_;
};

}  // namespace redshift

// ---- The client -------------------------------------------------------------------------------

class Redshift : public QueryClient {
 public:
  static ServiceInfo serviceInfo() { return {"Redshift", "redshift", "redshift", "2012-12-01", false}; }

  explicit Redshift(const ClientConfig& config = ClientConfig()) : QueryClient(serviceInfo(), config) {}

  // ---- Operations (build a request, send it with send()) ----
  static redshift::CreateClusterRequest createCluster() { return {}; }
  static redshift::DescribeClustersRequest describeClusters() { return {}; }
  static redshift::DeleteClusterRequest deleteCluster() { return {}; }

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
