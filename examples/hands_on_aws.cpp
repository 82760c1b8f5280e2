// hands_on_aws: the whole data-warehouse environment as one thing, in one command each.
//
//   hands_on_aws init   NAME [--cidr CIDR]...                 prints the environment as a file
//   hands_on_aws plan   --file FILE | --name NAME [--cidr CIDR]... [--region R] [--open-to-internet]
//   hands_on_aws up     --file FILE [--allow-replace | --engine cloudformation]
//                     | --name NAME [--cidr CIDR]... [--region R] [--open-to-internet] [--ttl DURATION]
//                       [--upload FILE]... [--aws-managed-passwords]
//   hands_on_aws status --file FILE | --name NAME [--region R] [--cidr CIDR]...
//   hands_on_aws down   --file FILE [--engine cloudformation] | --name NAME [--region R]
//   hands_on_aws export --file FILE                           prints the CloudFormation template
//   hands_on_aws list   [--region R]
//   hands_on_aws reap   [--region R] [--older-than DURATION]
//   hands_on_aws load   --name NAME --table T [--create "COLUMNS"] [--region R] s3://BUCKET/KEY | FILE
//   hands_on_aws sql    --name NAME [--region R] "SQL"
//   hands_on_aws password --name NAME [--region R] redshift|postgres
//
// The environment file (TOML; `init` prints one with every setting at its default and a comment
// each) describes the environment; plan prints each resource as + (create), ~ (change in place,
// one line per setting, old -> new), -/+ (replace: its data goes; up does it only with
// --allow-replace) or nothing, and up does exactly that. Without a file, the flags describe
// the seed environment. With --engine cloudformation, up deploys the same environment as the
// CloudFormation stack awsdirect-NAME (export prints its template: passwords are NoEcho
// parameters, never in it), showing the stack's events; down deletes the stack, then checks and
// sweeps service by service as the SDK engine's down does.
//
// The environment NAME is: the IAM role NAME-redshift-role (Redshift reads S3 with it), the
// IAM user NAME-airflow (AmazonRedshiftFullAccess, AmazonS3ReadOnlyAccess; its access key saved
// as profile NAME-airflow in the shared credentials file, mode 0600), the security group
// NAME-redshift-sg (TCP 5439 and 5432 from each --cidr), the private bucket NAME-ACCOUNT-data
// (encrypted, SSE-S3) with the uploaded files, the Redshift cluster NAME-redshift (dev, 5439,
// awsuser, encrypted) and the PostgreSQL database NAME-postgres (db.t2.small, 1-day backups,
// storage encrypted). With CIDRs the cluster and the database are publicly accessible, their
// ports open to exactly those; with none both are private and nothing is opened. Every resource is tagged awsdirect:environment=NAME;
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
#include <awsdirect/iac/cloudformation.hpp>
#include <awsdirect/iac/data.hpp>
#include <awsdirect/iac/stack.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/sts.hpp>
#include <awsdirect/time.hpp>

#include "support/arguments.hpp"
#include "support/environment_file.hpp"

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

int usage() {
  std::cerr << "usage: hands_on_aws init   NAME [--cidr CIDR]...\n"
               "       hands_on_aws plan   --file FILE | --name NAME [--cidr CIDR]... [--region R] [--open-to-internet]\n"
               "       hands_on_aws up     --file FILE [--allow-replace | --engine cloudformation]\n"
               "                         | --name NAME [--cidr CIDR]... [--region R] [--open-to-internet] [--ttl DURATION]\n"
               "                           [--upload FILE]... [--aws-managed-passwords]\n"
               "       hands_on_aws status --file FILE | --name NAME [--region R] [--cidr CIDR]...\n"
               "       hands_on_aws down   --file FILE [--engine cloudformation] | --name NAME [--region R]\n"
               "       hands_on_aws export --file FILE\n"
               "       hands_on_aws list   [--region R]\n"
               "       hands_on_aws reap   [--region R] [--older-than DURATION]\n"
               "       hands_on_aws load   --name NAME --table T [--create \"COLUMNS\"] [--region R] s3://BUCKET/KEY | FILE\n"
               "       hands_on_aws sql    --name NAME [--region R] \"SQL\"\n"
               "       hands_on_aws password --name NAME [--region R] redshift|postgres\n"
               "  DURATION: 90s, 30m, 8h, 7d. --open-to-internet is needed for --cidr 0.0.0.0/0.\n";
  return 2;
}

