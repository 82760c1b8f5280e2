#pragma once
// What every part of the S3 client shares: S3's limits, its naming rules, and the path helpers
// of its requests.
#include <cstddef>
#include <chrono>
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "../checksum.hpp"
#include "../detail/build_mode.hpp"
#include "../request.hpp"
#include "../rest_xml.hpp"
#include "../validate.hpp"
#include "../xml.hpp"

namespace awsdirect {

class S3;

namespace s3 {

inline constexpr std::uint64_t kMiB = 1024 * 1024;
inline constexpr std::uint64_t kMinPartSize = 5 * kMiB;          // every part but the last
inline constexpr std::uint64_t kMaxPartSize = 5 * 1024 * kMiB;   // 5 GiB, also PutObject's limit
inline constexpr int kMaxParts = 10000;
inline constexpr std::size_t kMaxKeysPerDelete = 1000;
inline constexpr std::size_t kMaxKeyBytes = 1024;
inline constexpr const char* kXmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

// Called as a transfer moves: bytes done so far and the total. Never called by two threads at
// once for one transfer.
using ProgressCallback = std::function<void(std::uint64_t bytesDone, std::uint64_t bytesTotal)>;

// ---- Names and addresses ----

namespace detail {

// Whether `host` (no port) is an IP address or localhost: botocore addresses such endpoints by path.
AWSDIRECT_DECL bool isIpOrLocalhost(std::string_view host);

// Whether a bucket name can be a DNS label of a virtual host (botocore's
// isVirtualHostableS3Bucket): 3-63 lowercase letters, digits and hyphens (and dots when
// `allowDots`), alphanumeric at both ends, not an IP address.
AWSDIRECT_DECL bool isVirtualHostableBucket(const std::string& bucket, bool allowDots);

}  // namespace detail

// ---- Rules -------------------------------------------------------------------------------------

namespace rules {

// The naming rules for a new general purpose bucket.
AWSDIRECT_DECL void newBucketName(Validator& v, const std::optional<std::string>& bucket);

// A bucket that already exists: besides today's names, the older us-east-1 names of up to 255
// letters, digits, dots, hyphens and underscores still exist, so these are accepted as botocore
// does; what could never name a bucket (empty, '/', spaces) is refused.
AWSDIRECT_DECL void bucketName(Validator& v, const std::optional<std::string>& bucket);

AWSDIRECT_DECL void objectKey(Validator& v, const std::optional<std::string>& key, const std::string& field = "Key");

// The same rules as checks of a declared member's value (request.hpp).
AWSDIRECT_DECL void bucketCharacters(Validator& v, const std::string& field, const std::string& bucket);
AWSDIRECT_DECL void objectKeyText(Validator& v, const std::string& field, const std::string& key);
// A Range header as S3 takes it: "bytes=FIRST-LAST" with FIRST <= LAST, "bytes=FIRST-" or "bytes=-SUFFIX".
AWSDIRECT_DECL void rangeHeader(Validator& v, const std::string& field, const std::string& range);

AWSDIRECT_DECL bool isStorageClass(const std::string& value);

AWSDIRECT_DECL void storageClass(Validator& v, const std::optional<std::string>& value);

AWSDIRECT_DECL void serverSideEncryption(Validator& v, const std::optional<std::string>& value,
                                 const std::optional<std::string>& kmsKeyId);

// User metadata travels as x-amz-meta-NAME headers: names must be header tokens, values single
// lines, and S3 takes at most 2 KB of it in all.
AWSDIRECT_DECL void metadata(Validator& v, const std::map<std::string, std::string>& values);

AWSDIRECT_DECL void partNumber(Validator& v, const std::optional<int>& number);

inline void uploadId(Validator& v, const std::optional<std::string>& id) { v.requiredText(id, "UploadId"); }

// A local file to upload: it must exist, be a regular file and be readable, checked before any call.
AWSDIRECT_DECL void readableFile(Validator& v, const std::string& field, const std::string& path);

// A local file to download into: not a directory, in a directory that exists and is writable.
AWSDIRECT_DECL void writableFile(Validator& v, const std::string& field, const std::string& path);

}  // namespace rules

struct Owner {
  std::string id;
  std::string displayName;
  static Owner fromXml(const XmlNode& node) { return {node.text("ID"), node.text("DisplayName")}; }
  AWSDIRECT_FIELDS(Owner, field("DisplayName", &Self::displayName), field("ID", &Self::id));
};

// The checksums S3 keeps with an object or a part: ChecksumCRC32, ... in XML, x-amz-checksum-*
// in headers; empty for the algorithms it has none of.
struct Checksums {
  std::string crc32, crc32c, crc64nvme, sha1, sha256, sha512;
  // FULL_OBJECT, or COMPOSITE: a multipart object's checksum of its parts' checksums ("...-3").
  std::string type;

