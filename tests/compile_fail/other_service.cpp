// A request is sent only by its own service's client. Compiled twice by check.sh: as it is, each
// of its four misuses must fail with one message naming both services; with -DOWN_CLIENT it must
// compile, so the failures are the rule's and not a typo's.
#include <awsdirect/iam.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/s3.hpp>
#include <awsdirect/secrets_manager.hpp>

int main() {
  awsdirect::Iam iam;
  awsdirect::Redshift redshift;
  awsdirect::S3 s3;
  awsdirect::SecretsManager secrets;
#if defined(OWN_CLIENT)
  (void)iam.send(awsdirect::Iam::createRole().roleName("x"));
  (void)s3.send(awsdirect::S3::headBucket().bucket("b"));
  (void)secrets.send(awsdirect::SecretsManager::describeSecret().secretId("s"));
#else
  (void)redshift.send(awsdirect::Iam::createRole().roleName("x"));  // another Query service's request
  (void)s3.send(awsdirect::Redshift::describeClusters());           // a Query request in a REST client
  (void)redshift.send(awsdirect::S3::headBucket().bucket("b"));     // a REST request in a Query client
  (void)secrets.send(awsdirect::Redshift::describeClusters());      // a Query request in a JSON client
#endif
}
