#pragma once
// The S3 client: botocore's addressing (the bucket in the host or the path), signing for the
// bucket's region with S3's rules, region redirects, paginated listings, batched deletes,
// presigned URLs and waiters.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "../client.hpp"
#include "../detail/build_mode.hpp"
#include "../waiter.hpp"
#include "buckets.hpp"
#include "common.hpp"
#include "configuration.hpp"
#include "multipart.hpp"
#include "object_attributes.hpp"
#include "objects.hpp"
#include "versions.hpp"

namespace awsdirect {

// How S3 requests name their bucket: in the host ("bucket.s3.eu-west-1.amazonaws.com", virtual)
// or in the path ("s3.eu-west-1.amazonaws.com/bucket", path).
enum class S3AddressingStyle { Auto, Virtual, Path };

AWSDIRECT_DECL const char* addressingStyleName(S3AddressingStyle style);

// When flexible checksums are sent and checked (botocore's request_checksum_calculation and
// response_checksum_validation): for every operation that supports them, or only where S3 requires one.
enum class ChecksumPolicy { WhenSupported, WhenRequired };

// S3's own settings, beside the ClientConfig every client has.
struct S3Options {
  // Else the profile's `s3 = addressing_style = ...`, else auto: virtual hosts, except for IP
  // and localhost endpoints and for bucket names that cannot be a host name.
  std::optional<S3AddressingStyle> addressingStyle;
  // Over HTTPS, sign bodies as UNSIGNED-PAYLOAD instead of hashing them first (TLS protects them
  // in transit). Else the profile's `s3 = payload_signing_enabled = false`; plain HTTP always hashes.
  std::optional<bool> unsignedPayload;

  // Else AWS_REQUEST_CHECKSUM_CALCULATION, the profile's `request_checksum_calculation`, else
  // WhenSupported: PutObject sends a CRC32 of its body unless the request chose an algorithm, and
  // S3Transfer uploads with CRC32 (parts too).
  std::optional<ChecksumPolicy> requestChecksumCalculation;
  // Else AWS_RESPONSE_CHECKSUM_VALIDATION, the profile's `response_checksum_validation`, else
  // WhenSupported: GetObject and HeadObject ask for the object's checksum (x-amz-checksum-mode),
  // and a whole object received is checked against it (a mismatch is an IntegrityError). With
  // WhenRequired the checksum is not asked for; one that arrives is still checked.
  std::optional<ChecksumPolicy> responseChecksumValidation;

  S3Options& withAddressingStyle(S3AddressingStyle v) { addressingStyle = v; return *this; }
  S3Options& withRequestChecksumCalculation(ChecksumPolicy v) { requestChecksumCalculation = v; return *this; }
  S3Options& withResponseChecksumValidation(ChecksumPolicy v) { responseChecksumValidation = v; return *this; }
  S3Options& withUnsignedPayload(bool v = true) { unsignedPayload = v; return *this; }
};

// Where one request goes: the region it is signed for and its URL parts.
struct S3Route {
  std::string region;
  std::string scheme;
  std::string host;
  std::string path;  // base path + the request's path, bucket removed for virtual hosting
  bool virtualHosted = false;
};

class S3 : public RestXmlService<S3> {
 public:
  static ServiceInfo serviceInfo() { return {"S3", "s3", "s3", "2006-03-01", false}; }

