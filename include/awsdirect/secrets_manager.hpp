#pragma once
// AWS Secrets Manager (API version 2017-10-17, JSON protocol): secrets created, read, given a new
// value, described, listed, tagged, rotated and deleted.
//
// A secret's value is a Secret wherever it is held (secret.hpp): it is never printed, logged,
// put in an error, or written to a fixture (the recorder redacts SecretString and SecretBinary).
//
//   SecretsManager secrets;
//   auto created = secrets.send(SecretsManager::createSecret().name("prod/db").secretString(password)).value();
//   Secret value = *secrets.send(SecretsManager::getSecretValue().secretId("prod/db")).value().secretString;
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "detail/build_mode.hpp"
#include "json_client.hpp"
#include "result.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class SecretsManager;

namespace secretsmanager {

using TimePoint = std::chrono::system_clock::time_point;

// ---- Results -----------------------------------------------------------------------------------

// Which secret, and which version of it, a call made (CreateSecret, RotateSecret).
struct SecretVersionRef {
  std::string arn;
  std::string name;
  std::string versionId;
  AWSDIRECT_FIELDS(SecretVersionRef, field("ARN", &Self::arn), field("Name", &Self::name),
                   field("VersionId", &Self::versionId));
};

// PutSecretValue: the new version and its stages ("AWSCURRENT", ...).
struct PutSecretValueResult : SecretVersionRef {
  std::vector<std::string> versionStages;
  template <class Self = PutSecretValueResult>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(SecretVersionRef::fields<Self>(), field("VersionStages", &Self::versionStages));
  }
};

// DeleteSecret: which secret, and when it will be gone.
struct DeletedSecret {
  std::string arn;
  std::string name;
  std::optional<TimePoint> deletionDate;
  AWSDIRECT_FIELDS(DeletedSecret, field("ARN", &Self::arn), field("Name", &Self::name),
                   field("DeletionDate", &Self::deletionDate));
};

// GetSecretValue: the value of one version, text or bytes.
struct SecretValue {
  std::string arn;
  std::string name;
  std::string versionId;
  std::optional<Secret> secretString;
  std::optional<Secret> secretBinary;  // the bytes (base64 on the wire)
  std::vector<std::string> versionStages;
  std::optional<TimePoint> createdDate;
  AWSDIRECT_FIELDS(SecretValue, field("ARN", &Self::arn), field("Name", &Self::name),
                   field("VersionId", &Self::versionId), field("SecretString", &Self::secretString),
                   base64Field("SecretBinary", &Self::secretBinary), field("VersionStages", &Self::versionStages),
                   field("CreatedDate", &Self::createdDate));
};

// When a secret rotates: every N days, or on a schedule, within a window.
struct RotationRules {
  std::optional<std::int64_t> automaticallyAfterDays;  // 1 to 1000
  std::optional<std::string> duration;                 // the window: "2h" to "24h"
  std::optional<std::string> scheduleExpression;       // "rate(10 days)", "cron(0 16 1,15 * ? *)"
  AWSDIRECT_FIELDS(RotationRules, field("AutomaticallyAfterDays", &Self::automaticallyAfterDays),
                   field("Duration", &Self::duration), field("ScheduleExpression", &Self::scheduleExpression));
};

// What DescribeSecret says of a secret, and ListSecrets of each: never its value.
struct SecretDescription {
  std::string arn;
  std::string name;
  std::string description;
  std::string kmsKeyId;
  bool rotationEnabled = false;
  std::string rotationLambdaArn;
  std::optional<RotationRules> rotationRules;
  std::optional<TimePoint> lastRotatedDate, lastChangedDate, lastAccessedDate, deletedDate, nextRotationDate,
      createdDate;
  std::vector<Tag> tags;
  std::map<std::string, std::vector<std::string>> versionIdsToStages;  // version id -> its stages
  std::string owningService;  // "rds" for a database's AWS-managed master password
  std::string primaryRegion;

