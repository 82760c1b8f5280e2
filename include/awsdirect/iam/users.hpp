#pragma once
// IAM's users and what a user holds: managed and inline policies, tags, access keys, a console
// password, MFA devices, signing certificates, SSH keys, service-specific credentials and group
// memberships (all of which DeleteUser refuses to leave behind).
#include <optional>
#include <string>
#include <utility>

#include "../policy.hpp"
#include "../request.hpp"
#include "common.hpp"

namespace awsdirect {
namespace iam {

// CreateUser: a user without console password or keys; give it policies and an access key next.
class CreateUserRequest
    : public Request<CreateUserRequest, Iam, User, m::Path, Required<m::NewUserName>, m::PermissionsBoundary, m::Tags> {
 public:
  static constexpr const char* operation = "CreateUser";
  CreateUserRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
  static constexpr const char* resultElement = "User";
};

// GetUser: one user by name, or without a name the user whose key signs the request.
class GetUserRequest : public Request<GetUserRequest, Iam, User, m::UserName> {
 public:
  static constexpr const char* operation = "GetUser";
  static constexpr const char* resultElement = "User";
};

// ListUsers: every user of the account (under a path prefix), page by page.
class ListUsersRequest : public ListRequest<ListUsersRequest, ListUsersResult, m::PathPrefix> {
 public:
  static constexpr const char* operation = "ListUsers";
};

// DeleteUser: AWS refuses (DeleteConflict) while the user holds anything of this header;
// Iam::deleteUserCompletely removes all of it first, as the console does.
class DeleteUserRequest : public Request<DeleteUserRequest, Iam, Empty, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "DeleteUser";
};

// AttachUserPolicy: grants a user the permissions of a managed policy.
class AttachUserPolicyRequest
    : public Request<AttachUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "AttachUserPolicy";
};

// DetachUserPolicy: removes a managed policy from a user (NoSuchEntity when it is not attached).
class DetachUserPolicyRequest
    : public Request<DetachUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "DetachUserPolicy";
};

// ListAttachedUserPolicies: the managed policies of a user, page by page.
class ListAttachedUserPoliciesRequest
    : public ListRequest<ListAttachedUserPoliciesRequest, ListAttachedPoliciesResult, Required<m::UserName>, m::PathPrefix> {
 public:
  static constexpr const char* operation = "ListAttachedUserPolicies";
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

 private:
  std::optional<PolicyDocument> policy_;
};

// GetUserPolicy: one inline policy of a user, its document decoded.
class GetUserPolicyRequest
    : public Request<GetUserPolicyRequest, Iam, InlinePolicy, Required<m::UserName>, Required<m::PolicyName>> {
 public:
  static constexpr const char* operation = "GetUserPolicy";
};

// ListUserPolicies: the names of a user's inline policies, page by page.
class ListUserPoliciesRequest : public ListRequest<ListUserPoliciesRequest, ListPolicyNamesResult, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "ListUserPolicies";
};

// DeleteUserPolicy: removes an inline policy from a user.
class DeleteUserPolicyRequest
    : public Request<DeleteUserPolicyRequest, Iam, Empty, Required<m::UserName>, Required<m::PolicyName>> {
 public:
  static constexpr const char* operation = "DeleteUserPolicy";
};

// TagUser, UntagUser, ListUserTags: a user's tags.
class TagUserRequest : public Request<TagUserRequest, Iam, Empty, Required<m::UserName>, Required<m::Tags>> {
 public:
  static constexpr const char* operation = "TagUser";
  TagUserRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
};
class UntagUserRequest : public Request<UntagUserRequest, Iam, Empty, Required<m::UserName>, Required<m::TagKeys>> {
 public:
  static constexpr const char* operation = "UntagUser";
  UntagUserRequest& tagKey(std::string key) { tagKeys_.push_back(std::move(key)); return *this; }
};
class ListUserTagsRequest : public ListRequest<ListUserTagsRequest, ListTagsResult, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "ListUserTags";
};

// ---- Access keys -----------------------------------------------------------------------------

// CreateAccessKey: a new key for the user (without a name, for the user who signs the request).
// AWS allows two keys per user (LimitExceeded beyond that).
class CreateAccessKeyRequest : public Request<CreateAccessKeyRequest, Iam, AccessKey, m::UserName> {
 public:
  static constexpr const char* operation = "CreateAccessKey";
  static constexpr const char* resultElement = "AccessKey";
};

// ListAccessKeys: the keys of a user (without their secrets), page by page.
class ListAccessKeysRequest : public ListRequest<ListAccessKeysRequest, ListAccessKeysResult, m::UserName> {
 public:
  static constexpr const char* operation = "ListAccessKeys";
};

