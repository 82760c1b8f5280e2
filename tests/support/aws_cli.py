#!/usr/bin/env python3
"""The AWS CLI for the tests, as `aws ARGS...`, with its modules loaded once per run.

Each `aws` process spends most of its ~0.8 CPU-s importing awscli and botocore; the integration
tests run some eighty of them. This script is the same command, answered by a server that has
imported awscli once and forks a child per command (the child takes the caller's environment,
working folder and arguments, runs awscli's own driver, and sends back its exit status and
output), so each command costs a fork instead of an interpreter (fork_server.py).

  aws_cli.py ARGS...   run `aws ARGS...` (starts the server when none answers)
  aws_cli.py --serve   the server: one per user, gone after a minute without a command
"""
import io
import json
import os
import sys

import fork_server  # beside this file

SOCKET = f"/tmp/awsdirect-aws-cli-{os.getuid()}.sock"


DRIVER = None  # made and warmed in the server, before any fork


def warm_driver():
    """awscli's driver with its command table and the tests' service models loaded: what every
    command would otherwise load again. The settings it read on the way (the server's config
    files) are forgotten in each command's child, which brings its own environment."""
    import awscli.clidriver
    import botocore.exceptions

    driver = awscli.clidriver.create_clidriver()
    driver._get_command_table()
    session = driver.session
    loader = session.get_component("data_loader")
    # The data every client is made from, which botocore's loader keeps once read: the services'
    # models, endpoint rules, paginators and waiters, the partitions, the list of services.
    session._get_internal_component("endpoint_resolver")
    loader.list_available_services("service-2")
    loader.load_data("partitions")
    for service in ("iam", "s3", "sts", "ec2", "rds", "redshift", "cloudformation", "secretsmanager", "redshift-data"):
        session.get_service_model(service)
        for kind in ("endpoint-rule-set-1", "paginators-1", "waiters-2"):
            try:
                loader.load_service_model(service, kind)
            except botocore.exceptions.DataNotFoundError:  # a service without waiters (STS)
                pass
    return driver


def run_command(request):
    """In the forked child: the caller's environment and folder, the warmed driver, the output."""
    data_path = os.environ.get("AWS_DATA_PATH")  # awscli's own data, set when it was imported
    os.environ.clear()
    os.environ.update(request["env"])
    if data_path and "AWS_DATA_PATH" not in os.environ:
        os.environ["AWS_DATA_PATH"] = data_path
    # What warming read from the server's own files is forgotten: the command's HOME,
    # AWS_CONFIG_FILE and AWS_PROFILE decide (botocore reads them again when asked).
    for cached in ("_config", "_profile_map", "_credentials", "_profile"):
        if hasattr(DRIVER.session, cached):
            setattr(DRIVER.session, cached, None)
    # awscli fixed its assumed-role credentials cache (~/.aws/cli/cache) when it was imported, by
    # the server's HOME: each command caches under its own HOME, as `aws` itself would, so that
    # credentials of one test's (or one run's) emulator are never offered to another's.
    import awscli.customizations.assumerole as assume_role
    assume_role.CACHE_DIR = os.path.join(os.path.expanduser("~"), ".aws", "cli", "cache")
    os.chdir(request["cwd"])
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        status = DRIVER.main(request["argv"])
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else 1
    except Exception as error:  # what `aws` would print before dying
        err.write(f"{type(error).__name__}: {error}\n")
        status = 255
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    out.flush()
    err.flush()
    return {"status": status or 0, "out": out.buffer.getvalue().decode("utf-8", "replace"),
            "err": err.buffer.getvalue().decode("utf-8", "replace")}


def serve():
    def warm():
        global DRIVER
        DRIVER = warm_driver()

    def handle(connection):
        with connection, connection.makefile("rwb") as stream:
            answer = run_command(json.loads(stream.readline()))
            stream.write(json.dumps(answer).encode() + b"\n")

    fork_server.serve(SOCKET, warm, handle)


def main(argv):
    if argv[:1] == ["--serve"]:
        return serve()
    client = fork_server.connect(SOCKET, [sys.executable, os.path.abspath(__file__), "--serve"])
    with client, client.makefile("rwb") as stream:
        request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd()}
        stream.write(json.dumps(request).encode() + b"\n")
        stream.flush()
        answer = json.loads(stream.readline())
    sys.stdout.write(answer["out"])
    sys.stderr.write(answer["err"])
    return answer["status"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
