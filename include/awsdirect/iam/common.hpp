#pragma once
// IAM's results and members, shared by its roles, users and policies (iam/roles.hpp,
// iam/users.hpp, iam/policies.hpp): each result field and each request member declared once.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../policy.hpp"
#include "../request.hpp"
#include "../result.hpp"
#include "../secret.hpp"
#include "../xml.hpp"

namespace awsdirect {

class Iam;

namespace iam {

using Time = std::optional<std::chrono::system_clock::time_point>;

// ---- Results --------------------------------------------------------------------------------

struct Role {
  std::string path;
  std::string roleName;
  std::string roleId;
  std::string arn;
  Time createDate;
  std::string assumeRolePolicyDocument;  // decoded JSON
  std::string description;
  std::optional<int> maxSessionDuration;  // seconds
  std::string permissionsBoundaryArn;     // empty when the role has none
  std::string permissionsBoundaryType;    // "PermissionsBoundaryPolicy" when it has one
  std::vector<Tag> tags;
  Time lastUsedDate;
  std::string lastUsedRegion;

  AWSDIRECT_FIELDS(Role, field("Path", &Self::path), field("RoleName", &Self::roleName), field("RoleId", &Self::roleId),
                   field("Arn", &Self::arn), field("CreateDate", &Self::createDate),
                   urlEncodedField("AssumeRolePolicyDocument", &Self::assumeRolePolicyDocument),
                   field("Description", &Self::description), field("MaxSessionDuration", &Self::maxSessionDuration),
                   field("PermissionsBoundary/PermissionsBoundaryArn", &Self::permissionsBoundaryArn),
                   field("PermissionsBoundary/PermissionsBoundaryType", &Self::permissionsBoundaryType),
                   field("Tags", &Self::tags), field("RoleLastUsed/LastUsedDate", &Self::lastUsedDate),
                   field("RoleLastUsed/Region", &Self::lastUsedRegion));
};

struct User {
  std::string path;
  std::string userName;
  std::string userId;
  std::string arn;
  Time createDate;
  Time passwordLastUsed;
  std::string permissionsBoundaryArn;
  std::string permissionsBoundaryType;
  std::vector<Tag> tags;

