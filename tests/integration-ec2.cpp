// EC2 security groups against a local AWS (moto_server on a loopback port) that checks every
// signature: the seed's redshift_security_group created in the default VPC, opened on TCP 5439,
// described every way, its rules revoked, deleted; the error paths as typed errors with EC2's
// codes; and the security_group example driven as a user would run it, cross-checked with the
// AWS CLI.
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>
#include <awsdirect/detail/json.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/waiter.hpp>

#include <chrono>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::MotoServer;

namespace {

const char* kGroupName = "redshift_security_group";
const char* kDescription = "authorize redshift cluster access";

const ec2::IpPermission* findPermission(const ec2::SecurityGroup& group, const std::string& protocol, int port) {
  for (const auto& p : group.ipPermissions)
    if (p.ipProtocol == protocol && p.fromPort == port && p.toPort == port) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the seed's security group against moto checking every signature") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Ec2 ec2(moto->clientConfig());

  ec2::Vpc vpc = ec2.findDefaultVpc().value();
  CHECK(vpc.isDefault);
  CHECK(vpc.vpcId.rfind("vpc-", 0) == 0);

  // No VPC id: the group lands in the default VPC.
  ec2::CreateSecurityGroupResult created =
      ec2.send(Ec2::createSecurityGroup().groupName(kGroupName).description(kDescription).tag("env", "test")).value();
  const std::string groupId = created.groupId;
  CHECK(groupId.rfind("sg-", 0) == 0);

  auto authorized = ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(groupId).ipPermission(
                                 ec2::IpPermission::tcp(5439).cidr("10.0.0.0/16", "office").cidr("2001:db8::/32")))
                        .value();
  CHECK(authorized.succeeded);
  REQUIRE(authorized.securityGroupRules.size() == 2);  // one rule per source
  CHECK(authorized.securityGroupRules[0].fromPort == 5439);
  CHECK(authorized.securityGroupRules[0].groupId == groupId);

  // By id.
  auto byId = ec2.send(Ec2::describeSecurityGroups().groupId(groupId)).value();
  REQUIRE(byId.securityGroups.size() == 1);
  const ec2::SecurityGroup& group = byId.securityGroups[0];
  CHECK(group.groupName == kGroupName);
  CHECK(group.description == kDescription);
  CHECK(group.vpcId == vpc.vpcId);
  const ec2::IpPermission* ingress = findPermission(group, "tcp", 5439);
  REQUIRE(ingress);
  REQUIRE(ingress->ipRanges.size() == 1);
  CHECK(ingress->ipRanges[0].cidrIp == "10.0.0.0/16");
  CHECK(ingress->ipRanges[0].description == "office");
  REQUIRE(ingress->ipv6Ranges.size() == 1);
  CHECK(ingress->ipv6Ranges[0].cidrIpv6 == "2001:db8::/32");
  REQUIRE(group.tags.size() == 1);
  CHECK(group.tags[0].key == "env");

  // By name (default VPC), by filter, and among all groups (the default VPC's "default" too).
  CHECK(ec2.send(Ec2::describeSecurityGroups().groupName(kGroupName)).value().securityGroups.at(0).groupId == groupId);
  CHECK(ec2.findSecurityGroup(kGroupName).value().groupId == groupId);
  CHECK(ec2.findSecurityGroup(kGroupName, vpc.vpcId).value().groupId == groupId);
  auto open = ec2.describeAllSecurityGroups(Ec2::describeSecurityGroups().filter("ip-permission.from-port", {"5439"}))
                  .value();
  REQUIRE(open.size() == 1);
  CHECK(open[0].groupId == groupId);
  auto all = ec2.describeAllSecurityGroups().value();
  CHECK(all.size() >= 2);

