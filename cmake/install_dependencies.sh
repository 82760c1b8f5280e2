#!/usr/bin/env bash
# Installs what awsdirect needs to build and test on Debian/Ubuntu: GCC and Clang (with its sanitizer
# and fuzzer runtimes), CMake, Ninja,
# the dev packages of libcurl, OpenSSL, pugixml, zlib and doctest, toml++ (the hands_on_aws tool's
# environment file; not a dependency of the library), and (for the local emulator) moto.
# Safe to run again: it installs only what is missing.
set -euo pipefail

# libclang-rt-dev: Clang's sanitizer and libFuzzer runtimes, which clang only recommends; git: the
# FetchContent packaging test clones the checkout; lld: the test builds link with it (5x faster
# than ld.bfd for the sanitized test programs).
packages=(g++ clang libclang-rt-dev lld cmake make ninja-build pkg-config git libcurl4-openssl-dev libssl-dev libpugixml-dev zlib1g-dev
          doctest-dev libtomlplusplus-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# moto_server is the local AWS emulator the integration tests and the local demo talk to.
if ! command -v moto_server >/dev/null 2>&1; then
  echo "installing moto (the local AWS emulator) with pip"
  python3 -m pip install --quiet 'moto[server]' || {
    echo "could not install moto: install it with 'python3 -m pip install \"moto[server]\"'" >&2
    exit 1
  }
fi
