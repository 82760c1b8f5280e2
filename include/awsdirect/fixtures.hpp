#pragma once
// Recorded HTTP fixtures: record the real exchanges of a program or test once, commit them, and
// replay them in every later run with no network, no credentials and no emulator.
//
//   fixtures/transports.hpp  RecordingTransport and ReplayingTransport, ordinary Transports
//   fixtures/switch.hpp      AWSDIRECT_FIXTURES=record|replay, for programs that change no code
//   fixtures/file.hpp        the file format; fixtures/redaction.hpp what never reaches a file;
//   fixtures/matching.hpp    how a request finds its recorded exchange
//   FixtureSession (here)    the few lines a test needs
#include <memory>
#include <string>

#include "config.hpp"
#include "detail/build_mode.hpp"
#include "fixtures/file.hpp"
#include "fixtures/matching.hpp"
#include "fixtures/redaction.hpp"
#include "fixtures/switch.hpp"
#include "fixtures/transports.hpp"

namespace awsdirect {

// One fixture file for a test:
//
//   awsdirect::FixtureSession fixture(FIXTURES "/create_cluster.http");
//   awsdirect::Redshift redshift(fixture.clientConfig());
//   ... call the code under test with `redshift` ...
//   CHECK(fixture.allUsed());
//
// It replays the file, needing no network and no credentials. When the environment of `base`
// (the process's, by default) has AWSDIRECT_FIXTURES=record, it records the file instead, sending
// to the endpoint with the credentials that environment configures.
class FixtureSession {
 public:
  AWSDIRECT_DECL explicit FixtureSession(std::string path, ClientConfig base = ClientConfig());

  FixtureMode mode() const { return replaying_ ? FixtureMode::Replay : FixtureMode::Record; }
  const std::string& path() const { return path_; }
  // A configuration for every client of the test.
  const ClientConfig& clientConfig() const { return config_; }
  // Whether every recorded exchange was replayed (always true while recording).
  bool allUsed() const { return !replaying_ || replaying_->allUsed(); }
  std::string describeUnused() const { return replaying_ ? replaying_->describeUnused() : "recording " + path_; }
  // The replaying transport, for tests that look closer; null while recording.
  const std::shared_ptr<ReplayingTransport>& replaying() const { return replaying_; }
  // The recording's file, which every client of the session writes to; null while replaying.
  const std::shared_ptr<FixtureWriter>& recording() const { return recording_; }

 private:
  std::string path_;
  ClientConfig config_;
  std::shared_ptr<ReplayingTransport> replaying_;
  std::shared_ptr<FixtureWriter> recording_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/fixtures.ipp"
#endif