  // The error paths, typed, with EC2's codes.
  auto duplicate = ec2.send(Ec2::createSecurityGroup().groupName(kGroupName).description(kDescription));
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().kind == ErrorKind::Service);
  CHECK(duplicate.error().code == "InvalidGroup.Duplicate");
  CHECK(duplicate.error().httpStatus == 400);
  CHECK_FALSE(duplicate.error().requestId.empty());
  CHECK_THROWS_AS(duplicate.value(), AwsError);

  auto sameRule = ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(groupId).ipPermission(
      ec2::IpPermission::tcp(5439).cidr("10.0.0.0/16")));
  REQUIRE_FALSE(sameRule.ok());
  CHECK(sameRule.error().code == "InvalidPermission.Duplicate");

  // Revoke the IPv6 source; the IPv4 one stays.
  CHECK(ec2.send(Ec2::revokeSecurityGroupIngress().groupId(groupId).ipPermission(
                     ec2::IpPermission::tcp(5439).cidr("2001:db8::/32")))
            .value()
            .succeeded);
  ec2::SecurityGroup revoked = ec2.findSecurityGroup(kGroupName).value();
  REQUIRE(findPermission(revoked, "tcp", 5439));
  CHECK(findPermission(revoked, "tcp", 5439)->ipv6Ranges.empty());
  CHECK(findPermission(revoked, "tcp", 5439)->ipRanges.size() == 1);

  // Delete, then every way of reaching it says it is gone.
  CHECK(ec2.send(Ec2::deleteSecurityGroup().groupId(groupId)).value().succeeded);
  auto gone = ec2.send(Ec2::describeSecurityGroups().groupId(groupId));
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "InvalidGroup.NotFound");
  auto deleteAgain = ec2.send(Ec2::deleteSecurityGroup().groupId(groupId));
  REQUIRE_FALSE(deleteAgain.ok());
  CHECK(deleteAgain.error().code == "InvalidGroup.NotFound");
  CHECK(deleteAgain.error().httpStatus >= 400);
  CHECK(ec2.findSecurityGroup(kGroupName).error().code == "InvalidGroup.NotFound");

  // Bad input never reaches the network: nothing was created.
  auto invalid = ec2.send(Ec2::createSecurityGroup().groupName("sg-bad").description("caf\xc3\xa9"));
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().kind == ErrorKind::Validation);
  CHECK(ec2.send(Ec2::describeSecurityGroups().filter("group-name", {"sg-bad"})).value().securityGroups.empty());

  // A wrong secret is refused, and the refusal does not repeat it.
  ClientConfig wrong = moto->clientConfig();
  wrong.credentialsProvider = std::make_shared<StaticCredentialsProvider>(
      Credentials(moto->credentials().accessKeyId, "not-the-secret-key"));
  auto refused = Ec2(wrong).send(Ec2::describeVpcs());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::Service);
  CHECK(refused.error().code == "AuthFailure");  // EC2's code for a signature it cannot verify
  CHECK(refused.error().httpStatus == 401);
  CHECK(refused.error().describe().find("not-the-secret-key") == std::string::npos);
}

