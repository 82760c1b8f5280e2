#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

#include "support/skip.hpp"

// A test program whose every test case was skipped (a missing signing suite, no moto_server)
// exits with 77, which CTest reports as skipped rather than passed.
int main(int argc, char** argv) {
  // Every test, and every program a test starts, sends to loopback addresses only (the curl
  // transport refuses any other), finds no instance metadata and no container credentials unless
  // it points them at a loopback server of its own: a forgotten setting cannot reach AWS,
  // 169.254.169.254 or 169.254.170.2.
  setenv("AWSDIRECT_LOOPBACK_ONLY", "1", 1);
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  for (const char* variable : {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                               "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                               "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT"})
    unsetenv(variable);

  doctest::Context context(argc, argv);
  int failed = context.run();
  if (context.shouldExit() || failed != 0) return failed;
  return awsdirect_test::everythingSkipped() ? 77 : 0;
}
