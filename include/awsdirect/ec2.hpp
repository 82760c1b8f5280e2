#pragma once
// Amazon EC2 (API version 2016-11-15, EC2's own Query dialect): security groups and their
// ingress rules, and the VPCs they live in, with their client-side rules and typed results.
//
// EC2 differs from the other Query services in three ways, all handled below or in the core:
// lists are `Name.N` without member names (`IpPermissions.1.IpRanges.1.CidrIp`), results are
// the children of the response element itself with lower-camel names and `<item>` members,
// and errors come as <Response><Errors><Error>.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "detail/ip.hpp"
#include "request.hpp"

namespace awsdirect {

class Ec2;

namespace ec2 {

// ---- Shapes shared by requests and results ----------------------------------------------------

// An IPv4 source of an ingress rule: "203.0.113.0/24".
struct IpRange {
  std::string cidrIp;
  std::string description;
};

// An IPv6 source of an ingress rule: "2001:db8::/32".
struct Ipv6Range {
  std::string cidrIpv6;
  std::string description;
};

// Another security group as the source of an ingress rule.
struct UserIdGroupPair {
  std::string groupId;
  std::string groupName;  // default VPC only; elsewhere use groupId
  std::string userId;     // the account owning the group, when it is another account's
  std::string description;
  std::string vpcId;
  std::string vpcPeeringConnectionId;
  std::string peeringStatus;
};

// A managed prefix list as the source of an ingress rule.
struct PrefixListId {
  std::string prefixListId;
  std::string description;
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

  AWSDIRECT_DECL static IpPermission fromXml(const XmlNode& node);

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

// ---- Results ----------------------------------------------------------------------------------

namespace detail {

AWSDIRECT_DECL std::optional<int> optionalInt(const XmlNode& node, const char* name);

// EC2's tags: <tagSet><item><key/><value/></item></tagSet>.
AWSDIRECT_DECL std::vector<Tag> tagSet(const XmlNode& node);

}  // namespace detail


struct SecurityGroup {
  std::string groupId;
  std::string groupName;
  std::string description;
  std::string ownerId;
  std::string vpcId;
  std::string securityGroupArn;
  std::vector<IpPermission> ipPermissions;        // ingress
  std::vector<IpPermission> ipPermissionsEgress;  // egress
  std::vector<Tag> tags;

  AWSDIRECT_DECL static SecurityGroup fromXml(const XmlNode& node);
};

// One rule as AuthorizeSecurityGroupIngress reports it created: one source per rule.
struct SecurityGroupRule {
  std::string securityGroupRuleId;
  std::string groupId;
  std::string groupOwnerId;
  bool isEgress = false;
  std::string ipProtocol;
  std::optional<int> fromPort;
  std::optional<int> toPort;
  std::string cidrIpv4;
  std::string cidrIpv6;
  std::string prefixListId;
  std::string referencedGroupId;
  std::string description;
  std::vector<Tag> tags;

  AWSDIRECT_DECL static SecurityGroupRule fromXml(const XmlNode& node);
};

struct Vpc {
  std::string vpcId;
  std::string state;  // "pending", "available"
  std::string cidrBlock;
  std::string ownerId;
  std::string dhcpOptionsId;
  std::string instanceTenancy;
  bool isDefault = false;
  std::vector<Tag> tags;

