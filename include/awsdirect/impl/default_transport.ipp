// Definitions of <awsdirect/default_transport.hpp>.
#include "../curl_transport.hpp"
#include "../fixtures/switch.hpp"
#include "../fixtures/transports.hpp"

namespace awsdirect {

ClientConfig withDefaultTransport(ClientConfig config) {
  if (config.transport || config.transportFactory) return config;
  const FixtureSettings fixtures = fixtureSettings(config.environment);
  switch (fixtures.mode) {
    case FixtureMode::Off:
      config.transportFactory = &makeCurlTransport;
      break;
    case FixtureMode::Record:
      config.transportFactory = [writer = detail::sharedFixtureWriter(fixtures.path)](const TransportOptions& options) {
        return std::make_shared<RecordingTransport>(makeCurlTransport(options), writer);
      };
      break;
    case FixtureMode::Replay:
      config = detail::replayConfig(std::move(config));
      config.transport = detail::sharedReplayingTransport(fixtures.path);
      break;
  }
  return config;
}

}  // namespace awsdirect
