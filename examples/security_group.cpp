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

#include "support/arguments.hpp"
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

int usage(const std::string& problem = {}) {
  if (!problem.empty()) std::cerr << "security_group: " << problem << "\n";
  std::cerr << "usage: security_group create --name NAME --description TEXT [--vpc-id VPC] --port PORT "
               "--cidr CIDR [--cidr CIDR]...\n"
               "       security_group describe --name NAME [--vpc-id VPC]\n"
               "       security_group delete --name NAME [--vpc-id VPC]\n";
  return 2;
}

tool::ArgumentSpec specOf(const std::string& command) {
  if (command == "create") return {{"--name", "--description", "--vpc-id", "--port"}, {"--cidr"}, {}};
  if (command == "describe" || command == "delete") return {{"--name", "--vpc-id"}, {}, {}};
  throw tool::UsageError("\"" + command + "\" is not a command");
}

std::vector<std::string> requiredFor(const std::string& command) {
  if (command == "create") return {"--name", "--description", "--port", "--cidr"};
  return {"--name"};
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

int create(Ec2& client, const tool::Arguments& args) {
  const int port = static_cast<int>(args.number("--port", 0, 0, 65535));
  auto createRequest = Ec2::createSecurityGroup().groupName(args.value("--name")).description(args.value("--description"));
  if (!args.value("--vpc-id").empty()) createRequest.vpcId(args.value("--vpc-id"));
  ec2::IpPermission ingress = ec2::IpPermission::tcp(port);
  for (const auto& cidr : args.values("--cidr")) ingress.cidr(cidr);

  // Both steps are checked before the first call, so bad input creates nothing.
  awsdirect::Validator rules;
  createRequest.validate(rules);
  ec2::rules::ipPermission(rules, "IpPermissions[0]", ingress);
  if (!rules.ok()) awsdirect::throwError(rules.error("ec2", "CreateSecurityGroup"));

  for (const auto& cidr : args.values("--cidr"))
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

int describe(Ec2& client, const tool::Arguments& args) {
  ec2::SecurityGroup g = client.findSecurityGroup(args.value("--name"), args.value("--vpc-id")).value();
  std::cout << "group id:    " << g.groupId << "\n"
            << "name:        " << g.groupName << "\n"
            << "description: " << g.description << "\n"
            << "vpc:         " << g.vpcId << "\n";
  if (g.ipPermissions.empty()) std::cout << "ingress:     none\n";
  for (const auto& p : g.ipPermissions) printRule("ingress:     ", "from", p);
  for (const auto& p : g.ipPermissionsEgress) printRule("egress:      ", "to", p);
  return 0;
}

int remove(Ec2& client, const tool::Arguments& args) {
  ec2::SecurityGroup g = client.findSecurityGroup(args.value("--name"), args.value("--vpc-id")).value();
  client.send(Ec2::deleteSecurityGroup().groupId(g.groupId)).value();
  std::cout << "deleted:     " << g.groupId << " (" << g.groupName << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"security_group", true, specOf, requiredFor,
                        [](const std::string& command, const tool::Arguments& args) {
                          Ec2 client;
                          if (command == "create") return create(client, args);
                          if (command == "describe") return describe(client, args);
                          return remove(client, args);
                        },
                        [] { return usage(); }},
                       argc, argv);
}
