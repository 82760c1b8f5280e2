#pragma once
// AWS Identity and Access Management (API version 2010-05-08, Query protocol): the roles, users,
// managed-policy attachments and access keys the seed tutorial uses, with their client-side
// rules, typed results, trust-policy helpers and waiters.
//
// IAM is a global service: one endpoint per partition (iam.amazonaws.com, signed for us-east-1;
// iam.cn-north-1.amazonaws.com.cn; iam.us-gov.amazonaws.com), whatever region the client has.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "policy.hpp"
#include "request.hpp"
#include "secret.hpp"
#include "uri.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Iam;

namespace iam {

// ---- Results --------------------------------------------------------------------------------

namespace detail {

// IAM returns policy documents URL-encoded (RFC 3986, so '+' is a plus sign, not a space);
// results hold them decoded, as botocore does.
inline std::string decodePolicyDocument(const std::string& encoded) { return uriDecode(encoded); }

AWSDIRECT_DECL std::vector<Tag> readTags(const XmlNode& node);

}  // namespace detail

struct Role {
  std::string path;
  std::string roleName;
  std::string roleId;
  std::string arn;
  std::optional<std::chrono::system_clock::time_point> createDate;
  std::string assumeRolePolicyDocument;  // decoded JSON
  std::string description;
  std::optional<int> maxSessionDuration;  // seconds
  std::string permissionsBoundaryArn;     // empty when the role has none
  std::vector<Tag> tags;
  std::optional<std::chrono::system_clock::time_point> lastUsedDate;
  std::string lastUsedRegion;

  AWSDIRECT_DECL static Role fromXml(const XmlNode& node);
};

struct User {
  std::string path;
  std::string userName;
  std::string userId;
  std::string arn;
  std::optional<std::chrono::system_clock::time_point> createDate;
  std::optional<std::chrono::system_clock::time_point> passwordLastUsed;
  std::string permissionsBoundaryArn;
  std::vector<Tag> tags;

  AWSDIRECT_DECL static User fromXml(const XmlNode& node);
};

struct AttachedPolicy {
  std::string policyName;
  std::string policyArn;
};

// A new access key. The secret is returned by AWS this once; it is a Secret, which never prints
// itself: read it with secretAccessKey.reveal() where it must be stored.
struct AccessKey {
  std::string userName;
  std::string accessKeyId;
  std::string status;  // "Active", "Inactive"
  Secret secretAccessKey;
  std::optional<std::chrono::system_clock::time_point> createDate;

  AWSDIRECT_DECL static AccessKey fromXml(const XmlNode& node);
};

// What ListAccessKeys tells about a key: everything but the secret.
struct AccessKeyMetadata {
  std::string userName;
  std::string accessKeyId;
  std::string status;
  std::optional<std::chrono::system_clock::time_point> createDate;
};

struct ListAttachedPoliciesResult {
  std::vector<AttachedPolicy> attachedPolicies;
  std::string marker;  // empty on the last page

  AWSDIRECT_DECL static ListAttachedPoliciesResult fromXml(const XmlNode& result);
};

struct ListAccessKeysResult {
  std::vector<AccessKeyMetadata> accessKeyMetadata;
  std::string marker;  // empty on the last page
};

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;

AWSDIRECT_MEMBER(RoleName, roleName, std::string, length(1, 64), check(rules::nameCharacters));
AWSDIRECT_MEMBER(NewUserName, userName, std::string, apiName("UserName"), length(1, 64), check(rules::nameCharacters));
// Users that exist may have names of up to 128 characters.
AWSDIRECT_MEMBER(UserName, userName, std::string, length(1, 128), check(rules::nameCharacters));
AWSDIRECT_MEMBER(Path, path, std::string, check(rules::path));
AWSDIRECT_MEMBER(PathPrefix, pathPrefix, std::string, check(rules::pathPrefix));
AWSDIRECT_MEMBER(Description, description, std::string, check(rules::description));
AWSDIRECT_MEMBER(AssumeRolePolicyDocument, assumeRolePolicyDocument, std::string, check(rules::policyDocument));
AWSDIRECT_MEMBER(PolicyDocument, policyDocument, std::string, check(rules::policyDocument));
AWSDIRECT_MEMBER(MaxSessionDuration, maxSessionDuration, int, range(3600, 43200));
AWSDIRECT_MEMBER(PermissionsBoundary, permissionsBoundary, std::string, check(rules::managedPolicyArn));
AWSDIRECT_MEMBER(PolicyArn, policyArn, std::string, check(rules::managedPolicyArn));
AWSDIRECT_MEMBER(PolicyName, policyName, std::string, length(1, 128), check(rules::nameCharacters));
AWSDIRECT_MEMBER(AccessKeyId, accessKeyId, std::string, length(16, 128), check(rules::accessKeyId));
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, check(rules::tagList));
AWSDIRECT_MEMBER(Marker, marker, std::string, length(1, 320));
AWSDIRECT_MEMBER(MaxItems, maxItems, int, range(1, 1000));

}  // namespace members