TEST_CASE("a group's egress rules, rules one by one, tags, subnets and network interfaces against moto, with the waiters") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Ec2 ec2(moto->clientConfig());
  WaitOptions quick;
  quick.withDelay(std::chrono::milliseconds(10)).withTimeout(std::chrono::seconds(5));

  const ec2::Vpc vpc = ec2.findDefaultVpc().value();
  CHECK(ec2.waitUntilVpcExists(vpc.vpcId, quick).value().vpcId == vpc.vpcId);
  CHECK(ec2.waitUntilVpcAvailable(vpc.vpcId, quick).value().state == "available");

  // The default VPC's subnets, one per zone, each available.
  auto subnets = ec2.describeAllSubnets(Ec2::describeSubnets().filter("vpc-id", {vpc.vpcId})).value();
  REQUIRE_FALSE(subnets.empty());
  for (const ec2::Subnet& subnet : subnets) {
    CHECK(subnet.vpcId == vpc.vpcId);
    CHECK(subnet.defaultForAz);
    CHECK(subnet.availableIpAddressCount > 0);
    CHECK_FALSE(subnet.availabilityZone.empty());
  }
  CHECK(ec2.waitUntilSubnetAvailable(subnets[0].subnetId, quick).value().subnetId == subnets[0].subnetId);
  auto noSubnet = ec2.send(Ec2::describeSubnets().subnetId("subnet-0123456789abcdef0"));
  REQUIRE_FALSE(noSubnet.ok());
  CHECK(noSubnet.error().code == "InvalidSubnetID.NotFound");

  const std::string groupId =
      ec2.send(Ec2::createSecurityGroup().groupName("egress_test").description("egress").vpcId(vpc.vpcId)).value().groupId;
  CHECK(ec2.waitUntilSecurityGroupExists(groupId, quick).value().groupName == "egress_test");

  // Egress: the default allow-all rule revoked, one HTTPS rule in its place.
  auto revoked = ec2.send(Ec2::revokeSecurityGroupEgress().groupId(groupId).ipPermission(
      ec2::IpPermission::allTraffic().cidr("0.0.0.0/0")));
  CHECK(revoked.value().succeeded);
  auto authorized = ec2.send(Ec2::authorizeSecurityGroupEgress().groupId(groupId).ipPermission(
      ec2::IpPermission::tcp(443).cidr("10.0.0.0/8", "https out")));
  CHECK(authorized.value().succeeded);
  const ec2::SecurityGroup group = ec2.findSecurityGroup("egress_test", vpc.vpcId).value();
  REQUIRE(group.ipPermissionsEgress.size() == 1);
  CHECK(group.ipPermissionsEgress[0].fromPort == 443);
  CHECK(group.ipPermissionsEgress[0].ipRanges.at(0).cidrIp == "10.0.0.0/8");

  // The rules one by one: the egress rule is marked so.
  auto rules = ec2.describeAllSecurityGroupRules(Ec2::describeSecurityGroupRules().filter("group-id", {groupId})).value();
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].isEgress);
  CHECK(rules[0].fromPort == 443);
  CHECK(rules[0].cidrIpv4 == "10.0.0.0/8");
  CHECK(rules[0].securityGroupRuleId.rfind("sgr-", 0) == 0);

  // Tags on the group and the VPC at once, listed, then one removed by key and one by value.
  REQUIRE(ec2.send(Ec2::createTags().resource(groupId).resource(vpc.vpcId).tag("env", "test").tag("team", "data")).ok());
  auto tags = ec2.describeAllTags(Ec2::describeTags().filter("resource-id", {groupId})).value();
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].resourceType == "security-group");
  CHECK(ec2.send(Ec2::deleteTags().resource(groupId).tagKey("env").tag("team", "not-this-value")).ok());
  tags = ec2.describeAllTags(Ec2::describeTags().filter("resource-id", {groupId})).value();
  REQUIRE(tags.size() == 1);  // "team" stays: its value did not match
  CHECK(tags[0].key == "team");
  CHECK(ec2.findSecurityGroup("egress_test", vpc.vpcId).value().tags.size() == 1);

  // No instance uses the group: no network interface has it.
  CHECK(ec2.describeAllNetworkInterfaces(Ec2::describeNetworkInterfaces().filter("group-id", {groupId})).value().empty());
  auto noInterface = ec2.waitUntilNetworkInterfaceAvailable("eni-0123456789abcdef0", quick);
  REQUIRE_FALSE(noInterface.ok());
  CHECK(noInterface.error().code == "InvalidNetworkInterfaceID.NotFound");  // botocore's waiter fails on it too

  // Bad input is named before the network.
  auto badTag = ec2.send(Ec2::createTags().resource("not-an-id!").tag("aws:reserved", "x"));
  REQUIRE_FALSE(badTag.ok());
  CHECK(badTag.error().kind == ErrorKind::Validation);
  CHECK(badTag.error().message.find("Resources[0]") != std::string::npos);
  auto noGroup = ec2.send(Ec2::authorizeSecurityGroupEgress().ipPermission(ec2::IpPermission::tcp(443).cidr("10.0.0.0/8")));
  REQUIRE_FALSE(noGroup.ok());
  CHECK(noGroup.error().message.find("GroupId") != std::string::npos);

  CHECK(ec2.send(Ec2::deleteSecurityGroup().groupId(groupId)).value().succeeded);
  auto gone = ec2.waitUntilSecurityGroupExists(groupId, WaitOptions(quick).withTimeout(std::chrono::milliseconds(50)));
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "WaiterTimeout");
}