// UpdateAccessKey: makes a key Active or Inactive (an inactive key signs nothing).
class UpdateAccessKeyRequest
    : public Request<UpdateAccessKeyRequest, Iam, Empty, m::UserName, Required<m::AccessKeyId>, Required<m::Status>> {
 public:
  static constexpr const char* operation = "UpdateAccessKey";
};

// DeleteAccessKey: removes a key for good; whoever used it can no longer sign with it.
class DeleteAccessKeyRequest
    : public Request<DeleteAccessKeyRequest, Iam, Empty, m::UserName, Required<m::AccessKeyId>> {
 public:
  static constexpr const char* operation = "DeleteAccessKey";
};

// ---- What else a user holds --------------------------------------------------------------------

// GetLoginProfile: the user's console password's metadata (NoSuchEntity when it has none).
class GetLoginProfileRequest : public Request<GetLoginProfileRequest, Iam, LoginProfile, m::ShortUserName> {
 public:
  static constexpr const char* operation = "GetLoginProfile";
  static constexpr const char* resultElement = "LoginProfile";
};

// DeleteLoginProfile: the user can no longer sign in to the console.
class DeleteLoginProfileRequest : public Request<DeleteLoginProfileRequest, Iam, Empty, m::ShortUserName> {
 public:
  static constexpr const char* operation = "DeleteLoginProfile";
};

// ListGroupsForUser, RemoveUserFromGroup: the groups a user is in.
class ListGroupsForUserRequest : public ListRequest<ListGroupsForUserRequest, ListGroupsResult, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "ListGroupsForUser";
};
class RemoveUserFromGroupRequest
    : public Request<RemoveUserFromGroupRequest, Iam, Empty, Required<m::GroupName>, Required<m::UserName>> {
 public:
  static constexpr const char* operation = "RemoveUserFromGroup";
};

// ListMFADevices, DeactivateMFADevice: a user's MFA devices (deactivated, a device is free to
// be deleted or given to another user).
class ListMfaDevicesRequest : public ListRequest<ListMfaDevicesRequest, ListMfaDevicesResult, m::UserName> {
 public:
  static constexpr const char* operation = "ListMFADevices";
};
class DeactivateMfaDeviceRequest
    : public Request<DeactivateMfaDeviceRequest, Iam, Empty, m::UserName, Required<m::SerialNumber>> {
 public:
  static constexpr const char* operation = "DeactivateMFADevice";
};

// ListSigningCertificates, DeleteSigningCertificate: a user's X.509 signing certificates.
class ListSigningCertificatesRequest
    : public ListRequest<ListSigningCertificatesRequest, ListSigningCertificatesResult, m::UserName> {
 public:
  static constexpr const char* operation = "ListSigningCertificates";
};
class DeleteSigningCertificateRequest
    : public Request<DeleteSigningCertificateRequest, Iam, Empty, m::UserName, Required<m::CertificateId>> {
 public:
  static constexpr const char* operation = "DeleteSigningCertificate";
};

// ListSSHPublicKeys, DeleteSSHPublicKey: a user's SSH keys (for CodeCommit).
class ListSshPublicKeysRequest : public ListRequest<ListSshPublicKeysRequest, ListSshPublicKeysResult, m::ShortUserName> {
 public:
  static constexpr const char* operation = "ListSSHPublicKeys";
};
class DeleteSshPublicKeyRequest
    : public Request<DeleteSshPublicKeyRequest, Iam, Empty, Required<m::ShortUserName>, Required<m::SSHPublicKeyId>> {
 public:
  static constexpr const char* operation = "DeleteSSHPublicKey";
};

// ListServiceSpecificCredentials, DeleteServiceSpecificCredential: a user's passwords for a
// service (CodeCommit, Keyspaces, Bedrock).
class ListServiceSpecificCredentialsRequest
    : public ListRequest<ListServiceSpecificCredentialsRequest, ListServiceSpecificCredentialsResult, m::ShortUserName,
                         m::ServiceName, m::AllUsers> {
 public:
  static constexpr const char* operation = "ListServiceSpecificCredentials";
};
class DeleteServiceSpecificCredentialRequest
    : public Request<DeleteServiceSpecificCredentialRequest, Iam, Empty, m::ShortUserName,
                     Required<m::ServiceSpecificCredentialId>> {
 public:
  static constexpr const char* operation = "DeleteServiceSpecificCredential";
};

}  // namespace iam
}  // namespace awsdirect
