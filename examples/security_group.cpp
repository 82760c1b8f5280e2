// security_group: create, inspect and delete an EC2 security group that admits TCP traffic on
// one port, such as the seed's redshift_security_group for Redshift's port 5439.
//
//   security_group create --name NAME --description TEXT [--vpc-id VPC] --port PORT --cidr CIDR [--cidr CIDR]...
//   security_group describe --name NAME [--vpc-id VPC]
//   security_group delete --name NAME [--vpc-id VPC]
//
// There is no default CIDR: who may connect is always an explicit choice, and a warning goes to
// stderr when it is everyone (0.0.0.0/0 or ::/0). Without --vpc-id the group goes to the
// region's default VPC. Credentials, region and endpoint resolve as for the AWS CLI, so
// AWS_ENDPOINT_URL=http://127.0.0.1:5000 aims it at a local emulator.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/ec2.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using awsdirect::Ec2;
namespace ec2 = awsdirect::ec2;

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> cidrs;
};

int usage(const std::string& problem = {}) {
  if (!problem.empty()) std::cerr << "security_group: " << problem << "\n";
  std::cerr << "usage: security_group create --name NAME --description TEXT [--vpc-id VPC] --port PORT "
               "--cidr CIDR [--cidr CIDR]...\n"
               "       security_group describe --name NAME [--vpc-id VPC]\n"
               "       security_group delete --name NAME [--vpc-id VPC]\n";
  return 2;
}

// Returns "" when the arguments are usable, else what is wrong with them.
std::string parse(int argc, char** argv, Args& args) {
  if (argc < 2) return "a command is required";
  args.command = argv[1];
  if (args.command != "create" && args.command != "describe" && args.command != "delete")
    return "unknown command '" + args.command + "'";
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    const bool known = flag == "--name" || flag == "--vpc-id" || flag == "--cidr" ||
                       (args.command == "create" && (flag == "--description" || flag == "--port"));
    if (!known) return "unknown option '" + flag + "' for " + args.command;
    if (i + 1 >= argc) return flag + " needs a value";
    std::string value = argv[++i];
    if (flag == "--cidr") args.cidrs.push_back(value);
    else args.options[flag] = value;
  }
  if (!args.options.count("--name")) return "--name is required";
  if (args.command == "create") {
    if (!args.options.count("--description")) return "--description is required";
    if (!args.options.count("--port")) return "--port is required";
    if (args.cidrs.empty()) return "at least one --cidr is required (there is no default: say who may connect)";
  } else if (!args.cidrs.empty()) {
    return "--cidr is only for create";
  }
  return "";
}

std::string option(const Args& args, const std::string& flag) {
  auto it = args.options.find(flag);
  return it == args.options.end() ? std::string() : it->second;
}

int portNumber(const std::string& text) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < -1 || value > 65536) throw std::invalid_argument("--port must be a port number");
  return static_cast<int>(value);
}

std::string portRange(const ec2::IpPermission& p) {
  if (!p.fromPort) return "all ports";
  if (p.fromPort == p.toPort) return std::to_string(*p.fromPort);
  return std::to_string(*p.fromPort) + "-" + std::to_string(p.toPort.value_or(*p.fromPort));
}

// One line per source: "ingress:     tcp 5439 from 10.0.0.0/16 (office)".
void printRule(const char* label, const char* preposition, const ec2::IpPermission& p) {
  const std::string protocol = p.ipProtocol == "-1" ? std::string("all traffic") : p.ipProtocol + " " + portRange(p);
  auto line = [&](const std::string& source, const std::string& description) {
    std::cout << label << protocol << " " << preposition << " " << source
              << (description.empty() ? std::string() : " (" + description + ")") << "\n";
  };
  for (const auto& r : p.ipRanges) line(r.cidrIp, r.description);
  for (const auto& r : p.ipv6Ranges) line(r.cidrIpv6, r.description);
  for (const auto& g : p.userIdGroupPairs) line(g.groupId.empty() ? g.groupName : g.groupId, g.description);
  for (const auto& l : p.prefixListIds) line(l.prefixListId, l.description);
}

int create(Ec2& client, const Args& args) {
  const int port = portNumber(option(args, "--port"));
  auto createRequest = Ec2::createSecurityGroup().groupName(option(args, "--name")).description(option(args, "--description"));
  if (!option(args, "--vpc-id").empty()) createRequest.vpcId(option(args, "--vpc-id"));
  ec2::IpPermission ingress = ec2::IpPermission::tcp(port);
  for (const auto& cidr : args.cidrs) ingress.cidr(cidr);

  // Both steps are checked before the first call, so bad input creates nothing.
  awsdirect::Validator rules;
  createRequest.validate(rules);
  ec2::rules::ipPermission(rules, "IpPermissions[0]", ingress);
  if (!rules.ok()) awsdirect::throwError(rules.error("ec2", "CreateSecurityGroup"));

  for (const auto& cidr : args.cidrs)
    if (ec2::rules::isWholeInternet(cidr))
      std::cerr << "security_group: warning: " << cidr << " opens TCP port " << port
                << " to the whole internet\n";

  const std::string groupId = client.send(createRequest).value().groupId;
  auto authorized = client.send(Ec2::authorizeSecurityGroupIngress().groupId(groupId).ipPermission(ingress));
  if (!authorized) {
    // A group without its rule is not what was asked for: remove it, then report why.
    if (auto removed = client.send(Ec2::deleteSecurityGroup().groupId(groupId)); !removed)
      std::cerr << "security_group: could not remove the group again: " << removed.error().describe() << "\n";
    authorized.value();
  }
  std::cout << groupId << "\n";
  return 0;
}

int describe(Ec2& client, const Args& args) {
  ec2::SecurityGroup g = client.findSecurityGroup(option(args, "--name"), option(args, "--vpc-id")).value();
  std::cout << "group id:    " << g.groupId << "\n"
            << "name:        " << g.groupName << "\n"
            << "description: " << g.description << "\n"
            << "vpc:         " << g.vpcId << "\n";
  if (g.ipPermissions.empty()) std::cout << "ingress:     none\n";
  for (const auto& p : g.ipPermissions) printRule("ingress:     ", "from", p);
  for (const auto& p : g.ipPermissionsEgress) printRule("egress:      ", "to", p);
  return 0;
}

int remove(Ec2& client, const Args& args) {
  ec2::SecurityGroup g = client.findSecurityGroup(option(args, "--name"), option(args, "--vpc-id")).value();
  client.send(Ec2::deleteSecurityGroup().groupId(g.groupId)).value();
  std::cout << "deleted:     " << g.groupId << " (" << g.groupName << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  Args args;
  if (std::string problem = parse(argc, argv, args); !problem.empty()) return usage(problem);
  try {
    Ec2 client;
    if (args.command == "create") return create(client, args);
    if (args.command == "describe") return describe(client, args);
    return remove(client, args);
  } catch (const std::exception& e) {
    std::cerr << "security_group: " << e.what() << "\n";
  }
  return 1;
}
