#!/usr/bin/env python3
"""botocore's own parser, as the oracle the unit tests compare awsdirect's result readers with.

Reads JSON lines {"service": "iam", "operation": "ListRoles"} on stdin and prints, a line each:
  {"document": "<ListRolesResponse>...</ListRolesResponse>", "parsed": {"Roles/0/RoleName": "...", ...}}
The document is a response of the Query protocol (or EC2's, whose paths use the wire names; or a
JSON protocol's object) with every member of the operation's output set
(lists of two, nested structures a few levels deep), made from the service's model; "parsed" is
what botocore's parser (botocore.parsers) makes of it, flattened to paths: a structure's members
joined with "/", a list's items by index; timestamps as 2026-01-02T03:04:05Z, booleans as
true/false; a map's keys in braces ("Stages/{k1}/0"), its sample keys being k1 and k2; a blob's
bytes as text. IAM's URL-encoded policy documents are decoded, as botocore's handler does.
"""
import base64
import datetime
import json
import sys
from urllib.parse import unquote

import botocore.session
from botocore.parsers import create_parser

session = botocore.session.get_session()
models = {}
POLICY_DOCUMENT = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
DEPTH = 7


def sample(shape, name, depth):
    """The XML text of a value of `shape`: every member of a structure, two items of a list."""
    kind = shape.type_name
    if kind == "structure":
        if depth > DEPTH:
            return ""
        return "".join(element(m, n, depth + 1) for n, m in shape.members.items())
    if kind == "list":
        item = shape.member.serialization.get("name", "member")
        return "".join(f"<{item}>{sample(shape.member, f'{name}{i}', depth + 1)}</{item}>" for i in (1, 2))
    if kind == "string":
        if shape.enum:
            return shape.enum[-1]
        if shape.name == "policyDocumentType":
            return POLICY_DOCUMENT
        return f"{name}-{depth}"
    if kind in ("integer", "long"):
        return str(40 + depth)
    if kind == "boolean":
        return "true"
    if kind == "timestamp":
        return f"2026-01-0{depth + 1}T03:04:05Z"
    if kind == "double" or kind == "float":
        return "2.5"
    raise ValueError(f"no sample for {kind} ({shape.name})")


JSON_EPOCH = 1767322800  # 2026-01-02T03:00:00Z: a JSON timestamp is seconds since 1970


def json_sample(shape, name, depth, pick=0):
    """A value of `shape` as the JSON protocol sends it: every member, two items, two map keys. A
    union (the Data API's Field) has one member set: the pick-th; a list of unions has one item
    per member, so that every member is read."""
    kind = shape.type_name
    if kind == "structure":
        if depth > DEPTH:
            return {}
        members = list(shape.members.items())
        if getattr(shape, "is_tagged_union", False):
            members = [members[pick % len(members)]]
        return {m.serialization.get("name", n): json_sample(m, n, depth + 1) for n, m in members}
    if kind == "list":
        item = shape.member
        if item.type_name == "structure" and getattr(item, "is_tagged_union", False):
            return [json_sample(item, f"{name}{i}", depth + 1, i) for i in range(len(item.members))]
        return [json_sample(item, f"{name}{i}", depth + 1) for i in (1, 2)]
    if kind == "map":
        return {f"k{i}": json_sample(shape.value, f"{name}{i}", depth + 1) for i in (1, 2)}
    if kind == "string":
        return shape.enum[-1] if shape.enum else f"{name}-{depth}"
    if kind in ("integer", "long"):
        return 40 + depth
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return JSON_EPOCH + 60 * depth + 5
    if kind in ("double", "float"):
        return 2.5
    if kind == "blob":
        return base64.b64encode(f"{name}-{depth}".encode()).decode()
    raise ValueError(f"no sample for {kind} ({shape.name})")


def element(member, name, depth):
    """A member as XML: <Name>value</Name>, or a flattened list's items as repeated <Name> elements."""
    tag = member.serialization.get("name", name)
    if member.type_name == "list" and member.serialization.get("flattened"):
        tag = member.serialization.get("name", member.member.serialization.get("name", name))
        return "".join(f"<{tag}>{sample(member.member, f'{name}{i}', depth + 1)}</{tag}>" for i in (1, 2))
    return f"<{tag}>{sample(member, name, depth)}</{tag}>"


