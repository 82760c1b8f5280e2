#pragma once
// EC2's shapes, rules and members, shared by its security groups (ec2/security_groups.hpp) and its
// network resources and tags (ec2/resources.hpp): each declared once.
//
// EC2 differs from the other Query services in three ways, all handled here or in the core:
// lists are `Name.N` without member names (`IpPermissions.1.IpRanges.1.CidrIp`), results are
// the children of the response element itself with lower-camel names and `<item>` members,
// and errors come as <Response><Errors><Error>.
#include <optional>
#include <string>
#include <vector>

#include "../detail/build_mode.hpp"
#include "../detail/ip.hpp"
#include "../policy.hpp"
#include "../query.hpp"
#include "../request.hpp"
#include "../result.hpp"

namespace awsdirect {

class Ec2;

namespace ec2 {

namespace detail {
// EC2's tags, <tagSet><item><key/><value/></item></tagSet>: lower-case, unlike every other service's.
AWSDIRECT_DECL void readTagSet(const XmlNode& parent, const char* name, std::vector<Tag>& tags);
}  // namespace detail

// The `tagSet` of an EC2 result.
template <class T>
constexpr auto tagSetField(std::vector<Tag> T::*member) {
  return readField("tagSet", member, &detail::readTagSet);
}

// A page of a Describe call: its items (the <item>s of the set named Wire), and the nextToken to
// ask for the next page with (empty on the last page). One line a result:
//   AWSDIRECT_EC2_PAGE(DescribeVpcsResult, Vpc, vpcs, "vpcSet");
// declares struct DescribeVpcsResult { std::vector<Vpc> vpcs; std::string nextToken; }.
#define AWSDIRECT_EC2_PAGE(Type, Item, items, Wire)                                                  \
  struct Type {                                                                                      \
    std::vector<Item> items;                                                                         \
    std::string nextToken;                                                                           \
    AWSDIRECT_FIELDS(Type, field(Wire, &Self::items, "item"), field("nextToken", &Self::nextToken)); \
  }

// ---- Shapes shared by requests and results ----------------------------------------------------

// An IPv4 source of a rule: "203.0.113.0/24".
struct IpRange {
  std::string cidrIp;
  std::string description;
  AWSDIRECT_FIELDS(IpRange, field("cidrIp", &Self::cidrIp), field("description", &Self::description));
};

// An IPv6 source of a rule: "2001:db8::/32".
struct Ipv6Range {
  std::string cidrIpv6;
  std::string description;
  AWSDIRECT_FIELDS(Ipv6Range, field("cidrIpv6", &Self::cidrIpv6), field("description", &Self::description));
};

// Another security group as the source of a rule.
struct UserIdGroupPair {
  std::string groupId;
  std::string groupName;  // default VPC only; elsewhere use groupId
  std::string userId;     // the account owning the group, when it is another account's
  std::string description;
  std::string vpcId;
  std::string vpcPeeringConnectionId;
  std::string peeringStatus;
  AWSDIRECT_FIELDS(UserIdGroupPair, field("groupId", &Self::groupId), field("groupName", &Self::groupName),
                   field("userId", &Self::userId), field("description", &Self::description),
                   field("vpcId", &Self::vpcId), field("vpcPeeringConnectionId", &Self::vpcPeeringConnectionId),
                   field("peeringStatus", &Self::peeringStatus));
};

// A managed prefix list as the source of a rule.
struct PrefixListId {
  std::string prefixListId;
  std::string description;
  AWSDIRECT_FIELDS(PrefixListId, field("prefixListId", &Self::prefixListId), field("description", &Self::description));
};

// One rule of a security group: a protocol, a port range and the sources it admits.
//   IpPermission::tcp(5439).cidr("10.0.0.0/16", "office")
struct IpPermission {
  // "tcp", "udp", "icmp", "icmpv6", "-1" (every protocol), or a protocol number "0".."255".
  std::string ipProtocol;
  // TCP and UDP: the first and last port. ICMP: the type and the code (-1: all).
  std::optional<int> fromPort;
  std::optional<int> toPort;
  std::vector<IpRange> ipRanges;
  std::vector<Ipv6Range> ipv6Ranges;
  std::vector<UserIdGroupPair> userIdGroupPairs;
  std::vector<PrefixListId> prefixListIds;

