#!/usr/bin/env python3
"""A loopback HTTP(S) server for awsdirect's transport tests. Python 3 standard library only.

It listens on 127.0.0.1 on a free port, prints "PORT <n>" on its own line to stdout once it
accepts connections, and exits when its stdin reaches end of file (so it never outlives the
test that started it) or when it is sent SIGTERM.

Every request gets an echo of what arrived, as text that is easy to read from C++:

    method GET
    target /echo?a=1            (the request target exactly as received)
    path /echo
    query a=1
    version HTTP/1.1
    connection-id 1             (which accepted TCP connection carried this request)
    connections-accepted 1      (how many TCP connections the server has accepted so far)
    header Host: 127.0.0.1:4711 (one line per header, in the order received)
    body-length 5
    <empty line>
    <the body exactly as received>

The query string steers the response (these names are the server's own, so the echoed query
still shows them):
    status=NNN              respond with this status (default 200)
    respond-header=N:V      add response header N with value V (repeatable, order kept)
    interim=1               send "100 Continue" with an X-Interim header before the response
    behaviour=...           misbehave instead of answering:
        close-without-response   read the request, then close the connection
        truncate-body            promise 100 body bytes, send 10, close
        stall-body               promise 100 body bytes, send 10, then wait
        stall                    read the request, then never answer
        trickle                  send a 100-byte body 10 bytes at a time, 0.25 s apart (slow but steady)

Options: --cert FILE --key FILE serve HTTPS with that certificate.
"""

import argparse
import http.server
import os
import signal
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

# A stalled response waits at most this long, so a forgotten server thread never lingers.
STALL_SECONDS = 30


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, tls_context):
        super().__init__(address, Handler)
        self.tls_context = tls_context
        self.connection_lock = threading.Lock()
        self.connections_accepted = 0

    def next_connection_id(self):
        with self.connection_lock:
            self.connections_accepted += 1
            return self.connections_accepted

    def finish_request(self, request, client_address):
        # The TLS handshake runs here, in the connection's own thread, so a client that rejects
        # the certificate (or never speaks) cannot block the accept loop.
        if self.tls_context is not None:
            request.settimeout(10)
            try:
                request = self.tls_context.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                request.close()
                return
            request.settimeout(None)
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        # Clients that time out or hang up mid-request are what these tests do on purpose.
        pass


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so tests can count connections

    def setup(self):
        super().setup()
        self.connection_id = self.server.next_connection_id()

    def log_message(self, format, *args):
        pass

    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def echo_text(self, body):
        target = self.path
        parsed = urllib.parse.urlsplit(target)
        lines = [
            "method " + self.command,
            "target " + target,
            "path " + parsed.path,
            "query " + parsed.query,
            "version " + self.request_version,
            "connection-id %d" % self.connection_id,
            "connections-accepted %d" % self.server.connections_accepted,
        ]
        lines += ["header %s: %s" % (name, value) for name, value in self.headers.items()]
        lines.append("body-length %d" % len(body))
        return ("\n".join(lines) + "\n\n").encode("latin-1") + body

    def respond(self):
        body = self.read_body()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        behaviour = query.get("behaviour", [""])[0]

        if behaviour == "close-without-response":
            self.close_connection = True
            return
        if behaviour == "stall":
            time.sleep(STALL_SECONDS)
            self.close_connection = True
            return
        if behaviour == "trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"0123456789")
                self.wfile.flush()
                time.sleep(0.25)
            return
        if behaviour in ("truncate-body", "stall-body"):
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"0123456789")
            self.wfile.flush()
            if behaviour == "stall-body":
                time.sleep(STALL_SECONDS)
            self.close_connection = True
            return

        if query.get("interim", [""])[0] == "1":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")
            self.wfile.flush()

        payload = self.echo_text(body)
        self.send_response(int(query.get("status", ["200"])[0]))
        for header in query.get("respond-header", []):
            name, _, value = header.partition(":")
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=iso-8859-1")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = respond


def exit_when_stdin_closes():
    # The parent holds the other end of stdin; when it exits (or crashes) we see end of file.
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    tls_context = None
    if args.cert:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(args.cert, args.key)

    server = Server(("127.0.0.1", 0), tls_context)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