def flatten(value, shape, path, out, wire_names=False):
    if isinstance(value, dict) and shape is not None and shape.type_name == "map":
        for key, item in value.items():
            flatten(item, shape.value, f"{path}/{{{key}}}", out, wire_names)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "ResponseMetadata":
                member = shape.members[key] if shape is not None else None
                name = member.serialization.get("name", key) if wire_names and member is not None else key
                flatten(item, member, f"{path}/{name}" if path else name, out, wire_names)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            flatten(item, shape.member if shape is not None else None, f"{path}/{i}", out, wire_names)
    elif isinstance(value, bool):
        out[path] = "true" if value else "false"
    elif isinstance(value, datetime.datetime):
        out[path] = value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif isinstance(value, bytes):
        out[path] = value.decode("utf-8", "replace")
    elif shape is not None and shape.name == "policyDocumentType":
        out[path] = unquote(value)
    else:
        out[path] = str(value)


def header_sample(shape, name):
    """A header's value: an HTTP date for a time, as REST-XML sends them."""
    kind = shape.type_name
    if kind == "timestamp":
        return "Fri, 02 Jan 2026 03:04:05 GMT"
    if kind in ("integer", "long"):
        return "41"
    if kind == "boolean":
        return "true"
    return shape.enum[-1] if shape.enum else f"{name}-h"


def rest_xml_response(model, root):
    """A REST-XML response: header members as headers, the rest (or the payload) as the body."""
    output = model.output_shape
    headers, body_members = {}, {}
    for name, member in output.members.items():
        location = member.serialization.get("location")
        if location == "header":
            headers[member.serialization["name"]] = header_sample(member, name)
        elif location is None:
            body_members[name] = member
    namespace = model.service_model.metadata.get("xmlNamespace", {}).get("uri", "")
    payload = output.serialization.get("payload")
    if payload:
        member = output.members[payload]
        if member.type_name in ("string", "blob"):
            return headers, f"{payload}-0"
        body = f'<{root} xmlns="{namespace}">{sample(member, payload, 1)}</{root}>'
    else:
        inner = "".join(element(m, n, 1) for n, m in body_members.items())
        body = f'<{root} xmlns="{namespace}">{inner}</{root}>'
    return headers, body


def respond(service, operation, root=None):
    if service not in models:
        models[service] = session.get_service_model(service)
    model = models[service].operation_model(operation)
    protocol = models[service].metadata["protocol"]
    output = model.output_shape
    if (service, operation) == ("s3", "GetBucketLocation"):
        # The model cannot say this document (its root's own text); botocore reads it by a handler.
        from botocore.handlers import parse_get_bucket_location

        document = '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-3</LocationConstraint>'
        parsed = {}
        parse_get_bucket_location(parsed, type("Response", (), {"raw": True, "content": document.encode()})())
        return {"document": document, "headers": {}, "parsed": parsed}
    if protocol == "json":
        document = json.dumps(json_sample(output, output.name, 0) if output is not None else {})
        parsed = create_parser(protocol).parse({"body": document.encode(), "headers": {}, "status_code": 200}, output)
        flat = {}
        flatten(parsed, output, "", flat)
        return {"document": document, "parsed": flat}
    if protocol == "rest-xml":
        headers, document = rest_xml_response(model, root or operation)
        parsed = create_parser(protocol).parse({"body": document.encode(), "headers": headers, "status_code": 200}, output)
        flat = {}
        flatten(parsed, output, "", flat, wire_names=True)  # S3's flattened lists: "Rule", not "Rules"
        return {"document": document, "headers": headers, "parsed": flat}
    result = sample(output, output.name, 0) if output is not None else ""
    wrapper = output.serialization.get("resultWrapper") if output is not None else None
    if wrapper:
        result = f"<{wrapper}>{result}</{wrapper}>"
    namespace = models[service].metadata.get("xmlNamespace", "")
    if protocol == "ec2":  # the result's members are the response element's own children
        document = f'<{operation}Response xmlns="{namespace}"><requestId>r-1</requestId>{result}</{operation}Response>'
    else:
        document = (f'<{operation}Response xmlns="{namespace}">{result}'
                    f"<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></{operation}Response>")
    parsed = create_parser(protocol).parse({"body": document.encode(), "headers": {}, "status_code": 200}, output)
    flat = {}
    # EC2's members are named on the wire otherwise (groupDescription, tagSet): paths by wire names.
    flatten(parsed, output, "", flat, wire_names=protocol == "ec2")
    return {"document": document, "parsed": flat}


for line in sys.stdin:
    if line.strip():
        item = json.loads(line)
        print(json.dumps(respond(item["service"], item["operation"], item.get("root"))), flush=True)
