// consumer CASE_DIR VERSION MODE: signs a SigV4 suite case, has a bad request refused, and checks
// that the headers are of VERSION (what CMake or pkg-config said was installed) and that it was
// built in MODE, compiled (linked to libawsdirect.a) or header-only.
#include "consumer.hpp"

#include <awsdirect/redshift.hpp>
#include <awsdirect/version.hpp>

#include <iostream>

std::string refuseBadClusterIdentifier() {
  awsdirect::Redshift redshift(awsdirect::ClientConfig()
                                   .withRegion("us-east-1")
                                   .withEndpointUrl("http://127.0.0.1:9")  // never reached
                                   .withCredentials(awsdirect::Credentials("AKIDEXAMPLE", "not-a-secret")));
  const auto outcome = redshift.send(awsdirect::Redshift::createCluster()
                                         .identifier("1-starts-with-a-digit")
                                         .nodeType("dc2.large")
                                         .masterUsername("awsuser")
                                         .masterUserPassword("Example-Passw0rd"));
  if (outcome.ok()) return "the cluster was accepted";
  const awsdirect::Error& error = outcome.error();
  if (error.kind != awsdirect::ErrorKind::Validation) return "not a validation error: " + error.describe();
  for (const auto& problem : error.problems)
    if (problem.field == "ClusterIdentifier") return {};
  return "ClusterIdentifier not named: " + error.describe();
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: consumer SIGV4_SUITE_CASE_DIR EXPECTED_VERSION compiled|header-only\n";
    return 2;
  }
  int failures = 0;
  auto check = [&](const char* what, const std::string& problem) {
    std::cout << (problem.empty() ? "ok: " : "FAILED: ") << what << (problem.empty() ? "" : ": " + problem) << "\n";
    failures += !problem.empty();
  };
  check("signs the suite's request", signSuiteCase(argv[1]));
  check("refuses a bad ClusterIdentifier offline", refuseBadClusterIdentifier());
  check("headers of the installed version",
        std::string(awsdirect::kVersion) == argv[2] ? "" : std::string("kVersion is ") + awsdirect::kVersion);
#if defined(AWSDIRECT_SEPARATE_COMPILATION)
  const std::string mode = "compiled";
#else
  const std::string mode = "header-only";
#endif
  check("built as expected", mode == argv[3] ? "" : "built " + mode + ", expected " + argv[3]);
  return failures == 0 ? 0 : 1;
}
