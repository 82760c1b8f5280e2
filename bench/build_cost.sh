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

# The units, each compiled once a round, round after round (interleaved, so that a machine whose
# speed drifts, as a shared one's does, shifts every unit alike and the ratios hold).
names=("dependencies only" "all services, header-only")
sources=("$root/bench/build_cost/dependencies_only.cpp" "$root/bench/build_cost/all_services.cpp")
extra=("" "")
if [ -f "$root/include/awsdirect/src.hpp" ]; then
  printf '#include <awsdirect/src.hpp>\n' > "$work/src.cpp"
  names+=("all services, separate compilation" "  + <awsdirect/src.hpp>, compiled once")
  sources+=("$root/bench/build_cost/all_services.cpp" "$work/src.cpp")
  extra+=(-DAWSDIRECT_SEPARATE_COMPILATION -DAWSDIRECT_SEPARATE_COMPILATION)
fi
for ((i = 0; i < runs; i++)); do
  for u in "${!sources[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$cxx" "${flags[@]}" ${extra[$u]} "${sources[$u]}" -o "$work/unit.o"
    cat "$work/time" >>"$work/results.$u"
  done
done
# "seconds megabytes" of unit $1's median run.
median() { sort -n "$work/results.$1" | sed -n "$(((runs + 1) / 2))p" | awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'; }

printf 'compiler: %s, flags: %s, median of %d runs\n\n' "$("$cxx" --version | head -1)" "$opt" "$runs"
read -r base_s base_mb < <(median 0)
printf '%-46s %8s %8s %10s\n' "translation unit" "seconds" "MB" "x deps"
for u in "${!sources[@]}"; do
  read -r unit_s unit_mb < <(median "$u")
  printf '%-46s %8.2f %8.0f %10.1f\n' "${names[$u]}" "$unit_s" "$unit_mb" "$(awk -v a="$unit_s" -v b="$base_s" 'BEGIN { print a / b }')"
done
