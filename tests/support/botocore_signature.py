#!/usr/bin/env python3
"""botocore's SigV4 signature, as an oracle the unit tests compare awsdirect's signer with.

  botocore_signature.py header --region R --service S --time YYYYMMDDTHHMMSSZ < raw-request
      prints the Authorization header botocore computes for the raw request on stdin
      ("METHOD TARGET HTTP/1.1", "Name:value" header lines, a blank line, the body);
      credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
  botocore_signature.py presigned URL METHOD
      recomputes an S3 presigned URL's signature with botocore's query signer from the URL's own
      parameters (secret from AWS_SECRET_ACCESS_KEY); prints "ok", else says what differs and
      exits 1.

  botocore_signature.py dbauth --host H --port P --user U --region R --time YYYYMMDDTHHMMSSZ
      prints the IAM database auth token botocore's RDS client generates (generate_db_auth_token,
      as `aws rds generate-db-auth-token`) at that time; credentials as for `header`.

The path is signed as sent (S3's rule: neither normalized nor encoded again), as awsdirect does
for S3; other services' paths here are plain.
"""
import argparse
import datetime
import os
import sys
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def credentials():
    return Credentials(os.environ["AWS_ACCESS_KEY_ID"] if "AWS_ACCESS_KEY_ID" in os.environ else "unused",
                       os.environ["AWS_SECRET_ACCESS_KEY"], os.environ.get("AWS_SESSION_TOKEN") or None)


def as_sent(signer_class):
    """The signer with S3's path rule: the path is signed exactly as it is sent."""
    return type("AsSent" + signer_class.__name__, (signer_class,), {"_normalize_url_path": lambda self, p: p})


def header_signature(args):
    raw = sys.stdin.read()
    head, _, body = raw.partition("\n\n")
    lines = head.split("\n")
    method, rest = lines[0].split(" ", 1)
    target = rest.rsplit(" ", 1)[0]
    headers = [line.partition(":")[::2] for line in lines[1:] if line]
    host = next(value for name, value in headers if name.lower() == "host")
    request = AWSRequest(method=method, url="https://" + host + target, data=body.encode() if body else None)
    for name, value in headers:
        request.headers[name] = value
    when = datetime.datetime.strptime(args.time, "%Y%m%dT%H%M%SZ")
    auth.get_current_datetime = lambda *a, **k: when
    # SigV4Auth, not S3SigV4Auth: the request already carries the X-Amz-Content-SHA256 it was sent with.
    as_sent(auth.SigV4Auth)(credentials(), args.service, args.region).add_auth(request)
    print("Authorization:" + request.headers["Authorization"])


def presigned_check(args):
    url = urlsplit(args.url)
    params = parse_qsl(url.query, keep_blank_values=True)
    given = dict(params)
    for name in ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
                 "X-Amz-Signature"):
        if name not in given:
            sys.exit("the presigned URL has no " + name)
    _, date, region, service, _ = given["X-Amz-Credential"].split("/")
    unsigned = [(name, value) for name, value in params if name != "X-Amz-Signature"]
    request = AWSRequest(method=args.method,
                         url=url.scheme + "://" + url.netloc + url.path + "?" + urlencode(unsigned, quote_via=quote))
    request.headers["host"] = url.netloc
    signer = as_sent(auth.S3SigV4QueryAuth)(credentials(), service, region)
    request.context["timestamp"] = given["X-Amz-Date"]
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    expected = signer.signature(string_to_sign, request)
    if expected != given["X-Amz-Signature"]:
        sys.exit("botocore signs this URL " + expected + ", not as it is (canonical request:\n" + canonical + ")")
    print("ok")


def db_auth_token(args):
    import botocore.session
    when = datetime.datetime.strptime(args.time, "%Y%m%dT%H%M%SZ")
    auth.get_current_datetime = lambda *a, **k: when
    session = botocore.session.get_session()
    client = session.create_client("rds", region_name=args.region, aws_access_key_id=credentials().access_key,
                                   aws_secret_access_key=credentials().secret_key,
                                   aws_session_token=credentials().token)
    print(client.generate_db_auth_token(args.host, int(args.port), args.user))


def main():
    parser = argparse.ArgumentParser()
    modes = parser.add_subparsers(dest="mode", required=True)
    header = modes.add_parser("header")
    header.add_argument("--region", required=True)
    header.add_argument("--service", required=True)
    header.add_argument("--time", required=True)
    presigned = modes.add_parser("presigned")
    presigned.add_argument("url")
    presigned.add_argument("method")
    dbauth = modes.add_parser("dbauth")
    for name in ("--host", "--port", "--user", "--region", "--time"):
        dbauth.add_argument(name, required=True)
    args = parser.parse_args()
    {"header": header_signature, "presigned": presigned_check, "dbauth": db_auth_token}[args.mode](args)


if __name__ == "__main__":
    main()
