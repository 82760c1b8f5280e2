#!/usr/bin/env bash
# Every public header of awsdirect compiles on its own, in both modes, syntax only and several at
# a time; prints the ones that do not.
#   tests/check_headers.sh CXX INCLUDE_DIR [--built-with-definitions | --definitions-as-one-unit]
# --built-with-definitions: the library's build compiled each header that has definitions with
# them, one object per file (awsdirect::compiled's default, with -Werror): only the headers
# without definitions of their own are left to check here.
# --definitions-as-one-unit: the library was compiled as one unit and each definition file alone
# is left to another run (tests/run_all.sh --full): here too only the headers without definitions.
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
# <awsdirect.hpp> is left to the readme-example test, which compiles it first thing, header-only.
headers=$(find awsdirect -name '*.hpp' ! -name src.hpp ! -path '*/impl/*' | sort)
if [ -n "$built_with_definitions" ]; then
  headers=$(for h in $headers; do [ -f "$(dirname "$h")/impl/$(basename "${h%.hpp}").ipp" ] || echo "$h"; done)
fi
failed=$(echo "$headers" | xargs -P "$(nproc)" -I{} bash -c 'check "{}"')
if [ -n "$failed" ]; then
  echo "$failed"
  exit 1
fi
checked="$(echo "$headers" | wc -l) headers compile on their own, each with its own definitions"
[ "$built_with_definitions" = --built-with-definitions ] &&
  checked="$(echo "$headers" | wc -l) headers without definitions compile on their own (the library's build compiled the others, each with its own)"
[ "$built_with_definitions" = --definitions-as-one-unit ] &&
  checked="$(echo "$headers" | wc -l) headers without definitions compile on their own (the library was built as one unit: tests/run_all.sh --full compiles each header with its definitions alone)"
echo "$checked (header-only mode's one-definition rule: the readme-example test)"
