// Definitions of <awsdirect/s3/objects.hpp>.
#include <sys/stat.h>

#include "../../crypto.hpp"
#include "../../detail/files.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../time.hpp"
#include "../../uri.hpp"

namespace awsdirect {
namespace s3 {

ObjectMetadata ObjectMetadata::fromHeaders(const RestResponse& r) {
  ObjectMetadata m;
  m.contentLength = static_cast<std::uint64_t>(r.integerHeader("Content-Length"));
  m.contentType = r.header("Content-Type");
  m.eTag = r.header("ETag");
  m.lastModified = r.timeHeader("Last-Modified");
  m.versionId = r.header("x-amz-version-id");
  m.storageClass = r.header("x-amz-storage-class");
  m.serverSideEncryption = r.header("x-amz-server-side-encryption");
  m.sseKmsKeyId = r.header("x-amz-server-side-encryption-aws-kms-key-id");
  m.cacheControl = r.header("Cache-Control");
  m.contentEncoding = r.header("Content-Encoding");
  m.contentDisposition = r.header("Content-Disposition");
  m.contentLanguage = r.header("Content-Language");
  m.contentRange = r.header("Content-Range");
  m.checksums = Checksums::fromHeaders(r);
  m.expiration = r.header("x-amz-expiration");
  m.metadata = r.prefixedHeaders("x-amz-meta-");
  m.deleteMarker = r.booleanHeader("x-amz-delete-marker");
  m.partsCount = static_cast<int>(r.integerHeader("x-amz-mp-parts-count", 0, 0, 10000));
  return m;
}

std::optional<ChecksumAlgorithm> ObjectMetadata::wholeObjectChecksum() const {
  const std::optional<ChecksumAlgorithm> algorithm = checksums.algorithm();
  if (!algorithm || !checksums.coversWholeBody(*algorithm)) return std::nullopt;
  // A multipart object's ETag ends in "-N"; its checksum is composite unless S3 says otherwise
  // (HeadObject may leave the "-N" off the checksum).
  const bool multipart = eTag.find('-') != std::string::npos || partsCount > 0;
  if (multipart && checksums.type != "FULL_OBJECT") return std::nullopt;
  return algorithm;
}

void RequestBody::setBytes(std::string bytes) {
  bytes_ = std::move(bytes);
  file_.reset();
}

void RequestBody::setFile(std::string path, std::uint64_t offset, std::optional<std::uint64_t> length) {
  file_ = FileRegion{std::move(path), offset, length};
  bytes_.clear();
}

void RequestBody::validate(Validator& v, const std::string& field) const {
  if (!file_) return;
  rules::readableFile(v, field, file_->path);
  struct stat info{};
  if (file_->length && ::stat(file_->path.c_str(), &info) == 0)
    v.check(file_->offset + *file_->length <= static_cast<std::uint64_t>(info.st_size), field,
            "asks for bytes past the end of the file");
}

void RequestBody::serialize(RestRequest& r) const {
  if (!file_) {
    r.body(bytes_);
    return;
  }
  auto source = std::make_shared<const awsdirect::detail::FileSource>(file_->path);
  if (file_->offset > source->size())
    throwError(makeError(ErrorKind::Validation, "ValidationError", "the file offset is past the end of " + file_->path));
  const std::uint64_t length = file_->length.value_or(source->size() - file_->offset);
  std::function<void(std::uint64_t)> report;
  if (progress_) report = [progress = progress_, length](std::uint64_t done) { progress(done, length); };
  r.streamedBody(awsdirect::detail::FileSource::region(source, file_->offset, length, std::move(report)),
                 awsdirect::detail::FileSource::region(source, file_->offset, length));
}

PutObjectRequest& PutObjectRequest::bodyFromFile(std::string path, std::uint64_t offset, std::optional<std::uint64_t> length) {
  body_.setFile(std::move(path), offset, length);
  return *this;
}

void PutObjectRequest::validate(Validator& v) const {
  rules::bucketName(v, bucket_);
  rules::objectKey(v, key_);
  validateAttributes(v);
  body_.validate(v, "Body");
  v.check(!(contentMd5_ && body_.isFile()), "ContentMD5", "is computed for bodies in memory only");
  v.check(body_.bytes().size() <= kMaxPartSize, "Body", "must be at most 5 GiB; use a multipart upload");
}

void PutObjectRequest::serialize(RestRequest& r) const {
  r.method("PUT");
  r.traits({/*checksumByDefault=*/true, false, false});
  detail::objectPath(r, bucket_, key_);
  serializeAttributes(r);
  r.optionalHeader("If-None-Match", ifNoneMatch_);
  r.optionalHeader("If-Match", ifMatch_);
  body_.serialize(r);
  if (contentMd5_) r.header("Content-MD5", awsdirect::contentMd5(body_.bytes()));
  detail::requestChecksum(r, checksumAlgorithm_);
}

PutObjectResult PutObjectRequest::parse(const RestResponse& response) {
  return {response.header("ETag"), response.header("x-amz-version-id"), response.header("x-amz-server-side-encryption"),
          Checksums::fromHeaders(response), response.header("x-amz-expiration")};
}

void GetObjectRequest::validateAcross(Validator& v) const {
  ObjectSelection::validateAcross(v);
  if (file_) rules::writableFile(v, "File", *file_);
}

void GetObjectRequest::serialize(RestRequest& r) const {
  writeRequest(*this, r);
  if (sink_) r.responseSink(sink_);
  r.resultIsBody();
}

GetObjectResult GetObjectRequest::parse(const RestResponse& response) {
  Result result;
  static_cast<ObjectMetadata&>(result) = ObjectMetadata::fromHeaders(response);
  result.body = response.body();
  return result;
}

DeleteObjectResult DeleteObjectRequest::parse(const RestResponse& response) {
  return {response.booleanHeader("x-amz-delete-marker"), response.header("x-amz-version-id")};
}

DeleteObjectsRequest& DeleteObjectsRequest::object(std::string key, std::string versionId) {
  objects_.push_back({std::move(key), std::move(versionId)});
  return *this;
}

DeleteObjectsRequest& DeleteObjectsRequest::keys(const std::vector<std::string>& keys) {
  for (const auto& k : keys) key(k);
  return *this;
}

void DeleteObjectsRequest::validateAcross(Validator& v) const {
  v.check(!objects_.empty() && objects_.size() <= kMaxKeysPerDelete, "Delete.Objects",
          "must hold 1 to 1000 keys (" + std::to_string(objects_.size()) + " given)");
  for (std::size_t i = 0; i < objects_.size(); ++i)
    rules::objectKey(v, objects_[i].key, "Delete.Objects[" + std::to_string(i) + "].Key");
}

void DeleteObjectsRequest::writeBody(RestRequest& r) const {
  XmlBodyWriter body("Delete", kXmlNamespace);
  for (const auto& object : objects_) {
    XmlElementWriter element = body.root().element("Object");
    element.text("Key", object.key);
    if (!object.versionId.empty()) element.text("VersionId", object.versionId);
  }
  if (quiet_) body.root().boolean("Quiet", true);
  detail::xmlBodyWithChecksum(r, body.str());
}

DeleteObjectsResult DeleteObjectsRequest::parse(const RestResponse& response) {
  return readResult<Result>(response.xml("DeleteResult"));
}

ListObjectsV2Result ListObjectsV2Request::parse(const RestResponse& response) {
  XmlNode root = response.xml("ListBucketResult");
  Result result = readResult<Result>(root);
  const bool urlEncoded = result.encodingType == "url";
  auto decoded = [&](std::string text) { return urlEncoded ? formDecode(text) : text; };
  for (Object& object : result.contents) object.key = decoded(object.key);
  for (const XmlNode& p : root.children("CommonPrefixes")) result.commonPrefixes.push_back(decoded(p.text("Prefix")));
  for (std::string* text : {&result.prefix, &result.delimiter, &result.startAfter}) *text = decoded(*text);
  return result;
}

CopyObjectRequest& CopyObjectRequest::copySource(std::string bucket, std::string key, std::string versionId) {
  sourceBucket_ = std::move(bucket);
  sourceKey_ = std::move(key);
  sourceVersionId_ = std::move(versionId);
  return *this;
}

void CopyObjectRequest::validate(Validator& v) const {
  rules::bucketName(v, bucket_);
  rules::objectKey(v, key_);
  {
    Validator source;
    rules::bucketName(source, sourceBucket_);
    rules::objectKey(source, sourceKey_);
    for (const auto& problem : source.problems()) v.fail("CopySource." + problem.field, problem.rule);
  }
  validateAttributes(v);
  if (metadataDirective_)
    v.check(*metadataDirective_ == "COPY" || *metadataDirective_ == "REPLACE", "MetadataDirective",
            "must be COPY or REPLACE");
}

void CopyObjectRequest::serialize(RestRequest& r) const {
  r.method("PUT");
  detail::objectPath(r, bucket_, key_);
  std::string source = uriEncode(sourceBucket_.value_or("")) + "/" + uriEncode(sourceKey_.value_or(""), true);
  if (sourceVersionId_ && !sourceVersionId_->empty()) source += "?versionId=" + uriEncode(*sourceVersionId_);
  r.header("x-amz-copy-source", source);
  r.optionalHeader("x-amz-metadata-directive", metadataDirective_);
  r.optionalHeader("x-amz-copy-source-if-match", copySourceIfMatch_);
  serializeAttributes(r);
}

CopyObjectResult CopyObjectRequest::parse(const RestResponse& response) {
  XmlNode root = response.xml("CopyObjectResult");
  return {root.text("ETag"), root.timestamp("LastModified"), response.header("x-amz-version-id"),
          response.header("x-amz-copy-source-version-id")};
}

}  // namespace s3
}  // namespace awsdirect
