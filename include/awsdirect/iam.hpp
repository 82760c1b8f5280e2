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
#include "secret.hpp"
#include "uri.hpp"
#include "waiter.hpp"

namespace awsdirect {
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

// ---- Requests: roles -------------------------------------------------------------------------

// CreateRole: a role with a trust policy (who may assume it). Required: the name and the trust
// policy, as a TrustPolicy or as a JSON document.
class CreateRoleRequest {
 public:
  using Result = Role;
  static constexpr const char* operation = "CreateRole";

  CreateRoleRequest& roleName(std::string v) { roleName_ = std::move(v); return *this; }
  CreateRoleRequest& path(std::string v) { path_ = std::move(v); return *this; }
  CreateRoleRequest& description(std::string v) { description_ = std::move(v); return *this; }
  CreateRoleRequest& assumeRolePolicy(TrustPolicy v) { trustPolicy_ = std::move(v); document_.reset(); return *this; }
  CreateRoleRequest& assumeRolePolicyDocument(std::string json) { document_ = std::move(json); trustPolicy_.reset(); return *this; }
  // Seconds a session of this role may last: 3600 (the default) to 43200.
  CreateRoleRequest& maxSessionDuration(int seconds) { maxSessionDuration_ = seconds; return *this; }
  CreateRoleRequest& permissionsBoundary(std::string policyArn) { permissionsBoundary_ = std::move(policyArn); return *this; }
  CreateRoleRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

  static Result parse(const XmlNode& result) { return Role::fromXml(result.child("Role")); }

 private:
  std::optional<std::string> roleName_, path_, description_, document_, permissionsBoundary_;
  std::optional<TrustPolicy> trustPolicy_;
  std::optional<int> maxSessionDuration_;
  std::vector<Tag> tags_;
};

// GetRole: one role by name (NoSuchEntity when there is none).
class GetRoleRequest {
 public:
  using Result = Role;
  static constexpr const char* operation = "GetRole";

  GetRoleRequest& roleName(std::string v) { roleName_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::requiredName(v, "RoleName", roleName_); }
  void serialize(QueryWriter& w) const { w.optional("RoleName", roleName_); }
  static Result parse(const XmlNode& result) { return Role::fromXml(result.child("Role")); }

 private:
  std::optional<std::string> roleName_;
};

// DeleteRole: AWS refuses (DeleteConflict) while managed policies are attached; detach them first.
class DeleteRoleRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "DeleteRole";

  DeleteRoleRequest& roleName(std::string v) { roleName_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::requiredName(v, "RoleName", roleName_); }
  void serialize(QueryWriter& w) const { w.optional("RoleName", roleName_); }
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<std::string> roleName_;
};

namespace detail {

// The shape AttachRolePolicy, DetachRolePolicy, AttachUserPolicy and DetachUserPolicy share: a
// managed policy (by ARN) and the role or user it is attached to or detached from.
class PolicyAttachment {
 public:
  using Result = Empty;

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  static Result parse(const XmlNode&) { return {}; }

 protected:
  explicit PolicyAttachment(const char* principalField) : principalField_(principalField) {}
  const char* principalField_;
  std::optional<std::string> principal_, policyArn_;
};

// The shape ListAttachedRolePolicies and ListAttachedUserPolicies share.
class AttachedPoliciesListing {
 public:
  using Result = ListAttachedPoliciesResult;

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  static Result parse(const XmlNode& result) { return ListAttachedPoliciesResult::fromXml(result); }

 protected:
  explicit AttachedPoliciesListing(const char* principalField) : principalField_(principalField) {}
  const char* principalField_;
  std::optional<std::string> principal_, pathPrefix_, marker_;
  std::optional<int> maxItems_;
};

}  // namespace detail

// AttachRolePolicy: grants a role the permissions of a managed policy.
class AttachRolePolicyRequest : public detail::PolicyAttachment {
 public:
  static constexpr const char* operation = "AttachRolePolicy";
  AttachRolePolicyRequest() : PolicyAttachment("RoleName") {}
  AttachRolePolicyRequest& roleName(std::string v) { principal_ = std::move(v); return *this; }
  AttachRolePolicyRequest& policyArn(std::string v) { policyArn_ = std::move(v); return *this; }
};

