// hands_on_aws: the whole data-warehouse environment as one thing, in one command each.
//
//   hands_on_aws plan   --name NAME [--cidr CIDR] [--region R] [--open-to-internet]
//   hands_on_aws up     --name NAME --cidr CIDR [--region R] [--open-to-internet] [--ttl DURATION] [--upload FILE]...
//                       [--aws-managed-passwords]
//   hands_on_aws status --name NAME [--region R] [--cidr CIDR]
//   hands_on_aws down   --name NAME [--region R]
//   hands_on_aws list   [--region R]
//   hands_on_aws reap   [--region R] [--older-than DURATION]
//   hands_on_aws load   --name NAME --table T [--create "COLUMNS"] [--region R] s3://BUCKET/KEY | FILE
//   hands_on_aws sql    --name NAME [--region R] "SQL"
//   hands_on_aws password --name NAME [--region R] redshift|postgres
//
// The environment NAME is: the IAM role NAME-redshift-role (Redshift reads S3 with it), the
// IAM user NAME-airflow (AmazonRedshiftFullAccess, AmazonS3ReadOnlyAccess; its access key saved
// as profile NAME-airflow in the shared credentials file, mode 0600), the security group
// NAME-redshift-sg (TCP 5439 from --cidr), the private bucket NAME-ACCOUNT-data with the uploaded
// files, the Redshift cluster NAME-redshift (dev, 5439, awsuser) and the PostgreSQL database
// NAME-postgres (db.t2.small, 1-day backups). Every resource is tagged awsdirect:environment=NAME;
// there is no state file: running up again creates only what is missing, and down deletes
// what is there, whatever an earlier run left. Clusters and databases are deleted without a final
// snapshot: the environment is disposable.
//
// load and sql run on the environment's cluster through the Redshift Data API, as its master
// user with temporary credentials (no password, no driver, no route to port 5439): load puts a
// local FILE in the environment's bucket first, then runs [CREATE TABLE IF NOT EXISTS T (COLUMNS),]
// COPY T FROM 's3://...' IAM_ROLE '<the environment's role>' CSV and reports the rows loaded (or
// the line Redshift rejected); sql prints the result as a table.
//
// Passwords come from REDSHIFT_MASTER_PASSWORD and RDS_MASTER_PASSWORD, else they are generated
// and written (never printed) to $XDG_CONFIG_HOME/awsdirect/NAME.passwords (~/.config/...),
// mode 0600. With --aws-managed-passwords AWS makes both and keeps them in Secrets Manager
// (ManageMasterPassword, ManageMasterUserPassword): nothing is written locally, status shows each
// secret's ARN, `password` reads one from Secrets Manager only when asked, and the secrets go with
// their cluster and database. DURATION: 90s, 30m, 8h, 7d. Exit codes: 0 done, 1 failed, 2 bad usage.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/credentials_file.hpp>
#include <awsdirect/iac/data.hpp>
#include <awsdirect/iac/stack.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/sts.hpp>
#include <awsdirect/time.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using awsdirect::iac::ResourceReport;
using awsdirect::iac::ResourceState;

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> uploads;
  std::vector<std::string> positional;  // load's source, sql's statement
  bool openToInternet = false;
  bool awsManagedPasswords = false;
};

int usage() {
  std::cerr << "usage: hands_on_aws plan   --name NAME [--cidr CIDR] [--region R] [--open-to-internet]\n"
               "       hands_on_aws up     --name NAME --cidr CIDR [--region R] [--open-to-internet] [--ttl DURATION]"
               " [--upload FILE]...\n"
               "                           [--aws-managed-passwords]\n"
               "       hands_on_aws status --name NAME [--region R] [--cidr CIDR]\n"
               "       hands_on_aws down   --name NAME [--region R]\n"
               "       hands_on_aws list   [--region R]\n"
               "       hands_on_aws reap   [--region R] [--older-than DURATION]\n"
               "       hands_on_aws load   --name NAME --table T [--create \"COLUMNS\"] [--region R] s3://BUCKET/KEY | FILE\n"
               "       hands_on_aws sql    --name NAME [--region R] \"SQL\"\n"
               "       hands_on_aws password --name NAME [--region R] redshift|postgres\n"
               "  DURATION: 90s, 30m, 8h, 7d. --open-to-internet is needed for --cidr 0.0.0.0/0.\n";
  return 2;
}

