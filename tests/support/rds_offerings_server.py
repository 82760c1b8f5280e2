#!/usr/bin/env python3
"""A loopback RDS that answers what moto does not: which instance classes PostgreSQL versions
run on (DescribeOrderableDBInstanceOptions; moto offers nothing) and RDS's default version
(DescribeDBEngineVersions, which moto lacks). Python 3 standard library only; like the other
loopback servers it prints "PORT <n>" and exits when its stdin closes.

The offerings are a small copy of AWS's shape of them: db.t2.small runs only older versions
(12.19, 13.15), db.t3.micro runs those and 16.4, RDS's default. Requests are Query form posts
(Action=..., Version=2014-10-31); any other action is refused as AWS refuses one it does not know.
"""

import http.server
import urllib.parse

from loopback import serve

OFFERINGS = {"db.t2.small": ["12.19", "13.15"], "db.t3.micro": ["12.19", "13.15", "16.4"]}
DEFAULT_VERSION = "16.4"
NS = "http://rds.amazonaws.com/doc/2014-10-31/"


def option(instance_class, version):
    return ("<OrderableDBInstanceOption><Engine>postgres</Engine><EngineVersion>%s</EngineVersion>"
            "<DBInstanceClass>%s</DBInstanceClass><LicenseModel>postgresql-license</LicenseModel>"
            "<StorageType>gp3</StorageType><MinStorageSize>20</MinStorageSize><MaxStorageSize>65536</MaxStorageSize>"
            "</OrderableDBInstanceOption>") % (version, instance_class)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = body.encode()
        head = ("HTTP/1.1 %d X\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % (status, len(data))).encode()
        self.wfile.write(head + data)  # one write: split writes stall on delayed ACKs

    def do_POST(self):
        form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()))
        action = form.get("Action", "")
        if "Authorization" not in self.headers:
            return self.answer(403, "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code>"
                                    "<Message>Request is missing Authentication Token</Message></Error></ErrorResponse>")
        if action == "DescribeOrderableDBInstanceOptions":
            wanted = form.get("DBInstanceClass")
            items = "".join(option(c, v) for c, versions in sorted(OFFERINGS.items()) if wanted in (None, c)
                            for v in versions if form.get("EngineVersion") in (None, v))
            return self.answer(200, '<DescribeOrderableDBInstanceOptionsResponse xmlns="%s">'
                                    "<DescribeOrderableDBInstanceOptionsResult><OrderableDBInstanceOptions>%s"
                                    "</OrderableDBInstanceOptions></DescribeOrderableDBInstanceOptionsResult>"
                                    "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                                    "</DescribeOrderableDBInstanceOptionsResponse>" % (NS, items))
        if action == "DescribeDBEngineVersions" and form.get("DefaultOnly") == "true":
            return self.answer(200, '<DescribeDBEngineVersionsResponse xmlns="%s"><DescribeDBEngineVersionsResult>'
                                    "<DBEngineVersions><DBEngineVersion><Engine>postgres</Engine>"
                                    "<EngineVersion>%s</EngineVersion></DBEngineVersion></DBEngineVersions>"
                                    "</DescribeDBEngineVersionsResult><ResponseMetadata><RequestId>r-2</RequestId>"
                                    "</ResponseMetadata></DescribeDBEngineVersionsResponse>" % (NS, DEFAULT_VERSION))
        self.answer(400, "<ErrorResponse><Error><Code>InvalidAction</Code><Message>%s is not valid for this web service"
                         "</Message></Error></ErrorResponse>" % action)


if __name__ == "__main__":
    serve(Handler)
