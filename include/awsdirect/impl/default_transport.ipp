// Definitions of <awsdirect/default_transport.hpp>.
#include <atomic>

#include "../curl_transport.hpp"

namespace awsdirect {

namespace detail {
// The setup the program chose; a function pointer, so that reading it is one atomic load.
AWSDIRECT_DECL std::atomic<DefaultClientSetup>& defaultClientSetup() {
  static std::atomic<DefaultClientSetup> setup{nullptr};
  return setup;
}
}  // namespace detail

void setDefaultClientSetup(DefaultClientSetup setup) { detail::defaultClientSetup().store(setup); }

ClientConfig withDefaultTransport(ClientConfig config) {
  if (config.transport || config.transportFactory) return config;
  if (DefaultClientSetup setup = detail::defaultClientSetup().load()) {
    config = setup(std::move(config));
    if (config.transport || config.transportFactory) return config;
  }
  config.transportFactory = &makeCurlTransport;
  return config;
}

}  // namespace awsdirect
