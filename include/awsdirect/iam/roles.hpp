#pragma once
// IAM's roles: created with a trust policy, given managed and inline policies and tags, listed,
// and taken apart before deletion (instance profiles, permissions boundary).
#include <optional>
#include <string>
#include <utility>

#include "../policy.hpp"
#include "../request.hpp"
#include "common.hpp"

namespace awsdirect {
namespace iam {

// CreateRole: a role with a trust policy (who may assume it). Required: the name and the trust
// policy, as a TrustPolicy or as a JSON document.
class CreateRoleRequest
    : public Request<CreateRoleRequest, Iam, Role, Required<m::RoleName>, m::Path, m::Description,
                     Required<m::AssumeRolePolicyDocument>, m::MaxSessionDuration, m::PermissionsBoundary, m::Tags> {
 public:
  static constexpr const char* operation = "CreateRole";

  CreateRoleRequest& assumeRolePolicy(TrustPolicy v) {
    assumeRolePolicyDocument_ = v.json();
    trustPolicy_ = std::move(v);
    return *this;
  }
  CreateRoleRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  // A TrustPolicy's own rules (its principals), beyond those of any JSON document.
  void validateAcross(Validator& v) const {
    if (trustPolicy_) trustPolicy_->validate(v, "AssumeRolePolicyDocument");
  }
  static constexpr const char* resultElement = "Role";

 private:
  std::optional<TrustPolicy> trustPolicy_;
};

// GetRole: one role by name (NoSuchEntity when there is none).
class GetRoleRequest : public Request<GetRoleRequest, Iam, Role, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "GetRole";
  static constexpr const char* resultElement = "Role";
};

// ListRoles: every role of the account (under a path prefix), page by page.
class ListRolesRequest : public ListRequest<ListRolesRequest, ListRolesResult, m::PathPrefix> {
 public:
  static constexpr const char* operation = "ListRoles";
};

// DeleteRole: AWS refuses (DeleteConflict) while the role has policies or instance profiles;
// Iam::deleteRoleCompletely removes those first, as the console does.
class DeleteRoleRequest : public Request<DeleteRoleRequest, Iam, Empty, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "DeleteRole";
};

// UpdateAssumeRolePolicy: replaces the role's trust policy.
class UpdateAssumeRolePolicyRequest
    : public Request<UpdateAssumeRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyDocument>> {
 public:
  static constexpr const char* operation = "UpdateAssumeRolePolicy";
  using Request::policyDocument;
  UpdateAssumeRolePolicyRequest& policyDocument(TrustPolicy v) {
    policyDocument_ = v.json();
    trustPolicy_ = std::move(v);
    return *this;
  }
  void validateAcross(Validator& v) const {
    if (trustPolicy_) trustPolicy_->validate(v, "PolicyDocument");
  }

 private:
  std::optional<TrustPolicy> trustPolicy_;
};

// AttachRolePolicy: grants a role the permissions of a managed policy.
class AttachRolePolicyRequest
    : public Request<AttachRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "AttachRolePolicy";
};

// DetachRolePolicy: removes a managed policy from a role (NoSuchEntity when it is not attached).
class DetachRolePolicyRequest
    : public Request<DetachRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "DetachRolePolicy";
};

// ListAttachedRolePolicies: the managed policies of a role, page by page.
class ListAttachedRolePoliciesRequest
    : public ListRequest<ListAttachedRolePoliciesRequest, ListAttachedPoliciesResult, Required<m::RoleName>, m::PathPrefix> {
 public:
  static constexpr const char* operation = "ListAttachedRolePolicies";
};

// PutRolePolicy: embeds an inline policy in a role (replacing one of the same name).
class PutRolePolicyRequest
    : public Request<PutRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyName>,
                     Required<m::PolicyDocument>> {
 public:
  static constexpr const char* operation = "PutRolePolicy";
  using Request::policyDocument;
  PutRolePolicyRequest& policyDocument(const PolicyDocument& v) {
    policyDocument_ = v.json();
    policy_ = v;
    return *this;
  }
  void validateAcross(Validator& v) const {
    if (policy_) policy_->validate(v, "PolicyDocument");
  }

 private:
  std::optional<PolicyDocument> policy_;
};

// GetRolePolicy: one inline policy of a role, its document decoded.
class GetRolePolicyRequest
    : public Request<GetRolePolicyRequest, Iam, InlinePolicy, Required<m::RoleName>, Required<m::PolicyName>> {
 public:
  static constexpr const char* operation = "GetRolePolicy";
};

// ListRolePolicies: the names of a role's inline policies, page by page.
class ListRolePoliciesRequest : public ListRequest<ListRolePoliciesRequest, ListPolicyNamesResult, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "ListRolePolicies";
};

// DeleteRolePolicy: removes an inline policy from a role.
class DeleteRolePolicyRequest
    : public Request<DeleteRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyName>> {
 public:
  static constexpr const char* operation = "DeleteRolePolicy";
};

// TagRole: adds tags to a role (replacing the values of keys it has).
class TagRoleRequest : public Request<TagRoleRequest, Iam, Empty, Required<m::RoleName>, Required<m::Tags>> {
 public:
  static constexpr const char* operation = "TagRole";
  TagRoleRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};

// UntagRole: removes tags from a role by key.
class UntagRoleRequest : public Request<UntagRoleRequest, Iam, Empty, Required<m::RoleName>, Required<m::TagKeys>> {
 public:
  static constexpr const char* operation = "UntagRole";
  UntagRoleRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
};

// ListRoleTags: a role's tags, page by page.
class ListRoleTagsRequest : public ListRequest<ListRoleTagsRequest, ListTagsResult, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "ListRoleTags";
};

// ListInstanceProfilesForRole: the instance profiles that hold the role (EC2's way to pass it).
class ListInstanceProfilesForRoleRequest
    : public ListRequest<ListInstanceProfilesForRoleRequest, ListInstanceProfilesResult, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "ListInstanceProfilesForRole";
};

// RemoveRoleFromInstanceProfile: takes the role out of an instance profile.
class RemoveRoleFromInstanceProfileRequest
    : public Request<RemoveRoleFromInstanceProfileRequest, Iam, Empty, Required<m::InstanceProfileName>,
                     Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "RemoveRoleFromInstanceProfile";
};

// DeleteRolePermissionsBoundary: the role's permissions are its policies' again, unbounded.
class DeleteRolePermissionsBoundaryRequest
    : public Request<DeleteRolePermissionsBoundaryRequest, Iam, Empty, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "DeleteRolePermissionsBoundary";
};

}  // namespace iam
}  // namespace awsdirect
