#!/usr/bin/env bash
# check.sh CXX INCLUDE_DIR: a request of one service given to another service's client does not
# compile, and the compiler says so in one message that names both services. other_service.cpp
# holds four such misuses (a Query service's request in another Query client, a Query request in
# the REST client, a REST request in a Query client, a Query request in a JSON client): one
# compile, one message each.
set -euo pipefail
cxx=$1 include=$2
here=$(cd "$(dirname "$0")" && pwd)
compile() { "$cxx" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DAWSDIRECT_SEPARATE_COMPILATION \
  -I"$include" "$@" "$here/other_service.cpp" 2>&1; }

compile -DOWN_CLIENT >/dev/null || { echo "FAILED: the requests sent by their own clients do not compile"; compile -DOWN_CLIENT | head -20; exit 1; }
echo "ok: a request sent by its own client compiles"

if output=$(compile); then
  echo "FAILED: requests given to another service's client compiled"; exit 1
fi
errors=$(grep -c "error:" <<<"$output" || true)
[ "$errors" -eq 4 ] || { echo "FAILED: $errors error lines for four misuses, not one message each"; echo "$output" | head -40; exit 1; }
rule="a request is sent only by its own service's client"
[ "$(grep -c "$rule" <<<"$output" || true)" -eq 4 ] ||
  { echo "FAILED: not one message saying \"$rule\" per misuse"; echo "$output" | head -40; exit 1; }
for pair in "Iam Redshift" "Redshift S3" "S3 Redshift" "Redshift SecretsManager"; do
  request=${pair% *} client=${pair#* }
  grep -q "is_same_v<awsdirect::$request, awsdirect::$client>" <<<"$output" ||
    { echo "FAILED: no message names $request and $client"; echo "$output" | head -20; exit 1; }
  echo "ok: a $request request in the $client client: $rule (is_same_v<awsdirect::$request, awsdirect::$client>)"
done
