#!/usr/bin/env bash
# The whole environment on a local AWS emulator, no AWS account needed: installs the
# dependencies, builds hands_on_aws, starts moto_server on a free loopback port, brings the
# environment up (role, user with its key, security group, bucket with a sample CSV, Redshift
# cluster, PostgreSQL), shows it, takes it down, checks with the AWS CLI that nothing is left,
# and stops the emulator. The user's key and the passwords go to a temporary folder, never to
# your ~/.aws. (try_redshift_locally.sh does the Redshift cluster alone.)
#   AWSDIRECT_TRY_NO_BUILD=1 BUILD_DIR=build examples/try_locally.sh   uses an existing build
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}

if [ "${AWSDIRECT_TRY_NO_BUILD:-}" = 1 ]; then
  for tool in moto_server aws; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed: skipped"; exit 77; }
  done
else
  "$root/cmake/install_dependencies.sh"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target hands_on_aws -j"$(nproc)" >/dev/null
fi

EMULATOR_LOG="$build/moto.log"
. "$root/examples/local_emulator.sh"
work=$(mktemp -d)
trap 'stop_emulator; rm -rf "$work"' EXIT
export AWS_SHARED_CREDENTIALS_FILE=$work/credentials AWS_CONFIG_FILE=$work/config XDG_CONFIG_HOME=$work/config-home
printf 'id,city,visitors\n1,Lisbon,512\n2,Oslo,256\n' >"$work/sample.csv"
tool="$build/examples/hands_on_aws"

set -x
"$tool" up --name demo --cidr 127.0.0.1/32 --upload "$work/sample.csv"
"$tool" status --name demo --cidr 127.0.0.1/32
"$tool" down --name demo
{ set +x; } 2>/dev/null

# Nothing left, as the AWS CLI sees it.
cli() { "${aws[@]}" --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
left=$(
  cli s3api list-buckets --query 'Buckets[].Name'
  cli redshift describe-clusters --query 'Clusters[].ClusterIdentifier'
  cli rds describe-db-instances --query 'DBInstances[].DBInstanceIdentifier'
  cli iam list-roles --query "Roles[?starts_with(RoleName, 'demo-')].RoleName"
  cli iam list-users --query "Users[?starts_with(UserName, 'demo-')].UserName"
  cli ec2 describe-security-groups --filters Name=group-name,Values=demo-redshift-sg --query 'SecurityGroups[].GroupId'
)
if [ -n "$(tr -d '[:space:]' <<<"$left")" ]; then
  echo "left behind: $left" >&2
  exit 1
fi
echo "the AWS CLI finds nothing of environment demo left"
