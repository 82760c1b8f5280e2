// A program's file that sends an operation of each protocol (Query, EC2's dialect, REST-XML,
// JSON): compiled by check.sh with the compiled library's declarations and header-only.
#include <awsdirect/ec2.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/secrets_manager.hpp>

using namespace awsdirect;

int main() {
  ClientConfig config;
  config.region = "us-east-1";
  config.endpointUrl = "http://127.0.0.1:1";
  bool ok = Redshift(config).send(Redshift::describeClusters().clusterIdentifier("c")).ok();
  ok = Ec2(config).send(Ec2::describeSecurityGroups().groupName("g")).ok() && ok;
  ok = S3(config).send(S3::listObjectsV2().bucket("b")).ok() && ok;
  ok = SecretsManager(config).send(SecretsManager::describeSecret().secretId("s")).ok() && ok;
  return ok ? 0 : 1;
}