namespace m = members;

// ---- Requests: roles -------------------------------------------------------------------------

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
  static Result parse(const XmlNode& result) { return Role::fromXml(result.child("Role")); }

 private:
  std::optional<TrustPolicy> trustPolicy_;
};

// GetRole: one role by name (NoSuchEntity when there is none).
class GetRoleRequest : public Request<GetRoleRequest, Iam, Role, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "GetRole";
  static Result parse(const XmlNode& result) { return Role::fromXml(result.child("Role")); }
};

// DeleteRole: AWS refuses (DeleteConflict) while managed policies are attached; detach them first.
class DeleteRoleRequest : public Request<DeleteRoleRequest, Iam, Empty, Required<m::RoleName>> {
 public:
  static constexpr const char* operation = "DeleteRole";
  static Result parse(const XmlNode&) { return {}; }
};

// AttachRolePolicy: grants a role the permissions of a managed policy.
class AttachRolePolicyRequest
    : public Request<AttachRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "AttachRolePolicy";
  static Result parse(const XmlNode&) { return {}; }
};

// DetachRolePolicy: removes a managed policy from a role (NoSuchEntity when it is not attached).
class DetachRolePolicyRequest
    : public Request<DetachRolePolicyRequest, Iam, Empty, Required<m::RoleName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "DetachRolePolicy";
  static Result parse(const XmlNode&) { return {}; }
};

// ListAttachedRolePolicies: the managed policies of a role, page by page (Marker).
class ListAttachedRolePoliciesRequest
    : public Request<ListAttachedRolePoliciesRequest, Iam, ListAttachedPoliciesResult, Required<m::RoleName>,
                     m::PathPrefix, m::Marker, m::MaxItems> {
 public:
  static constexpr const char* operation = "ListAttachedRolePolicies";
  static Result parse(const XmlNode& result) { return ListAttachedPoliciesResult::fromXml(result); }
};

// ---- Requests: users -------------------------------------------------------------------------

// CreateUser: a user without console password or keys; give it policies and an access key next.
class CreateUserRequest
    : public Request<CreateUserRequest, Iam, User, m::Path, Required<m::NewUserName>, m::PermissionsBoundary, m::Tags> {
 public:
  static constexpr const char* operation = "CreateUser";
  CreateUserRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
  static Result parse(const XmlNode& result) { return User::fromXml(result.child("User")); }
};

// GetUser: one user by name, or without a name the user whose key signs the request.
class GetUserRequest : public Request<GetUserRequest, Iam, User, m::UserName> {
 public:
  static constexpr const char* operation = "GetUser";
  static Result parse(const XmlNode& result) { return User::fromXml(result.child("User")); }
};

// DeleteUser: AWS refuses (DeleteConflict) while the user has access keys, policies, groups
// or a password; remove those first.
class DeleteUserRequest : public Request<DeleteUserRequest, Iam, Empty, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "DeleteUser";
  static Result parse(const XmlNode&) { return {}; }
};

// AttachUserPolicy: grants a user the permissions of a managed policy.
class AttachUserPolicyRequest
    : public Request<AttachUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "AttachUserPolicy";
  static Result parse(const XmlNode&) { return {}; }
};

// DetachUserPolicy: removes a managed policy from a user (NoSuchEntity when it is not attached).
class DetachUserPolicyRequest
    : public Request<DetachUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "DetachUserPolicy";
  static Result parse(const XmlNode&) { return {}; }
};

// ListAttachedUserPolicies: the managed policies of a user, page by page (Marker).
class ListAttachedUserPoliciesRequest
    : public Request<ListAttachedUserPoliciesRequest, Iam, ListAttachedPoliciesResult, Required<m::UserName>,
                     m::PathPrefix, m::Marker, m::MaxItems> {
 public:
  static constexpr const char* operation = "ListAttachedUserPolicies";
  static Result parse(const XmlNode& result) { return ListAttachedPoliciesResult::fromXml(result); }
};

// PutUserPolicy: embeds an inline policy in a user (replacing one of the same name).
class PutUserPolicyRequest
    : public Request<PutUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyName>,
                     Required<m::PolicyDocument>> {
 public:
  static constexpr const char* operation = "PutUserPolicy";
  using Request::policyDocument;
  PutUserPolicyRequest& policyDocument(PolicyDocument v) {
    policyDocument_ = v.json();
    policy_ = std::move(v);
    return *this;
  }
  // A PolicyDocument's own rules (its statements), beyond those of any JSON document.
  void validateAcross(Validator& v) const {
    if (policy_) policy_->validate(v, "PolicyDocument");
  }
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<PolicyDocument> policy_;
};

