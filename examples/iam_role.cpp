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

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::map<std::string, std::vector<std::string>> lists;
};

int usage() {
  std::cerr << "usage: iam_role create --name NAME --trust-service SERVICE [--trust-service SERVICE]... "
               "[--policy-arn ARN]... [--description TEXT] [--path /PATH/]\n"
               "       iam_role describe --name NAME\n"
               "       iam_role delete --name NAME\n";
  return 2;
}

bool parse(int argc, char** argv, Args& args) {
  if (argc < 2) return false;
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--trust-service" || flag == "--policy-arn") args.lists[flag].push_back(value);
    else if (flag == "--name" || flag == "--description" || flag == "--path") args.options[flag] = value;
    else return false;
  }
  return args.options.count("--name") == 1;
}

const std::vector<std::string>& list(const Args& args, const std::string& flag) {
  static const std::vector<std::string> none;
  auto it = args.lists.find(flag);
  return it == args.lists.end() ? none : it->second;
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

int create(awsdirect::Iam& iam, const Args& args, const std::string& name) {
  using awsdirect::Iam;
  const auto& services = list(args, "--trust-service");
  if (services.empty()) throw std::invalid_argument("create needs --trust-service (the AWS service that assumes the role)");
  awsdirect::iam::TrustPolicy trust;
  for (const auto& service : services) trust.allowService(service);
  auto request = Iam::createRole().roleName(name).assumeRolePolicy(trust);
  if (auto it = args.options.find("--description"); it != args.options.end()) request.description(it->second);
  if (auto it = args.options.find("--path"); it != args.options.end()) request.path(it->second);

  // Check every attachment before creating anything, so bad input never leaves half a role.
  std::vector<awsdirect::iam::AttachRolePolicyRequest> attachments;
  awsdirect::Validator validator;
  for (const auto& arn : list(args, "--policy-arn")) {
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

int run(const Args& args) {
  using awsdirect::Iam;
  Iam iam;
  const std::string name = args.options.at("--name");

  if (args.command == "create") return create(iam, args, name);
  if (args.command == "describe") {
    printRole(iam.send(Iam::getRole().roleName(name)).value());
    for (const auto& policy : iam.listAllAttachedRolePolicies(name).value())
      std::cout << "policy:   " << policy.policyArn << "\n";
    return 0;
  }
  if (args.command == "delete") {
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
  Args args;
  if (!parse(argc, argv, args)) return usage();
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "iam_role: " << e.what() << "\n";
  }
  return 1;
}
