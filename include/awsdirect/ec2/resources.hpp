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
  template <class Self = Vpc>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("vpcId", &Self::vpcId), field("state", &Self::state), field("cidrBlock", &Self::cidrBlock),
                           field("ownerId", &Self::ownerId), field("dhcpOptionsId", &Self::dhcpOptionsId),
                           field("instanceTenancy", &Self::instanceTenancy), field("isDefault", &Self::isDefault),
                           tagSetField(&Self::tags));
  }
};

struct SubnetIpv6CidrBlock {
  std::string associationId;
  std::string ipv6CidrBlock;
  std::string state;  // "associated", "disassociating"...
  template <class Self = SubnetIpv6CidrBlock>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using B = Self;
    return fieldList(field("associationId", &B::associationId), field("ipv6CidrBlock", &B::ipv6CidrBlock),
                           field("ipv6CidrBlockState/state", &B::state));
  }
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
  template <class Self = Subnet>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using S = Self;
    return fieldList(field("subnetId", &S::subnetId), field("subnetArn", &S::subnetArn), field("state", &S::state),
                           field("vpcId", &S::vpcId), field("cidrBlock", &S::cidrBlock),
                           field("ipv6CidrBlockAssociationSet", &S::ipv6CidrBlocks, "item"),
                           field("availableIpAddressCount", &S::availableIpAddressCount),
                           field("availabilityZone", &S::availabilityZone),
                           field("availabilityZoneId", &S::availabilityZoneId), field("defaultForAz", &S::defaultForAz),
                           field("mapPublicIpOnLaunch", &S::mapPublicIpOnLaunch),
                           field("assignIpv6AddressOnCreation", &S::assignIpv6AddressOnCreation),
                           field("ownerId", &S::ownerId), tagSetField(&S::tags));
  }
};

struct GroupIdentifier {
  std::string groupId;
  std::string groupName;
  template <class Self = GroupIdentifier>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("groupId", &Self::groupId), field("groupName", &Self::groupName));
  }
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
  template <class Self = NetworkInterface>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using N = Self;
    return fieldList(field("networkInterfaceId", &N::networkInterfaceId), field("description", &N::description),
                           field("interfaceType", &N::interfaceType), field("status", &N::status),
                           field("subnetId", &N::subnetId), field("vpcId", &N::vpcId),
                           field("availabilityZone", &N::availabilityZone), field("privateIpAddress", &N::privateIpAddress),
                           field("privateDnsName", &N::privateDnsName), field("macAddress", &N::macAddress),
                           field("ownerId", &N::ownerId), field("requesterId", &N::requesterId),
                           field("requesterManaged", &N::requesterManaged), field("association/publicIp", &N::publicIp),
                           field("attachment/instanceId", &N::attachedInstanceId),
                           field("attachment/status", &N::attachmentStatus), field("groupSet", &N::groups, "item"),
                           tagSetField(&N::tags));
  }
};

// A tag as DescribeTags lists it: with the resource it is on.
struct TagDescription {
  std::string resourceId;
  std::string resourceType;  // "security-group", "vpc"...
  std::string key;
  std::string value;
  template <class Self = TagDescription>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using T = Self;
    return fieldList(field("resourceId", &T::resourceId), field("resourceType", &T::resourceType),
                           field("key", &T::key), field("value", &T::value));
  }
};

struct DescribeVpcsResult {
  std::vector<Vpc> vpcs;
  std::string nextToken;  // empty on the last page
  template <class Self = DescribeVpcsResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("vpcSet", &Self::vpcs, "item"), field("nextToken", &Self::nextToken));
  }
};

struct DescribeSubnetsResult {
  std::vector<Subnet> subnets;
  std::string nextToken;  // empty on the last page
  template <class Self = DescribeSubnetsResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("subnetSet", &Self::subnets, "item"),
                           field("nextToken", &Self::nextToken));
  }
};

struct DescribeNetworkInterfacesResult {
  std::vector<NetworkInterface> networkInterfaces;
  std::string nextToken;  // empty on the last page
  template <class Self = DescribeNetworkInterfacesResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    using R = Self;
    return fieldList(field("networkInterfaceSet", &R::networkInterfaces, "item"), field("nextToken", &R::nextToken));
  }
};

struct DescribeTagsResult {
  std::vector<TagDescription> tags;
  std::string nextToken;  // empty on the last page
  template <class Self = DescribeTagsResult>  // dependent: instantiated where a result is read, not in every file
  static constexpr auto fields() {
    return fieldList(field("tagSet", &Self::tags, "item"), field("nextToken", &Self::nextToken));
  }
};

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
