#pragma once
// The environment's Redshift cluster and PostgreSQL database, its two billable resources
// (impl/databases.ipp), and all six resources together. What the resources share is declared in
// resources.hpp.
#include <memory>
#include <vector>

#include "../detail/build_mode.hpp"
#include "resources.hpp"

namespace awsdirect {
namespace iac {

// The six resources of the environment, in the order they are listed: role, user, group, bucket,
// cluster, database.
AWSDIRECT_DECL std::vector<std::unique_ptr<Resource>> makeResources(Context& context);

// Deletes the parameter groups the cluster and the database were created with (TLS required),
// once both are gone: down's last step, which also takes a group left by an up that failed
// before its cluster or database existed, and the database's groups of earlier versions'
// families. None there: nothing to do.
AWSDIRECT_DECL void deleteParameterGroups(Context& context);

}  // namespace iac
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/databases.ipp"
#endif
