// Definitions of <awsdirect/fixtures.hpp>.
#include "../curl_transport.hpp"
#include "../detail/text.hpp"

namespace awsdirect {

FixtureSession::FixtureSession(std::string path, ClientConfig base) : path_(std::move(path)) {
  const std::string mode = detail::toLower(base.environment.get("AWSDIRECT_FIXTURES").value_or(""));
  if (mode == "record") {
    // Every client records into the one file, over curl with the options its config resolves.
    recording_ = std::make_shared<FixtureWriter>(path_);
    config_ = std::move(base);
    config_.transport = nullptr;
    config_.transportFactory = [writer = recording_](const TransportOptions& options) {
      return std::make_shared<RecordingTransport>(makeCurlTransport(options), writer);
    };
  } else {
    replaying_ = ReplayingTransport::fromFile(path_);
    config_ = detail::replayConfig(std::move(base));
    config_.transport = replaying_;
  }
}

}  // namespace awsdirect
