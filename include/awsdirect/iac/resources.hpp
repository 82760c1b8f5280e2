#pragma once
// The resources of a data-warehouse environment, each of which finds itself in AWS (by name,
// and by the tag awsdirect:environment=NAME), creates itself and waits until it is ready, and
// deletes itself and waits until it is gone. No state file: the truth is what AWS reports.
// stack.hpp puts them together; a resource never adopts or deletes what is not tagged as its
// environment's.
#include <chrono>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../cloudformation.hpp"
#include "../ec2.hpp"
#include "../iam.hpp"
#include "../rds.hpp"
#include "../redshift.hpp"
#include "../s3/client.hpp"
#include "../secrets_manager.hpp"
#include "../waiter.hpp"
#include "blueprint.hpp"

namespace awsdirect {
namespace iac {

enum class ResourceState {
  Missing,   // not there
  Ready,     // there, tagged as this environment's, as the blueprint says
  Busy,      // there and ours, but being created or deleted
  Drifted,   // there and ours, but not as the blueprint says (see drift)
  Conflict,  // a resource of that name that is not this environment's: never adopted or deleted
  Unknown,   // AWS could not be asked (detail says why)
};
AWSDIRECT_DECL const char* stateName(ResourceState state);

// One way a resource differs from its blueprint, as up would change it: "number_of_nodes: 1 -> 2".
// A change AWS cannot make in place replaces the resource: a new one, the old one's data gone.
struct Change {
  std::string setting;  // the environment file's key, or what it is about ("policy ARN", "object KEY")
  std::string from, to;
  bool replaces = false;
  std::string text() const { return setting + ": " + from + " -> " + to; }
};

struct ResourceReport {
  std::string kind;  // "IAM role", "Redshift cluster", ...
  std::string name;
  ResourceState state = ResourceState::Missing;
  std::string detail;            // an ARN, an endpoint, a status
  std::vector<Change> changes;   // what differs from the blueprint (state Drifted)
  bool replaces() const {
    for (const Change& change : changes)
      if (change.replaces) return true;
    return false;
  }
};

// Why up refuses a change that would replace `report`'s resource unless replacing is allowed:
// what would change, and that the data goes.
AWSDIRECT_DECL Error replacementRefused(const ResourceReport& report);

// The clients of one environment, and what resources pass on to those that depend on them.
struct Context {
  AWSDIRECT_DECL Context(const ClientConfig& config, Blueprint blueprint);
  Blueprint blueprint;
  ClientConfig config;
  Iam iam;
  Ec2 ec2;
  Redshift redshift;
  Rds rds;
  S3 s3;
  SecretsManager secrets;
  CloudFormation cloudformation;
  WaitOptions waits;  // paces for the cluster and the database (AWS's by default)
  // Whether up may replace a resource whose change AWS cannot make in place (destroying its
  // data); without it such an up fails before any mutating call.
  bool allowReplace = false;
  // The master passwords the cluster and the database are created with (unless AWS manages them).
  Secret redshiftPassword;
  Secret databasePassword;

  // Set by the role and the group once they exist; read by the cluster and the database.
  AWSDIRECT_DECL void setOutput(const std::string& key, const std::string& value);
  AWSDIRECT_DECL std::string output(const std::string& key) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> outputs_;
};

class Resource {
 public:
  virtual ~Resource() = default;
  virtual const char* kind() const = 0;
  virtual std::string name() const = 0;
  // What is there, with no mutating call.
  virtual ResourceReport inspect() = 0;
  // Creates what is missing, or changes what differs (in place, or by replacing it when the
  // context allows), and waits until ready. Throws the typed Exception of the call that failed.
  virtual ResourceReport create() = 0;
  // Deletes it and waits until it is gone; nothing when missing; never touches a conflict.
  virtual void destroy() = 0;
};



// What the resources' definitions share (resources.ipp, databases.ipp); not for use outside iac.
namespace detail {

// The environment's files (their paths) not yet in its bucket: found by listing, the bucket's own
// permission, so that a policy denying reads does not hide them.
AWSDIRECT_DECL std::vector<std::string> missingUploads(Context& c);
// Puts one of them in the bucket, under its own name, in STANDARD.
AWSDIRECT_DECL void upload(Context& c, const std::string& path);
// Empties the environment's bucket so that it can be deleted: its policy first (one that denies,
// a console user's or one an emulator applies whatever its condition, must not keep the objects
// from going), then every version, delete marker and open upload. No bucket: nothing to do.
AWSDIRECT_DECL Outcome<Empty> emptyForDeletion(Context& c);
// The role, the user, the group and the bucket (databases.hpp's makeResources adds the rest).
AWSDIRECT_DECL std::vector<std::unique_ptr<Resource>> makeAccessResources(Context& context);

// The value of an outcome, or nullopt when AWS says the resource does not exist (`missing`);
// any other error is thrown.
template <class T>
std::optional<T> unlessMissing(Outcome<T> outcome, std::initializer_list<const char*> missing) {
  if (outcome.ok()) return std::move(outcome).value();
  for (const char* code : missing)
    if (outcome.error().code == code) return std::nullopt;
  throwError(outcome.error());
}

AWSDIRECT_DECL ResourceReport report(const Resource& resource, ResourceState state, std::string detail = {});
// A resource of the environment's name without its tag.
AWSDIRECT_DECL ResourceReport conflict(const Resource& resource, const std::string& environment);
// `report` with `changes`: Drifted when there are any.
AWSDIRECT_DECL ResourceReport withChanges(ResourceReport report, std::vector<Change> changes);
// A change AWS cannot make in place, refused unless the context allows replacing.
AWSDIRECT_DECL void allowReplacing(const Context& c, const ResourceReport& now);
AWSDIRECT_DECL std::string yesNo(bool value);
// How a cluster or database is protected, for a report's detail: ", public, encrypted".
AWSDIRECT_DECL std::string protection(bool publiclyAccessible, bool encrypted);

}  // namespace detail

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/resources.ipp"
#endif
