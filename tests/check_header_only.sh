#!/usr/bin/env bash
# check_header_only.sh CXX INCLUDE_DIR SOURCE OBJECT: compiles SOURCE (the README's opening example,
# which includes <awsdirect.hpp>) header-only, as printed, with -Werror; then checks that
# header-only mode defines nothing twice: every definition reached from <awsdirect.hpp> must be
# inline, or two files of a program that include it would each define it. A non-inline one is
# emitted even when unused, so this one unit shows it as a strong symbol beside main.
# At -O0: that it compiles is the point (it is not run: it would call AWS).
set -euo pipefail
cxx=$1 include=$2 source=$3 object=$4
"$cxx" -std=c++17 -O0 -Wall -Wextra -Wpedantic -Werror -I"$include" -c "$source" -o "$object"
strong=$(nm -C "$object" | grep -E ' [TDBR] ' | grep -vE ' T main$' || true)
if [ -n "$strong" ]; then
  echo "FAILED: not inline in header-only mode (declare it with AWSDIRECT_DECL):"
  echo "$strong"
  exit 1
fi
echo "ok: $(basename "$source") compiles header-only; <awsdirect.hpp> defines nothing twice in header-only mode"