  AWSDIRECT_DECL static Vpc fromXml(const XmlNode& node);
};

struct CreateSecurityGroupResult {
  std::string groupId;
  std::string securityGroupArn;
  std::vector<Tag> tags;
};

struct AuthorizeSecurityGroupIngressResult {
  bool succeeded = false;  // EC2's <return>
  std::vector<SecurityGroupRule> securityGroupRules;
};

struct RevokeSecurityGroupIngressResult {
  bool succeeded = false;  // EC2's <return>
  // The permissions of the request that matched no rule of the group (nothing was revoked for them).
  std::vector<IpPermission> unknownIpPermissions;
};

struct DeleteSecurityGroupResult {
  bool succeeded = false;  // EC2's <return>
  std::string groupId;
};

struct DescribeSecurityGroupsResult {
  std::vector<SecurityGroup> securityGroups;
  std::string nextToken;  // empty on the last page
};

struct DescribeVpcsResult {
  std::vector<Vpc> vpcs;
  std::string nextToken;  // empty on the last page
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

// The protocol number a protocol name stands for, or -1 for "all"; nullopt when invalid.
AWSDIRECT_DECL std::optional<int> protocolNumber(const std::string& protocol);

// One IpPermission of an ingress or egress request; `field` names it ("IpPermissions[0]").
AWSDIRECT_DECL void ipPermission(Validator& v, const std::string& field, const IpPermission& p);

// Exactly one of GroupId and GroupName names the group of an operation.
AWSDIRECT_DECL void groupReference(Validator& v, const std::optional<std::string>& groupId,
                           const std::optional<std::string>& groupName);

}  // namespace rules

// ---- Members, declared once for every operation that has them ---------------------------------

// IpPermissions and TagSpecifications on the wire (IpPermissions.1.IpRanges.1.CidrIp) and their rules.
AWSDIRECT_DECL void writeMember(QueryWriter& w, const IpPermission& permission);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<IpPermission>& permissions);
AWSDIRECT_DECL void writeMember(QueryWriter& w, const TagSpecification& specification);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<TagSpecification>& specifications);

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

}  // namespace members

namespace m = members;

// ---- Requests ---------------------------------------------------------------------------------

// Exactly one of GroupId and GroupName names the group of an operation.
template <class Self, class Result, class... Members>
class GroupRequest : public Request<Self, Ec2, Result, m::GroupId, m::GroupName, Members...> {
 public:
  void validateAcross(Validator& v) const {
    v.check(this->groupId_.has_value() != this->groupName_.has_value(), "GroupId",
            this->groupId_ ? "must not be set together with GroupName" : "or GroupName is required");
  }
};