namespace {

using Run = awsdirect_test::CommandResult;
using awsdirect_test::runCommand;

// The example with a clean environment aimed at moto, as a user would run it.
Run runExample(const MotoServer& moto, const std::string& arguments) {
  return runCommand("env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=/nonexistent AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
                    moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" +
                    moto.credentials().secretAccessKey.reveal() + " AWS_ENDPOINT_URL=" + moto.endpoint() +
                    " " AWSDIRECT_BINARY_DIR "/examples/security_group " + arguments);
}

// The AWS CLI, isolated from the user's files and profiles, aimed at moto.
Run runAwsCli(const MotoServer& moto, const std::string& arguments) {
  return runCommand("env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_SESSION_TOKEN -u AWS_ENDPOINT_URL_EC2 "
                    "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DEFAULT_REGION=us-east-1 "
                    "AWS_ACCESS_KEY_ID=" +
                    moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" +
                    moto.credentials().secretAccessKey.reveal() + " " + awsdirect_test::awsCli() + " --endpoint-url " + moto.endpoint() +
                    " --output json " + arguments);
}

bool printsNoSecret(const MotoServer& moto, const Run& run) {
  const std::string& secret = moto.credentials().secretAccessKey.reveal();
  return run.out.find(secret) == std::string::npos && run.err.find(secret) == std::string::npos;
}

}  // namespace