  // The fields DescribeSecret and ListSecrets name alike.
  template <class S>
  static constexpr auto sharedFields() {
    return fieldList(field("ARN", &S::arn), field("Name", &S::name), field("Description", &S::description),
                     field("KmsKeyId", &S::kmsKeyId), field("RotationEnabled", &S::rotationEnabled),
                     field("RotationLambdaARN", &S::rotationLambdaArn), field("RotationRules", &S::rotationRules),
                     field("LastRotatedDate", &S::lastRotatedDate), field("LastChangedDate", &S::lastChangedDate),
                     field("LastAccessedDate", &S::lastAccessedDate), field("DeletedDate", &S::deletedDate),
                     field("NextRotationDate", &S::nextRotationDate), field("Tags", &S::tags),
                     field("OwningService", &S::owningService), field("CreatedDate", &S::createdDate),
                     field("PrimaryRegion", &S::primaryRegion));
  }
  template <class Self = SecretDescription>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(sharedFields<Self>(), field("VersionIdsToStages", &Self::versionIdsToStages));
  }
};

// A secret as ListSecrets lists it: the same, its versions' map named otherwise.
struct SecretListEntry : SecretDescription {
  template <class Self = SecretListEntry>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(sharedFields<Self>(), field("SecretVersionsToStages", &Self::versionIdsToStages));
  }
};

struct ListSecretsResult {
  std::vector<SecretListEntry> secretList;
  std::string nextToken;
  AWSDIRECT_FIELDS(ListSecretsResult, field("SecretList", &Self::secretList), field("NextToken", &Self::nextToken));
};

// A ListSecrets filter: {"name", {"prod/"}} (Key: description, name, tag-key, tag-value,
// primary-region, owning-service, all; a value may start with "!" to exclude).
struct SecretsFilter {
  std::string key;
  std::vector<std::string> values;
  AWSDIRECT_FIELDS(SecretsFilter, field("Key", &Self::key), field("Values", &Self::values));
};

// ---- Members -----------------------------------------------------------------------------------

// The service's rules for what the declarations cannot say; checked before any call.
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<RotationRules>& rules);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<SecretsFilter>& filters);

namespace members {
using namespace declare;
AWSDIRECT_MEMBER(Name, name, std::string, length(1, 512));
AWSDIRECT_MEMBER(SecretId, secretId, std::string, length(1, 2048));
AWSDIRECT_MEMBER(ClientRequestToken, clientRequestToken, std::string, length(32, 64), idempotencyToken);
AWSDIRECT_MEMBER(Description, description, std::string, length(0, 2048));
AWSDIRECT_MEMBER(KmsKeyId, kmsKeyId, std::string, length(0, 2048));
AWSDIRECT_MEMBER(SecretString, secretString, Secret, length(1, 65536));
AWSDIRECT_MEMBER(SecretBinary, secretBinary, Secret, length(1, 65536), blob);
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, unchecked);
AWSDIRECT_FLAG(ForceOverwriteReplicaSecret, forceOverwriteReplicaSecret, unchecked);
AWSDIRECT_MEMBER(VersionId, versionId, std::string, length(32, 64));
AWSDIRECT_MEMBER(VersionStage, versionStage, std::string, length(1, 256));
AWSDIRECT_MEMBER(VersionStages, versionStages, std::vector<std::string>, count(1, 20));
AWSDIRECT_MEMBER(RotationToken, rotationToken, std::string, length(36, 256));
AWSDIRECT_FLAG(IncludePlannedDeletion, includePlannedDeletion, unchecked);
AWSDIRECT_MEMBER(MaxResults, maxResults, int, range(1, 100));
AWSDIRECT_MEMBER(NextToken, nextToken, std::string, length(1, 4096));
AWSDIRECT_MEMBER(Filters, filters, std::vector<SecretsFilter>, count(0, 10));
static constexpr const char* kSortOrders[] = {"asc", "desc"};
AWSDIRECT_MEMBER(SortOrder, sortOrder, std::string, oneOf(kSortOrders));
static constexpr const char* kSortBy[] = {"created-date", "last-accessed-date", "last-changed-date", "name"};
AWSDIRECT_MEMBER(SortBy, sortBy, std::string, oneOf(kSortBy));
// 7 to 30 days (the API's documented range; the model says only "long").
AWSDIRECT_MEMBER(RecoveryWindowInDays, recoveryWindowInDays, std::int64_t, range(7, 30));
AWSDIRECT_FLAG(ForceDeleteWithoutRecovery, forceDeleteWithoutRecovery, unchecked);
AWSDIRECT_MEMBER(RotationLambdaArn, rotationLambdaArn, std::string, apiName("RotationLambdaARN"), length(0, 2048));
AWSDIRECT_MEMBER(RotationRulesMember, rotationRules, RotationRules, apiName("RotationRules"));
AWSDIRECT_FLAG(RotateImmediately, rotateImmediately, unchecked);
}  // namespace members