// CreateSecurityGroup: a security group in the given VPC, or in the region's default VPC when
// none is given. It starts with no ingress rules and one egress rule that allows everything.
class CreateSecurityGroupRequest
    : public Request<CreateSecurityGroupRequest, Ec2, CreateSecurityGroupResult, Required<m::NewGroupName>,
                     Required<m::Description>, m::VpcId, m::TagSpecifications> {
 public:
  static constexpr const char* operation = "CreateSecurityGroup";
  // A tag of the new group.
  AWSDIRECT_DECL CreateSecurityGroupRequest& tag(std::string key, std::string value);
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

// AuthorizeSecurityGroupIngress: adds inbound rules to a group (by id; by name in the default VPC only).
class AuthorizeSecurityGroupIngressRequest
    : public GroupRequest<AuthorizeSecurityGroupIngressRequest, AuthorizeSecurityGroupIngressResult,
                          Required<m::IpPermissions>> {
 public:
  static constexpr const char* operation = "AuthorizeSecurityGroupIngress";
  AuthorizeSecurityGroupIngressRequest& ipPermission(IpPermission p) { ipPermissions_.push_back(std::move(p)); return *this; }
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

// RevokeSecurityGroupIngress: removes inbound rules, given as the permissions they grant or by
// their rule ids ("sgr-...").
class RevokeSecurityGroupIngressRequest
    : public GroupRequest<RevokeSecurityGroupIngressRequest, RevokeSecurityGroupIngressResult, m::IpPermissions,
                          m::SecurityGroupRuleIds> {
 public:
  static constexpr const char* operation = "RevokeSecurityGroupIngress";
  RevokeSecurityGroupIngressRequest& ipPermission(IpPermission p) { ipPermissions_.push_back(std::move(p)); return *this; }
  RevokeSecurityGroupIngressRequest& securityGroupRuleId(std::string id) { securityGroupRuleIds_.push_back(std::move(id)); return *this; }
  // The group, and at least one rule by permission or by id.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

// DescribeSecurityGroups: groups by ids, by names (default VPC only) or by filters
// ("group-name", "vpc-id", "ip-permission.from-port", ...), page by page (NextToken).
class DescribeSecurityGroupsRequest
    : public Request<DescribeSecurityGroupsRequest, Ec2, DescribeSecurityGroupsResult, m::GroupIds, m::GroupNames,
                     m::Filters, m::MaxResults, m::NextToken> {
 public:
  static constexpr const char* operation = "DescribeSecurityGroups";
  DescribeSecurityGroupsRequest& groupId(std::string v) { groupIds_.push_back(std::move(v)); return *this; }
  DescribeSecurityGroupsRequest& groupName(std::string v) { groupNames_.push_back(std::move(v)); return *this; }
  DescribeSecurityGroupsRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

// DeleteSecurityGroup: by id (by name in the default VPC only). AWS refuses while the group is
// in use by an instance or referenced by another group's rule (DependencyViolation).
class DeleteSecurityGroupRequest : public GroupRequest<DeleteSecurityGroupRequest, DeleteSecurityGroupResult> {
 public:
  static constexpr const char* operation = "DeleteSecurityGroup";
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

// DescribeVpcs: VPCs by ids or filters ("is-default", "cidr", "tag:Name", ...), page by page.
class DescribeVpcsRequest
    : public Request<DescribeVpcsRequest, Ec2, DescribeVpcsResult, m::VpcIds, m::Filters, m::MaxResults, m::NextToken> {
 public:
  static constexpr const char* operation = "DescribeVpcs";
  DescribeVpcsRequest& vpcId(std::string v) { vpcIds_.push_back(std::move(v)); return *this; }
  DescribeVpcsRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
  AWSDIRECT_DECL static Result parse(const XmlNode& response);
};

}  // namespace ec2

// ---- The client -------------------------------------------------------------------------------

class Ec2 : public QueryService<Ec2> {
 public:
  static ServiceInfo serviceInfo() { return {"EC2", "ec2", "ec2", "2016-11-15", false}; }

  explicit Ec2(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config, QueryDialect::Ec2) {}

  // ---- Operations (build a request, send it with send()) ----
  static ec2::CreateSecurityGroupRequest createSecurityGroup() { return {}; }
  static ec2::AuthorizeSecurityGroupIngressRequest authorizeSecurityGroupIngress() { return {}; }
  static ec2::RevokeSecurityGroupIngressRequest revokeSecurityGroupIngress() { return {}; }
  static ec2::DescribeSecurityGroupsRequest describeSecurityGroups() { return {}; }
  static ec2::DeleteSecurityGroupRequest deleteSecurityGroup() { return {}; }
  static ec2::DescribeVpcsRequest describeVpcs() { return {}; }

  // ---- Calls that send ----

  // Every security group the request selects, following NextToken from page to page.
  AWSDIRECT_DECL Outcome<std::vector<ec2::SecurityGroup>> describeAllSecurityGroups(ec2::DescribeSecurityGroupsRequest request = {});

  // Every VPC the request selects, following NextToken from page to page.
  AWSDIRECT_DECL Outcome<std::vector<ec2::Vpc>> describeAllVpcs(ec2::DescribeVpcsRequest request = {});

  // The security group named `name` in VPC `vpcId` (any VPC when empty), found by the
  // group-name filter, which unlike GroupName works outside the default VPC too.
  // InvalidGroup.NotFound when there is none; AmbiguousGroupName when several VPCs have one.
  AWSDIRECT_DECL Outcome<ec2::SecurityGroup> findSecurityGroup(const std::string& name, const std::string& vpcId = {});

  // The region's default VPC, where a security group created without a VPC id lands.
  // DefaultVpcNotFound when the region has none (it was deleted, or the account predates VPCs).
  AWSDIRECT_DECL Outcome<ec2::Vpc> findDefaultVpc();
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/ec2.ipp"
#endif
