// EC2 security groups through the whole pipeline with a scripted transport: EC2's list
// serialization (nested IP permissions, filters, tag specifications), its result and error
// shapes, pagination, and the client-side rules (ports, protocols, CIDRs, descriptions).
#include <doctest/doctest.h>

#include <awsdirect/ec2.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect_test::formParams;
using awsdirect_test::ScriptedTransport;

namespace {

const char* kNamespace = R"( xmlns="http://ec2.amazonaws.com/doc/2016-11-15/")";

std::string response(const std::string& operation, const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + operation + "Response" + kNamespace +
         "><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + body + "</" + operation + "Response>";
}

std::string ec2Error(const std::string& code, const std::string& message) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>" +
         message + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>";
}

// The seed's group as DescribeSecurityGroups returns it, with every kind of source.
std::string seedGroupXml(const std::string& id = "sg-0123456789abcdef0", const std::string& vpc = "vpc-1a2b3c4d") {
  return "<item><ownerId>123456789012</ownerId><groupId>" + id +
         "</groupId><groupName>redshift_security_group</groupName>"
         "<groupDescription>authorize redshift cluster access</groupDescription><vpcId>" +
         vpc +
         "</vpcId>"
         "<securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/" +
         id +
         "</securityGroupArn>"
         "<ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>5439</fromPort><toPort>5439</toPort>"
         "<groups><item><userId>123456789012</userId><groupId>sg-0aaaabbbbccccdddd</groupId>"
         "<description>app servers</description></item></groups>"
         "<ipRanges><item><cidrIp>203.0.113.0/24</cidrIp><description>office</description></item></ipRanges>"
         "<ipv6Ranges><item><cidrIpv6>2001:db8::/32</cidrIpv6></item></ipv6Ranges>"
         "<prefixListIds/></item></ipPermissions>"
         "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp>"
         "</item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress>"
         "<tagSet><item><key>env</key><value>test</value></item></tagSet></item>";
}

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  Ec2 ec2{awsdirect_test::scriptedConfig(transport)};
  Fixture() { awsdirect_test::instantRetries(ec2); }
};

using awsdirect_test::brokenRules;

}  // namespace

TEST_CASE("createSecurityGroup sends EC2's names, signed for ec2, and reads the group id") {
  Fixture f;
  f.transport->respond(200, response("CreateSecurityGroup",
                                     "<groupId>sg-0123456789abcdef0</groupId><securityGroupArn>arn:aws:ec2:us-east-1:"
                                     "123456789012:security-group/sg-0123456789abcdef0</securityGroupArn>"
                                     "<tagSet><item><key>env</key><value>test</value></item></tagSet>"));
  ec2::CreateSecurityGroupResult created = f.ec2.send(Ec2::createSecurityGroup()
                                                          .groupName("redshift_security_group")
                                                          .description("authorize redshift cluster access")
                                                          .vpcId("vpc-1a2b3c4d")
                                                          .tag("env", "test")
                                                          .tag("team", "data"))
                                               .value();
  CHECK(created.groupId == "sg-0123456789abcdef0");
  CHECK(created.securityGroupArn == "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0");
  REQUIRE(created.tags.size() == 1);
  CHECK(created.tags[0].key == "env");

  REQUIRE(f.transport->requests.size() == 1);
  const HttpRequest& sent = f.transport->requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.url() == "https://ec2.us-east-1.amazonaws.com/");
  CHECK(sent.headers.get("Authorization")->find("/us-east-1/ec2/aws4_request") != std::string::npos);
  auto p = formParams(sent.body);
  CHECK(p == std::map<std::string, std::string>{{"Action", "CreateSecurityGroup"},
                                                {"Version", "2016-11-15"},
                                                {"GroupName", "redshift_security_group"},
                                                {"GroupDescription", "authorize redshift cluster access"},
                                                {"VpcId", "vpc-1a2b3c4d"},
                                                {"TagSpecification.1.ResourceType", "security-group"},
                                                {"TagSpecification.1.Tag.1.Key", "env"},
                                                {"TagSpecification.1.Tag.1.Value", "test"},
                                                {"TagSpecification.1.Tag.2.Key", "team"},
                                                {"TagSpecification.1.Tag.2.Value", "data"}});
}

