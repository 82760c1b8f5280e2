#pragma once
// credential_process: credentials printed by a program of the user's, as botocore runs it.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "../credentials.hpp"
#include "../detail/build_mode.hpp"

namespace awsdirect {

struct ProcessCredentialsOptions {
  // The command is stopped when it runs longer (botocore waits forever).
  std::chrono::milliseconds timeout{std::chrono::minutes(1)};
  // More standard output than this stops the command.
  std::size_t maxOutputBytes = 64 * 1024;
  RefreshTiming refresh;
  // Where the command was configured, for messages: "profile 'dev' in /home/u/.aws/config".
  std::string source;
};

// Runs `credential_process`, split into words as a POSIX shell would (no shell runs it, so
// nothing is expanded), and reads the JSON it prints. Credentials with an Expiration are
// cached and fetched again before they expire (botocore's 15-minute advisory and 10-minute
// mandatory windows); without one they are kept. Thread-safe.
class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  explicit ProcessCredentialsProvider(std::string command, ProcessCredentialsOptions options = {})
      : cache_(fetcher(std::move(command), options), options.refresh) {}

  Credentials credentials() override { return cache_.credentials(); }

 private:
  AWSDIRECT_DECL static std::function<Credentials()> fetcher(std::string command,
                                                             const ProcessCredentialsOptions& options);

  RefreshingCredentialsProvider cache_;
};

namespace detail {
// The JSON credential_process prints: {"Version": 1, "AccessKeyId", "SecretAccessKey",
// optional "SessionToken" and "Expiration"}. Messages name fields, never their values.
AWSDIRECT_DECL Credentials parseCredentialProcessOutput(const std::string& output, const std::string& what);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/process.ipp"
#endif