  AWSDIRECT_DECL explicit S3(const ClientConfig& config = ClientConfig(), S3Options options = {});

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_S3_OPERATIONS(X)                                               \
  X(createBucket, s3::CreateBucketRequest)                                       \
  X(headBucket, s3::HeadBucketRequest)                                           \
  X(deleteBucket, s3::DeleteBucketRequest)                                       \
  X(listBuckets, s3::ListBucketsRequest)                                         \
  X(putPublicAccessBlock, s3::PutPublicAccessBlockRequest)                       \
  X(getPublicAccessBlock, s3::GetPublicAccessBlockRequest)                       \
  X(putBucketTagging, s3::PutBucketTaggingRequest)                               \
  X(getBucketTagging, s3::GetBucketTaggingRequest)                               \
  X(putObject, s3::PutObjectRequest)                                             \
  X(getObject, s3::GetObjectRequest)                                             \
  X(headObject, s3::HeadObjectRequest)                                           \
  X(deleteObject, s3::DeleteObjectRequest)                                       \
  X(deleteObjects, s3::DeleteObjectsRequest)                                     \
  X(listObjectsV2, s3::ListObjectsV2Request)                                     \
  X(copyObject, s3::CopyObjectRequest)                                           \
  X(createMultipartUpload, s3::CreateMultipartUploadRequest)                     \
  X(uploadPart, s3::UploadPartRequest)                                           \
  X(completeMultipartUpload, s3::CompleteMultipartUploadRequest)                 \
  X(abortMultipartUpload, s3::AbortMultipartUploadRequest)                       \
  X(listParts, s3::ListPartsRequest)                                             \
  X(listMultipartUploads, s3::ListMultipartUploadsRequest)                       \
  X(putBucketVersioning, s3::PutBucketVersioningRequest)                         \
  X(getBucketVersioning, s3::GetBucketVersioningRequest)                         \
  X(listObjectVersions, s3::ListObjectVersionsRequest)                           \
  X(getBucketLocation, s3::GetBucketLocationRequest)                             \
  X(putBucketLifecycleConfiguration, s3::PutBucketLifecycleConfigurationRequest) \
  X(getBucketLifecycleConfiguration, s3::GetBucketLifecycleConfigurationRequest) \
  X(deleteBucketLifecycle, s3::DeleteBucketLifecycleRequest)                     \
  X(putBucketPolicy, s3::PutBucketPolicyRequest)                                 \
  X(getBucketPolicy, s3::GetBucketPolicyRequest)                                 \
  X(deleteBucketPolicy, s3::DeleteBucketPolicyRequest)                           \
  X(putBucketEncryption, s3::PutBucketEncryptionRequest)                         \
  X(getBucketEncryption, s3::GetBucketEncryptionRequest)                         \
  X(deleteBucketEncryption, s3::DeleteBucketEncryptionRequest)                   \
  X(putBucketOwnershipControls, s3::PutBucketOwnershipControlsRequest)           \
  X(getBucketOwnershipControls, s3::GetBucketOwnershipControlsRequest)           \
  X(deletePublicAccessBlock, s3::DeletePublicAccessBlockRequest)                 \
  X(putObjectTagging, s3::PutObjectTaggingRequest)                               \
  X(getObjectTagging, s3::GetObjectTaggingRequest)                               \
  X(deleteObjectTagging, s3::DeleteObjectTaggingRequest)                         \
  X(getObjectAttributes, s3::GetObjectAttributesRequest)
  AWSDIRECT_S3_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Calls `onPage` with every page of the listing, following NextContinuationToken; stops early
  // when `onPage` returns false.
  AWSDIRECT_LAZY_DECL Outcome<Empty> forEachPage(s3::ListObjectsV2Request request,
                                            const std::function<bool(const s3::ListObjectsV2Result&)>& onPage);
  // Every key of the listing (and every common prefix), gathered over all pages.
  AWSDIRECT_LAZY_DECL Outcome<s3::ListObjectsV2Result> listAllObjects(s3::ListObjectsV2Request request);
  // Every bucket, following ContinuationToken.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<s3::Bucket>> listAllBuckets(s3::ListBucketsRequest request = {});
  // Every part of an upload, following NextPartNumberMarker.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<s3::Part>> listAllParts(s3::ListPartsRequest request);
  // Every open multipart upload, following NextKeyMarker and NextUploadIdMarker.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<s3::MultipartUpload>> listAllMultipartUploads(s3::ListMultipartUploadsRequest request);
  // Every version, delete marker and common prefix, following NextKeyMarker and NextVersionIdMarker.
  AWSDIRECT_LAZY_DECL Outcome<s3::ListObjectVersionsResult> listAllObjectVersions(s3::ListObjectVersionsRequest request);

  // DeleteObjects for any number of keys, 1,000 per request. The per-key errors of every batch
  // are gathered; a failed request ends it with that error.
  AWSDIRECT_LAZY_DECL Outcome<s3::DeleteObjectsResult> deleteObjectsInBatches(const std::string& bucket,
                                                                         const std::vector<std::string>& keys,
                                                                         bool quiet = true);

