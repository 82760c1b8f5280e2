#pragma once
// EC2's security groups: the groups, their ingress and egress rules, and the rules one by one.
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
  AWSDIRECT_FIELDS(SecurityGroup, field("groupId", &Self::groupId), field("groupName", &Self::groupName),
                   field("groupDescription", &Self::description), field("ownerId", &Self::ownerId),
                   field("vpcId", &Self::vpcId), field("securityGroupArn", &Self::securityGroupArn),
                   field("ipPermissions", &Self::ipPermissions, "item"),
                   field("ipPermissionsEgress", &Self::ipPermissionsEgress, "item"), tagSetField(&Self::tags));
};

// What every report of a rule with one source has: the rule, its group, its direction, the
// traffic and the source.
struct SecurityGroupRuleBasics {
  std::string securityGroupRuleId;
  std::string groupId;
  bool isEgress = false;
  std::string ipProtocol;
  std::optional<int> fromPort;
  std::optional<int> toPort;
  std::string cidrIpv4;
  std::string cidrIpv6;
  std::string prefixListId;
  std::string referencedGroupId;
  std::string description;
  AWSDIRECT_FIELDS(SecurityGroupRuleBasics, field("securityGroupRuleId", &Self::securityGroupRuleId),
                   field("groupId", &Self::groupId), field("isEgress", &Self::isEgress),
                   field("ipProtocol", &Self::ipProtocol), field("fromPort", &Self::fromPort),
                   field("toPort", &Self::toPort), field("cidrIpv4", &Self::cidrIpv4),
                   field("cidrIpv6", &Self::cidrIpv6), field("prefixListId", &Self::prefixListId),
                   field("description", &Self::description));
};

// One rule with one source, as AuthorizeSecurityGroupIngress/Egress report them created and
// DescribeSecurityGroupRules lists them.
struct SecurityGroupRule : SecurityGroupRuleBasics {
  std::string securityGroupRuleArn;
  std::string groupOwnerId;
  std::vector<Tag> tags;
  template <class Self = SecurityGroupRule>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(SecurityGroupRuleBasics::fields<Self>(),
                        field("securityGroupRuleArn", &Self::securityGroupRuleArn),
                        field("groupOwnerId", &Self::groupOwnerId),
                        field("referencedGroupInfo/groupId", &Self::referencedGroupId), tagSetField(&Self::tags));
  }
};

// A rule RevokeSecurityGroupIngress/Egress removed.
struct RevokedSecurityGroupRule : SecurityGroupRuleBasics {
  template <class Self = RevokedSecurityGroupRule>  // as AWSDIRECT_FIELDS declares them, with the base's first
  static constexpr auto fields() {
    return extendFields(SecurityGroupRuleBasics::fields<Self>(), field("referencedGroupId", &Self::referencedGroupId));
  }
};

struct CreateSecurityGroupResult {
  std::string groupId;
  std::string securityGroupArn;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(CreateSecurityGroupResult, field("groupId", &Self::groupId),
                   field("securityGroupArn", &Self::securityGroupArn), tagSetField(&Self::tags));
};

// What AuthorizeSecurityGroupIngress and AuthorizeSecurityGroupEgress answer.
struct AuthorizeSecurityGroupRulesResult {
  bool succeeded = false;  // EC2's <return>
  std::vector<SecurityGroupRule> securityGroupRules;
  AWSDIRECT_FIELDS(AuthorizeSecurityGroupRulesResult, field("return", &Self::succeeded),
                   field("securityGroupRuleSet", &Self::securityGroupRules, "item"));
};

// What RevokeSecurityGroupIngress and RevokeSecurityGroupEgress answer.
struct RevokeSecurityGroupRulesResult {
  bool succeeded = false;  // EC2's <return>
  // The permissions of the request that matched no rule of the group (nothing was revoked for them).
  std::vector<IpPermission> unknownIpPermissions;
  std::vector<RevokedSecurityGroupRule> revokedSecurityGroupRules;
  AWSDIRECT_FIELDS(RevokeSecurityGroupRulesResult, field("return", &Self::succeeded),
                   field("unknownIpPermissionSet", &Self::unknownIpPermissions, "item"),
                   field("revokedSecurityGroupRuleSet", &Self::revokedSecurityGroupRules, "item"));
};

struct DeleteSecurityGroupResult {
  bool succeeded = true;  // EC2's <return>; older answers have none: a 2xx answer is the success itself
  std::string groupId;
  AWSDIRECT_FIELDS(DeleteSecurityGroupResult, field("return", &Self::succeeded), field("groupId", &Self::groupId));
};

AWSDIRECT_EC2_PAGE(DescribeSecurityGroupsResult, SecurityGroup, securityGroups, "securityGroupInfo");

AWSDIRECT_EC2_PAGE(DescribeSecurityGroupRulesResult, SecurityGroupRule, securityGroupRules, "securityGroupRuleSet");

// ---- Requests ---------------------------------------------------------------------------------

