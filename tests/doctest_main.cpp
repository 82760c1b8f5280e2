#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/skip.hpp"

// A test program whose every test case was skipped (a missing signing suite, no moto_server)
// exits with 77, which CTest reports as skipped rather than passed.
int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  int failed = context.run();
  if (context.shouldExit() || failed != 0) return failed;
  return awsdirect_test::everythingSkipped() ? 77 : 0;
}
