// Definitions of <awsdirect/s3/multipart.hpp>.
#include <sys/stat.h>

#include "../../crypto.hpp"
#include "../../detail/files.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../time.hpp"
#include "../../uri.hpp"

namespace awsdirect {
namespace s3 {

void CreateMultipartUploadRequest::validate(Validator& v) const {
  rules::bucketName(v, bucket_);
  rules::objectKey(v, key_);
  validateAttributes(v);
}

void CreateMultipartUploadRequest::serialize(RestRequest& r) const {
  r.method("POST");
  detail::objectPath(r, bucket_, key_);
  r.queryFlag("uploads");
  serializeAttributes(r);
  if (checksumAlgorithm_) r.header("x-amz-checksum-algorithm", checksumAlgorithmName(*checksumAlgorithm_));
}

CreateMultipartUploadResult CreateMultipartUploadRequest::parse(const RestResponse& response) {
  XmlNode root = response.xml("InitiateMultipartUploadResult");
  return {root.text("Bucket"), root.text("Key"), root.text("UploadId")};
}

UploadPartRequest& UploadPartRequest::bodyFromFile(std::string path, std::uint64_t offset, std::uint64_t length) {
  body_.setFile(std::move(path), offset, length);
  return *this;
}

void UploadPartRequest::validateAcross(Validator& v) const {
  body_.validate(v, "Body");
  v.check(body_.bytes().size() <= kMaxPartSize, "Body", "must be at most 5 GiB");
}

void UploadPartRequest::writeBody(RestRequest& r) const {
  body_.serialize(r);
  detail::requestChecksum(r, checksumAlgorithm_);
}

UploadPartResult UploadPartRequest::parse(const RestResponse& response) {
  return {response.header("ETag"), Checksums::fromHeaders(response)};
}

CompleteMultipartUploadRequest& CompleteMultipartUploadRequest::part(int number, std::string eTag, Checksums checksums) {
  parts_.push_back({number, std::move(eTag), std::move(checksums)});
  return *this;
}

void CompleteMultipartUploadRequest::validateAcross(Validator& v) const {
  v.check(!parts_.empty() && parts_.size() <= static_cast<std::size_t>(kMaxParts), "MultipartUpload.Parts",
          "must list 1 to 10000 parts");
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const std::string field = "MultipartUpload.Parts[" + std::to_string(i) + "]";
    v.check(parts_[i].partNumber >= 1 && parts_[i].partNumber <= kMaxParts, field + ".PartNumber",
            "must be between 1 and 10000");
    v.check(i == 0 || parts_[i].partNumber > parts_[i - 1].partNumber, field + ".PartNumber",
            "must be greater than the previous part's (parts go in ascending order)");
    v.check(!parts_[i].eTag.empty(), field + ".ETag", "is required");
  }
}

void CompleteMultipartUploadRequest::writeBody(RestRequest& r) const {
  XmlBodyWriter body("CompleteMultipartUpload", kXmlNamespace);
  for (const auto& part : parts_) {
    XmlElementWriter element = body.root().element("Part");
    element.text("ETag", part.eTag);
    part.checksums.toXml(element);
    element.integer("PartNumber", part.partNumber);
  }
  r.body(body.str());
}

CompleteMultipartUploadResult CompleteMultipartUploadRequest::parse(const RestResponse& response) {
  // S3 answers <CompleteMultipartUploadResult>; moto, <CompleteMultipartUploadResponse>.
  Result result = readResult<Result>(response.xml("CompleteMultipartUploadResult", "CompleteMultipartUploadResponse"));
  result.versionId = response.header("x-amz-version-id");
  return result;
}

ListPartsResult ListPartsRequest::parse(const RestResponse& response) {
  XmlNode root = response.xml("ListPartsResult");
  Result result = readResult<Result>(root);
  std::size_t i = 0;
  for (const XmlNode& p : root.children("Part")) result.parts.at(i++).checksums = Checksums::fromXml(p);
  return result;
}

ListMultipartUploadsResult ListMultipartUploadsRequest::parse(const RestResponse& response) {
  Result result = readResult<Result>(response.xml("ListMultipartUploadsResult"));
  if (result.encodingType == "url") {
    for (MultipartUpload& upload : result.uploads) upload.key = formDecode(upload.key);
    result.nextKeyMarker = formDecode(result.nextKeyMarker);
  }
  return result;
}

}  // namespace s3
}  // namespace awsdirect
