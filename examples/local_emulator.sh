# Sourced by the try_*_locally.sh scripts: starts moto_server (the local AWS emulator) on a free
# loopback port, with AWS's managed policies loaded, and aims the AWS_* settings at it. The caller
# runs stop_emulator when done (its EXIT trap).
# The port is free and on loopback; nothing here reaches AWS.
emulator_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# moto_server with the Redshift action it lacks (examples/moto_server.py), in the Python that has moto.
# (moto_server itself when no python3 imports moto: a moto installed apart, pipx's say.)
# The tests give two Python scripts of theirs that answer the same commands from servers that
# have imported moto and awscli once: AWSDIRECT_TRY_MOTO_LAUNCHER (run as `LAUNCHER moto_server.py
# ARGS`) and AWSDIRECT_TRY_AWS_CLI (as `aws`).
emulator=(moto_server)
aws=(aws)
if emulator_python=$(python3 -c 'import moto, sys; print(sys.executable)' 2>/dev/null); then
  emulator=("$emulator_python" "$(dirname "${BASH_SOURCE[0]}")/moto_server.py")
  if [ -n "${AWSDIRECT_TRY_MOTO_LAUNCHER:-}" ]; then emulator=("$emulator_python" -S "$AWSDIRECT_TRY_MOTO_LAUNCHER" "${emulator[@]:1}"); fi
  if [ -n "${AWSDIRECT_TRY_AWS_CLI:-}" ]; then aws=("$emulator_python" -S "$AWSDIRECT_TRY_AWS_CLI"); fi
fi
MOTO_IAM_LOAD_MANAGED_POLICIES=true "${emulator[@]}" -H 127.0.0.1 -p "$emulator_port" >"${EMULATOR_LOG:-/dev/null}" 2>&1 &
emulator_pid=$!
stop_emulator() { kill "$emulator_pid" 2>/dev/null; wait "$emulator_pid" 2>/dev/null || true; }
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$emulator_port") 2>/dev/null && break
  sleep 0.1
done

# A local emulator takes any key; these placeholders are never sent anywhere else.
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE
export AWS_ENDPOINT_URL=http://127.0.0.1:$emulator_port
# No instance metadata or container credentials on a laptop: the chain does not look for them.
export AWS_EC2_METADATA_DISABLED=true
