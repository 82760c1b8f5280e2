// Redshift's cluster lifecycle, credentials, tags and snapshots against botocore: each request
// with every member set is sent as botocore's serializer sends the same parameters, and the
// results declared field by field are read as botocore's parser reads a document made from
// Redshift's model.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

SerializerCase redshiftCase(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"Redshift " + operation, "redshift", operation, params, std::move(sent)};
}

const std::string kRole = "arn:aws:iam::123456789012:role/myRedshiftRole";

}  // namespace

TEST_CASE("every Redshift lifecycle request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::vector<SerializerCase> cases = {
      redshiftCase("PauseCluster", R"({"ClusterIdentifier":"c-1"})", sentBy<Redshift>(Redshift::pauseCluster().clusterIdentifier("c-1"))),
      redshiftCase("ResumeCluster", R"({"ClusterIdentifier":"c-1"})", sentBy<Redshift>(Redshift::resumeCluster().clusterIdentifier("c-1"))),
      redshiftCase("RebootCluster", R"({"ClusterIdentifier":"c-1"})", sentBy<Redshift>(Redshift::rebootCluster().clusterIdentifier("c-1"))),
      redshiftCase("ModifyCluster",
                   R"({"ClusterIdentifier":"c-1","ClusterType":"multi-node","NodeType":"ra3.xlplus","NumberOfNodes":2,
                       "VpcSecurityGroupIds":["sg-0a","sg-0b"],"MasterUserPassword":"Example-Passw0rd","ClusterParameterGroupName":"tls",
                       "AutomatedSnapshotRetentionPeriod":1,"ManualSnapshotRetentionPeriod":7,"PreferredMaintenanceWindow":"sun:05:00-sun:05:30",
                       "ClusterVersion":"1.0","AllowVersionUpgrade":true,"NewClusterIdentifier":"c-2","PubliclyAccessible":false,
                       "EnhancedVpcRouting":true,"Encrypted":true,"KmsKeyId":"k","Port":5440})",
                   sentBy<Redshift>(Redshift::modifyCluster().clusterIdentifier("c-1").clusterType("multi-node").nodeType("ra3.xlplus")
                                        .numberOfNodes(2).vpcSecurityGroupId("sg-0a").vpcSecurityGroupId("sg-0b")
                                        .masterUserPassword("Example-Passw0rd").clusterParameterGroupName("tls")
                                        .automatedSnapshotRetentionPeriod(1).manualSnapshotRetentionPeriod(7)
                                        .preferredMaintenanceWindow("sun:05:00-sun:05:30").clusterVersion("1.0").allowVersionUpgrade()
                                        .newClusterIdentifier("c-2").publiclyAccessible(false).enhancedVpcRouting().encrypted()
                                        .kmsKeyId("k").port(5440))),
      redshiftCase("ModifyClusterIamRoles",
                   R"({"ClusterIdentifier":"c-1","AddIamRoles":[")" + kRole + R"("],"RemoveIamRoles":["arn:aws:iam::123456789012:role/old"],"DefaultIamRoleArn":")" + kRole + R"("})",
                   sentBy<Redshift>(Redshift::modifyClusterIamRoles().clusterIdentifier("c-1").addIamRole(kRole)
                                        .removeIamRole("arn:aws:iam::123456789012:role/old").defaultIamRoleArn(kRole))),
      redshiftCase("ResizeCluster", R"({"ClusterIdentifier":"c-1","ClusterType":"multi-node","NodeType":"ra3.4xlarge","NumberOfNodes":4,"Classic":false})",
                   sentBy<Redshift>(Redshift::resizeCluster().clusterIdentifier("c-1").clusterType("multi-node").nodeType("ra3.4xlarge")
                                        .numberOfNodes(4).classic(false))),
      redshiftCase("GetClusterCredentials",
                   R"({"DbUser":"airflow","DbName":"dev","ClusterIdentifier":"c-1","DurationSeconds":900,"AutoCreate":true,"DbGroups":["loaders","readers"]})",
                   sentBy<Redshift>(Redshift::getClusterCredentials().dbUser("airflow").dbName("dev").clusterIdentifier("c-1")
                                        .durationSeconds(900).autoCreate().dbGroup("loaders").dbGroup("readers"))),
      redshiftCase("CreateTags", R"({"ResourceName":"arn:aws:redshift:us-east-1:123456789012:cluster:c-1","Tags":[{"Key":"env","Value":"dev"}]})",
                   sentBy<Redshift>(Redshift::createTags().resourceName("arn:aws:redshift:us-east-1:123456789012:cluster:c-1").tag("env", "dev"))),
      redshiftCase("DeleteTags", R"({"ResourceName":"arn:aws:redshift:us-east-1:123456789012:cluster:c-1","TagKeys":["env","team"]})",
                   sentBy<Redshift>(Redshift::deleteTags().resourceName("arn:aws:redshift:us-east-1:123456789012:cluster:c-1")
                                        .tagKey("env").tagKey("team"))),
      redshiftCase("CreateClusterSnapshot", R"({"SnapshotIdentifier":"s-1","ClusterIdentifier":"c-1","ManualSnapshotRetentionPeriod":7,"Tags":[{"Key":"k","Value":"v"}]})",
                   sentBy<Redshift>(Redshift::createClusterSnapshot().snapshotIdentifier("s-1").clusterIdentifier("c-1")
                                        .manualSnapshotRetentionPeriod(7).tag("k", "v"))),
      redshiftCase("DescribeClusterSnapshots", R"({"ClusterIdentifier":"c-1","SnapshotIdentifier":"s-1","SnapshotType":"manual","MaxRecords":20,"Marker":"m"})",
                   sentBy<Redshift>(Redshift::describeClusterSnapshots().clusterIdentifier("c-1").snapshotIdentifier("s-1")
                                        .snapshotType("manual").maxRecords(20).marker("m"))),
      redshiftCase("DeleteClusterSnapshot", R"({"SnapshotIdentifier":"s-1","SnapshotClusterIdentifier":"c-1"})",
                   sentBy<Redshift>(Redshift::deleteClusterSnapshot().snapshotIdentifier("s-1").snapshotClusterIdentifier("c-1"))),
      redshiftCase("RestoreFromClusterSnapshot",
                   R"({"ClusterIdentifier":"c-2","SnapshotIdentifier":"s-1","SnapshotClusterIdentifier":"c-1","Port":5440,
                       "AvailabilityZone":"us-east-1a","AllowVersionUpgrade":true,"ClusterSubnetGroupName":"sn","PubliclyAccessible":false,
                       "OwnerAccount":"123456789012","ClusterParameterGroupName":"tls","VpcSecurityGroupIds":["sg-0a"],
                       "PreferredMaintenanceWindow":"sun:05:00-sun:05:30","AutomatedSnapshotRetentionPeriod":1,
                       "ManualSnapshotRetentionPeriod":7,"KmsKeyId":"k","NodeType":"ra3.xlplus","EnhancedVpcRouting":false,
                       "IamRoles":[")" + kRole + R"("],"DefaultIamRoleArn":")" + kRole + R"(","NumberOfNodes":2,"Encrypted":true,
                       "ManageMasterPassword":true,"MasterPasswordSecretKmsKeyId":"k2","MultiAZ":false})",
                   sentBy<Redshift>(Redshift::restoreFromClusterSnapshot().clusterIdentifier("c-2").snapshotIdentifier("s-1")
                                        .snapshotClusterIdentifier("c-1").port(5440).availabilityZone("us-east-1a").allowVersionUpgrade()
                                        .clusterSubnetGroupName("sn").publiclyAccessible(false).ownerAccount("123456789012")
                                        .clusterParameterGroupName("tls").vpcSecurityGroupId("sg-0a")
                                        .preferredMaintenanceWindow("sun:05:00-sun:05:30").automatedSnapshotRetentionPeriod(1)
                                        .manualSnapshotRetentionPeriod(7).kmsKeyId("k").nodeType("ra3.xlplus").enhancedVpcRouting(false)
                                        .iamRole(kRole).defaultIamRoleArn(kRole).numberOfNodes(2).encrypted().manageMasterPassword()
                                        .masterPasswordSecretKmsKeyId("k2").multiAZ(false))),
      redshiftCase("RestoreFromClusterSnapshot", R"({"ClusterIdentifier":"c-2","SnapshotArn":"arn:aws:redshift:us-east-1:123456789012:snapshot:c-1/s-1"})",
                   sentBy<Redshift>(Redshift::restoreFromClusterSnapshot().clusterIdentifier("c-2")
                                        .snapshotArn("arn:aws:redshift:us-east-1:123456789012:snapshot:c-1/s-1"))),
      redshiftCase("CreateClusterSubnetGroup",
                   R"({"ClusterSubnetGroupName":"sn","Description":"two zones","SubnetIds":["subnet-0a","subnet-0b"],"Tags":[{"Key":"k","Value":"v"}]})",
                   sentBy<Redshift>(Redshift::createClusterSubnetGroup().clusterSubnetGroupName("sn").description("two zones")
                                        .subnetId("subnet-0a").subnetId("subnet-0b").tag("k", "v"))),
      redshiftCase("DescribeClusterSubnetGroups",
                   R"({"ClusterSubnetGroupName":"sn","MaxRecords":20,"Marker":"m","TagKeys":["env"],"TagValues":["dev","test"]})",
                   sentBy<Redshift>(Redshift::describeClusterSubnetGroups().clusterSubnetGroupName("sn").maxRecords(20).marker("m")
                                        .tagKey("env").tagValue("dev").tagValue("test"))),
      redshiftCase("DeleteClusterSubnetGroup", R"({"ClusterSubnetGroupName":"sn"})",
                   sentBy<Redshift>(Redshift::deleteClusterSubnetGroup().clusterSubnetGroupName("sn"))),
      redshiftCase("DescribeTags",
                   R"({"ResourceName":"arn:aws:redshift:us-east-1:123456789012:cluster:c-1","ResourceType":"cluster","MaxRecords":20,
                       "Marker":"m","TagKeys":["env"],"TagValues":["dev"]})",
                   sentBy<Redshift>(Redshift::describeTags().resourceName("arn:aws:redshift:us-east-1:123456789012:cluster:c-1")
                                        .resourceType("cluster").maxRecords(20).marker("m").tagKey("env").tagValue("dev"))),
      redshiftCase("GetClusterCredentialsWithIAM",
                   R"({"DbName":"dev","ClusterIdentifier":"c-1","DurationSeconds":3600,"CustomDomainName":"db.example.com"})",
                   sentBy<Redshift>(Redshift::getClusterCredentialsWithIam().dbName("dev").clusterIdentifier("c-1")
                                        .durationSeconds(3600).customDomainName("db.example.com"))),
      redshiftCase("CreateClusterParameterGroup",
                   R"({"ParameterGroupName":"tls","ParameterGroupFamily":"redshift-1.0","Description":"TLS only","Tags":[{"Key":"k","Value":"v"}]})",
                   sentBy<Redshift>(Redshift::createClusterParameterGroup().parameterGroupName("tls").parameterGroupFamily("redshift-1.0")
                                        .description("TLS only").tag("k", "v"))),
      redshiftCase("ModifyClusterParameterGroup",
                   R"({"ParameterGroupName":"tls","Parameters":[{"ParameterName":"require_ssl","ParameterValue":"true"},
                       {"ParameterName":"p","ParameterValue":"v","Description":"d","Source":"user","DataType":"string",
                        "AllowedValues":"a,b","ApplyType":"static","IsModifiable":true,"MinimumEngineVersion":"1.0"}]})",
                   sentBy<Redshift>(Redshift::modifyClusterParameterGroup().parameterGroupName("tls").parameters([] {
                     std::vector<GroupParameter> all(2);
                     all[0].parameterName = "require_ssl", all[0].parameterValue = "true";
                     all[1].parameterName = "p", all[1].parameterValue = "v", all[1].description = "d", all[1].source = "user";
                     all[1].dataType = "string", all[1].allowedValues = "a,b", all[1].applyType = "static";
                     all[1].isModifiable = true, all[1].minimumEngineVersion = "1.0";
                     return all;
                   }()))),
      redshiftCase("DescribeClusterParameters", R"({"ParameterGroupName":"tls","Source":"user","MaxRecords":20,"Marker":"m"})",
                   sentBy<Redshift>(Redshift::describeClusterParameters().parameterGroupName("tls").source("user").maxRecords(20).marker("m"))),
      redshiftCase("DeleteClusterParameterGroup", R"({"ParameterGroupName":"tls"})",
                   sentBy<Redshift>(Redshift::deleteClusterParameterGroup().parameterGroupName("tls"))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every Redshift result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::vector<std::string> operations = {
      "CreateCluster", "DescribeClusters", "DeleteCluster", "PauseCluster", "ResumeCluster", "RebootCluster", "ModifyCluster",
      "ModifyClusterIamRoles", "ResizeCluster", "GetClusterCredentials", "CreateClusterSnapshot", "DescribeClusterSnapshots",
      "DeleteClusterSnapshot", "RestoreFromClusterSnapshot", "CreateClusterSubnetGroup", "DescribeClusterSubnetGroups",
      "DescribeTags", "GetClusterCredentialsWithIAM", "CreateClusterParameterGroup", "ModifyClusterParameterGroup",
      "DescribeClusterParameters"};
  std::vector<std::vector<std::string>> asked;
  for (const std::string& operation : operations) asked.push_back({"redshift", operation});
  const auto r = awsdirect_test::botocoreResponses(asked);
  REQUIRE(r.size() == operations.size());
  using awsdirect_test::checkReadAsBotocore;
  using namespace redshift;
  checkReadAsBotocore<CreateClusterRequest>(r[0]);
  checkReadAsBotocore<DescribeClustersRequest>(r[1]);
  checkReadAsBotocore<DeleteClusterRequest>(r[2]);
  checkReadAsBotocore<PauseClusterRequest>(r[3]);
  checkReadAsBotocore<ResumeClusterRequest>(r[4]);
  checkReadAsBotocore<RebootClusterRequest>(r[5]);
  checkReadAsBotocore<ModifyClusterRequest>(r[6]);
  checkReadAsBotocore<ModifyClusterIamRolesRequest>(r[7]);
  checkReadAsBotocore<ResizeClusterRequest>(r[8]);
  checkReadAsBotocore<GetClusterCredentialsRequest>(r[9]);
  checkReadAsBotocore<CreateClusterSnapshotRequest>(r[10]);
  checkReadAsBotocore<DescribeClusterSnapshotsRequest>(r[11]);
  checkReadAsBotocore<DeleteClusterSnapshotRequest>(r[12]);
  checkReadAsBotocore<RestoreFromClusterSnapshotRequest>(r[13]);
  checkReadAsBotocore<CreateClusterSubnetGroupRequest>(r[14]);
  checkReadAsBotocore<DescribeClusterSubnetGroupsRequest>(r[15]);
  checkReadAsBotocore<DescribeTagsRequest>(r[16]);
  checkReadAsBotocore<GetClusterCredentialsWithIamRequest>(r[17]);
  checkReadAsBotocore<CreateClusterParameterGroupRequest>(r[18]);
  checkReadAsBotocore<ModifyClusterParameterGroupRequest>(r[19]);
  checkReadAsBotocore<DescribeClusterParametersRequest>(r[20]);
}
