// The example tools' command lines: every tool names the option and the rule of a bad one, and
// exits 2 before any call (the endpoint is a closed port: a call would be a connection error,
// exit 1). Passwords from the environment are checked by the services' rules first too.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/command.hpp"
#include "support/skip.hpp"

namespace {

struct BadLine {
  std::string command;  // a tool and its arguments
  std::string said;     // what its stderr must say
};

awsdirect_test::CommandResult runTool(const std::string& command) {
  return awsdirect_test::runCommand(
      "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true HOME=/nonexistent AWS_REGION=us-east-1 "
      "AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=not-a-real-secret "
      "REDSHIFT_MASTER_PASSWORD=Example-Passw0rd RDS_MASTER_PASSWORD=Example-Passw0rd " + command +
      " </dev/null");
}

}  // namespace

TEST_CASE("every tool names a bad option and its rule, and exits 2 before any call") {
  awsdirect_test::ran();
  const std::string tools = AWSDIRECT_BINARY_DIR "/examples/";
  const std::vector<BadLine> lines = {
      {"redshift_cluster create --identifier c --port 54x", "redshift_cluster create: --port: \"54x\" is not a whole number from 1150 to 65535"},
      {"redshift_cluster create --identifier c --node-type dc2.l\xc3\xa4rge", "NodeType must be a family and a size"},
      {"redshift_cluster create --identifier c --iam-role not-an-arn", "IamRoles[0] must be"},
      {"redshift_cluster create --identifier c --wait extra", "\"extra\": not an option, nor an argument of this command"},
      {"redshift_cluster create", "redshift_cluster create: missing --identifier"},
      {"rds_instance create --identifier d --allocated-storage lots", "--allocated-storage: \"lots\" is not a whole number"},
      {"rds_instance status --identifier d --wait", "rds_instance status: --wait: not an option of this command"},
      {"security_group create --name g --description d --port 5439 --cidr", "security_group create: --cidr: needs a value"},
      {"security_group create --name g --description d --port 5439 --cidr 10.0.0.0/33", "CidrIp must be an IPv4 CIDR block"},
      {"iam_role create --name r --bogus 1", "iam_role create: --bogus: not an option of this command"},
      {"iam_user create --name ''", "iam_user create: --name: the value is empty"},
      {"iam_user create --name u --name v", "iam_user create: --name: given twice"},
      {"s3 ls --profile ''", "s3 ls: --profile: the value is empty"},
      {"s3 presign s3://b/k --expires-in soon", "s3 presign: --expires-in: \"soon\" is not a whole number"},
      {"sigv4 --region \xc3\xbcs --service iam --time 20150830T123600Z", "sigv4: --region: \"\xc3\xbcs\" is not a region"},
      {"sigv4 --region us-east-1 --service IAM --time 20150830T123600Z", "sigv4: --service: \"IAM\" is not a signing name"},
      {"whoami --log loud", "whoami: --log: \"loud\" is not a level (error, warn, info, debug)"},
      {"hands_on_aws up --name e --cidr 10.0.0.0/8 --ttl 5x", "hands_on_aws up: --ttl: \"5x\" is not a duration"},
      {"hands_on_aws reap --older-than ''", "hands_on_aws reap: --older-than: the value is empty"},
      {"hands_on_aws up --name e --cidr 10.0.0.0/8 --engine terraform", "hands_on_aws up: --engine: \"terraform\" is not an engine"},
      {"hands_on_aws plan --name e --cidr 10.0.0.0/8 --cidr 10.0.0.0/8", "security_group.cidrs names a CIDR twice"},
  };
  for (const BadLine& line : lines) {
    CAPTURE(line.command);
    const auto result = runTool(tools + line.command);
    CHECK(result.status == 2);
    CHECK_MESSAGE(result.err.find(line.said) != std::string::npos, result.err);
    CHECK(result.err.find("not-a-real-secret") == std::string::npos);
  }
}

TEST_CASE("hands_on_aws checks the master passwords from the environment before any call, never repeating them") {
  awsdirect_test::ran();
  const auto result = runTool("REDSHIFT_MASTER_PASSWORD=Sh0rt " AWSDIRECT_BINARY_DIR
                              "/examples/hands_on_aws up --name e --cidr 10.0.0.0/8");
  CHECK(result.status == 2);
  CHECK(result.err.find("redshift.master_password must be 8 to 64 characters") != std::string::npos);
  CHECK(result.err.find("Sh0rt") == std::string::npos);
  CHECK(result.err.find("NoRegion") == std::string::npos);
}