  AWSDIRECT_FIELDS(User, field("Path", &Self::path), field("UserName", &Self::userName), field("UserId", &Self::userId),
                   field("Arn", &Self::arn), field("CreateDate", &Self::createDate),
                   field("PasswordLastUsed", &Self::passwordLastUsed),
                   field("PermissionsBoundary/PermissionsBoundaryArn", &Self::permissionsBoundaryArn),
                   field("PermissionsBoundary/PermissionsBoundaryType", &Self::permissionsBoundaryType),
                   field("Tags", &Self::tags));
};

struct AttachedPolicy {
  std::string policyName;
  std::string policyArn;
  AWSDIRECT_FIELDS(AttachedPolicy, field("PolicyName", &Self::policyName), field("PolicyArn", &Self::policyArn));
};

// A new access key. The secret is returned by AWS this once; it is a Secret, which never prints
// itself: read it with secretAccessKey.reveal() where it must be stored.
struct AccessKey {
  std::string userName;
  std::string accessKeyId;
  std::string status;  // "Active", "Inactive"
  Secret secretAccessKey;
  Time createDate;
  AWSDIRECT_FIELDS(AccessKey, field("UserName", &Self::userName), field("AccessKeyId", &Self::accessKeyId),
                   field("Status", &Self::status), field("SecretAccessKey", &Self::secretAccessKey),
                   field("CreateDate", &Self::createDate));
};

// What ListAccessKeys tells about a key: everything but the secret.
struct AccessKeyMetadata {
  std::string userName;
  std::string accessKeyId;
  std::string status;
  Time createDate;
  AWSDIRECT_FIELDS(AccessKeyMetadata, field("UserName", &Self::userName), field("AccessKeyId", &Self::accessKeyId),
                   field("Status", &Self::status), field("CreateDate", &Self::createDate));
};

// An inline policy (GetRolePolicy, GetUserPolicy): its owner's name, its name, its document.
struct InlinePolicy {
  std::string roleName;  // GetRolePolicy
  std::string userName;  // GetUserPolicy
  std::string policyName;
  std::string policyDocument;  // decoded JSON
  AWSDIRECT_FIELDS(InlinePolicy, field("RoleName", &Self::roleName), field("UserName", &Self::userName),
                   field("PolicyName", &Self::policyName), urlEncodedField("PolicyDocument", &Self::policyDocument));
};

struct LoginProfile {
  std::string userName;
  Time createDate;
  bool passwordResetRequired = false;
  AWSDIRECT_FIELDS(LoginProfile, field("UserName", &Self::userName), field("CreateDate", &Self::createDate),
                   field("PasswordResetRequired", &Self::passwordResetRequired));
};

struct Group {
  std::string path;
  std::string groupName;
  std::string groupId;
  std::string arn;
  Time createDate;
  AWSDIRECT_FIELDS(Group, field("Path", &Self::path), field("GroupName", &Self::groupName),
                   field("GroupId", &Self::groupId), field("Arn", &Self::arn), field("CreateDate", &Self::createDate));
};

struct MfaDevice {
  std::string userName;
  std::string serialNumber;
  Time enableDate;
  AWSDIRECT_FIELDS(MfaDevice, field("UserName", &Self::userName), field("SerialNumber", &Self::serialNumber),
                   field("EnableDate", &Self::enableDate));
};

struct SigningCertificate {
  std::string userName;
  std::string certificateId;
  std::string certificateBody;
  std::string status;
  Time uploadDate;
  AWSDIRECT_FIELDS(SigningCertificate, field("UserName", &Self::userName), field("CertificateId", &Self::certificateId),
                   field("CertificateBody", &Self::certificateBody), field("Status", &Self::status),
                   field("UploadDate", &Self::uploadDate));
};

struct SshPublicKeyMetadata {
  std::string userName;
  std::string sshPublicKeyId;
  std::string status;
  Time uploadDate;
  AWSDIRECT_FIELDS(SshPublicKeyMetadata, field("UserName", &Self::userName),
                   field("SSHPublicKeyId", &Self::sshPublicKeyId), field("Status", &Self::status),
                   field("UploadDate", &Self::uploadDate));
};

struct ServiceSpecificCredentialMetadata {
  std::string userName;
  std::string status;
  std::string serviceUserName;
  std::string serviceCredentialAlias;
  Time createDate;
  Time expirationDate;
  std::string serviceSpecificCredentialId;
  std::string serviceName;
  AWSDIRECT_FIELDS(ServiceSpecificCredentialMetadata, field("UserName", &Self::userName),
                   field("Status", &Self::status), field("ServiceUserName", &Self::serviceUserName),
                   field("ServiceCredentialAlias", &Self::serviceCredentialAlias),
                   field("CreateDate", &Self::createDate), field("ExpirationDate", &Self::expirationDate),
                   field("ServiceSpecificCredentialId", &Self::serviceSpecificCredentialId),
                   field("ServiceName", &Self::serviceName));
};

struct InstanceProfile {
  std::string path;
  std::string instanceProfileName;
  std::string instanceProfileId;
  std::string arn;
  Time createDate;
  std::vector<Role> roles;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(InstanceProfile, field("Path", &Self::path),
                   field("InstanceProfileName", &Self::instanceProfileName),
                   field("InstanceProfileId", &Self::instanceProfileId), field("Arn", &Self::arn),
                   field("CreateDate", &Self::createDate), field("Roles", &Self::roles), field("Tags", &Self::tags));
};

// A managed policy (its default version's document is GetPolicyVersion's).
struct Policy {
  std::string policyName;
  std::string policyId;
  std::string arn;
  std::string path;
  std::string defaultVersionId;
  std::optional<int> attachmentCount;
  std::optional<int> permissionsBoundaryUsageCount;
  bool isAttachable = false;
  std::string description;
  Time createDate;
  Time updateDate;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(Policy, field("PolicyName", &Self::policyName), field("PolicyId", &Self::policyId),
                   field("Arn", &Self::arn), field("Path", &Self::path),
                   field("DefaultVersionId", &Self::defaultVersionId), field("AttachmentCount", &Self::attachmentCount),
                   field("PermissionsBoundaryUsageCount", &Self::permissionsBoundaryUsageCount),
                   field("IsAttachable", &Self::isAttachable), field("Description", &Self::description),
                   field("CreateDate", &Self::createDate), field("UpdateDate", &Self::updateDate),
                   field("Tags", &Self::tags));
};

// One page of a List call: its items under `Name`, and the Marker of the next page (empty on the
// last: IAM's IsTruncated says whether more follow; a Marker without it is not a next page).
template <class Item, const char* Name>
struct Page {
  std::vector<Item> items;
  bool isTruncated = false;
  std::string marker;
  AWSDIRECT_FIELDS(Page, field(Name, &Self::items), field("IsTruncated", &Self::isTruncated),
                   field("Marker", &Self::marker));
  static Page read(const XmlNode& result) {
    Page page = readResult<Page>(result);
    if (!page.isTruncated) page.marker.clear();
    return page;
  }
};

namespace names {
inline constexpr char kRoles[] = "Roles", kUsers[] = "Users", kPolicyNames[] = "PolicyNames", kTags[] = "Tags",
                      kAttachedPolicies[] = "AttachedPolicies", kAccessKeyMetadata[] = "AccessKeyMetadata",
                      kGroups[] = "Groups", kMfaDevices[] = "MFADevices", kCertificates[] = "Certificates",
                      kSshPublicKeys[] = "SSHPublicKeys", kServiceSpecificCredentials[] = "ServiceSpecificCredentials",
                      kInstanceProfiles[] = "InstanceProfiles", kPolicies[] = "Policies";
}  // namespace names

using ListRolesResult = Page<Role, names::kRoles>;
using ListUsersResult = Page<User, names::kUsers>;
using ListPolicyNamesResult = Page<std::string, names::kPolicyNames>;
using ListTagsResult = Page<Tag, names::kTags>;
using ListAttachedPoliciesResult = Page<AttachedPolicy, names::kAttachedPolicies>;
using ListAccessKeysResult = Page<AccessKeyMetadata, names::kAccessKeyMetadata>;
using ListGroupsResult = Page<Group, names::kGroups>;
using ListMfaDevicesResult = Page<MfaDevice, names::kMfaDevices>;
using ListSigningCertificatesResult = Page<SigningCertificate, names::kCertificates>;
using ListSshPublicKeysResult = Page<SshPublicKeyMetadata, names::kSshPublicKeys>;
using ListServiceSpecificCredentialsResult = Page<ServiceSpecificCredentialMetadata, names::kServiceSpecificCredentials>;
using ListInstanceProfilesResult = Page<InstanceProfile, names::kInstanceProfiles>;
using ListPoliciesResult = Page<Policy, names::kPolicies>;

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;

inline constexpr const char* kKeyStatuses[] = {"Active", "Inactive", "Expired"};
inline constexpr const char* kPolicyScopes[] = {"All", "AWS", "Local"};
inline constexpr const char* kPolicyUsages[] = {"PermissionsPolicy", "PermissionsBoundary"};

AWSDIRECT_MEMBER(RoleName, roleName, std::string, length(1, 64), check(rules::nameCharacters));
AWSDIRECT_MEMBER(NewUserName, userName, std::string, apiName("UserName"), length(1, 64), check(rules::nameCharacters));
// Users that exist may have names of up to 128 characters.
AWSDIRECT_MEMBER(UserName, userName, std::string, length(1, 128), check(rules::nameCharacters));
// ...but login profiles, SSH keys and service credentials belong to names of up to 64.
AWSDIRECT_MEMBER(ShortUserName, userName, std::string, apiName("UserName"), length(1, 64), check(rules::nameCharacters));
AWSDIRECT_MEMBER(GroupName, groupName, std::string, length(1, 128), check(rules::nameCharacters));
AWSDIRECT_MEMBER(InstanceProfileName, instanceProfileName, std::string, length(1, 128), check(rules::nameCharacters));
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
AWSDIRECT_MEMBER(Status, status, std::string, oneOf(kKeyStatuses));
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, check(rules::tagList));
AWSDIRECT_MEMBER(TagKeys, tagKeys, std::vector<std::string>, count(0, 50), length(1, 128), check(rules::tagKeyText));
AWSDIRECT_MEMBER(SerialNumber, serialNumber, std::string, length(9, 256), check(rules::mfaSerialNumber));
AWSDIRECT_MEMBER(CertificateId, certificateId, std::string, length(24, 128), check(rules::identifierCharacters));
AWSDIRECT_MEMBER(SSHPublicKeyId, sshPublicKeyId, std::string, length(20, 128), check(rules::identifierCharacters));
AWSDIRECT_MEMBER(ServiceSpecificCredentialId, serviceSpecificCredentialId, std::string, length(20, 128),
                 check(rules::identifierCharacters));
AWSDIRECT_MEMBER(ServiceName, serviceName, std::string, unchecked);
AWSDIRECT_FLAG(AllUsers, allUsers, unchecked);
AWSDIRECT_MEMBER(Scope, scope, std::string, oneOf(kPolicyScopes));
AWSDIRECT_FLAG(OnlyAttached, onlyAttached, unchecked);
AWSDIRECT_MEMBER(PolicyUsageFilter, policyUsageFilter, std::string, oneOf(kPolicyUsages));
AWSDIRECT_MEMBER(Marker, marker, std::string, length(1, 320));
AWSDIRECT_MEMBER(MaxItems, maxItems, int, range(1, 1000));

}  // namespace members

namespace m = members;

// The paging members every List call has, and the page it reads.
template <class Self, class Result, class... Members>
using ListRequest = Request<Self, Iam, Result, Members..., m::Marker, m::MaxItems>;

}  // namespace iam
}  // namespace awsdirect