  // A URL that performs `request` (GetObject, PutObject, HeadObject, DeleteObject, ...) for
  // whoever holds it, for `expiresIn` (1 second to 7 days). Signed with this client's
  // credentials; the body of a PutObject is not part of it (it is sent with the URL). Headers
  // the request sets (Content-Type, Range, metadata) are signed too, so whoever uses the URL
  // must send them as they are.
  template <class Request>
  Outcome<std::string> presign(const Request& request, std::chrono::seconds expiresIn) {
    std::optional<typename Request::Result> unused;
    return presignOperation(detail::operationOf<RestRequest, RestResponse>(request, unused), expiresIn);
  }

  // botocore's S3 waiters (HeadBucket / HeadObject every 5 s, 20 times). BucketExists succeeds
  // on 200, 301 and 403 (the bucket exists, in another region or another account's).
  AWSDIRECT_LAZY_DECL Outcome<s3::HeadBucketResult> waitUntilBucketExists(const std::string& bucket, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilBucketNotExists(const std::string& bucket, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<s3::ObjectMetadata> waitUntilObjectExists(const std::string& bucket, const std::string& key,
                                                                   WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilObjectNotExists(const std::string& bucket, const std::string& key,
                                                        WaitOptions options = {});
  static constexpr WaiterPace kHeadWaiters{std::chrono::seconds(5), 20};

  // ---- Addressing and regions ----

  S3AddressingStyle addressingStyle() const { return addressingStyle_; }
  bool unsignedPayload() const { return unsignedPayload_; }
  ChecksumPolicy requestChecksumCalculation() const { return requestChecksums_; }
  ChecksumPolicy responseChecksumValidation() const { return responseChecksums_; }

  // Where a request for `bucket` with `path` ("/bucket/key", URI-encoded) goes when signed for
  // `region`: botocore's choice of endpoint and addressing.
  AWSDIRECT_DECL S3Route route(const std::string& bucket, const std::string& region, const std::string& path) const;

  // The region a request for `bucket` is signed for: the one found by an earlier redirect (or
  // given at creation), else the client's.
  AWSDIRECT_DECL std::string regionFor(const std::string& bucket) const;
  AWSDIRECT_DECL std::optional<std::string> cachedBucketRegion(const std::string& bucket) const;
  AWSDIRECT_DECL void rememberRegion(const std::string& bucket, const std::string& region);
  // Forgets the region of `bucket`, or puts back `before` (a CreateBucket that failed).
  AWSDIRECT_DECL void restoreRegion(const std::string& bucket, const std::optional<std::string>& before);

 protected:
  // S3's routing: the bucket into the host or the path, signed for the bucket's region with S3's
  // rules; a request that reached the wrong region is sent once more to the right one, which is
  // remembered for the bucket (botocore's S3RegionRedirectorv2).
  AWSDIRECT_DECL Outcome<HttpResponse> dispatch(const RestRequest& rest, const std::string& operation) override;

 private:
  AWSDIRECT_LAZY_DECL Outcome<std::string> presignOperation(const detail::RestOperation& operation,
                                                       std::chrono::seconds expiresIn);
  AWSDIRECT_DECL bool useVirtualHost(const std::string& bucket, const detail::EndpointParts& endpoint) const;
  AWSDIRECT_LAZY_DECL Outcome<HttpResponse> dispatchTo(const RestRequest& rest, const std::string& operation,
                                                  const std::string& bucket, const std::string& region);
  // The bucket's real region when `error` says the request went to the wrong one, else nullopt.
  AWSDIRECT_DECL std::optional<std::string> redirectRegion(const Error& error, const RestRequest& rest,
                                                           const std::string& bucket);

  S3AddressingStyle addressingStyle_ = S3AddressingStyle::Auto;
  bool unsignedPayload_ = false;
  ChecksumPolicy requestChecksums_ = ChecksumPolicy::WhenSupported;
  ChecksumPolicy responseChecksums_ = ChecksumPolicy::WhenSupported;
  mutable std::mutex regionsMutex_;
  std::map<std::string, std::string> bucketRegions_;
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_S3_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/client.ipp"
#endif
