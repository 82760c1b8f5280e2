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

namespace awsdirect {
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
struct Filter {
  std::string name;
  std::vector<std::string> values;
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

AWSDIRECT_DECL void groupName(Validator& v, const std::string& field, const std::string& name);

AWSDIRECT_DECL void securityGroupId(Validator& v, const std::string& field, const std::string& id);

inline void vpcId(Validator& v, const std::string& field, const std::string& id) { ec2ResourceId(v, field, id, "vpc"); }

// The protocol number a protocol name stands for, or -1 for "all"; nullopt when invalid.
AWSDIRECT_DECL std::optional<int> protocolNumber(const std::string& protocol);

// One IpPermission of an ingress or egress request; `field` names it ("IpPermissions[0]").
AWSDIRECT_DECL void ipPermission(Validator& v, const std::string& field, const IpPermission& p);

AWSDIRECT_DECL void filters(Validator& v, const std::vector<Filter>& filters);

// Exactly one of GroupId and GroupName names the group of an operation.
AWSDIRECT_DECL void groupReference(Validator& v, const std::optional<std::string>& groupId,
                           const std::optional<std::string>& groupName);

}  // namespace rules

// ---- Serialization helpers -------------------------------------------------------------------

namespace detail {

AWSDIRECT_DECL void writeIpPermissions(QueryWriter& w, const std::vector<IpPermission>& permissions);

AWSDIRECT_DECL void writeFilters(QueryWriter& w, const std::vector<Filter>& filters);

}  // namespace detail

// ---- Requests ---------------------------------------------------------------------------------

// CreateSecurityGroup: a security group in the given VPC, or in the region's default VPC when
// none is given. It starts with no ingress rules and one egress rule that allows everything.
class CreateSecurityGroupRequest {
 public:
  using Result = CreateSecurityGroupResult;
  static constexpr const char* operation = "CreateSecurityGroup";

  CreateSecurityGroupRequest& groupName(std::string v) { groupName_ = std::move(v); return *this; }
  CreateSecurityGroupRequest& description(std::string v) { description_ = std::move(v); return *this; }
  CreateSecurityGroupRequest& vpcId(std::string v) { vpcId_ = std::move(v); return *this; }
  CreateSecurityGroupRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::optional<std::string> groupName_, description_, vpcId_;
  std::vector<Tag> tags_;
};

// AuthorizeSecurityGroupIngress: adds inbound rules to a group (by id; by name in the default VPC only).
class AuthorizeSecurityGroupIngressRequest {
 public:
  using Result = AuthorizeSecurityGroupIngressResult;
  static constexpr const char* operation = "AuthorizeSecurityGroupIngress";

  AuthorizeSecurityGroupIngressRequest& groupId(std::string v) { groupId_ = std::move(v); return *this; }
  AuthorizeSecurityGroupIngressRequest& groupName(std::string v) { groupName_ = std::move(v); return *this; }
  AuthorizeSecurityGroupIngressRequest& ipPermission(IpPermission p) { ipPermissions_.push_back(std::move(p)); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::optional<std::string> groupId_, groupName_;
  std::vector<IpPermission> ipPermissions_;
};

// RevokeSecurityGroupIngress: removes inbound rules, given as the permissions they grant or by
// their rule ids ("sgr-...").
class RevokeSecurityGroupIngressRequest {
 public:
  using Result = RevokeSecurityGroupIngressResult;
  static constexpr const char* operation = "RevokeSecurityGroupIngress";

  RevokeSecurityGroupIngressRequest& groupId(std::string v) { groupId_ = std::move(v); return *this; }
  RevokeSecurityGroupIngressRequest& groupName(std::string v) { groupName_ = std::move(v); return *this; }
  RevokeSecurityGroupIngressRequest& ipPermission(IpPermission p) { ipPermissions_.push_back(std::move(p)); return *this; }
  RevokeSecurityGroupIngressRequest& securityGroupRuleId(std::string id) { ruleIds_.push_back(std::move(id)); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::optional<std::string> groupId_, groupName_;
  std::vector<IpPermission> ipPermissions_;
  std::vector<std::string> ruleIds_;
};

// DescribeSecurityGroups: groups by ids, by names (default VPC only) or by filters
// ("group-name", "vpc-id", "ip-permission.from-port", ...), page by page (NextToken).
class DescribeSecurityGroupsRequest {
 public:
  using Result = DescribeSecurityGroupsResult;
  static constexpr const char* operation = "DescribeSecurityGroups";

  DescribeSecurityGroupsRequest& groupId(std::string v) { groupIds_.push_back(std::move(v)); return *this; }
  DescribeSecurityGroupsRequest& groupName(std::string v) { groupNames_.push_back(std::move(v)); return *this; }
  AWSDIRECT_DECL DescribeSecurityGroupsRequest& filter(std::string name, std::vector<std::string> values);
  DescribeSecurityGroupsRequest& maxResults(int v) { maxResults_ = v; return *this; }
  DescribeSecurityGroupsRequest& nextToken(std::string v) { nextToken_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::vector<std::string> groupIds_, groupNames_;
  std::vector<Filter> filters_;
  std::optional<int> maxResults_;
  std::optional<std::string> nextToken_;
};

// DeleteSecurityGroup: by id (by name in the default VPC only). AWS refuses while the group is
// in use by an instance or referenced by another group's rule (DependencyViolation).
class DeleteSecurityGroupRequest {
 public:
  using Result = DeleteSecurityGroupResult;
  static constexpr const char* operation = "DeleteSecurityGroup";

  DeleteSecurityGroupRequest& groupId(std::string v) { groupId_ = std::move(v); return *this; }
  DeleteSecurityGroupRequest& groupName(std::string v) { groupName_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::groupReference(v, groupId_, groupName_); }

  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::optional<std::string> groupId_, groupName_;
};

// DescribeVpcs: VPCs by ids or filters ("is-default", "cidr", "tag:Name", ...), page by page.
class DescribeVpcsRequest {
 public:
  using Result = DescribeVpcsResult;
  static constexpr const char* operation = "DescribeVpcs";

  DescribeVpcsRequest& vpcId(std::string v) { vpcIds_.push_back(std::move(v)); return *this; }
  AWSDIRECT_DECL DescribeVpcsRequest& filter(std::string name, std::vector<std::string> values);
  DescribeVpcsRequest& maxResults(int v) { maxResults_ = v; return *this; }
  DescribeVpcsRequest& nextToken(std::string v) { nextToken_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& response);

 private:
  std::vector<std::string> vpcIds_;
  std::vector<Filter> filters_;
  std::optional<int> maxResults_;
  std::optional<std::string> nextToken_;
};

}  // namespace ec2

// ---- The client -------------------------------------------------------------------------------

class Ec2 : public QueryClient {
 public:
  static ServiceInfo serviceInfo() { return {"EC2", "ec2", "ec2", "2016-11-15", false}; }

  explicit Ec2(const ClientConfig& config = ClientConfig()) : QueryClient(serviceInfo(), config, QueryDialect::Ec2) {}

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
