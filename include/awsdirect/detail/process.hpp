#pragma once
// Runs a program (no shell) with a time limit and a limit on what it prints, capturing its
// output: how credential_process is run.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

struct CommandResult {
  bool exitStatusKnown = true;  // false when SIGCHLD is ignored and the child was reaped for us
  int exitStatus = 0;
  int signal = 0;  // the signal that ended the command, or 0
  std::string out;
  std::string err;
};

// "2 s", "1500 ms".
AWSDIRECT_DECL std::string describeDuration(std::chrono::milliseconds duration);

// Runs argv (found on PATH, no shell) with stdin inherited and stdout and stderr captured.
// Throws CredentialsError when it cannot start, outlives `timeout` (it is then killed) or
// prints more than `maxOutput` bytes; `what` names it in those messages.
AWSDIRECT_DECL CommandResult runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                        std::size_t maxOutput, const std::string& what);

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/process.ipp"
#endif
