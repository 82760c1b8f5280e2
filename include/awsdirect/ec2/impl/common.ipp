// Definitions of <awsdirect/ec2/common.hpp>.

namespace awsdirect {

namespace ec2 {

IpPermission IpPermission::allTraffic() {
  IpPermission p;
  p.ipProtocol = "-1";
  return p;
}

IpPermission& IpPermission::cidr(std::string block, std::string description) {
  if (block.find(':') != std::string::npos) return ipv6Range(std::move(block), std::move(description));
  return ipRange(std::move(block), std::move(description));
}

IpPermission& IpPermission::ipRange(std::string cidrIp, std::string description) {
  ipRanges.push_back({std::move(cidrIp), std::move(description)});
  return *this;
}

IpPermission& IpPermission::ipv6Range(std::string cidrIpv6, std::string description) {
  ipv6Ranges.push_back({std::move(cidrIpv6), std::move(description)});
  return *this;
}

IpPermission& IpPermission::sourceSecurityGroup(std::string groupId, std::string description) {
  UserIdGroupPair pair;
  pair.groupId = std::move(groupId);
  pair.description = std::move(description);
  userIdGroupPairs.push_back(std::move(pair));
  return *this;
}

IpPermission& IpPermission::prefixList(std::string id, std::string description) {
  prefixListIds.push_back({std::move(id), std::move(description)});
  return *this;
}

IpPermission IpPermission::withPorts(const char* protocol, int fromPort, int toPort) {
  IpPermission p;
  p.ipProtocol = protocol;
  p.fromPort = fromPort;
  p.toPort = toPort;
  return p;
}

namespace detail {

void readTagSet(const XmlNode& parent, const char* name, std::vector<Tag>& tags) {
  for (const XmlNode& t : parent.list(name, "item")) tags.push_back({t.text("key"), t.text("value")});
}

}  // namespace detail

namespace rules {

bool isGroupTextChar(char c) {
  static const std::string punctuation = " ._-:/()#,@[]+=&;{}!$*";
  return isLetter(c) || isDigit(c) || punctuation.find(c) != std::string::npos;
}

void groupText(Validator& v, const std::string& field, const std::string& text, bool required) {
  if (required) v.check(!text.empty(), field, "must not be empty");
  v.check(text.size() <= 255, field, "must be at most 255 characters long");
  bool allowed = true;
  for (char c : text) allowed = allowed && isGroupTextChar(c);
  v.check(allowed, field, "may contain only letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*");
}

void groupName(Validator& v, const std::string& field, const std::string& name) {
  groupText(v, field, name, true);
  v.check(name.rfind("sg-", 0) != 0, field, "must not start with 'sg-'");
}

void securityGroupId(Validator& v, const std::string& field, const std::string& id) {
  ec2ResourceId(v, field, id, "sg");
}

void resourceId(Validator& v, const std::string& field, const std::string& id) {
  const std::size_t dash = id.rfind('-');
  bool ok = dash != std::string::npos && dash > 0 && dash + 1 < id.size();
  for (std::size_t i = 0; ok && i < dash; ++i) ok = (id[i] >= 'a' && id[i] <= 'z') || id[i] == '-';
  for (std::size_t i = dash + 1; ok && i < id.size(); ++i) ok = isHexDigit(id[i]);
  v.check(ok, field, "must be a resource id such as sg-0123abcd or vpc-0123abcd");
}

std::optional<int> protocolNumber(const std::string& protocol) {
  if (protocol == "tcp") return 6;
  if (protocol == "udp") return 17;
  if (protocol == "icmp") return 1;
  if (protocol == "icmpv6") return 58;
  if (protocol == "-1") return -1;
  if (protocol.empty() || protocol.size() > 3 || (protocol.size() > 1 && protocol[0] == '0')) return std::nullopt;
  int number = 0;
  for (char c : protocol) {
    if (!isDigit(c)) return std::nullopt;
    number = number * 10 + (c - '0');
  }
  if (number <= 255) return number;
  return std::nullopt;
}

void ipPermission(Validator& v, const std::string& field, const IpPermission& p) {
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

void groupDescription(Validator& v, const std::string& field, const std::string& text) { groupText(v, field, text, true); }

}  // namespace rules

void writeMember(QueryWriter& item, const IpPermission& p) {
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
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<IpPermission>& permissions) {
  if (spec.required) v.check(!permissions.empty(), spec.name, "must hold at least one permission");
  for (std::size_t i = 0; i < permissions.size(); ++i)
    rules::ipPermission(v, std::string(spec.name) + "[" + std::to_string(i) + "]", permissions[i]);
}

void writeMember(QueryWriter& w, const TagSpecification& specification) {
  w.add("ResourceType", specification.resourceType);
  w.list("Tag", specification.tags, [](QueryWriter& item, const Tag& tag) { writeMember(item, tag); });
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<TagSpecification>& specifications) {
  for (std::size_t i = 0; i < specifications.size(); ++i)
    awsdirect::rules::tags(v, std::string(spec.name) + "[" + std::to_string(i) + "].Tags", specifications[i].tags);
}

void writeMember(QueryWriter& w, const TagToDelete& tag) {
  w.add("Key", tag.key);
  w.optional("Value", tag.value);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<TagToDelete>& tags) {
  validateListCount(v, spec, tags.size());
  for (std::size_t i = 0; i < tags.size(); ++i)
    v.check(!tags[i].key.empty(), std::string(spec.name) + "[" + std::to_string(i) + "].Key", "must not be empty");
}

}  // namespace ec2
}  // namespace awsdirect
