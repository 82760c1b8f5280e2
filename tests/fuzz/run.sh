#!/usr/bin/env bash
# Builds the parsers' fuzzer (clang's libFuzzer with ASan and UBSan) and runs each target for
# SECONDS (default 60), seeded from the fixtures and examples in the tree; prints each target's
# executions. Any finding stops with its input saved in build-fuzz/ (crash-*, leak-*, ...).
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     targets: xml ini json times uri fixture recording request
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(xml ini json times uri fixture recording request); fi
out=${FUZZ_BUILD_DIR:-$root/build-fuzz}
mkdir -p "$out"

binary="$out/fuzz_parsers"
if [ ! -x "$binary" ] || [ -n "$(find "$root/include" "$root/tests/fuzz" "$root/tests/support" -newer "$binary" -name '*.?pp' | head -n1)" ]; then
  echo "building $binary"
  clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/include" "$root/tests/fuzz/fuzz_parsers.cpp" -o "$binary" -lcurl -lcrypto -lpugixml -lz -pthread
fi

# Seeds: what the parsers read in the tree (fixture files, their XML, configs, JSON), and a few
# shapes of each input written here.
seed() {  # seed TARGET
  local dir="$out/seeds/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  case "$1" in
    xml | fixture) cp "$root"/tests/fixtures/*.http "$dir/" ;;
    ini) printf '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n[profile dev]\nrole_arn = x\n' >"$dir/config"
         printf '[sso-session corp]\nsso_region = eu-west-1\n\0[default]\naws_access_key_id = A\n' >"$dir/both" ;;
    json) printf '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2030-01-01T00:00:00Z"}' >"$dir/process"
          printf '{"Code": "Success", "AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T", "Expiration": "2030-01-01T00:00:00Z"}' >"$dir/imds"
          printf '[1, 2.5e3, -0, "\\u00e9", {"a": [true, false, null]}]' >"$dir/values"
          printf '{"__type": "com.amazonaws#ThrottlingException:x", "message": "m"}' >"$dir/error"
          printf '{"Records": [[{"longValue": 1}, {"isNull": true}, {"blobValue": "AAH/"}]], "ColumnMetadata": [{"name": "a"}], "NextToken": "2"}' >"$dir/records"
          printf '{"ARN": "a", "VersionIdsToStages": {"v": ["AWSCURRENT"]}, "CreatedDate": 1767322805.25, "RotationRules": {"AutomaticallyAfterDays": 3}}' >"$dir/secret" ;;
    times) printf 'Sun, 06 Nov 1994 08:49:37 GMT' >"$dir/imf"; printf '2026-11-25T21:28:47.465+02:00' >"$dir/iso"
           printf '20150830T123600Z' >"$dir/amz"; printf 'Sun Nov  6 08:49:37 1994' >"$dir/asctime" ;;
    uri) printf 'a%%20b+c%%2Fd~e%%' >"$dir/mixed"; printf '%%C3%%BC%%zz' >"$dir/bad" ;;
    request) cp "$root"/../shared/testdata/aws-signing-test-suite/v4/*/request.txt "$dir/" 2>/dev/null ||
               printf 'GET / HTTP/1.1\nHost:example.amazonaws.com\n\n' >"$dir/get" ;;
  esac
  echo "$dir"
}

fuzz() {  # fuzz TARGET: runs it, prints its executions; fails on a finding
  local target=$1 seeds corpus log
  seeds=$(seed "$target")
  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  log="$out/$target.log"
  if ! (cd "$out" && AWSDIRECT_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -print_final_stats=1 \
          -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$corpus" "$seeds" >"$log" 2>&1); then
    tail -n 40 "$log"
    echo "fuzz target $target: FINDING (see $log)" >&2
    return 1
  fi
  echo "fuzz target $target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') executions, no finding"
}

# One target per core at a time: each is a single process.
status=0 running=0
for target in "${targets[@]}"; do
  fuzz "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$(nproc)" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
