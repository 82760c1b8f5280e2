// S3's bucket configuration, object tagging and attributes against botocore: each request is sent
// as botocore's serializer sends the same parameters (method, path, query, headers, and the XML
// body byte for byte), and each declared result is read as botocore's parser reads a response
// made from S3's model.
#include <doctest/doctest.h>

#include <awsdirect/s3.hpp>
#include <awsdirect/time.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

const std::string kEndpoint = "http://127.0.0.1:9000";  // path-style, as botocore's url_path

template <class Request>
SerializerCase s3Case(const std::string& params, const Request& request) {
  return {std::string("S3 ") + Request::operation, "s3", Request::operation, params, sentBy<S3>(request, kEndpoint)};
}

// botocore writes a structure's members in the order of the parameters given, S3 reads them in
// any order: the parameters below are in the model's order, as awsdirect writes them.

// A rule with every action and an And filter.
s3::LifecycleRule everyAction() {
  s3::LifecycleRule rule;
  rule.id = "logs";
  s3::LifecycleRuleAndOperator all;
  all.prefix = "logs/";
  all.tags = {{"env", "dev"}, {"keep", "no"}};
  all.objectSizeGreaterThan = 1024;
  s3::LifecycleRuleFilter filter;
  filter.allOf = all;
  rule.filter = filter;
  rule.expiration = s3::LifecycleExpiration{std::nullopt, 365, std::nullopt};
  rule.transitions = {{std::nullopt, 30, "STANDARD_IA"}, {std::nullopt, 90, "GLACIER"}};
  rule.noncurrentVersionTransitions = {{30, "GLACIER", 2}};
  rule.noncurrentVersionExpiration = s3::NoncurrentVersionExpiration{90, 3};
  rule.abortIncompleteMultipartUpload = s3::AbortIncompleteMultipartUpload{7};
  return rule;
}

s3::LifecycleRule oldVersionsAway() {
  s3::LifecycleRule rule;
  rule.filter = s3::LifecycleRuleFilter::everyObject();
  rule.status = "Disabled";
  rule.expiration = s3::LifecycleExpiration{*parseIso8601("2027-01-01T00:00:00Z"), std::nullopt, std::nullopt};
  return rule;
}

}  // namespace

