#!/usr/bin/env bash
# The test suite, in two builds, both with -Werror:
#   1. optimized (Release, -O1; -O2 with --full), with GCC: the library compiled as one unit (with --full: one
#      object per definition file), the headers compiled on their own (with --full: each header
#      with its own definitions, which a per-file build needs), the README example compiled
#      header-only (and checked to define nothing twice), the compile-fail check, the layer rules,
#      and packaging: installed, then used by a find_package project and a pkg-config one;
#   2. AddressSanitizer and UndefinedBehaviorSanitizer (Debug, line tables only), with Clang: the
#      library (as one unit) instrumented, the examples, the unit and integration tests; runs every
#      test, the integration tests against moto_server and the AWS CLI on loopback;
#   3. the parsers' fuzzers (libFuzzer, ASan, UBSan) for a few seconds each.
# `tests/run_all.sh --full` also builds the examples with GCC and the benchmarks with Clang, fuzzes
# longer, compiles each definition file alone, and runs every packaging way: the
# header-only find_package and pkg-config projects, add_subdirectory and FetchContent of this
# checkout, and the Debian package (installed with apt-get, then removed, when this runs as root
# or with sudo that needs no password). That is half as long again: for a release, or a change to
# the build, the install rules, the includes of a definition file or the examples.
# Checks that only parse the headers (each header on its own, the compile-fail check, the README
# example) use Clang when it is installed: it reads them in a third of GCC's time.
# The tests run once, in the second build: its library has the same code as the first, with every
# memory error and undefined behaviour made fatal. The first build (one compile) and its checks
# run while the second compiles.
# On two cores the whole takes about six minutes, nearly all of it CPU: what each step costs is
# measured in the README (Tests).
# It installs what is missing first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
full=OFF
case "${1:-}" in
  "") ;;
  --full) full=ON ;;
  *) echo "usage: tests/run_all.sh [--full]" >&2; exit 2 ;;
esac

"$root/cmake/install_dependencies.sh"
export AWSDIRECT_REQUIRE_MOTO=1  # here a missing emulator is a failure, not a skip

# A new build folder gets Ninja, which compiles the tests while the library compiles (make waits
# for the library first), and the compiler given; an existing one keeps what it was made with.
fresh() {
  local folder=$1 compiler=${2:-}
  if [ ! -f "$folder/CMakeCache.txt" ]; then
    echo "-G Ninja"
    if [ -n "$compiler" ]; then echo "-DCMAKE_CXX_COMPILER=$compiler"; fi
  fi
}

# Both builds link with lld when it is there: the sanitized programs link in a fifth of ld.bfd's time.
linker=()
if command -v ld.lld >/dev/null 2>&1; then linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld); fi

# The interpreter's own folder first on PATH: a version manager's shims (pyenv's) run shell scripts
# for every python3, moto_server and aws the tests start, a sixth of the tests' CPU.
python_bin=$(python3 -c 'import os, sys; print(os.path.dirname(sys.executable))' 2>/dev/null || true)
if [ -n "$python_bin" ] && [ -d "$python_bin" ]; then export PATH="$python_bin:$PATH"; fi

if [ "$full" = ON ] && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; then export AWSDIRECT_TEST_DEB_INSTALL=1; fi

# On the way out (a failure), what still runs in the background stops, its children first.
background=()
stop_background() {
  for pid in "${background[@]}"; do
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
}
trap stop_background EXIT

# Optimized: with --full as Debian builds its packages (-O2; CMake's Release says -O3, which costs
# the build more and checks nothing more), one object per definition file as a user's build does;
# by default as one unit at -O1, which still runs the flow analyses GCC's warnings need
# (maybe-uninitialized, null dereference): 57 s of CPU, against 77 s at -O2 and 240 s per file.
# The benchmarks are compiled by the second build: what a person runs them from is a Release
# build of their own.
one_unit=ON optimize=-O1
if [ "$full" = ON ]; then one_unit=OFF optimize=-O2; fi
# The two builds are configured at once (each a few seconds of one core).
mkdir -p "$root/build"
cmake $(fresh "$root/build") -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="$optimize -DNDEBUG" \
  -DAWSDIRECT_BUILD_EXAMPLES="$full" -DAWSDIRECT_BUILD_BENCH=OFF -DAWSDIRECT_LIBRARY_AS_ONE_UNIT="$one_unit" \
  -DAWSDIRECT_CHECK_EACH_DEFINITION_FILE="$full" \
  -DAWSDIRECT_BUILD_UNIT_TESTS=OFF -DAWSDIRECT_BUILD_INTEGRATION_TESTS=OFF "${linker[@]}" >"$root/build/configure.log" 2>&1 &
