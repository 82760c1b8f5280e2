#include "reachability.hpp"

#include <awsdirect/ec2.hpp>

#include <iostream>

namespace tool {

void sayWhenPrivateButOpen(const awsdirect::ClientConfig& config, const std::vector<std::string>& groupIds,
                           bool publiclyAccessible, int port, const std::string& what) {
  if (publiclyAccessible || groupIds.empty()) return;
  awsdirect::Ec2 ec2(config);
  auto request = awsdirect::Ec2::describeSecurityGroups();
  for (const auto& id : groupIds) request.groupId(id);
  auto groups = ec2.describeAllSecurityGroups(request);
  if (!groups) return;
  for (const auto& group : groups.value())
    for (const auto& permission : group.ipPermissions) {
      const bool coversPort = permission.ipProtocol == "-1" ||
                              (permission.fromPort && permission.toPort && *permission.fromPort <= port && port <= *permission.toPort);
      bool internet = false;
      for (const auto& range : permission.ipRanges) internet |= range.cidrIp == "0.0.0.0/0";
      for (const auto& range : permission.ipv6Ranges) internet |= range.cidrIpv6 == "::/0";
      if (coversPort && internet)
        std::cerr << "note: " << what << " is private (not publicly accessible), yet its group " << group.groupId
                  << " opens port " << port << " to the whole internet: reachable only from inside its VPC "
                  << "(--publicly-accessible makes it reachable)\n";
    }
}

}  // namespace tool
