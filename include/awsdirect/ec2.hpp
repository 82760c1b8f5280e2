#pragma once
// Amazon EC2 (API version 2016-11-15, EC2's own Query dialect): security groups and their rules,
// the VPCs, subnets and network interfaces around them, and tags, with their client-side rules
// and typed results (ec2/common.hpp says how EC2's dialect differs).
#include <string>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "ec2/common.hpp"
#include "ec2/resources.hpp"
#include "ec2/security_groups.hpp"
#include "waiter.hpp"

namespace awsdirect {

// ---- The client -------------------------------------------------------------------------------

class Ec2 : public QueryService<Ec2> {
 public:
  static ServiceInfo serviceInfo() { return {"EC2", "ec2", "ec2", "2016-11-15", false}; }

  explicit Ec2(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config, QueryDialect::Ec2) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_EC2_OPERATIONS(X)                                           \
  X(createSecurityGroup, ec2::CreateSecurityGroupRequest)                     \
  X(authorizeSecurityGroupIngress, ec2::AuthorizeSecurityGroupIngressRequest) \
  X(revokeSecurityGroupIngress, ec2::RevokeSecurityGroupIngressRequest)       \
  X(describeSecurityGroups, ec2::DescribeSecurityGroupsRequest)               \
  X(deleteSecurityGroup, ec2::DeleteSecurityGroupRequest)                     \
  X(describeSecurityGroupRules, ec2::DescribeSecurityGroupRulesRequest)       \
  X(authorizeSecurityGroupEgress, ec2::AuthorizeSecurityGroupEgressRequest)   \
  X(revokeSecurityGroupEgress, ec2::RevokeSecurityGroupEgressRequest)         \
  X(describeVpcs, ec2::DescribeVpcsRequest)                                   \
  X(describeSubnets, ec2::DescribeSubnetsRequest)                             \
  X(describeNetworkInterfaces, ec2::DescribeNetworkInterfacesRequest)         \
  X(createTags, ec2::CreateTagsRequest)                                       \
  X(deleteTags, ec2::DeleteTagsRequest)                                       \
  X(describeTags, ec2::DescribeTagsRequest)
  AWSDIRECT_EC2_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every security group the request selects, following NextToken from page to page.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::SecurityGroup>> describeAllSecurityGroups(ec2::DescribeSecurityGroupsRequest request = {});

  // Every item the request selects, following NextToken from page to page (botocore's paginators).
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::SecurityGroupRule>> describeAllSecurityGroupRules(
      ec2::DescribeSecurityGroupRulesRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::Vpc>> describeAllVpcs(ec2::DescribeVpcsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::Subnet>> describeAllSubnets(ec2::DescribeSubnetsRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::NetworkInterface>> describeAllNetworkInterfaces(
      ec2::DescribeNetworkInterfacesRequest request = {});
  AWSDIRECT_LAZY_DECL Outcome<std::vector<ec2::TagDescription>> describeAllTags(ec2::DescribeTagsRequest request = {});

  // ---- Waiters (botocore's, at their pace; WaitOptions may change it) ----

  // SecurityGroupExists: the group, once DescribeSecurityGroups finds it (InvalidGroup.NotFound: not yet).
  AWSDIRECT_LAZY_DECL Outcome<ec2::SecurityGroup> waitUntilSecurityGroupExists(const std::string& groupId, WaitOptions options = {});
  // VpcExists, VpcAvailable, SubnetAvailable, NetworkInterfaceAvailable: the resource in that state.
  AWSDIRECT_LAZY_DECL Outcome<ec2::Vpc> waitUntilVpcExists(const std::string& vpcId, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<ec2::Vpc> waitUntilVpcAvailable(const std::string& vpcId, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<ec2::Subnet> waitUntilSubnetAvailable(const std::string& subnetId, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<ec2::NetworkInterface> waitUntilNetworkInterfaceAvailable(const std::string& networkInterfaceId,
                                                                                  WaitOptions options = {});

  // The security group named `name` in VPC `vpcId` (any VPC when empty), found by the
  // group-name filter, which unlike GroupName works outside the default VPC too.
  // InvalidGroup.NotFound when there is none; AmbiguousGroupName when several VPCs have one.
  AWSDIRECT_LAZY_DECL Outcome<ec2::SecurityGroup> findSecurityGroup(const std::string& name, const std::string& vpcId = {});

  // The region's default VPC, where a security group created without a VPC id lands.
  // DefaultVpcNotFound when the region has none (it was deleted, or the account predates VPCs).
  AWSDIRECT_LAZY_DECL Outcome<ec2::Vpc> findDefaultVpc();
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_EC2_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/ec2.ipp"
#endif