std::optional<Args> parse(int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  Args args;
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--open-to-internet") {
      args.openToInternet = true;
      continue;
    }
    if (flag == "--aws-managed-passwords") {
      args.awsManagedPasswords = true;
      continue;
    }
    if (flag.rfind("--", 0) != 0) {
      args.positional.push_back(flag);
      continue;
    }
    if (i + 1 >= argc) return std::nullopt;
    const std::string value = argv[++i];
    if (flag == "--upload") args.uploads.push_back(value);
    else if (flag == "--name" || flag == "--region" || flag == "--cidr" || flag == "--ttl" || flag == "--older-than" ||
             flag == "--table" || flag == "--create")
      args.options[flag] = value;
    else return std::nullopt;
  }
  static const std::map<std::string, std::vector<std::string>> required = {
      {"plan", {"--name"}}, {"up", {"--name", "--cidr"}}, {"status", {"--name"}},
      {"down", {"--name"}},           {"list", {}},                 {"reap", {}},
      {"load", {"--name", "--table"}}, {"sql", {"--name"}}, {"password", {"--name"}}};
  auto command = required.find(args.command);
  if (command == required.end()) return std::nullopt;
  const bool takesOne = args.command == "load" || args.command == "sql" || args.command == "password";
  if (args.positional.size() != (takesOne ? 1u : 0u)) return std::nullopt;
  for (const auto& flag : command->second)
    if (!args.options.count(flag)) return std::nullopt;
  return args;
}

std::string option(const Args& args, const std::string& flag) {
  auto it = args.options.find(flag);
  return it == args.options.end() ? "" : it->second;
}

// "90s", "30m", "8h", "7d": at most 10 years; nullopt for anything else.
std::optional<std::chrono::seconds> duration(const std::string& text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  long long unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return std::nullopt;
  }
  const long long n = std::stoll(digits);  // at most 11 digits: no overflow
  if (n == 0 || n > 10LL * 366 * 86400 / unit) return std::nullopt;
  return std::chrono::seconds(n * unit);
}

// A bad duration option: which option, what was given, and what is expected.
int badDuration(const std::string& flag, const std::string& value) {
  std::cerr << "hands_on_aws: " << flag << ": \"" << value
            << "\" is not a duration (90s, 30m, 8h, 7d; more than 0, at most 10 years)\n";
  return 2;
}

std::string seconds(std::chrono::milliseconds elapsed) {
  char text[32];
  std::snprintf(text, sizeof text, "%7.1fs", static_cast<double>(elapsed.count()) / 1000.0);
  return text;
}

void printReport(const ResourceReport& report) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-17s %-32s %-9s ", report.kind.c_str(), report.name.c_str(),
                awsdirect::iac::stateName(report.state));
  std::cout << line << report.detail << "\n";
  for (const auto& change : report.changes) std::cout << "      drift: " << change.text() << "\n";
}

// A password both Redshift and RDS accept: 24 letters and digits, with each kind present.
awsdirect::Secret generatedPassword() {
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  std::random_device random;
  std::string password = "Aa1";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  while (password.size() < 24) password += kAlphabet[pick(random)];
  std::shuffle(password.begin(), password.end(), std::mt19937(random()));
  return awsdirect::Secret(password);
}

std::string passwordFile(const std::string& name) {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::string folder = config && *config ? config : std::string(home ? home : ".") + "/.config";
  mkdir(folder.c_str(), 0700);
  folder += "/awsdirect";
  mkdir(folder.c_str(), 0700);
  return folder + "/" + name + ".passwords";
}

