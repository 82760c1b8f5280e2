#pragma once
// S3 objects: put (from memory or streamed from a file), get (to memory, a file or a sink),
// head, delete one or a thousand at once, list, copy.
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
#include "../rest_xml.hpp"
#include "../time.hpp"
#include "../validate.hpp"
#include "common.hpp"

namespace awsdirect {
namespace s3 {

struct ObjectMetadata {
  std::uint64_t contentLength = 0;
  std::string contentType;
  std::string eTag;  // with its quotes, as S3 sends it
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string versionId;
  std::string storageClass;  // empty for STANDARD: S3 omits it then
  std::string serverSideEncryption;
  std::string sseKmsKeyId;
  std::string cacheControl, contentEncoding, contentDisposition, contentLanguage;
  std::string contentRange;  // "bytes 0-99/1234" for a ranged GET
  Checksums checksums;       // asked for with x-amz-checksum-mode (GetObject and HeadObject do by default)
  std::string expiration;
  std::map<std::string, std::string> metadata;  // x-amz-meta-*, names in lower case
  bool deleteMarker = false;
  int partsCount = 0;

  // The algorithm of the checksum S3 keeps of the whole object, to check its bytes against: not
  // a composite one (of a multipart object's parts, "...-3", unless its type is FULL_OBJECT).
  AWSDIRECT_DECL std::optional<ChecksumAlgorithm> wholeObjectChecksum() const;

  AWSDIRECT_DECL static ObjectMetadata fromHeaders(const RestResponse& r);
};

struct GetObjectResult : ObjectMetadata {
  std::string body;  // empty when the object went to a file or a sink
  // The object's checksum the bytes received were verified against ("CRC32 DUoRhQ=="), or ""
  // when none was (a range, a composite checksum, none kept, or a sink with another algorithm).
  std::string verifiedChecksum;
};

struct PutObjectResult {
  std::string eTag;
  std::string versionId;
  std::string serverSideEncryption;
  Checksums checksums;  // the one the object was sent with
  std::string expiration;
};

struct DeleteObjectResult {
  bool deleteMarker = false;
  std::string versionId;
};

struct DeletedObject {
  std::string key;
  std::string versionId;
  bool deleteMarker = false;
  std::string deleteMarkerVersionId;
  AWSDIRECT_FIELDS(DeletedObject, field("Key", &Self::key), field("VersionId", &Self::versionId),
                   field("DeleteMarker", &Self::deleteMarker),
                   field("DeleteMarkerVersionId", &Self::deleteMarkerVersionId));
};

// One key that DeleteObjects could not delete, and why.
struct DeleteError {
  std::string key;
  std::string versionId;
  std::string code;     // "AccessDenied"
  std::string message;
  AWSDIRECT_FIELDS(DeleteError, field("Key", &Self::key), field("VersionId", &Self::versionId),
                   field("Code", &Self::code), field("Message", &Self::message));
};

struct DeleteObjectsResult {
  std::vector<DeletedObject> deleted;  // empty in quiet mode
  std::vector<DeleteError> errors;     // per key; the call itself succeeded
  AWSDIRECT_FIELDS(DeleteObjectsResult, flattenedField("Deleted", &Self::deleted),
                   flattenedField("Error", &Self::errors));
};

struct Object {
  std::string key;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string eTag;
  std::uint64_t size = 0;
  std::string storageClass;
  std::optional<Owner> owner;
  AWSDIRECT_FIELDS(Object, field("Key", &Self::key), field("LastModified", &Self::lastModified),
                   field("ETag", &Self::eTag), field("Size", &Self::size), field("StorageClass", &Self::storageClass),
                   field("Owner", &Self::owner));
};

struct ListObjectsV2Result {
  std::vector<Object> contents;
  std::vector<std::string> commonPrefixes;  // with a delimiter: the "directories" at this level
  bool isTruncated = false;
  std::string nextContinuationToken;  // empty on the last page
  int keyCount = 0;
  std::string name, prefix, delimiter, startAfter;
  std::string encodingType;  // "url": keys, prefixes and markers arrive URL-encoded, and are decoded
  AWSDIRECT_FIELDS(ListObjectsV2Result, flattenedField("Contents", &Self::contents),
                   field("IsTruncated", &Self::isTruncated),
                   field("NextContinuationToken", &Self::nextContinuationToken), field("KeyCount", &Self::keyCount),
                   field("Name", &Self::name), field("Prefix", &Self::prefix), field("Delimiter", &Self::delimiter),
                   field("StartAfter", &Self::startAfter), field("EncodingType", &Self::encodingType));
};

struct CopyObjectResult {
  std::string eTag;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string versionId;
  std::string copySourceVersionId;
};

template <class Self>
class ObjectAttributes {
 public:
  Self& contentType(std::string v) { a_.contentType = std::move(v); return self(); }
  Self& contentEncoding(std::string v) { a_.contentEncoding = std::move(v); return self(); }
  Self& contentDisposition(std::string v) { a_.contentDisposition = std::move(v); return self(); }
  Self& contentLanguage(std::string v) { a_.contentLanguage = std::move(v); return self(); }
  Self& cacheControl(std::string v) { a_.cacheControl = std::move(v); return self(); }
  // STANDARD, STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, ... (S3's storage classes).
  Self& storageClass(std::string v) { a_.storageClass = std::move(v); return self(); }
  // x-amz-meta-NAME: VALUE.
  Self& metadata(std::string name, std::string value) { a_.metadata[std::move(name)] = std::move(value); return self(); }
  // AES256, aws:kms or aws:kms:dsse; the KMS key for the last two.
  Self& serverSideEncryption(std::string v) { a_.serverSideEncryption = std::move(v); return self(); }
  Self& sseKmsKeyId(std::string v) { a_.sseKmsKeyId = std::move(v); return self(); }
  Self& acl(std::string v) { a_.acl = std::move(v); return self(); }
  // "key1=value1&key2=value2", URL-encoded as S3 expects.
  Self& tagging(std::string v) { a_.tagging = std::move(v); return self(); }
  Self& expectedBucketOwner(std::string v) { a_.expectedBucketOwner = std::move(v); return self(); }

