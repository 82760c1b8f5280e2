#pragma once
// The environment through CloudFormation, the third way to do IaC on AWS: the blueprint as a
// template (the same resources, settings and tags the SDK engine of stack.hpp makes), deployed
// as the stack awsdirect-NAME, and deleted with it, then checked and swept service by service
// as Stack::down does (a stack can leave retained resources; moto's leaves the cluster).
#include <functional>
#include <optional>
#include <string>

#include "../cloudformation.hpp"
#include "../detail/build_mode.hpp"
#include "../detail/json.hpp"
#include "stack.hpp"

namespace awsdirect {
namespace iac {

// The stack of environment NAME.
inline std::string stackNameOf(const Blueprint& blueprint) { return "awsdirect-" + blueprint.name; }
// Where the template keeps the user's access key (CloudFormation's only way to hand it over
// without an output, which anyone who can describe the stack could read).
inline std::string accessKeySecretOf(const Blueprint& blueprint) { return blueprint.name + "-airflow-access-key"; }

// The template: the role, the user and its access key (kept in Secrets Manager), the security
// group, the bucket, the cluster and the database, with the blueprint's settings and tags. The
// cluster and the database go with the stack without a snapshot (DeletionPolicy Delete, said
// explicitly, and RDS's automated backups deleted too). Their master passwords are managed by
// AWS (ManageMasterPassword, ManageMasterUserPassword) whatever the blueprint says: a password
// as a stack parameter, even NoEcho, is what AWS's CloudFormation best practices advise against
// (and cfn-lint flags, W1011); this way no password is in the template, a parameter or a file.
AWSDIRECT_DECL awsdirect::detail::JsonValue cloudFormationTemplate(const Blueprint& blueprint);
// CreateStack and UpdateStack must acknowledge it: the template names its role and user.
inline constexpr const char* kTemplateCapability = "CAPABILITY_NAMED_IAM";

// Told of each stack event once, oldest first, as the stack changes.
using StackEvents = std::function<void(const cloudformation::StackEvent& event)>;

// The environment's stack, when there is one (not DELETE_COMPLETE).
AWSDIRECT_DECL std::optional<cloudformation::Stack> findEnvironmentStack(Stack& stack);

// ValidateTemplate, then CreateStack (or UpdateStack; a stack whose creation rolled back is
// deleted and created again), waiting with each new event told; then what CloudFormation cannot
// do: the files uploaded, and the access key saved as the user's profile. `changed` is false when
// the stack was already as the template says.
AWSDIRECT_DECL StackResult deployStack(Stack& stack, const StackEvents& events = {});

// The bucket emptied (CloudFormation cannot delete one with objects), DeleteStack, waited for;
// then Stack::down, which finds and deletes whatever the stack left and fails if anything remains.
AWSDIRECT_DECL StackResult deleteStack(Stack& stack, const StackEvents& events = {}, const StackProgress& progress = {});

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/cloudformation.ipp"
#endif