// Passwords from the environment, else generated and written to a 0600 file (never printed);
// none when AWS manages them.
void choosePasswords(awsdirect::iac::Context& context, const std::string& name) {
  if (context.blueprint.redshift.managedPassword && context.blueprint.postgres.managedPassword) {
    std::cout << "passwords: made and kept by AWS in Secrets Manager (hands_on_aws password shows one)\n";
    return;
  }
  const char* redshift = std::getenv("REDSHIFT_MASTER_PASSWORD");
  const char* rds = std::getenv("RDS_MASTER_PASSWORD");
  context.redshiftPassword = redshift && *redshift ? awsdirect::Secret(redshift) : generatedPassword();
  context.databasePassword = rds && *rds ? awsdirect::Secret(rds) : generatedPassword();
  if (redshift && *redshift && rds && *rds) return;
  const std::string path = passwordFile(name);
  if (std::ifstream in{path}) {  // an earlier up's passwords are those of what it created: keep them
    for (std::string service, user, password; in >> service >> user >> password;) {
      if (service == "redshift" && !(redshift && *redshift)) context.redshiftPassword = awsdirect::Secret(password);
      if (service == "postgres" && !(rds && *rds)) context.databasePassword = awsdirect::Secret(password);
    }
    return;
  }
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  const std::string text = "redshift awsuser " + context.redshiftPassword.reveal() + "\npostgres postgres " +
                           context.databasePassword.reveal() + "\n";
  const bool ok = fchmod(fd, 0600) == 0 && write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
  std::cout << "passwords: written to " << path << " (mode 0600)\n";
}

int finish(const awsdirect::iac::StackResult& result, const char* what) {
  for (const auto& failure : result.failures)
    std::cout << "FAILED " << failure.kind << " " << failure.name << ": " << failure.error.describe() << "\n";
  if (!result.ok()) {
    std::cout << what << " failed; what exists now:\n";
    for (const auto& report : result.resources)
      if (report.state != ResourceState::Missing) printReport(report);
    return 1;
  }
  return 0;
}

// load and sql: statements on the environment's cluster through the Data API, waited for with progress.
int runData(const Args& args, const awsdirect::ClientConfig& config, const std::string& region, const std::string& account) {
  awsdirect::iac::Blueprint blueprint;
  blueprint.name = option(args, "--name");
  blueprint.region = region;
  blueprint.accountId = account;
  awsdirect::iac::validateBlueprint(blueprint, false, false);
  awsdirect::iac::SqlTarget target;
  target.clusterIdentifier = blueprint.clusterIdentifier();
  awsdirect::RedshiftData data(config);
  awsdirect::WaitOptions options;
  options.onProgress = [&](const awsdirect::WaitProgress& p) {
    std::cerr << "[" << seconds(p.elapsed) << "] statement: " << p.state << "\n";
  };
  if (args.command == "sql") {
    auto rows = awsdirect::iac::runSql(data, target, args.positional.front(), options);
    if (!rows) {
      std::cout << "FAILED: " << rows.error().describe() << "\n";
      return 1;
    }
    std::cout << awsdirect::iac::formatTable(rows.value());
    return 0;
  }
  awsdirect::iac::Load load;
  load.table = option(args, "--table");
  load.createColumns = option(args, "--create");
  load.roleArn = "arn:aws:iam::" + account + ":role/" + blueprint.roleName();
  const std::string& source = args.positional.front();
  if (source.rfind("s3://", 0) == 0) {
    load.s3Uri = source;
  } else {
    // A local file goes to the environment's bucket first, under its own name.
    const std::string key = source.substr(source.find_last_of('/') == std::string::npos ? 0 : source.find_last_of('/') + 1);
    load.s3Uri = "s3://" + blueprint.bucketName() + "/" + key;
    awsdirect::iac::validateLoad(load);  // before the upload: a bad table name uploads nothing
    awsdirect::S3 s3(config);
    auto put = s3.send(awsdirect::S3::putObject().bucket(blueprint.bucketName()).key(key).bodyFromFile(source));
    if (!put) {
      std::cout << "FAILED upload " << source << ": " << put.error().describe() << "\n";
      return 1;
    }
    std::cout << "uploaded " << source << " to " << load.s3Uri << "\n";
  }
  std::cout << "running: " << awsdirect::iac::copyStatement(load) << "\n";
  auto loaded = awsdirect::iac::loadFromS3(data, target, load, options);
  if (!loaded) {
    std::cout << "FAILED load: " << loaded.error().describe() << "\n";
    return 1;
  }
  std::cout << "loaded " << loaded.value().rowsLoaded << " row(s) into " << load.table << "\n";
  return 0;
}

