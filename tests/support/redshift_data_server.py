#!/usr/bin/env python3
"""A loopback Redshift Data API for awsdirect's tests, where moto falls short (its statements
never finish). Python 3 standard library only.

Like http_test_server.py it listens on 127.0.0.1 on a free port, prints "PORT <n>", and exits when
its stdin closes. It speaks the JSON protocol as AWS does: POST / with X-Amz-Target
RedshiftData.<Operation>, Content-Type application/x-amz-json-1.1, a SigV4 Authorization for the
service redshift-data (anything else is refused with the error AWS gives), and errors as
{"__type": ..., "message": ...}.

Statements run by what their SQL says (case ignored):
  - "fail"       ends FAILED, Error 'ERROR: relation "missing" does not exist'
  - "pg_sleep"   runs (STARTED) until CancelStatement, then ABORTED
  - otherwise    SUBMITTED, then STARTED, then FINISHED at the third DescribeStatement
A finished SELECT has a result set: "generate_series(1, N)" gives N rows, otherwise 3; each row
is (id long, price double, name string, ok boolean, note null, raw blob), served 2 rows a page
by GetStatementResult with NextToken. SELECT pg_last_copy_count() answers 3; a query of
stl_load_errors answers one rejected line (and never fails). A batch's sub-statement results are
read by their ids (":1", ":2", ...). BatchExecuteStatement runs its Sqls as sub-statements
(Id ":1", ":2", ...). ListStatements lists every statement, 2 a page.

GET /_log answers every call that arrived, as JSON lines {"target": ..., "input": {...}}.
"""

import base64
import http.server
import json
import re
import threading
import time
import uuid

from loopback import serve

PAGE = 2
COPIED_ROWS = 3  # what pg_last_copy_count() answers


class Statement:
    def __init__(self, sql, request, batch=None):
        self.id = str(uuid.uuid4())
        self.sql = sql
        self.batch = batch or []
        self.request = request
        self.polls = 0
        self.cancelled = False
        self.created = time.time()
        text = (" ".join(self.batch) if self.batch else sql).lower()
        self.kind = ("ok" if "stl_load_errors" in text else "fail" if "fail" in text else "sleep" if "pg_sleep" in text
                     else "ok")
        series = re.search(r"generate_series\(\s*1\s*,\s*(\d+)\s*\)", text)
        self.rows = int(series.group(1)) if series else 3
        self.select = text.lstrip().startswith("select")

    def status(self):
        if self.kind == "sleep":
            return "ABORTED" if self.cancelled else "STARTED"
        if self.polls <= 1:
            return ["SUBMITTED", "STARTED"][self.polls]
        return "FAILED" if self.kind == "fail" else "FINISHED"

    def result_of(self, sub):
        """The columns and rows of the statement (or of its sub-statement `sub`, from 1)."""
        sql = (self.batch[sub - 1] if sub else self.sql or "").lower()
        if "pg_last_copy_count" in sql:
            return [("pg_last_copy_count", "int8")], [[{"longValue": COPIED_ROWS}]]
        if "stl_load_errors" in sql:
            return ([("line_number", "int8"), ("btrim", "varchar"), ("btrim", "varchar")],
                    [[{"longValue": 2}, {"stringValue": "price"}, {"stringValue": "Invalid digit, Value 'x', Pos 0, Type: Integer"}]])
        return COLUMNS, [self.record(i) for i in range(1, self.rows + 1)]

    def record(self, i):
        return [{"longValue": i}, {"doubleValue": i + 0.5}, {"stringValue": "row-%d é" % i}, {"booleanValue": i % 2 == 0},
                {"isNull": True}, {"blobValue": base64.b64encode(bytes([0, i, 255])).decode()}]


COLUMNS = [("id", "int8"), ("price", "float8"), ("name", "varchar"), ("ok", "bool"), ("note", "varchar"),
           ("raw", "varbyte")]


