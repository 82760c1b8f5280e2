// Definitions of <awsdirect/log.hpp>.
#include <cstdio>

namespace awsdirect {

const char* logLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::Off: return "off";
    case LogLevel::Error: return "error";
    case LogLevel::Warn: return "warn";
    case LogLevel::Info: return "info";
    case LogLevel::Debug: return "debug";
  }
  return "?";
}

Logger Logger::toStderr(LogLevel level) {
  Logger logger;
  logger.level = level;
  logger.sink = [](LogLevel at, const std::string& message) {
    std::fprintf(stderr, "awsdirect %s: %s\n", logLevelName(at), message.c_str());
  };
  return logger;
}

}  // namespace awsdirect
