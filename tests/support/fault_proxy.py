#!/usr/bin/env python3
"""A loopback HTTP proxy that injects one kind of fault in front of a real peer (moto_server), for
awsdirect's fault-injection tests. Python 3 standard library only.

It listens on 127.0.0.1 on a free port, prints "PORT <n>" once it accepts connections, forwards
every request to --upstream, and exits when its stdin reaches end of file (so it never outlives
the test that started it).

    fault_proxy.py --upstream http://127.0.0.1:5000 --fault NAME [--times K] [--method GET] ...

The fault applies to the first K requests whose method is --method (every method when not given;
K = -1: forever); every other request is forwarded untouched. Faults:

    reset-before     read the request, then reset the connection (RST) without answering
    reset-mid        forward, send the head and half the body, then reset
    stall            read the request, then never answer
    slow             forward, send the body steadily at --rate bytes per second
    truncate         forward, promise the whole body (Content-Length), send half, close
    oversize         forward, send --extra bytes more than the body, Content-Length and
                     Content-Range included (a part longer than asked for)
    ignore-range     forward without the Range header (a proxy that ignores it: 200, whole body)
    status           answer --status with AWS's error document for --code, in the request's
                     protocol (Query's <ErrorResponse> for form bodies, the JSON protocol's
                     {"__type": ...} for application/x-amz-json bodies, else S3's <Error>)
    html             answer 200 with a captive portal's HTML page
    wrong-document   answer 200 with another operation's well-formed response
    empty            answer 200 with an empty body
    skew             the proxy's clock is --skew seconds ahead: a request whose X-Amz-Date is more
                     than 5 minutes from it gets 403 RequestTimeTooSkewed (S3) or
                     SignatureDoesNotMatch "Signature expired" (Query), or 400
                     InvalidSignatureException "Signature expired" (JSON), with the proxy's Date;
                     the others are forwarded (--times is not used)

GET /__fault_proxy/stats answers "requests N" (requests seen, this one excluded) and "faulted M".
"""

import argparse
import calendar
import email.utils
import http.client
import http.server
import json
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse

STALL_SECONDS = 60
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect"}


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = 0
        self.faulted = 0

    def take(self, method):
        """Counts a request; whether the fault applies to it."""
        with self.lock:
            self.requests += 1
            if self.options.method and method != self.options.method:
                return False
            if self.options.fault == "skew":
                return True
            if self.options.times >= 0 and self.faulted >= self.options.times:
                return False
            self.faulted += 1
            return True


def error_document(is_query, code, message):
    if is_query:
        return ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                "<RequestId>fault-proxy-1</RequestId></ErrorResponse>" % (code, message)).encode()
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message>"
            "<RequestId>fault-proxy-1</RequestId></Error>" % (code, message)).encode()


def json_error(code, message):
    """The JSON protocol's error, as Secrets Manager writes it (the code namespaced)."""
    return json.dumps({"__type": "com.amazonaws.fault#" + code, "message": message}).encode()