configure_release=$!
background+=("$configure_release")
# Line tables are all the sanitizers' reports need (file and line); full debug information costs
# a fifth more to compile.
cmake $(fresh "$root/build-sanitize" clang++) -S "$root" -B "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only \
  -DAWSDIRECT_SANITIZE=ON -DAWSDIRECT_BUILD_BENCH="$full" -DAWSDIRECT_LIBRARY_AS_ONE_UNIT=ON "${linker[@]}"
wait "$configure_release" || { cat "$root/build/configure.log"; echo "configuring the optimized build failed" >&2; exit 1; }
cat "$root/build/configure.log"

# The first build's tests (header checks, packaging: compiles, mostly) run while the second build
# compiles: either alone leaves cores idle at its tail (a link, the last long test). Their output
# is shown when both are done; the sanitized tests, which wait on timeouts, start after both.
# (Run beside the sanitized tests instead, they slowed those by more than they saved.)
release_log="$root/build/ctest.log"
release_only=()
if [ "$full" = OFF ]; then release_only=(-LE packaging-full); fi
release_tests() { ctest --test-dir "$root/build" --output-on-failure -j"$jobs" "${release_only[@]}"; }
if [ "$full" = ON ]; then
  # Both builds at once, per file, took longer: four compilers on two cores slow each other more.
  cmake --build "$root/build" -j"$jobs"
  release_tests >"$release_log" 2>&1 &
else
  # One compile, beside the second build's; then its checks.
  { cmake --build "$root/build" -j1 && release_tests; } >"$release_log" 2>&1 &
fi
release_tests=$!
background+=("$release_tests")

build_status=0
cmake --build "$root/build-sanitize" -j"$jobs" || build_status=$?
release_status=0
wait "$release_tests" || release_status=$?
echo "== the optimized build and its tests"
cat "$release_log"
[ "$release_status" -eq 0 ] || { echo "the optimized build or its tests failed" >&2; exit "$release_status"; }
[ "$build_status" -eq 0 ] || exit "$build_status"

# 3. The parsers' fuzzers, briefly (2 s each, 10 s with --full; tests/fuzz/run.sh SECONDS runs them
# longer), built by the sanitized build when its compiler is Clang (apart from the rest: its one
# long compile would otherwise end the build on one core). They run for a set time, not a set
# amount of work, so they are built and run beside the sanitized tests.
fuzz_seconds=2
if [ "$full" = ON ]; then fuzz_seconds=10; fi
fuzz_log="$root/build-sanitize/fuzz.log"
{
  if cmake --build "$root/build-sanitize" --target help | grep -q '^[^ ]*fuzz_parsers'; then
    cmake --build "$root/build-sanitize" --target fuzz_parsers -j1
  fi
  FUZZ_BUILD_DIR="$root/build-sanitize/fuzz" "$root/tests/fuzz/run.sh" "$fuzz_seconds"
} >"$fuzz_log" 2>&1 &
fuzzers=$!
background+=("$fuzzers")

echo "== the sanitized build's tests"
# One test more than cores: several tests spend much of their time waiting (timeouts, backoff).
tests_status=0
ctest --test-dir "$root/build-sanitize" --output-on-failure -j"$((jobs + 1))" || tests_status=$?

fuzz_status=0
wait "$fuzzers" || fuzz_status=$?
echo "== the fuzzers"
cat "$fuzz_log"
[ "$tests_status" -eq 0 ] || exit "$tests_status"
exit "$fuzz_status"
