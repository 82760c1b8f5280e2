#pragma once
// What awsdirect reports about its work, for a program that wants to see it: which credential
// source was tried and which answered, each HTTP attempt and its status, retries. Off unless a
// sink is given. A message never carries a secret: no header values, no bodies, no keys or tokens.
#include <functional>
#include <string>

#include "detail/build_mode.hpp"

namespace awsdirect {

enum class LogLevel { Off, Error, Warn, Info, Debug };

// "error", "warn", "info", "debug" ("off" for Off).
AWSDIRECT_DECL const char* logLevelName(LogLevel level);

struct Logger {
  LogLevel level = LogLevel::Off;  // the most verbose level passed to the sink
  std::function<void(LogLevel, const std::string&)> sink;

  bool enabled(LogLevel at) const { return sink && at != LogLevel::Off && at <= level; }
  // Build the message only when enabled(at): `if (log.enabled(LogLevel::Debug)) log(...)`.
  void operator()(LogLevel at, const std::string& message) const {
    if (enabled(at)) sink(at, message);
  }

  // Lines "awsdirect debug: ..." on stderr.
  AWSDIRECT_DECL static Logger toStderr(LogLevel level);
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/log.ipp"
#endif