TEST_CASE("without a VPC id the request names none, so AWS uses the default VPC") {
  Fixture f;
  f.transport->respond(200, response("CreateSecurityGroup", "<groupId>sg-0123</groupId>"));
  f.ec2.send(Ec2::createSecurityGroup().groupName("g").description("d")).value();
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p.count("VpcId") == 0);
  CHECK(p.count("TagSpecification.1.ResourceType") == 0);
}

TEST_CASE("authorizeSecurityGroupIngress flattens nested IP permissions as Name.N without member names") {
  Fixture f;
  f.transport->respond(
      200, response("AuthorizeSecurityGroupIngress",
                    "<return>true</return><securityGroupRuleSet><item><securityGroupRuleId>sgr-0a1b2c3d4e5f60718"
                    "</securityGroupRuleId><groupId>sg-0123456789abcdef0</groupId><groupOwnerId>123456789012"
                    "</groupOwnerId><isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>5439</fromPort>"
                    "<toPort>5439</toPort><cidrIpv4>203.0.113.0/24</cidrIpv4><description>office</description>"
                    "</item><item><securityGroupRuleId>sgr-1</securityGroupRuleId><isEgress>false</isEgress>"
                    "<ipProtocol>icmp</ipProtocol><fromPort>-1</fromPort><toPort>-1</toPort><referencedGroupInfo>"
                    "<groupId>sg-0aaaabbbbccccdddd</groupId></referencedGroupInfo></item></securityGroupRuleSet>"));
  auto result = f.ec2.send(Ec2::authorizeSecurityGroupIngress()
                               .groupId("sg-0123456789abcdef0")
                               .ipPermission(ec2::IpPermission::tcp(5439)
                                                 .cidr("203.0.113.0/24", "office")
                                                 .cidr("198.51.100.7/32")
                                                 .cidr("2001:db8::/32", "office v6"))
                               .ipPermission(ec2::IpPermission::icmp()
                                                 .sourceSecurityGroup("sg-0aaaabbbbccccdddd", "app servers")
                                                 .prefixList("pl-12345678")))
                    .value();
  CHECK(result.succeeded);
  REQUIRE(result.securityGroupRules.size() == 2);
  CHECK(result.securityGroupRules[0].securityGroupRuleId == "sgr-0a1b2c3d4e5f60718");
  CHECK(result.securityGroupRules[0].fromPort == 5439);
  CHECK(result.securityGroupRules[0].cidrIpv4 == "203.0.113.0/24");
  CHECK_FALSE(result.securityGroupRules[0].isEgress);
  CHECK(result.securityGroupRules[1].fromPort == -1);
  CHECK(result.securityGroupRules[1].referencedGroupId == "sg-0aaaabbbbccccdddd");

  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p == std::map<std::string, std::string>{
                 {"Action", "AuthorizeSecurityGroupIngress"},
                 {"Version", "2016-11-15"},
                 {"GroupId", "sg-0123456789abcdef0"},
                 {"IpPermissions.1.IpProtocol", "tcp"},
                 {"IpPermissions.1.FromPort", "5439"},
                 {"IpPermissions.1.ToPort", "5439"},
                 {"IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.0/24"},
                 {"IpPermissions.1.IpRanges.1.Description", "office"},
                 {"IpPermissions.1.IpRanges.2.CidrIp", "198.51.100.7/32"},
                 {"IpPermissions.1.Ipv6Ranges.1.CidrIpv6", "2001:db8::/32"},
                 {"IpPermissions.1.Ipv6Ranges.1.Description", "office v6"},
                 {"IpPermissions.2.IpProtocol", "icmp"},
                 {"IpPermissions.2.FromPort", "-1"},
                 {"IpPermissions.2.ToPort", "-1"},
                 {"IpPermissions.2.Groups.1.GroupId", "sg-0aaaabbbbccccdddd"},
                 {"IpPermissions.2.Groups.1.Description", "app servers"},
                 {"IpPermissions.2.PrefixListIds.1.PrefixListId", "pl-12345678"},
             });
}

