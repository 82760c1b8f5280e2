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
// is created with mode 0600, other profiles and comments are kept. The secret is never printed.
#include <awsdirect/iam.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
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
  bool ok = !profile.empty() && profile.size() <= 128;
  for (char c : profile) ok &= c > ' ' && c != '[' && c != ']' && c != '#' && c != ';' && c != 0x7f;
  if (!ok) fail("--save-profile must be 1 to 128 printable characters without spaces, [ ] # or ;");
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  std::size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The setting name of a `name = value` line, lowercased; "" for anything else.
std::string settingName(const std::string& line) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t') return "";
  std::size_t eq = line.find_first_of("=:");
  if (eq == std::string::npos) return "";
  std::string name = trim(line.substr(0, eq));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

bool isSectionHeader(const std::string& line, std::string* name = nullptr) {
  std::string t = trim(line);
  if (t.size() < 2 || t.front() != '[' || t.back() != ']') return false;
  if (name) *name = trim(t.substr(1, t.size() - 2));
  return true;
}

// The credentials file with profile `profile` set to the key: its key lines replaced in place
// (a session token of an earlier key removed, since it would not match), or a new section
// appended; every other line is kept as it was, as `aws configure set` does.
std::string withProfile(const std::string& text, const std::string& profile, const std::string& keyId,
                        const std::string& secret) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  const std::map<std::string, std::string> wanted = {{"aws_access_key_id", keyId}, {"aws_secret_access_key", secret}};
  std::size_t start = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string name;
    if (isSectionHeader(lines[i], &name) && name == profile) { start = i; break; }
  }
  std::vector<std::string> out;
  if (start == lines.size()) {
    out = lines;
    while (!out.empty() && trim(out.back()).empty()) out.pop_back();
    if (!out.empty()) out.emplace_back();
    out.push_back("[" + profile + "]");
    for (const auto& [name, value] : wanted) out.push_back(name + " = " + value);
  } else {
    std::size_t end = start + 1;
    while (end < lines.size() && !isSectionHeader(lines[end])) ++end;
    out.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(start) + 1);
    std::map<std::string, bool> written;
    std::size_t lastSetting = out.size();
    for (std::size_t i = start + 1; i < end; ++i) {
      std::string name = settingName(lines[i]);
      if (name == "aws_session_token" || name == "aws_security_token") continue;
      if (wanted.count(name)) {
        if (written[name]) continue;
        out.push_back(name + " = " + wanted.at(name));
        written[name] = true;
      } else {
        out.push_back(lines[i]);
      }
      if (!trim(lines[i]).empty()) lastSetting = out.size();
    }
    std::vector<std::string> missing;
    for (const auto& [name, value] : wanted)
      if (!written[name]) missing.push_back(name + " = " + value);
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(lastSetting), missing.begin(), missing.end());
    out.insert(out.end(), lines.begin() + static_cast<std::ptrdiff_t>(end), lines.end());
  }
  std::string result;
  for (const auto& line : out) result += line + "\n";
  return result;
}

// Writes the key as `profile` into the shared credentials file. The file is replaced
// atomically (a crash never leaves half a file); a new file gets mode 0600, an existing one
// keeps its mode.
std::string saveProfile(const std::string& profile, const std::string& keyId, const awsdirect::Secret& secret) {
  std::string path = awsdirect::SharedConfig::locateCredentialsFile(awsdirect::Environment::process());
  if (path.empty() || path[0] == '~') fail("cannot locate the credentials file: set HOME or AWS_SHARED_CREDENTIALS_FILE");
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved)) path = resolved;  // write through a symbolic link, not over it

  // Its directory, as `aws configure` makes ~/.aws (only the last level; mode 0700).
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) fail("cannot create " + dir + ": " + std::strerror(errno));

  std::string text;
  mode_t mode = 0600;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0) {
    mode = info.st_mode & 07777;
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } else if (errno != ENOENT) {
    fail("cannot read " + path + ": " + std::strerror(errno));
  }
  const std::string updated = withProfile(text, profile, keyId, secret.reveal());

  std::string temporary = path + ".awsdirect-XXXXXX";
  int fd = mkstemp(&temporary[0]);
  if (fd < 0) fail("cannot write next to " + path + ": " + std::strerror(errno));
  auto writeAll = [&] {
    for (std::size_t done = 0; done < updated.size();) {
      ssize_t n = write(fd, updated.data() + done, updated.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  };
  bool ok = fchmod(fd, mode) == 0 && writeAll() && fsync(fd) == 0;
  int error = ok ? 0 : errno;
  if (close(fd) != 0 && ok) ok = false, error = errno;
  if (ok && rename(temporary.c_str(), path.c_str()) != 0) ok = false, error = errno;
  if (!ok) {
    unlink(temporary.c_str());
    fail("cannot write " + path + ": " + std::strerror(error));
  }
  return path;
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
      path = saveProfile(profile->second, key.value().accessKeyId, key.value().secretAccessKey);
    } catch (const std::exception& e) {
      undo(awsdirect::makeError(awsdirect::ErrorKind::Configuration, "CannotSaveProfile", e.what()));
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
    for (const auto& key : iam.listAllAccessKeys(name).value()) {
      iam.send(Iam::deleteAccessKey().userName(name).accessKeyId(key.accessKeyId)).value();
      std::cout << "deleted:  access key " << key.accessKeyId << "\n";
    }
    for (const auto& policy : iam.listAllAttachedUserPolicies(name).value()) {
      iam.send(Iam::detachUserPolicy().userName(name).policyArn(policy.policyArn)).value();
      std::cout << "detached: " << policy.policyArn << "\n";
    }
    iam.send(Iam::deleteUser().userName(name)).value();
    std::cout << "deleted:  " << name << "\n";
    return 0;
  }
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse(argc, argv, args)) return usage();
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "iam_user: " << e.what() << "\n";
  }
  return 1;
}
