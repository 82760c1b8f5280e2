#pragma once
// The resources of a data-warehouse environment, each of which finds itself in AWS (by name,
// and by the tag awsdirect:environment=NAME), creates itself and waits until it is ready, and
// deletes itself and waits until it is gone. No state file: the truth is what AWS reports.
// stack.hpp puts them together; a resource never adopts or deletes what is not tagged as its
// environment's.
#include <chrono>
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

namespace awsdirect {
namespace iac {

inline constexpr const char* kEnvironmentTag = "awsdirect:environment";
inline constexpr const char* kCreatedTag = "awsdirect:created";  // RFC 3339
inline constexpr const char* kTtlTag = "awsdirect:ttl";          // seconds; absent: no TTL
inline constexpr const char* kRegionTag = "awsdirect:region";    // where the environment is (IAM is global)

// The settings of each resource, at the seed's values by default. The environment file's keys
// are in the comments (hands_on_aws init prints them); policies are managed policy ARNs.
struct RoleSettings {  // [role]
  std::vector<std::string> policies{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"};
};
struct UserSettings {  // [user]
  std::vector<std::string> policies{"arn:aws:iam::aws:policy/AmazonRedshiftFullAccess",
                                    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"};
  bool accessKey = true;  // access_key: one key, saved as a profile; false: none (up deletes any)
};
struct SecurityGroupSettings {  // [security_group]
  int port = 5439;
  std::vector<std::string> cidrs;  // who may reach the port; up needs at least one
};
struct BucketSettings {  // [bucket]
  std::vector<std::string> uploads;  // local files put in the bucket (STANDARD), under their own names
  bool versioning = false;           // false on a versioned bucket: suspended (versions are kept until down)
};
struct RedshiftSettings {  // [redshift]
  std::string nodeType = "dc2.large";
  int numberOfNodes = 1;
  std::string database = "dev";
  std::string masterUsername = "awsuser";
  int port = 5439;
  // master_password = "aws-managed": AWS makes the password and keeps it in Secrets Manager
  // (ManageMasterPassword); no password leaves AWS and none is written locally.
  bool managedPassword = false;
};
struct PostgresSettings {  // [postgres]
  std::string instanceClass = "db.t2.small";
  std::string engineVersion;  // empty: RDS's default for the engine
  int allocatedStorage = 20;  // GiB
  int backupRetentionDays = 1;
  bool managedPassword = false;  // master_password = "aws-managed" (ManageMasterUserPassword)
};

// What an environment is made of: the names derive from its name, the rest are its settings.
struct Blueprint {
  std::string name;       // lowercase letters, digits and hyphens, starting with a letter
  std::string region;     // where the bucket, the group, the cluster and the database are
  std::string accountId;  // makes the bucket's name globally unique
  std::optional<std::chrono::seconds> ttl;
  std::chrono::system_clock::time_point created = std::chrono::system_clock::now();
  RoleSettings role;
  UserSettings user;
  SecurityGroupSettings securityGroup;
  BucketSettings bucket;
  RedshiftSettings redshift;
  PostgresSettings postgres;

  std::string roleName() const { return name + "-redshift-role"; }
  std::string userName() const { return name + "-airflow"; }
  std::string userProfile() const { return name + "-airflow"; }  // where the user's access key is saved
  std::string groupName() const { return name + "-redshift-sg"; }
  std::string bucketName() const { return name + "-" + accountId + "-data"; }
  std::string clusterIdentifier() const { return name + "-redshift"; }
  std::string databaseIdentifier() const { return name + "-postgres"; }
  // The tags every resource that takes tags carries.
  AWSDIRECT_DECL std::vector<Tag> tags() const;
};

// A managed policy's ARN from its name ("AmazonS3ReadOnlyAccess"); an ARN is returned as it is.
AWSDIRECT_DECL std::string managedPolicyArn(const std::string& nameOrArn);

// Checks a blueprint before any call: the name, each CIDR, the TTL, every setting by the
// services' rules, and that every file to upload can be read. A ValidationError names each field
// (by its environment-file key) and the rule. `cidrRequired` false lets no CIDR pass (plan,
// status, down).
AWSDIRECT_DECL void validateBlueprint(const Blueprint& blueprint, bool openToInternet, bool cidrRequired = true);

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

// Whether RDS offers the PostgreSQL instance class with the engine version (RDS's default one when
// none is set), as DescribeOrderableDBInstanceOptions answers: on AWS db.t2.small is offered only
// with older versions. When they do not fit, what to change: the versions the class takes. Nothing
// when they fit, or when the account offers nothing at all (an emulator), or cannot be asked.
AWSDIRECT_DECL std::optional<std::string> orderableProblem(Rds& rds, const PostgresSettings& postgres);

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

// The six resources of the environment, in the order they are listed.
AWSDIRECT_DECL std::vector<std::unique_ptr<Resource>> makeResources(Context& context);

// Whether `tags` mark a resource as environment `name`'s.
AWSDIRECT_DECL bool taggedAs(const std::vector<Tag>& tags, const std::string& name);
AWSDIRECT_DECL std::string tagValue(const std::vector<Tag>& tags, const std::string& key);

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/resources.ipp"
#endif
