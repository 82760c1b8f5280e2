// Definitions of <awsdirect/iac/stack.hpp>.
#include <charconv>
#include <future>
#include <map>
#include <mutex>

#include "../../time.hpp"

namespace awsdirect {
namespace iac {

Stack::Stack(const ClientConfig& config, Blueprint blueprint)
    : context_(config, std::move(blueprint)), resources_(makeResources(context_)) {}

std::vector<ResourceReport> Stack::inspect() {
  std::vector<ResourceReport> reports;
  for (auto& resource : resources_) {
    try {
      reports.push_back(resource->inspect());
    } catch (const Exception& e) {
      reports.push_back({resource->kind(), resource->name(), ResourceState::Unknown, e.error().describe(), {}});
    }
  }
  return reports;
}

namespace detail {

// Runs `step` on the resources of one level at once; what fails is recorded, not thrown.
class StackRun {
 public:
  StackRun(const StackProgress& progress, StackResult& result) : progress_(progress), result_(result) {}

  void tell(const ResourceReport& report, const std::string& step) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (progress_)
      progress_(report, step, std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_));
  }

  void fail(Resource& resource, Error error) {
    ResourceReport report{resource.kind(), resource.name(), ResourceState::Missing, error.describe(), {}};
    tell(report, "failed");
    std::lock_guard<std::mutex> lock(mutex_);
    result_.failures.push_back({resource.kind(), resource.name(), std::move(error)});
  }

  void skip(Resource& resource, const std::string& because) {
    ResourceReport report{resource.kind(), resource.name(), ResourceState::Missing, because, {}};
    tell(report, "skipped");
    std::lock_guard<std::mutex> lock(mutex_);
    result_.failures.push_back(
        {resource.kind(), resource.name(), makeError(ErrorKind::Configuration, "Skipped", because)});
  }

  // Runs `step` on each resource of `level` at once; true for those that succeeded.
  std::vector<bool> level(const std::vector<Resource*>& level, const std::function<void(Resource&)>& step) {
    std::vector<std::future<bool>> running;
    for (Resource* resource : level)
      running.push_back(std::async(std::launch::async, [this, resource, &step] {
        try {
          step(*resource);
          return true;
        } catch (const Exception& e) {
          fail(*resource, e.error());
        } catch (const std::exception& e) {
          fail(*resource, makeError(ErrorKind::Configuration, "Failed", e.what()));
        }
        return false;
      }));
    std::vector<bool> succeeded;
    for (auto& future : running) succeeded.push_back(future.get());
    return succeeded;
  }