def amz_date_seconds(value):
    return calendar.timegm(time.strptime(value, "%Y%m%dT%H%M%SZ"))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any()

    do_PUT = do_POST = do_HEAD = do_DELETE = do_GET

    def handle_any(self):
        state = self.server.state
        options = state.options
        if self.path == "/__fault_proxy/stats":
            with state.lock:
                text = "requests %d\nfaulted %d\n" % (state.requests, state.faulted)
            return self.reply(200, {"Content-Type": "text/plain"}, text.encode())
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        faulty = state.take(self.command)
        fault = options.fault if faulty else None
        is_query = "x-www-form-urlencoded" in (self.headers.get("Content-Type") or "")
        is_json = "application/x-amz-json" in (self.headers.get("Content-Type") or "")

        if fault == "reset-before":
            return self.reset()
        if fault == "stall":
            time.sleep(STALL_SECONDS)
            return self.reset()
        if fault == "status" and is_json:
            return self.reply(options.status, {"Content-Type": "application/x-amz-json-1.1",
                                               "x-amzn-RequestId": "fault-proxy-1"},
                              json_error(options.code, "injected by the fault proxy"))
        if fault == "status":
            return self.reply(options.status, {"Content-Type": "text/xml"},
                              error_document(is_query, options.code, "injected by the fault proxy"))
        if fault == "html":
            return self.reply(200, {"Content-Type": "text/html"},
                              b"<!DOCTYPE html><html><head><title>Sign in to the hotel Wi-Fi</title></head>"
                              b"<body><form action=\"/login\">Room number: <input name=\"room\"></form></body></html>")
        if fault == "wrong-document":
            return self.reply(200, {"Content-Type": "text/xml"},
                              b"<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
                              b"<DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult>"
                              b"<ResponseMetadata><RequestId>fault-proxy-2</RequestId></ResponseMetadata>"
                              b"</DescribeDBInstancesResponse>")
        if fault == "empty":
            return self.reply(200, {"Content-Type": "text/xml"}, b"")
        if fault == "skew":
            now = time.time() + options.skew
            sent = self.headers.get("X-Amz-Date")
            if sent and abs(amz_date_seconds(sent) - now) > 300:
                date = {"Date": email.utils.formatdate(now, usegmt=True), "Content-Type": "text/xml"}
                if is_json:
                    date["Content-Type"] = "application/x-amz-json-1.1"
                    return self.reply(400, date, json_error("InvalidSignatureException",
                                                            "Signature expired: %s is now earlier than %s" %
                                                            (sent, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now - 300)))))
                if is_query:
                    return self.reply(403, date, error_document(True, "SignatureDoesNotMatch",
                                                                "Signature expired: %s is now earlier than %s" %
                                                                (sent, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now - 300)))))
                return self.reply(403, date, error_document(False, "RequestTimeTooSkewed",
                                                            "The difference between the request time and the current time is too large."))

        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if fault == "ignore-range":
            headers = {k: v for k, v in headers.items() if k.lower() != "range"}
        status, reason, response_headers, response_body = self.forward(headers, body)

        if fault == "oversize":
            response_body += b"\0" * options.extra
            for name, value in list(response_headers):
                if name.lower() == "content-range" and value.startswith("bytes "):
                    span, total = value[6:].split("/")
                    first, last = span.split("-")
                    response_headers.remove((name, value))
                    response_headers.append((name, "bytes %s-%d/%s" % (first, int(last) + options.extra, total)))
        self.send_response_only(status, reason)
        for name, value in response_headers:
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        declared = len(response_body)
        if self.command == "HEAD":
            declared = next((int(v) for n, v in response_headers if n.lower() == "content-length"), 0)
        self.send_header("Content-Length", str(declared))
        self.end_headers()
        if self.command == "HEAD":
            return
        if fault == "reset-mid":
            self.wfile.write(response_body[: len(response_body) // 2])
            self.wfile.flush()
            return self.reset()
        if fault == "truncate":
            self.wfile.write(response_body[: len(response_body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if fault == "slow":
            piece = max(1, options.rate // 10)
            for at in range(0, len(response_body), piece):
                self.wfile.write(response_body[at:at + piece])
                self.wfile.flush()
                time.sleep(0.1)
            return
        self.wfile.write(response_body)

    def forward(self, headers, body):
        upstream = urllib.parse.urlsplit(self.server.state.options.upstream)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        try:
            connection.request(self.command, self.path, body=body if body or self.command in ("PUT", "POST") else None,
                               headers=headers)
            response = connection.getresponse()
            data = response.read()
            return response.status, response.reason, list(response.getheaders()), data
        finally:
            connection.close()

    def reply(self, status, headers, body):
        self.send_response_only(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reset(self):
        """Closes with a TCP reset: SO_LINGER with a zero timeout."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass
        self.close_connection = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--fault", required=True)
    parser.add_argument("--times", type=int, default=-1)
    parser.add_argument("--method")
    parser.add_argument("--status", type=int, default=503)
    parser.add_argument("--code", default="ServiceUnavailable")
    parser.add_argument("--rate", type=int, default=100000)
    parser.add_argument("--extra", type=int, default=100)
    parser.add_argument("--skew", type=float, default=1200)
    options = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    sys.stdin.read()  # until the test closes our stdin
    server.shutdown()


if __name__ == "__main__":
    main()
