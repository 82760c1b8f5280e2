#!/usr/bin/env python3
"""botocore's CPU per DescribeClusters call in memory: the client's whole pipeline with its
before-send event answering at once (no network), as bench_call_cost measures awsdirect's.
Prints microseconds of process CPU per call.   botocore_call_cost.py [calls]"""
import sys
import time

import botocore.session
from botocore.awsrequest import AWSResponse

BODY = (b"<DescribeClustersResponse><DescribeClustersResult><Clusters><Cluster><ClusterIdentifier>redshift-cluster"
        b"</ClusterIdentifier><ClusterStatus>available</ClusterStatus><NodeType>dc2.large</NodeType></Cluster>"
        b"</Clusters></DescribeClustersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
        b"</DescribeClustersResponse>")


class Raw:
    def stream(self, **kwargs):
        yield BODY


def answer(request, **kwargs):
    return AWSResponse(request.url, 200, {"Content-Type": "text/xml"}, Raw())


calls = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
session = botocore.session.get_session()
client = session.create_client("redshift", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                               aws_secret_access_key="secret")
client.meta.events.register("before-send.redshift.DescribeClusters", answer)
for _ in range(calls // 10 + 1):
    client.describe_clusters(ClusterIdentifier="redshift-cluster")
start = time.process_time()
for _ in range(calls):
    client.describe_clusters(ClusterIdentifier="redshift-cluster")
print("%.2f" % ((time.process_time() - start) / calls * 1e6))
