// EC2's requests and results against botocore: each request with its members set is sent as
// botocore's serializer sends the same parameters, and each result declared field by field is
// read as botocore's parser reads a document made from EC2's model.
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

SerializerCase ec2Case(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"EC2 " + operation, "ec2", operation, params, std::move(sent)};
}

// Every source kind, ports and descriptions, as the tools write rules.
ec2::IpPermission everySource() {
  ec2::IpPermission p = ec2::IpPermission::tcp(5432, 5439);
  p.cidr("10.0.0.0/16", "office").cidr("2001:db8::/32", "v6").sourceSecurityGroup("sg-0a1b2c3d", "peers").prefixList("pl-12ab34cd", "s3");
  return p;
}
const std::string kEverySource =
    R"({"IpProtocol":"tcp","FromPort":5432,"ToPort":5439,"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"office"}],)"
    R"("Ipv6Ranges":[{"CidrIpv6":"2001:db8::/32","Description":"v6"}],"UserIdGroupPairs":[{"GroupId":"sg-0a1b2c3d","Description":"peers"}],)"
    R"("PrefixListIds":[{"PrefixListId":"pl-12ab34cd","Description":"s3"}]})";
const std::string kPaging = R"("MaxResults":50,"NextToken":"t-1")";
const std::string kFilters = R"("Filters":[{"Name":"vpc-id","Values":["vpc-0a1b2c3d","vpc-1a2b3c4d"]}])";

template <class Request>
Request filtered(Request r) {
  return r.filter("vpc-id", {"vpc-0a1b2c3d", "vpc-1a2b3c4d"}).maxResults(50).nextToken("t-1");
}

}  // namespace