  static IpPermission tcp(int port) { return tcp(port, port); }
  static IpPermission tcp(int fromPort, int toPort) { return withPorts("tcp", fromPort, toPort); }
  static IpPermission udp(int port) { return udp(port, port); }
  static IpPermission udp(int fromPort, int toPort) { return withPorts("udp", fromPort, toPort); }
  // ICMP type and code; -1 for all of them.
  static IpPermission icmp(int type = -1, int code = -1) { return withPorts("icmp", type, code); }
  // Every protocol and every port.
  AWSDIRECT_DECL static IpPermission allTraffic();

  // A CIDR source, IPv4 or IPv6 by its form ("10.0.0.0/16", "2001:db8::/32").
  AWSDIRECT_DECL IpPermission& cidr(std::string block, std::string description = {});
  AWSDIRECT_DECL IpPermission& ipRange(std::string cidrIp, std::string description = {});
  AWSDIRECT_DECL IpPermission& ipv6Range(std::string cidrIpv6, std::string description = {});
  // Members of another security group (by id, "sg-...") as the source.
  AWSDIRECT_DECL IpPermission& sourceSecurityGroup(std::string groupId, std::string description = {});
  AWSDIRECT_DECL IpPermission& prefixList(std::string id, std::string description = {});

  // The model's UserIdGroupPairs are <groups> on the wire.
  AWSDIRECT_FIELDS(IpPermission, field("ipProtocol", &Self::ipProtocol), field("fromPort", &Self::fromPort),
                   field("toPort", &Self::toPort), field("ipRanges", &Self::ipRanges, "item"),
                   field("ipv6Ranges", &Self::ipv6Ranges, "item"), field("groups", &Self::userIdGroupPairs, "item"),
                   field("prefixListIds", &Self::prefixListIds, "item"));

 private:
  AWSDIRECT_DECL static IpPermission withPorts(const char* protocol, int fromPort, int toPort);
};

// A filter of a Describe operation: {"group-name", {"redshift_security_group"}}.
using Filter = awsdirect::Filter;

// Tags for the resource a Create operation makes: {"security-group", {{"env", "dev"}}}.
struct TagSpecification {
  std::string resourceType;
  std::vector<Tag> tags;
};

// A tag to delete: by key alone, or only while it has this value.
struct TagToDelete {
  std::string key;
  std::optional<std::string> value;
};

// ---- Client-side rules ------------------------------------------------------------------------

namespace rules {

using awsdirect::rules::ec2ResourceId;
using awsdirect::rules::isDigit;
using awsdirect::rules::isHexDigit;
using awsdirect::rules::isLetter;

// IPv4 and IPv6 addresses and CIDR blocks, read as everywhere in awsdirect (detail/ip.hpp).
using awsdirect::detail::isIpv4Address;
using awsdirect::detail::isIpv4Cidr;
using awsdirect::detail::isIpv6Address;
using awsdirect::detail::isIpv6Cidr;

// Whether `cidr` admits every address on the internet.
inline bool isWholeInternet(const std::string& cidr) { return cidr == "0.0.0.0/0" || cidr == "::/0"; }

// The characters EC2 allows in security group names and descriptions (VPC groups):
// a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*
AWSDIRECT_DECL bool isGroupTextChar(char c);

AWSDIRECT_DECL void groupText(Validator& v, const std::string& field, const std::string& text, bool required);
// A group's description: groupText, required.
AWSDIRECT_DECL void groupDescription(Validator& v, const std::string& field, const std::string& text);

AWSDIRECT_DECL void groupName(Validator& v, const std::string& field, const std::string& name);

AWSDIRECT_DECL void securityGroupId(Validator& v, const std::string& field, const std::string& id);

inline void vpcId(Validator& v, const std::string& field, const std::string& id) { ec2ResourceId(v, field, id, "vpc"); }
inline void securityGroupRuleId(Validator& v, const std::string& field, const std::string& id) {
  ec2ResourceId(v, field, id, "sgr");
}
inline void subnetId(Validator& v, const std::string& field, const std::string& id) { ec2ResourceId(v, field, id, "subnet"); }
inline void networkInterfaceId(Validator& v, const std::string& field, const std::string& id) {
  ec2ResourceId(v, field, id, "eni");
}
// Any taggable resource's id: "sg-0a1b2c3d", "vpc-...", "subnet-...": a prefix, a dash, hex digits.
AWSDIRECT_DECL void resourceId(Validator& v, const std::string& field, const std::string& id);

// The protocol number a protocol name stands for, or -1 for "all"; nullopt when invalid.
AWSDIRECT_DECL std::optional<int> protocolNumber(const std::string& protocol);

// One IpPermission of an ingress or egress request; `field` names it ("IpPermissions[0]").
AWSDIRECT_DECL void ipPermission(Validator& v, const std::string& field, const IpPermission& p);

// Exactly one of GroupId and GroupName names the group of an operation.
inline void exactlyOneGroup(Validator& v, bool hasGroupId, bool hasGroupName) {
  v.check(hasGroupId != hasGroupName, "GroupId", hasGroupId ? "must not be set together with GroupName" : "or GroupName is required");
}

}  // namespace rules

// ---- Members, declared once for every operation that has them ---------------------------------

// IpPermissions and TagSpecifications on the wire (IpPermissions.1.IpRanges.1.CidrIp) and their rules.
AWSDIRECT_DECL void writeMember(QueryWriter& w, const IpPermission& permission);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<IpPermission>& permissions);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const TagSpecification& specification);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<TagSpecification>& specifications);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const TagToDelete& tag);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<TagToDelete>& tags);

