#!/usr/bin/env python3
"""moto_server, with the two Redshift actions an environment needs that moto 5 lacks (it answers
them 500): ModifyClusterParameterGroup, which sets require_ssl, and RebootCluster, which a cluster
needs to take it. The values set are kept on the group and read back by DescribeClusterParameters
(as "user" values), as Redshift does; a reboot leaves the cluster available, as moto's clusters
are at once. Everything else is moto's. The local emulator of the try_*_locally.sh scripts and
of the integration tests.

  moto_server.py ARGS...   the same arguments as moto_server (-H, -p, -c, -k)
"""
import re
import sys

from moto.core.responses import ActionResult
from moto.redshift import models, responses
from moto.server import main

STATUS = ("Your parameter group has been updated. If you changed only dynamic parameters, associated clusters are "
          "being modified now. If you changed static parameters, all updates, including dynamic parameters, will be "
          "applied when you reboot the associated clusters.")


def modify_cluster_parameter_group(self):
    name = self._get_param("ParameterGroupName")
    group = self.redshift_backend.describe_cluster_parameter_groups(name)[0]  # NotFound as moto answers it
    members = {}
    for key, values in self.querystring.items():
        match = re.fullmatch(r"Parameters\.Parameter\.(\d+)\.(\w+)", key)
        if match:
            members.setdefault(int(match.group(1)), {})[match.group(2)] = values[0]
    kept = getattr(group, "values_set", {})
    for member in members.values():
        kept[member["ParameterName"]] = member.get("ParameterValue", "")
    group.values_set = kept
    return ActionResult({"ParameterGroupName": name, "ParameterGroupStatus": STATUS})


def reboot_cluster(self):
    return ActionResult({"Cluster": self.redshift_backend.resume_cluster(self._get_param("ClusterIdentifier"))})


moto_describe_cluster_parameters = models.RedshiftBackend.describe_cluster_parameters


def describe_cluster_parameters(self, parameter_group_name):
    parameters = moto_describe_cluster_parameters(self, parameter_group_name)
    kept = getattr(self.parameter_groups[parameter_group_name], "values_set", {})
    for parameter in parameters:
        if parameter["ParameterName"] in kept:
            parameter.update(ParameterValue=kept[parameter["ParameterName"]], Source="user")
    return parameters


responses.RedshiftResponse.modify_cluster_parameter_group = modify_cluster_parameter_group
responses.RedshiftResponse.reboot_cluster = reboot_cluster
models.RedshiftBackend.describe_cluster_parameters = describe_cluster_parameters

if __name__ == "__main__":
    main(sys.argv[1:])
