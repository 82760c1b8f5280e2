// rds_instance: create, inspect and delete an RDS DB instance (PostgreSQL unless told otherwise)
// from the command line.
//
//   rds_instance create --identifier ID [--engine postgres] [--instance-class db.t2.small]
//                       [--allocated-storage 20] [--master-username postgres] [--db-name NAME]
//                       [--backup-retention 1] [--security-group-id SG]... [--wait]
//   rds_instance status --identifier ID
//   rds_instance delete --identifier ID [--wait]      (no final snapshot)
//   rds_instance auth-token --identifier ID --db-user USER
//       an IAM database auth token for psql: host, port and user on stderr, the token alone on
//       stdout (PGPASSWORD=$(rds_instance auth-token ...) psql "sslmode=require ...")
//
// The master password comes from RDS_MASTER_PASSWORD, never from the command line (argv is
// visible to every user of the machine), and is never printed. Credentials, region and
// endpoint resolve as for the AWS CLI, so AWS_ENDPOINT_URL=http://127.0.0.1:5000 aims it at a
// local emulator.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/rds.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using awsdirect::Rds;

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> securityGroupIds;
  bool wait = false;
};

int usage(const std::string& problem = {}) {
  if (!problem.empty()) std::cerr << "rds_instance: " << problem << "\n";
  std::cerr << "usage: rds_instance create --identifier ID [--engine postgres] [--instance-class db.t2.small] "
               "[--allocated-storage 20] [--master-username postgres] [--db-name NAME] [--backup-retention 1] "
               "[--security-group-id SG]... [--wait]\n"
               "       rds_instance status --identifier ID\n"
               "       rds_instance delete --identifier ID [--wait]\n"
               "       rds_instance auth-token --identifier ID --db-user USER\n"
               "The master password is read from RDS_MASTER_PASSWORD.\n";
  return 2;
}

std::string parse(int argc, char** argv, Args& args) {
  if (argc < 2) return "a command is required";
  args.command = argv[1];
  if (args.command != "create" && args.command != "status" && args.command != "delete" && args.command != "auth-token")
    return "unknown command '" + args.command + "'";
  static const char* const createOptions[] = {"--engine", "--instance-class", "--allocated-storage",
                                              "--master-username", "--db-name", "--backup-retention",
                                              "--security-group-id"};
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--wait" && args.command != "status") { args.wait = true; continue; }
    bool known = flag == "--identifier" || (flag == "--db-user" && args.command == "auth-token");
    if (args.command == "create")
      for (const char* o : createOptions) known = known || flag == o;
    if (!known) return "unknown option '" + flag + "' for " + args.command;
    if (i + 1 >= argc) return flag + " needs a value";
    std::string value = argv[++i];
    if (flag == "--security-group-id") args.securityGroupIds.push_back(value);
    else args.options[flag] = value;
  }
  if (!args.options.count("--identifier")) return "--identifier is required";
  if (args.command == "auth-token" && !args.options.count("--db-user")) return "--db-user is required";
  return "";
}

std::string option(const Args& args, const std::string& flag, const std::string& fallback) {
  auto it = args.options.find(flag);
  return it == args.options.end() ? fallback : it->second;
}

int number(const Args& args, const std::string& flag, int fallback) {
  std::string text = option(args, flag, std::to_string(fallback));
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < -1000000 || value > 1000000)
    throw std::invalid_argument(flag + " must be a whole number");
  return static_cast<int>(value);
}

void printInstance(const awsdirect::rds::DBInstance& d) {
  std::cout << "identifier: " << d.dbInstanceIdentifier << "\n"
            << "status:     " << d.dbInstanceStatus << "\n"
            << "engine:     " << d.engine << (d.engineVersion.empty() ? "" : " " + d.engineVersion) << " on "
            << d.dbInstanceClass << ", " << d.allocatedStorage << " GiB " << d.storageType << "\n"
            << "database:   " << (d.dbName.empty() ? "(none)" : d.dbName) << " (master user " << d.masterUsername
            << ")\n"
            << "backups:    " << d.backupRetentionPeriod << " day(s)\n";
  if (d.endpoint) std::cout << "endpoint:   " << d.endpoint->address << "\nport:       " << d.endpoint->port << "\n";
}

awsdirect::WaitOptions waitOptions() {
  awsdirect::WaitOptions options;  // botocore's pace: a poll every 30 s
  options.timeout = std::chrono::minutes(60);  // a large instance can take longer than botocore's 30 minutes
  options.onProgress = [](const awsdirect::WaitProgress& p) {
    std::cerr << "  waiting: " << p.state << " (" << p.elapsed.count() / 1000 << " s)\n";
  };
  return options;
}

int run(const Args& args) {
  Rds rds;
  const std::string id = args.options.at("--identifier");

  if (args.command == "create") {
    const char* password = std::getenv("RDS_MASTER_PASSWORD");
    if (!password || !*password) throw std::invalid_argument("set RDS_MASTER_PASSWORD to the master password");
    auto request = Rds::createDBInstance()
                       .identifier(id)
                       .engine(option(args, "--engine", "postgres"))
                       .instanceClass(option(args, "--instance-class", "db.t2.small"))
                       .allocatedStorage(number(args, "--allocated-storage", 20))
                       .masterUsername(option(args, "--master-username", "postgres"))
                       .masterUserPassword(password)
                       .backupRetentionPeriod(number(args, "--backup-retention", 1));
    if (args.options.count("--db-name")) request.dbName(args.options.at("--db-name"));
    for (const auto& sg : args.securityGroupIds) request.vpcSecurityGroupId(sg);
    printInstance(rds.send(request).value());
    if (args.wait) printInstance(rds.waitUntilAvailable(id, waitOptions()).value());
    return 0;
  }
  if (args.command == "status") {
    printInstance(rds.findDBInstance(id).value());
    return 0;
  }
  if (args.command == "auth-token") {
    const auto instance = rds.findDBInstance(id).value();
    if (!instance.endpoint) throw std::runtime_error(id + " has no endpoint yet");
    const std::string& user = args.options.at("--db-user");
    const awsdirect::Secret token = rds.generateDbAuthToken(instance.endpoint->address, instance.endpoint->port, user).value();
    std::cerr << "host:       " << instance.endpoint->address << "\n"
              << "port:       " << instance.endpoint->port << "\n"
              << "user:       " << user << "\n";
    std::cout << token.reveal() << "\n";  // stdout holds the token alone
    return 0;
  }
  auto deleted = rds.send(Rds::deleteDBInstance().identifier(id).skipFinalSnapshot()).value();
  std::cout << "deleting:   " << deleted.dbInstanceIdentifier << " (no final snapshot)\n";
  if (args.wait) {
    rds.waitUntilDeleted(id, waitOptions()).value();
    std::cout << "deleted:    " << id << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  Args args;
  if (std::string problem = parse(argc, argv, args); !problem.empty()) return usage(problem);
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "rds_instance: " << e.what() << "\n";
  }
  return 1;
}
