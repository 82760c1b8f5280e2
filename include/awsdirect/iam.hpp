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

  // ---- Operations (build a request, send it with send()) ----
  static iam::CreateRoleRequest createRole() { return {}; }
  static iam::GetRoleRequest getRole() { return {}; }
  static iam::ListRolesRequest listRoles() { return {}; }
  static iam::DeleteRoleRequest deleteRole() { return {}; }
  static iam::UpdateAssumeRolePolicyRequest updateAssumeRolePolicy() { return {}; }
  static iam::AttachRolePolicyRequest attachRolePolicy() { return {}; }
  static iam::DetachRolePolicyRequest detachRolePolicy() { return {}; }
  static iam::ListAttachedRolePoliciesRequest listAttachedRolePolicies() { return {}; }
  static iam::PutRolePolicyRequest putRolePolicy() { return {}; }
  static iam::GetRolePolicyRequest getRolePolicy() { return {}; }
  static iam::ListRolePoliciesRequest listRolePolicies() { return {}; }
  static iam::DeleteRolePolicyRequest deleteRolePolicy() { return {}; }
  static iam::TagRoleRequest tagRole() { return {}; }
  static iam::UntagRoleRequest untagRole() { return {}; }
  static iam::ListRoleTagsRequest listRoleTags() { return {}; }
  static iam::ListInstanceProfilesForRoleRequest listInstanceProfilesForRole() { return {}; }
  static iam::RemoveRoleFromInstanceProfileRequest removeRoleFromInstanceProfile() { return {}; }
  static iam::DeleteRolePermissionsBoundaryRequest deleteRolePermissionsBoundary() { return {}; }

  static iam::CreateUserRequest createUser() { return {}; }
  static iam::GetUserRequest getUser() { return {}; }
  static iam::ListUsersRequest listUsers() { return {}; }
  static iam::DeleteUserRequest deleteUser() { return {}; }
  static iam::AttachUserPolicyRequest attachUserPolicy() { return {}; }
  static iam::DetachUserPolicyRequest detachUserPolicy() { return {}; }
  static iam::ListAttachedUserPoliciesRequest listAttachedUserPolicies() { return {}; }
  static iam::PutUserPolicyRequest putUserPolicy() { return {}; }
  static iam::GetUserPolicyRequest getUserPolicy() { return {}; }
  static iam::ListUserPoliciesRequest listUserPolicies() { return {}; }
  static iam::DeleteUserPolicyRequest deleteUserPolicy() { return {}; }
  static iam::TagUserRequest tagUser() { return {}; }
  static iam::UntagUserRequest untagUser() { return {}; }
  static iam::ListUserTagsRequest listUserTags() { return {}; }
  static iam::CreateAccessKeyRequest createAccessKey() { return {}; }
  static iam::ListAccessKeysRequest listAccessKeys() { return {}; }
  static iam::UpdateAccessKeyRequest updateAccessKey() { return {}; }
  static iam::DeleteAccessKeyRequest deleteAccessKey() { return {}; }
  static iam::GetLoginProfileRequest getLoginProfile() { return {}; }
  static iam::DeleteLoginProfileRequest deleteLoginProfile() { return {}; }
  static iam::ListGroupsForUserRequest listGroupsForUser() { return {}; }
  static iam::RemoveUserFromGroupRequest removeUserFromGroup() { return {}; }
  static iam::ListMfaDevicesRequest listMfaDevices() { return {}; }
  static iam::DeactivateMfaDeviceRequest deactivateMfaDevice() { return {}; }
  static iam::ListSigningCertificatesRequest listSigningCertificates() { return {}; }
  static iam::DeleteSigningCertificateRequest deleteSigningCertificate() { return {}; }
  static iam::ListSshPublicKeysRequest listSshPublicKeys() { return {}; }
  static iam::DeleteSshPublicKeyRequest deleteSshPublicKey() { return {}; }
  static iam::ListServiceSpecificCredentialsRequest listServiceSpecificCredentials() { return {}; }
  static iam::DeleteServiceSpecificCredentialRequest deleteServiceSpecificCredential() { return {}; }

  static iam::ListPoliciesRequest listPolicies() { return {}; }
  static iam::GetPolicyRequest getPolicy() { return {}; }
  static iam::CreatePolicyRequest createPolicy() { return {}; }
  static iam::DeletePolicyRequest deletePolicy() { return {}; }

  // ---- Calls that send ----

  // Every item of any List call, following Marker from page to page (botocore's IAM paginators):
  //   iam.listAll(Iam::listRoles().pathPrefix("/app/"))  ->  Outcome<std::vector<iam::Role>>
  template <class ListCall>
  Outcome<decltype(ListCall::Result::items)> listAll(ListCall request) {
    return sendAllPages(std::move(request), [](ListCall& r, std::string token) { r.marker(std::move(token)); },
                        &ListCall::Result::marker, &ListCall::Result::items);
  }

  // The same for the seed's calls, by name.
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedRolePolicies(const std::string& roleName);
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AttachedPolicy>> listAllAttachedUserPolicies(const std::string& userName);
  AWSDIRECT_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(iam::ListAccessKeysRequest request);
  AWSDIRECT_DECL Outcome<std::vector<iam::AccessKeyMetadata>> listAllAccessKeys(const std::string& userName);

  // Told of each step of a complete deletion once it is done: the operation and what it removed
  // ("DetachRolePolicy", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").
  using DeletionStep = std::function<void(const std::string& operation, const std::string& item)>;

  // Deletes a role as the console does, with whatever would make DeleteRole refuse: its inline
  // and managed policies, its place in instance profiles, its permissions boundary; then the role.
  // The error of the first step that fails (NoSuchEntity when there is no such role).
  AWSDIRECT_DECL Outcome<Empty> deleteRoleCompletely(const std::string& roleName, const DeletionStep& onStep = {});

  // Deletes a user as the console does: its access keys, console password, MFA devices
  // (deactivated), signing certificates, SSH keys, service-specific credentials, group
  // memberships, inline and managed policies; then the user. A list it cannot read is passed
  // over: DeleteUser then says (DeleteConflict) whether anything of it was left.
  AWSDIRECT_DECL Outcome<Empty> deleteUserCompletely(const std::string& userName, const DeletionStep& onStep = {});

  // botocore's RoleExists (every second, 20 times): GetRole until it succeeds and returns the
  // role, NoSuchEntity meaning "not yet" (IAM is eventually consistent: a role just created may
  // not be visible everywhere at once).
  AWSDIRECT_DECL Outcome<iam::Role> waitUntilRoleExists(const std::string& roleName, WaitOptions options = {});

  // botocore's UserExists (every second, 20 times): GetUser until it succeeds, NoSuchEntity
  // meaning "not yet".
  AWSDIRECT_DECL Outcome<iam::User> waitUntilUserExists(const std::string& userName, WaitOptions options = {});

  // botocore's PolicyExists (every second, 20 times): GetPolicy until it succeeds.
  AWSDIRECT_DECL Outcome<iam::Policy> waitUntilPolicyExists(const std::string& policyArn, WaitOptions options = {});

  static constexpr WaiterPace kRoleExists{std::chrono::seconds(1), 20};
  static constexpr WaiterPace kUserExists{std::chrono::seconds(1), 20};
  static constexpr WaiterPace kPolicyExists{std::chrono::seconds(1), 20};
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/iam.ipp"
#endif