TEST_CASE("the body is form-encoded as botocore writes it: spaces, slashes, parentheses") {
  Fixture f;
  f.transport->respond(200, response("AuthorizeSecurityGroupIngress", "<return>true</return>"));
  f.ec2.send(Ec2::authorizeSecurityGroupIngress().groupName("my group").ipPermission(
                 ec2::IpPermission::tcp(22).cidr("10.0.0.0/8", "ssh (bastion)")))
      .value();
  const std::string& body = f.transport->requests.at(0).body;
  CHECK(body.find("GroupName=my+group") != std::string::npos);
  CHECK(body.find("IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8") != std::string::npos);
  CHECK(body.find("IpPermissions.1.IpRanges.1.Description=ssh+%28bastion%29") != std::string::npos);
}

TEST_CASE("describeSecurityGroups by ids, names and filters reads <item> lists into typed groups") {
  Fixture f;
  f.transport->respond(200, response("DescribeSecurityGroups", "<securityGroupInfo>" + seedGroupXml() + "</securityGroupInfo>"));
  auto result = f.ec2.send(Ec2::describeSecurityGroups()
                               .groupId("sg-0123456789abcdef0")
                               .groupId("sg-0aaaabbbbccccdddd")
                               .groupName("redshift_security_group")
                               .filter("vpc-id", {"vpc-1a2b3c4d"})
                               .filter("ip-permission.from-port", {"5439", "5432"})
                               .maxResults(5))
                    .value();
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["GroupId.1"] == "sg-0123456789abcdef0");
  CHECK(p["GroupId.2"] == "sg-0aaaabbbbccccdddd");
  CHECK(p["GroupName.1"] == "redshift_security_group");
  CHECK(p["Filter.1.Name"] == "vpc-id");
  CHECK(p["Filter.1.Value.1"] == "vpc-1a2b3c4d");
  CHECK(p["Filter.2.Name"] == "ip-permission.from-port");
  CHECK(p["Filter.2.Value.1"] == "5439");
  CHECK(p["Filter.2.Value.2"] == "5432");
  CHECK(p["MaxResults"] == "5");
  CHECK(p.count("NextToken") == 0);

  CHECK(result.nextToken.empty());
  REQUIRE(result.securityGroups.size() == 1);
  const ec2::SecurityGroup& g = result.securityGroups[0];
  CHECK(g.groupId == "sg-0123456789abcdef0");
  CHECK(g.groupName == "redshift_security_group");
  CHECK(g.description == "authorize redshift cluster access");
  CHECK(g.ownerId == "123456789012");
  CHECK(g.vpcId == "vpc-1a2b3c4d");
  CHECK(g.securityGroupArn.find(":security-group/sg-0123456789abcdef0") != std::string::npos);
  REQUIRE(g.ipPermissions.size() == 1);
  const ec2::IpPermission& in = g.ipPermissions[0];
  CHECK(in.ipProtocol == "tcp");
  CHECK(in.fromPort == 5439);
  CHECK(in.toPort == 5439);
  REQUIRE(in.ipRanges.size() == 1);
  CHECK(in.ipRanges[0].cidrIp == "203.0.113.0/24");
  CHECK(in.ipRanges[0].description == "office");
  REQUIRE(in.ipv6Ranges.size() == 1);
  CHECK(in.ipv6Ranges[0].cidrIpv6 == "2001:db8::/32");
  REQUIRE(in.userIdGroupPairs.size() == 1);
  CHECK(in.userIdGroupPairs[0].groupId == "sg-0aaaabbbbccccdddd");
  CHECK(in.userIdGroupPairs[0].userId == "123456789012");
  CHECK(in.prefixListIds.empty());
  REQUIRE(g.ipPermissionsEgress.size() == 1);
  CHECK(g.ipPermissionsEgress[0].ipProtocol == "-1");
  CHECK_FALSE(g.ipPermissionsEgress[0].fromPort.has_value());  // absent, not 0
  CHECK(g.ipPermissionsEgress[0].ipRanges.at(0).cidrIp == "0.0.0.0/0");
  REQUIRE(g.tags.size() == 1);
  CHECK(g.tags[0].value == "test");
}

