// The translation unit bench/build_cost.sh compiles: everything included, one call of each
// service. It is compiled, never run (it would call 127.0.0.1:1).
#include <awsdirect.hpp>

#include <iostream>

using namespace awsdirect;

int main() {
  ClientConfig config;
  config.region = "us-east-1";
  config.endpointUrl = "http://127.0.0.1:1";
  config.credentialsProvider = std::make_shared<StaticCredentialsProvider>("AKIDEXAMPLE", "secret");

  Redshift redshift(config);
  auto clusters = redshift.send(Redshift::describeClusters().identifier("redshift-cluster"));
  Iam iam(config);
  auto role = iam.send(Iam::getRole().roleName("myRedshiftRole"));
  Sts sts(config);
  auto identity = sts.send(Sts::getCallerIdentity());
  Ec2 ec2(config);
  auto groups = ec2.send(Ec2::describeSecurityGroups().groupName("redshift_security_group"));
  Rds rds(config);
  auto instances = rds.send(Rds::describeDBInstances().identifier("seed-postgres"));
  S3 s3(config);
  auto objects = s3.send(S3::listObjectsV2().bucket("my-seed-bucket"));

  std::cout << clusters.ok() << role.ok() << identity.ok() << groups.ok() << instances.ok() << objects.ok() << "\n";
  return 0;
}
