#pragma once
// What the cluster and database tools say about reachability: a cluster or database that is
// private while one of its security groups opens a port to the whole internet is reachable from
// nowhere outside its VPC, which is rarely what the rule was made for.
#include <awsdirect/config.hpp>

#include <string>
#include <vector>

namespace tool {

// Prints a note on stderr for each of `groupIds` that opens `port` (or every port) to 0.0.0.0/0
// or ::/0 when the resource is not publicly accessible. A group that cannot be read is skipped.
void sayWhenPrivateButOpen(const awsdirect::ClientConfig& config, const std::vector<std::string>& groupIds,
                           bool publiclyAccessible, int port, const std::string& what);

}  // namespace tool