// DetachRolePolicy: removes a managed policy from a role (NoSuchEntity when it is not attached).
class DetachRolePolicyRequest : public detail::PolicyAttachment {
 public:
  static constexpr const char* operation = "DetachRolePolicy";
  DetachRolePolicyRequest() : PolicyAttachment("RoleName") {}
  DetachRolePolicyRequest& roleName(std::string v) { principal_ = std::move(v); return *this; }
  DetachRolePolicyRequest& policyArn(std::string v) { policyArn_ = std::move(v); return *this; }
};

// ListAttachedRolePolicies: the managed policies of a role, page by page (Marker).
class ListAttachedRolePoliciesRequest : public detail::AttachedPoliciesListing {
 public:
  static constexpr const char* operation = "ListAttachedRolePolicies";
  ListAttachedRolePoliciesRequest() : AttachedPoliciesListing("RoleName") {}
  ListAttachedRolePoliciesRequest& roleName(std::string v) { principal_ = std::move(v); return *this; }
  ListAttachedRolePoliciesRequest& pathPrefix(std::string v) { pathPrefix_ = std::move(v); return *this; }
  ListAttachedRolePoliciesRequest& maxItems(int v) { maxItems_ = v; return *this; }
  ListAttachedRolePoliciesRequest& marker(std::string v) { marker_ = std::move(v); return *this; }
};

// ---- Requests: users -------------------------------------------------------------------------

// CreateUser: a user without console password or keys; give it policies and an access key next.
class CreateUserRequest {
 public:
  using Result = User;
  static constexpr const char* operation = "CreateUser";

  CreateUserRequest& userName(std::string v) { userName_ = std::move(v); return *this; }
  CreateUserRequest& path(std::string v) { path_ = std::move(v); return *this; }
  CreateUserRequest& permissionsBoundary(std::string policyArn) { permissionsBoundary_ = std::move(policyArn); return *this; }
  CreateUserRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;

  static Result parse(const XmlNode& result) { return User::fromXml(result.child("User")); }

 private:
  std::optional<std::string> userName_, path_, permissionsBoundary_;
  std::vector<Tag> tags_;
};

// GetUser: one user by name, or without a name the user whose key signs the request.
// (Names of users that already exist may be up to 128 characters long.)
class GetUserRequest {
 public:
  using Result = User;
  static constexpr const char* operation = "GetUser";

  GetUserRequest& userName(std::string v) { userName_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  void serialize(QueryWriter& w) const { w.optional("UserName", userName_); }
  static Result parse(const XmlNode& result) { return User::fromXml(result.child("User")); }

 private:
  std::optional<std::string> userName_;
};

// DeleteUser: AWS refuses (DeleteConflict) while the user has access keys, policies, groups
// or a password; remove those first.
class DeleteUserRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "DeleteUser";

  DeleteUserRequest& userName(std::string v) { userName_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::requiredName(v, "UserName", userName_, 128); }
  void serialize(QueryWriter& w) const { w.optional("UserName", userName_); }
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<std::string> userName_;
};

// AttachUserPolicy: grants a user the permissions of a managed policy.
class AttachUserPolicyRequest : public detail::PolicyAttachment {
 public:
  static constexpr const char* operation = "AttachUserPolicy";
  AttachUserPolicyRequest() : PolicyAttachment("UserName") {}
  AttachUserPolicyRequest& userName(std::string v) { principal_ = std::move(v); return *this; }
  AttachUserPolicyRequest& policyArn(std::string v) { policyArn_ = std::move(v); return *this; }
};

// DetachUserPolicy: removes a managed policy from a user (NoSuchEntity when it is not attached).
class DetachUserPolicyRequest : public detail::PolicyAttachment {
 public:
  static constexpr const char* operation = "DetachUserPolicy";
  DetachUserPolicyRequest() : PolicyAttachment("UserName") {}
  DetachUserPolicyRequest& userName(std::string v) { principal_ = std::move(v); return *this; }
  DetachUserPolicyRequest& policyArn(std::string v) { policyArn_ = std::move(v); return *this; }
};

