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
  static IpPermission allTraffic() {
    IpPermission p;
    p.ipProtocol = "-1";
    return p;
  }

  // A CIDR source, IPv4 or IPv6 by its form ("10.0.0.0/16", "2001:db8::/32").
  IpPermission& cidr(std::string block, std::string description = {}) {
    if (block.find(':') != std::string::npos) return ipv6Range(std::move(block), std::move(description));
    return ipRange(std::move(block), std::move(description));
  }
  IpPermission& ipRange(std::string cidrIp, std::string description = {}) {
    ipRanges.push_back({std::move(cidrIp), std::move(description)});
    return *this;
  }
  IpPermission& ipv6Range(std::string cidrIpv6, std::string description = {}) {
    ipv6Ranges.push_back({std::move(cidrIpv6), std::move(description)});
    return *this;
  }
  // Members of another security group (by id, "sg-...") as the source.
  IpPermission& sourceSecurityGroup(std::string groupId, std::string description = {}) {
    UserIdGroupPair pair;
    pair.groupId = std::move(groupId);
    pair.description = std::move(description);
    userIdGroupPairs.push_back(std::move(pair));
    return *this;
  }
  IpPermission& prefixList(std::string id, std::string description = {}) {
    prefixListIds.push_back({std::move(id), std::move(description)});
    return *this;
  }

  static IpPermission fromXml(const XmlNode& node);

 private:
  static IpPermission withPorts(const char* protocol, int fromPort, int toPort) {
    IpPermission p;
    p.ipProtocol = protocol;
    p.fromPort = fromPort;
    p.toPort = toPort;
    return p;
  }
};

// A filter of a Describe operation: {"group-name", {"redshift_security_group"}}.
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

// ---- Results ----------------------------------------------------------------------------------

namespace detail {

inline std::optional<int> optionalInt(const XmlNode& node, const char* name) {
  if (!node.child(name)) return std::nullopt;
  return static_cast<int>(node.integer(name));
}

// EC2's tags: <tagSet><item><key/><value/></item></tagSet>.
inline std::vector<Tag> tagSet(const XmlNode& node) {
  std::vector<Tag> tags;
  for (const XmlNode& t : node.list("tagSet", "item")) tags.push_back({t.text("key"), t.text("value")});
  return tags;
}

}  // namespace detail

inline IpPermission IpPermission::fromXml(const XmlNode& node) {
  IpPermission p;
  p.ipProtocol = node.text("ipProtocol");
  p.fromPort = detail::optionalInt(node, "fromPort");
  p.toPort = detail::optionalInt(node, "toPort");
  for (const XmlNode& r : node.list("ipRanges", "item")) p.ipRanges.push_back({r.text("cidrIp"), r.text("description")});
  for (const XmlNode& r : node.list("ipv6Ranges", "item"))
    p.ipv6Ranges.push_back({r.text("cidrIpv6"), r.text("description")});
  for (const XmlNode& g : node.list("groups", "item")) {
    UserIdGroupPair pair;
    pair.groupId = g.text("groupId");
    pair.groupName = g.text("groupName");
    pair.userId = g.text("userId");
    pair.description = g.text("description");
    pair.vpcId = g.text("vpcId");
    pair.vpcPeeringConnectionId = g.text("vpcPeeringConnectionId");
    pair.peeringStatus = g.text("peeringStatus");
    p.userIdGroupPairs.push_back(std::move(pair));
  }
  for (const XmlNode& l : node.list("prefixListIds", "item"))
    p.prefixListIds.push_back({l.text("prefixListId"), l.text("description")});
  return p;
}

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

  static SecurityGroup fromXml(const XmlNode& node) {
    SecurityGroup g;
    g.groupId = node.text("groupId");
    g.groupName = node.text("groupName");
    g.description = node.text("groupDescription");
    g.ownerId = node.text("ownerId");
    g.vpcId = node.text("vpcId");
    g.securityGroupArn = node.text("securityGroupArn");
    for (const XmlNode& p : node.list("ipPermissions", "item")) g.ipPermissions.push_back(IpPermission::fromXml(p));
    for (const XmlNode& p : node.list("ipPermissionsEgress", "item"))
      g.ipPermissionsEgress.push_back(IpPermission::fromXml(p));
    g.tags = detail::tagSet(node);
    return g;
  }
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

  static SecurityGroupRule fromXml(const XmlNode& node) {
    SecurityGroupRule r;
    r.securityGroupRuleId = node.text("securityGroupRuleId");
    r.groupId = node.text("groupId");
    r.groupOwnerId = node.text("groupOwnerId");
    r.isEgress = node.boolean("isEgress");
    r.ipProtocol = node.text("ipProtocol");
    r.fromPort = detail::optionalInt(node, "fromPort");
    r.toPort = detail::optionalInt(node, "toPort");
    r.cidrIpv4 = node.text("cidrIpv4");
    r.cidrIpv6 = node.text("cidrIpv6");
    r.prefixListId = node.text("prefixListId");
    r.referencedGroupId = node.child("referencedGroupInfo").text("groupId");
    r.description = node.text("description");
    r.tags = detail::tagSet(node);
    return r;
  }
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

  static Vpc fromXml(const XmlNode& node) {
    Vpc v;
    v.vpcId = node.text("vpcId");
    v.state = node.text("state");
    v.cidrBlock = node.text("cidrBlock");
    v.ownerId = node.text("ownerId");
    v.dhcpOptionsId = node.text("dhcpOptionsId");
    v.instanceTenancy = node.text("instanceTenancy");
    v.isDefault = node.boolean("isDefault");
    v.tags = detail::tagSet(node);
    return v;
  }
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