// Each command's options, and how many positional words it takes.
const std::map<std::string, tool::ArgumentSpec>& commands() {
  static const std::map<std::string, tool::ArgumentSpec> specs = {
      {"init", {{}, {"--cidr"}, {}, 1}},
      {"plan", {{"--file", "--name", "--region"}, {"--cidr"}, {"--open-to-internet"}}},
      {"export", {{"--file"}, {}, {}}},
      {"up",
       {{"--file", "--name", "--region", "--ttl", "--engine"},
        {"--cidr", "--upload"},
        {"--open-to-internet", "--aws-managed-passwords", "--allow-replace"}}},
      {"status", {{"--file", "--name", "--region"}, {"--cidr"}, {}}},
      {"down", {{"--file", "--name", "--region", "--engine"}, {}, {}}},
      {"list", {{"--region"}, {}, {}}},
      {"reap", {{"--region", "--older-than"}, {}, {}}},
      {"load", {{"--name", "--table", "--create", "--region"}, {}, {}, 1}},
      {"sql", {{"--name", "--region"}, {}, {}, 1}},
      {"password", {{"--name", "--region"}, {}, {}, 1}},
  };
  return specs;
}

tool::ArgumentSpec specOf(const std::string& command) {
  auto spec = commands().find(command);
  if (spec == commands().end()) throw tool::UsageError("\"" + command + "\" is not a command");
  return spec->second;
}