// ListAttachedUserPolicies: the managed policies of a user, page by page (Marker).
class ListAttachedUserPoliciesRequest : public detail::AttachedPoliciesListing {
 public:
  static constexpr const char* operation = "ListAttachedUserPolicies";
  ListAttachedUserPoliciesRequest() : AttachedPoliciesListing("UserName") {}
  ListAttachedUserPoliciesRequest& userName(std::string v) { principal_ = std::move(v); return *this; }
  ListAttachedUserPoliciesRequest& pathPrefix(std::string v) { pathPrefix_ = std::move(v); return *this; }
  ListAttachedUserPoliciesRequest& maxItems(int v) { maxItems_ = v; return *this; }
  ListAttachedUserPoliciesRequest& marker(std::string v) { marker_ = std::move(v); return *this; }
};

// PutUserPolicy: embeds an inline policy in a user (replacing one of the same name).
class PutUserPolicyRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "PutUserPolicy";

  PutUserPolicyRequest& userName(std::string v) { userName_ = std::move(v); return *this; }
  PutUserPolicyRequest& policyName(std::string v) { policyName_ = std::move(v); return *this; }
  PutUserPolicyRequest& policyDocument(PolicyDocument v) { policy_ = std::move(v); document_.reset(); return *this; }
  PutUserPolicyRequest& policyDocument(std::string json) { document_ = std::move(json); policy_.reset(); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<std::string> userName_, policyName_, document_;
  std::optional<PolicyDocument> policy_;
};

// DeleteUserPolicy: removes an inline policy from a user.
class DeleteUserPolicyRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "DeleteUserPolicy";

  DeleteUserPolicyRequest& userName(std::string v) { userName_ = std::move(v); return *this; }
  DeleteUserPolicyRequest& policyName(std::string v) { policyName_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<std::string> userName_, policyName_;
};

// ---- Requests: access keys -------------------------------------------------------------------

// CreateAccessKey: a new key for the user (without a name, for the user who signs the request).
// AWS allows two keys per user (LimitExceeded beyond that).
class CreateAccessKeyRequest {
 public:
  using Result = AccessKey;
  static constexpr const char* operation = "CreateAccessKey";

  CreateAccessKeyRequest& userName(std::string v) { userName_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  void serialize(QueryWriter& w) const { w.optional("UserName", userName_); }
  static Result parse(const XmlNode& result) { return AccessKey::fromXml(result.child("AccessKey")); }

 private:
  std::optional<std::string> userName_;
};

// ListAccessKeys: the keys of a user (without their secrets), page by page (Marker).
class ListAccessKeysRequest {
 public:
  using Result = ListAccessKeysResult;
  static constexpr const char* operation = "ListAccessKeys";

  ListAccessKeysRequest& userName(std::string v) { userName_ = std::move(v); return *this; }
  ListAccessKeysRequest& maxItems(int v) { maxItems_ = v; return *this; }
  ListAccessKeysRequest& marker(std::string v) { marker_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& result);

 private:
  std::optional<std::string> userName_, marker_;
  std::optional<int> maxItems_;
};

// DeleteAccessKey: removes a key for good; whoever used it can no longer sign with it.
class DeleteAccessKeyRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "DeleteAccessKey";

  DeleteAccessKeyRequest& userName(std::string v) { userName_ = std::move(v); return *this; }
  DeleteAccessKeyRequest& accessKeyId(std::string v) { accessKeyId_ = std::move(v); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
  AWSDIRECT_DECL void serialize(QueryWriter& w) const;
  static Result parse(const XmlNode&) { return {}; }

 private:
  std::optional<std::string> userName_, accessKeyId_;
};

}  // namespace iam

// ---- The client -------------------------------------------------------------------------------

class Iam : public QueryClient {
 public:
  // Global: the endpoint and signing region come from the partition of the client's region.
  static ServiceInfo serviceInfo() { return {"IAM", "iam", "iam", "2010-05-08", true}; }

  explicit Iam(const ClientConfig& config = ClientConfig()) : QueryClient(serviceInfo(), config) {}

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
