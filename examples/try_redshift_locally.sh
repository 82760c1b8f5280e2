#!/usr/bin/env bash
# The Redshift cluster alone on a local AWS emulator, no AWS account needed: installs the
# dependencies, builds the redshift_cluster example, starts moto_server on a free loopback port,
# creates the seed's redshift-cluster, waits for it, shows its status and endpoint, deletes it,
# and stops the emulator. (try_locally.sh does the whole environment.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/cmake/install_dependencies.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target redshift_cluster -j"$(nproc)" >/dev/null

EMULATOR_LOG="$build/moto.log"
. "$root/examples/local_emulator.sh"
trap stop_emulator EXIT

export REDSHIFT_MASTER_PASSWORD=Passw0rdLocal1
cluster="$build/examples/redshift_cluster"

set -x
"$cluster" create --identifier redshift-cluster --db-name dev --port 5439 --master-username awsuser --wait
"$cluster" status --identifier redshift-cluster
"$cluster" delete --identifier redshift-cluster --wait
{ set +x; } 2>/dev/null