TEST_CASE("describeAllSecurityGroups follows NextToken to the last page, and stops on a repeated token") {
  Fixture f;
  f.transport->respond(200, response("DescribeSecurityGroups",
                                     "<securityGroupInfo>" + seedGroupXml("sg-01") + "</securityGroupInfo>"
                                     "<nextToken>page-2</nextToken>"))
      .respond(200, response("DescribeSecurityGroups", "<securityGroupInfo>" + seedGroupXml("sg-02") +
                                                           seedGroupXml("sg-03") + "</securityGroupInfo>"))
      ;
  auto all = f.ec2.describeAllSecurityGroups(Ec2::describeSecurityGroups().maxResults(5)).value();
  REQUIRE(all.size() == 3);
  CHECK(all[2].groupId == "sg-03");
  REQUIRE(f.transport->requests.size() == 2);
  CHECK(formParams(f.transport->requests[0].body).count("NextToken") == 0);
  CHECK(formParams(f.transport->requests[1].body)["NextToken"] == "page-2");
  CHECK(formParams(f.transport->requests[1].body)["MaxResults"] == "5");

  Fixture g;
  g.transport->respond(200, response("DescribeSecurityGroups", "<nextToken>same</nextToken>"))
      .respond(200, response("DescribeSecurityGroups", "<nextToken>same</nextToken>"));
  CHECK(g.ec2.describeAllSecurityGroups().value().empty());
  CHECK(g.transport->requests.size() == 2);
}

TEST_CASE("EC2's error shape arrives as a typed error with code, message, status and request id") {
  Fixture f;
  f.transport->respond(400, ec2Error("InvalidGroup.Duplicate",
                                     "The security group 'redshift_security_group' already exists for VPC 'vpc-1a2b3c4d'"));
  auto outcome = f.ec2.send(Ec2::createSecurityGroup().groupName("redshift_security_group").description("d"));
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Service);
  CHECK(e.code == "InvalidGroup.Duplicate");
  CHECK(e.message.find("already exists") != std::string::npos);
  CHECK(e.httpStatus == 400);
  CHECK(e.requestId == "ea966190-f9aa-478e-9ede-example");
  CHECK(e.service == "ec2");
  CHECK(e.operation == "CreateSecurityGroup");
  CHECK(f.transport->requests.size() == 1);  // not retryable
  CHECK_THROWS_AS(outcome.value(), AwsError);

  Fixture g;  // EC2's throttling code is retried
  g.transport->respond(503, ec2Error("RequestLimitExceeded", "Request limit exceeded."))
      .respond(200, response("DeleteSecurityGroup", "<return>true</return><groupId>sg-0123</groupId>"));
  auto deleted = g.ec2.send(Ec2::deleteSecurityGroup().groupId("sg-0123")).value();
  CHECK(deleted.succeeded);
  CHECK(deleted.groupId == "sg-0123");
  CHECK(g.transport->requests.size() == 2);
}

