// iam_role: create, inspect and delete an IAM role that an AWS service assumes.
//
//   iam_role create --name NAME --trust-service SERVICE [--trust-service SERVICE]... [--policy-arn ARN]...
//                   [--description TEXT] [--path /PATH/]
//   iam_role describe --name NAME
//   iam_role delete --name NAME        (its policies, inline and managed, and instance profiles first)
//
// The seed's role for Redshift:
//   iam_role create --name myRedshiftRole --trust-service redshift.amazonaws.com
//                   --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
//
// Credentials, region and endpoint resolve as for the AWS CLI (IAM is global: iam.amazonaws.com),
// so AWS_ENDPOINT_URL=http://127.0.0.1:5000 aims it at a local emulator.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/iam.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include "support/arguments.hpp"

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

int usage() {
  std::cerr << "usage: iam_role create --name NAME --trust-service SERVICE [--trust-service SERVICE]... "
               "[--policy-arn ARN]... [--description TEXT] [--path /PATH/]\n"
               "       iam_role describe --name NAME\n"
               "       iam_role delete --name NAME\n";
  return 2;
}

tool::ArgumentSpec specOf(const std::string& command) {
  if (command == "create") return {{"--name", "--description", "--path"}, {"--trust-service", "--policy-arn"}, {}};
  if (command == "describe" || command == "delete") return {{"--name"}, {}, {}};
  throw tool::UsageError("\"" + command + "\" is not a command");
}

// The principals a trust policy names ("redshift.amazonaws.com", an account's root ARN); the
// document itself when it is not the usual shape.
std::vector<std::string> trustedPrincipals(const std::string& document) {
  return awsdirect::iam::trustedPrincipals(document).value_or(std::vector<std::string>{document});
}

void printRole(const awsdirect::iam::Role& role) {
  std::cout << "role:     " << role.roleName << "\n"
            << "arn:      " << role.arn << "\n";
  for (const auto& principal : trustedPrincipals(role.assumeRolePolicyDocument)) std::cout << "trust:    " << principal << "\n";
}

int create(awsdirect::Iam& iam, const tool::Arguments& args, const std::string& name) {
  using awsdirect::Iam;
  const auto& services = args.values("--trust-service");
  if (services.empty()) throw std::invalid_argument("create needs --trust-service (the AWS service that assumes the role)");
  awsdirect::iam::TrustPolicy trust;
  for (const auto& service : services) trust.allowService(service);
  auto request = Iam::createRole().roleName(name).assumeRolePolicy(trust);
  if (args.has("--description")) request.description(args.value("--description"));
  if (args.has("--path")) request.path(args.value("--path"));

  // Check every attachment before creating anything, so bad input never leaves half a role.
  std::vector<awsdirect::iam::AttachRolePolicyRequest> attachments;
  awsdirect::Validator validator;
  for (const auto& arn : args.values("--policy-arn")) {
    attachments.push_back(Iam::attachRolePolicy().roleName(name).policyArn(arn));
    attachments.back().validate(validator);
  }
  if (!validator.ok()) awsdirect::throwError(validator.error("iam", "AttachRolePolicy"));

  printRole(iam.send(request).value());
  for (const auto& attachment : attachments) {
    auto attached = iam.send(attachment);
    if (!attached) {
      // AWS refused a policy (one that does not exist, say): remove what was made (as far as it
      // can), then report the refusal.
      auto step = [](const auto& outcome) {
        if (!outcome) std::cerr << "iam_role: could not undo: " << outcome.error().describe() << "\n";
      };
      if (auto done = iam.listAllAttachedRolePolicies(name))
        for (const auto& policy : done.value())
          step(iam.send(Iam::detachRolePolicy().roleName(name).policyArn(policy.policyArn)));
      step(iam.send(Iam::deleteRole().roleName(name)));
      awsdirect::throwError(attached.error());
    }
  }
  for (const auto& policy : iam.listAllAttachedRolePolicies(name).value()) std::cout << "policy:   " << policy.policyArn << "\n";
  return 0;
}

int run(const std::string& command, const tool::Arguments& args) {
  using awsdirect::Iam;
  Iam iam;
  const std::string name = args.value("--name");

  if (command == "create") return create(iam, args, name);
  if (command == "describe") {
    printRole(iam.send(Iam::getRole().roleName(name)).value());
    for (const auto& policy : iam.listAllAttachedRolePolicies(name).value())
      std::cout << "policy:   " << policy.policyArn << "\n";
    return 0;
  }
  if (command == "delete") {
    // Everything that would make DeleteRole refuse goes first, as in the console.
    iam.deleteRoleCompletely(name, [](const std::string& operation, const std::string& item) {
         if (operation == "DetachRolePolicy") std::cout << "detached: " << item << "\n";
         else if (operation == "DeleteRole") std::cout << "deleted:  " << item << "\n";
         else std::cout << "removed:  " << item << " (" << operation << ")\n";
       }).value();
    return 0;
  }
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"iam_role", true, specOf, [](const std::string&) { return std::vector<std::string>{"--name"}; }, run, usage},
                       argc, argv);
}
