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

#include "support/arguments.hpp"
#include "support/reachability.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using awsdirect::Rds;

int usage(const std::string& problem = {}) {
  if (!problem.empty()) std::cerr << "rds_instance: " << problem << "\n";
  std::cerr << "usage: rds_instance create --identifier ID [--engine postgres] [--instance-class db.t2.small] "
               "[--allocated-storage 20] [--master-username postgres] [--db-name NAME] [--backup-retention 1] "
               "[--security-group-id SG]... [--publicly-accessible] [--encrypted true|false] [--wait]\n"
               "       rds_instance status --identifier ID\n"
               "       rds_instance delete --identifier ID [--wait]\n"
               "       rds_instance auth-token --identifier ID --db-user USER\n"
               "The master password is read from RDS_MASTER_PASSWORD.\n";
  return 2;
}

tool::ArgumentSpec specOf(const std::string& command) {
  if (command == "create")
    return {{"--identifier", "--engine", "--instance-class", "--allocated-storage", "--master-username", "--db-name",
             "--backup-retention", "--encrypted"},
            {"--security-group-id"},
            {"--wait", "--publicly-accessible"}};
  if (command == "status") return {{"--identifier"}, {}, {}};
  if (command == "delete") return {{"--identifier"}, {}, {"--wait"}};
  if (command == "auth-token") return {{"--identifier", "--db-user"}, {}, {}};
  throw tool::UsageError("\"" + command + "\" is not a command");
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

int run(const std::string& command, const tool::Arguments& args) {
  // The numbers first: a bad one is named before anything else is looked at. Their ranges are
  // RDS's, checked by the request (they depend on the engine and the storage type).
  const int storage = static_cast<int>(args.number("--allocated-storage", 20, 0, 1000000));
  const int retention = static_cast<int>(args.number("--backup-retention", 1, 0, 1000000));
  const bool encrypted = args.truth("--encrypted", true);  // storage encrypted unless asked not to be
  Rds rds;
  const std::string id = args.value("--identifier");

  if (command == "create") {
    const char* password = std::getenv("RDS_MASTER_PASSWORD");
    if (!password || !*password) throw std::invalid_argument("set RDS_MASTER_PASSWORD to the master password");
    auto request = Rds::createDBInstance()
                       .identifier(id)
                       .engine(args.valueOr("--engine", "postgres"))
                       .instanceClass(args.valueOr("--instance-class", "db.t2.small"))
                       .allocatedStorage(storage)
                       .masterUsername(args.valueOr("--master-username", "postgres"))
                       .masterUserPassword(password)
                       .backupRetentionPeriod(retention)
                       .storageEncrypted(encrypted)
                       .publiclyAccessible(args.on("--publicly-accessible"));
    if (args.has("--db-name")) request.dbName(args.value("--db-name"));
    for (const auto& sg : args.values("--security-group-id")) request.vpcSecurityGroupId(sg);
    const auto created = rds.send(request).value();
    printInstance(created);
    tool::sayWhenPrivateButOpen({}, args.values("--security-group-id"), args.on("--publicly-accessible"),
                                created.endpoint ? created.endpoint->port : 5432, "the database " + id);
    if (args.on("--wait")) printInstance(rds.waitUntilAvailable(id, waitOptions()).value());
    return 0;
  }
  if (command == "status") {
    printInstance(rds.findDBInstance(id).value());
    return 0;
  }
  if (command == "auth-token") {
    const auto instance = rds.findDBInstance(id).value();
    if (!instance.endpoint) throw std::runtime_error(id + " has no endpoint yet");
    const std::string user = args.value("--db-user");
    const awsdirect::Secret token = rds.generateDbAuthToken(instance.endpoint->address, instance.endpoint->port, user).value();
    std::cerr << "host:       " << instance.endpoint->address << "\n"
              << "port:       " << instance.endpoint->port << "\n"
              << "user:       " << user << "\n";
    std::cout << token.reveal() << "\n";  // stdout holds the token alone
    return 0;
  }
  auto deleted = rds.send(Rds::deleteDBInstance().identifier(id).skipFinalSnapshot()).value();
  std::cout << "deleting:   " << deleted.dbInstanceIdentifier << " (no final snapshot)\n";
  if (args.on("--wait")) {
    rds.waitUntilDeleted(id, waitOptions()).value();
    std::cout << "deleted:    " << id << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"rds_instance", true, specOf,
                        [](const std::string& command) {
                          if (command == "auth-token") return std::vector<std::string>{"--identifier", "--db-user"};
                          return std::vector<std::string>{"--identifier"};
                        },
                        run, [] { return usage(); }},
                       argc, argv);
}