 private:
  using Clock = std::chrono::steady_clock;
  const StackProgress& progress_;
  StackResult& result_;
  std::mutex mutex_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace detail

void validatePasswords(const Blueprint& blueprint, const Secret& redshiftPassword, const Secret& postgresPassword) {
  Validator v;
  if (!blueprint.redshift.managedPassword)
    redshift::rules::masterUserPassword(v, "redshift.master_password", redshiftPassword.reveal());
  if (!blueprint.postgres.managedPassword) {
    Validator postgres;
    rds::rules::masterUserPassword(postgres, "postgres", postgresPassword.reveal());
    for (const auto& problem : postgres.problems()) v.fail("postgres.master_password", problem.rule);
  }
  if (!v.ok()) throwError(v.error("awsdirect", "Environment"));
}

// makeResources' order: role, user, group, bucket, cluster, database.
StackResult Stack::up(const StackProgress& progress) {
  validatePasswords(context_.blueprint, context_.redshiftPassword, context_.databasePassword);
  StackResult result;
  std::vector<ResourceReport> before = inspect();
  bool allReady = true;
  for (const auto& report : before) allReady &= report.state == ResourceState::Ready;
  // A replacement not allowed stops up before any mutating call: plan said what it would destroy.
  for (const auto& report : before)
    if (report.replaces() && !context_.allowReplace)
      result.failures.push_back({report.kind, report.name, replacementRefused(report)});
  if (allReady || !result.failures.empty()) {
    result.resources = std::move(before);
    return result;
  }
  result.changed = true;
  detail::StackRun run(progress, result);
  auto create = [&](Resource& resource) {
    ResourceReport now = resource.inspect();
    if (now.state == ResourceState::Conflict) {
      run.tell(now, "conflict");
      throwError(makeError(ErrorKind::Configuration, "Conflict", resource.kind() + std::string(" ") + resource.name() +
                                                                    " " + now.detail));
    }
    if (now.state == ResourceState::Ready) {
      run.tell(now, "ready");
      return;
    }
    run.tell(now, now.state == ResourceState::Missing ? "creating"
                  : now.replaces()                      ? "replacing"
                  : now.state == ResourceState::Drifted ? "changing"
                                                        : "waiting");
    ResourceReport after = resource.create();
    run.tell(after, stateName(after.state));
    if (after.state != ResourceState::Ready)
      throwError(makeError(ErrorKind::Configuration, "NotReady",
                           resource.kind() + std::string(" ") + resource.name() + " is " + stateName(after.state)));
  };
  Resource& role = *resources_[0];
  Resource& group = *resources_[2];
  std::vector<bool> first = run.level({resources_[0].get(), resources_[1].get(), resources_[2].get(), resources_[3].get()}, create);
  std::vector<Resource*> second;
  if (first[0] && first[2]) second.push_back(resources_[4].get());
  else run.skip(*resources_[4], "needs " + std::string(first[0] ? group.kind() : role.kind()) + " " +
                                     (first[0] ? group.name() : role.name()));
  if (first[2]) second.push_back(resources_[5].get());
  else run.skip(*resources_[5], "needs " + std::string(group.kind()) + " " + group.name());
  run.level(second, create);
  result.resources = inspect();
  return result;
}

StackResult Stack::down(const StackProgress& progress) {
  StackResult result;
  detail::StackRun run(progress, result);
  std::vector<ResourceReport> before = inspect();
  for (const auto& report : before) result.changed |= report.state != ResourceState::Missing &&
                                                      report.state != ResourceState::Conflict;
  auto destroy = [&](Resource& resource) {
    ResourceReport now = resource.inspect();
    if (now.state == ResourceState::Missing) return;
    if (now.state == ResourceState::Conflict) {
      run.tell(now, "left alone");
      return;
    }
    run.tell(now, "deleting");
    resource.destroy();
    run.tell(ResourceReport{resource.kind(), resource.name(), ResourceState::Missing, {}, {}}, "gone");
  };
  // The cluster, the database, the user and the bucket at once; the role and the group once
  // the cluster and the database (which use them) are gone.
  std::vector<bool> first = run.level({resources_[4].get(), resources_[5].get(), resources_[1].get(), resources_[3].get()},
                                      destroy);
  std::vector<Resource*> second;
  if (first[0]) second.push_back(resources_[0].get());
  else run.skip(*resources_[0], "the Redshift cluster that uses it is still there");
  if (first[0] && first[1]) second.push_back(resources_[2].get());
  else run.skip(*resources_[2], "a cluster or database that uses it is still there");
  run.level(second, destroy);
  if (first[0] && first[1]) {
    try {
      deleteParameterGroups(context_);
    } catch (const Exception& error) {
      result.failures.push_back({"Redshift and RDS parameter groups", context_.blueprint.clusterParameterGroupName(), error.error()});
    }
  }

  // Service by service: nothing of the environment may be left.
  result.resources = inspect();
  for (std::size_t i = 0; i < result.resources.size(); ++i) {
    const ResourceReport& left = result.resources[i];
    if (left.state == ResourceState::Missing || left.state == ResourceState::Conflict) continue;
    // Unknown: its deletion failed (reported) or its service cannot be asked now.
    bool reported = false;
    for (const auto& failure : result.failures) reported |= failure.name == left.name;
    if (!reported)
      result.failures.push_back({left.kind, left.name, makeError(ErrorKind::Configuration, "Left",
                                                                 "is still there (" + std::string(stateName(left.state)) + ")")});
  }
  return result;
}

std::vector<EnvironmentListing> listEnvironments(const ClientConfig& base, const std::string& region,
                                                 const std::string& accountId) {
  const ClientConfig config = ClientConfig(base).withRegion(region);
  std::map<std::string, EnvironmentListing> found;
  auto note = [&](const std::vector<Tag>& tags, const std::string& what) {
    const std::string name = tagValue(tags, kEnvironmentTag);
    if (name.empty()) return;
    EnvironmentListing& listing = found[name];
    listing.name = name;
    listing.resources.push_back(what);
    if (auto created = parseIso8601(tagValue(tags, kCreatedTag)); created && (!listing.created || *created < *listing.created))
      listing.created = created;
    const std::string ttl = tagValue(tags, kTtlTag);
    long long seconds = 0;
    auto parsed = std::from_chars(ttl.data(), ttl.data() + ttl.size(), seconds);
    if (!ttl.empty() && parsed.ec == std::errc() && parsed.ptr == ttl.data() + ttl.size())
      listing.ttl = std::chrono::seconds(seconds);
  };
  Ec2 ec2(config);
  for (const auto& group : ec2.describeAllSecurityGroups(Ec2::describeSecurityGroups().filter("tag-key", {kEnvironmentTag})).value())
    note(group.tags, "security group " + group.groupName);
  Redshift redshift(config);
  for (const auto& cluster : redshift.describeAllClusters().value())
    note(cluster.tags, "Redshift cluster " + cluster.clusterIdentifier);
  Rds rds(config);
  for (const auto& instance : rds.describeAllDBInstances().value())
    note(instance.tags, "RDS database " + instance.dbInstanceIdentifier);
  S3 s3(config);
  const std::string suffix = "-" + accountId + "-data";
  for (const auto& bucket : s3.listAllBuckets().value()) {
    if (bucket.name.size() <= suffix.size() || bucket.name.compare(bucket.name.size() - suffix.size(), suffix.size(), suffix))
      continue;
    auto tags = s3.send(S3::getBucketTagging().bucket(bucket.name));
    if (tags.ok()) note(tags.value(), "S3 bucket " + bucket.name);
  }
  // IAM is global: roles and users of the environments' naming, found by their tags (ListRoles
  // and ListUsers carry none), so that an environment whose only leftover is one is still seen.
  // One made for another region is not this region's to list or reap.
  Iam iam(config);
  auto noteIdentity = [&](const Outcome<std::vector<Tag>>& tags, const std::string& what) {
    if (!tags.ok()) return;
    const std::string home = tagValue(tags.value(), kRegionTag);
    if (home.empty() || home == region) note(tags.value(), what);
  };
  auto endsWith = [](const std::string& text, const std::string& end) {
    return text.size() > end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
  };
  for (const auto& role : iam.listAll(Iam::listRoles()).value())
    if (endsWith(role.roleName, "-redshift-role"))
      noteIdentity(iam.listAll(Iam::listRoleTags().roleName(role.roleName)), "IAM role " + role.roleName);
  for (const auto& user : iam.listAll(Iam::listUsers()).value())
    if (endsWith(user.userName, "-airflow"))
      noteIdentity(iam.listAll(Iam::listUserTags().userName(user.userName)), "IAM user " + user.userName);
  std::vector<EnvironmentListing> listings;
  for (auto& [name, listing] : found) listings.push_back(std::move(listing));
  return listings;
}

}  // namespace iac
}  // namespace awsdirect
