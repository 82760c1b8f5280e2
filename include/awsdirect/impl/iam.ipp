// Definitions of <awsdirect/iam.hpp>.
#include <functional>

namespace awsdirect {

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request) {
  return listAll(std::move(request));
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(const std::string& roleName) {
  return listAll(listAttachedRolePolicies().roleName(roleName));
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request) {
  return listAll(std::move(request));
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(const std::string& userName) {
  return listAll(listAttachedUserPolicies().userName(userName));
}

Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(iam::ListAccessKeysRequest request) {
  return listAll(std::move(request));
}

Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(const std::string& userName) {
  return listAll(listAccessKeys().userName(userName));
}

namespace iam {
namespace detail {

// Runs each step for each item listed; the first error ends it.
template <class Items, class Step>
Outcome<Empty> forEach(const Outcome<Items>& listed, Step step) {
  if (!listed) return listed.error();
  for (const auto& item : listed.value())
    if (auto done = step(item); !done) return done.error();
  return Empty{};
}

// A step whose target is already gone (NoSuchEntity) has nothing left to do.
template <class T>
Outcome<Empty> goneIsDone(const Outcome<T>& outcome) {
  if (outcome || outcome.error().code == "NoSuchEntity") return Empty{};
  return outcome.error();
}

}  // namespace detail
}  // namespace iam

Outcome<Empty> Iam::deleteRoleCompletely(const std::string& roleName) {
  using iam::detail::forEach;
  auto role = send(getRole().roleName(roleName));
  if (!role) return role.error();
  if (auto done = forEach(listAll(listRolePolicies().roleName(roleName)),
                          [&](const std::string& name) { return send(deleteRolePolicy().roleName(roleName).policyName(name)); });
      !done)
    return done;
  if (auto done = forEach(listAllAttachedRolePolicies(roleName),
                          [&](const iam::AttachedPolicy& p) { return send(detachRolePolicy().roleName(roleName).policyArn(p.policyArn)); });
      !done)
    return done;
  if (auto done = forEach(listAll(listInstanceProfilesForRole().roleName(roleName)),
                          [&](const iam::InstanceProfile& p) {
                            return send(removeRoleFromInstanceProfile().instanceProfileName(p.instanceProfileName).roleName(roleName));
                          });
      !done)
    return done;
  if (!role.value().permissionsBoundaryArn.empty())
    if (auto done = iam::detail::goneIsDone(send(deleteRolePermissionsBoundary().roleName(roleName))); !done) return done;
  return send(deleteRole().roleName(roleName));
}

Outcome<Empty> Iam::deleteUserCompletely(const std::string& userName) {
  using iam::detail::forEach;
  if (auto user = send(getUser().userName(userName)); !user) return user.error();
  const std::vector<std::function<Outcome<Empty>()>> steps = {
      [&] {
        return forEach(listAllAccessKeys(userName), [&](const iam::AccessKeyMetadata& k) {
          return send(deleteAccessKey().userName(userName).accessKeyId(k.accessKeyId));
        });
      },
      [&] { return iam::detail::goneIsDone(send(deleteLoginProfile().userName(userName))); },
      [&] {
        return forEach(listAll(listMfaDevices().userName(userName)), [&](const iam::MfaDevice& d) {
          return send(deactivateMfaDevice().userName(userName).serialNumber(d.serialNumber));
        });
      },
      [&] {
        return forEach(listAll(listSigningCertificates().userName(userName)), [&](const iam::SigningCertificate& c) {
          return send(deleteSigningCertificate().userName(userName).certificateId(c.certificateId));
        });
      },
      [&] {
        return forEach(listAll(listSshPublicKeys().userName(userName)), [&](const iam::SshPublicKeyMetadata& k) {
          return send(deleteSshPublicKey().userName(userName).sshPublicKeyId(k.sshPublicKeyId));
        });
      },
      [&] {
        return forEach(listAll(listServiceSpecificCredentials().userName(userName)),
                       [&](const iam::ServiceSpecificCredentialMetadata& c) {
                         return send(deleteServiceSpecificCredential().userName(userName).serviceSpecificCredentialId(
                             c.serviceSpecificCredentialId));
                       });
      },
      [&] {
        return forEach(listAll(listGroupsForUser().userName(userName)), [&](const iam::Group& g) {
          return send(removeUserFromGroup().groupName(g.groupName).userName(userName));
        });
      },
      [&] {
        return forEach(listAll(listUserPolicies().userName(userName)), [&](const std::string& name) {
          return send(deleteUserPolicy().userName(userName).policyName(name));
        });
      },
      [&] {
        return forEach(listAllAttachedUserPolicies(userName), [&](const iam::AttachedPolicy& p) {
          return send(detachUserPolicy().userName(userName).policyArn(p.policyArn));
        });
      },
  };
  for (const auto& step : steps)
    if (auto done = step(); !done) return done;
  return send(deleteUser().userName(userName));
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

Outcome<iam::Role> Iam::waitUntilRoleExists(const std::string& roleName, WaitOptions options) {
  return waitUntil<iam::Role>("RoleExists", options, kRoleExists, [&] { return send(getRole().roleName(roleName)); },
                              iam::detail::existsJudge<iam::Role>);
}

Outcome<iam::User> Iam::waitUntilUserExists(const std::string& userName, WaitOptions options) {
  return waitUntil<iam::User>("UserExists", options, kUserExists, [&] { return send(getUser().userName(userName)); },
                              iam::detail::existsJudge<iam::User>);
}

Outcome<iam::Policy> Iam::waitUntilPolicyExists(const std::string& policyArn, WaitOptions options) {
  return waitUntil<iam::Policy>("PolicyExists", options, kPolicyExists,
                                [&] { return send(getPolicy().policyArn(policyArn)); }, iam::detail::existsJudge<iam::Policy>);
}

}  // namespace awsdirect
