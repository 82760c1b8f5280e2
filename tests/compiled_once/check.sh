#!/usr/bin/env bash
# check.sh CXX INCLUDE_DIR WORK_DIR: with the compiled library, a program's file compiles none of
# the steps of the operations it sends (validation, serialization, result reading: operationOf,
# which the library instantiates once for each listed operation); header-only, it compiles them
# itself. program.cpp sends one operation of each protocol.
set -euo pipefail
cxx=$1 include=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
compile() { "$cxx" -std=c++17 -O0 -Wall -Wextra -Wpedantic -Werror -I"$include" "$@" -c "$here/program.cpp"; }

compile -DAWSDIRECT_SEPARATE_COMPILATION -o "$work/separate.o"
separate=$(nm -C "$work/separate.o" | grep 'awsdirect::detail::operationOf<' || true)
used=$(grep -c ' U ' <<<"$separate" || true)
defined=$(grep -vc ' U ' <<<"$separate" || true)
[ "$used" -eq 4 ] && [ "$defined" -eq 0 ] ||
  { echo "FAILED: with the compiled library, $used operations used from the library and $defined compiled here (4 and 0 expected)"; echo "$separate"; exit 1; }
echo "ok: with the compiled library, the four operations' steps are the library's (4 undefined, none compiled in the file)"

compile -o "$work/header_only.o"
header_only=$(nm -C "$work/header_only.o" | grep 'awsdirect::detail::operationOf<' || true)
defined=$(grep -vc ' U ' <<<"$header_only" || true)
[ "$defined" -ge 4 ] || { echo "FAILED: header-only, $defined operations compiled in the file (4 expected)"; echo "$header_only"; exit 1; }
echo "ok: header-only, the file compiles the four operations' steps itself"