// password: the master password of the cluster or the database, printed because it was asked
// for: from Secrets Manager when AWS manages it, else from the local password file.
int showPassword(const Args& args, const awsdirect::ClientConfig& config, const std::string& region,
                 const std::string& account) {
  awsdirect::iac::Blueprint blueprint;
  blueprint.name = option(args, "--name");
  blueprint.region = region;
  blueprint.accountId = account;
  awsdirect::iac::validateBlueprint(blueprint, false, false);
  const std::string& which = args.positional.front();
  if (which != "redshift" && which != "postgres") return usage();
  std::string secretArn, user;
  if (which == "redshift") {
    auto cluster = awsdirect::Redshift(config).findCluster(blueprint.clusterIdentifier());
    if (!cluster) return std::cout << "FAILED: " << cluster.error().describe() << "\n", 1;
    secretArn = cluster.value().masterPasswordSecretArn;
    user = cluster.value().masterUsername;
  } else {
    auto instance = awsdirect::Rds(config).findDBInstance(blueprint.databaseIdentifier());
    if (!instance) return std::cout << "FAILED: " << instance.error().describe() << "\n", 1;
    secretArn = instance.value().masterUserSecretArn;
    user = instance.value().masterUsername;
  }
  if (secretArn.empty()) {
    std::ifstream in{passwordFile(blueprint.name)};
    for (std::string service, name, password; in >> service >> name >> password;)
      if (service == which) return std::cout << name << " " << password << "\n", 0;
    std::cout << "FAILED: " << which << " of " << blueprint.name
              << " has no password AWS manages, and none is in " << passwordFile(blueprint.name) << "\n";
    return 1;
  }
  auto value = awsdirect::SecretsManager(config).send(awsdirect::SecretsManager::getSecretValue().secretId(secretArn));
  if (!value) return std::cout << "FAILED: " << value.error().describe() << "\n", 1;
  // The secret is {"username": ..., "password": ...}.
  const auto secret = awsdirect::detail::JsonValue::parse(value.value().secretString.value_or(awsdirect::Secret()).reveal());
  const auto* password = secret.isObject() ? secret.find("password") : nullptr;
  if (!password || !password->isString()) return std::cout << "FAILED: the secret " << secretArn << " holds no password\n", 1;
  std::cout << user << " " << password->asString() << "\n";
  return 0;
}

