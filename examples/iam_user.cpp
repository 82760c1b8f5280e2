// iam_user: create, inspect and delete an IAM user, and give it an access key saved as a profile.
//
//   iam_user create --name NAME [--policy-arn ARN]... [--access-key --save-profile PROFILE]
//   iam_user describe --name NAME
//   iam_user delete --name NAME        (deletes its access keys and detaches its policies first)
//
// The seed's user for Airflow:
//   iam_user create --name airflow_redshift_user
//                   --policy-arn arn:aws:iam::aws:policy/AmazonRedshiftFullAccess
//                   --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
//                   --access-key --save-profile airflow
//
// With --access-key the new key is written as PROFILE into the shared credentials file
// (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials), as `aws configure` writes it: the file
// is left with mode 0600, other profiles and comments are kept. The secret is never printed.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/credentials_file.hpp>
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
  std::cerr << "usage: iam_user create --name NAME [--policy-arn ARN]... [--access-key --save-profile PROFILE]\n"
               "       iam_user describe --name NAME\n"
               "       iam_user delete --name NAME\n";
  return 2;
}

tool::ArgumentSpec specOf(const std::string& command) {
  if (command == "create") return {{"--name", "--save-profile"}, {"--policy-arn"}, {"--access-key"}};
  if (command == "describe" || command == "delete") return {{"--name"}, {}, {}};
  throw tool::UsageError("\"" + command + "\" is not a command");
}

// A profile name that can stand in a [section] header of the credentials file.
void checkProfileName(const std::string& profile) {
  if (!awsdirect::isValidProfileName(profile))
    throw tool::UsageError("--save-profile: must be 1 to 128 printable characters without spaces, [ ] # or ;");
}


int create(awsdirect::Iam& iam, const tool::Arguments& args, const std::string& name) {
  using awsdirect::Iam;
  const bool accessKey = args.on("--access-key");
  const std::string profile = args.value("--save-profile");
  if (accessKey && profile.empty())
    throw tool::UsageError("--access-key: needs --save-profile PROFILE: the secret is saved there, never printed");
  if (!accessKey) args.refuse("--save-profile", "needs --access-key");
  if (accessKey) checkProfileName(profile);

  // Check every request before creating anything, so bad input never leaves half a user.
  auto request = Iam::createUser().userName(name);
  std::vector<awsdirect::iam::AttachUserPolicyRequest> attachments;
  awsdirect::Validator validator;
  request.validate(validator);
  for (const auto& arn : args.values("--policy-arn")) {
    attachments.push_back(Iam::attachUserPolicy().userName(name).policyArn(arn));
    attachments.back().validate(validator);
  }
  if (!validator.ok()) awsdirect::throwError(validator.error("iam", "CreateUser"));

  awsdirect::iam::User user = iam.send(request).value();
  std::cout << "user:     " << user.userName << "\n"
            << "arn:      " << user.arn << "\n";
  // From here on a failure removes what was made (as far as it can), then reports the failure.
  auto undo = [&](const awsdirect::Error& error) {
    auto step = [](const auto& outcome) {
      if (!outcome) std::cerr << "iam_user: could not undo: " << outcome.error().describe() << "\n";
    };
    if (auto keys = iam.listAllAccessKeys(name))
      for (const auto& key : keys.value()) step(iam.send(Iam::deleteAccessKey().userName(name).accessKeyId(key.accessKeyId)));
    if (auto attached = iam.listAllAttachedUserPolicies(name))
      for (const auto& done : attached.value()) step(iam.send(Iam::detachUserPolicy().userName(name).policyArn(done.policyArn)));
    step(iam.send(Iam::deleteUser().userName(name)));
    awsdirect::throwError(error);
  };
  for (const auto& attachment : attachments) {
    auto attached = iam.send(attachment);
    if (!attached) undo(attached.error());
  }
  for (const auto& policy : iam.listAllAttachedUserPolicies(name).value()) std::cout << "policy:   " << policy.policyArn << "\n";

  if (accessKey) {
    auto key = iam.send(Iam::createAccessKey().userName(name));
    if (!key) undo(key.error());
    std::string path;
    try {
      path = awsdirect::saveCredentialsProfile(awsdirect::Environment::process(), profile,
                                            key.value().accessKeyId, key.value().secretAccessKey);
    } catch (const awsdirect::Exception& e) {
      undo(awsdirect::makeError(awsdirect::ErrorKind::Configuration, "CannotSaveProfile", e.error().message));
    }
    std::cout << "key:      " << key.value().accessKeyId << " saved as profile " << profile << " in " << path
              << "\n";
  }
  return 0;
}

int run(const std::string& command, const tool::Arguments& args) {
  using awsdirect::Iam;
  Iam iam;
  const std::string name = args.value("--name");

  if (command == "create") return create(iam, args, name);
  if (command == "describe") {
    awsdirect::iam::User user = iam.send(Iam::getUser().userName(name)).value();
    std::cout << "user:     " << user.userName << "\n"
              << "arn:      " << user.arn << "\n";
    for (const auto& policy : iam.listAllAttachedUserPolicies(name).value())
      std::cout << "policy:   " << policy.policyArn << "\n";
    for (const auto& key : iam.listAllAccessKeys(name).value())
      std::cout << "key:      " << key.accessKeyId << " (" << key.status << ")\n";
    return 0;
  }
  if (command == "delete") {
    // Everything that would make DeleteUser refuse goes first, as in the console.
    iam.deleteUserCompletely(name, [](const std::string& operation, const std::string& item) {
         if (operation == "DeleteAccessKey") std::cout << "deleted:  access key " << item << "\n";
         else if (operation == "DetachUserPolicy") std::cout << "detached: " << item << "\n";
         else if (operation == "DeleteUser") std::cout << "deleted:  " << item << "\n";
         else std::cout << "removed:  " << item << " (" << operation << ")\n";
       }).value();
    return 0;
  }
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"iam_user", true, specOf, [](const std::string&) { return std::vector<std::string>{"--name"}; }, run, usage},
                       argc, argv);
}
