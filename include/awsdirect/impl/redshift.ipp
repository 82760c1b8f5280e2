// Definitions of <awsdirect/redshift.hpp>.

namespace awsdirect {

namespace redshift {


void CreateClusterRequest::validateAcross(Validator& v) const {
  if (manageMasterPassword_.value_or(false))
    v.check(!masterUserPassword_, "MasterUserPassword", "must not be set when ManageMasterPassword is true");
  else
    v.check(masterUserPassword_.has_value(), "MasterUserPassword", "is required unless ManageMasterPassword is true");
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

AWSDIRECT_LAZY_DEF
Outcome<std::vector<redshift::Cluster>> Redshift::describeAllClusters(redshift::DescribeClustersRequest request) {
  return sendAllPages(std::move(request), ByMarker{},
                      &redshift::DescribeClustersResult::marker, &redshift::DescribeClustersResult::clusters);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<redshift::Snapshot>> Redshift::describeAllClusterSnapshots(redshift::DescribeClusterSnapshotsRequest request) {
  using R = redshift::DescribeClusterSnapshotsResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::snapshots);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<redshift::ClusterSubnetGroup>> Redshift::describeAllClusterSubnetGroups(
    redshift::DescribeClusterSubnetGroupsRequest request) {
  using R = redshift::DescribeClusterSubnetGroupsResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::clusterSubnetGroups);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<GroupParameter>> Redshift::describeAllClusterParameters(redshift::DescribeClusterParametersRequest request) {
  using R = redshift::DescribeClusterParametersResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::parameters);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<redshift::TaggedResource>> Redshift::describeAllTags(redshift::DescribeTagsRequest request) {
  using R = redshift::DescribeTagsResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::taggedResources);
}

AWSDIRECT_LAZY_DEF
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

AWSDIRECT_LAZY_DEF
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

AWSDIRECT_LAZY_DEF
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

AWSDIRECT_LAZY_DEF
Outcome<redshift::Cluster> Redshift::waitUntilRestored(const std::string& identifier, WaitOptions options) {
  if (auto invalid = redshift::detail::invalidIdentifier(identifier)) return *invalid;
  // botocore's acceptors look at two members: the restore's status, and the cluster's for "deleting".
  return waitForState<redshift::Cluster>(
      "ClusterRestored", options, kClusterRestored, [&] { return findCluster(identifier); },
      StateAcceptors<redshift::Cluster>{
          [](const redshift::Cluster& c) { return c.clusterStatus == "deleting" ? c.clusterStatus : c.restoreStatus; },
          {"completed"}, {"deleting"}, {}});
}

AWSDIRECT_LAZY_DEF
Outcome<redshift::Snapshot> Redshift::waitUntilSnapshotAvailable(const std::string& snapshotIdentifier, WaitOptions options) {
  Validator v;
  redshift::rules::snapshotIdentifier(v, "SnapshotIdentifier", snapshotIdentifier);
  if (!v.ok()) return v.error("redshift", redshift::DescribeClusterSnapshotsRequest::operation);
  return waitForState<redshift::Snapshot>(
      "SnapshotAvailable", options, kSnapshotAvailable,
      [&]() -> Outcome<redshift::Snapshot> {
        auto found = send(describeClusterSnapshots().snapshotIdentifier(snapshotIdentifier));
        if (!found) return found.error();
        if (found.value().snapshots.empty()) {
          Error e = makeError(ErrorKind::Service, "ClusterSnapshotNotFound", "Snapshot " + snapshotIdentifier + " not found.");
          e.service = "redshift";
          e.operation = redshift::DescribeClusterSnapshotsRequest::operation;
          return e;
        }
        return std::move(found.value().snapshots.front());
      },
      StateAcceptors<redshift::Snapshot>{[](const redshift::Snapshot& s) { return s.status; }, {"available"},
                                         {"failed", "deleted"}, {}});
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_REDSHIFT_OPERATIONS)

}  // namespace awsdirect
