// Definitions of <awsdirect/s3/buckets.hpp>.
#include <sys/stat.h>

#include "../../crypto.hpp"
#include "../../detail/files.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../time.hpp"
#include "../../uri.hpp"

namespace awsdirect {
namespace s3 {

void CreateBucketRequest::validate(Validator& v) const {
  rules::newBucketName(v, bucket_);
  if (region_)
    v.check(awsdirect::detail::isValidRegion(*region_), "CreateBucketConfiguration.LocationConstraint",
            "must be a region name such as eu-west-1");
  if (objectOwnership_)
    v.check(*objectOwnership_ == "BucketOwnerEnforced" || *objectOwnership_ == "BucketOwnerPreferred" ||
                *objectOwnership_ == "ObjectWriter",
            "ObjectOwnership", "must be one of BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter");
}

void CreateBucketRequest::serialize(RestRequest& r) const {
  r.method("PUT");
  r.traits({false, false, /*locationErrorIsOwn=*/true});
  detail::bucketPath(r, bucket_);
  r.optionalHeader("x-amz-acl", acl_);
  r.optionalHeader("x-amz-object-ownership", objectOwnership_);
  r.optionalHeader("x-amz-bucket-object-lock-enabled", objectLockEnabled_);
  if (region_ && *region_ != "us-east-1") {
    XmlBodyWriter body("CreateBucketConfiguration", kXmlNamespace);
    body.root().text("LocationConstraint", *region_);
    r.body(body.str());
  }
}

HeadBucketResult HeadBucketRequest::parse(const RestResponse& response) {
  return {response.header("x-amz-bucket-region"), response.header("x-amz-access-point-alias")};
}

ListBucketsResult ListBucketsRequest::parse(const RestResponse& response) {
  return readResult<Result>(response.xml("ListAllMyBucketsResult"));
}

void PutPublicAccessBlockRequest::writeBody(RestRequest& r) const {
  detail::xmlBodyWithChecksum(r, xmlDocument("PublicAccessBlockConfiguration", kXmlNamespace, config_));
}

PublicAccessBlockConfiguration GetPublicAccessBlockRequest::parse(const RestResponse& response) {
  return readResult<PublicAccessBlockConfiguration>(response.xml("PublicAccessBlockConfiguration"));
}

void PutBucketTaggingRequest::validateAcross(Validator& v) const {
  v.check(tags_.size() <= 50, "Tagging.TagSet", "must have at most 50 tags");
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    const std::string field = "Tagging.TagSet[" + std::to_string(i) + "]";
    v.check(!tags_[i].key.empty() && tags_[i].key.size() <= 128, field + ".Key", "must be 1 to 128 characters long");
    v.check(tags_[i].value.size() <= 256, field + ".Value", "must be at most 256 characters long");
  }
}

void PutBucketTaggingRequest::writeBody(RestRequest& r) const {
  XmlBodyWriter body("Tagging", kXmlNamespace);
  XmlElementWriter set = body.root().element("TagSet");
  for (const Tag& tag : tags_) set.element("Tag").text("Key", tag.key).text("Value", tag.value);
  detail::xmlBodyWithChecksum(r, body.str());
}

std::vector<Tag> GetBucketTaggingRequest::parse(const RestResponse& response) {
  std::vector<Tag> tags;
  for (const XmlNode& tag : response.xml("Tagging").list("TagSet", "Tag"))
    tags.push_back({tag.text("Key"), tag.text("Value")});
  return tags;
}

}  // namespace s3
}  // namespace awsdirect