// ---- Requests ----------------------------------------------------------------------------------

// CreateSecret: a secret with its first value (text or bytes, not both), or none yet.
class CreateSecretRequest
    : public Request<CreateSecretRequest, SecretsManager, SecretVersionRef, Required<members::Name>,
                     members::ClientRequestToken, members::Description, members::KmsKeyId, members::SecretBinary,
                     members::SecretString, members::Tags, members::ForceOverwriteReplicaSecret> {
 public:
  static constexpr const char* operation = "CreateSecret";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
};

class GetSecretValueRequest : public Request<GetSecretValueRequest, SecretsManager, SecretValue,
                                             Required<members::SecretId>, members::VersionId, members::VersionStage> {
 public:
  static constexpr const char* operation = "GetSecretValue";
};

// PutSecretValue: a new version, text or bytes (one of them), labelled AWSCURRENT unless stages are given.
class PutSecretValueRequest
    : public Request<PutSecretValueRequest, SecretsManager, PutSecretValueResult, Required<members::SecretId>,
                     members::ClientRequestToken, members::SecretBinary, members::SecretString, members::VersionStages,
                     members::RotationToken> {
 public:
  static constexpr const char* operation = "PutSecretValue";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
};

class DescribeSecretRequest
    : public Request<DescribeSecretRequest, SecretsManager, SecretDescription, Required<members::SecretId>> {
 public:
  static constexpr const char* operation = "DescribeSecret";
};

class ListSecretsRequest
    : public Request<ListSecretsRequest, SecretsManager, ListSecretsResult, members::IncludePlannedDeletion,
                     members::MaxResults, members::NextToken, members::Filters, members::SortOrder, members::SortBy> {
 public:
  static constexpr const char* operation = "ListSecrets";
};

// DeleteSecret: after a recovery window (7 to 30 days; 30 unless given), or at once with
// forceDeleteWithoutRecovery(); not both.
class DeleteSecretRequest
    : public Request<DeleteSecretRequest, SecretsManager, DeletedSecret, Required<members::SecretId>,
                     members::RecoveryWindowInDays, members::ForceDeleteWithoutRecovery> {
 public:
  static constexpr const char* operation = "DeleteSecret";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
};

class TagResourceRequest
    : public Request<TagResourceRequest, SecretsManager, Empty, Required<members::SecretId>, Required<members::Tags>> {
 public:
  static constexpr const char* operation = "TagResource";
};

class RotateSecretRequest
    : public Request<RotateSecretRequest, SecretsManager, SecretVersionRef, Required<members::SecretId>,
                     members::ClientRequestToken, members::RotationLambdaArn, members::RotationRulesMember,
                     members::RotateImmediately> {
 public:
  static constexpr const char* operation = "RotateSecret";
};

}  // namespace secretsmanager

// ---- The client -------------------------------------------------------------------------------

class SecretsManager : public JsonService<SecretsManager> {
 public:
  static ServiceInfo serviceInfo() { return {"Secrets Manager", "secretsmanager", "secretsmanager", "2017-10-17", false}; }
  static JsonProtocol protocol() { return {"secretsmanager", "1.1"}; }

  explicit SecretsManager(const ClientConfig& config = ClientConfig()) : JsonService(serviceInfo(), config, protocol()) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_SECRETS_MANAGER_OPERATIONS(X)            \
  X(createSecret, secretsmanager::CreateSecretRequest)     \
  X(getSecretValue, secretsmanager::GetSecretValueRequest) \
  X(putSecretValue, secretsmanager::PutSecretValueRequest) \
  X(describeSecret, secretsmanager::DescribeSecretRequest) \
  X(listSecrets, secretsmanager::ListSecretsRequest)       \
  X(deleteSecret, secretsmanager::DeleteSecretRequest)     \
  X(tagResource, secretsmanager::TagResourceRequest)       \
  X(rotateSecret, secretsmanager::RotateSecretRequest)
  AWSDIRECT_SECRETS_MANAGER_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every secret the request selects, following NextToken from page to page (botocore's paginator).
  AWSDIRECT_LAZY_DECL Outcome<std::vector<secretsmanager::SecretListEntry>> listAllSecrets(
      secretsmanager::ListSecretsRequest request = {});
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_SECRETS_MANAGER_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/secrets_manager.ipp"
#endif