// Exactly one of GroupId and GroupName names the group of an operation.
template <class Self, class Result, class... Members>
class GroupRequest : public Request<Self, Ec2, Result, m::GroupId, m::GroupName, Members...> {
 public:
  void validateAcross(Validator& v) const {
    rules::exactlyOneGroup(v, this->groupId_.has_value(), this->groupName_.has_value());
  }
};

// Adds rules to a group: ingress by id or (default VPC only) name, egress by id.
template <class Self, class... Members>
class AuthorizeRequest : public Request<Self, Ec2, AuthorizeSecurityGroupRulesResult, Members...,
                                        Required<m::IpPermissions>, m::TagSpecifications> {
 public:
  Self& ipPermission(IpPermission p) {
    this->ipPermissions_.push_back(std::move(p));
    return static_cast<Self&>(*this);
  }
  // A tag of each rule made.
  Self& tag(std::string key, std::string value) {
    if (this->tagSpecifications_.empty()) this->tagSpecifications_.push_back({"security-group-rule", {}});
    this->tagSpecifications_.front().tags.push_back({std::move(key), std::move(value)});
    return static_cast<Self&>(*this);
  }
};

// Removes rules, given as the permissions they grant or by their ids ("sgr-..."): at least one.
template <class Self, class... Members>
class RevokeRequest : public Request<Self, Ec2, RevokeSecurityGroupRulesResult, Members..., m::IpPermissions,
                                     m::SecurityGroupRuleIds> {
 public:
  Self& ipPermission(IpPermission p) {
    this->ipPermissions_.push_back(std::move(p));
    return static_cast<Self&>(*this);
  }
  Self& securityGroupRuleId(std::string id) {
    this->securityGroupRuleIds_.push_back(std::move(id));
    return static_cast<Self&>(*this);
  }
  void validateAcross(Validator& v) const {
    v.check(!this->ipPermissions_.empty() || !this->securityGroupRuleIds_.empty(), "IpPermissions",
            "or SecurityGroupRuleIds must name at least one rule");
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
  CreateSecurityGroupRequest& tag(std::string key, std::string value) {
    if (tagSpecifications_.empty()) tagSpecifications_.push_back({"security-group", {}});
    tagSpecifications_.front().tags.push_back({std::move(key), std::move(value)});
    return *this;
  }
};

// AuthorizeSecurityGroupIngress: inbound rules, the group by id or (default VPC only) by name.
class AuthorizeSecurityGroupIngressRequest
    : public AuthorizeRequest<AuthorizeSecurityGroupIngressRequest, m::GroupId, m::GroupName> {
 public:
  static constexpr const char* operation = "AuthorizeSecurityGroupIngress";
  void validateAcross(Validator& v) const { rules::exactlyOneGroup(v, groupId_.has_value(), groupName_.has_value()); }
};

// AuthorizeSecurityGroupEgress: outbound rules of a VPC group, by its id.
class AuthorizeSecurityGroupEgressRequest
    : public AuthorizeRequest<AuthorizeSecurityGroupEgressRequest, Required<m::GroupId>> {
 public:
  static constexpr const char* operation = "AuthorizeSecurityGroupEgress";
};

// RevokeSecurityGroupIngress: removes inbound rules; the group by id or (default VPC) by name.
class RevokeSecurityGroupIngressRequest
    : public RevokeRequest<RevokeSecurityGroupIngressRequest, m::GroupId, m::GroupName> {
 public:
  static constexpr const char* operation = "RevokeSecurityGroupIngress";
  void validateAcross(Validator& v) const {
    rules::exactlyOneGroup(v, groupId_.has_value(), groupName_.has_value());
    RevokeRequest::validateAcross(v);
  }
};

// RevokeSecurityGroupEgress: removes outbound rules of a VPC group, by its id.
class RevokeSecurityGroupEgressRequest : public RevokeRequest<RevokeSecurityGroupEgressRequest, Required<m::GroupId>> {
 public:
  static constexpr const char* operation = "RevokeSecurityGroupEgress";
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
};

// DescribeSecurityGroupRules: rules one by one, by ids or filters ("group-id", "tag:Name"), page by page.
class DescribeSecurityGroupRulesRequest
    : public Request<DescribeSecurityGroupRulesRequest, Ec2, DescribeSecurityGroupRulesResult, m::Filters,
                     m::SecurityGroupRuleIds, m::MaxResults, m::NextToken> {
 public:
  static constexpr const char* operation = "DescribeSecurityGroupRules";
  DescribeSecurityGroupRulesRequest& securityGroupRuleId(std::string v) {
    securityGroupRuleIds_.push_back(std::move(v));
    return *this;
  }
  DescribeSecurityGroupRulesRequest& filter(std::string name, std::vector<std::string> values) {
    filters_.push_back({std::move(name), std::move(values)});
    return *this;
  }
};

// DeleteSecurityGroup: by id (by name in the default VPC only). AWS refuses while the group is
// in use by an instance or referenced by another group's rule (DependencyViolation).
class DeleteSecurityGroupRequest : public GroupRequest<DeleteSecurityGroupRequest, DeleteSecurityGroupResult> {
 public:
  static constexpr const char* operation = "DeleteSecurityGroup";
};

}  // namespace ec2
}  // namespace awsdirect
