#!/usr/bin/env python3
"""Strict loopback peers for awsdirect's credential providers. Python 3 standard library only.

Like http_test_server.py it listens on 127.0.0.1 on a free port, prints "PORT <n>", and exits
when its stdin closes. It plays one of:

  --kind imds        EC2 instance metadata, IMDSv2 as AWS documents it: PUT /latest/api/token
                     needs x-aws-ec2-metadata-token-ttl-seconds (1-21600), a GET of it is 405;
                     every other request needs a token it issued (401 otherwise), unless --mode
                     allows IMDSv1:
                       v2 (default)   tokens required
                       v1-only        the token PUT answers 403; requests without a token work
                       stall-token    the token PUT never answers; requests without a token work
                       stall          nothing answers
                       no-role        the role listing answers 404
                       error-body     the credentials answer 200 with Code and Message only
  --kind container   the ECS/EKS container endpoint: GET --path with Authorization equal to
                     --authorization (when given), else 401
  --kind sso         the SSO portal: GET /federation/credentials?account_id=&role_name= with
                     x-amz-sso_bearer_token equal to --sso-token, else 401

Credentials carry a serial number, so a test sees a refresh: AccessKeyId is --access-key-id
followed by the number of credentials served so far, and they expire --expires-in seconds from
now. GET /_log lists what arrived, one request per line: "METHOD PATH token=yes|no", with
"authorization=VALUE" for the container and "bearer=yes|no" for SSO.
"""

import argparse
import datetime
import http.server
import json
import threading
import time
import urllib.parse

from loopback import serve

STALL_SECONDS = 30


def make_handler(args):
    lock = threading.Lock()
    state = {"served": 0, "tokens": set(), "log": []}

    def credentials_json(style):
        with lock:
            state["served"] += 1
            serial = state["served"]
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=args.expires_in)
        key, secret, token = "%s%d" % (args.access_key_id, serial), "%s-%d" % (args.secret, serial), "%s-%d" % (args.session_token, serial)
        if style == "sso":
            return {"roleCredentials": {"accessKeyId": key, "secretAccessKey": secret, "sessionToken": token,
                                        "expiration": int(expires.timestamp() * 1000)}}
        return {"Code": "Success", "LastUpdated": "2026-12-01T00:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": key,
                "SecretAccessKey": secret, "Token": token, "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def send(self, status, body, content_type="application/json"):
            payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def record(self, extra):
            path = urllib.parse.urlsplit(self.path).path
            with lock:
                state["log"].append("%s %s %s" % (self.command, path, extra))

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            parsed = urllib.parse.urlsplit(self.path)
            if parsed.path == "/_log":
                with lock:
                    lines = "\n".join(state["log"])
                return self.send(200, lines + ("\n" if lines else ""), "text/plain")
            if args.kind == "imds":
                return self.imds(parsed.path)
            if args.kind == "container":
                return self.container(parsed.path)
            return self.sso(parsed)

        def imds(self, path):
            token = self.headers.get("x-aws-ec2-metadata-token")
            self.record("token=%s" % ("yes" if token else "no"))
            if args.mode == "stall":
                time.sleep(STALL_SECONDS)
                self.close_connection = True
                return
            if path == "/latest/api/token":
                if self.command != "PUT":
                    return self.send(405, "", "text/plain")
                if args.mode == "v1-only":
                    return self.send(403, "", "text/plain")
                if args.mode == "stall-token":
                    time.sleep(STALL_SECONDS)
                    self.close_connection = True
                    return
                ttl = self.headers.get("x-aws-ec2-metadata-token-ttl-seconds", "")
                if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                    return self.send(400, "", "text/plain")
                with lock:
                    issued = "imds-session-token-%d" % (len(state["tokens"]) + 1)
                    state["tokens"].add(issued)
                return self.send(200, issued, "text/plain")
            v1_allowed = args.mode in ("v1-only", "stall-token")
            with lock:
                valid = token in state["tokens"]
            if not valid and not (v1_allowed and token is None):
                return self.send(401, "", "text/plain")
            base = "/latest/meta-data/iam/security-credentials/"
            if path == base:
                if args.mode == "no-role":
                    return self.send(404, "", "text/plain")
                return self.send(200, args.role, "text/plain")
            if path == base + args.role:
                if args.mode == "error-body":
                    return self.send(200, {"Code": "AssumeRoleUnauthorizedAccess",
                                           "Message": "EC2 cannot assume the role " + args.role})
                return self.send(200, credentials_json("imds"))
            return self.send(404, "", "text/plain")

        def container(self, path):
            authorization = self.headers.get("Authorization")
            self.record("authorization=%s" % authorization)
            if args.authorization and authorization != args.authorization:
                return self.send(401, {"message": "not authorized"})
            if path != args.path:
                return self.send(404, {"message": "no such path"})
            return self.send(200, credentials_json("container"))

        def sso(self, parsed):
            bearer = self.headers.get("x-amz-sso_bearer_token")
            self.record("bearer=%s" % ("yes" if bearer else "no"))
            query = urllib.parse.parse_qs(parsed.query)
            if parsed.path != "/federation/credentials" or self.command != "GET":
                return self.send(404, {"message": "not found"})
            if bearer != args.sso_token:
                return self.send(401, {"message": "Session token not found or invalid"})
            if query.get("account_id") != [args.account_id] or query.get("role_name") != [args.role]:
                return self.send(403, {"message": "No access"})
            return self.send(200, credentials_json("sso"))

        do_GET = do_PUT = do_POST = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["imds", "container", "sso"], required=True)
    parser.add_argument("--mode", default="v2")
    parser.add_argument("--role", default="awsdirect-test-role")
    parser.add_argument("--path", default="/v2/credentials/test")
    parser.add_argument("--authorization", default="")
    parser.add_argument("--sso-token", default="")
    parser.add_argument("--account-id", default="123456789012")
    parser.add_argument("--access-key-id", default="ASIATESTKEY")
    parser.add_argument("--secret", default="test-secret-access-key")
    parser.add_argument("--session-token", default="test-session-token")
    parser.add_argument("--expires-in", type=int, default=6 * 3600)
    args = parser.parse_args()

    serve(make_handler(args))


if __name__ == "__main__":
    main()