TEST_CASE("bad ingress is a ValidationError naming every broken rule, and nothing is sent") {
  Fixture f;
  ec2::IpPermission reversed = ec2::IpPermission::tcp(5439, 22).cidr("10.0.0.300/16").cidr("2001:db8:::/32");
  ec2::IpPermission tooHigh = ec2::IpPermission::udp(70000).cidr("10.0.0.0/33", "caf\xc3\xa9 wifi");
  ec2::IpPermission noSource = ec2::IpPermission::tcp(-1);
  ec2::IpPermission badProtocol;
  badProtocol.ipProtocol = "tcpp";
  badProtocol.cidr("10.0.0.0/8");
  ec2::IpPermission icmp = ec2::IpPermission::icmp(-1, 3).cidr("10.0.0.0/8");
  auto outcome = f.ec2.send(Ec2::authorizeSecurityGroupIngress()
                                .groupId("sg-0123")
                                .ipPermission(reversed)
                                .ipPermission(tooHigh)
                                .ipPermission(noSource)
                                .ipPermission(badProtocol)
                                .ipPermission(icmp));
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.operation == "AuthorizeSecurityGroupIngress");
  CHECK(brokenRules(e) ==
        std::vector<std::string>{
            "IpPermissions[0].FromPort must not be greater than ToPort",
            "IpPermissions[0].IpRanges[0].CidrIp must be an IPv4 CIDR block such as 10.0.0.0/16",
            "IpPermissions[0].Ipv6Ranges[0].CidrIpv6 must be an IPv6 CIDR block such as 2001:db8::/32",
            "IpPermissions[1].FromPort must be between 0 and 65535",
            "IpPermissions[1].ToPort must be between 0 and 65535",
            "IpPermissions[1].IpRanges[0].CidrIp must be an IPv4 CIDR block such as 10.0.0.0/16",
            "IpPermissions[1].IpRanges[0].Description may contain only letters, digits, spaces and "
            "._-:/()#,@[]+=&;{}!$*",
            "IpPermissions[2].FromPort must be between 0 and 65535",
            "IpPermissions[2].ToPort must be between 0 and 65535",
            "IpPermissions[2] must name at least one source: an IPv4 or IPv6 CIDR, a security group or a prefix list",
            "IpPermissions[3].IpProtocol must be tcp, udp, icmp, icmpv6, -1 (all protocols) or a protocol number "
            "from 0 to 255",
            "IpPermissions[4].ToPort must be -1 (all codes) when FromPort is -1 (all types)",
        });
  CHECK(f.transport->requests.empty());
  CHECK_THROWS_AS(outcome.value(), ValidationError);
}

TEST_CASE("a group is named by exactly one of GroupId and GroupName") {
  Fixture f;
  auto neither = f.ec2.send(Ec2::deleteSecurityGroup());
  REQUIRE_FALSE(neither.ok());
  CHECK(brokenRules(neither.error()) == std::vector<std::string>{"GroupId or GroupName is required"});
  auto both = f.ec2.send(Ec2::deleteSecurityGroup().groupId("sg-0123").groupName("g"));
  CHECK(brokenRules(both.error()) == std::vector<std::string>{"GroupId must not be set together with GroupName"});
  auto badId = f.ec2.send(Ec2::authorizeSecurityGroupIngress().groupId("0123").ipPermission(
      ec2::IpPermission::tcp(22).cidr("10.0.0.0/8")));
  CHECK(brokenRules(badId.error()) == std::vector<std::string>{"GroupId must be an id of the form sg-0123abcd"});
  auto empty = f.ec2.send(Ec2::authorizeSecurityGroupIngress().groupId("sg-0123"));
  CHECK(brokenRules(empty.error()) == std::vector<std::string>{"IpPermissions must hold at least one permission"});
  auto revokeNothing = f.ec2.send(Ec2::revokeSecurityGroupIngress().groupId("sg-0123"));
  CHECK(brokenRules(revokeNothing.error()) ==
        std::vector<std::string>{"IpPermissions or SecurityGroupRuleIds must name at least one rule"});
  CHECK(f.transport->requests.empty());
}

