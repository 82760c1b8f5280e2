// Definitions of <awsdirect/ec2.hpp>.

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

std::optional<int> optionalInt(const XmlNode& node, const char* name) {
  if (!node.child(name)) return std::nullopt;
  return node.int32(name);
}

std::vector<Tag> tagSet(const XmlNode& node) {
  std::vector<Tag> tags;
  for (const XmlNode& t : node.list("tagSet", "item")) tags.push_back({t.text("key"), t.text("value")});
  return tags;
}

}  // namespace detail

IpPermission IpPermission::fromXml(const XmlNode& node) {
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

SecurityGroup SecurityGroup::fromXml(const XmlNode& node) {
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

SecurityGroupRule SecurityGroupRule::fromXml(const XmlNode& node) {
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

Vpc Vpc::fromXml(const XmlNode& node) {
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

void groupReference(Validator& v, const std::optional<std::string>& groupId, const std::optional<std::string>& groupName) {
  if (!v.check(groupId.has_value() != groupName.has_value(), "GroupId",
               groupId ? "must not be set together with GroupName" : "or GroupName is required"))
    return;
  if (groupId) securityGroupId(v, "GroupId", *groupId);
  // An existing group's name: only its presence is checked, since older groups may use
  // characters that new names may not.
  if (groupName) v.check(!groupName->empty(), "GroupName", "must not be empty");
}

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

CreateSecurityGroupRequest& CreateSecurityGroupRequest::tag(std::string key, std::string value) {
  if (tagSpecifications_.empty()) tagSpecifications_.push_back({"security-group", {}});
  tagSpecifications_.front().tags.push_back({std::move(key), std::move(value)});
  return *this;
}

CreateSecurityGroupResult CreateSecurityGroupRequest::parse(const XmlNode& response) {
  return {response.text("groupId"), response.text("securityGroupArn"), detail::tagSet(response)};
}

AuthorizeSecurityGroupIngressResult AuthorizeSecurityGroupIngressRequest::parse(const XmlNode& response) {
  Result r;
  r.succeeded = response.boolean("return");
  for (const XmlNode& rule : response.list("securityGroupRuleSet", "item"))
    r.securityGroupRules.push_back(SecurityGroupRule::fromXml(rule));
  return r;
}

void RevokeSecurityGroupIngressRequest::validateAcross(Validator& v) const {
  GroupRequest::validateAcross(v);
  v.check(!ipPermissions_.empty() || !securityGroupRuleIds_.empty(), "IpPermissions",
          "or SecurityGroupRuleIds must name at least one rule");
}

RevokeSecurityGroupIngressResult RevokeSecurityGroupIngressRequest::parse(const XmlNode& response) {
  Result r;
  r.succeeded = response.boolean("return");
  for (const XmlNode& p : response.list("unknownIpPermissionSet", "item"))
    r.unknownIpPermissions.push_back(IpPermission::fromXml(p));
  return r;
}

DescribeSecurityGroupsResult DescribeSecurityGroupsRequest::parse(const XmlNode& response) {
  Result r;
  for (const XmlNode& g : response.list("securityGroupInfo", "item"))
    r.securityGroups.push_back(SecurityGroup::fromXml(g));
  r.nextToken = response.text("nextToken");
  return r;
}

DeleteSecurityGroupResult DeleteSecurityGroupRequest::parse(const XmlNode& response) {
  Result r;
  // Older responses carry no <return>; a 2xx answer is the success itself.
  r.succeeded = response.boolean("return", true);
  r.groupId = response.text("groupId");
  return r;
}

DescribeVpcsResult DescribeVpcsRequest::parse(const XmlNode& response) {
  Result r;
  for (const XmlNode& v : response.list("vpcSet", "item")) r.vpcs.push_back(Vpc::fromXml(v));
  r.nextToken = response.text("nextToken");
  return r;
}

}  // namespace ec2

Outcome<std::vector<ec2::SecurityGroup>> Ec2::describeAllSecurityGroups(ec2::DescribeSecurityGroupsRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.nextToken(std::move(t)); },
                      &ec2::DescribeSecurityGroupsResult::nextToken, &ec2::DescribeSecurityGroupsResult::securityGroups);
}

Outcome<std::vector<ec2::Vpc>> Ec2::describeAllVpcs(ec2::DescribeVpcsRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.nextToken(std::move(t)); }, &ec2::DescribeVpcsResult::nextToken,
                      &ec2::DescribeVpcsResult::vpcs);
}

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

Outcome<ec2::Vpc> Ec2::findDefaultVpc() {
  auto vpcs = describeAllVpcs(describeVpcs().filter("is-default", {"true"}));
  if (!vpcs) return vpcs.error();
  if (!vpcs.value().empty()) return std::move(vpcs.value().front());
  Error e = makeError(ErrorKind::Service, "DefaultVpcNotFound", "this region has no default VPC");
  e.service = serviceInfo().endpointPrefix;
  e.operation = ec2::DescribeVpcsRequest::operation;
  return e;
}

}  // namespace awsdirect