  // Gives `other` (another request for the same object) these attributes.
  template <class Other>
  void copyAttributesTo(ObjectAttributes<Other>& other) const {
    other.a_ = a_;
  }

 protected:
  void validateAttributes(Validator& v) const {
    rules::storageClass(v, a_.storageClass);
    rules::serverSideEncryption(v, a_.serverSideEncryption, a_.sseKmsKeyId);
    rules::metadata(v, a_.metadata);
  }
  void serializeAttributes(RestRequest& r) const {
    r.optionalHeader("Content-Type", a_.contentType);
    r.optionalHeader("Content-Encoding", a_.contentEncoding);
    r.optionalHeader("Content-Disposition", a_.contentDisposition);
    r.optionalHeader("Content-Language", a_.contentLanguage);
    r.optionalHeader("Cache-Control", a_.cacheControl);
    r.optionalHeader("x-amz-storage-class", a_.storageClass);
    r.optionalHeader("x-amz-server-side-encryption", a_.serverSideEncryption);
    r.optionalHeader("x-amz-server-side-encryption-aws-kms-key-id", a_.sseKmsKeyId);
    r.optionalHeader("x-amz-acl", a_.acl);
    r.optionalHeader("x-amz-tagging", a_.tagging);
    r.optionalHeader("x-amz-expected-bucket-owner", a_.expectedBucketOwner);
    r.prefixedHeaders("x-amz-meta-", a_.metadata);
  }

 private:
  template <class>
  friend class ObjectAttributes;
  detail::ObjectAttributeValues a_;
  Self& self() { return static_cast<Self&>(*this); }
};

// A request body: bytes in memory, or a local file (or part of one) streamed as it is sent.
class RequestBody {
 public:
  AWSDIRECT_DECL void setBytes(std::string bytes);
  AWSDIRECT_DECL void setFile(std::string path, std::uint64_t offset, std::optional<std::uint64_t> length);
  void setProgress(ProgressCallback progress) { progress_ = std::move(progress); }
  bool isFile() const { return file_.has_value(); }

  AWSDIRECT_DECL void validate(Validator& v, const std::string& field) const;

  // Puts the body into `r`; a file is opened here and streamed when the request is sent.
  AWSDIRECT_DECL void serialize(RestRequest& r) const;

  const std::string& bytes() const { return bytes_; }

 private:
  struct FileRegion {
    std::string path;
    std::uint64_t offset;
    std::optional<std::uint64_t> length;
  };
  std::string bytes_;
  std::optional<FileRegion> file_;
  ProgressCallback progress_;
};

// PutObject: stores an object of up to 5 GiB in one request, from memory or streamed from a
// file. Bigger files go through multipart upload (s3_transfer.hpp does it for you).
class PutObjectRequest : public ObjectAttributes<PutObjectRequest> {
 public:
  using Result = PutObjectResult;
  static constexpr const char* operation = "PutObject";
  using Service = S3;

  PutObjectRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  PutObjectRequest& key(std::string v) { key_ = std::move(v); return *this; }
  PutObjectRequest& body(std::string bytes) { body_.setBytes(std::move(bytes)); return *this; }
  // Streams the file (or `length` bytes of it from `offset`); it is never held in memory.
  AWSDIRECT_DECL PutObjectRequest& bodyFromFile(std::string path, std::uint64_t offset = 0, std::optional<std::uint64_t> length = {});
  // How much of a file body has been sent (a body in memory goes in one piece).
  PutObjectRequest& onProgress(ProgressCallback progress) { body_.setProgress(std::move(progress)); return *this; }
  // Sends the body's checksum of this algorithm (x-amz-checksum-*), which S3 checks and keeps
  // with the object. Without one, the client sends CRC32 (S3Options::requestChecksumCalculation).
  PutObjectRequest& checksumAlgorithm(ChecksumAlgorithm v) { checksumAlgorithm_ = v; return *this; }
  PutObjectRequest& checksumSha256() { return checksumAlgorithm(ChecksumAlgorithm::Sha256); }
  // Sends Content-MD5, which S3 checks (memory bodies).
  PutObjectRequest& contentMd5(bool v = true) { contentMd5_ = v; return *this; }
  // "*": only if no object has the key yet; an ETag: only if the object still has it.
  PutObjectRequest& ifNoneMatch(std::string v) { ifNoneMatch_ = std::move(v); return *this; }
  PutObjectRequest& ifMatch(std::string v) { ifMatch_ = std::move(v); return *this; }

