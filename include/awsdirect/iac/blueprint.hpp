#pragma once
// What an environment is made of, as data: its name, region and settings (the environment
// file's keys, with the seed's values by default), the names derived from it, and the rules they
// are checked by before any call. resources.hpp makes and finds the resources it describes.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../rds.hpp"
#include "../redshift/common.hpp"
#include "../result.hpp"

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
  int port = 5439;  // the Redshift port it opens (the database's is postgres.port)
  // Who may reach the cluster and the database: each CIDR opens both ports, and makes both
  // publicly accessible. Empty: private, nothing opened.
  std::vector<std::string> cidrs;
  // false when the CIDRs are not known (status or down by name alone): then neither the rules
  // nor the reachability are compared.
  bool cidrsKnown = true;
};
struct BucketSettings {  // [bucket]
  std::vector<std::string> uploads;  // local files put in the bucket (STANDARD), under their own names
  bool encryption = true;            // default encryption SSE-S3 (AES256), set and shown
  bool requireTls = true;            // require_tls: a bucket policy denies requests without TLS
  static std::string keyOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }
  bool versioning = false;           // false on a versioned bucket: suspended (versions are kept until down)
};
struct RedshiftSettings {  // [redshift]
  std::string nodeType = "dc2.large";
  int numberOfNodes = 1;
  std::string database = "dev";
  std::string masterUsername = "awsuser";
  int port = 5439;
  bool encrypted = true;  // changed in place (ModifyCluster Encrypted)
  // master_password = "aws-managed": AWS makes the password and keeps it in Secrets Manager
  // (ManageMasterPassword); no password leaves AWS and none is written locally.
  bool managedPassword = false;
  // require_ssl in the environment's parameter group (NAME-redshift-params, deleted with the
  // cluster): connections without TLS are refused. A change reboots the cluster (a static parameter).
  bool requireTls = true;
};
struct PostgresSettings {  // [postgres]
  std::string instanceClass = "db.t2.small";
  std::string engineVersion;  // empty: RDS's default for the engine
  int allocatedStorage = 20;  // GiB
  int backupRetentionDays = 1;
  int port = 5432;
  bool storageEncrypted = true;  // storage_encrypted: RDS cannot change it in place (a replacement)
  bool managedPassword = false;  // master_password = "aws-managed" (ManageMasterUserPassword)
  // rds.force_ssl: PostgreSQL 15 and later force TLS by default; with engine_version given, the
  // environment's parameter group (NAME-postgresMAJOR, deleted with the database) sets it either way.
  bool requireTls = true;
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
  std::string clusterParameterGroupName() const { return name + "-redshift-params"; }
  // The DB parameter group's family follows the engine's major version: none without engine_version.
  std::string databaseParameterGroupFamily() const {
    return postgres.engineVersion.empty() ? "" : "postgres" + postgres.engineVersion.substr(0, postgres.engineVersion.find('.'));
  }
  std::string databaseParameterGroupName() const { return name + "-" + databaseParameterGroupFamily(); }
  // Reachability follows the intent: CIDRs given, the cluster and the database are publicly
  // accessible (and their ports open to exactly those CIDRs); none, both are private.
  bool publiclyAccessible() const { return !securityGroup.cidrs.empty(); }
  // The tags every resource that takes tags carries.
  AWSDIRECT_DECL std::vector<Tag> tags() const;
};

// A managed policy's ARN from its name ("AmazonS3ReadOnlyAccess"); an ARN is returned as it is.
AWSDIRECT_DECL std::string managedPolicyArn(const std::string& nameOrArn);

// Checks a blueprint before any call: the name, each CIDR (0.0.0.0/0 only with openToInternet),
// the TTL, every setting by the services' rules, and that every file to upload can be read. A
// ValidationError names each field (by its environment-file key) and the rule.
AWSDIRECT_DECL void validateBlueprint(const Blueprint& blueprint, bool openToInternet);

// Whether `tags` mark a resource as environment `name`'s.
AWSDIRECT_DECL bool taggedAs(const std::vector<Tag>& tags, const std::string& name);
AWSDIRECT_DECL std::string tagValue(const std::vector<Tag>& tags, const std::string& key);

// The bucket policy statement that denies every request to `bucket` made without TLS
// (aws:SecureTransport false), as AWS's S3 security guidance writes it. Its Sid is
// "DenyInsecureTransport".
AWSDIRECT_DECL std::string tlsOnlyBucketPolicy(const std::string& bucket);
// Whether a bucket policy document has such a statement.
AWSDIRECT_DECL bool deniesInsecureTransport(const std::string& policy);

// Whether dotted version `a` is older than `b` ("13.7" < "13.10" < "14").
AWSDIRECT_DECL bool olderVersion(const std::string& a, const std::string& b);

// Whether RDS offers the PostgreSQL instance class with the engine version (RDS's default one when
// none is set), as DescribeOrderableDBInstanceOptions answers: on AWS db.t2.small is offered only
// with older versions. When they do not fit, what to change: the versions the class takes. Nothing
// when they fit, or when the account offers nothing at all (an emulator), or cannot be asked.
AWSDIRECT_DECL std::optional<std::string> orderableProblem(Rds& rds, const PostgresSettings& postgres);

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/blueprint.ipp"
#endif