TEST_CASE("every S3 configuration, tagging and attributes request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::string owner = R"("ExpectedBucketOwner":"123456789012")";
  const std::vector<SerializerCase> cases = {
      s3Case(R"({"Bucket":"b-1",)" + owner + "}", S3::getBucketLocation().bucket("b-1").expectedBucketOwner("123456789012")),
      s3Case(R"({"Bucket":"b-1","TransitionDefaultMinimumObjectSize":"all_storage_classes_128K","LifecycleConfiguration":{"Rules":[
               {"Expiration":{"Days":365},"ID":"logs","Filter":{"And":{"Prefix":"logs/","Tags":[{"Key":"env","Value":"dev"},{"Key":"keep","Value":"no"}],"ObjectSizeGreaterThan":1024}},
                "Status":"Enabled","Transitions":[{"Days":30,"StorageClass":"STANDARD_IA"},{"Days":90,"StorageClass":"GLACIER"}],
                "NoncurrentVersionTransitions":[{"NoncurrentDays":30,"StorageClass":"GLACIER","NewerNoncurrentVersions":2}],
                "NoncurrentVersionExpiration":{"NoncurrentDays":90,"NewerNoncurrentVersions":3},
                "AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}},
               {"Expiration":{"Date":"2027-01-01T00:00:00Z"},"Filter":{"Prefix":""},"Status":"Disabled"}]}})",
             S3::putBucketLifecycleConfiguration().bucket("b-1").transitionDefaultMinimumObjectSize("all_storage_classes_128K")
                 .rule(everyAction()).rule(oldVersionsAway())),
      s3Case(R"({"Bucket":"b-1"})", S3::getBucketLifecycleConfiguration().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1"})", S3::deleteBucketLifecycle().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1","ConfirmRemoveSelfBucketAccess":true,"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}",)" + owner + "}",
             S3::putBucketPolicy().bucket("b-1").confirmRemoveSelfBucketAccess().policy(R"({"Version":"2012-10-17","Statement":[]})")
                 .expectedBucketOwner("123456789012")),
      s3Case(R"({"Bucket":"b-1"})", S3::getBucketPolicy().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1"})", S3::deleteBucketPolicy().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1","ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}})",
             S3::putBucketEncryption().bucket("b-1").serverSideEncryptionConfiguration(s3::ServerSideEncryptionConfiguration::sseS3())),
      s3Case(R"({"Bucket":"b-1","ServerSideEncryptionConfiguration":{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"k-1"},"BucketKeyEnabled":true}]}})",
             S3::putBucketEncryption().bucket("b-1").serverSideEncryptionConfiguration(
                 {{{s3::ServerSideEncryptionByDefault{"aws:kms", "k-1"}, true}}})),
      s3Case(R"({"Bucket":"b-1"})", S3::getBucketEncryption().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1"})", S3::deleteBucketEncryption().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1","OwnershipControls":{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}})",
             S3::putBucketOwnershipControls().bucket("b-1").objectOwnership("BucketOwnerEnforced")),
      s3Case(R"({"Bucket":"b-1"})", S3::getBucketOwnershipControls().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1"})", S3::deletePublicAccessBlock().bucket("b-1")),
      s3Case(R"({"Bucket":"b-1","Key":"dir/a+b c.csv","VersionId":"v1","RequestPayer":"requester","Tagging":{"TagSet":[{"Key":"env","Value":"dev"},{"Key":"pii","Value":"a&b<c"}]}})",
             S3::putObjectTagging().bucket("b-1").key("dir/a+b c.csv").versionId("v1").requestPayer("requester").tag("env", "dev")
                 .tag("pii", "a&b<c")),
      s3Case(R"({"Bucket":"b-1","Key":"dir/a+b c.csv","VersionId":"v1","RequestPayer":"requester"})",
             S3::getObjectTagging().bucket("b-1").key("dir/a+b c.csv").versionId("v1").requestPayer("requester")),
      s3Case(R"({"Bucket":"b-1","Key":"k","VersionId":"v1"})", S3::deleteObjectTagging().bucket("b-1").key("k").versionId("v1")),
      s3Case(R"({"Bucket":"b-1","Key":"k","VersionId":"v1","MaxParts":100,"PartNumberMarker":2,"RequestPayer":"requester",
               "ObjectAttributes":["ETag","Checksum","ObjectParts","StorageClass","ObjectSize"]})",
             S3::getObjectAttributes().bucket("b-1").key("k").versionId("v1").maxParts(100).partNumberMarker(2)
                 .requestPayer("requester").allAttributes()),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every declared S3 result is read as botocore's parser reads it, member by member: configuration, listings, batch delete") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto r = awsdirect_test::botocoreResponses({
      {"s3", "GetBucketLifecycleConfiguration", "LifecycleConfiguration"},
      {"s3", "GetBucketEncryption", "ServerSideEncryptionConfiguration"},
      {"s3", "GetBucketOwnershipControls", "OwnershipControls"},
      {"s3", "GetBucketPolicy"},
      {"s3", "GetObjectTagging", "Tagging"},
      {"s3", "GetObjectAttributes", "GetObjectAttributesResponse"},
      {"s3", "GetBucketVersioning", "VersioningConfiguration"},
      {"s3", "ListObjectVersions", "ListVersionsResult"},
      {"s3", "GetBucketLocation"},
      {"s3", "ListObjectsV2", "ListBucketResult"},
      {"s3", "ListParts", "ListPartsResult"},
      {"s3", "ListMultipartUploads", "ListMultipartUploadsResult"},
      {"s3", "DeleteObjects", "DeleteResult"},
      {"s3", "ListBuckets", "ListAllMyBucketsResult"},
      {"s3", "GetPublicAccessBlock", "PublicAccessBlockConfiguration"},
      {"s3", "CompleteMultipartUpload", "CompleteMultipartUploadResult"},
  });
  REQUIRE(r.size() == 16);
  using awsdirect_test::checkRestReadAsBotocore;
  checkRestReadAsBotocore<s3::GetBucketLifecycleConfigurationRequest>(r[0]);
  checkRestReadAsBotocore<s3::GetBucketEncryptionRequest>(r[1], "ServerSideEncryptionConfiguration");
  checkRestReadAsBotocore<s3::GetBucketOwnershipControlsRequest>(r[2], "OwnershipControls");
  CHECK(s3::GetBucketPolicyRequest::parse(RestResponse(HttpResponse{200, {}, r[3].document, false})).policy == r[3].parsed.at("Policy"));
  checkRestReadAsBotocore<s3::GetObjectTaggingRequest>(r[4]);
  checkRestReadAsBotocore<s3::GetObjectAttributesRequest>(r[5]);
  checkRestReadAsBotocore<s3::GetBucketVersioningRequest>(r[6]);
  checkRestReadAsBotocore<s3::ListObjectVersionsRequest>(r[7]);
  // GetBucketLocation's document is its root's own text, which botocore reads by a handler.
  CHECK(s3::GetBucketLocationRequest::parse(RestResponse(HttpResponse{200, {}, r[8].document, false})).locationConstraint ==
        r[8].parsed.at("LocationConstraint"));
  checkRestReadAsBotocore<s3::ListObjectsV2Request>(r[9]);
  checkRestReadAsBotocore<s3::ListPartsRequest>(r[10]);
  checkRestReadAsBotocore<s3::ListMultipartUploadsRequest>(r[11]);
  checkRestReadAsBotocore<s3::DeleteObjectsRequest>(r[12]);
  checkRestReadAsBotocore<s3::ListBucketsRequest>(r[13]);
  checkRestReadAsBotocore<s3::GetPublicAccessBlockRequest>(r[14], "PublicAccessBlockConfiguration");
  checkRestReadAsBotocore<s3::CompleteMultipartUploadRequest>(r[15]);
}
