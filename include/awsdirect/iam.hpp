#pragma once
// AWS Identity and Access Management (API version 2010-05-08, Query protocol): roles, users, their
// policies, tags and credentials, and managed policies, with their client-side rules, typed
// results, paginators, waiters, and the deletion of a role or user with all it holds.
//
// IAM is a global service: one endpoint per partition (iam.amazonaws.com, signed for us-east-1;
// iam.cn-north-1.amazonaws.com.cn; iam.us-gov.amazonaws.com), whatever region the client has.
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "iam/common.hpp"
#include "iam/policies.hpp"
#include "iam/roles.hpp"
#include "iam/users.hpp"
#include "waiter.hpp"

namespace awsdirect {

class Iam : public QueryService<Iam> {
 public:
  // Global: the endpoint and signing region come from the partition of the client's region.
  static ServiceInfo serviceInfo() { return {"IAM", "iam", "iam", "2010-05-08", true}; }

  explicit Iam(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_IAM_OPERATIONS(X)                                               \
  X(createRole, iam::CreateRoleRequest)                                           \
  X(getRole, iam::GetRoleRequest)                                                 \
  X(listRoles, iam::ListRolesRequest)                                             \
  X(deleteRole, iam::DeleteRoleRequest)                                           \
  X(updateAssumeRolePolicy, iam::UpdateAssumeRolePolicyRequest)                   \
  X(attachRolePolicy, iam::AttachRolePolicyRequest)                               \
  X(detachRolePolicy, iam::DetachRolePolicyRequest)                               \
  X(listAttachedRolePolicies, iam::ListAttachedRolePoliciesRequest)               \
  X(putRolePolicy, iam::PutRolePolicyRequest)                                     \
  X(getRolePolicy, iam::GetRolePolicyRequest)                                     \
  X(listRolePolicies, iam::ListRolePoliciesRequest)                               \
  X(deleteRolePolicy, iam::DeleteRolePolicyRequest)                               \
  X(tagRole, iam::TagRoleRequest)                                                 \
  X(untagRole, iam::UntagRoleRequest)                                             \
  X(listRoleTags, iam::ListRoleTagsRequest)                                       \
  X(listInstanceProfilesForRole, iam::ListInstanceProfilesForRoleRequest)         \
  X(removeRoleFromInstanceProfile, iam::RemoveRoleFromInstanceProfileRequest)     \
  X(deleteRolePermissionsBoundary, iam::DeleteRolePermissionsBoundaryRequest)     \
  X(createUser, iam::CreateUserRequest)                                           \
  X(getUser, iam::GetUserRequest)                                                 \
  X(listUsers, iam::ListUsersRequest)                                             \
  X(deleteUser, iam::DeleteUserRequest)                                           \
  X(attachUserPolicy, iam::AttachUserPolicyRequest)                               \
  X(detachUserPolicy, iam::DetachUserPolicyRequest)                               \
  X(listAttachedUserPolicies, iam::ListAttachedUserPoliciesRequest)               \
  X(putUserPolicy, iam::PutUserPolicyRequest)                                     \
  X(getUserPolicy, iam::GetUserPolicyRequest)                                     \
  X(listUserPolicies, iam::ListUserPoliciesRequest)                               \
  X(deleteUserPolicy, iam::DeleteUserPolicyRequest)                               \
  X(tagUser, iam::TagUserRequest)                                                 \
  X(untagUser, iam::UntagUserRequest)                                             \
  X(listUserTags, iam::ListUserTagsRequest)                                       \
  X(createAccessKey, iam::CreateAccessKeyRequest)                                 \
  X(listAccessKeys, iam::ListAccessKeysRequest)                                   \
  X(updateAccessKey, iam::UpdateAccessKeyRequest)                                 \
  X(deleteAccessKey, iam::DeleteAccessKeyRequest)                                 \
  X(getLoginProfile, iam::GetLoginProfileRequest)                                 \
  X(deleteLoginProfile, iam::DeleteLoginProfileRequest)                           \
  X(listGroupsForUser, iam::ListGroupsForUserRequest)                             \
  X(removeUserFromGroup, iam::RemoveUserFromGroupRequest)                         \
  X(listMfaDevices, iam::ListMfaDevicesRequest)                                   \
  X(deactivateMfaDevice, iam::DeactivateMfaDeviceRequest)                         \
  X(listSigningCertificates, iam::ListSigningCertificatesRequest)                 \
  X(deleteSigningCertificate, iam::DeleteSigningCertificateRequest)               \
  X(listSshPublicKeys, iam::ListSshPublicKeysRequest)                             \
  X(deleteSshPublicKey, iam::DeleteSshPublicKeyRequest)                           \
  X(listServiceSpecificCredentials, iam::ListServiceSpecificCredentialsRequest)   \
  X(deleteServiceSpecificCredential, iam::DeleteServiceSpecificCredentialRequest) \
  X(listPolicies, iam::ListPoliciesRequest)                                       \
  X(getPolicy, iam::GetPolicyRequest)                                             \
  X(createPolicy, iam::CreatePolicyRequest)                                       \
  X(deletePolicy, iam::DeletePolicyRequest)
  AWSDIRECT_IAM_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // Every item of any List call, following Marker from page to page (botocore's IAM paginators):
  //   iam.listAll(Iam::listRoles().pathPrefix("/app/"))  ->  Outcome<std::vector<iam::Role>>
  template <class ListCall>
  Outcome<decltype(ListCall::Result::items)> listAll(ListCall request) {
    return sendAllPages(std::move(request), [](ListCall& r, std::string token) { r.marker(std::move(token)); },
                        &ListCall::Result::marker, &ListCall::Result::items);
  }

  // The same for the seed's calls, by name.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(const std::string& roleName);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(const std::string& userName);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(iam::ListAccessKeysRequest request);
  AWSDIRECT_LAZY_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(const std::string& userName);

  // Told of each step of a complete deletion once it is done: the operation and what it removed
  // ("DetachRolePolicy", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").
  using DeletionStep = std::function<void(const std::string& operation, const std::string& item)>;

  // Deletes a role as the console does, with whatever would make DeleteRole refuse: its inline
  // and managed policies, its place in instance profiles, its permissions boundary; then the role.
  // The error of the first step that fails (NoSuchEntity when there is no such role).
  AWSDIRECT_LAZY_DECL Outcome<Empty> deleteRoleCompletely(const std::string& roleName, const DeletionStep& onStep = {});

  // Deletes a user as the console does: its access keys, console password, MFA devices
  // (deactivated), signing certificates, SSH keys, service-specific credentials, group
  // memberships, inline and managed policies; then the user. A list it cannot read is passed
  // over: DeleteUser then says (DeleteConflict) whether anything of it was left.
  AWSDIRECT_LAZY_DECL Outcome<Empty> deleteUserCompletely(const std::string& userName, const DeletionStep& onStep = {});

  // botocore's RoleExists (every second, 20 times): GetRole until it succeeds and returns the
  // role, NoSuchEntity meaning "not yet" (IAM is eventually consistent: a role just created may
  // not be visible everywhere at once).
  AWSDIRECT_LAZY_DECL Outcome<iam::Role> waitUntilRoleExists(const std::string& roleName, WaitOptions options = {});

  // botocore's UserExists (every second, 20 times): GetUser until it succeeds, NoSuchEntity
  // meaning "not yet".
  AWSDIRECT_LAZY_DECL Outcome<iam::User> waitUntilUserExists(const std::string& userName, WaitOptions options = {});

  // botocore's PolicyExists (every second, 20 times): GetPolicy until it succeeds.
  AWSDIRECT_LAZY_DECL Outcome<iam::Policy> waitUntilPolicyExists(const std::string& policyArn, WaitOptions options = {});

  static constexpr WaiterPace kRoleExists{std::chrono::seconds(1), 20};
  static constexpr WaiterPace kUserExists{std::chrono::seconds(1), 20};
  static constexpr WaiterPace kPolicyExists{std::chrono::seconds(1), 20};
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_IAM_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/iam.ipp"
#endif
