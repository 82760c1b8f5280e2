#!/usr/bin/env bash
# Stripped sizes of the example tools, measured in one run, in two builds of this checkout:
#   Release     CMake's default optimization (-O3), the library in sections, tools linked with --gc-sections
#   MinSizeRel  the same at -Os: what a packager of the tools would choose
# next to the targets: sigv4 <= 200 KiB, every other tool <= 1 MiB.
#   bench/binary_size.sh [build types...]     (default: Release MinSizeRel; a few minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
types=("$@")
[ ${#types[@]} -gt 0 ] || types=(Release MinSizeRel)
for type in "${types[@]}"; do
  cmake -G Ninja -S "$root" -B "$work/$type" -DCMAKE_BUILD_TYPE="$type" -DAWSDIRECT_BUILD_TESTS=OFF \
    -DAWSDIRECT_BUILD_BENCH=OFF -DAWSDIRECT_INSTALL=OFF >/dev/null
  cmake --build "$work/$type" >/dev/null
done
printf '%-18s' tool; printf '%14s' "${types[@]}"; printf '%14s\n' target
for program in "$work/${types[0]}"/examples/*; do
  [ -f "$program" ] && [ -x "$program" ] || continue
  name=$(basename "$program")
  printf '%-18s' "$name"
  for type in "${types[@]}"; do
    strip -o "$work/stripped" "$work/$type/examples/$name"
    printf '%14s' "$(stat -c %s "$work/stripped")"
  done
  if [ "$name" = sigv4 ]; then printf '%14s\n' 204800; else printf '%14s\n' 1048576; fi
done
