#pragma once
// EC2's network around the security groups (VPCs, subnets, network interfaces) and the tags of
// any EC2 resource.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../request.hpp"
#include "../result.hpp"
#include "common.hpp"

namespace awsdirect {
namespace ec2 {

// ---- Results ----------------------------------------------------------------------------------

struct Vpc {
  std::string vpcId;
  std::string state;  // "pending", "available"
  std::string cidrBlock;
  std::string ownerId;
  std::string dhcpOptionsId;
  std::string instanceTenancy;
  bool isDefault = false;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(Vpc, field("vpcId", &Self::vpcId), field("state", &Self::state),
                   field("cidrBlock", &Self::cidrBlock), field("ownerId", &Self::ownerId),
                   field("dhcpOptionsId", &Self::dhcpOptionsId), field("instanceTenancy", &Self::instanceTenancy),
                   field("isDefault", &Self::isDefault), tagSetField(&Self::tags));
};

struct SubnetIpv6CidrBlock {
  std::string associationId;
  std::string ipv6CidrBlock;
  std::string state;  // "associated", "disassociating"...
  AWSDIRECT_FIELDS(SubnetIpv6CidrBlock, field("associationId", &Self::associationId),
                   field("ipv6CidrBlock", &Self::ipv6CidrBlock), field("ipv6CidrBlockState/state", &Self::state));
};

// A subnet: where a Redshift or RDS subnet group puts its nodes.
struct Subnet {
  std::string subnetId;
  std::string subnetArn;
  std::string state;  // "pending", "available"
  std::string vpcId;
  std::string cidrBlock;
  std::vector<SubnetIpv6CidrBlock> ipv6CidrBlocks;
  int availableIpAddressCount = 0;
  std::string availabilityZone;
  std::string availabilityZoneId;
  bool defaultForAz = false;
  bool mapPublicIpOnLaunch = false;
  bool assignIpv6AddressOnCreation = false;
  std::string ownerId;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(Subnet, field("subnetId", &Self::subnetId), field("subnetArn", &Self::subnetArn),
                   field("state", &Self::state), field("vpcId", &Self::vpcId), field("cidrBlock", &Self::cidrBlock),
                   field("ipv6CidrBlockAssociationSet", &Self::ipv6CidrBlocks, "item"),
                   field("availableIpAddressCount", &Self::availableIpAddressCount),
                   field("availabilityZone", &Self::availabilityZone),
                   field("availabilityZoneId", &Self::availabilityZoneId), field("defaultForAz", &Self::defaultForAz),
                   field("mapPublicIpOnLaunch", &Self::mapPublicIpOnLaunch),
                   field("assignIpv6AddressOnCreation", &Self::assignIpv6AddressOnCreation),
                   field("ownerId", &Self::ownerId), tagSetField(&Self::tags));
};

struct GroupIdentifier {
  std::string groupId;
  std::string groupName;
  AWSDIRECT_FIELDS(GroupIdentifier, field("groupId", &Self::groupId), field("groupName", &Self::groupName));
};

// A network interface: what keeps a security group in use (a cluster's, a database's, a Lambda's).
struct NetworkInterface {
  std::string networkInterfaceId;
  std::string description;
  std::string interfaceType;  // "interface", "lambda", "vpc_endpoint"...
  std::string status;         // "available", "in-use"...
  std::string subnetId;
  std::string vpcId;
  std::string availabilityZone;
  std::string privateIpAddress;
  std::string privateDnsName;
  std::string macAddress;
  std::string ownerId;
  std::string requesterId;  // the service that made it ("amazon-redshift")
  bool requesterManaged = false;
  std::string publicIp;             // association/publicIp
  std::string attachedInstanceId;   // attachment/instanceId
  std::string attachmentStatus;     // attachment/status
  std::vector<GroupIdentifier> groups;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(NetworkInterface, field("networkInterfaceId", &Self::networkInterfaceId),
                   field("description", &Self::description), field("interfaceType", &Self::interfaceType),
                   field("status", &Self::status), field("subnetId", &Self::subnetId), field("vpcId", &Self::vpcId),
                   field("availabilityZone", &Self::availabilityZone),
                   field("privateIpAddress", &Self::privateIpAddress), field("privateDnsName", &Self::privateDnsName),
                   field("macAddress", &Self::macAddress), field("ownerId", &Self::ownerId),
                   field("requesterId", &Self::requesterId), field("requesterManaged", &Self::requesterManaged),
                   field("association/publicIp", &Self::publicIp),
                   field("attachment/instanceId", &Self::attachedInstanceId),
                   field("attachment/status", &Self::attachmentStatus),
                   field("groupSet", &Self::groups, "item"), tagSetField(&Self::tags));
};

// A tag as DescribeTags lists it: with the resource it is on.
struct TagDescription {
  std::string resourceId;
  std::string resourceType;  // "security-group", "vpc"...
  std::string key;
  std::string value;
  AWSDIRECT_FIELDS(TagDescription, field("resourceId", &Self::resourceId), field("resourceType", &Self::resourceType),
                   field("key", &Self::key), field("value", &Self::value));
};

AWSDIRECT_EC2_PAGE(DescribeVpcsResult, Vpc, vpcs, "vpcSet");

AWSDIRECT_EC2_PAGE(DescribeSubnetsResult, Subnet, subnets, "subnetSet");

AWSDIRECT_EC2_PAGE(DescribeNetworkInterfacesResult, NetworkInterface, networkInterfaces, "networkInterfaceSet");

AWSDIRECT_EC2_PAGE(DescribeTagsResult, TagDescription, tags, "tagSet");

// ---- Requests ---------------------------------------------------------------------------------

// A Describe operation's filters, page by page: .filter("vpc-id", {"vpc-0a1b"}).
template <class Self, class Result, class... Members>
class DescribeRequest : public Request<Self, Ec2, Result, Members..., m::Filters, m::MaxResults, m::NextToken> {
 public:
  Self& filter(std::string name, std::vector<std::string> values) {
    this->filters_.push_back({std::move(name), std::move(values)});
    return static_cast<Self&>(*this);
  }
};

// DescribeVpcs: VPCs by ids or filters ("is-default", "cidr", "tag:Name", ...), page by page.
class DescribeVpcsRequest : public DescribeRequest<DescribeVpcsRequest, DescribeVpcsResult, m::VpcIds> {
 public:
  static constexpr const char* operation = "DescribeVpcs";
  DescribeVpcsRequest& vpcId(std::string v) { vpcIds_.push_back(std::move(v)); return *this; }
};

// DescribeSubnets: subnets by ids or filters ("vpc-id", "availability-zone", "default-for-az"), page by page.
class DescribeSubnetsRequest : public DescribeRequest<DescribeSubnetsRequest, DescribeSubnetsResult, m::SubnetIds> {
 public:
  static constexpr const char* operation = "DescribeSubnets";
  DescribeSubnetsRequest& subnetId(std::string v) { subnetIds_.push_back(std::move(v)); return *this; }
};

// DescribeNetworkInterfaces: by ids or filters ("group-id" finds what keeps a group in use), page by page.
class DescribeNetworkInterfacesRequest
    : public DescribeRequest<DescribeNetworkInterfacesRequest, DescribeNetworkInterfacesResult, m::NetworkInterfaceIds,
                             m::IncludeManagedResources> {
 public:
  static constexpr const char* operation = "DescribeNetworkInterfaces";
  DescribeNetworkInterfacesRequest& networkInterfaceId(std::string v) {
    networkInterfaceIds_.push_back(std::move(v));
    return *this;
  }
};

// DescribeTags: the tags of any resources, by filters ("resource-id", "resource-type", "key"), page by page.
class DescribeTagsRequest : public DescribeRequest<DescribeTagsRequest, DescribeTagsResult> {
 public:
  static constexpr const char* operation = "DescribeTags";
};

// CreateTags: adds or overwrites tags on up to 1,000 resources of any kind at once.
class CreateTagsRequest
    : public Request<CreateTagsRequest, Ec2, Empty, Required<m::Resources>, Required<m::Tags>> {
 public:
  static constexpr const char* operation = "CreateTags";
  CreateTagsRequest& resource(std::string id) { resources_.push_back(std::move(id)); return *this; }
  CreateTagsRequest& tag(std::string key, std::string value) {
    tags_.push_back({std::move(key), std::move(value)});
    return *this;
  }
};

// DeleteTags: removes tags by key, or by key only while they have a value; no tags: every user tag.
class DeleteTagsRequest : public Request<DeleteTagsRequest, Ec2, Empty, Required<m::Resources>, m::TagsToDelete> {
 public:
  static constexpr const char* operation = "DeleteTags";
  DeleteTagsRequest& resource(std::string id) { resources_.push_back(std::move(id)); return *this; }
  DeleteTagsRequest& tagKey(std::string key) { tags_.push_back({std::move(key), std::nullopt}); return *this; }
  DeleteTagsRequest& tag(std::string key, std::string value) {
    tags_.push_back({std::move(key), std::move(value)});
    return *this;
  }
};

}  // namespace ec2
}  // namespace awsdirect
