// Definitions of <awsdirect/environment.hpp>.
#include <cstdlib>
#include <memory>

namespace awsdirect {

Environment Environment::process() {
  return {[](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  }};
}

Environment Environment::fromMap(std::map<std::string, std::string> values) {
  auto shared = std::make_shared<const std::map<std::string, std::string>>(std::move(values));
  return {[shared](const std::string& name) -> std::optional<std::string> {
    auto found = shared->find(name);
    if (found == shared->end()) return std::nullopt;
    return found->second;
  }};
}

std::optional<std::string> Environment::getNonEmpty(const std::string& name) const {
  auto value = get(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace awsdirect
