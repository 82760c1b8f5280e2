#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds everything with -Werror (awsdirect
# compiled once, in separate-compilation mode; the README example and every header also
# header-only), runs every test (unit and integration, the latter against moto_server on
# loopback), then builds and runs the tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

"$root/cmake/install_dependencies.sh"
export AWSDIRECT_REQUIRE_MOTO=1  # here a missing emulator is a failure, not a skip

cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$root/build" -j"$jobs"
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

cmake -S "$root" -B "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DAWSDIRECT_SANITIZE=ON -DAWSDIRECT_BUILD_BENCH=OFF
cmake --build "$root/build-sanitize" -j"$jobs"
ctest --test-dir "$root/build-sanitize" --output-on-failure -j"$jobs"