TEST_CASE("group names and descriptions: EC2's length and characters") {
  auto problems = [](const std::string& name, const std::string& description) {
    Validator v;
    Ec2::createSecurityGroup().groupName(name).description(description).validate(v);
    return v.problems().size();
  };
  CHECK(problems("redshift_security_group", "authorize redshift cluster access") == 0);
  CHECK(problems("a-b.c:d/e(f)#g,h@i[j]+k=l&m;n{o}!p$q*r s", "x") == 0);
  CHECK(problems(std::string(255, 'g'), std::string(255, 'd')) == 0);
  CHECK(problems(std::string(256, 'g'), "d") == 1);
  CHECK(problems("g", std::string(256, 'd')) == 1);
  CHECK(problems("sg-mine", "d") == 1);
  CHECK(problems("", "d") == 1);
  CHECK(problems("g", "") == 1);
  CHECK(problems("g", "caf\xc3\xa9") == 1);   // non-ASCII
  CHECK(problems("g", "50% off") == 1);       // '%' is not allowed
  CHECK(problems("g", "tab\there") == 1);
  Validator v;
  Ec2::createSecurityGroup().validate(v);
  CHECK(v.problems().size() == 2);  // both required

  Validator vpc;
  Ec2::createSecurityGroup().groupName("g").description("d").vpcId("vpc_123").validate(vpc);
  CHECK(vpc.problems().size() == 1);
}

TEST_CASE("port ranges and protocols") {
  auto problems = [](const ec2::IpPermission& p) {
    Validator v;
    ec2::rules::ipPermission(v, "P", p);
    return v.problems().size();
  };
  CHECK(problems(ec2::IpPermission::tcp(0, 65535).cidr("10.0.0.0/8")) == 0);
  CHECK(problems(ec2::IpPermission::tcp(5439).cidr("10.0.0.0/8")) == 0);
  CHECK(problems(ec2::IpPermission::udp(53).cidr("10.0.0.0/8")) == 0);
  CHECK(problems(ec2::IpPermission::tcp(65536).cidr("10.0.0.0/8")) == 2);
  CHECK(problems(ec2::IpPermission::tcp(100, 99).cidr("10.0.0.0/8")) == 1);
  CHECK(problems(ec2::IpPermission::icmp().cidr("10.0.0.0/8")) == 0);
  CHECK(problems(ec2::IpPermission::icmp(8, 0).cidr("10.0.0.0/8")) == 0);
  CHECK(problems(ec2::IpPermission::icmp(256, 0).cidr("10.0.0.0/8")) == 1);
  CHECK(problems(ec2::IpPermission::allTraffic().cidr("10.0.0.0/8")) == 0);

  ec2::IpPermission tcpWithoutPorts;
  tcpWithoutPorts.ipProtocol = "tcp";
  tcpWithoutPorts.cidr("10.0.0.0/8");
  CHECK(problems(tcpWithoutPorts) == 2);  // FromPort and ToPort are required
  ec2::IpPermission icmpv6 = tcpWithoutPorts;
  icmpv6.ipProtocol = "icmpv6";
  CHECK(problems(icmpv6) == 0);  // ICMPv6 may omit the range
  ec2::IpPermission numbered = tcpWithoutPorts;
  numbered.ipProtocol = "6";  // TCP by number: the same rules
  CHECK(problems(numbered) == 2);
  numbered.ipProtocol = "50";  // ESP: every port, no range needed
  CHECK(problems(numbered) == 0);
  numbered.ipProtocol = "256";
  CHECK(problems(numbered) == 1);
  numbered.ipProtocol = "TCP";
  CHECK(problems(numbered) == 1);
  numbered.ipProtocol = "";
  CHECK(problems(numbered) == 1);
}

