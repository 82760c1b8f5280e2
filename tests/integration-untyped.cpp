// Operations the library has not typed, called by name through the same pipeline, against a local
// AWS (moto_server on a loopback port): Redshift's PauseCluster and ResumeCluster (Query) and S3's
// PutBucketVersioning and GetBucketVersioning (REST-XML), with moto checking every signature;
// errors arrive typed and bad names are refused before any network call.
#include <doctest/doctest.h>

#include <awsdirect/redshift.hpp>
#include <awsdirect/s3.hpp>

#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;

TEST_CASE("Redshift PauseCluster and ResumeCluster by name, typed errors, names checked first") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Redshift redshift(moto->clientConfig());
  REQUIRE(redshift.send(Redshift::createCluster().clusterIdentifier("paused").nodeType("dc2.large")
                            .masterUsername("awsuser").masterUserPassword("Example-Passw0rd")).ok());

  auto paused = redshift.call("PauseCluster", {{"ClusterIdentifier", "paused"}});
  REQUIRE(paused.ok());
  CHECK(paused.value().result().name() == "PauseClusterResult");
  CHECK(paused.value().result().child("Cluster").text("ClusterIdentifier") == "paused");
  CHECK(redshift.findCluster("paused").value().clusterStatus == "paused");

  auto resumed = redshift.call("ResumeCluster", {{"ClusterIdentifier", "paused"}});
  REQUIRE(resumed.ok());
  CHECK(resumed.value().result().child("Cluster").text("ClusterStatus") != "paused");

  auto missing = redshift.call("PauseCluster", {{"ClusterIdentifier", "no-such-cluster"}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::Service);
  CHECK(missing.error().code == "ClusterNotFound");
  CHECK(missing.error().operation == "PauseCluster");

  // Refused before the network: moto would count them.
  auto badName = redshift.call("pause cluster", {});
  REQUIRE_FALSE(badName.ok());
  CHECK(badName.error().kind == ErrorKind::Validation);
  CHECK(badName.error().problems.at(0).field == "Operation");
  auto action = redshift.call("DescribeClusters", {{"Action", "DeleteCluster"}});
  REQUIRE_FALSE(action.ok());
  CHECK(action.error().problems.at(0).field == "Parameters");

  REQUIRE(redshift.send(Redshift::deleteCluster().clusterIdentifier("paused").skipFinalClusterSnapshot()).ok());
}

TEST_CASE("S3 PutBucketVersioning and GetBucketVersioning by method, path, query and body") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("untyped-bucket")).ok());

  const std::string enable =
      "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status>"
      "</VersioningConfiguration>";
  auto put = s3.call("PutBucketVersioning", {"PUT", "/untyped-bucket", {{"versioning", ""}}, {}, enable});
  REQUIRE(put.ok());
  CHECK(put.value().status == 200);

  auto got = s3.call("GetBucketVersioning", {"GET", "/untyped-bucket", {{"versioning", ""}}});
  REQUIRE(got.ok());
  XmlDocument document(got.value().body);
  // (S3 names the root VersioningConfiguration, moto GetBucketVersioningResponse: as botocore,
  // read what is inside.)
  CHECK(document.root().text("Status") == "Enabled");

  // An object with a key that needs encoding, put and read back by name.
  HttpHeaders type;
  type.set("Content-Type", "text/plain");
  REQUIRE(s3.call("PutObject", {"PUT", "/untyped-bucket/a dir/b c.txt", {}, type, "hello"}).ok());
  auto object = s3.send(S3::getObject().bucket("untyped-bucket").key("a dir/b c.txt"));
  REQUIRE(object.ok());
  CHECK(object.value().body == "hello");

  auto missing = s3.call("GetBucketVersioning", {"GET", "/no-such-bucket", {{"versioning", ""}}});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "NoSuchBucket");
  CHECK(missing.error().operation == "GetBucketVersioning");
}
