// Definitions of <awsdirect/iam.hpp>.
#include <functional>
#include <utility>
#include <vector>

namespace awsdirect {

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request) {
  return listAll(std::move(request));
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(const std::string& roleName) {
  return listAll(listAttachedRolePolicies().roleName(roleName));
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request) {
  return listAll(std::move(request));
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(const std::string& userName) {
  return listAll(listAttachedUserPolicies().userName(userName));
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(iam::ListAccessKeysRequest request) {
  return listAll(std::move(request));
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(const std::string& userName) {
  return listAll(listAccessKeys().userName(userName));
}

namespace iam {
namespace detail {

// Sends the removal each listed item needs, telling `onStep` of each; the first failed removal
// ends it. A listing that fails (one the caller may not read, or an emulator lacks) is passed
// over: DeleteRole or DeleteUser, last, then refuses with DeleteConflict if anything was left.
template <class Items, class Removal>
Outcome<Empty> removeEach(Iam& iam, const Outcome<Items>& listed, const Iam::DeletionStep& onStep, Removal removal) {
  if (!listed) return Empty{};
  for (const auto& item : listed.value()) {
    const auto [request, name] = removal(item);
    if (auto done = iam.send(request); !done) return done.error();
    if (onStep) onStep(request.operation, name);
  }
  return Empty{};
}

// A removal whose target is already gone (NoSuchEntity) has nothing left to do.
template <class Request>
Outcome<Empty> removeIfThere(Iam& iam, const Request& request, const std::string& name, const Iam::DeletionStep& onStep) {
  auto done = iam.send(request);
  if (!done && done.error().code == "NoSuchEntity") return Empty{};
  if (!done) return done.error();
  if (onStep) onStep(request.operation, name);
  return Empty{};
}

}  // namespace detail
}  // namespace iam

AWSDIRECT_LAZY_DEF
Outcome<Empty> Iam::deleteRoleCompletely(const std::string& roleName, const DeletionStep& onStep) {
  using iam::detail::removeEach;
  auto role = send(getRole().roleName(roleName));
  if (!role) return role.error();
  const std::vector<std::function<Outcome<Empty>()>> steps = {
      [&] {
        return removeEach(*this, listAll(listRolePolicies().roleName(roleName)), onStep, [&](const std::string& name) {
          return std::make_pair(deleteRolePolicy().roleName(roleName).policyName(name), name);
        });
      },
      [&] {
        return removeEach(*this, listAllAttachedRolePolicies(roleName), onStep, [&](const iam::AttachedPolicy& p) {
          return std::make_pair(detachRolePolicy().roleName(roleName).policyArn(p.policyArn), p.policyArn);
        });
      },
      [&] {
        return removeEach(*this, listAll(listInstanceProfilesForRole().roleName(roleName)), onStep,
                          [&](const iam::InstanceProfile& p) {
                            return std::make_pair(
                                removeRoleFromInstanceProfile().instanceProfileName(p.instanceProfileName).roleName(roleName),
                                p.instanceProfileName);
                          });
      },
      [&]() -> Outcome<Empty> {
        const std::string& boundary = role.value().permissionsBoundaryArn;
        if (boundary.empty()) return Empty{};
        return iam::detail::removeIfThere(*this, deleteRolePermissionsBoundary().roleName(roleName), boundary, onStep);
      },
  };
  for (const auto& step : steps)
    if (auto done = step(); !done) return done;
  auto deleted = send(deleteRole().roleName(roleName));
  if (deleted && onStep) onStep("DeleteRole", roleName);
  return deleted;
}

AWSDIRECT_LAZY_DEF
Outcome<Empty> Iam::deleteUserCompletely(const std::string& userName, const DeletionStep& onStep) {
  using iam::detail::removeEach;
  if (auto user = send(getUser().userName(userName)); !user) return user.error();
  const std::vector<std::function<Outcome<Empty>()>> steps = {
      [&] {
        return removeEach(*this, listAllAccessKeys(userName), onStep, [&](const iam::AccessKeyMetadata& k) {
          return std::make_pair(deleteAccessKey().userName(userName).accessKeyId(k.accessKeyId), k.accessKeyId);
        });
      },
      [&] { return iam::detail::removeIfThere(*this, deleteLoginProfile().userName(userName), "console password", onStep); },
      [&] {
        return removeEach(*this, listAll(listMfaDevices().userName(userName)), onStep, [&](const iam::MfaDevice& d) {
          return std::make_pair(deactivateMfaDevice().userName(userName).serialNumber(d.serialNumber), d.serialNumber);
        });
      },
      [&] {
        return removeEach(*this, listAll(listGroupsForUser().userName(userName)), onStep, [&](const iam::Group& g) {
          return std::make_pair(removeUserFromGroup().groupName(g.groupName).userName(userName), g.groupName);
        });
      },
      [&] {
        return removeEach(*this, listAll(listUserPolicies().userName(userName)), onStep, [&](const std::string& name) {
          return std::make_pair(deleteUserPolicy().userName(userName).policyName(name), name);
        });
      },
      [&] {
        return removeEach(*this, listAllAttachedUserPolicies(userName), onStep, [&](const iam::AttachedPolicy& p) {
          return std::make_pair(detachUserPolicy().userName(userName).policyArn(p.policyArn), p.policyArn);
        });
      },
  };
  // What few users hold (signing certificates, SSH keys, service-specific credentials) is
  // looked for only when DeleteUser says something is left.
  const std::vector<std::function<Outcome<Empty>()>> rarely = {
      [&] {
        return removeEach(*this, listAll(listSigningCertificates().userName(userName)), onStep,
                          [&](const iam::SigningCertificate& c) {
                            return std::make_pair(deleteSigningCertificate().userName(userName).certificateId(c.certificateId),
                                                  c.certificateId);
                          });
      },
      [&] {
        return removeEach(*this, listAll(listSshPublicKeys().userName(userName)), onStep,
                          [&](const iam::SshPublicKeyMetadata& k) {
                            return std::make_pair(deleteSshPublicKey().userName(userName).sshPublicKeyId(k.sshPublicKeyId),
                                                  k.sshPublicKeyId);
                          });
      },
      [&] {
        return removeEach(*this, listAll(listServiceSpecificCredentials().userName(userName)), onStep,
                          [&](const iam::ServiceSpecificCredentialMetadata& c) {
                            return std::make_pair(deleteServiceSpecificCredential().userName(userName).serviceSpecificCredentialId(
                                                      c.serviceSpecificCredentialId),
                                                  c.serviceSpecificCredentialId);
                          });
      },
  };
  for (const auto& step : steps)
    if (auto done = step(); !done) return done;
  auto deleted = send(deleteUser().userName(userName));
  if (!deleted && deleted.error().code == "DeleteConflict") {
    for (const auto& step : rarely)
      if (auto done = step(); !done) return done;
    deleted = send(deleteUser().userName(userName));
  }
  if (deleted && onStep) onStep("DeleteUser", userName);
  return deleted;
}

namespace iam {
namespace detail {
// botocore's RoleExists, UserExists and PolicyExists acceptors: success when found,
// NoSuchEntity retries.
template <class T>
WaitStep existsJudge(const Outcome<T>& polled) {
  if (polled) return WaitStep{WaitVerdict::Success, "exists"};
  if (polled.error().code == "NoSuchEntity") return WaitStep{WaitVerdict::Retry, "NoSuchEntity"};
  return WaitStep{WaitVerdict::Failure, polled.error().code};
}
}  // namespace detail
}  // namespace iam

AWSDIRECT_LAZY_DEF
Outcome<iam::Role> Iam::waitUntilRoleExists(const std::string& roleName, WaitOptions options) {
  return waitUntil<iam::Role>("RoleExists", options, kRoleExists, [&] { return send(getRole().roleName(roleName)); },
                              iam::detail::existsJudge<iam::Role>);
}

AWSDIRECT_LAZY_DEF
Outcome<iam::User> Iam::waitUntilUserExists(const std::string& userName, WaitOptions options) {
  return waitUntil<iam::User>("UserExists", options, kUserExists, [&] { return send(getUser().userName(userName)); },
                              iam::detail::existsJudge<iam::User>);
}

AWSDIRECT_LAZY_DEF
Outcome<iam::Policy> Iam::waitUntilPolicyExists(const std::string& policyArn, WaitOptions options) {
  return waitUntil<iam::Policy>("PolicyExists", options, kPolicyExists,
                                [&] { return send(getPolicy().policyArn(policyArn)); }, iam::detail::existsJudge<iam::Policy>);
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_IAM_OPERATIONS)

}  // namespace awsdirect
