#!/usr/bin/env bash
# check.sh CXX INCLUDE_DIR: a request of one service given to another service's client does not
# compile, and the compiler says so in one message that names both services.
set -euo pipefail
cxx=$1 include=$2
here=$(cd "$(dirname "$0")" && pwd)
compile() { "$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DAWSDIRECT_SEPARATE_COMPILATION \
  -I"$include" "$@" "$here/other_service.cpp" 2>&1; }

compile -DOWN_CLIENT >/dev/null || { echo "FAILED: the requests sent by their own clients do not compile"; compile -DOWN_CLIENT | head -20; exit 1; }
echo "ok: a request sent by its own client compiles"

for case in "Iam Redshift" "Redshift S3:-DREST_CLIENT" "S3 Redshift:-DQUERY_CLIENT"; do
  services=${case%%:*}; flag=${case#*:}; [ "$flag" = "$case" ] && flag=""
  request=${services% *}; client=${services#* }
  if output=$(compile $flag); then
    echo "FAILED: a $request request given to the $client client compiled"; exit 1
  fi
  errors=$(grep -c "error" <<<"$output" || true)
  grep -q "a request is sent only by its own service's client" <<<"$output" ||
    { echo "FAILED: no message about the request's service"; echo "$output" | head -20; exit 1; }
  grep -q "is_same_v<awsdirect::$request, awsdirect::$client>" <<<"$output" ||
    { echo "FAILED: the message does not name $request and $client"; echo "$output" | head -20; exit 1; }
  [ "$errors" -le 2 ] || { echo "FAILED: $errors error lines, not one message"; echo "$output" | head -40; exit 1; }
  echo "ok: a $request request in the $client client: $(grep -m1 "evaluates to false\|requirement" <<<"$output" | sed "s/^.*note: //; s/^.*requirement //")"
done
