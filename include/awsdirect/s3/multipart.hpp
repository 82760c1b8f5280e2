#pragma once
// S3 multipart uploads: create, upload a part, complete, abort, and list parts and uploads.
// s3/transfer.hpp runs them for whole files.
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
#include "../validate.hpp"
#include "common.hpp"
#include "objects.hpp"

namespace awsdirect {
namespace s3 {

struct CreateMultipartUploadResult {
  std::string bucket, key, uploadId;
};

struct UploadPartResult {
  std::string eTag;
  Checksums checksums;  // the one the part was sent with
};

// A part as CompleteMultipartUpload names it.
struct CompletedPart {
  int partNumber = 0;
  std::string eTag;
  Checksums checksums;  // the part's, when the upload was created with a ChecksumAlgorithm
};

struct CompleteMultipartUploadResult {
  std::string location, bucket, key, eTag, versionId;  // versionId: x-amz-version-id
  Checksums checksums;  // inline, with the object's ChecksumType
  AWSDIRECT_FIELDS(CompleteMultipartUploadResult, field("Location", &Self::location), field("Bucket", &Self::bucket),
                   field("Key", &Self::key), field("ETag", &Self::eTag), inlineField(&Self::checksums));
};

struct Part {
  int partNumber = 0;
  std::string eTag;
  std::uint64_t size = 0;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  Checksums checksums;  // inline in <Part>, read with the part (a part has no ChecksumType)
  AWSDIRECT_FIELDS(Part, field("PartNumber", &Self::partNumber), field("ETag", &Self::eTag), field("Size", &Self::size),
                   field("LastModified", &Self::lastModified));
};

struct ListPartsResult {
  std::vector<Part> parts;
  bool isTruncated = false;
  int nextPartNumberMarker = 0;
  std::string storageClass;
  AWSDIRECT_FIELDS(ListPartsResult, flattenedField("Part", &Self::parts), field("IsTruncated", &Self::isTruncated),
                   field("NextPartNumberMarker", &Self::nextPartNumberMarker),
                   field("StorageClass", &Self::storageClass));
};

struct MultipartUpload {
  std::string key, uploadId, storageClass;
  std::optional<std::chrono::system_clock::time_point> initiated;
  AWSDIRECT_FIELDS(MultipartUpload, field("Key", &Self::key), field("UploadId", &Self::uploadId),
                   field("StorageClass", &Self::storageClass), field("Initiated", &Self::initiated));
};

struct ListMultipartUploadsResult {
  std::vector<MultipartUpload> uploads;
  bool isTruncated = false;
  std::string nextKeyMarker, nextUploadIdMarker;
  std::string encodingType;  // "url": keys arrive URL-encoded, and are decoded
  AWSDIRECT_FIELDS(ListMultipartUploadsResult, flattenedField("Upload", &Self::uploads),
                   field("IsTruncated", &Self::isTruncated), field("NextKeyMarker", &Self::nextKeyMarker),
                   field("NextUploadIdMarker", &Self::nextUploadIdMarker), field("EncodingType", &Self::encodingType));
};

class CreateMultipartUploadRequest : public ObjectAttributes<CreateMultipartUploadRequest> {
 public:
  using Result = CreateMultipartUploadResult;
  static constexpr const char* operation = "CreateMultipartUpload";
  using Service = S3;

  CreateMultipartUploadRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CreateMultipartUploadRequest& key(std::string v) { key_ = std::move(v); return *this; }
  // Parts then carry a checksum of this algorithm, and the completion lists each part's: the
  // object's checksum is then COMPOSITE, of its parts' checksums (S3's default type).
  CreateMultipartUploadRequest& checksumAlgorithm(ChecksumAlgorithm v) { checksumAlgorithm_ = v; return *this; }
  CreateMultipartUploadRequest& checksumSha256() { return checksumAlgorithm(ChecksumAlgorithm::Sha256); }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  std::optional<std::string> bucket_, key_;
  std::optional<ChecksumAlgorithm> checksumAlgorithm_;
};

// UploadPart: one part (1-10,000) of a multipart upload; 5 MiB to 5 GiB, the last may be smaller.
class UploadPartRequest
    : public ObjectRequest<UploadPartRequest, UploadPartResult, Required<m::PartNumber>, Required<m::UploadId>> {
 public:
  static constexpr const char* operation = "UploadPart";
  static constexpr const char* http = "PUT /{Bucket}/{Key+}";

  UploadPartRequest& body(std::string bytes) { body_.setBytes(std::move(bytes)); return *this; }
  AWSDIRECT_DECL UploadPartRequest& bodyFromFile(std::string path, std::uint64_t offset, std::uint64_t length);
  UploadPartRequest& onProgress(ProgressCallback progress) { body_.setProgress(std::move(progress)); return *this; }
  // The algorithm the upload was created with: the part is sent with its checksum, computed
  // from the bytes as sent.
  UploadPartRequest& checksumAlgorithm(ChecksumAlgorithm v) { checksumAlgorithm_ = v; return *this; }
  UploadPartRequest& checksumSha256() { return checksumAlgorithm(ChecksumAlgorithm::Sha256); }

  // The body: a readable file, or at most 5 GiB in memory.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  // The body, and its checksum when the upload has an algorithm.
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  RequestBody body_;
  std::optional<ChecksumAlgorithm> checksumAlgorithm_;
};

// CompleteMultipartUpload: assembles the parts, in ascending part number, into the object.
class CompleteMultipartUploadRequest
    : public ObjectRequest<CompleteMultipartUploadRequest, CompleteMultipartUploadResult, Required<m::UploadId>> {
 public:
  static constexpr const char* operation = "CompleteMultipartUpload";
  static constexpr const char* http = "POST /{Bucket}/{Key+}";

  AWSDIRECT_DECL CompleteMultipartUploadRequest& part(int number, std::string eTag, Checksums checksums = {});
  CompleteMultipartUploadRequest& parts(std::vector<CompletedPart> v) { parts_ = std::move(v); return *this; }

  // The parts, in the body: 1 to 10,000, in ascending order, each with its ETag.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL void writeBody(RestRequest& r) const;
  AWSDIRECT_DECL static Result parse(const RestResponse& response);

 private:
  std::vector<CompletedPart> parts_;
};

// AbortMultipartUpload: discards the upload and its parts (NoSuchUpload when it is gone).
class AbortMultipartUploadRequest : public ObjectRequest<AbortMultipartUploadRequest, Empty, Required<m::UploadId>> {
 public:
  static constexpr const char* operation = "AbortMultipartUpload";
  static constexpr const char* http = "DELETE /{Bucket}/{Key+}";
};

// ListParts: the parts uploaded so far, page by page (PartNumberMarker).
class ListPartsRequest : public ObjectRequest<ListPartsRequest, ListPartsResult, Required<m::UploadId>, m::MaxParts,
                                              m::PartNumberMarker> {
 public:
  static constexpr const char* operation = "ListParts";
  static constexpr const char* http = "GET /{Bucket}/{Key+}";
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

// ListMultipartUploads: the uploads started and neither completed nor aborted, page by page.
// Keys travel URL-encoded (encoding-type=url, as botocore asks) and are decoded here.
class ListMultipartUploadsRequest
    : public BucketRequest<ListMultipartUploadsRequest, ListMultipartUploadsResult, m::EncodingType, m::KeyMarker,
                           m::MaxUploads, m::Prefix, m::UploadIdMarker> {
 public:
  static constexpr const char* operation = "ListMultipartUploads";
  static constexpr const char* http = "GET /{Bucket}?uploads";
  ListMultipartUploadsRequest() { encodingType_ = "url"; }
  AWSDIRECT_DECL static Result parse(const RestResponse& response);
};

}  // namespace s3
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/multipart.ipp"
#endif
