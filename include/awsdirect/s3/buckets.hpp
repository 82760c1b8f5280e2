#pragma once
// S3 buckets: create (in a region, with its LocationConstraint), head, delete, list, and their public
// access block.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../error.hpp"
#include "../http.hpp"
#include "../query.hpp"
#include "../rest_xml.hpp"
#include "../validate.hpp"
#include "common.hpp"

namespace awsdirect {
namespace s3 {

struct Bucket {
  std::string name;
  std::optional<std::chrono::system_clock::time_point> creationDate;
  std::string bucketRegion;
  AWSDIRECT_FIELDS(Bucket, field("Name", &Self::name), field("CreationDate", &Self::creationDate),
                   field("BucketRegion", &Self::bucketRegion));
};

struct CreateBucketResult {
  std::string location;  // "/bucket" or the bucket's URL
};

struct HeadBucketResult {
  std::string bucketRegion;  // x-amz-bucket-region
  std::string accessPointAlias;
};

struct ListBucketsResult {
  std::vector<Bucket> buckets;
  Owner owner;
  std::string continuationToken;  // empty on the last page
  std::string prefix;
  AWSDIRECT_FIELDS(ListBucketsResult, field("Buckets", &Self::buckets, "Bucket"), field("Owner", &Self::owner),
                   field("ContinuationToken", &Self::continuationToken), field("Prefix", &Self::prefix));
};

// The four settings of a public access block; all four on makes a bucket private whatever its
// ACLs and policies say.
struct PublicAccessBlockConfiguration {
  bool blockPublicAcls = false;
  bool ignorePublicAcls = false;
  bool blockPublicPolicy = false;
  bool restrictPublicBuckets = false;
  AWSDIRECT_FIELDS(PublicAccessBlockConfiguration, field("BlockPublicAcls", &Self::blockPublicAcls),
                   field("IgnorePublicAcls", &Self::ignorePublicAcls),
                   field("BlockPublicPolicy", &Self::blockPublicPolicy),
                   field("RestrictPublicBuckets", &Self::restrictPublicBuckets));

  static PublicAccessBlockConfiguration allBlocked() { return {true, true, true, true}; }
  bool allOn() const { return blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets; }
  friend bool operator==(const PublicAccessBlockConfiguration& a, const PublicAccessBlockConfiguration& b) {
    return a.blockPublicAcls == b.blockPublicAcls && a.ignorePublicAcls == b.ignorePublicAcls &&
           a.blockPublicPolicy == b.blockPublicPolicy && a.restrictPublicBuckets == b.restrictPublicBuckets;
  }
};


// CreateBucket: a bucket in a region. A bucket outside us-east-1 is created with a
// LocationConstraint naming its region; one in us-east-1 without (S3 refuses it there). The
// region defaults to the client's.
class CreateBucketRequest {
 public:
  using Result = CreateBucketResult;
  static constexpr const char* operation = "CreateBucket";
  using Service = S3;

  CreateBucketRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CreateBucketRequest& region(std::string v) { region_ = std::move(v); return *this; }
  // "private", "public-read", ...: a canned ACL (most buckets should have none and own their objects).
  CreateBucketRequest& acl(std::string v) { acl_ = std::move(v); return *this; }
  // "BucketOwnerEnforced" (S3's default), "BucketOwnerPreferred", "ObjectWriter".
  CreateBucketRequest& objectOwnership(std::string v) { objectOwnership_ = std::move(v); return *this; }
  CreateBucketRequest& objectLockEnabled(bool v = true) { objectLockEnabled_ = v; return *this; }