def make_handler():
    lock = threading.Lock()
    state = {"statements": {}, "order": [], "log": []}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def reply(self, status, body):
            # Head and body in one write: a split write waits on the client's delayed ACK.
            payload = json.dumps(body).encode()
            head = ("HTTP/1.1 %d %s\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: %d\r\n"
                    "x-amzn-RequestId: %s\r\n\r\n" % (status, self.responses.get(status, ("",))[0], len(payload),
                                                      uuid.uuid4())).encode()
            self.wfile.write(head + payload)
            self.wfile.flush()

        def error(self, status, code, message):
            self.reply(status, {"__type": code, "message": message})

        def do_GET(self):
            if self.path != "/_log":
                return self.error(404, "UnknownOperationException", "GET " + self.path)
            with lock:
                lines = "".join(json.dumps(entry) + "\n" for entry in state["log"]).encode()
            head = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(lines)).encode()
            self.wfile.write(head + lines)
            self.wfile.flush()

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            target = self.headers.get("X-Amz-Target", "")
            authorization = self.headers.get("Authorization", "")
            if not authorization.startswith("AWS4-HMAC-SHA256 Credential=") or "/redshift-data/aws4_request" not in authorization:
                return self.error(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
            if self.headers.get("Content-Type") != "application/x-amz-json-1.1":
                return self.error(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1")
            if not target.startswith("RedshiftData."):
                return self.error(400, "UnknownOperationException", "no X-Amz-Target")
            try:
                request = json.loads(raw or b"{}")
            except ValueError:
                return self.error(400, "SerializationException", "the body is not JSON")
            operation = target[len("RedshiftData."):]
            with lock:
                state["log"].append({"target": target, "input": request})
                handler = getattr(self, "op_" + operation, None)
                if handler is None:
                    return self.error(400, "UnknownOperationException", operation)
                return handler(request)

        def find(self, request):
            statement = state["statements"].get(request.get("Id", "").split(":")[0])
            if statement is None:
                self.error(400, "ResourceNotFoundException", "Query does not exist.")
            return statement

        def submitted(self, statement):
            r = statement.request
            body = {"Id": statement.id, "CreatedAt": statement.created, "Database": r.get("Database")}
            for key in ("ClusterIdentifier", "DbUser", "SecretArn", "WorkgroupName"):
                if key in r:
                    body[key] = r[key]
            return body

        def start(self, sql, request, batch=None):
            if not (request.get("ClusterIdentifier") or request.get("WorkgroupName") or request.get("SessionId")):
                self.error(400, "ValidationException", "ClusterIdentifier or WorkgroupName is required")
                return None
            statement = Statement(sql, request, batch)
            state["statements"][statement.id] = statement
            state["order"].append(statement.id)
            return statement

        def op_ExecuteStatement(self, request):
            if not request.get("Sql"):
                return self.error(400, "ValidationException", "Sql is required")
            statement = self.start(request["Sql"], request)
            if statement:
                self.reply(200, self.submitted(statement))

        def op_BatchExecuteStatement(self, request):
            sqls = request.get("Sqls") or []
            if not 1 <= len(sqls) <= 40:
                return self.error(400, "ValidationException", "Sqls must have 1 to 40 statements")
            statement = self.start(None, request, sqls)
            if statement:
                self.reply(200, self.submitted(statement))

        def op_DescribeStatement(self, request):
            statement = self.find(request)
            if statement is None:
                return
            status = statement.status()
            statement.polls += 1
            ended = status in ("FINISHED", "FAILED", "ABORTED")
            body = {"Id": statement.id, "Status": status, "CreatedAt": statement.created, "UpdatedAt": time.time(),
                    "Duration": 1500000 if ended else -1, "HasResultSet": status == "FINISHED" and statement.select,
                    "ResultRows": statement.rows if status == "FINISHED" and statement.select else -1,
                    "RedshiftPid": 1073815573, "RedshiftQueryId": 42}
            if statement.sql is not None:
                body["QueryString"] = statement.sql
            if statement.request.get("Parameters"):
                body["QueryParameters"] = statement.request["Parameters"]
            if status == "FAILED":
                body["Error"] = 'ERROR: relation "missing" does not exist'
            if statement.batch:
                body["SubStatements"] = [{"Id": "%s:%d" % (statement.id, i + 1), "Status": status, "QueryString": sql,
                                          "HasResultSet": False} for i, sql in enumerate(statement.batch)]
            for key in ("ClusterIdentifier", "Database", "DbUser", "SecretArn"):
                if key in statement.request:
                    body[key] = statement.request[key]
            self.reply(200, body)

        def op_GetStatementResult(self, request):
            statement = self.find(request)
            if statement is None:
                return
            parts = request.get("Id", "").split(":")
            sub = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            sql = statement.batch[sub - 1] if sub and sub <= len(statement.batch) else statement.sql or ""
            if statement.status() != "FINISHED" or not sql.lower().lstrip().startswith("select"):
                return self.error(400, "ResourceNotFoundException", "Query does not have result. Please check query status with DescribeStatement.")
            columns, records = statement.result_of(sub)
            start = int(request.get("NextToken") or 0)
            body = {"Records": records[start:start + PAGE], "TotalNumRows": len(records)}
            if start == 0:
                body["ColumnMetadata"] = [{"name": n, "label": n, "typeName": t, "nullable": 1} for n, t in columns]
            if start + PAGE < len(records):
                body["NextToken"] = str(start + PAGE)
            self.reply(200, body)

        def op_ListStatements(self, request):
            start = int(request.get("NextToken") or 0)
            ids = state["order"][start:start + PAGE]
            body = {"Statements": []}
            for i in ids:
                s = state["statements"][i]
                entry = {"Id": s.id, "Status": s.status(), "CreatedAt": s.created, "IsBatchStatement": bool(s.batch)}
                if s.batch:
                    entry["QueryStrings"] = s.batch
                else:
                    entry["QueryString"] = s.sql
                body["Statements"].append(entry)
            if start + PAGE < len(state["order"]):
                body["NextToken"] = str(start + PAGE)
            self.reply(200, body)

        def op_CancelStatement(self, request):
            statement = self.find(request)
            if statement is None:
                return
            running = statement.status() in ("SUBMITTED", "PICKED", "STARTED")
            if running:
                statement.cancelled = True
            self.reply(200, {"Status": running})

    return Handler


def main():
    serve(make_handler())


if __name__ == "__main__":
    main()
