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

  static Cluster fromXml(const XmlNode& node) {
    Cluster c;
    c.clusterIdentifier = node.text("ClusterIdentifier");
    c.clusterStatus = node.text("ClusterStatus");
    c.nodeType = node.text("NodeType");
    c.numberOfNodes = static_cast<int>(node.integer("NumberOfNodes"));
    c.dbName = node.text("DBName");
    c.masterUsername = node.text("MasterUsername");
    if (XmlNode endpoint = node.child("Endpoint"))
      c.endpoint = Endpoint{endpoint.text("Address"), static_cast<int>(endpoint.integer("Port"))};
    for (const XmlNode& g : node.list("VpcSecurityGroups", "VpcSecurityGroup"))
      c.vpcSecurityGroups.push_back({g.text("VpcSecurityGroupId"), g.text("Status")});
    for (const XmlNode& r : node.list("IamRoles", "ClusterIamRole"))
      c.iamRoles.push_back({r.text("IamRoleArn"), r.text("ApplyStatus")});
    c.clusterCreateTime = node.timestamp("ClusterCreateTime");
    c.availabilityZone = node.text("AvailabilityZone");
    c.vpcId = node.text("VpcId");
    c.publiclyAccessible = node.boolean("PubliclyAccessible");
    c.encrypted = node.boolean("Encrypted");
    for (const XmlNode& t : node.list("Tags", "Tag")) c.tags.push_back({t.text("Key"), t.text("Value")});
    return c;
  }
};

struct DescribeClustersResult {
  std::vector<Cluster> clusters;
  std::string marker;  // empty on the last page
};

// ---- Rules shared by the operations ----------------------------------------------------------

namespace rules {

inline void clusterIdentifier(Validator& v, const std::optional<std::string>& id) {
  if (v.required(id, "ClusterIdentifier")) awsdirect::rules::resourceIdentifier(v, "ClusterIdentifier", *id, true);
}

// 8-64 printable ASCII characters with an upper case letter, a lower case letter and a digit,
// and none of ' " \ / @ or space. The message never repeats the password.
inline void masterUserPassword(Validator& v, const std::string& password) {
  using namespace awsdirect::rules;
  const std::string field = "MasterUserPassword";
  v.check(password.size() >= 8 && password.size() <= 64, field, "must be 8 to 64 characters long");
  bool upper = false, lower = false, digit = false, allowed = true;
  for (char c : password) {
    upper |= isUpper(c);
    lower |= isLower(c);
    digit |= isDigit(c);
    if (!isPrintableAscii(c) || c == '\'' || c == '"' || c == '\\' || c == '/' || c == '@') allowed = false;
  }
  v.check(upper, field, "must contain an upper case letter");
  v.check(lower, field, "must contain a lower case letter");
  v.check(digit, field, "must contain a digit");
  v.check(allowed, field, "may contain only printable ASCII characters other than ' \" \\ / @ and space");
}

// 1-128 characters: lowercase letters, digits, _ + . @ -; starts with a letter; not "public".
inline void masterUsername(Validator& v, const std::string& name) {
  using namespace awsdirect::rules;
  const std::string field = "MasterUsername";
  if (!v.check(!name.empty() && name.size() <= 128, field, "must be 1 to 128 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_' || c == '+' || c == '.' || c == '@' || c == '-')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits, '_', '+', '.', '@' and '-'");
  v.check(isLetter(name.front()), field, "must start with a letter");
  v.check(name != "public", field, "must not be the reserved word 'public'");
}

// 1-64 lowercase letters, digits and underscores, starting with a letter or underscore.
inline void dbName(Validator& v, const std::string& name) {
  using namespace awsdirect::rules;
  const std::string field = "DBName";
  if (!v.check(!name.empty() && name.size() <= 64, field, "must be 1 to 64 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits and underscores");
  v.check(isLower(name.front()) || name.front() == '_', field, "must start with a lowercase letter or underscore");
}

// 1-255 letters, digits and hyphens, starting with a letter, no "--", no trailing hyphen.
inline void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, false, 255);
}

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

