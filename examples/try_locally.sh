#!/usr/bin/env bash
# The main job on a local AWS emulator, no AWS account needed: installs the dependencies,
# builds the redshift_cluster example, starts moto_server on a free loopback port, creates the
# seed's redshift-cluster, waits for it, shows its status and endpoint, deletes it, and stops
# the emulator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

"$root/cmake/install_dependencies.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target redshift_cluster -j"$(nproc)" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$build/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; wait $moto 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# A local emulator takes any key; these placeholders are never sent anywhere else.
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1
export AWS_ENDPOINT_URL=http://127.0.0.1:$port
export REDSHIFT_MASTER_PASSWORD=Passw0rdLocal1
cluster="$build/examples/redshift_cluster"

set -x
"$cluster" create --identifier redshift-cluster --db-name dev --port 5439 --master-username awsuser --wait
"$cluster" status --identifier redshift-cluster
"$cluster" delete --identifier redshift-cluster --wait
{ set +x; } 2>/dev/null
