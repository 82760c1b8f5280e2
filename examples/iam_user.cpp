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

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> policyArns;
  bool accessKey = false;
};

int usage() {
  std::cerr << "usage: iam_user create --name NAME [--policy-arn ARN]... [--access-key --save-profile PROFILE]\n"
               "       iam_user describe --name NAME\n"
               "       iam_user delete --name NAME\n";
  return 2;
}

bool parse(int argc, char** argv, Args& args) {
  if (argc < 2) return false;
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--access-key") { args.accessKey = true; continue; }
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--policy-arn") args.policyArns.push_back(value);
    else if (flag == "--name" || flag == "--save-profile") args.options[flag] = value;
    else return false;
  }
  return args.options.count("--name") == 1;
}

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

// A profile name that can stand in a [section] header of the credentials file.
void checkProfileName(const std::string& profile) {
  if (!awsdirect::isValidProfileName(profile)) fail("--save-profile must be 1 to 128 printable characters without spaces, [ ] # or ;");
}


int create(awsdirect::Iam& iam, const Args& args, const std::string& name) {
  using awsdirect::Iam;
  auto profile = args.options.find("--save-profile");
  if (args.accessKey && profile == args.options.end())
    fail("--access-key needs --save-profile PROFILE: the secret is saved there, never printed");
  if (!args.accessKey && profile != args.options.end()) fail("--save-profile needs --access-key");
  if (args.accessKey) checkProfileName(profile->second);

  // Check every request before creating anything, so bad input never leaves half a user.
  auto request = Iam::createUser().userName(name);
  std::vector<awsdirect::iam::AttachUserPolicyRequest> attachments;
  awsdirect::Validator validator;
  request.validate(validator);
  for (const auto& arn : args.policyArns) {
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

  if (args.accessKey) {
    auto key = iam.send(Iam::createAccessKey().userName(name));
    if (!key) undo(key.error());
    std::string path;
    try {
      path = awsdirect::saveCredentialsProfile(awsdirect::Environment::process(), profile->second,
                                            key.value().accessKeyId, key.value().secretAccessKey);
    } catch (const awsdirect::Exception& e) {
      undo(awsdirect::makeError(awsdirect::ErrorKind::Configuration, "CannotSaveProfile", e.error().message));
    }
    std::cout << "key:      " << key.value().accessKeyId << " saved as profile " << profile->second << " in " << path
              << "\n";
  }
  return 0;
}

int run(const Args& args) {
  using awsdirect::Iam;
  Iam iam;
  const std::string name = args.options.at("--name");

  if (args.command == "create") return create(iam, args, name);
  if (args.command == "describe") {
    awsdirect::iam::User user = iam.send(Iam::getUser().userName(name)).value();
    std::cout << "user:     " << user.userName << "\n"
              << "arn:      " << user.arn << "\n";
    for (const auto& policy : iam.listAllAttachedUserPolicies(name).value())
      std::cout << "policy:   " << policy.policyArn << "\n";
    for (const auto& key : iam.listAllAccessKeys(name).value())
      std::cout << "key:      " << key.accessKeyId << " (" << key.status << ")\n";
    return 0;
  }
  if (args.command == "delete") {
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
  Args args;
  if (!parse(argc, argv, args)) return usage();
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "iam_user: " << e.what() << "\n";
  }
  return 1;
}
