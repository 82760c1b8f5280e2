#!/usr/bin/env bash
# Build cost of awsdirect, measured in one run: the wall time and peak compiler memory of a
# translation unit that includes <awsdirect.hpp> and makes one call of each service
# (build_cost/all_services.cpp), next to a unit of only the headers awsdirect builds on
# (build_cost/dependencies_only.cpp). Both modes are measured:
#   header-only           the default: every definition is compiled in the user's unit
#   separate compilation  -DAWSDIRECT_SEPARATE_COMPILATION: the user's unit sees declarations;
#                         the definitions are compiled once, in one unit of <awsdirect/src.hpp>
#
#   bench/build_cost.sh [-O2] [runs]      (flags default to -O2; each figure is the median of runs, default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
opt=${1:--O2}
runs=${2:-3}
cxx=${CXX:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-std=c++17 "$opt" -I"$root/include" -I/usr/include/x86_64-linux-gnu -c)

# Prints "seconds megabytes" of the median run of compiling $1 with the extra flags after it.
measure() {
  local source=$1; shift
  local results=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$cxx" "${flags[@]}" "$@" "$source" -o "$work/unit.o"
    results+=("$(cat "$work/time")")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p" |
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'
}

printf 'compiler: %s, flags: %s, median of %d runs\n\n' "$("$cxx" --version | head -1)" "$opt" "$runs"
read -r base_s base_mb < <(measure "$root/bench/build_cost/dependencies_only.cpp")
printf '%-46s %8s %8s %10s\n' "translation unit" "seconds" "MB" "x deps"
row() { printf '%-46s %8.2f %8.0f %10.1f\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$base_s" 'BEGIN { print a / b }')"; }
row "dependencies only" "$base_s" "$base_mb"

read -r ho_s ho_mb < <(measure "$root/bench/build_cost/all_services.cpp")
row "all services, header-only" "$ho_s" "$ho_mb"
if [ -f "$root/include/awsdirect/src.hpp" ]; then
  read -r sc_s sc_mb < <(measure "$root/bench/build_cost/all_services.cpp" -DAWSDIRECT_SEPARATE_COMPILATION)
  row "all services, separate compilation" "$sc_s" "$sc_mb"
  printf '#include <awsdirect/src.hpp>\n' > "$work/src.cpp"
  read -r src_s src_mb < <(measure "$work/src.cpp" -DAWSDIRECT_SEPARATE_COMPILATION)
  row "  + <awsdirect/src.hpp>, compiled once" "$src_s" "$src_mb"
fi
