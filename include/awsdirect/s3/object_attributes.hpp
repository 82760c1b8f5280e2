#pragma once
// An object's tags (its own, not its bucket's) and its attributes read without its body:
// size, ETag, storage class, checksum, and its parts.
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

// An object's tags: up to 10, the same rules as every service's.
struct Tagging {
  std::vector<Tag> tagSet;
  AWSDIRECT_FIELDS(Tagging, field("TagSet", &Self::tagSet, "Tag"));
};

struct ObjectTagging {
  std::string versionId;  // x-amz-version-id: the version the tags are on
  std::vector<Tag> tagSet;
  AWSDIRECT_FIELDS(ObjectTagging, field("TagSet", &Self::tagSet, "Tag"));
};

struct ObjectTaggingChanged {
  std::string versionId;  // x-amz-version-id
};

// One part of a multipart object, as GetObjectAttributes lists them (its checksums inline, and
// no ChecksumType: the object's says it).
struct ObjectPart {
  int partNumber = 0;
  std::int64_t size = 0;
  std::string checksumCRC32, checksumCRC32C, checksumCRC64NVME, checksumSHA1, checksumSHA256, checksumSHA512;
  AWSDIRECT_FIELDS(ObjectPart, field("PartNumber", &Self::partNumber), field("Size", &Self::size),
                   field("ChecksumCRC32", &Self::checksumCRC32), field("ChecksumCRC32C", &Self::checksumCRC32C),
                   field("ChecksumCRC64NVME", &Self::checksumCRC64NVME), field("ChecksumSHA1", &Self::checksumSHA1),
                   field("ChecksumSHA256", &Self::checksumSHA256), field("ChecksumSHA512", &Self::checksumSHA512));
};

struct ObjectParts {
  int totalPartsCount = 0;
  int partNumberMarker = 0, nextPartNumberMarker = 0, maxParts = 0;
  bool isTruncated = false;
  std::vector<ObjectPart> parts;
  AWSDIRECT_FIELDS(ObjectParts, field("PartsCount", &Self::totalPartsCount),
                   field("PartNumberMarker", &Self::partNumberMarker),
                   field("NextPartNumberMarker", &Self::nextPartNumberMarker), field("MaxParts", &Self::maxParts),
                   field("IsTruncated", &Self::isTruncated), flattenedField("Part", &Self::parts));
};

struct GetObjectAttributesResult {
  // From the headers.
  bool deleteMarker = false;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string versionId;
  // From the body: only those asked for.
  std::string eTag;
  std::optional<Checksums> checksum;
  std::optional<ObjectParts> objectParts;
  std::string storageClass;
  std::optional<std::int64_t> objectSize;
  AWSDIRECT_FIELDS(GetObjectAttributesResult, field("ETag", &Self::eTag), field("Checksum", &Self::checksum),
                   field("ObjectParts", &Self::objectParts), field("StorageClass", &Self::storageClass),
                   field("ObjectSize", &Self::objectSize));
};

namespace members {
using namespace declare;
inline constexpr const char* kObjectAttributes[] = {"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"};
inline constexpr const char* kRequestPayers[] = {"requester"};
AWSDIRECT_MEMBER(TaggingMember, tagging, Tagging, apiName("Tagging"));
AWSDIRECT_MEMBER(RequestPayer, requestPayer, std::string, header("x-amz-request-payer"), oneOf(kRequestPayers));
AWSDIRECT_MEMBER(ObjectAttributeNames, objectAttributes, std::vector<std::string>, apiName("ObjectAttributes"),
                 header("x-amz-object-attributes"), oneOf(kObjectAttributes), count(1, 5));
AWSDIRECT_MEMBER(MaxPartsHeader, maxParts, int, apiName("MaxParts"), header("x-amz-max-parts"), range(1, 1000));
AWSDIRECT_MEMBER(PartNumberMarkerHeader, partNumberMarker, int, apiName("PartNumberMarker"),
                 header("x-amz-part-number-marker"), range(0, kMaxParts));
}  // namespace members

// PutObjectTagging: replaces the object's tags (of its current version, or of VersionId's).
class PutObjectTaggingRequest
    : public ObjectRequest<PutObjectTaggingRequest, ObjectTaggingChanged, m::VersionId, Required<m::TaggingMember>,
                           m::RequestPayer> {
 public:
  static constexpr const char* operation = "PutObjectTagging";
  static constexpr const char* http = "PUT /{Bucket}/{Key+}?tagging";
  PutObjectTaggingRequest& tag(std::string key, std::string value) {
    if (!tagging_) tagging_.emplace();
    tagging_->tagSet.push_back({std::move(key), std::move(value)});
    return *this;
  }
  // At most 10 tags, each by the common rules.
  void validateAcross(Validator& v) const {
    if (!tagging_) return;
    v.check(tagging_->tagSet.size() <= 10, "Tagging.TagSet", "must hold at most 10 tags");
    awsdirect::rules::tags(v, "Tagging.TagSet", tagging_->tagSet);
  }
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
  static Result parse(const RestResponse& response) { return {response.header("x-amz-version-id")}; }
};

// GetObjectTagging: the object's tags (an empty set when it has none).
class GetObjectTaggingRequest
    : public ObjectRequest<GetObjectTaggingRequest, ObjectTagging, m::VersionId, m::RequestPayer> {
 public:
  static constexpr const char* operation = "GetObjectTagging";
  static constexpr const char* http = "GET /{Bucket}/{Key+}?tagging";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

class DeleteObjectTaggingRequest : public ObjectRequest<DeleteObjectTaggingRequest, ObjectTaggingChanged, m::VersionId> {
 public:
  static constexpr const char* operation = "DeleteObjectTagging";
  static constexpr const char* http = "DELETE /{Bucket}/{Key+}?tagging";
  static Result parse(const RestResponse& response) { return {response.header("x-amz-version-id")}; }
};

// GetObjectAttributes: what is asked for (ETag, Checksum, ObjectParts, StorageClass, ObjectSize)
// without the body; the parts page by page (MaxParts, PartNumberMarker).
class GetObjectAttributesRequest
    : public ObjectRequest<GetObjectAttributesRequest, GetObjectAttributesResult, m::VersionId, m::MaxPartsHeader,
                           m::PartNumberMarkerHeader, m::RequestPayer, Required<m::ObjectAttributeNames>> {
 public:
  static constexpr const char* operation = "GetObjectAttributes";
  static constexpr const char* http = "GET /{Bucket}/{Key+}?attributes";
  GetObjectAttributesRequest& attribute(std::string name) { objectAttributes_.push_back(std::move(name)); return *this; }
  GetObjectAttributesRequest& allAttributes() {
    objectAttributes_.assign(std::begin(m::kObjectAttributes), std::end(m::kObjectAttributes));
    return *this;
  }
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/object_attributes.ipp"
#endif
