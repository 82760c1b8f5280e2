#!/usr/bin/env python3
"""The local emulator for the tests, as `moto_server.py ARGS...` (examples/moto_server.py, moto
with the actions it lacks), each a fork of a server that has imported moto once: a test program
starts moto some twenty times a run, and each new interpreter spends two seconds of CPU importing
it and its backends before its first answer.

  moto_fork.py SCRIPT ARGS...   runs SCRIPT's moto (-H, -p, -c, -k) in a fresh child of the server
                                for SCRIPT (started when none answers), with this process's
                                environment, folder, standard output and error; stays until that
                                child ends; stopped (SIGTERM, SIGINT), stops it first; killed, the
                                child notices and ends
  moto_fork.py --serve SCRIPT   the server
"""
import hashlib
import importlib.util
import json
import os
import signal
import socket
import sys
import threading

import fork_server  # beside this file

BACKENDS = ("iam", "ec2", "sts", "redshift", "rds", "s3", "cloudformation", "secretsmanager", "redshiftdata")


def socket_path(script):
    """One server per emulator script and version of it and of this file: a checkout never gets
    another's, nor an edited one a server of before the edit."""
    versions = [f"{path}:{os.stat(path).st_mtime_ns}" for path in (os.path.abspath(script), os.path.abspath(__file__))]
    key = hashlib.sha256(" ".join(versions).encode()).hexdigest()[:16]
    return f"/tmp/awsdirect-moto-{os.getuid()}-{key}.sock"


def load(script):
    spec = importlib.util.spec_from_file_location("awsdirect_moto_server", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # moto, patched as the script patches it
    return module


def warm_moto():
    """What each emulator would otherwise compute again at its first requests, computed once here
    (an environment's up, status and down cost its emulator 3.4 CPU-s before, 2.0 after, and half
    of that is IAM's managed policies, which only the emulators that ask for them load): each
    backend's module, the botocore models moto answers and raises errors with, the regions
    each backend spans, and each backend's Flask application. moto looks its own package's folders
    up on every request (to tell a backend's name from a host's); that list is made once too.
    None of what is kept depends on the settings a test gives its emulator."""
    import moto.backends
    import moto.core.base_backend
    import moto.core.utils
    import moto.server

    session = moto.core.base_backend.AccountSpecificBackend.get_session()
    for backend in BACKENDS:
        moto.backends.get_backend(backend)  # its module, which moto would import at its first request
        service = moto.core.utils.service_name_from_moto_package_name(backend)
        moto.core.utils.get_service_model(service)
        for partition in session.get_available_partitions():
            session.get_available_regions(service, partition_name=partition)
    moto_modules = tuple(moto.backends.list_of_moto_modules())
    moto.backends.list_of_moto_modules = lambda: moto_modules
    make_application = moto.server.create_backend_app
    applications = {backend: make_application(backend) for backend in BACKENDS}
    moto.server.create_backend_app = lambda backend: applications.get(backend) or make_application(backend)
    # Making an application made a backend of the default account for each service, by this
    # server's settings: gone (as moto's reset does), so that each emulator makes its own by its own.
    moto.core.base_backend.BackendDict.reset()


def serve(script):
    module = None

    def warm():
        nonlocal module
        module = load(script)
        warm_moto()

    def handle(connection):
        message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 2)
        while not message.endswith(b"\n"):
            chunk = connection.recv(1 << 20)
            if not chunk:
                return  # the caller went before it asked
            message += chunk
        request = json.loads(message)
        for target, fd in zip((1, 2), fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])

        def exit_with_caller():  # the caller gone (stopped, killed): this emulator goes too
            while connection.recv(1):
                pass
            os._exit(0)

        threading.Thread(target=exit_with_caller, daemon=True).start()
        connection.sendall(f"{os.getpid()}\n".encode())  # for the caller to stop it
        module.main(request["argv"])

    fork_server.serve(socket_path(script), warm, handle)


def main(argv):
    if argv[:1] == ["--serve"]:
        return serve(argv[1])
    script = argv[0]
    # The server imports moto without the settings a test gives its own emulator (moto reads some
    # when imported): each child takes its caller's.
    neutral = {k: v for k, v in os.environ.items() if not k.startswith("MOTO_") and k != "INITIAL_NO_AUTH_ACTION_COUNT"}
    client = fork_server.connect(socket_path(script), [sys.executable, os.path.abspath(__file__), "--serve", script],
                                 neutral)
    request = {"argv": argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}
    socket.send_fds(client, [json.dumps(request).encode() + b"\n"], [1, 2])
    answer = b""
    while not answer.endswith(b"\n"):
        chunk = client.recv(64)
        if not chunk:
            return 1  # it did not start
        answer += chunk
    emulator = int(answer)

    def stop(signum, frame):  # stopped: the emulator too, and gone (its port free) before this is
        try:
            os.kill(emulator, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while client.recv(1):
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while client.recv(1):  # until the emulator ends
        pass
    return 1  # it never ends by itself


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
