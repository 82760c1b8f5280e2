// Definitions of <awsdirect/ec2.hpp>.

namespace awsdirect {

namespace ec2 {

namespace detail {

// The one item a Describe call by id selects; an empty answer is `notFound`, as a waiter retries it.
template <class Item, class Request, class Result>
Outcome<Item> describeOne(Ec2& ec2, const Request& request, std::vector<Item> Result::*items, const char* notFound) {
  auto result = ec2.send(request);
  if (!result) return result.error();
  if (!(result.value().*items).empty()) return std::move((result.value().*items).front());
  Error e = makeError(ErrorKind::Service, notFound, std::string(Request::operation) + " found nothing");
  e.service = "ec2";
  e.operation = Request::operation;
  return e;
}

}  // namespace detail

}  // namespace ec2

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::SecurityGroup>> Ec2::describeAllSecurityGroups(ec2::DescribeSecurityGroupsRequest request) {
  using R = ec2::DescribeSecurityGroupsResult;
  return sendAllPages(std::move(request), ByNextToken{}, &R::nextToken, &R::securityGroups);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::SecurityGroupRule>> Ec2::describeAllSecurityGroupRules(ec2::DescribeSecurityGroupRulesRequest request) {
  using R = ec2::DescribeSecurityGroupRulesResult;
  return sendAllPages(std::move(request), ByNextToken{}, &R::nextToken, &R::securityGroupRules);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::Vpc>> Ec2::describeAllVpcs(ec2::DescribeVpcsRequest request) {
  return sendAllPages(std::move(request), ByNextToken{}, &ec2::DescribeVpcsResult::nextToken, &ec2::DescribeVpcsResult::vpcs);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::Subnet>> Ec2::describeAllSubnets(ec2::DescribeSubnetsRequest request) {
  using R = ec2::DescribeSubnetsResult;
  return sendAllPages(std::move(request), ByNextToken{}, &R::nextToken, &R::subnets);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::NetworkInterface>> Ec2::describeAllNetworkInterfaces(ec2::DescribeNetworkInterfacesRequest request) {
  using R = ec2::DescribeNetworkInterfacesResult;
  return sendAllPages(std::move(request), ByNextToken{}, &R::nextToken, &R::networkInterfaces);
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<ec2::TagDescription>> Ec2::describeAllTags(ec2::DescribeTagsRequest request) {
  return sendAllPages(std::move(request), ByNextToken{}, &ec2::DescribeTagsResult::nextToken, &ec2::DescribeTagsResult::tags);
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::SecurityGroup> Ec2::findSecurityGroup(const std::string& name, const std::string& vpcId) {
  Validator v;
  v.check(!name.empty(), "GroupName", "must not be empty");
  if (!vpcId.empty()) ec2::rules::vpcId(v, "VpcId", vpcId);
  if (!v.ok()) return v.error(serviceInfo().endpointPrefix, ec2::DescribeSecurityGroupsRequest::operation);
  auto request = describeSecurityGroups().filter("group-name", {name});
  if (!vpcId.empty()) request.filter("vpc-id", {vpcId});
  auto groups = describeAllSecurityGroups(std::move(request));
  if (!groups) return groups.error();
  if (groups.value().size() == 1) return std::move(groups.value().front());
  const bool none = groups.value().empty();
  Error e = makeError(ErrorKind::Service, none ? "InvalidGroup.NotFound" : "AmbiguousGroupName",
                      none ? "The security group '" + name + "' does not exist" +
                                 (vpcId.empty() ? std::string() : " in VPC '" + vpcId + "'")
                           : "Security groups named '" + name + "' exist in " + std::to_string(groups.value().size()) +
                                 " VPCs; name the VPC");
  e.service = serviceInfo().endpointPrefix;
  e.operation = ec2::DescribeSecurityGroupsRequest::operation;
  return e;
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::Vpc> Ec2::findDefaultVpc() {
  auto vpcs = describeAllVpcs(describeVpcs().filter("is-default", {"true"}));
  if (!vpcs) return vpcs.error();
  if (!vpcs.value().empty()) return std::move(vpcs.value().front());
  Error e = makeError(ErrorKind::Service, "DefaultVpcNotFound", "this region has no default VPC");
  e.service = serviceInfo().endpointPrefix;
  e.operation = ec2::DescribeVpcsRequest::operation;
  return e;
}

namespace ec2 {
namespace detail {
// botocore's paces (waiters-2.json).
inline constexpr WaiterPace kSecurityGroupExists{std::chrono::seconds(5), 6};
inline constexpr WaiterPace kVpcExists{std::chrono::seconds(1), 5};
inline constexpr WaiterPace kVpcAvailable{std::chrono::seconds(15), 40};
inline constexpr WaiterPace kSubnetAvailable{std::chrono::seconds(15), 40};
inline constexpr WaiterPace kNetworkInterfaceAvailable{std::chrono::seconds(20), 10};
}  // namespace detail
}  // namespace ec2

AWSDIRECT_LAZY_DEF
Outcome<ec2::SecurityGroup> Ec2::waitUntilSecurityGroupExists(const std::string& groupId, WaitOptions options) {
  auto request = describeSecurityGroups().groupId(groupId);
  return waitForState<ec2::SecurityGroup>(
      "SecurityGroupExists", options, ec2::detail::kSecurityGroupExists,
      [&] { return ec2::detail::describeOne(*this, request, &ec2::DescribeSecurityGroupsResult::securityGroups, "InvalidGroup.NotFound"); },
      StateAcceptors<ec2::SecurityGroup>{[](const ec2::SecurityGroup&) { return std::string("exists"); }, {"exists"}, {},
                                         {"InvalidGroup.NotFound"}});
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::Vpc> Ec2::waitUntilVpcExists(const std::string& vpcId, WaitOptions options) {
  auto request = describeVpcs().vpcId(vpcId);
  return waitForState<ec2::Vpc>(
      "VpcExists", options, ec2::detail::kVpcExists,
      [&] { return ec2::detail::describeOne(*this, request, &ec2::DescribeVpcsResult::vpcs, "InvalidVpcID.NotFound"); },
      StateAcceptors<ec2::Vpc>{[](const ec2::Vpc&) { return std::string("exists"); }, {"exists"}, {}, {"InvalidVpcID.NotFound"}});
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::Vpc> Ec2::waitUntilVpcAvailable(const std::string& vpcId, WaitOptions options) {
  auto request = describeVpcs().vpcId(vpcId);
  return waitForState<ec2::Vpc>(
      "VpcAvailable", options, ec2::detail::kVpcAvailable,
      [&] { return ec2::detail::describeOne(*this, request, &ec2::DescribeVpcsResult::vpcs, "InvalidVpcID.NotFound"); },
      StateAcceptors<ec2::Vpc>{[](const ec2::Vpc& vpc) { return vpc.state; }, {"available"}, {}, {}});
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::Subnet> Ec2::waitUntilSubnetAvailable(const std::string& subnetId, WaitOptions options) {
  auto request = describeSubnets().subnetId(subnetId);
  return waitForState<ec2::Subnet>(
      "SubnetAvailable", options, ec2::detail::kSubnetAvailable,
      [&] { return ec2::detail::describeOne(*this, request, &ec2::DescribeSubnetsResult::subnets, "InvalidSubnetID.NotFound"); },
      StateAcceptors<ec2::Subnet>{[](const ec2::Subnet& subnet) { return subnet.state; }, {"available"}, {}, {}});
}

AWSDIRECT_LAZY_DEF
Outcome<ec2::NetworkInterface> Ec2::waitUntilNetworkInterfaceAvailable(const std::string& networkInterfaceId,
                                                                       WaitOptions options) {
  auto request = describeNetworkInterfaces().networkInterfaceId(networkInterfaceId);
  return waitForState<ec2::NetworkInterface>(
      "NetworkInterfaceAvailable", options, ec2::detail::kNetworkInterfaceAvailable,
      [&] {
        return ec2::detail::describeOne(*this, request, &ec2::DescribeNetworkInterfacesResult::networkInterfaces,
                                        "InvalidNetworkInterfaceID.NotFound");
      },
      StateAcceptors<ec2::NetworkInterface>{[](const ec2::NetworkInterface& n) { return n.status; }, {"available"}, {}, {}});
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_EC2_OPERATIONS)

}  // namespace awsdirect
