// redshift_cluster: create, inspect and delete a Redshift cluster from the command line.
//
//   redshift_cluster create --identifier ID [--port 5439] [--db-name dev] [--master-username awsuser]
//                           [--node-type dc2.large] [--nodes 1] [--security-group-id SG]...
//                           [--iam-role ARN]... [--wait]
//   redshift_cluster status --identifier ID
//   redshift_cluster delete --identifier ID [--wait]
//   redshift_cluster pause|resume --identifier ID
//   redshift_cluster credentials --identifier ID --db-user USER [--db-name dev] [--duration 900] [--auto-create]
//
// `credentials` prints what psql needs, from the caller's IAM permissions (GetClusterCredentials):
// host, port, database and user on stderr, the temporary password alone on stdout, so that
//   PGPASSWORD=$(redshift_cluster credentials ...) psql ...
// keeps it out of the terminal, the logs and the shell history.
//
// The master password comes from REDSHIFT_MASTER_PASSWORD, never from the command line (argv is
// visible to every user of the machine). Credentials, region and endpoint resolve as for the AWS
// CLI, so AWS_ENDPOINT_URL=http://127.0.0.1:5000 aims it at a local emulator.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/time.hpp>

#include "support/arguments.hpp"
#include "support/reachability.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

int usage() {
  std::cerr << "usage: redshift_cluster create --identifier ID [--port 5439] [--db-name dev] "
               "[--master-username awsuser] [--node-type dc2.large] [--nodes 1] [--security-group-id SG]... "
               "[--iam-role ARN]... [--publicly-accessible] [--encrypted true|false] [--wait]\n"
               "       redshift_cluster status --identifier ID\n"
               "       redshift_cluster delete --identifier ID [--wait]\n"
               "       redshift_cluster pause|resume --identifier ID\n"
               "       redshift_cluster credentials --identifier ID --db-user USER [--db-name dev] [--duration 900] "
               "[--auto-create]\n"
               "The master password is read from REDSHIFT_MASTER_PASSWORD.\n";
  return 2;
}

// Each command's options.
tool::ArgumentSpec specOf(const std::string& command) {
  if (command == "create")
    return {{"--identifier", "--port", "--db-name", "--master-username", "--node-type", "--nodes", "--encrypted"},
            {"--security-group-id", "--iam-role"},
            {"--wait", "--publicly-accessible"}};
  if (command == "status" || command == "pause" || command == "resume") return {{"--identifier"}, {}, {}};
  if (command == "delete") return {{"--identifier"}, {}, {"--wait"}};
  if (command == "credentials") return {{"--identifier", "--db-user", "--db-name", "--duration"}, {}, {"--auto-create"}};
  throw tool::UsageError("\"" + command + "\" is not a command");
}

void printCluster(const awsdirect::redshift::Cluster& c) {
  std::cout << "identifier: " << c.clusterIdentifier << "\n"
            << "status:     " << c.clusterStatus << "\n"
            << "node type:  " << c.nodeType << " x " << c.numberOfNodes << "\n"
            << "database:   " << c.dbName << " (master user " << c.masterUsername << ")\n";
  if (c.endpoint) std::cout << "endpoint:   " << c.endpoint->address << ":" << c.endpoint->port << "\n";
}

awsdirect::WaitOptions waitOptions() {
  awsdirect::WaitOptions options;
  options.delay = std::chrono::seconds(30);
  options.timeout = std::chrono::minutes(45);
  options.onProgress = [](const awsdirect::WaitProgress& p) {
    std::cerr << "  waiting: " << p.state << " (" << p.elapsed.count() / 1000 << " s)\n";
  };
  return options;
}

int run(const std::string& command, const tool::Arguments& args) {
  using awsdirect::Redshift;
  // The numbers first: a bad one is named before anything else is looked at.
  const int port = static_cast<int>(args.number("--port", 5439, 1150, 65535));
  const int nodes = static_cast<int>(args.number("--nodes", 1, 1, 128));
  const int duration = static_cast<int>(args.number("--duration", 900, 900, 3600));
  const bool encrypted = args.truth("--encrypted", true);  // encrypted unless asked not to be
  Redshift redshift;
  const std::string id = args.value("--identifier");

  if (command == "create") {
    const char* password = std::getenv("REDSHIFT_MASTER_PASSWORD");
    if (!password || !*password) throw std::invalid_argument("set REDSHIFT_MASTER_PASSWORD to the master password");
    auto request = Redshift::createCluster()
                       .identifier(id)
                       .port(port)
                       .dbName(args.valueOr("--db-name", "dev"))
                       .masterUsername(args.valueOr("--master-username", "awsuser"))
                       .masterUserPassword(password)
                       .nodeType(args.valueOr("--node-type", "dc2.large"))
                       .numberOfNodes(nodes)
                       .encrypted(encrypted)
                       .publiclyAccessible(args.on("--publicly-accessible"));
    for (const auto& sg : args.values("--security-group-id")) request.vpcSecurityGroupId(sg);
    for (const auto& arn : args.values("--iam-role")) request.iamRole(arn);
    printCluster(redshift.send(request).value());
    tool::sayWhenPrivateButOpen({}, args.values("--security-group-id"), args.on("--publicly-accessible"), port,
                                "the cluster " + id);
    if (args.on("--wait")) printCluster(redshift.waitUntilAvailable(id, waitOptions()).value());
    return 0;
  }
  if (command == "status") {
    printCluster(redshift.findCluster(id).value());
    return 0;
  }
  if (command == "delete") {
    auto deleted = redshift.send(Redshift::deleteCluster().identifier(id).skipFinalSnapshot()).value();
    std::cout << "deleting:   " << deleted.clusterIdentifier << " (no final snapshot)\n";
    if (args.on("--wait")) {
      redshift.waitUntilDeleted(id, waitOptions()).value();
      std::cout << "deleted:    " << id << "\n";
    }
    return 0;
  }
  if (command == "pause" || command == "resume") {
    printCluster(command == "pause" ? redshift.send(Redshift::pauseCluster().clusterIdentifier(id)).value()
                                         : redshift.send(Redshift::resumeCluster().clusterIdentifier(id)).value());
    return 0;
  }
  if (command == "credentials") {
    const std::string dbName = args.valueOr("--db-name", "dev");
    auto credentials = redshift
                           .send(Redshift::getClusterCredentials()
                                     .clusterIdentifier(id)
                                     .dbUser(args.value("--db-user"))
                                     .dbName(dbName)
                                     .durationSeconds(duration)
                                     .autoCreate(args.on("--auto-create")))
                           .value();
    const auto cluster = redshift.findCluster(id).value();
    std::cerr << "host:       " << (cluster.endpoint ? cluster.endpoint->address : std::string("(none yet)")) << "\n"
              << "port:       " << (cluster.endpoint ? cluster.endpoint->port : 0) << "\n"
              << "database:   " << dbName << "\n"
              << "user:       " << credentials.dbUser << "\n";
    if (credentials.expiration) std::cerr << "expires:    " << awsdirect::formatIso8601(*credentials.expiration) << "\n";
    std::cout << credentials.dbPassword.reveal() << "\n";  // stdout holds the password alone
    return 0;
  }
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"redshift_cluster", true, specOf,
                        [](const std::string& command) {
                          if (command == "credentials") return std::vector<std::string>{"--identifier", "--db-user"};
                          return std::vector<std::string>{"--identifier"};
                        },
                        run, usage},
                       argc, argv);
}