  AWSDIRECT_DECL std::string& operator[](ChecksumAlgorithm algorithm);
  const std::string& operator[](ChecksumAlgorithm algorithm) const { return const_cast<Checksums&>(*this)[algorithm]; }
  // The algorithm of the first value present, or nullopt when there is none.
  AWSDIRECT_DECL std::optional<ChecksumAlgorithm> algorithm() const;
  // Whether `algorithm`'s value is of the whole body (not composite), so the body can be checked against it.
  AWSDIRECT_DECL bool coversWholeBody(ChecksumAlgorithm algorithm) const;

  AWSDIRECT_DECL static Checksums fromHeaders(const RestResponse& r);
  AWSDIRECT_DECL static Checksums fromXml(const XmlNode& node);
  AWSDIRECT_FIELDS(Checksums, field("ChecksumCRC32", &Self::crc32), field("ChecksumCRC32C", &Self::crc32c),
                   field("ChecksumCRC64NVME", &Self::crc64nvme), field("ChecksumSHA1", &Self::sha1),
                   field("ChecksumSHA256", &Self::sha256), field("ChecksumSHA512", &Self::sha512),
                   field("ChecksumType", &Self::type));
  AWSDIRECT_DECL void toXml(XmlElementWriter& element) const;
};

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;

AWSDIRECT_MEMBER(Bucket, bucket, std::string, uri(), length(1, SIZE_MAX), check(rules::bucketCharacters));
AWSDIRECT_MEMBER(Key, key, std::string, greedyUri(), length(1, SIZE_MAX), check(rules::objectKeyText));
AWSDIRECT_MEMBER(ExpectedBucketOwner, expectedBucketOwner, std::string, header("x-amz-expected-bucket-owner"));
AWSDIRECT_MEMBER(VersionId, versionId, std::string, query("versionId"));
AWSDIRECT_MEMBER(UploadId, uploadId, std::string, query("uploadId"), length(1, SIZE_MAX));
AWSDIRECT_MEMBER(Prefix, prefix, std::string, query("prefix"));
AWSDIRECT_MEMBER(Delimiter, delimiter, std::string, query("delimiter"));
AWSDIRECT_MEMBER(EncodingType, encodingType, std::string, query("encoding-type"));
AWSDIRECT_MEMBER(ContinuationToken, continuationToken, std::string, query("continuation-token"));
AWSDIRECT_MEMBER(StartAfter, startAfter, std::string, query("start-after"));
AWSDIRECT_MEMBER(MaxKeys, maxKeys, int, query("max-keys"), range(0, INT_MAX));
AWSDIRECT_FLAG(FetchOwner, fetchOwner, query("fetch-owner"));
AWSDIRECT_MEMBER(MaxBuckets, maxBuckets, int, query("max-buckets"), range(1, 10000));
AWSDIRECT_MEMBER(BucketRegion, bucketRegion, std::string, query("bucket-region"));
AWSDIRECT_MEMBER(MaxParts, maxParts, int, query("max-parts"), range(1, 1000));
AWSDIRECT_MEMBER(PartNumberMarker, partNumberMarker, int, query("part-number-marker"), range(0, kMaxParts));
AWSDIRECT_MEMBER(KeyMarker, keyMarker, std::string, query("key-marker"));
AWSDIRECT_MEMBER(UploadIdMarker, uploadIdMarker, std::string, query("upload-id-marker"));
AWSDIRECT_MEMBER(MaxUploads, maxUploads, int, query("max-uploads"), range(1, 1000));
AWSDIRECT_MEMBER(PartNumber, partNumber, int, query("partNumber"), range(1, kMaxParts));
// A Range header as HTTP writes it ("bytes=0-99", "bytes=100-", "bytes=-500").
AWSDIRECT_MEMBER(Range, range, std::string, header("Range"), check(rules::rangeHeader));
// Only if the object's ETag is (If-Match) or is not (If-None-Match: 304 when it is) this one.
AWSDIRECT_MEMBER(IfMatch, ifMatch, std::string, header("If-Match"));
AWSDIRECT_MEMBER(IfNoneMatch, ifNoneMatch, std::string, header("If-None-Match"));
AWSDIRECT_MEMBER(IfModifiedSince, ifModifiedSince, std::chrono::system_clock::time_point, header("If-Modified-Since"));
AWSDIRECT_MEMBER(IfUnmodifiedSince, ifUnmodifiedSince, std::chrono::system_clock::time_point, header("If-Unmodified-Since"));
static constexpr const char* kChecksumModes[] = {"ENABLED"};
AWSDIRECT_MEMBER(ChecksumMode, checksumMode, std::string, header("x-amz-checksum-mode"), oneOf(kChecksumModes));
AWSDIRECT_MEMBER(ResponseContentType, responseContentType, std::string, query("response-content-type"));
AWSDIRECT_MEMBER(ResponseContentDisposition, responseContentDisposition, std::string, query("response-content-disposition"));

}  // namespace members

namespace m = members;

// The shape most bucket operations share: the bucket, and the account expected to own it.
template <class Self, class Result, class... Members>
using BucketRequest = Request<Self, S3, Result, Required<m::Bucket>, m::ExpectedBucketOwner, Members...>;
// ... and most object operations: the bucket, the key, the owner.
template <class Self, class Result, class... Members>
using ObjectRequest = Request<Self, S3, Result, Required<m::Bucket>, Required<m::Key>, m::ExpectedBucketOwner, Members...>;

// ---- What requests share ----

namespace detail {

// Writes "/{Bucket}" and, for object operations, "/{Key+}".
AWSDIRECT_DECL void bucketPath(RestRequest& r, const std::optional<std::string>& bucket);
AWSDIRECT_DECL void objectPath(RestRequest& r, const std::optional<std::string>& bucket, const std::optional<std::string>& key);

// Asks for a flexible checksum of the body: x-amz-sdk-checksum-algorithm, and x-amz-checksum-*
// left empty for the client to fill in from the body as sent, at each attempt.
AWSDIRECT_DECL void requestChecksum(RestRequest& r, const std::optional<ChecksumAlgorithm>& algorithm);
// The algorithm a request asked for with requestChecksum, if any.
AWSDIRECT_DECL std::optional<ChecksumAlgorithm> requestedChecksum(const HttpHeaders& headers);

// An IntegrityError (ChecksumMismatch) when the checksum of the bytes received is not the one S3
// keeps for `what` ("s3://bucket/key").
AWSDIRECT_DECL std::optional<Error> checksumMismatch(ChecksumAlgorithm algorithm, const std::string& expected,
                                                     const std::string& received, const std::string& what);

// Content-MD5 of an XML body that S3 wants checked (requestChecksumRequired in the model).
AWSDIRECT_DECL void xmlBodyWithChecksum(RestRequest& r, std::string body);

struct ObjectAttributeValues {
  std::optional<std::string> contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
      storageClass, serverSideEncryption, sseKmsKeyId, acl, tagging, expectedBucketOwner;
  std::map<std::string, std::string> metadata;
};

}  // namespace detail

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/common.ipp"
#endif
