#pragma once
// S3 versioning: a bucket's versioning state, and the listing of every version and delete marker
// of its objects (what a versioned bucket must be emptied of before DeleteBucket).
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../request.hpp"
#include "../rest_xml.hpp"
#include "../result.hpp"
#include "common.hpp"

namespace awsdirect {
namespace s3 {

struct BucketVersioning {
  std::string status;     // "Enabled", "Suspended", or empty: never versioned
  std::string mfaDelete;  // "Enabled", "Disabled", or empty
  AWSDIRECT_FIELDS(BucketVersioning, field("Status", &Self::status), field("MfaDelete", &Self::mfaDelete));
};

// A delete marker: a version that says the object was deleted (no body, size or ETag).
struct DeleteMarkerEntry {
  std::string key;
  std::string versionId;
  bool isLatest = false;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string ownerId;
  AWSDIRECT_FIELDS(DeleteMarkerEntry, field("Owner/ID", &Self::ownerId), field("Key", &Self::key),
                   field("VersionId", &Self::versionId), field("IsLatest", &Self::isLatest),
                   field("LastModified", &Self::lastModified));
};

// One version of an object.
struct ObjectVersion : DeleteMarkerEntry {
  std::string eTag;
  std::optional<std::int64_t> size;
  std::string storageClass;
  template <class Self = ObjectVersion>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    using V = Self;
    return extendFields(DeleteMarkerEntry::fields<Self>(), field("ETag", &V::eTag), field("Size", &V::size),
                        field("StorageClass", &V::storageClass));
  }
};

struct ListObjectVersionsResult {
  std::vector<ObjectVersion> versions;
  std::vector<DeleteMarkerEntry> deleteMarkers;
  std::vector<std::string> commonPrefixes;
  bool isTruncated = false;
  std::string nextKeyMarker, nextVersionIdMarker;
  std::string encodingType;
  AWSDIRECT_FIELDS(ListObjectVersionsResult, flattenedField("Version", &Self::versions),
                   flattenedField("DeleteMarker", &Self::deleteMarkers), field("IsTruncated", &Self::isTruncated),
                   field("NextKeyMarker", &Self::nextKeyMarker),
                   field("NextVersionIdMarker", &Self::nextVersionIdMarker),
                   field("EncodingType", &Self::encodingType));
};

namespace members {
using namespace declare;
inline constexpr const char* kVersioningStatuses[] = {"Enabled", "Suspended"};
AWSDIRECT_MEMBER(VersionIdMarker, versionIdMarker, std::string, query("version-id-marker"));
AWSDIRECT_MEMBER(VersioningStatus, status, std::string, apiName("Status"), oneOf(kVersioningStatuses));
}  // namespace members

// PutBucketVersioning: turns versioning on (Enabled) or off for new writes (Suspended; a bucket
// once versioned is never unversioned), with the Content-MD5 S3 requires.
class PutBucketVersioningRequest
    : public BucketRequest<PutBucketVersioningRequest, Empty, Required<m::VersioningStatus>> {
 public:
  static constexpr const char* operation = "PutBucketVersioning";
  static constexpr const char* http = "PUT /{Bucket}?versioning";
  PutBucketVersioningRequest& enabled() { return status("Enabled"); }
  PutBucketVersioningRequest& suspended() { return status("Suspended"); }
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
};

// GetBucketVersioning: Enabled, Suspended, or nothing for a bucket never versioned.
class GetBucketVersioningRequest : public BucketRequest<GetBucketVersioningRequest, BucketVersioning> {
 public:
  static constexpr const char* operation = "GetBucketVersioning";
  static constexpr const char* http = "GET /{Bucket}?versioning";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// ListObjectVersions: every version and delete marker, page by page (KeyMarker and
// VersionIdMarker). Keys travel URL-encoded (encoding-type=url, as botocore asks) and are
// decoded here.
class ListObjectVersionsRequest
    : public BucketRequest<ListObjectVersionsRequest, ListObjectVersionsResult, m::Delimiter, m::EncodingType,
                           m::KeyMarker, m::MaxKeys, m::Prefix, m::VersionIdMarker> {
 public:
  static constexpr const char* operation = "ListObjectVersions";
  static constexpr const char* http = "GET /{Bucket}?versions";
  ListObjectVersionsRequest() { encodingType_ = "url"; }
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/versions.ipp"
#endif