namespace members {
using namespace declare;

AWSDIRECT_MEMBER(GroupId, groupId, std::string, check(rules::securityGroupId));
// An existing group's name: only its presence is checked, since older groups may use
// characters that new names may not.
AWSDIRECT_MEMBER(GroupName, groupName, std::string, length(1, SIZE_MAX));
AWSDIRECT_MEMBER(NewGroupName, groupName, std::string, apiName("GroupName"), check(rules::groupName));
AWSDIRECT_MEMBER(Description, description, std::string, wire("GroupDescription"), check(rules::groupDescription));
AWSDIRECT_MEMBER(VpcId, vpcId, std::string, check(rules::vpcId));
AWSDIRECT_MEMBER(TagSpecifications, tagSpecifications, std::vector<TagSpecification>, wire("TagSpecification"));
AWSDIRECT_MEMBER(IpPermissions, ipPermissions, std::vector<IpPermission>, unchecked);
AWSDIRECT_MEMBER(SecurityGroupRuleIds, securityGroupRuleIds, std::vector<std::string>, wire("SecurityGroupRuleId"),
                 check(rules::securityGroupRuleId));
AWSDIRECT_MEMBER(GroupIds, groupIds, std::vector<std::string>, wire("GroupId"), check(rules::securityGroupId));
AWSDIRECT_MEMBER(GroupNames, groupNames, std::vector<std::string>, wire("GroupName"), length(1, SIZE_MAX));
AWSDIRECT_MEMBER(VpcIds, vpcIds, std::vector<std::string>, wire("VpcId"), check(rules::vpcId));
AWSDIRECT_MEMBER(Filters, filters, std::vector<Filter>, wire("Filter"));
AWSDIRECT_MEMBER(MaxResults, maxResults, int, range(5, 1000));
AWSDIRECT_MEMBER(NextToken, nextToken, std::string, unchecked);
AWSDIRECT_MEMBER(SubnetIds, subnetIds, std::vector<std::string>, wire("SubnetId"), check(rules::subnetId));
AWSDIRECT_MEMBER(NetworkInterfaceIds, networkInterfaceIds, std::vector<std::string>, wire("NetworkInterfaceId"),
                 check(rules::networkInterfaceId));
AWSDIRECT_FLAG(IncludeManagedResources, includeManagedResources, unchecked);
// CreateTags and DeleteTags: up to 1,000 resources at once.
AWSDIRECT_MEMBER(Resources, resources, std::vector<std::string>, wire("ResourceId"), count(1, 1000), check(rules::resourceId));
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, wire("Tag"));
AWSDIRECT_MEMBER(TagsToDelete, tags, std::vector<TagToDelete>, apiName("Tags"), wire("Tag"));

}  // namespace members

namespace m = members;

}  // namespace ec2
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/common.ipp"
#endif