  void validate(Validator& v) const {
    rules::clusterIdentifier(v, clusterIdentifier_);
    v.requiredText(nodeType_, "NodeType");
    if (v.required(masterUsername_, "MasterUsername")) rules::masterUsername(v, *masterUsername_);
    if (manageMasterPassword_.value_or(false)) {
      v.check(!masterUserPassword_, "MasterUserPassword", "must not be set when ManageMasterPassword is true");
    } else if (v.check(masterUserPassword_.has_value(), "MasterUserPassword",
                       "is required unless ManageMasterPassword is true")) {
      rules::masterUserPassword(v, masterUserPassword_->reveal());
    }
    if (dbName_) rules::dbName(v, *dbName_);
    awsdirect::rules::port(v, "Port", port_, 1150, 65535);
    v.inRange(numberOfNodes_, 1, 100, "NumberOfNodes");
    for (std::size_t i = 0; i < vpcSecurityGroupIds_.size(); ++i)
      awsdirect::rules::ec2ResourceId(v, "VpcSecurityGroupIds[" + std::to_string(i) + "]", vpcSecurityGroupIds_[i], "sg");
    awsdirect::rules::tags(v, "Tags", tags_);
  }

  void serialize(QueryWriter& w) const {
    w.optional("ClusterIdentifier", clusterIdentifier_);
    w.optional("DBName", dbName_);
    w.optional("Port", port_);
    w.optional("MasterUsername", masterUsername_);
    if (masterUserPassword_) w.add("MasterUserPassword", masterUserPassword_->reveal());
    w.optional("ManageMasterPassword", manageMasterPassword_);
    w.optional("NodeType", nodeType_);
    if (numberOfNodes_) {
      w.add("ClusterType", *numberOfNodes_ > 1 ? "multi-node" : "single-node");
      if (*numberOfNodes_ > 1) w.add("NumberOfNodes", *numberOfNodes_);
    }
    w.list("VpcSecurityGroupIds.VpcSecurityGroupId", vpcSecurityGroupIds_);
    w.list("IamRoles.IamRoleArn", iamRoles_);
    w.optional("PubliclyAccessible", publiclyAccessible_);
    w.optional("Encrypted", encrypted_);
    w.optional("ClusterSubnetGroupName", clusterSubnetGroupName_);
    w.optional("AvailabilityZone", availabilityZone_);
    w.tags("Tags.Tag", tags_);
  }

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

  void validate(Validator& v) const {
    if (clusterIdentifier_) rules::clusterIdentifier(v, clusterIdentifier_);
    v.inRange(maxRecords_, 20, 100, "MaxRecords");
  }

  void serialize(QueryWriter& w) const {
    w.optional("ClusterIdentifier", clusterIdentifier_);
    w.optional("MaxRecords", maxRecords_);
    w.optional("Marker", marker_);
  }

  static Result parse(const XmlNode& result) {
    Result r;
    for (const XmlNode& c : result.list("Clusters", "Cluster")) r.clusters.push_back(Cluster::fromXml(c));
    r.marker = result.text("Marker");
    return r;
  }

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

  void validate(Validator& v) const {
    rules::clusterIdentifier(v, clusterIdentifier_);
    const bool skip = skipFinalClusterSnapshot_.value_or(false);
    if (skip) {
      v.check(!finalClusterSnapshotIdentifier_, "FinalClusterSnapshotIdentifier",
              "must not be set when SkipFinalClusterSnapshot is true");
    } else if (v.check(finalClusterSnapshotIdentifier_.has_value(), "FinalClusterSnapshotIdentifier",
                       "is required unless SkipFinalClusterSnapshot is true")) {
      rules::snapshotIdentifier(v, "FinalClusterSnapshotIdentifier", *finalClusterSnapshotIdentifier_);
    }
    if (finalClusterSnapshotRetentionPeriod_ && *finalClusterSnapshotRetentionPeriod_ != -1)
      v.inRange(finalClusterSnapshotRetentionPeriod_, 1, 3653, "FinalClusterSnapshotRetentionPeriod");
  }