TEST_CASE("CIDR syntax, IPv4 and IPv6") {
  using ec2::rules::isIpv4Cidr;
  using ec2::rules::isIpv6Cidr;
  for (const char* good : {"0.0.0.0/0", "10.0.0.0/16", "203.0.113.7/32", "255.255.255.255/32", "172.31.0.0/16"})
    CHECK_MESSAGE(isIpv4Cidr(good), good);
  for (const char* bad : {"10.0.0.0", "10.0.0.0/33", "10.0.0/16", "10.0.0.0.0/8", "256.0.0.0/8", "10.0.0.01/32",
                          "10.0.0.0/016", "10.0.0.0/", "/8", "10.0.0.-1/8", "10.0.0.0/8 ", " 10.0.0.0/8",
                          "a.b.c.d/8", "10..0.0/8", "2001:db8::/32", ""})
    CHECK_MESSAGE(!isIpv4Cidr(bad), bad);
  for (const char* good : {"::/0", "2001:db8::/32", "2001:0db8:0000:0000:0000:ff00:0042:8329/128", "::1/128",
                           "fe80::/10", "2001:db8::ffff:192.0.2.1/128", "::ffff:10.0.0.1/128", "1::/16",
                           "1:2:3:4:5:6:7::/64", "::2:3:4:5:6:7:8/64", "2001:DB8::/32"})
    CHECK_MESSAGE(isIpv6Cidr(good), good);
  for (const char* bad : {"2001:db8::", "2001:db8::/129", "2001:db8:::/32", "2001::db8::1/64", "12345::/16",
                          "1:2:3:4:5:6:7:8:9/64", "1:2:3:4:5:6:7/64", "1:2:3:4:5:6:7:8::/64", "g::/16",
                          "::ffff:10.0.0/128", "::10.0.0.1:1/128", ":1::/16", "1::2:/16", "10.0.0.0/8", ""})
    CHECK_MESSAGE(!isIpv6Cidr(bad), bad);
  CHECK(ec2::rules::isWholeInternet("0.0.0.0/0"));
  CHECK(ec2::rules::isWholeInternet("::/0"));
  CHECK_FALSE(ec2::rules::isWholeInternet("10.0.0.0/0x"));
}

TEST_CASE("revokeSecurityGroupIngress by permission and by rule id; unknown permissions come back typed") {
  Fixture f;
  f.transport->respond(200, response("RevokeSecurityGroupIngress",
                                     "<return>true</return><unknownIpPermissionSet><item><ipProtocol>tcp</ipProtocol>"
                                     "<fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>10.0.0.0/8"
                                     "</cidrIp></item></ipRanges></item></unknownIpPermissionSet>"));
  auto result = f.ec2.send(Ec2::revokeSecurityGroupIngress()
                               .groupId("sg-0123")
                               .ipPermission(ec2::IpPermission::tcp(22).cidr("10.0.0.0/8"))
                               .securityGroupRuleId("sgr-0a1b2c3d4e5f60718"))
                    .value();
  CHECK(result.succeeded);
  REQUIRE(result.unknownIpPermissions.size() == 1);
  CHECK(result.unknownIpPermissions[0].fromPort == 22);
  CHECK(result.unknownIpPermissions[0].ipRanges.at(0).cidrIp == "10.0.0.0/8");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "RevokeSecurityGroupIngress");
  CHECK(p["IpPermissions.1.IpRanges.1.CidrIp"] == "10.0.0.0/8");
  CHECK(p["SecurityGroupRuleId.1"] == "sgr-0a1b2c3d4e5f60718");
}