// DeleteUserPolicy: removes an inline policy from a user.
class DeleteUserPolicyRequest
    : public Request<DeleteUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyName>> {
 public:
  static constexpr const char* operation = "DeleteUserPolicy";
  static Result parse(const XmlNode&) { return {}; }
};

// ---- Requests: access keys -------------------------------------------------------------------

// CreateAccessKey: a new key for the user (without a name, for the user who signs the request).
// AWS allows two keys per user (LimitExceeded beyond that).
class CreateAccessKeyRequest : public Request<CreateAccessKeyRequest, Iam, AccessKey, m::UserName> {
 public:
  static constexpr const char* operation = "CreateAccessKey";
  static Result parse(const XmlNode& result) { return AccessKey::fromXml(result.child("AccessKey")); }
};

// ListAccessKeys: the keys of a user (without their secrets), page by page (Marker).
class ListAccessKeysRequest
    : public Request<ListAccessKeysRequest, Iam, ListAccessKeysResult, m::UserName, m::Marker, m::MaxItems> {
 public:
  static constexpr const char* operation = "ListAccessKeys";
  AWSDIRECT_DECL static Result parse(const XmlNode& result);
};

// DeleteAccessKey: removes a key for good; whoever used it can no longer sign with it.
class DeleteAccessKeyRequest
    : public Request<DeleteAccessKeyRequest, Iam, Empty, m::UserName, Required<m::AccessKeyId>> {
 public:
  static constexpr const char* operation = "DeleteAccessKey";
  static Result parse(const XmlNode&) { return {}; }
};

}  // namespace iam

// ---- The client -------------------------------------------------------------------------------

class Iam : public QueryService<Iam> {
 public:
  // Global: the endpoint and signing region come from the partition of the client's region.
  static ServiceInfo serviceInfo() { return {"IAM", "iam", "iam", "2010-05-08", true}; }

  explicit Iam(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations (build a request, send it with send()) ----
  static iam::CreateRoleRequest createRole() { return {}; }
  static iam::GetRoleRequest getRole() { return {}; }
  static iam::DeleteRoleRequest deleteRole() { return {}; }
  static iam::AttachRolePolicyRequest attachRolePolicy() { return {}; }
  static iam::DetachRolePolicyRequest detachRolePolicy() { return {}; }
  static iam::ListAttachedRolePoliciesRequest listAttachedRolePolicies() { return {}; }

  static iam::CreateUserRequest createUser() { return {}; }
  static iam::GetUserRequest getUser() { return {}; }
  static iam::DeleteUserRequest deleteUser() { return {}; }
  static iam::AttachUserPolicyRequest attachUserPolicy() { return {}; }
  static iam::DetachUserPolicyRequest detachUserPolicy() { return {}; }
  static iam::ListAttachedUserPoliciesRequest listAttachedUserPolicies() { return {}; }
  static iam::PutUserPolicyRequest putUserPolicy() { return {}; }
  static iam::DeleteUserPolicyRequest deleteUserPolicy() { return {}; }

  static iam::CreateAccessKeyRequest createAccessKey() { return {}; }
  static iam::ListAccessKeysRequest listAccessKeys() { return {}; }
  static iam::DeleteAccessKeyRequest deleteAccessKey() { return {}; }

  // ---- Calls that send ----

  // Every managed policy attached to the role, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(const std::string& roleName);

  // Every managed policy attached to the user, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(const std::string& userName);

  // Every access key of the user, following Marker from page to page.
  AWSDIRECT_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(iam::ListAccessKeysRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(const std::string& userName);

  // botocore's RoleExists (every second, 20 times): GetRole until it succeeds and returns the
  // role, NoSuchEntity meaning "not yet" (IAM is eventually consistent: a role just created may
  // not be visible everywhere at once).
  AWSDIRECT_DECL Outcome<iam::Role> waitUntilRoleExists(const std::string& roleName, WaitOptions options = {});

  // botocore's UserExists (every second, 20 times): GetUser until it succeeds, NoSuchEntity
  // meaning "not yet".
  AWSDIRECT_DECL Outcome<iam::User> waitUntilUserExists(const std::string& userName, WaitOptions options = {});

  static constexpr WaiterPace kRoleExists{std::chrono::seconds(1), 20};
  static constexpr WaiterPace kUserExists{std::chrono::seconds(1), 20};
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/iam.ipp"
#endif
