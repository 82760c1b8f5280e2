// Redshift's cluster lifecycle, credentials, tags and snapshots against botocore: each request
// with every member set is sent as botocore's serializer sends the same parameters, and the
// results declared field by field are read as botocore's parser reads a document made from
// Redshift's model.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>

#include <map>
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
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("Redshift's declared results are read as botocore's parser reads them") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto responses = awsdirect_test::botocoreResponses(
      {{"redshift", "GetClusterCredentials"}, {"redshift", "DescribeClusterSnapshots"}, {"redshift", "CreateClusterSnapshot"}});
  REQUIRE(responses.size() == 3);
  auto read = [](const std::string& document, const char* element, auto parse, const std::string& within) {
    XmlDocument parsed(document);
    std::map<std::string, std::string> out;
    awsdirect_test::flatten(within, parse(parsed.root().child(element)), out);
    return out;
  };
  {  // every member of ClusterCredentials
    const auto ours = read(responses[0].document, "GetClusterCredentialsResult", redshift::GetClusterCredentialsRequest::parse, "");
    const auto found = awsdirect_test::differences(ours, responses[0].parsed);
    std::string all;
    for (const auto& d : found) all += d + "\n";
    CHECK_MESSAGE(found.empty(), all);
  }
  // A snapshot has some 40 members; the ones Snapshot declares are read as botocore reads them.
  const std::vector<std::pair<const char*, std::string>> snapshots = {{"DescribeClusterSnapshotsResult", ""},
                                                                      {"CreateClusterSnapshotResult", "Snapshot"}};
  for (int i = 1; i <= 2; ++i) {
    const char* element = snapshots[i - 1].first;
    const std::string& within = snapshots[i - 1].second;
    const auto ours = i == 1 ? read(responses[1].document, element, redshift::DescribeClusterSnapshotsRequest::parse, within)
                             : read(responses[2].document, element, redshift::CreateClusterSnapshotRequest::parse, within);
    CAPTURE(element);
    REQUIRE(ours.size() > 10);
    for (const auto& entry : ours) {
      CAPTURE(entry.first);
      auto it = responses[i].parsed.find(entry.first);
      REQUIRE(it != responses[i].parsed.end());
      CHECK(it->second == entry.second);
    }
  }
}