TEST_CASE("findSecurityGroup finds by the group-name filter, in one VPC or any") {
  Fixture f;
  f.transport->respond(200, response("DescribeSecurityGroups", "<securityGroupInfo>" + seedGroupXml() + "</securityGroupInfo>"));
  CHECK(f.ec2.findSecurityGroup("redshift_security_group", "vpc-1a2b3c4d").value().groupId == "sg-0123456789abcdef0");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Filter.1.Name"] == "group-name");
  CHECK(p["Filter.1.Value.1"] == "redshift_security_group");
  CHECK(p["Filter.2.Name"] == "vpc-id");
  CHECK(p["Filter.2.Value.1"] == "vpc-1a2b3c4d");
  CHECK(p.count("GroupName.1") == 0);

  Fixture none;
  none.transport->respond(200, response("DescribeSecurityGroups", "<securityGroupInfo/>"));
  auto missing = none.ec2.findSecurityGroup("nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "InvalidGroup.NotFound");
  CHECK(missing.error().operation == "DescribeSecurityGroups");
  CHECK_THROWS_AS(missing.value(), AwsError);

  Fixture two;
  two.transport->respond(200, response("DescribeSecurityGroups", "<securityGroupInfo>" + seedGroupXml("sg-01", "vpc-01") +
                                                                     seedGroupXml("sg-02", "vpc-02") + "</securityGroupInfo>"));
  auto ambiguous = two.ec2.findSecurityGroup("redshift_security_group");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK(ambiguous.error().code == "AmbiguousGroupName");

  Fixture bad;
  CHECK(bad.ec2.findSecurityGroup("").error().kind == ErrorKind::Validation);
  CHECK(bad.ec2.findSecurityGroup("g", "sg-0123").error().kind == ErrorKind::Validation);
  CHECK(bad.transport->requests.empty());
}

TEST_CASE("defaultVpc reads the VPC marked isDefault, or says there is none") {
  Fixture f;
  f.transport->respond(200, response("DescribeVpcs",
                                     "<vpcSet><item><vpcId>vpc-1a2b3c4d</vpcId><state>available</state>"
                                     "<cidrBlock>172.31.0.0/16</cidrBlock><ownerId>123456789012</ownerId>"
                                     "<dhcpOptionsId>dopt-1</dhcpOptionsId><instanceTenancy>default</instanceTenancy>"
                                     "<isDefault>true</isDefault><tagSet/></item></vpcSet>"));
  ec2::Vpc vpc = f.ec2.findDefaultVpc().value();
  CHECK(vpc.vpcId == "vpc-1a2b3c4d");
  CHECK(vpc.isDefault);
  CHECK(vpc.state == "available");
  CHECK(vpc.cidrBlock == "172.31.0.0/16");
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "DescribeVpcs");
  CHECK(p["Filter.1.Name"] == "is-default");
  CHECK(p["Filter.1.Value.1"] == "true");

  Fixture none;
  none.transport->respond(200, response("DescribeVpcs", "<vpcSet/>"));
  CHECK(none.ec2.findDefaultVpc().error().code == "DefaultVpcNotFound");

  Fixture ids;
  ids.transport->respond(200, response("DescribeVpcs", "<vpcSet/>"));
  ids.ec2.send(Ec2::describeVpcs().vpcId("vpc-1a2b3c4d").vpcId("vpc-0fedcba987654321f")).value();
  auto q = formParams(ids.transport->requests.at(0).body);
  CHECK(q["VpcId.1"] == "vpc-1a2b3c4d");
  CHECK(q["VpcId.2"] == "vpc-0fedcba987654321f");
  CHECK(ids.ec2.send(Ec2::describeVpcs().vpcId("default")).error().kind == ErrorKind::Validation);
  CHECK(ids.ec2.send(Ec2::describeVpcs().maxResults(4)).error().kind == ErrorKind::Validation);
}

TEST_CASE("EC2's answer must be the operation's response element, whatever else arrives with 200") {
  Fixture f;
  f.transport->respond(200, response("DescribeVpcs", "<vpcSet/>"));
  auto wrong = f.ec2.send(Ec2::describeSecurityGroups().groupName("redshift_security_group"));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().kind == ErrorKind::Parse);
  CHECK(wrong.error().message ==
        "the response to DescribeSecurityGroups is not <DescribeSecurityGroupsResponse>: it is <DescribeVpcsResponse>");
  f.transport->respond(200, response("DescribeSecurityGroups", "<securityGroupInfo/>"));
  CHECK(f.ec2.send(Ec2::describeSecurityGroups().groupName("redshift_security_group")).value().securityGroups.empty());
}
