// What awsdirect sends for its declared requests, compared with what botocore's own serializer
// writes for the same parameters (tests/support/botocore_serialize.py --compare): the Query
// protocol (Redshift, RDS, IAM, STS), EC2's dialect, and REST-XML (S3: method, path, query,
// the serializer's headers, body). botocore also validates the parameters against its model, so
// a case cannot pass with parameters AWS would refuse.
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>
#include <awsdirect/iam.hpp>
#include <awsdirect/rds.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/sts.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;

using awsdirect_test::botocoreAvailable;
using awsdirect_test::sentBy;
using Case = awsdirect_test::SerializerCase;

TEST_CASE("every declared request is serialized as botocore serializes it") {
  if (!botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::string s3Endpoint = "http://127.0.0.1:9000";  // path-style, as botocore's url_path
  std::vector<Case> cases = {
      {"Redshift CreateCluster", "redshift", "CreateCluster",
       R"({"ClusterIdentifier":"analytics","NodeType":"ra3.xlplus","MasterUsername":"awsuser","MasterUserPassword":"Example-Passw0rd",
           "DBName":"dev","Port":5439,"ClusterType":"multi-node","NumberOfNodes":2,"VpcSecurityGroupIds":["sg-0123"],
           "IamRoles":["arn:aws:iam::123456789012:role/r"],"PubliclyAccessible":false,"Encrypted":true,
           "Tags":[{"Key":"env","Value":"dev"}]})",
       sentBy<Redshift>(Redshift::createCluster().clusterIdentifier("analytics").nodeType("ra3.xlplus")
                            .masterUsername("awsuser").masterUserPassword("Example-Passw0rd").dbName("dev").port(5439)
                            .numberOfNodes(2).vpcSecurityGroupId("sg-0123").iamRole("arn:aws:iam::123456789012:role/r")
                            .publiclyAccessible(false).encrypted(true).tag("env", "dev"))},
      {"Redshift DescribeClusters", "redshift", "DescribeClusters", R"({"ClusterIdentifier":"a","MaxRecords":20,"Marker":"m"})",
       sentBy<Redshift>(Redshift::describeClusters().clusterIdentifier("a").maxRecords(20).marker("m"))},
      {"Redshift DeleteCluster", "redshift", "DeleteCluster",
       R"({"ClusterIdentifier":"a","SkipFinalClusterSnapshot":false,"FinalClusterSnapshotIdentifier":"final-1","FinalClusterSnapshotRetentionPeriod":7})",
       sentBy<Redshift>(Redshift::deleteCluster().clusterIdentifier("a").skipFinalClusterSnapshot(false)
                            .finalClusterSnapshotIdentifier("final-1").finalClusterSnapshotRetentionPeriod(7))},
      {"RDS CreateDBInstance", "rds", "CreateDBInstance",
       R"({"DBInstanceIdentifier":"pg","DBInstanceClass":"db.t3.micro","Engine":"postgres","AllocatedStorage":20,
           "MasterUsername":"postgres","MasterUserPassword":"Example-Passw0rd","BackupRetentionPeriod":1,
           "VpcSecurityGroupIds":["sg-0a"],"StorageEncrypted":true,"Tags":[{"Key":"k","Value":"v"}]})",
       sentBy<Rds>(Rds::createDBInstance().dbInstanceIdentifier("pg").dbInstanceClass("db.t3.micro").engine("postgres")
                       .allocatedStorage(20).masterUsername("postgres").masterUserPassword("Example-Passw0rd")
                       .backupRetentionPeriod(1).vpcSecurityGroupId("sg-0a").storageEncrypted(true).tag("k", "v"))},
      {"RDS DescribeDBInstances", "rds", "DescribeDBInstances",
       R"({"Filters":[{"Name":"engine","Values":["postgres","mysql"]}],"MaxRecords":20})",
       sentBy<Rds>(Rds::describeDBInstances().filter("engine", {"postgres", "mysql"}).maxRecords(20))},
      {"RDS DeleteDBInstance", "rds", "DeleteDBInstance",
       R"({"DBInstanceIdentifier":"pg","SkipFinalSnapshot":true,"DeleteAutomatedBackups":true})",
       sentBy<Rds>(Rds::deleteDBInstance().dbInstanceIdentifier("pg").skipFinalSnapshot().deleteAutomatedBackups())},
      {"IAM CreateRole", "iam", "CreateRole",
       R"({"RoleName":"r","Path":"/app/","AssumeRolePolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[]}",
           "MaxSessionDuration":3600,"Tags":[{"Key":"team","Value":"data"}]})",
       sentBy<Iam>(Iam::createRole().roleName("r").path("/app/")
                       .assumeRolePolicyDocument(R"({"Version":"2012-10-17","Statement":[]})").maxSessionDuration(3600)
                       .tag("team", "data"))},
      {"IAM AttachUserPolicy", "iam", "AttachUserPolicy",
       R"({"UserName":"u","PolicyArn":"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"})",
       sentBy<Iam>(Iam::attachUserPolicy().userName("u").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))},
      {"IAM ListAccessKeys", "iam", "ListAccessKeys", R"({"UserName":"u","Marker":"m","MaxItems":10})",
       sentBy<Iam>(Iam::listAccessKeys().userName("u").marker("m").maxItems(10))},
      {"STS AssumeRole", "sts", "AssumeRole",
       R"({"RoleArn":"arn:aws:iam::123456789012:role/r","RoleSessionName":"session-1","DurationSeconds":900,"ExternalId":"ext-1",
           "Tags":[{"Key":"project","Value":"p"}],"TransitiveTagKeys":["project"],
           "PolicyArns":[{"arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}],"SerialNumber":"arn:aws:iam::123456789012:mfa/u","TokenCode":"123456"})",
       sentBy<Sts>(Sts::assumeRole().roleArn("arn:aws:iam::123456789012:role/r").roleSessionName("session-1").durationSeconds(900)
                       .externalId("ext-1").tag("project", "p").transitiveTagKey("project")
                       .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").serialNumber("arn:aws:iam::123456789012:mfa/u")
                       .tokenCode("123456"))},
      {"STS GetSessionToken", "sts", "GetSessionToken",
       R"({"DurationSeconds":129600,"SerialNumber":"arn:aws:iam::123456789012:mfa/u","TokenCode":"123456"})",
       sentBy<Sts>(Sts::getSessionToken().durationSeconds(129600).serialNumber("arn:aws:iam::123456789012:mfa/u").tokenCode("123456"))},
      {"STS GetAccessKeyInfo", "sts", "GetAccessKeyInfo", R"({"AccessKeyId":"AKIAIOSFODNN7EXAMPLE"})",
       sentBy<Sts>(Sts::getAccessKeyInfo().accessKeyId("AKIAIOSFODNN7EXAMPLE"))},
      {"STS DecodeAuthorizationMessage", "sts", "DecodeAuthorizationMessage", R"({"EncodedMessage":"a+b/c=="})",
       sentBy<Sts>(Sts::decodeAuthorizationMessage().encodedMessage("a+b/c=="))},
      {"EC2 CreateSecurityGroup", "ec2", "CreateSecurityGroup",
       R"({"GroupName":"g","Description":"d","VpcId":"vpc-0a","TagSpecifications":[{"ResourceType":"security-group","Tags":[{"Key":"k","Value":"v"}]}]})",
       sentBy<Ec2>(Ec2::createSecurityGroup().groupName("g").description("d").vpcId("vpc-0a").tag("k", "v"))},
      {"EC2 AuthorizeSecurityGroupIngress", "ec2", "AuthorizeSecurityGroupIngress",
       R"({"GroupId":"sg-0a","IpPermissions":[{"IpProtocol":"tcp","FromPort":5439,"ToPort":5439,
           "IpRanges":[{"CidrIp":"203.0.113.0/24","Description":"office"}],"Ipv6Ranges":[{"CidrIpv6":"2001:db8::/32"}]}]})",
       sentBy<Ec2>(Ec2::authorizeSecurityGroupIngress().groupId("sg-0a").ipPermission(
           ec2::IpPermission::tcp(5439).cidr("203.0.113.0/24", "office").cidr("2001:db8::/32")))},
      {"EC2 DescribeSecurityGroups", "ec2", "DescribeSecurityGroups",
       R"({"GroupIds":["sg-0a","sg-0b"],"Filters":[{"Name":"vpc-id","Values":["vpc-0a"]}],"MaxResults":5,"NextToken":"t"})",
       sentBy<Ec2>(Ec2::describeSecurityGroups().groupId("sg-0a").groupId("sg-0b").filter("vpc-id", {"vpc-0a"})
                       .maxResults(5).nextToken("t"))},
      {"S3 HeadBucket", "s3", "HeadBucket", R"({"Bucket":"b-1","ExpectedBucketOwner":"123456789012"})",
       sentBy<S3>(S3::headBucket().bucket("b-1").expectedBucketOwner("123456789012"), s3Endpoint)},
      {"S3 ListBuckets", "s3", "ListBuckets", R"({"MaxBuckets":10,"Prefix":"p","ContinuationToken":"t"})",
       sentBy<S3>(S3::listBuckets().maxBuckets(10).prefix("p").continuationToken("t"), s3Endpoint)},
      {"S3 ListObjectsV2", "s3", "ListObjectsV2",
       R"({"Bucket":"b-1","Prefix":"a b/","Delimiter":"/","MaxKeys":5,"StartAfter":"a b/c","FetchOwner":true,"EncodingType":"url"})",
       sentBy<S3>(S3::listObjectsV2().bucket("b-1").prefix("a b/").delimiter("/").maxKeys(5).startAfter("a b/c").fetchOwner(), s3Endpoint)},
      {"S3 DeleteObject", "s3", "DeleteObject", R"({"Bucket":"b-1","Key":"dir/a+b c.txt","VersionId":"v1"})",
       sentBy<S3>(S3::deleteObject().bucket("b-1").key("dir/a+b c.txt").versionId("v1"), s3Endpoint)},
      {"S3 ListParts", "s3", "ListParts", R"({"Bucket":"b-1","Key":"k","UploadId":"u-1","MaxParts":100,"PartNumberMarker":3})",
       sentBy<S3>(S3::listParts().bucket("b-1").key("k").uploadId("u-1").maxParts(100).partNumberMarker(3), s3Endpoint)},
      {"S3 AbortMultipartUpload", "s3", "AbortMultipartUpload", R"({"Bucket":"b-1","Key":"k","UploadId":"u-1"})",
       sentBy<S3>(S3::abortMultipartUpload().bucket("b-1").key("k").uploadId("u-1"), s3Endpoint)},
      {"S3 ListMultipartUploads", "s3", "ListMultipartUploads", R"({"Bucket":"b-1","Prefix":"p","MaxUploads":10,"EncodingType":"url"})",
       sentBy<S3>(S3::listMultipartUploads().bucket("b-1").prefix("p").maxUploads(10), s3Endpoint)},
      {"S3 GetObject", "s3", "GetObject",
       R"({"Bucket":"b-1","Key":"reports/a+b c.csv","VersionId":"v2","Range":"bytes=0-99","IfMatch":"\"etag\"",
           "ResponseContentType":"text/csv","ChecksumMode":"ENABLED"})",
       sentBy<S3>(S3::getObject().bucket("b-1").key("reports/a+b c.csv").versionId("v2").range(0, 99).ifMatch("\"etag\"")
                      .responseContentType("text/csv").checksumMode(), s3Endpoint)},
      {"S3 HeadObject", "s3", "HeadObject", R"({"Bucket":"b-1","Key":"k","PartNumber":2,"ChecksumMode":"ENABLED"})",
       sentBy<S3>(S3::headObject().bucket("b-1").key("k").partNumber(2), s3Endpoint)},
      {"S3 DeleteObjects", "s3", "DeleteObjects",
       R"({"Bucket":"b-1","Delete":{"Objects":[{"Key":"a"},{"Key":"b&c","VersionId":"v1"}],"Quiet":true}})",
       sentBy<S3>(S3::deleteObjects().bucket("b-1").key("a").object("b&c", "v1").quiet(), s3Endpoint)},
      {"S3 PutBucketVersioning", "s3", "PutBucketVersioning",
       R"({"Bucket":"b-1","VersioningConfiguration":{"Status":"Enabled"},"ExpectedBucketOwner":"123456789012"})",
       sentBy<S3>(S3::putBucketVersioning().bucket("b-1").enabled().expectedBucketOwner("123456789012"), s3Endpoint)},
      {"S3 GetBucketVersioning", "s3", "GetBucketVersioning", R"({"Bucket":"b-1"})",
       sentBy<S3>(S3::getBucketVersioning().bucket("b-1"), s3Endpoint)},
      {"S3 ListObjectVersions", "s3", "ListObjectVersions",
       R"({"Bucket":"b-1","Prefix":"a b/","Delimiter":"/","MaxKeys":5,"KeyMarker":"a b/c","VersionIdMarker":"v-1","EncodingType":"url"})",
       sentBy<S3>(S3::listObjectVersions().bucket("b-1").prefix("a b/").delimiter("/").maxKeys(5).keyMarker("a b/c")
                      .versionIdMarker("v-1"), s3Endpoint)},
      {"S3 UploadPart", "s3", "UploadPart", R"({"Bucket":"b-1","Key":"k","UploadId":"u-1","PartNumber":3,"Body":"part bytes"})",
       sentBy<S3>(S3::uploadPart().bucket("b-1").key("k").uploadId("u-1").partNumber(3).body("part bytes"), s3Endpoint)},
  };

  awsdirect_test::checkSerializedAsBotocore(cases);
}