int run(const Args& args) {
  // The durations are checked before any call.
  for (const char* flag : {"--ttl", "--older-than"})
    if (args.options.count(flag) && !duration(option(args, flag))) return badDuration(flag, option(args, flag));
  awsdirect::ClientConfig config;
  if (!option(args, "--region").empty()) config.region = option(args, "--region");
  const std::string region = awsdirect::resolveConfig(config, awsdirect::Redshift::serviceInfo()).region;
  const std::string account = awsdirect::Sts(config).callerIdentity().value().account;

  if (args.command == "list" || args.command == "reap") {
    const auto now = std::chrono::system_clock::now();
    const auto olderThan = duration(option(args, "--older-than"));
    if (args.options.count("--older-than") && !olderThan) return badDuration("--older-than", option(args, "--older-than"));
    int status = 0;
    const auto listings = awsdirect::iac::listEnvironments(config, region, account);
    if (listings.empty()) std::cout << "no environments in " << region << "\n";
    for (const auto& listing : listings) {
      const auto age = listing.created ? std::chrono::duration_cast<std::chrono::seconds>(now - *listing.created)
                                       : std::chrono::seconds(0);
      std::cout << listing.name << "  created " << (listing.created ? awsdirect::formatIso8601(*listing.created) : "?")
                << "  age " << age.count() << "s  ttl "
                << (listing.ttl ? std::to_string(listing.ttl->count()) + "s" : std::string("none")) << "  "
                << listing.resources.size() << " resource(s)\n";
      const bool due = listing.expired(now) || (olderThan && listing.created && age >= *olderThan);
      if (args.command != "reap" || !due) continue;
      std::cout << "reaping " << listing.name << "\n";
      awsdirect::iac::Blueprint blueprint;
      blueprint.name = listing.name;
      blueprint.region = region;
      blueprint.accountId = account;
      awsdirect::iac::Stack stack(config, blueprint);
      status |= finish(stack.down(), "reap");
    }
    return status;
  }

  if (args.command == "load" || args.command == "sql") return runData(args, config, region, account);
  if (args.command == "password") return showPassword(args, config, region, account);

  awsdirect::iac::Blueprint blueprint;
  blueprint.name = option(args, "--name");
  blueprint.region = region;
  blueprint.accountId = account;
  if (!option(args, "--cidr").empty()) blueprint.securityGroup.cidrs = {option(args, "--cidr")};
  blueprint.bucket.uploads = args.uploads;
  blueprint.redshift.managedPassword = blueprint.postgres.managedPassword = args.awsManagedPasswords;
  if (args.options.count("--ttl")) {
    blueprint.ttl = duration(option(args, "--ttl"));
    if (!blueprint.ttl) return badDuration("--ttl", option(args, "--ttl"));
  }
  awsdirect::iac::validateBlueprint(blueprint, args.openToInternet, args.command == "up");
  awsdirect::iac::Stack stack(config, blueprint);

  if (args.command == "plan" || args.command == "status") {
    std::cout << "environment " << blueprint.name << " in " << region << (args.command == "plan" ? " (plan)" : "")
              << ":\n";
    bool unknown = false;
    for (const auto& report : stack.inspect()) {
      printReport(report);
      unknown |= report.state == ResourceState::Unknown;
      if (args.command == "plan")
        std::cout << "      up would "
                  << (report.state == ResourceState::Missing    ? "create it"
                      : report.state == ResourceState::Conflict ? "stop: not this environment's"
                      : report.state == ResourceState::Drifted  ? "repair it"
                      : report.state == ResourceState::Unknown  ? "find out (its service did not answer)"
                                                                : "leave it")
                  << "\n";
    }
    if (args.command == "plan")
      std::cout << "  (down deletes the cluster and the database without a final snapshot)\n";
    return unknown ? 1 : 0;
  }

  auto progress = [](const ResourceReport& report, const std::string& step, std::chrono::milliseconds elapsed) {
    std::cout << "[" << seconds(elapsed) << "] " << report.kind << " " << report.name << ": " << step << "\n"
              << std::flush;
  };
  if (args.command == "up") {
    if (option(args, "--cidr") == "0.0.0.0/0")
      std::cout << "note: the Redshift port is open to the whole internet (--open-to-internet)\n";
    choosePasswords(stack.context(), blueprint.name);
    const auto result = stack.up(progress);
    if (result.ok() && !result.changed) std::cout << "nothing to do: environment " << blueprint.name << " is up\n";
    if (const int failed = finish(result, "up")) return failed;
    std::cout << "environment " << blueprint.name << " is up:\n";
    for (const auto& report : result.resources) printReport(report);
    return 0;
  }
  // down
  const auto result = stack.down(progress);
  if (result.ok() && !result.changed)
    std::cout << "environment " << blueprint.name << " does not exist in " << region << ": nothing to do\n";
  for (const auto& report : result.resources)
    if (report.state == ResourceState::Conflict) std::cout << "left alone: " << report.kind << " " << report.name << " (not this environment's)\n";
  if (const int failed = finish(result, "down")) return failed;
  std::remove(passwordFile(blueprint.name).c_str());  // they were the passwords of what is gone
  if (result.changed) std::cout << "environment " << blueprint.name << " is down; nothing of it is left\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  const auto args = parse(argc, argv);
  if (!args) return usage();
  try {
    return run(*args);
  } catch (const awsdirect::ValidationError& e) {
    std::cerr << "hands_on_aws: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "hands_on_aws: " << e.what() << "\n";
  }
  return 1;
}
