#!/usr/bin/env bash
# Builds one consumer project the way its README section says, then runs it.
#   build_and_run.sh WAY SOURCE PREFIX WORK SUITE_CASE VERSION CXX
# WAY: find_package, find_package-header-only, pkg-config, pkg-config-header-only (against the
# installation in PREFIX; /usr means a system install, found with no search path given),
# add_subdirectory, fetchcontent (from the checkout in SOURCE). find_package, pkg-config and
# add_subdirectory get the compiled library, the default; the others link header-only by name;
# the consumer checks which it got.
set -euo pipefail
way=$1 source=$2 prefix=$3 work=$4 suite_case=$5 version=$6 cxx=$7
here=$(cd "$(dirname "$0")" && pwd)
warnings="-Wall -Wextra -Wpedantic -Werror"  # awsdirect's headers must not warn in a user's build

if [ ! -f "$suite_case/request.txt" ]; then
  echo "the SigV4 suite case $suite_case is missing: skipped"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"

search=()
if [ "$prefix" != /usr ]; then search=(-DCMAKE_PREFIX_PATH="$prefix"); fi
config_dir() {
  local config
  config=$(find "$prefix"/lib* -maxdepth 4 -path '*/cmake/awsdirect/awsdirectConfig.cmake' 2>/dev/null | head -n1)
  [ -n "$config" ] || { echo "no awsdirectConfig.cmake under $prefix" >&2; exit 1; }
  dirname "$config"
}
configure() {  # configure SOURCE_FOLDER ARGS...
  cmake -S "$1" -B "$work" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$warnings" "${@:2}" >"$work/configure.log" ||
    { cat "$work/configure.log"; exit 1; }
  grep -i "awsdirect" "$work/configure.log" || true
  cmake --build "$work" -j"$(nproc)"
}

case "$way" in
  find_package)
    configure "$here/find_package" "${search[@]}" -DEXPECT_AWSDIRECT_DIR="$(config_dir)" ;;
  find_package-header-only)
    configure "$here/find_package" "${search[@]}" -DEXPECT_AWSDIRECT_DIR="$(config_dir)" \
      -DAWSDIRECT_TARGET=awsdirect::header_only ;;
  pkg-config | pkg-config-header-only)
    package=awsdirect
    if [ "$way" = pkg-config-header-only ]; then package=awsdirect-header-only; fi
    if [ "$prefix" != /usr ]; then
      PKG_CONFIG_PATH=$(dirname "$(find "$prefix"/lib* -maxdepth 3 -name "$package.pc" | head -n1)")
      export PKG_CONFIG_PATH
    fi
    found=$(pkg-config --variable=pcfiledir "$package")
    case "$found" in
      "$prefix"/*) echo "$package.pc from $found" ;;
      *) echo "pkg-config found $package.pc in '$found', not under $prefix" >&2; exit 1 ;;
    esac
    pkg-config --exact-version="$version" "$package" ||
      { echo "$package.pc is version $(pkg-config --modversion "$package"), not $version" >&2; exit 1; }
    make -C "$work" -f "$here/pkg_config/Makefile" PACKAGE="$package" CXX="$cxx" CXXFLAGS="-std=c++17 $warnings" ;;
  add_subdirectory)
    # The library as one unit: the same definitions, built in a fraction of the time (the suite's
    # main build compiles them one object per file).
    configure "$here/add_subdirectory" -DAWSDIRECT_SOURCE="$source" -DAWSDIRECT_LIBRARY_AS_ONE_UNIT=ON ;;
  fetchcontent)
    if ! commit=$(git -C "$source" rev-parse HEAD 2>/dev/null); then
      echo "$source is not a git checkout: skipped"
      exit 77
    fi
    echo "fetching $source at $commit (committed changes only)"
    configure "$here/fetchcontent" -DAWSDIRECT_GIT_REPOSITORY="$source" -DAWSDIRECT_GIT_TAG="$commit" ;;
  *)
    echo "unknown way '$way'" >&2
    exit 2 ;;
esac

mode=compiled
case "$way" in *-header-only | fetchcontent) mode=header-only ;; esac
"$work/consumer" "$suite_case" "$version" "$mode"
