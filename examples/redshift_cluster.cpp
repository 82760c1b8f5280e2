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

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::map<std::string, std::vector<std::string>> lists;
  bool wait = false;
  bool autoCreate = false;
};

int usage() {
  std::cerr << "usage: redshift_cluster create --identifier ID [--port 5439] [--db-name dev] "
               "[--master-username awsuser] [--node-type dc2.large] [--nodes 1] [--security-group-id SG]... "
               "[--iam-role ARN]... [--wait]\n"
               "       redshift_cluster status --identifier ID\n"
               "       redshift_cluster delete --identifier ID [--wait]\n"
               "       redshift_cluster pause|resume --identifier ID\n"
               "       redshift_cluster credentials --identifier ID --db-user USER [--db-name dev] [--duration 900] "
               "[--auto-create]\n"
               "The master password is read from REDSHIFT_MASTER_PASSWORD.\n";
  return 2;
}

bool parse(int argc, char** argv, Args& args) {
  if (argc < 2) return false;
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--wait") { args.wait = true; continue; }
    if (flag == "--auto-create") { args.autoCreate = true; continue; }
    if (flag.rfind("--", 0) != 0 || i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--security-group-id" || flag == "--iam-role") args.lists[flag].push_back(value);
    else args.options[flag] = value;
  }
  return args.options.count("--identifier") == 1;
}

std::string option(const Args& args, const std::string& flag, const std::string& fallback) {
  auto it = args.options.find(flag);
  return it == args.options.end() ? fallback : it->second;
}

int number(const Args& args, const std::string& flag, int fallback) {
  std::string text = option(args, flag, std::to_string(fallback));
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') throw std::invalid_argument(flag + " must be a whole number");
  return static_cast<int>(value);
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

int run(const Args& args) {
  using awsdirect::Redshift;
  Redshift redshift;
  const std::string id = args.options.at("--identifier");

  if (args.command == "create") {
    const char* password = std::getenv("REDSHIFT_MASTER_PASSWORD");
    if (!password || !*password) throw std::invalid_argument("set REDSHIFT_MASTER_PASSWORD to the master password");
    auto request = Redshift::createCluster()
                       .identifier(id)
                       .port(number(args, "--port", 5439))
                       .dbName(option(args, "--db-name", "dev"))
                       .masterUsername(option(args, "--master-username", "awsuser"))
                       .masterUserPassword(password)
                       .nodeType(option(args, "--node-type", "dc2.large"))
                       .numberOfNodes(number(args, "--nodes", 1));
    if (auto it = args.lists.find("--security-group-id"); it != args.lists.end())
      for (const auto& sg : it->second) request.vpcSecurityGroupId(sg);
    if (auto it = args.lists.find("--iam-role"); it != args.lists.end())
      for (const auto& arn : it->second) request.iamRole(arn);
    printCluster(redshift.send(request).value());
    if (args.wait) printCluster(redshift.waitUntilAvailable(id, waitOptions()).value());
    return 0;
  }
  if (args.command == "status") {
    printCluster(redshift.findCluster(id).value());
    return 0;
  }
  if (args.command == "delete") {
    auto deleted = redshift.send(Redshift::deleteCluster().identifier(id).skipFinalSnapshot()).value();
    std::cout << "deleting:   " << deleted.clusterIdentifier << " (no final snapshot)\n";
    if (args.wait) {
      redshift.waitUntilDeleted(id, waitOptions()).value();
      std::cout << "deleted:    " << id << "\n";
    }
    return 0;
  }
  if (args.command == "pause" || args.command == "resume") {
    printCluster(args.command == "pause" ? redshift.send(Redshift::pauseCluster().clusterIdentifier(id)).value()
                                         : redshift.send(Redshift::resumeCluster().clusterIdentifier(id)).value());
    return 0;
  }
  if (args.command == "credentials") {
    if (!args.options.count("--db-user")) return usage();
    const std::string dbName = option(args, "--db-name", "dev");
    auto credentials = redshift
                           .send(Redshift::getClusterCredentials()
                                     .clusterIdentifier(id)
                                     .dbUser(args.options.at("--db-user"))
                                     .dbName(dbName)
                                     .durationSeconds(number(args, "--duration", 900))
                                     .autoCreate(args.autoCreate))
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
  Args args;
  if (!parse(argc, argv, args)) return usage();
  try {
    return run(args);
  } catch (const awsdirect::Exception& e) {
    std::cerr << "redshift_cluster: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "redshift_cluster: " << e.what() << "\n";
  }
  return 1;
}