TEST_CASE("the security_group example creates, shows and deletes the seed's group, as the AWS CLI sees it") {
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  const std::string create = std::string("create --name ") + kGroupName + " --description '" + kDescription +
                             "' --port 5439";

  // No CIDR is a usage error (there is no default); a bad one is a validation error naming the
  // field. Neither reaches the network: the CLI sees no such group.
  Run noCidr = runExample(*moto, create);
  CHECK(noCidr.status == 2);
  CHECK(noCidr.err.find("--cidr") != std::string::npos);
  Run badCidr = runExample(*moto, create + " --cidr 10.0.0.0/33");
  CHECK(badCidr.status == 2);
  CHECK(badCidr.err.find("CidrIp must be an IPv4 CIDR block") != std::string::npos);
  CHECK(std::count(badCidr.err.begin(), badCidr.err.end(), '\n') == 1);
  Run none = runAwsCli(*moto, std::string("ec2 describe-security-groups --filters Name=group-name,Values=") + kGroupName);
  REQUIRE(none.status == 0);
  CHECK(JsonValue::parse(none.out).at("SecurityGroups").size() == 0);

  // Created with two sources; the whole-internet one is warned about on stderr.
  Run created = runExample(*moto, create + " --cidr 10.0.0.0/16 --cidr ::/0");
  REQUIRE(created.status == 0);
  const std::string groupId = created.out.substr(0, created.out.find('\n'));
  CHECK(groupId.rfind("sg-", 0) == 0);
  CHECK(created.out == groupId + "\n");
  CHECK(created.err.find("warning: ::/0 opens TCP port 5439 to the whole internet") != std::string::npos);
  CHECK(created.err.find("10.0.0.0/16") == std::string::npos);
  CHECK(printsNoSecret(*moto, created));

  Run cli = runAwsCli(*moto, "ec2 describe-security-groups --group-ids " + groupId);
  REQUIRE(cli.status == 0);
  JsonValue groups = JsonValue::parse(cli.out).at("SecurityGroups");
  REQUIRE(groups.size() == 1);
  const JsonValue& group = groups.asArray()[0];
  CHECK(group.at("GroupName").asString() == kGroupName);
  CHECK(group.at("Description").asString() == kDescription);
  Run vpcs = runAwsCli(*moto, "ec2 describe-vpcs --filters Name=is-default,Values=true");
  REQUIRE(vpcs.status == 0);
  CHECK(group.at("VpcId").asString() == JsonValue::parse(vpcs.out).at("Vpcs").asArray().at(0).at("VpcId").asString());
  const JsonValue& permissions = group.at("IpPermissions");
  REQUIRE(permissions.size() == 1);
  const JsonValue& permission = permissions.asArray()[0];
  CHECK(permission.at("IpProtocol").asString() == "tcp");
  CHECK(permission.at("FromPort").asInt64() == 5439);
  CHECK(permission.at("ToPort").asInt64() == 5439);
  REQUIRE(permission.at("IpRanges").size() == 1);
  CHECK(permission.at("IpRanges").asArray()[0].at("CidrIp").asString() == "10.0.0.0/16");
  REQUIRE(permission.at("Ipv6Ranges").size() == 1);
  CHECK(permission.at("Ipv6Ranges").asArray()[0].at("CidrIpv6").asString() == "::/0");

  Run described = runExample(*moto, std::string("describe --name ") + kGroupName);
  CHECK(described.status == 0);
  CHECK(described.out.find("group id:    " + groupId) != std::string::npos);
  CHECK(described.out.find("ingress:     tcp 5439 from 10.0.0.0/16") != std::string::npos);
  CHECK(described.out.find("ingress:     tcp 5439 from ::/0") != std::string::npos);

  // When AWS refuses the rule after the group was made (moto allows 60 rules per VPC group), the
  // example removes the group again rather than leave one that admits nobody.
  std::string sixtyOne;
  for (int i = 0; i < 61; ++i) sixtyOne += " --cidr 10.1." + std::to_string(i) + ".0/24";
  Run tooMany = runExample(*moto, "create --name too_many_rules --description d --port 5439" + sixtyOne);
  CHECK(tooMany.status == 1);
  CHECK(tooMany.err.find("RulesPerSecurityGroupLimitExceeded") != std::string::npos);
  CHECK(tooMany.out.empty());
  Run leftOver = runAwsCli(*moto, "ec2 describe-security-groups --filters Name=group-name,Values=too_many_rules");
  REQUIRE(leftOver.status == 0);
  CHECK(JsonValue::parse(leftOver.out).at("SecurityGroups").size() == 0);

  // A second create is AWS's duplicate error, on one line, and leaves the first group alone.
  Run duplicate = runExample(*moto, create + " --cidr 10.0.0.0/16");
  CHECK(duplicate.status == 1);
  CHECK(duplicate.err.find("InvalidGroup.Duplicate") != std::string::npos);
  CHECK(std::count(duplicate.err.begin(), duplicate.err.end(), '\n') == 1);

  Run deleted = runExample(*moto, std::string("delete --name ") + kGroupName);
  CHECK(deleted.status == 0);
  CHECK(deleted.out.find("deleted:     " + groupId) != std::string::npos);
  CHECK(printsNoSecret(*moto, deleted));
  Run cliGone = runAwsCli(*moto, "ec2 describe-security-groups --group-ids " + groupId);
  CHECK(cliGone.status != 0);
  CHECK(cliGone.err.find("InvalidGroup.NotFound") != std::string::npos);

  Run missing = runExample(*moto, std::string("delete --name ") + kGroupName);
  CHECK(missing.status == 1);
  CHECK(missing.err.find("InvalidGroup.NotFound") != std::string::npos);
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
}