std::vector<std::string> requiredFor(const std::string& command) {
  if (command == "load") return {"--name", "--table"};
  if (command == "sql" || command == "password") return {"--name"};
  return {};
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

struct Passwords {
  awsdirect::Secret redshift, postgres;
};

// Passwords from the environment, else generated and written to a 0600 file (never printed);
// none when AWS manages them. Checked by the services' rules before anything is written or sent.
Passwords choosePasswords(const awsdirect::iac::Blueprint& blueprint) {
  Passwords chosen;
  if (blueprint.redshift.managedPassword && blueprint.postgres.managedPassword) {
    std::cout << "passwords: made and kept by AWS in Secrets Manager (hands_on_aws password shows one)\n";
    return chosen;
  }
  const char* redshift = std::getenv("REDSHIFT_MASTER_PASSWORD");
  const char* rds = std::getenv("RDS_MASTER_PASSWORD");
  chosen.redshift = redshift && *redshift ? awsdirect::Secret(redshift) : generatedPassword();
  chosen.postgres = rds && *rds ? awsdirect::Secret(rds) : generatedPassword();
  awsdirect::iac::validatePasswords(blueprint, chosen.redshift, chosen.postgres);
  if (redshift && *redshift && rds && *rds) return chosen;
  const std::string path = passwordFile(blueprint.name);
  if (std::ifstream in{path}) {  // an earlier up's passwords are those of what it created: keep them
    for (std::string service, user, password; in >> service >> user >> password;) {
      if (service == "redshift" && !(redshift && *redshift)) chosen.redshift = awsdirect::Secret(password);
      if (service == "postgres" && !(rds && *rds)) chosen.postgres = awsdirect::Secret(password);
    }
    return chosen;
  }
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  const std::string text = "redshift " + blueprint.redshift.masterUsername + " " + chosen.redshift.reveal() +
                           "\npostgres postgres " + chosen.postgres.reveal() + "\n";
  const bool ok = fchmod(fd, 0600) == 0 && write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
  std::cout << "passwords: written to " << path << " (mode 0600)\n";
  return chosen;
}

int finish(const awsdirect::iac::StackResult& result, const char* what) {
  for (const auto& note : result.notes) std::cout << "note: " << note << "\n";
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
int runData(const std::string& command, const tool::Arguments& args, const awsdirect::ClientConfig& config, const std::string& region, const std::string& account) {
  awsdirect::iac::Blueprint blueprint;
  blueprint.name = args.value("--name");
  blueprint.region = region;
  blueprint.accountId = account;
  awsdirect::iac::validateBlueprint(blueprint, false);
  awsdirect::iac::SqlTarget target;
  target.clusterIdentifier = blueprint.clusterIdentifier();
  awsdirect::RedshiftData data(config);
  awsdirect::WaitOptions options;
  options.onProgress = [&](const awsdirect::WaitProgress& p) {
    std::cerr << "[" << seconds(p.elapsed) << "] statement: " << p.state << "\n";
  };
  if (command == "sql") {
    auto rows = awsdirect::iac::runSql(data, target, args.positional().front(), options);
    if (!rows) {
      std::cout << "FAILED: " << rows.error().describe() << "\n";
      return 1;
    }
    std::cout << awsdirect::iac::formatTable(rows.value());
    return 0;
  }
  awsdirect::iac::Load load;
  load.table = args.value("--table");
  load.createColumns = args.value("--create");
  load.roleArn = "arn:aws:iam::" + account + ":role/" + blueprint.roleName();
  const std::string& source = args.positional().front();
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
int showPassword(const tool::Arguments& args, const awsdirect::ClientConfig& config, const std::string& region,
                 const std::string& account) {
  awsdirect::iac::Blueprint blueprint;
  blueprint.name = args.value("--name");
  blueprint.region = region;
  blueprint.accountId = account;
  awsdirect::iac::validateBlueprint(blueprint, false);
  const std::string& which = args.positional().front();
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

// The plan's mark of a resource: + create, ~ change in place, -/+ replace, ! stop.
const char* planMark(const ResourceReport& report) {
  switch (report.state) {
    case ResourceState::Missing: return "+";
    case ResourceState::Drifted: return report.replaces() ? "-/+" : "~";
    case ResourceState::Conflict: return "!";
    case ResourceState::Unknown: return "?";
    default: return "";
  }
}

// Who can reach the cluster and the database, as the blueprint means it, and each protection
// turned off.
void printIntent(const awsdirect::iac::Blueprint& b) {
  if (b.securityGroup.cidrsKnown) {
    std::string cidrs;
    for (const auto& cidr : b.securityGroup.cidrs)
      cidrs += (cidrs.empty() ? "" : ", ") + cidr + (cidr == "0.0.0.0/0" ? " (the whole internet)" : "");
    if (cidrs.empty())
      std::cout << "  reachable: private: no CIDR, no port opened, the cluster and the database not publicly accessible\n";
    else
      std::cout << "  reachable: Redshift port " << b.securityGroup.port << " and PostgreSQL port " << b.postgres.port
                << " from " << cidrs << " (both publicly accessible)\n";
  }
  if (!b.redshift.encrypted) std::cout << "  note: redshift.encrypted = false: the cluster is not encrypted\n";
  if (!b.postgres.storageEncrypted) std::cout << "  note: postgres.storage_encrypted = false: the database is not encrypted\n";
  if (!b.bucket.encryption) std::cout << "  note: bucket.encryption = false: no default encryption is set\n";
  if (!b.bucket.requireTls) std::cout << "  note: bucket.require_tls = false: requests without TLS are not refused\n";
  if (!b.redshift.requireTls) std::cout << "  note: redshift.require_tls = false: the cluster takes connections without TLS\n";
  if (!b.postgres.requireTls) std::cout << "  note: postgres.require_tls = false: the database takes connections without TLS\n";
}

int plan(awsdirect::iac::Stack& stack, const std::string& region) {
  const auto& blueprint = stack.context().blueprint;
  std::cout << "environment " << blueprint.name << " in " << region << " (plan):\n";
  int creates = 0, changes = 0, replaces = 0;
  bool unknown = false;
  for (const auto& report : stack.inspect()) {
    char line[160];
    std::snprintf(line, sizeof line, "%3s %-17s %-32s ", planMark(report), report.kind.c_str(), report.name.c_str());
    std::cout << line;
    switch (report.state) {
      case ResourceState::Missing: ++creates, std::cout << "create\n"; break;
      case ResourceState::Drifted:
        ++(report.replaces() ? replaces : changes);
        std::cout << (report.replaces() ? "replace: its data goes (up needs --allow-replace)" : "change in place") << "\n";
        break;
      case ResourceState::Conflict: std::cout << "stop: " << report.detail << "\n"; break;
      case ResourceState::Unknown: unknown = true, std::cout << "unknown: " << report.detail << "\n"; break;
      case ResourceState::Busy: std::cout << "wait: it is " << report.detail << "\n"; break;
      default: std::cout << "unchanged\n";
    }
    for (const auto& change : report.changes)
      std::cout << "      " << change.text() << (change.replaces ? "  (forces replacement)" : "") << "\n";
  }
  printIntent(blueprint);
  if (auto problem = awsdirect::iac::orderableProblem(stack.context().rds, blueprint.postgres))
    std::cout << "note: " << *problem << "\n";
  std::cout << "plan: " << creates << " to create, " << changes << " to change in place, " << replaces
            << " to replace. (down deletes the cluster and the database without a final snapshot)\n";
  return unknown ? 1 : 0;
}

// The environment a command is about: from --file, or from the flags (the seed's settings).
hands_on::EnvironmentFile describedEnvironment(const std::string& command, const tool::Arguments& args) {
  if (args.has("--file")) {
    for (const char* flag : {"--name", "--cidr", "--ttl", "--upload", "--aws-managed-passwords", "--open-to-internet"})
      if (args.has(flag))
        throw tool::UsageError(std::string(flag) + ": the file describes the environment; give it there, not with --file");
    return hands_on::readEnvironmentFile(args.value("--file"));
  }
  if (args.has("--allow-replace")) throw tool::UsageError("--allow-replace: only with --file (the flags change nothing)");
  args.require({"--name"});
  hands_on::EnvironmentFile file;
  file.openToInternet = args.on("--open-to-internet");
  auto& blueprint = file.blueprint;
  blueprint.name = args.value("--name");
  blueprint.securityGroup.cidrs = args.values("--cidr");
  // Without --cidr, up makes a private environment; status and plan by name alone do not know
  // who was meant to reach it, so they do not compare the rules.
  blueprint.securityGroup.cidrsKnown = command == "up" || args.has("--cidr");
  blueprint.bucket.uploads = args.values("--upload");
  blueprint.redshift.managedPassword = blueprint.postgres.managedPassword = args.on("--aws-managed-passwords");
  if (args.has("--ttl")) blueprint.ttl = tool::parseDuration("--ttl", args.value("--ttl"));
  return file;
}

int run(const std::string& command, const tool::Arguments& args) {
  if (command == "init") {
    // No call: the file only. Its name is checked as the file's would be.
    awsdirect::iac::Blueprint named;
    named.name = args.positional().front();
    named.securityGroup.cidrs = args.values("--cidr");
    awsdirect::iac::validateBlueprint(named, false);
    std::cout << hands_on::initialEnvironmentFile(named.name, named.securityGroup.cidrs);
    return 0;
  }
  if (command == "export") {
    // No call: the template of the file's environment. The account is CloudFormation's to fill
    // in (the bucket's name carries it), so the template is the same for every account.
    args.require({"--file"});
    awsdirect::iac::Blueprint blueprint = hands_on::readEnvironmentFile(args.value("--file")).blueprint;
    blueprint.accountId = "${AWS::AccountId}";
    if (blueprint.region.empty()) blueprint.region = "${AWS::Region}";
    std::cout << awsdirect::iac::cloudFormationTemplate(blueprint).dump() << "\n";
    return 0;
  }
  const bool cloudFormation = args.has("--engine");
  if (cloudFormation && args.value("--engine") != "cloudformation")
    throw tool::UsageError("--engine: \"" + args.value("--engine") + "\" is not an engine (cloudformation; without it, the SDK)");
  if (cloudFormation && !args.has("--file")) throw tool::UsageError("--engine: only with --file");
  if (cloudFormation && args.has("--allow-replace"))
    throw tool::UsageError("--allow-replace: CloudFormation decides replacements itself; not with --engine");
  // Everything local is checked before any call: the flags, the file, the uploads.
  std::optional<std::chrono::seconds> olderThan;
  if (args.has("--older-than")) olderThan = tool::parseDuration("--older-than", args.value("--older-than"));
  std::optional<hands_on::EnvironmentFile> file;
  if (command == "plan" || command == "up" || command == "status" || command == "down") {
    file = describedEnvironment(command, args);
    awsdirect::iac::validateBlueprint(file->blueprint, file->openToInternet);
  }
  Passwords passwords;
  if (command == "up" && !cloudFormation) passwords = choosePasswords(file->blueprint);

  awsdirect::ClientConfig config;
  if (args.has("--region")) config.region = args.value("--region");
  if (file && !file->blueprint.region.empty()) config.region = file->blueprint.region;
  const std::string region = awsdirect::resolveConfig(config, awsdirect::Redshift::serviceInfo()).region;
  const std::string account = awsdirect::Sts(config).callerIdentity().value().account;

  if (command == "list" || command == "reap") {
    const auto now = std::chrono::system_clock::now();
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
      if (command != "reap" || !due) continue;
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

  if (command == "load" || command == "sql") return runData(command, args, config, region, account);
  if (command == "password") return showPassword(args, config, region, account);

  awsdirect::iac::Blueprint blueprint = file->blueprint;
  blueprint.region = region;
  blueprint.accountId = account;
  awsdirect::iac::Stack stack(config, blueprint);
  stack.context().allowReplace = args.on("--allow-replace");

  if (command == "plan") return plan(stack, region);
  if (command == "status") {
    std::cout << "environment " << blueprint.name << " in " << region << ":\n";
    if (auto deployed = awsdirect::iac::findEnvironmentStack(stack))
      std::cout << "  CloudFormation stack " << deployed->stackName << ": " << deployed->stackStatus
                << (deployed->stackStatusReason.empty() ? "" : " (" + deployed->stackStatusReason + ")") << "\n";
    bool unknown = false;
    for (const auto& report : stack.inspect()) {
      printReport(report);
      unknown |= report.state == ResourceState::Unknown;
    }
    printIntent(blueprint);
    return unknown ? 1 : 0;
  }

  auto printEvent = [](const awsdirect::cloudformation::StackEvent& event) {
    std::cout << "  stack event: " << event.logicalResourceId << " (" << event.resourceType << ") " << event.resourceStatus
              << (event.resourceStatusReason.empty() ? "" : ": " + event.resourceStatusReason) << "\n"
              << std::flush;
  };
  auto progress = [](const ResourceReport& report, const std::string& step, std::chrono::milliseconds elapsed) {
    std::cout << "[" << seconds(elapsed) << "] " << report.kind << " " << report.name << ": " << step << "\n"
              << std::flush;
  };
  if (command == "up") {
    const auto& cidrs = blueprint.securityGroup.cidrs;
    if (std::find(cidrs.begin(), cidrs.end(), "0.0.0.0/0") != cidrs.end())
      std::cout << "note: port " << blueprint.securityGroup.port << " is open to the whole internet (0.0.0.0/0)\n";
    if (cloudFormation)
      std::cout << "passwords: made and kept by AWS in Secrets Manager (the template asks for AWS-managed master "
                   "passwords: none is in the template, a stack parameter or a file)\n";
    stack.context().redshiftPassword = passwords.redshift;
    stack.context().databasePassword = passwords.postgres;
    const auto result = cloudFormation ? awsdirect::iac::deployStack(stack, printEvent) : stack.up(progress);
    if (result.ok() && !result.changed) std::cout << "nothing to do: environment " << blueprint.name << " is up\n";
    if (const int failed = finish(result, "up")) return failed;
    std::cout << "environment " << blueprint.name << " is up:\n";
    for (const auto& report : result.resources) printReport(report);
    return 0;
  }
  // down
  const auto result = cloudFormation ? awsdirect::iac::deleteStack(stack, printEvent, progress) : stack.down(progress);
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
  return tool::runTool({"hands_on_aws", true, specOf, requiredFor,
                        [](const std::string& command, const tool::Arguments& args) {
                          const std::size_t wanted = commands().at(command).positional;
                          if (args.positional().size() != wanted)
                            throw tool::UsageError(command + " takes one " + (command == "init" ? "NAME" : "argument"));
                          return run(command, args);
                        },
                        usage},
                       argc, argv);
}
