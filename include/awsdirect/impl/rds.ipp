// Definitions of <awsdirect/rds.hpp>.
#include <algorithm>
#include <iterator>

#include "../sigv4.hpp"
#include "../uri.hpp"

namespace awsdirect {

namespace rds {


void CreateDBInstanceRequest::validateAcross(Validator& v) const {
  const std::string engine = engine_ && rules::isKnownEngine(*engine_) ? *engine_ : "";
  const bool aurora = rules::isAurora(engine);

  // Storage and the master user belong to the cluster for Aurora, to the instance otherwise.
  const std::string storageType =
      storageType_ ? *storageType_ : (iops_ ? std::string("io1") : std::string("gp3"));
  if (storageType == "io1" || storageType == "io2")
    v.check(iops_.has_value(), "Iops", "is required for " + storageType + " storage");
  if (engine == "postgres") {
    if (v.required(allocatedStorage_, "AllocatedStorage") && rules::isKnownStorageType(storageType))
      rules::postgresAllocatedStorage(v, *allocatedStorage_, storageType);
  } else if (allocatedStorage_) {
    v.check(*allocatedStorage_ > 0, "AllocatedStorage", "must be a positive number of GiB");
  }
  if (!aurora && !engine.empty() && v.required(masterUsername_, "MasterUsername"))
    rules::masterUsername(v, engine, *masterUsername_);
  if (manageMasterUserPassword_.value_or(false)) {
    v.check(!masterUserPassword_, "MasterUserPassword", "must not be set when ManageMasterUserPassword is true");
  } else if (!aurora && !engine.empty() &&
             v.check(masterUserPassword_.has_value(), "MasterUserPassword",
                     "is required unless ManageMasterUserPassword is true")) {
    rules::masterUserPassword(v, engine, masterUserPassword_->reveal());
  }
  if (dbName_ && engine == "postgres") rules::postgresDbName(v, *dbName_);
  if (multiAZ_.value_or(false))
    v.check(!availabilityZone_, "AvailabilityZone", "must not be set for a Multi-AZ deployment");
}

void DescribeDBInstancesRequest::validateAcross(Validator& v) const {
  for (std::size_t i = 0; i < filters_.size(); ++i)
    v.check(!filters_[i].values.empty(), "Filters[" + std::to_string(i) + "].Values", "must hold at least one value");
}

void DeleteDBInstanceRequest::validateAcross(Validator& v) const {
  if (skipFinalSnapshot_.value_or(false))
    v.check(!finalDBSnapshotIdentifier_, "FinalDBSnapshotIdentifier", "must not be set when SkipFinalSnapshot is true");
  else
    v.check(finalDBSnapshotIdentifier_.has_value(), "FinalDBSnapshotIdentifier",
            "is required unless SkipFinalSnapshot is true");
}

}  // namespace rds

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::DBInstance>> Rds::describeAllDBInstances(rds::DescribeDBInstancesRequest request) {
  return sendAllPages(std::move(request), ByMarker{}, &rds::DescribeDBInstancesResult::marker,
                      &rds::DescribeDBInstancesResult::dbInstances);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::DBSnapshot>> Rds::describeAllDBSnapshots(rds::DescribeDBSnapshotsRequest request) {
  return sendAllPages(std::move(request), ByMarker{}, &rds::DescribeDBSnapshotsResult::marker,
                      &rds::DescribeDBSnapshotsResult::dbSnapshots);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::DBParameterGroup>> Rds::describeAllDBParameterGroups(rds::DescribeDBParameterGroupsRequest request) {
  using R = rds::DescribeDBParameterGroupsResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::dbParameterGroups);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::Parameter>> Rds::describeAllDBParameters(rds::DescribeDBParametersRequest request) {
  using R = rds::DescribeDBParametersResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::parameters);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::DBSubnetGroup>> Rds::describeAllDBSubnetGroups(rds::DescribeDBSubnetGroupsRequest request) {
  return sendAllPages(std::move(request), ByMarker{}, &rds::DescribeDBSubnetGroupsResult::marker,
                      &rds::DescribeDBSubnetGroupsResult::dbSubnetGroups);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::DBEngineVersion>> Rds::describeAllDBEngineVersions(rds::DescribeDBEngineVersionsRequest request) {
  return sendAllPages(std::move(request), ByMarker{}, &rds::DescribeDBEngineVersionsResult::marker,
                      &rds::DescribeDBEngineVersionsResult::dbEngineVersions);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<rds::OrderableDBInstanceOption>> Rds::describeAllOrderableDBInstanceOptions(
    rds::DescribeOrderableDBInstanceOptionsRequest request) {
  using R = rds::DescribeOrderableDBInstanceOptionsResult;
  return sendAllPages(std::move(request), ByMarker{}, &R::marker, &R::orderableDBInstanceOptions);
}

namespace rds {
namespace detail {
AWSDIRECT_DECL Error notFound(const std::string& identifier) {
  Error e = makeError(ErrorKind::Service, "DBInstanceNotFound", "DBInstance " + identifier + " not found.");
  e.service = "rds";
  e.operation = DescribeDBInstancesRequest::operation;
  return e;
}

// The identifier a waiter polls for, checked before the first poll.
AWSDIRECT_DECL std::optional<Error> invalidIdentifier(const std::string& identifier) {
  Validator v;
  rules::dbInstanceIdentifier(v, identifier);
  if (v.ok()) return std::nullopt;
  return v.error("rds", DescribeDBInstancesRequest::operation);
}
}  // namespace detail
}  // namespace rds

AWSDIRECT_LAZY_DEF
Outcome<rds::DBInstance> Rds::findDBInstance(const std::string& identifier) {
  auto result = send(describeDBInstances().identifier(identifier));
  if (!result) return result.error();
  if (result.value().dbInstances.empty()) return rds::detail::notFound(identifier);
  return std::move(result.value().dbInstances.front());
}

AWSDIRECT_LAZY_DEF
Outcome<rds::DBInstance> Rds::waitUntilAvailable(const std::string& identifier, WaitOptions options) {
  using Polled = Outcome<rds::DescribeDBInstancesResult>;
  if (auto invalid = rds::detail::invalidIdentifier(identifier)) return *invalid;
  auto outcome = waitUntil<rds::DescribeDBInstancesResult>(
      "DBInstanceAvailable", options, kDBInstanceAvailable,
      [&] { return send(describeDBInstances().identifier(identifier)); },
      [](const Polled& polled) {
        if (!polled) return WaitStep{WaitVerdict::Failure, polled.error().code};
        const auto& instances = polled.value().dbInstances;
        bool allAvailable = !instances.empty();
        for (const auto& i : instances) allAvailable = allAvailable && i.dbInstanceStatus == "available";
        if (allAvailable) return WaitStep{WaitVerdict::Success, "available"};
        for (const auto& i : instances)
          for (const char* failed : {"deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters"})
            if (i.dbInstanceStatus == failed) return WaitStep{WaitVerdict::Failure, failed};
        return WaitStep{WaitVerdict::Retry, instances.empty() ? std::string("none") : instances.front().dbInstanceStatus};
      });
  if (!outcome) return outcome.error();
  return std::move(outcome.value().dbInstances.front());
}

AWSDIRECT_LAZY_DEF
Outcome<Gone> Rds::waitUntilDeleted(const std::string& identifier, WaitOptions options) {
  using Polled = Outcome<rds::DescribeDBInstancesResult>;
  if (auto invalid = rds::detail::invalidIdentifier(identifier)) return *invalid;
  return waitUntilGone<rds::DescribeDBInstancesResult>(
      "DBInstanceDeleted", identifier, options, kDBInstanceDeleted,
      [&] { return send(describeDBInstances().identifier(identifier)); },
      [](const Polled& polled) {
        if (!polled) {
          if (polled.error().code == "DBInstanceNotFound") return WaitStep{WaitVerdict::Success, "DBInstanceNotFound"};
          return WaitStep{WaitVerdict::Failure, polled.error().code};
        }
        const auto& instances = polled.value().dbInstances;
        if (instances.empty()) return WaitStep{WaitVerdict::Success, "none"};
        for (const auto& i : instances)
          for (const char* failed : {"creating", "modifying", "rebooting", "resetting-master-credentials"})
            if (i.dbInstanceStatus == failed) return WaitStep{WaitVerdict::Failure, failed};
        return WaitStep{WaitVerdict::Retry, instances.front().dbInstanceStatus};
      });
}

AWSDIRECT_LAZY_DEF
Outcome<Secret> Rds::generateDbAuthToken(const std::string& hostname, int port, const std::string& dbUser,
                                         std::chrono::system_clock::time_point now) {
  try {
    Validator v;
    v.check(!hostname.empty() && hostname.find_first_of("/?#@ ") == std::string::npos, "DBHostname",
            "must be a host name (no scheme, path or spaces)");
    v.check(port >= 1 && port <= 65535, "Port", "must be from 1 to 65535");
    v.check(!dbUser.empty(), "DBUsername", "must not be empty");
    if (!v.ok()) return v.error("rds-db", "connect");
    HttpRequest http;
    http.method = "GET";
    http.host = hostname + ":" + std::to_string(port);
    http.query = "Action=connect&DBUser=";
    uriEncodeAppend(http.query, dbUser);
    SigningParams params;
    params.region = core().config().region;
    params.service = "rds-db";
    params.time = now;
    core().signer().presign(http, core().config().credentials->credentials(), params, std::chrono::seconds(900));
    // The parameters in botocore's order, so that the token is the CLI's to the byte.
    static constexpr const char* kOrder[] = {"Action=", "DBUser=", "X-Amz-Algorithm=", "X-Amz-Credential=",
                                             "X-Amz-Date=", "X-Amz-Expires=", "X-Amz-SignedHeaders=",
                                             "X-Amz-Security-Token=", "X-Amz-Signature="};
    std::vector<std::string> pairs;
    for (std::size_t start = 0, end; start <= http.query.size(); start = end + 1) {
      end = std::min(http.query.find('&', start), http.query.size());
      pairs.push_back(http.query.substr(start, end - start));
    }
    auto rank = [](const std::string& pair) {
      for (std::size_t i = 0; i < std::size(kOrder); ++i)
        if (pair.rfind(kOrder[i], 0) == 0) return i;
      return std::size(kOrder);
    };
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    std::string token = http.host + "/?";
    for (std::size_t i = 0; i < pairs.size(); ++i) token += (i ? "&" : "") + pairs[i];
    return Secret(std::move(token));
  } catch (const Exception& e) {
    return e.error();
  }
}

namespace rds {
namespace detail {

// The snapshot a waiter polls for: DBSnapshotNotFound when RDS has none by that name.
AWSDIRECT_DECL Outcome<rds::DBSnapshot> findSnapshot(Rds& rds, const std::string& identifier) {
  auto found = rds.send(Rds::describeDBSnapshots().dbSnapshotIdentifier(identifier));
  if (!found) return found.error();
  if (found.value().dbSnapshots.empty()) {
    Error e = makeError(ErrorKind::Service, "DBSnapshotNotFound", "DBSnapshot " + identifier + " not found.");
    e.service = "rds";
    e.operation = rds::DescribeDBSnapshotsRequest::operation;
    return e;
  }
  return std::move(found.value().dbSnapshots.front());
}

AWSDIRECT_DECL std::optional<Error> invalidSnapshotIdentifier(const std::string& identifier) {
  Validator v;
  rds::rules::snapshotIdentifier(v, "DBSnapshotIdentifier", identifier);
  if (v.ok()) return std::nullopt;
  return v.error("rds", rds::DescribeDBSnapshotsRequest::operation);
}

inline std::string snapshotStatus(const rds::DBSnapshot& snapshot) { return snapshot.status; }

}  // namespace detail
}  // namespace rds

AWSDIRECT_LAZY_DEF
Outcome<rds::DBSnapshot> Rds::waitUntilSnapshotAvailable(const std::string& snapshotIdentifier, WaitOptions options) {
  if (auto invalid = rds::detail::invalidSnapshotIdentifier(snapshotIdentifier)) return *invalid;
  return waitForState<rds::DBSnapshot>(
      "DBSnapshotAvailable", options, kDBSnapshotAvailable, [&] { return rds::detail::findSnapshot(*this, snapshotIdentifier); },
      StateAcceptors<rds::DBSnapshot>{rds::detail::snapshotStatus, {"available"},
                                      {"deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters"},
                                      {}});
}

AWSDIRECT_LAZY_DEF
Outcome<rds::DBSnapshot> Rds::waitUntilSnapshotCompleted(const std::string& snapshotIdentifier, WaitOptions options) {
  if (auto invalid = rds::detail::invalidSnapshotIdentifier(snapshotIdentifier)) return *invalid;
  return waitUntil<rds::DBSnapshot>(
      "DBSnapshotCompleted", options, kDBSnapshotCompleted, [&] { return rds::detail::findSnapshot(*this, snapshotIdentifier); },
      [](const Outcome<rds::DBSnapshot>& polled) {
        if (!polled) {
          const bool gone = polled.error().code == "DBSnapshotNotFound";
          return WaitStep{gone ? WaitVerdict::Success : WaitVerdict::Failure, polled.error().code};
        }
        const std::string& status = polled.value().status;
        return WaitStep{status == "available" ? WaitVerdict::Success : WaitVerdict::Retry, status};
      });
}

AWSDIRECT_LAZY_DEF
Outcome<Gone> Rds::waitUntilSnapshotDeleted(const std::string& snapshotIdentifier, WaitOptions options) {
  if (auto invalid = rds::detail::invalidSnapshotIdentifier(snapshotIdentifier)) return *invalid;
  return waitUntilGone<rds::DBSnapshot>(
      "DBSnapshotDeleted", snapshotIdentifier, options, kDBSnapshotDeleted, [&] { return rds::detail::findSnapshot(*this, snapshotIdentifier); },
      [](const Outcome<rds::DBSnapshot>& polled) {
        if (!polled) {
          const bool gone = polled.error().code == "DBSnapshotNotFound";
          return WaitStep{gone ? WaitVerdict::Success : WaitVerdict::Failure, polled.error().code};
        }
        const std::string& status = polled.value().status;
        for (const char* failed : {"creating", "modifying", "rebooting", "resetting-master-credentials"})
          if (status == failed) return WaitStep{WaitVerdict::Failure, status};
        return WaitStep{WaitVerdict::Retry, status};
      });
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_RDS_OPERATIONS)

}  // namespace awsdirect