  const std::optional<std::string>& bucketName() const { return bucket_; }
  const std::optional<std::string>& keyName() const { return key_; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  std::optional<std::string> bucket_, key_, ifNoneMatch_, ifMatch_;
  RequestBody body_;
  std::optional<ChecksumAlgorithm> checksumAlgorithm_;
  bool contentMd5_ = false;
};

// The conditions and selection GetObject and HeadObject share, and their setters beyond the members'.
template <class Self, class Result, class... Members>
class ObjectSelection : public ObjectRequest<Self, Result, m::IfMatch, m::IfModifiedSince, m::IfNoneMatch,
                                             m::IfUnmodifiedSince, m::Range, m::VersionId, m::PartNumber,
                                             m::ChecksumMode, Members...> {
 public:
  using ObjectRequest<Self, Result, m::IfMatch, m::IfModifiedSince, m::IfNoneMatch, m::IfUnmodifiedSince, m::Range,
                      m::VersionId, m::PartNumber, m::ChecksumMode, Members...>::range;
  // Bytes first..last, both included.
  Self& range(std::uint64_t first, std::uint64_t last) {
    return this->range("bytes=" + std::to_string(first) + "-" + std::to_string(last));
  }
  // x-amz-checksum-mode: ENABLED, so that the object's checksum comes back (the client asks by
  // default: S3Options::responseChecksumValidation).
  Self& checksumMode(bool v = true) {
    if (v) this->checksumMode_ = "ENABLED";
    else this->checksumMode_.reset();
    return static_cast<Self&>(*this);
  }
  const std::optional<std::string>& bucketName() const { return this->bucket_; }
  const std::optional<std::string>& keyName() const { return this->key_; }
  // Whether it asks for a part of the object (a Range or a PartNumber).
  bool partial() const { return this->range_.has_value() || this->partNumber_.has_value(); }

  // A Range or a PartNumber, not both.
  void validateAcross(Validator& v) const {
    v.check(!(this->range_ && this->partNumber_), "Range", "must not be combined with PartNumber");
  }
  // The object's checksum is asked for (S3Options::responseChecksumValidation).
  static constexpr RestRequest::Traits traits{false, /*asksForChecksum=*/true, false};
};

// GetObject: an object (or a range of it) into memory, into a file (streamed to disk, renamed
// into place when complete) or into a sink of yours.
class GetObjectRequest
    : public ObjectSelection<GetObjectRequest, GetObjectResult, m::ResponseContentType, m::ResponseContentDisposition> {
 public:
  static constexpr const char* operation = "GetObject";
  static constexpr const char* http = "GET /{Bucket}/{Key+}";

  // Streams the object into `path` (via a temporary file next to it) instead of memory; it
  // takes the place of a sink.
  GetObjectRequest& toFile(std::string path) { file_ = std::move(path); return *this; }
  // Hands the object to `sink` piece by piece instead of memory.
  GetObjectRequest& toSink(ResponseBodySink sink) { sink_ = std::move(sink); return *this; }
  // Bytes received and the object's size (0 until the size is known: at the end).
  GetObjectRequest& onProgress(ProgressCallback progress) { progress_ = std::move(progress); return *this; }
  // The algorithm the object's checksum is expected in (else CRC32), computed as the bytes
  // arrive; an object with a checksum of another algorithm costs a second read of the file.
  GetObjectRequest& expectChecksum(ChecksumAlgorithm v) { expectedChecksum_ = v; return *this; }

  const std::optional<std::string>& file() const { return file_; }
  const ProgressCallback& progress() const { return progress_; }
  const ResponseBodySink& sink() const { return sink_; }
  ChecksumAlgorithm expectedChecksum() const { return expectedChecksum_; }

  // Range xor PartNumber; a file that can be written.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  // The members, and the body is the result, streamed to the sink when there is one.
  AWSDIRECT_DECL void serialize(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
  // Streamed into the request's file when it names one (a temporary file next to it, renamed into
  // place once the whole object has arrived), and checked against the object's checksum as it
  // arrives (defined with the client, s3/client.hpp).
  AWSDIRECT_DECL Outcome<Result> sendThrough(S3& s3) const;

 private:
  ChecksumAlgorithm expectedChecksum_ = ChecksumAlgorithm::Crc32;
  std::optional<std::string> file_;
  ResponseBodySink sink_;
  ProgressCallback progress_;
};

// HeadObject: an object's metadata without its body; code "404" when there is no such key.
class HeadObjectRequest : public ObjectSelection<HeadObjectRequest, ObjectMetadata> {
 public:
  static constexpr const char* operation = "HeadObject";
  static constexpr const char* http = "HEAD /{Bucket}/{Key+}";
  static Result parse(const RestResponse& response) { return ObjectMetadata::fromHeaders(response); }
};

// DeleteObject: removes a key (or one version of it). Deleting a key that does not exist succeeds.
class DeleteObjectRequest : public ObjectRequest<DeleteObjectRequest, DeleteObjectResult, m::VersionId> {
 public:
  static constexpr const char* operation = "DeleteObject";
  static constexpr const char* http = "DELETE /{Bucket}/{Key+}";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// An object to delete: its key, and a version for versioned buckets.
struct ObjectIdentifier {
  std::string key;
  std::string versionId;
};

// DeleteObjects: up to 1,000 keys in one request. Keys S3 could not delete come back in
// `errors`, each with its code; the call itself succeeds. S3::deleteObjectsInBatches takes any
// number of keys.
class DeleteObjectsRequest : public BucketRequest<DeleteObjectsRequest, DeleteObjectsResult> {
 public:
  static constexpr const char* operation = "DeleteObjects";
  static constexpr const char* http = "POST /{Bucket}?delete";

  DeleteObjectsRequest& key(std::string key) { objects_.push_back({std::move(key), {}}); return *this; }
  AWSDIRECT_DECL DeleteObjectsRequest& object(std::string key, std::string versionId);
  AWSDIRECT_DECL DeleteObjectsRequest& keys(const std::vector<std::string>& keys);
  // Quiet: only the failures are reported.
  DeleteObjectsRequest& quiet(bool v = true) { quiet_ = v; return *this; }

  const std::vector<ObjectIdentifier>& objects() const { return objects_; }

  // The keys, in the body: 1 to 1,000 of them.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  std::vector<ObjectIdentifier> objects_;
  bool quiet_ = false;
};

// ListObjectsV2: a page of up to 1,000 keys in key order. With a delimiter, keys that share a
// prefix up to it are rolled up into commonPrefixes. Keys travel URL-encoded (encoding-type=url,
// as botocore asks) so that any key survives XML, and are decoded here.
class ListObjectsV2Request
    : public BucketRequest<ListObjectsV2Request, ListObjectsV2Result, m::Delimiter, m::EncodingType, m::MaxKeys,
                           m::Prefix, m::ContinuationToken, m::FetchOwner, m::StartAfter> {
 public:
  static constexpr const char* operation = "ListObjectsV2";
  static constexpr const char* http = "GET /{Bucket}?list-type=2";
  ListObjectsV2Request() { encodingType_ = "url"; }
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// CopyObject: copies an object of up to 5 GiB inside S3, keeping its metadata (COPY) or
// replacing it with this request's (REPLACE).
class CopyObjectRequest : public ObjectAttributes<CopyObjectRequest> {
 public:
  using Result = CopyObjectResult;
  static constexpr const char* operation = "CopyObject";
  using Service = S3;

  CopyObjectRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CopyObjectRequest& key(std::string v) { key_ = std::move(v); return *this; }
  AWSDIRECT_DECL CopyObjectRequest& copySource(std::string bucket, std::string key, std::string versionId = {});
  // COPY (the default) or REPLACE.
  CopyObjectRequest& metadataDirective(std::string v) { metadataDirective_ = std::move(v); return *this; }
  CopyObjectRequest& copySourceIfMatch(std::string v) { copySourceIfMatch_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  std::optional<std::string> bucket_, key_, sourceBucket_, sourceKey_, sourceVersionId_, metadataDirective_,
      copySourceIfMatch_;
};

// CreateMultipartUpload: starts an upload in parts and returns its UploadId. Every started

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/objects.ipp"
#endif
