// Definitions of <awsdirect/redshift.hpp>.

namespace awsdirect {

namespace redshift {

Cluster Cluster::fromXml(const XmlNode& node) {
  Cluster c;
  c.clusterIdentifier = node.text("ClusterIdentifier");
  c.clusterStatus = node.text("ClusterStatus");
  c.nodeType = node.text("NodeType");
  c.numberOfNodes = node.int32("NumberOfNodes");
  c.dbName = node.text("DBName");
  c.masterUsername = node.text("MasterUsername");
  if (XmlNode endpoint = node.child("Endpoint"))
    c.endpoint = Endpoint{endpoint.text("Address"), endpoint.int32("Port")};
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

namespace rules {

void clusterIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, true);
}

void clusterIdentifier(Validator& v, const std::optional<std::string>& id) {
  if (v.required(id, "ClusterIdentifier")) clusterIdentifier(v, "ClusterIdentifier", *id);
}

void masterUserPassword(Validator& v, const std::string& field, const std::string& password) {
  using namespace awsdirect::rules;
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

void masterUserPassword(Validator& v, const std::string& password) { masterUserPassword(v, "MasterUserPassword", password); }

void masterUsername(Validator& v, const std::string& field, const std::string& name) {
  using namespace awsdirect::rules;
  if (!v.check(!name.empty() && name.size() <= 128, field, "must be 1 to 128 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_' || c == '+' || c == '.' || c == '@' || c == '-')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits, '_', '+', '.', '@' and '-'");
  v.check(isLetter(name.front()), field, "must start with a letter");
  v.check(name != "public", field, "must not be the reserved word 'public'");
}

void masterUsername(Validator& v, const std::string& name) { masterUsername(v, "MasterUsername", name); }

void dbName(Validator& v, const std::string& field, const std::string& name) {
  using namespace awsdirect::rules;
  if (!v.check(!name.empty() && name.size() <= 64, field, "must be 1 to 64 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!(isLower(c) || isDigit(c) || c == '_')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits and underscores");
  v.check(isLower(name.front()) || name.front() == '_', field, "must start with a lowercase letter or underscore");
}

void dbName(Validator& v, const std::string& name) { dbName(v, "DBName", name); }

void snapshotIdentifier(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::resourceIdentifier(v, field, id, false, 255);
}

void securityGroupId(Validator& v, const std::string& field, const std::string& id) {
  awsdirect::rules::ec2ResourceId(v, field, id, "sg");
}

}  // namespace rules

void CreateClusterRequest::validateAcross(Validator& v) const {
  if (manageMasterPassword_.value_or(false))
    v.check(!masterUserPassword_, "MasterUserPassword", "must not be set when ManageMasterPassword is true");
  else
    v.check(masterUserPassword_.has_value(), "MasterUserPassword", "is required unless ManageMasterPassword is true");
}

DescribeClustersResult DescribeClustersRequest::parse(const XmlNode& result) {
  Result r;
  for (const XmlNode& c : result.list("Clusters", "Cluster")) r.clusters.push_back(Cluster::fromXml(c));
  r.marker = result.text("Marker");
  return r;
}

void DeleteClusterRequest::validateAcross(Validator& v) const {
  if (skipFinalClusterSnapshot_.value_or(false))
    v.check(!finalClusterSnapshotIdentifier_, "FinalClusterSnapshotIdentifier",
            "must not be set when SkipFinalClusterSnapshot is true");
  else
    v.check(finalClusterSnapshotIdentifier_.has_value(), "FinalClusterSnapshotIdentifier",
            "is required unless SkipFinalClusterSnapshot is true");
  const int retention = finalClusterSnapshotRetentionPeriod_.value_or(-1);
  v.check(retention == -1 || (retention >= 1 && retention <= 3653), "FinalClusterSnapshotRetentionPeriod",
          "must be -1 (kept until deleted) or between 1 and 3653");
}

}  // namespace redshift

Outcome<std::vector<redshift::Cluster>> Redshift::describeAllClusters(redshift::DescribeClustersRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.marker(std::move(t)); },
                      &redshift::DescribeClustersResult::marker, &redshift::DescribeClustersResult::clusters);
}

Outcome<redshift::Cluster> Redshift::findCluster(const std::string& identifier) {
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

namespace redshift {
namespace detail {
// The identifier a waiter polls for, checked before the first poll.
AWSDIRECT_DECL std::optional<Error> invalidIdentifier(const std::string& identifier) {
  Validator v;
  rules::clusterIdentifier(v, identifier);
  if (v.ok()) return std::nullopt;
  return v.error("redshift", "DescribeClusters");
}
}  // namespace detail
}  // namespace redshift

Outcome<redshift::Cluster> Redshift::waitUntilAvailable(const std::string& identifier, WaitOptions options) {
  if (auto invalid = redshift::detail::invalidIdentifier(identifier)) return *invalid;
  return waitUntil<redshift::Cluster>(
      "ClusterAvailable", options, kClusterAvailable, [&] { return findCluster(identifier); },
      [](const Outcome<redshift::Cluster>& polled) {
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

Outcome<Gone> Redshift::waitUntilDeleted(const std::string& identifier, WaitOptions options) {
  if (auto invalid = redshift::detail::invalidIdentifier(identifier)) return *invalid;
  return waitUntilGone<redshift::Cluster>(
      "ClusterDeleted", identifier, options, kClusterDeleted, [&] { return findCluster(identifier); },
      [](const Outcome<redshift::Cluster>& polled) {
        if (!polled) {
          if (polled.error().code == "ClusterNotFound") return WaitStep{WaitVerdict::Success, "ClusterNotFound"};
          return WaitStep{WaitVerdict::Failure, ""};
        }
        const std::string& status = polled.value().clusterStatus;
        if (status == "creating" || status == "modifying") return WaitStep{WaitVerdict::Failure, status};
        return WaitStep{WaitVerdict::Retry, status};
      });
}

}  // namespace awsdirect