// A decimal number of at most `maxDigits` digits without a leading zero, into `value`.
inline bool parseDecimal(const std::string& s, std::size_t maxDigits, int& value) {
  if (s.empty() || s.size() > maxDigits || (s.size() > 1 && s[0] == '0')) return false;
  value = 0;
  for (char c : s) {
    if (!isDigit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

inline bool isIpv4Address(const std::string& s) {
  int parts = 0;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = s.find('.', start);
    int octet = 0;
    if (!parseDecimal(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start), 3, octet) ||
        octet > 255)
      return false;
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// RFC 4291 section 2.2 text forms: eight groups of 1-4 hex digits, one "::" standing for one or
// more zero groups, and optionally an IPv4 address in place of the last two groups.
inline bool isIpv6Address(const std::string& s) {
  if (s.empty()) return false;
  const std::size_t gap = s.find("::");
  if (gap != std::string::npos && s.find("::", gap + 1) != std::string::npos) return false;
  auto countGroups = [](const std::string& part, bool mayEndInIpv4, int& groups) {
    groups = 0;
    if (part.empty()) return true;
    std::size_t start = 0;
    for (;;) {
      std::size_t colon = part.find(':', start);
      std::string group = part.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (colon == std::string::npos && mayEndInIpv4 && group.find('.') != std::string::npos) {
        if (!isIpv4Address(group)) return false;
        groups += 2;
        return true;
      }
      if (group.empty() || group.size() > 4) return false;
      for (char c : group)
        if (!isHexDigit(c)) return false;
      ++groups;
      if (colon == std::string::npos) return true;
      start = colon + 1;
    }
  };
  int head = 0, tail = 0;
  if (gap == std::string::npos) return countGroups(s, true, head) && head == 8;
  if (!countGroups(s.substr(0, gap), false, head) || !countGroups(s.substr(gap + 2), true, tail)) return false;
  return head + tail <= 7;
}

// "address/prefix" with the prefix length written as a plain decimal number.
inline bool splitCidr(const std::string& cidr, int maxPrefix, std::string& address) {
  std::size_t slash = cidr.find('/');
  if (slash == std::string::npos) return false;
  int prefix = 0;
  if (!parseDecimal(cidr.substr(slash + 1), 3, prefix) || prefix > maxPrefix) return false;
  address = cidr.substr(0, slash);
  return true;
}

inline bool isIpv4Cidr(const std::string& cidr) {
  std::string address;
  return splitCidr(cidr, 32, address) && isIpv4Address(address);
}

inline bool isIpv6Cidr(const std::string& cidr) {
  std::string address;
  return splitCidr(cidr, 128, address) && isIpv6Address(address);
}

// Whether `cidr` admits every address on the internet.
inline bool isWholeInternet(const std::string& cidr) { return cidr == "0.0.0.0/0" || cidr == "::/0"; }

// The characters EC2 allows in security group names and descriptions (VPC groups):
// a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*
inline bool isGroupTextChar(char c) {
  static const std::string punctuation = " ._-:/()#,@[]+=&;{}!$*";
  return isLetter(c) || isDigit(c) || punctuation.find(c) != std::string::npos;
}

inline void groupText(Validator& v, const std::string& field, const std::string& text, bool required) {
  if (required) v.check(!text.empty(), field, "must not be empty");
  v.check(text.size() <= 255, field, "must be at most 255 characters long");
  bool allowed = true;
  for (char c : text) allowed = allowed && isGroupTextChar(c);
  v.check(allowed, field, "may contain only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*");
}

inline void groupName(Validator& v, const std::string& field, const std::string& name) {
  groupText(v, field, name, true);
  v.check(name.rfind("sg-", 0) != 0, field, "must not start with 'sg-'");
}

inline void securityGroupId(Validator& v, const std::string& field, const std::string& id) {
  ec2ResourceId(v, field, id, "sg");
}

inline void vpcId(Validator& v, const std::string& field, const std::string& id) { ec2ResourceId(v, field, id, "vpc"); }

// The protocol number a protocol name stands for, or -1 for "all"; nullopt when invalid.
inline std::optional<int> protocolNumber(const std::string& protocol) {
  if (protocol == "tcp") return 6;
  if (protocol == "udp") return 17;
  if (protocol == "icmp") return 1;
  if (protocol == "icmpv6") return 58;
  if (protocol == "-1") return -1;
  int number = 0;
  if (parseDecimal(protocol, 3, number) && number <= 255) return number;
  return std::nullopt;
}

// One IpPermission of an ingress or egress request; `field` names it ("IpPermissions[0]").
inline void ipPermission(Validator& v, const std::string& field, const IpPermission& p) {
  const std::string from = field + ".FromPort", to = field + ".ToPort";
  std::optional<int> protocol;
  if (v.check(!p.ipProtocol.empty(), field + ".IpProtocol", "is required")) {
    protocol = protocolNumber(p.ipProtocol);
    v.check(protocol.has_value(), field + ".IpProtocol",
            "must be tcp, udp, icmp, icmpv6, -1 (all protocols) or a protocol number from 0 to 255");
  }
  if (protocol == 6 || protocol == 17) {  // TCP and UDP: a port range is required
    const bool fromOk = v.check(p.fromPort.has_value(), from, "is required for TCP and UDP") &&
                        v.check(*p.fromPort >= 0 && *p.fromPort <= 65535, from, "must be between 0 and 65535");
    const bool toOk = v.check(p.toPort.has_value(), to, "is required for TCP and UDP") &&
                      v.check(*p.toPort >= 0 && *p.toPort <= 65535, to, "must be between 0 and 65535");
    if (fromOk && toOk) v.check(*p.fromPort <= *p.toPort, from, "must not be greater than ToPort");
  } else if (protocol == 1 || protocol == 58) {  // ICMP: type and code; ICMPv6 may omit both
    if (protocol == 1 || p.fromPort || p.toPort) {
      const bool typeOk = v.check(p.fromPort.has_value(), from, "(the ICMP type) is required for ICMP") &&
                          v.check(*p.fromPort >= -1 && *p.fromPort <= 255, from,
                                  "(the ICMP type) must be -1 (all types) or between 0 and 255");
      const bool codeOk = v.check(p.toPort.has_value(), to, "(the ICMP code) is required for ICMP") &&
                          v.check(*p.toPort >= -1 && *p.toPort <= 255, to,
                                  "(the ICMP code) must be -1 (all codes) or between 0 and 255");
      if (typeOk && codeOk && *p.fromPort == -1)
        v.check(*p.toPort == -1, to, "must be -1 (all codes) when FromPort is -1 (all types)");
    }
  }
  // Any other protocol admits every port; AWS ignores a port range given for it.

  v.check(!p.ipRanges.empty() || !p.ipv6Ranges.empty() || !p.userIdGroupPairs.empty() || !p.prefixListIds.empty(),
          field, "must name at least one source: an IPv4 or IPv6 CIDR, a security group or a prefix list");
  for (std::size_t i = 0; i < p.ipRanges.size(); ++i) {
    const std::string name = field + ".IpRanges[" + std::to_string(i) + "]";
    v.check(isIpv4Cidr(p.ipRanges[i].cidrIp), name + ".CidrIp", "must be an IPv4 CIDR block such as 10.0.0.0/16");
    groupText(v, name + ".Description", p.ipRanges[i].description, false);
  }
  for (std::size_t i = 0; i < p.ipv6Ranges.size(); ++i) {
    const std::string name = field + ".Ipv6Ranges[" + std::to_string(i) + "]";
    v.check(isIpv6Cidr(p.ipv6Ranges[i].cidrIpv6), name + ".CidrIpv6",
            "must be an IPv6 CIDR block such as 2001:db8::/32");
    groupText(v, name + ".Description", p.ipv6Ranges[i].description, false);
  }
  for (std::size_t i = 0; i < p.userIdGroupPairs.size(); ++i) {
    const std::string name = field + ".UserIdGroupPairs[" + std::to_string(i) + "]";
    const UserIdGroupPair& pair = p.userIdGroupPairs[i];
    if (v.check(!pair.groupId.empty() || !pair.groupName.empty(), name, "must name the group by GroupId or GroupName")) {
      if (!pair.groupId.empty()) securityGroupId(v, name + ".GroupId", pair.groupId);
    }
    groupText(v, name + ".Description", pair.description, false);
  }
  for (std::size_t i = 0; i < p.prefixListIds.size(); ++i) {
    const std::string name = field + ".PrefixListIds[" + std::to_string(i) + "]";
    ec2ResourceId(v, name + ".PrefixListId", p.prefixListIds[i].prefixListId, "pl");
    groupText(v, name + ".Description", p.prefixListIds[i].description, false);
  }
}

inline void filters(Validator& v, const std::vector<Filter>& filters) {
  for (std::size_t i = 0; i < filters.size(); ++i)
    v.check(!filters[i].name.empty(), "Filters[" + std::to_string(i) + "].Name", "must not be empty");
}

// Exactly one of GroupId and GroupName names the group of an operation.
inline void groupReference(Validator& v, const std::optional<std::string>& groupId,
                           const std::optional<std::string>& groupName) {
  if (!v.check(groupId.has_value() != groupName.has_value(), "GroupId",
               groupId ? "must not be set together with GroupName" : "or GroupName is required"))
    return;
  if (groupId) securityGroupId(v, "GroupId", *groupId);
  // An existing group's name: only its presence is checked, since older groups may use
  // characters that new names may not.
  if (groupName) v.check(!groupName->empty(), "GroupName", "must not be empty");
}

}  // namespace rules

// ---- Serialization helpers -------------------------------------------------------------------

namespace detail {

inline void writeIpPermissions(QueryWriter& w, const std::vector<IpPermission>& permissions) {
  w.list("IpPermissions", permissions, [](QueryWriter& item, const IpPermission& p) {
    item.add("IpProtocol", p.ipProtocol);
    item.optional("FromPort", p.fromPort);
    item.optional("ToPort", p.toPort);
    item.list("IpRanges", p.ipRanges, [](QueryWriter& range, const IpRange& r) {
      range.add("CidrIp", r.cidrIp);
      if (!r.description.empty()) range.add("Description", r.description);
    });
    item.list("Ipv6Ranges", p.ipv6Ranges, [](QueryWriter& range, const Ipv6Range& r) {
      range.add("CidrIpv6", r.cidrIpv6);
      if (!r.description.empty()) range.add("Description", r.description);
    });
    // The model's UserIdGroupPairs member is named "groups" on the wire.
    item.list("Groups", p.userIdGroupPairs, [](QueryWriter& group, const UserIdGroupPair& g) {
      if (!g.groupId.empty()) group.add("GroupId", g.groupId);
      if (!g.groupName.empty()) group.add("GroupName", g.groupName);
      if (!g.userId.empty()) group.add("UserId", g.userId);
      if (!g.vpcId.empty()) group.add("VpcId", g.vpcId);
      if (!g.vpcPeeringConnectionId.empty()) group.add("VpcPeeringConnectionId", g.vpcPeeringConnectionId);
      if (!g.description.empty()) group.add("Description", g.description);
    });
    item.list("PrefixListIds", p.prefixListIds, [](QueryWriter& list, const PrefixListId& l) {
      list.add("PrefixListId", l.prefixListId);
      if (!l.description.empty()) list.add("Description", l.description);
    });
  });
}

inline void writeFilters(QueryWriter& w, const std::vector<Filter>& filters) {
  w.list("Filter", filters, [](QueryWriter& item, const Filter& f) {
    item.add("Name", f.name);
    item.list("Value", f.values);
  });
}

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

  void validate(Validator& v) const {
    if (v.required(groupName_, "GroupName")) rules::groupName(v, "GroupName", *groupName_);
    if (v.required(description_, "GroupDescription")) rules::groupText(v, "GroupDescription", *description_, true);
    if (vpcId_) rules::vpcId(v, "VpcId", *vpcId_);
    awsdirect::rules::tags(v, "Tags", tags_);
  }

  void serialize(QueryWriter& w) const {
    w.optional("GroupName", groupName_);
    w.optional("GroupDescription", description_);
    w.optional("VpcId", vpcId_);
    if (!tags_.empty()) {
      QueryWriter spec = w.nested("TagSpecification.1");
      spec.add("ResourceType", "security-group");
      spec.list("Tag", tags_, [](QueryWriter& item, const Tag& t) {
        item.add("Key", t.key);
        item.add("Value", t.value);
      });
    }
  }

  static Result parse(const XmlNode& response) {
    return {response.text("groupId"), response.text("securityGroupArn"), detail::tagSet(response)};
  }

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

  void validate(Validator& v) const {
    rules::groupReference(v, groupId_, groupName_);
    v.check(!ipPermissions_.empty(), "IpPermissions", "must hold at least one permission");
    for (std::size_t i = 0; i < ipPermissions_.size(); ++i)
      rules::ipPermission(v, "IpPermissions[" + std::to_string(i) + "]", ipPermissions_[i]);
  }

  void serialize(QueryWriter& w) const {
    w.optional("GroupId", groupId_);
    w.optional("GroupName", groupName_);
    detail::writeIpPermissions(w, ipPermissions_);
  }

  static Result parse(const XmlNode& response) {
    Result r;
    r.succeeded = response.boolean("return");
    for (const XmlNode& rule : response.list("securityGroupRuleSet", "item"))
      r.securityGroupRules.push_back(SecurityGroupRule::fromXml(rule));
    return r;
  }

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

  void validate(Validator& v) const {
    rules::groupReference(v, groupId_, groupName_);
    v.check(!ipPermissions_.empty() || !ruleIds_.empty(), "IpPermissions",
            "or SecurityGroupRuleIds must name at least one rule");
    for (std::size_t i = 0; i < ipPermissions_.size(); ++i)
      rules::ipPermission(v, "IpPermissions[" + std::to_string(i) + "]", ipPermissions_[i]);
    for (std::size_t i = 0; i < ruleIds_.size(); ++i)
      rules::ec2ResourceId(v, "SecurityGroupRuleIds[" + std::to_string(i) + "]", ruleIds_[i], "sgr");
  }

  void serialize(QueryWriter& w) const {
    w.optional("GroupId", groupId_);
    w.optional("GroupName", groupName_);
    detail::writeIpPermissions(w, ipPermissions_);
    w.list("SecurityGroupRuleId", ruleIds_);
  }

  static Result parse(const XmlNode& response) {
    Result r;
    r.succeeded = response.boolean("return");
    for (const XmlNode& p : response.list("unknownIpPermissionSet", "item"))
      r.unknownIpPermissions.push_back(IpPermission::fromXml(p));
    return r;
  }

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
  DescribeSecurityGroupsRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
  DescribeSecurityGroupsRequest& maxResults(int v) { maxResults_ = v; return *this; }
  DescribeSecurityGroupsRequest& nextToken(std::string v) { nextToken_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    for (std::size_t i = 0; i < groupIds_.size(); ++i)
      rules::securityGroupId(v, "GroupIds[" + std::to_string(i) + "]", groupIds_[i]);
    for (std::size_t i = 0; i < groupNames_.size(); ++i)
      v.check(!groupNames_[i].empty(), "GroupNames[" + std::to_string(i) + "]", "must not be empty");
    rules::filters(v, filters_);
    v.inRange(maxResults_, 5, 1000, "MaxResults");
  }

  void serialize(QueryWriter& w) const {
    w.list("GroupId", groupIds_);
    w.list("GroupName", groupNames_);
    detail::writeFilters(w, filters_);
    w.optional("MaxResults", maxResults_);
    w.optional("NextToken", nextToken_);
  }

  static Result parse(const XmlNode& response) {
    Result r;
    for (const XmlNode& g : response.list("securityGroupInfo", "item"))
      r.securityGroups.push_back(SecurityGroup::fromXml(g));
    r.nextToken = response.text("nextToken");
    return r;
  }

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

  void serialize(QueryWriter& w) const {
    w.optional("GroupId", groupId_);
    w.optional("GroupName", groupName_);
  }

  static Result parse(const XmlNode& response) {
    Result r;
    // Older responses carry no <return>; a 2xx answer is the success itself.
    r.succeeded = response.boolean("return", true);
    r.groupId = response.text("groupId");
    return r;
  }

 private:
  std::optional<std::string> groupId_, groupName_;
};

// DescribeVpcs: VPCs by ids or filters ("is-default", "cidr", "tag:Name", ...), page by page.
class DescribeVpcsRequest {
 public:
  using Result = DescribeVpcsResult;
  static constexpr const char* operation = "DescribeVpcs";

  DescribeVpcsRequest& vpcId(std::string v) { vpcIds_.push_back(std::move(v)); return *this; }
  DescribeVpcsRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
  DescribeVpcsRequest& maxResults(int v) { maxResults_ = v; return *this; }
  DescribeVpcsRequest& nextToken(std::string v) { nextToken_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    for (std::size_t i = 0; i < vpcIds_.size(); ++i) rules::vpcId(v, "VpcIds[" + std::to_string(i) + "]", vpcIds_[i]);
    rules::filters(v, filters_);
    v.inRange(maxResults_, 5, 1000, "MaxResults");
  }

  void serialize(QueryWriter& w) const {
    w.list("VpcId", vpcIds_);
    detail::writeFilters(w, filters_);
    w.optional("MaxResults", maxResults_);
    w.optional("NextToken", nextToken_);
  }

  static Result parse(const XmlNode& response) {
    Result r;
    for (const XmlNode& v : response.list("vpcSet", "item")) r.vpcs.push_back(Vpc::fromXml(v));
    r.nextToken = response.text("nextToken");
    return r;
  }

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

  static ec2::CreateSecurityGroupRequest createSecurityGroup() { return {}; }
  static ec2::AuthorizeSecurityGroupIngressRequest authorizeSecurityGroupIngress() { return {}; }
  static ec2::RevokeSecurityGroupIngressRequest revokeSecurityGroupIngress() { return {}; }
  static ec2::DescribeSecurityGroupsRequest describeSecurityGroups() { return {}; }
  static ec2::DeleteSecurityGroupRequest deleteSecurityGroup() { return {}; }
  static ec2::DescribeVpcsRequest describeVpcs() { return {}; }

  // Every security group the request selects, following NextToken from page to page.
  Outcome<std::vector<ec2::SecurityGroup>> describeAllSecurityGroups(ec2::DescribeSecurityGroupsRequest request = {}) {
    return sendAllPages(std::move(request), &ec2::DescribeSecurityGroupsRequest::nextToken,
                        &ec2::DescribeSecurityGroupsResult::nextToken,
                        &ec2::DescribeSecurityGroupsResult::securityGroups);
  }

  // Every VPC the request selects, following NextToken from page to page.
  Outcome<std::vector<ec2::Vpc>> describeAllVpcs(ec2::DescribeVpcsRequest request = {}) {
    return sendAllPages(std::move(request), &ec2::DescribeVpcsRequest::nextToken, &ec2::DescribeVpcsResult::nextToken,
                        &ec2::DescribeVpcsResult::vpcs);
  }

  // The security group named `name` in VPC `vpcId` (any VPC when empty), found by the
  // group-name filter, which unlike GroupName works outside the default VPC too.
  // InvalidGroup.NotFound when there is none; AmbiguousGroupName when several VPCs have one.
  Outcome<ec2::SecurityGroup> findSecurityGroup(const std::string& name, const std::string& vpcId = {}) {
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
                             : "Security groups named '" + name + "' exist in " +
                                   std::to_string(groups.value().size()) + " VPCs; name the VPC");
    e.service = serviceInfo().endpointPrefix;
    e.operation = ec2::DescribeSecurityGroupsRequest::operation;
    return e;
  }

  // The region's default VPC, where a security group created without a VPC id lands.
  // DefaultVpcNotFound when the region has none (it was deleted, or the account predates VPCs).
  Outcome<ec2::Vpc> defaultVpc() {
    auto vpcs = describeAllVpcs(describeVpcs().filter("is-default", {"true"}));
    if (!vpcs) return vpcs.error();
    if (!vpcs.value().empty()) return std::move(vpcs.value().front());
    Error e = makeError(ErrorKind::Service, "DefaultVpcNotFound", "this region has no default VPC");
    e.service = serviceInfo().endpointPrefix;
    e.operation = ec2::DescribeVpcsRequest::operation;
    return e;
  }
};

}  // namespace awsdirect
