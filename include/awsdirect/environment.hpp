#pragma once
// Where settings come from: the process environment, or a map (tests never touch the real
// environment or ~/.aws).
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "detail/build_mode.hpp"

namespace awsdirect {

struct Environment {
  std::function<std::optional<std::string>(const std::string&)> lookup;

  // The process environment, read at each lookup.
  AWSDIRECT_DECL static Environment process();
  AWSDIRECT_DECL static Environment fromMap(std::map<std::string, std::string> values);

  std::optional<std::string> get(const std::string& name) const {
    if (!lookup) return std::nullopt;
    return lookup(name);
  }
  // The value when set and not empty: awsdirect reads an empty variable as unset.
  AWSDIRECT_DECL std::optional<std::string> getNonEmpty(const std::string& name) const;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/environment.ipp"
#endif
