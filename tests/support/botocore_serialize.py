#!/usr/bin/env python3
"""botocore's own serializer, as the oracle the unit tests compare awsdirect's requests with.

Reads JSON lines {"service": "redshift", "operation": "CreateCluster", "params": {...}} on stdin
and prints, a line each, what botocore would send for them (before signing):
  {"method": ..., "path": ..., "query": [[name, value], ...], "headers": {...}, "body": ...}
with a Query body as its [name, value] form parameters. An XML body is compared as a canonical
tree, a JSON body as values. Parameters are checked against the model
first (botocore's ParamValidator), so a test cannot pass with parameters botocore would refuse.
"""
import json
import sys
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree
from xml.etree.ElementTree import canonicalize

import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator

session = botocore.session.get_session()
models = {}


def serialize(service, operation, params):
    if service not in models:
        models[service] = session.get_service_model(service)
    model = models[service].operation_model(operation)
    report = ParamValidator().validate(params, model.input_shape)
    if report.has_errors():
        return {"error": report.generate_report()}
    request = create_serializer(models[service].metadata["protocol"]).serialize_to_request(params, model)
    path, _, query = request["url_path"].partition("?")
    body = request["body"]
    if isinstance(body, dict):  # the Query protocol: its parameters
        body = sorted([k, str(v)] for k, v in body.items())
    elif isinstance(body, bytes):
        body = body.decode()
    pairs = sorted([k, str(v)] for k, v in request["query_string"].items()) if isinstance(request["query_string"], dict) else []
    pairs += sorted([k, v] for k, v in parse_qsl(query, keep_blank_values=True))
    return {"method": request["method"], "path": path, "query": sorted(pairs),
            "headers": {k.lower(): str(v) for k, v in request["headers"].items()}, "body": body}


# Headers a client adds after serializing (signing, retries, checksums, transfer): not the serializer's.
CLIENT_HEADERS = {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "user-agent",
                  "amz-sdk-invocation-id", "amz-sdk-request", "content-length", "host", "expect",
                  "x-amz-sdk-checksum-algorithm", "content-md5"}


def compare(item):
    """With `--compare`, each line also holds what awsdirect sent ("method", "path", "query": the
    query string, "headers", "body"): prints "ok", or what differs from botocore."""
    expected = serialize(item["service"], item["operation"], item["params"])
    if "error" in expected:
        return "botocore refuses the parameters: " + expected["error"]
    sent_headers = {k.lower(): v for k, v in item["headers"].items()
                    if k.lower() not in CLIENT_HEADERS
                    and (k.lower() == "x-amz-checksum-mode" or not k.lower().startswith("x-amz-checksum-"))}
    sent = {"method": item["method"], "path": item["path"],
            "query": sorted([k, v] for k, v in parse_qsl(item["query"], keep_blank_values=True)),
            "headers": sent_headers, "body": item["body"]}
    if isinstance(expected["body"], list):
        sent["body"] = sorted([k, v] for k, v in parse_qsl(item["body"], keep_blank_values=True))
    elif expected["body"].startswith("<") and sent["body"].startswith("<"):
        # XML as a tree: <Prefix/> and <Prefix></Prefix> are the same element.
        try:
            expected["body"], sent["body"] = canonicalize(expected["body"]), canonicalize(sent["body"])
        except ElementTree.ParseError as error:
            return f"a body is not XML: {error}"
    elif expected["body"].startswith("{"):
        # JSON as values: the same members, whatever their order and spacing.
        try:
            expected["body"], sent["body"] = json.loads(expected["body"]), json.loads(sent["body"] or "null")
        except ValueError as error:
            return f"a body is not JSON: {error}"
    expected["headers"] = {k: v for k, v in expected["headers"].items() if k not in CLIENT_HEADERS}
    differences = [f"{field}: botocore {expected[field]!r}, awsdirect {sent[field]!r}"
                   for field in ("method", "path", "query", "headers", "body") if expected[field] != sent[field]]
    return "ok" if not differences else "; ".join(differences)


for line in sys.stdin:
    if line.strip():
        item = json.loads(line)
        if "--compare" in sys.argv:
            print(compare(item))
        else:
            print(json.dumps(serialize(item["service"], item["operation"], item["params"])))
