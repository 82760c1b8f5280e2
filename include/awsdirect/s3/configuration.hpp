#pragma once
// A bucket's configuration: its region, lifecycle rules, policy, default encryption, object
// ownership, and the removal of its public access block. Each configuration is one structure,
// declared once (fields()) and both written to S3 and read back from it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../request.hpp"
#include "../rest_xml.hpp"
#include "../result.hpp"
#include "common.hpp"

namespace awsdirect {
namespace s3 {

// ---- Lifecycle ---------------------------------------------------------------------------------

using Time = std::chrono::system_clock::time_point;

// Every condition of a rule's filter at once.
struct LifecycleRuleAndOperator {
  std::optional<std::string> prefix;
  std::vector<Tag> tags;
  std::optional<std::int64_t> objectSizeGreaterThan, objectSizeLessThan;
  AWSDIRECT_FIELDS(LifecycleRuleAndOperator, field("Prefix", &Self::prefix), flattenedField("Tag", &Self::tags),
                   field("ObjectSizeGreaterThan", &Self::objectSizeGreaterThan),
                   field("ObjectSizeLessThan", &Self::objectSizeLessThan));
};

// Which objects a rule applies to: one condition, or several under And. An empty prefix is
// every object.
struct LifecycleRuleFilter {
  std::optional<std::string> prefix;
  std::optional<Tag> tag;
  std::optional<std::int64_t> objectSizeGreaterThan, objectSizeLessThan;
  std::optional<LifecycleRuleAndOperator> allOf;  // And
  static LifecycleRuleFilter everyObject() { return withPrefix(""); }
  static LifecycleRuleFilter withPrefix(std::string p) { LifecycleRuleFilter f; f.prefix = std::move(p); return f; }
  AWSDIRECT_FIELDS(LifecycleRuleFilter, field("Prefix", &Self::prefix), field("Tag", &Self::tag),
                   field("ObjectSizeGreaterThan", &Self::objectSizeGreaterThan),
                   field("ObjectSizeLessThan", &Self::objectSizeLessThan), field("And", &Self::allOf));
};

struct LifecycleExpiration {
  std::optional<Time> date;
  std::optional<int> days;
  std::optional<bool> expiredObjectDeleteMarker;  // remove delete markers left with no versions
  AWSDIRECT_FIELDS(LifecycleExpiration, field("Date", &Self::date), field("Days", &Self::days),
                   field("ExpiredObjectDeleteMarker", &Self::expiredObjectDeleteMarker));
};

struct Transition {
  std::optional<Time> date;
  std::optional<int> days;
  std::string storageClass;  // "GLACIER", "STANDARD_IA", ...
  AWSDIRECT_FIELDS(Transition, field("Date", &Self::date), field("Days", &Self::days),
                   field("StorageClass", &Self::storageClass));
};

struct NoncurrentVersionTransition {
  std::optional<int> noncurrentDays;
  std::string storageClass;
  std::optional<int> newerNoncurrentVersions;
  AWSDIRECT_FIELDS(NoncurrentVersionTransition, field("NoncurrentDays", &Self::noncurrentDays),
                   field("StorageClass", &Self::storageClass),
                   field("NewerNoncurrentVersions", &Self::newerNoncurrentVersions));
};

// Old versions removed so many days after they stop being current: what keeps a versioned
// bucket from growing without bound.
struct NoncurrentVersionExpiration {
  std::optional<int> noncurrentDays;
  std::optional<int> newerNoncurrentVersions;
  AWSDIRECT_FIELDS(NoncurrentVersionExpiration, field("NoncurrentDays", &Self::noncurrentDays),
                   field("NewerNoncurrentVersions", &Self::newerNoncurrentVersions));
};

struct AbortIncompleteMultipartUpload {
  std::optional<int> daysAfterInitiation;
  AWSDIRECT_FIELDS(AbortIncompleteMultipartUpload, field("DaysAfterInitiation", &Self::daysAfterInitiation));
};

struct LifecycleRule {
  std::optional<LifecycleExpiration> expiration;
  std::string id;
  std::optional<LifecycleRuleFilter> filter;
  std::string status = "Enabled";  // "Enabled" or "Disabled"
  std::vector<Transition> transitions;
  std::vector<NoncurrentVersionTransition> noncurrentVersionTransitions;
  std::optional<NoncurrentVersionExpiration> noncurrentVersionExpiration;
  std::optional<AbortIncompleteMultipartUpload> abortIncompleteMultipartUpload;
  AWSDIRECT_FIELDS(LifecycleRule, field("Expiration", &Self::expiration), field("ID", &Self::id),
                   field("Filter", &Self::filter), field("Status", &Self::status),
                   flattenedField("Transition", &Self::transitions),
                   flattenedField("NoncurrentVersionTransition", &Self::noncurrentVersionTransitions),
                   field("NoncurrentVersionExpiration", &Self::noncurrentVersionExpiration),
                   field("AbortIncompleteMultipartUpload", &Self::abortIncompleteMultipartUpload));
};

struct BucketLifecycleConfiguration {
  std::vector<LifecycleRule> rules;
  AWSDIRECT_FIELDS(BucketLifecycleConfiguration, flattenedField("Rule", &Self::rules));
};

struct GetBucketLifecycleConfigurationResult {
  std::vector<LifecycleRule> rules;
  std::string transitionDefaultMinimumObjectSize;  // x-amz-transition-default-minimum-object-size
  AWSDIRECT_FIELDS(GetBucketLifecycleConfigurationResult, flattenedField("Rule", &Self::rules));
};

// ---- Default encryption and object ownership -----------------------------------------------------

struct ServerSideEncryptionByDefault {
  std::string sseAlgorithm;  // "AES256" (SSE-S3), "aws:kms", "aws:kms:dsse"
  std::string kmsMasterKeyId;
  AWSDIRECT_FIELDS(ServerSideEncryptionByDefault, field("SSEAlgorithm", &Self::sseAlgorithm),
                   field("KMSMasterKeyID", &Self::kmsMasterKeyId));
};

struct ServerSideEncryptionRule {
  std::optional<ServerSideEncryptionByDefault> applyServerSideEncryptionByDefault;
  std::optional<bool> bucketKeyEnabled;
  AWSDIRECT_FIELDS(ServerSideEncryptionRule, field("ApplyServerSideEncryptionByDefault", &Self::applyServerSideEncryptionByDefault),
                   field("BucketKeyEnabled", &Self::bucketKeyEnabled));
};

struct ServerSideEncryptionConfiguration {
  std::vector<ServerSideEncryptionRule> rules;
  // SSE-S3 (AES256) for every new object: S3's default since 2023, set and shown explicitly.
  static ServerSideEncryptionConfiguration sseS3() { return {{{ServerSideEncryptionByDefault{"AES256", ""}, std::nullopt}}}; }
  AWSDIRECT_FIELDS(ServerSideEncryptionConfiguration, flattenedField("Rule", &Self::rules));
};

struct OwnershipControlsRule {
  std::string objectOwnership;  // "BucketOwnerEnforced" (ACLs off), "BucketOwnerPreferred", "ObjectWriter"
  AWSDIRECT_FIELDS(OwnershipControlsRule, field("ObjectOwnership", &Self::objectOwnership));
};

struct OwnershipControls {
  std::vector<OwnershipControlsRule> rules;
  AWSDIRECT_FIELDS(OwnershipControls, flattenedField("Rule", &Self::rules));
};

struct BucketLocation {
  std::string locationConstraint;  // empty for us-east-1
};

struct BucketPolicy {
  std::string policy;  // the JSON document
};

// ---- Members ---------------------------------------------------------------------------------------

namespace members {
using namespace declare;
inline constexpr const char* kTransitionMinimumSizes[] = {"varies_by_storage_class", "all_storage_classes_128K"};
inline constexpr const char* kObjectOwnerships[] = {"BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"};
AWSDIRECT_MEMBER(LifecycleConfiguration, lifecycleConfiguration, BucketLifecycleConfiguration, unchecked);
AWSDIRECT_MEMBER(TransitionDefaultMinimumObjectSize, transitionDefaultMinimumObjectSize, std::string,
                 header("x-amz-transition-default-minimum-object-size"), oneOf(kTransitionMinimumSizes));
AWSDIRECT_MEMBER(Policy, policy, std::string, length(1, 20 * 1024));  // bucket policies are at most 20 KB
AWSDIRECT_FLAG(ConfirmRemoveSelfBucketAccess, confirmRemoveSelfBucketAccess, header("x-amz-confirm-remove-self-bucket-access"));
AWSDIRECT_MEMBER(ServerSideEncryption, serverSideEncryptionConfiguration, ServerSideEncryptionConfiguration,
                 apiName("ServerSideEncryptionConfiguration"));
AWSDIRECT_MEMBER(OwnershipControlsMember, ownershipControls, OwnershipControls, apiName("OwnershipControls"));
}  // namespace members

// ---- Requests ----------------------------------------------------------------------------------

// GetBucketLocation: the bucket's LocationConstraint (empty for us-east-1). HeadBucket's
// x-amz-bucket-region says the same, and is what the client's redirects use.
class GetBucketLocationRequest : public BucketRequest<GetBucketLocationRequest, BucketLocation> {
 public:
  static constexpr const char* operation = "GetBucketLocation";
  static constexpr const char* http = "GET /{Bucket}?location";
  static Result parse(const RestResponse& response) { return {response.xml("LocationConstraint").value()}; }
};

// PutBucketLifecycleConfiguration: replaces every lifecycle rule of the bucket with these.
class PutBucketLifecycleConfigurationRequest
    : public BucketRequest<PutBucketLifecycleConfigurationRequest, Empty, m::LifecycleConfiguration,
                           m::TransitionDefaultMinimumObjectSize> {
 public:
  static constexpr const char* operation = "PutBucketLifecycleConfiguration";
  static constexpr const char* http = "PUT /{Bucket}?lifecycle";
  PutBucketLifecycleConfigurationRequest& rule(LifecycleRule r) {
    if (!lifecycleConfiguration_) lifecycleConfiguration_.emplace();
    lifecycleConfiguration_->rules.push_back(std::move(r));
    return *this;
  }
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
};

// GetBucketLifecycleConfiguration: the rules; NoSuchLifecycleConfiguration when there are none.
class GetBucketLifecycleConfigurationRequest
    : public BucketRequest<GetBucketLifecycleConfigurationRequest, GetBucketLifecycleConfigurationResult> {
 public:
  static constexpr const char* operation = "GetBucketLifecycleConfiguration";
  static constexpr const char* http = "GET /{Bucket}?lifecycle";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// DeleteBucketLifecycle: every lifecycle rule removed.
class DeleteBucketLifecycleRequest : public BucketRequest<DeleteBucketLifecycleRequest, Empty> {
 public:
  static constexpr const char* operation = "DeleteBucketLifecycle";
  static constexpr const char* http = "DELETE /{Bucket}?lifecycle";
};

// PutBucketPolicy: the bucket's policy, a JSON document, sent as it is.
class PutBucketPolicyRequest
    : public BucketRequest<PutBucketPolicyRequest, Empty, m::ConfirmRemoveSelfBucketAccess, Required<m::Policy>> {
 public:
  static constexpr const char* operation = "PutBucketPolicy";
  static constexpr const char* http = "PUT /{Bucket}?policy";
  void writeBody(RestRequest& r) const { detail::xmlBodyWithChecksum(r, policy_.value_or("")); }
};

// GetBucketPolicy: the policy document; NoSuchBucketPolicy when there is none.
class GetBucketPolicyRequest : public BucketRequest<GetBucketPolicyRequest, BucketPolicy> {
 public:
  static constexpr const char* operation = "GetBucketPolicy";
  static constexpr const char* http = "GET /{Bucket}?policy";
  static constexpr bool resultIsBody = true;  // JSON, not a document
  static Result parse(const RestResponse& response) { return {response.body()}; }
};

class DeleteBucketPolicyRequest : public BucketRequest<DeleteBucketPolicyRequest, Empty> {
 public:
  static constexpr const char* operation = "DeleteBucketPolicy";
  static constexpr const char* http = "DELETE /{Bucket}?policy";
};

// PutBucketEncryption: the default encryption of new objects (sseS3() for AES256).
class PutBucketEncryptionRequest
    : public BucketRequest<PutBucketEncryptionRequest, Empty, Required<m::ServerSideEncryption>> {
 public:
  static constexpr const char* operation = "PutBucketEncryption";
  static constexpr const char* http = "PUT /{Bucket}?encryption";
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
};

class GetBucketEncryptionRequest : public BucketRequest<GetBucketEncryptionRequest, ServerSideEncryptionConfiguration> {
 public:
  static constexpr const char* operation = "GetBucketEncryption";
  static constexpr const char* http = "GET /{Bucket}?encryption";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// DeleteBucketEncryption: back to S3's default (SSE-S3).
class DeleteBucketEncryptionRequest : public BucketRequest<DeleteBucketEncryptionRequest, Empty> {
 public:
  static constexpr const char* operation = "DeleteBucketEncryption";
  static constexpr const char* http = "DELETE /{Bucket}?encryption";
};

// PutBucketOwnershipControls: who owns uploaded objects (BucketOwnerEnforced: ACLs off).
class PutBucketOwnershipControlsRequest
    : public BucketRequest<PutBucketOwnershipControlsRequest, Empty, Required<m::OwnershipControlsMember>> {
 public:
  static constexpr const char* operation = "PutBucketOwnershipControls";
  static constexpr const char* http = "PUT /{Bucket}?ownershipControls";
  PutBucketOwnershipControlsRequest& objectOwnership(std::string ownership) {
    return ownershipControls(OwnershipControls{{OwnershipControlsRule{std::move(ownership)}}});
  }
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
};

class GetBucketOwnershipControlsRequest : public BucketRequest<GetBucketOwnershipControlsRequest, OwnershipControls> {
 public:
  static constexpr const char* operation = "GetBucketOwnershipControls";
  static constexpr const char* http = "GET /{Bucket}?ownershipControls";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// DeletePublicAccessBlock: the bucket's public access block removed (the account's still applies).
class DeletePublicAccessBlockRequest : public BucketRequest<DeletePublicAccessBlockRequest, Empty> {
 public:
  static constexpr const char* operation = "DeletePublicAccessBlock";
  static constexpr const char* http = "DELETE /{Bucket}?publicAccessBlock";
};

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/configuration.ipp"
#endif
