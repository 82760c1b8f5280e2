#!/usr/bin/env bash
# The whole test suite, in two builds, both with -Werror:
#   1. optimized (Release): the library compiled once (separate-compilation mode), the benchmarks,
#      the README example built header-only, every header compiled on its own, the layer rules;
#   2. AddressSanitizer and UndefinedBehaviorSanitizer (Debug): the library instrumented, the
#      examples, the unit and integration tests; runs every test, the integration tests against
#      moto_server and the AWS CLI on loopback.
# The tests run once, in the second build: its library has the same code as the first, with every
# memory error and undefined behaviour made fatal.
# It installs what is missing first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

"$root/cmake/install_dependencies.sh"
export AWSDIRECT_REQUIRE_MOTO=1  # here a missing emulator is a failure, not a skip

# Ninja compiles the tests while the library compiles (make waits for the library first).
generator() { [ -f "$1/CMakeCache.txt" ] || echo "-G Ninja"; }

cmake $(generator "$root/build") -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DAWSDIRECT_BUILD_EXAMPLES=OFF \
  -DAWSDIRECT_BUILD_UNIT_TESTS=OFF -DAWSDIRECT_BUILD_INTEGRATION_TESTS=OFF
cmake --build "$root/build" -j"$jobs"
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

cmake $(generator "$root/build-sanitize") -S "$root" -B "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug \
  -DAWSDIRECT_SANITIZE=ON -DAWSDIRECT_BUILD_BENCH=OFF
cmake --build "$root/build-sanitize" -j"$jobs"
ctest --test-dir "$root/build-sanitize" --output-on-failure -j"$jobs"
