#!/usr/bin/env bash
# Every public header of awsdirect compiles on its own, in both modes, syntax only and several at
# a time; prints the ones that do not. Then checks that header-only mode defines nothing twice.
#   tests/check_headers.sh CXX INCLUDE_DIR [--built-with-definitions]
# --built-with-definitions: the library's build compiled each header that has definitions with
# them, one object per file (awsdirect::compiled's default, with -Werror): only the headers
# without definitions of their own are left to check here.
# A header with definitions is compiled with its own .ipp right after it (as header-only mode
# includes it) but without the .ipp files of the headers it includes: so each .ipp must include
# what it uses itself, which is stricter than header-only mode and costs a fraction of it.
set -uo pipefail
cxx=$1
include=$2
built_with_definitions=${3:-}
cd "$include"
check() {
  local header=$1 source
  local ipp="$(dirname "$header")/impl/$(basename "${header%.hpp}").ipp"
  source="#include <$header>"
  [ -f "$ipp" ] && source+=$'\n'"#include \"$ipp\""
  local log="${TMPDIR:-/tmp}/check_headers.$$.$RANDOM"
  if ! printf '%s\n' "$source" |
      "$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DAWSDIRECT_SEPARATE_COMPILATION -I. -x c++ - \
        >"$log" 2>&1; then
    echo "FAILED: $header"
    head -20 "$log"
  fi
  rm -f "$log"
}
export -f check
export cxx
# Header-only mode: every definition reached from <awsdirect.hpp> must be inline, or two files of
# a program that include it would define it twice. A non-inline one is emitted even when unused,
# so one unit that includes everything shows it as a strong symbol.
one_definition() {
  local object="${TMPDIR:-/tmp}/check_headers.$$.o"
  printf '#include <awsdirect.hpp>\n' |
    "$cxx" -std=c++17 -O0 -Wall -Wextra -Wpedantic -Werror -I. -x c++ - -c -o "$object" || return 1
  local strong
  strong=$(nm -C "$object" | grep -E ' [TDBR] ' || true)
  rm -f "$object"
  if [ -n "$strong" ]; then
    echo "FAILED: not inline in header-only mode (declare it with AWSDIRECT_DECL):"
    echo "$strong"
  fi
}
one_definition >"${TMPDIR:-/tmp}/check_headers.$$.odr" 2>&1 &
odr=$!

headers=$(find awsdirect.hpp awsdirect -name '*.hpp' ! -name src.hpp ! -path '*/impl/*' | sort)
if [ "$built_with_definitions" = --built-with-definitions ]; then
  headers=$(for h in $headers; do [ -f "$(dirname "$h")/impl/$(basename "${h%.hpp}").ipp" ] || echo "$h"; done)
fi
failed=$(echo "$headers" | xargs -P "$(nproc)" -I{} bash -c 'check "{}"')
wait $odr || failed+=$'\nFAILED: <awsdirect.hpp> in header-only mode'
failed+=$(cat "${TMPDIR:-/tmp}/check_headers.$$.odr")
rm -f "${TMPDIR:-/tmp}/check_headers.$$.odr"
if [ -n "$failed" ]; then
  echo "$failed"
  exit 1
fi
checked="$(echo "$headers" | wc -l) headers compile on their own, each with its own definitions"
[ -n "$built_with_definitions" ] &&
  checked="$(echo "$headers" | wc -l) headers without definitions compile on their own (the library's build compiled the others, each with its own)"
echo "$checked;" \
  "<awsdirect.hpp> defines nothing twice in header-only mode"
