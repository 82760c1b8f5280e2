#pragma once
// A whole environment as one thing: plan, up, status and down, idempotent and safe after any
// failure, and the environments an account holds (list, reap). Independent resources are
// created, waited on and deleted at once; the cluster and the database wait for the role and
// the group, and the group and the role are deleted only once the cluster and the database are
// gone (no DependencyViolation loop).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../error.hpp"
#include "databases.hpp"
#include "resources.hpp"

namespace awsdirect {
namespace iac {

// Told of every step, from the threads doing them, one call at a time: "creating", "ready",
// "deleting", "gone", "failed", "skipped".
using StackProgress =
    std::function<void(const ResourceReport& resource, const std::string& step, std::chrono::milliseconds elapsed)>;

struct StackFailure {
  std::string kind, name;
  Error error;
};

struct StackResult {
  std::vector<ResourceReport> resources;  // each resource as it is at the end, in makeResources' order
  std::vector<StackFailure> failures;     // what failed, and what was skipped because of it
  bool changed = false;                   // whether any mutating call was made
  std::vector<std::string> notes;         // what the user should know that is not a failure
  bool ok() const { return failures.empty(); }
};

class Stack {
 public:
  AWSDIRECT_DECL Stack(const ClientConfig& config, Blueprint blueprint);

  Context& context() { return context_; }

  // Each resource as AWS reports it; no mutating call. A resource whose service cannot be asked
  // is Unknown, with the error in its detail.
  AWSDIRECT_DECL std::vector<ResourceReport> inspect();
  // Creates what is missing, repairs what drifted, adopts what exists with the environment's
  // tag, and leaves conflicts alone (they are failures). Makes no mutating call when everything
  // is ready.
  AWSDIRECT_DECL StackResult up(const StackProgress& progress = {});
  // Deletes everything of the environment (clusters and databases without a final snapshot,
  // buckets emptied first), then inspects every resource again: anything left is a failure.
  AWSDIRECT_DECL StackResult down(const StackProgress& progress = {});

 private:
  Context context_;
  std::vector<std::unique_ptr<Resource>> resources_;
};

// The master passwords, by Redshift's and RDS's rules (unless the blueprint has AWS manage them):
// a ValidationError naming redshift.master_password or postgres.master_password, never repeating
// a password. Stack::up checks the context's first, before any call.
AWSDIRECT_DECL void validatePasswords(const Blueprint& blueprint, const Secret& redshiftPassword,
                                      const Secret& postgresPassword);

// An environment found in an account by its tags.
struct EnvironmentListing {
  std::string name;
  std::optional<std::chrono::system_clock::time_point> created;
  std::optional<std::chrono::seconds> ttl;
  std::vector<std::string> resources;  // "Redshift cluster NAME-redshift", ...

  bool expired(std::chrono::system_clock::time_point now) const { return created && ttl && *created + *ttl <= now; }
};

// Every environment with a resource tagged awsdirect:environment in `region`: security groups,
// Redshift clusters and RDS instances by their tags; buckets, IAM roles and IAM users of the
// environments' naming by theirs (roles and users made for another region are left out).
AWSDIRECT_DECL std::vector<EnvironmentListing> listEnvironments(const ClientConfig& config, const std::string& region,
                                                                const std::string& accountId);

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/stack.ipp"
#endif