TEST_CASE("every EC2 request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::vector<SerializerCase> cases = {
      ec2Case("CreateSecurityGroup",
              R"({"GroupName":"redshift_security_group","Description":"Redshift access","VpcId":"vpc-0a1b2c3d",)"
              R"("TagSpecifications":[{"ResourceType":"security-group","Tags":[{"Key":"env","Value":"dev"}]}]})",
              sentBy<Ec2>(Ec2::createSecurityGroup().groupName("redshift_security_group").description("Redshift access")
                              .vpcId("vpc-0a1b2c3d").tag("env", "dev"))),
      ec2Case("AuthorizeSecurityGroupIngress",
              R"({"GroupId":"sg-0a1b2c3d","IpPermissions":[)" + kEverySource +
                  R"(],"TagSpecifications":[{"ResourceType":"security-group-rule","Tags":[{"Key":"env","Value":"dev"}]}]})",
              sentBy<Ec2>(Ec2::authorizeSecurityGroupIngress().groupId("sg-0a1b2c3d").ipPermission(everySource()).tag("env", "dev"))),
      ec2Case("AuthorizeSecurityGroupIngress", R"({"GroupName":"default","IpPermissions":[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]})",
              sentBy<Ec2>(Ec2::authorizeSecurityGroupIngress().groupName("default").ipPermission(
                  ec2::IpPermission::allTraffic().cidr("10.0.0.0/8")))),
      ec2Case("AuthorizeSecurityGroupEgress",
              R"({"GroupId":"sg-0a1b2c3d","IpPermissions":[)" + kEverySource +
                  R"(],"TagSpecifications":[{"ResourceType":"security-group-rule","Tags":[{"Key":"env","Value":"dev"}]}]})",
              sentBy<Ec2>(Ec2::authorizeSecurityGroupEgress().groupId("sg-0a1b2c3d").ipPermission(everySource()).tag("env", "dev"))),
      ec2Case("RevokeSecurityGroupIngress",
              R"({"GroupId":"sg-0a1b2c3d","IpPermissions":[)" + kEverySource + R"(],"SecurityGroupRuleIds":["sgr-0a1b2c3d","sgr-1a2b3c4d"]})",
              sentBy<Ec2>(Ec2::revokeSecurityGroupIngress().groupId("sg-0a1b2c3d").ipPermission(everySource())
                              .securityGroupRuleId("sgr-0a1b2c3d").securityGroupRuleId("sgr-1a2b3c4d"))),
      ec2Case("RevokeSecurityGroupEgress",
              R"({"GroupId":"sg-0a1b2c3d","IpPermissions":[)" + kEverySource + R"(],"SecurityGroupRuleIds":["sgr-0a1b2c3d"]})",
              sentBy<Ec2>(Ec2::revokeSecurityGroupEgress().groupId("sg-0a1b2c3d").ipPermission(everySource())
                              .securityGroupRuleId("sgr-0a1b2c3d"))),
      ec2Case("DescribeSecurityGroups",
              R"({"GroupIds":["sg-0a1b2c3d"],"GroupNames":["default"],)" + kFilters + "," + kPaging + "}",
              sentBy<Ec2>(filtered(Ec2::describeSecurityGroups().groupId("sg-0a1b2c3d").groupName("default")))),
      ec2Case("DescribeSecurityGroupRules", R"({"SecurityGroupRuleIds":["sgr-0a1b2c3d"],)" + kFilters + "," + kPaging + "}",
              sentBy<Ec2>(filtered(Ec2::describeSecurityGroupRules().securityGroupRuleId("sgr-0a1b2c3d")))),
      ec2Case("DeleteSecurityGroup", R"({"GroupId":"sg-0a1b2c3d"})", sentBy<Ec2>(Ec2::deleteSecurityGroup().groupId("sg-0a1b2c3d"))),
      ec2Case("DescribeVpcs", R"({"VpcIds":["vpc-0a1b2c3d"],)" + kFilters + "," + kPaging + "}",
              sentBy<Ec2>(filtered(Ec2::describeVpcs().vpcId("vpc-0a1b2c3d")))),
      ec2Case("DescribeSubnets", R"({"SubnetIds":["subnet-0a1b2c3d","subnet-1a2b3c4d"],)" + kFilters + "," + kPaging + "}",
              sentBy<Ec2>(filtered(Ec2::describeSubnets().subnetId("subnet-0a1b2c3d").subnetId("subnet-1a2b3c4d")))),
      ec2Case("DescribeNetworkInterfaces",
              R"({"NetworkInterfaceIds":["eni-0a1b2c3d"],"IncludeManagedResources":true,)" + kFilters + "," + kPaging + "}",
              sentBy<Ec2>(filtered(Ec2::describeNetworkInterfaces().networkInterfaceId("eni-0a1b2c3d").includeManagedResources()))),
      ec2Case("DescribeTags", "{" + kFilters + "," + kPaging + "}", sentBy<Ec2>(filtered(Ec2::describeTags()))),
      ec2Case("CreateTags", R"({"Resources":["sg-0a1b2c3d","vpc-0a1b2c3d"],"Tags":[{"Key":"env","Value":"dev"},{"Key":"team","Value":""}]})",
              sentBy<Ec2>(Ec2::createTags().resource("sg-0a1b2c3d").resource("vpc-0a1b2c3d").tag("env", "dev").tag("team", ""))),
      ec2Case("DeleteTags", R"({"Resources":["sg-0a1b2c3d"],"Tags":[{"Key":"env"},{"Key":"team","Value":"data"}]})",
              sentBy<Ec2>(Ec2::deleteTags().resource("sg-0a1b2c3d").tagKey("env").tag("team", "data"))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every EC2 result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::vector<std::string> operations = {
      "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress", "DescribeSecurityGroups", "DescribeSecurityGroupRules", "DeleteSecurityGroup",
      "DescribeVpcs", "DescribeSubnets", "DescribeNetworkInterfaces", "DescribeTags"};
  std::vector<std::vector<std::string>> asked;
  for (const std::string& operation : operations) asked.push_back({"ec2", operation});
  const auto responses = awsdirect_test::botocoreResponses(asked);
  REQUIRE(responses.size() == operations.size());
  awsdirect_test::checkReadAsBotocore<ec2::CreateSecurityGroupRequest>(responses[0], true);
  awsdirect_test::checkReadAsBotocore<ec2::AuthorizeSecurityGroupIngressRequest>(responses[1], true);
  awsdirect_test::checkReadAsBotocore<ec2::AuthorizeSecurityGroupEgressRequest>(responses[2], true);
  awsdirect_test::checkReadAsBotocore<ec2::RevokeSecurityGroupIngressRequest>(responses[3], true);
  awsdirect_test::checkReadAsBotocore<ec2::RevokeSecurityGroupEgressRequest>(responses[4], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeSecurityGroupsRequest>(responses[5], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeSecurityGroupRulesRequest>(responses[6], true);
  awsdirect_test::checkReadAsBotocore<ec2::DeleteSecurityGroupRequest>(responses[7], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeVpcsRequest>(responses[8], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeSubnetsRequest>(responses[9], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeNetworkInterfacesRequest>(responses[10], true);
  awsdirect_test::checkReadAsBotocore<ec2::DescribeTagsRequest>(responses[11], true);
}
