"""A server of forks for the tests' Python tools (aws_cli.py, moto_fork.py): it imports the slow
modules once (awscli, moto: one to two seconds of CPU each time an interpreter does), then answers
each request on a Unix socket with a forked child, which costs milliseconds.

  serve(path, warm, handle)    the server: warm() once, then handle(connection) in a child per
                               connection; gone after a minute with neither a request nor a child
  connect(path, serve_argv, serve_env)
                               a connection to the server at `path`, started with serve_argv (in
                               serve_env, else this process's environment) when none answers
"""
import fcntl
import gc
import os
import socket
import subprocess
import time

IDLE_SECONDS = 60


def serve(path, warm, handle):
    lock = open(path + ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server is up
    warm()  # the slow part, once
    # What warm() made lives as long as the server: out of the collector's sight, so that a child's
    # collections neither walk it nor write to its pages (which the child would then copy).
    gc.freeze()

    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)  # requests carry credentials: only this user may send them
    server.listen(16)
    server.settimeout(1.0)
    last = time.monotonic()
    children = set()
    while time.monotonic() - last < IDLE_SECONDS or children:
        for pid in list(children):
            if os.waitpid(pid, os.WNOHANG)[0]:
                children.discard(pid)
        try:
            connection, _ = server.accept()
        except socket.timeout:
            continue
        last = time.monotonic()
        pid = os.fork()
        if pid == 0:
            server.close()
            lock.close()
            try:
                handle(connection)
            finally:
                os._exit(0)
        children.add(pid)
        connection.close()
    os.unlink(path)


def connect(path, serve_argv, serve_env=None):
    for attempt in range(600):  # up to 30 s for a server to import what it warms
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            client.connect(path)
            return client
        except OSError:
            client.close()
            if attempt == 0:
                subprocess.Popen(serve_argv, start_new_session=True, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=serve_env)
            time.sleep(0.05)
    raise SystemExit(f"{serve_argv[1]}: no server answered on {path}")