  const std::optional<std::string>& bucketName() const { return bucket_; }
  const std::optional<std::string>& regionName() const { return region_; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(RestRequest& r) const;
  // In the request's region, else the client's: signed for that region, with a
  // LocationConstraint unless it is us-east-1 (defined with the client, s3/client.hpp).
  AWSDIRECT_DECL Outcome<Result> sendThrough(S3& s3) const;

  static Result parse(const RestResponse& response) { return {response.header("Location")}; }

 private:
  std::optional<std::string> bucket_, region_, acl_, objectOwnership_;
  std::optional<bool> objectLockEnabled_;
};

// HeadBucket: whether the bucket exists and may be accessed; its region. A missing bucket is an
// AwsError with code "404" (a HEAD answer has no body to name it), as in botocore.
class HeadBucketRequest : public BucketRequest<HeadBucketRequest, HeadBucketResult> {
 public:
  static constexpr const char* operation = "HeadBucket";
  static constexpr const char* http = "HEAD /{Bucket}";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// DeleteBucket: deletes an empty bucket (BucketNotEmpty otherwise).
class DeleteBucketRequest : public BucketRequest<DeleteBucketRequest, Empty> {
 public:
  static constexpr const char* operation = "DeleteBucket";
  static constexpr const char* http = "DELETE /{Bucket}";
};

// ListBuckets: the account's buckets, page by page (ContinuationToken) when MaxBuckets is set.
class ListBucketsRequest : public Request<ListBucketsRequest, S3, ListBucketsResult, m::MaxBuckets,
                                          m::ContinuationToken, m::Prefix, m::BucketRegion> {
 public:
  static constexpr const char* operation = "ListBuckets";
  static constexpr const char* http = "GET /";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// PutPublicAccessBlock: the bucket's four public-access settings, sent with the Content-MD5
// S3 requires.
class PutPublicAccessBlockRequest : public BucketRequest<PutPublicAccessBlockRequest, Empty> {
 public:
  static constexpr const char* operation = "PutPublicAccessBlock";
  static constexpr const char* http = "PUT /{Bucket}?publicAccessBlock";

  PutPublicAccessBlockRequest& blockPublicAcls(bool v = true) { config_.blockPublicAcls = v; return *this; }
  PutPublicAccessBlockRequest& ignorePublicAcls(bool v = true) { config_.ignorePublicAcls = v; return *this; }
  PutPublicAccessBlockRequest& blockPublicPolicy(bool v = true) { config_.blockPublicPolicy = v; return *this; }
  PutPublicAccessBlockRequest& restrictPublicBuckets(bool v = true) { config_.restrictPublicBuckets = v; return *this; }
  PutPublicAccessBlockRequest& configuration(PublicAccessBlockConfiguration v) { config_ = v; return *this; }
  // All four on: the bucket is private whatever the account's defaults.
  PutPublicAccessBlockRequest& blockAll() { config_ = PublicAccessBlockConfiguration::allBlocked(); return *this; }

  AWSDIRECT_DECL void writeBody(RestRequest& r) const;

 private:
  PublicAccessBlockConfiguration config_;
};

// GetPublicAccessBlock: the bucket's settings; NoSuchPublicAccessBlockConfiguration when it has none.
class GetPublicAccessBlockRequest : public BucketRequest<GetPublicAccessBlockRequest, PublicAccessBlockConfiguration> {
 public:
  static constexpr const char* operation = "GetPublicAccessBlock";
  static constexpr const char* http = "GET /{Bucket}?publicAccessBlock";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// PutBucketTagging: replaces the bucket's tags (up to 50) with these.
class PutBucketTaggingRequest : public BucketRequest<PutBucketTaggingRequest, Empty> {
 public:
  static constexpr const char* operation = "PutBucketTagging";
  static constexpr const char* http = "PUT /{Bucket}?tagging";

  PutBucketTaggingRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  // The tags, in the body.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;

 private:
  std::vector<Tag> tags_;
};

// GetBucketTagging: the bucket's tags; NoSuchTagSet when it has none.
class GetBucketTaggingRequest : public BucketRequest<GetBucketTaggingRequest, std::vector<Tag>> {
 public:
  static constexpr const char* operation = "GetBucketTagging";
  static constexpr const char* http = "GET /{Bucket}?tagging";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// The headers PutObject, CreateMultipartUpload and CopyObject share: how the object is stored

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/buckets.ipp"
#endif