  void serialize(QueryWriter& w) const {
    w.optional("ClusterIdentifier", clusterIdentifier_);
    w.optional("SkipFinalClusterSnapshot", skipFinalClusterSnapshot_);
    w.optional("FinalClusterSnapshotIdentifier", finalClusterSnapshotIdentifier_);
    w.optional("FinalClusterSnapshotRetentionPeriod", finalClusterSnapshotRetentionPeriod_);
  }

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

  static redshift::CreateClusterRequest createCluster() { return {}; }
  static redshift::DescribeClustersRequest describeClusters() { return {}; }
  static redshift::DeleteClusterRequest deleteCluster() { return {}; }

  // Every cluster of the account in this region, following Marker from page to page.
  Outcome<std::vector<redshift::Cluster>> describeAllClusters(redshift::DescribeClustersRequest request = {}) {
    return sendAllPages(std::move(request), &redshift::DescribeClustersRequest::marker,
                        &redshift::DescribeClustersResult::marker, &redshift::DescribeClustersResult::clusters);
  }

  // One cluster by identifier; ClusterNotFound when there is none.
  Outcome<redshift::Cluster> describeCluster(const std::string& identifier) {
    auto result = send(describeClusters().identifier(identifier));
    if (!result) return result.error();
    if (result.value().clusters.empty()) {
      Error e = makeError(ErrorKind::Service, "ClusterNotFound", "Cluster " + identifier + " not found.");
      e.service = "redshift";
      e.operation = "DescribeClusters";
      return e;
    }
    return std::move(result.value().clusters.front());
  }

  // botocore's cluster_available: every cluster "available" succeeds, any "deleting" fails,
  // ClusterNotFound keeps waiting (the cluster may not be visible yet).
  Outcome<redshift::Cluster> waitUntilAvailable(const std::string& identifier, WaitOptions options = {}) {
    return waitForCluster("ClusterAvailable", identifier, options, [](const Outcome<redshift::Cluster>& polled) {
      if (!polled) {
        if (polled.error().code == "ClusterNotFound") return WaitStep{WaitVerdict::Retry, "ClusterNotFound"};
        return WaitStep{WaitVerdict::Failure, ""};
      }
      const std::string& status = polled.value().clusterStatus;
      if (status == "available") return WaitStep{WaitVerdict::Success, status};
      if (status == "deleting") return WaitStep{WaitVerdict::Failure, status};
      return WaitStep{WaitVerdict::Retry, status};
    });
  }

  // botocore's cluster_deleted: ClusterNotFound succeeds, "creating" or "modifying" fails.
  Outcome<Empty> waitUntilDeleted(const std::string& identifier, WaitOptions options = {}) {
    auto outcome = waitForCluster("ClusterDeleted", identifier, options, [](const Outcome<redshift::Cluster>& polled) {
      if (!polled) {
        if (polled.error().code == "ClusterNotFound") return WaitStep{WaitVerdict::Success, "deleted"};
        return WaitStep{WaitVerdict::Failure, ""};
      }
      const std::string& status = polled.value().clusterStatus;
      if (status == "creating" || status == "modifying") return WaitStep{WaitVerdict::Failure, status};
      return WaitStep{WaitVerdict::Retry, status};
    });
    if (!outcome.ok() && outcome.error().code == "ClusterNotFound") return Empty{};
    if (!outcome.ok()) return outcome.error();
    return Empty{};
  }

 private:
  template <class Judge>
  Outcome<redshift::Cluster> waitForCluster(const std::string& name, const std::string& identifier,
                                            const WaitOptions& options, Judge judge) {
    Validator v;
    redshift::rules::clusterIdentifier(v, identifier);
    if (!v.ok()) return v.error("redshift", "DescribeClusters");
    return waitUntil<redshift::Cluster>(name, options, [&] { return describeCluster(identifier); }, judge);
  }
};

}  // namespace awsdirect
