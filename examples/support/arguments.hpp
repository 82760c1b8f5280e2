#pragma once
// The example tools' one argument parser: "--option VALUE" options (some repeatable), switches
// without a value, and positional words. A bad command line is a UsageError that names the
// option and the rule; the tools print it and exit 2.
#include <chrono>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tool {

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// Bad input that is not the command line (a file the tool reads): its message names its own
// place ("env.toml:12: ..."), and the tool exits 2 without the usage text.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

struct ArgumentSpec {
  std::vector<std::string> options;     // take a value: "--name"
  std::vector<std::string> repeatable;  // take a value, and may come again: "--upload"
  std::vector<std::string> switches;    // take none: "--open-to-internet"
  std::size_t positional = 0;           // at most this many words that are not options
};

// Reads a tool's command line:
//   tool::Arguments args(argc, argv, 2, {{"--identifier", "--port"}, {"--iam-role"}, {"--wait"}});
//   const int port = static_cast<int>(args.number("--port", 5439, 1150, 65535));
class Arguments {
 public:
  // Reads argv[first..]. An unknown option, a missing value or an empty one (which means nothing
  // for any option here), or an option given twice that is not repeatable, is a UsageError.
  Arguments(int argc, char** argv, int first, ArgumentSpec spec);

  bool has(const std::string& option) const { return values_.count(option) != 0; }
  // The option's value; "" when it was not given.
  std::string value(const std::string& option) const;
  const std::vector<std::string>& values(const std::string& option) const;
  bool on(const std::string& flag) const { return has(flag); }
  const std::vector<std::string>& positional() const { return positional_; }
  // The option's value, or `fallback` when it was not given.
  std::string valueOr(const std::string& option, const std::string& fallback) const {
    return has(option) ? value(option) : fallback;
  }
  // The option's value as a whole number from `low` to `high`, or `fallback` when not given; else
  // a UsageError: --port: "54x" is not a whole number from 1150 to 65535.
  long long number(const std::string& option, long long fallback, long long low, long long high) const;
  // The option's value as true or false ("true", "false", "yes", "no"), or `fallback` when not given.
  bool truth(const std::string& option, bool fallback) const;
  // Throws a UsageError naming each of `options` not given.
  void require(const std::vector<std::string>& options) const;
  // Throws a UsageError when `option` was given (it means nothing for this command).
  void refuse(const std::string& option, const std::string& why) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// A tool's main: `tool COMMAND --option VALUE...` read by the command's spec (specOf throws a
// UsageError for an unknown command), `required` options checked, then `run`. What it throws
// becomes the exit code: a UsageError prints "TOOL COMMAND: --option: rule" and the usage (2), an
// InputError prints itself (2), a ValidationError (the library's rules, before any call) prints
// itself (2), anything else 1.
// `command` is empty for a tool without commands (its options start at argv[1]).
struct ToolMain {
  const char* tool;
  bool hasCommand = true;
  std::function<ArgumentSpec(const std::string& command)> specOf;
  std::function<std::vector<std::string>(const std::string& command)> required;
  std::function<int(const std::string& command, const Arguments& args)> run;
  std::function<int()> usage;
};
int runTool(const ToolMain& tool, int argc, char** argv);

// "90s", "30m", "8h", "7d": more than 0, at most 10 years. Anything else is a UsageError that
// names `option`: --ttl: "-5h" is not a duration (90s, 30m, 8h, 7d; more than 0, at most 10 years).
std::chrono::seconds parseDuration(const std::string& option, const std::string& text);
// The duration as the file and the tags write it: "8h", "90s".
std::string formatDuration(std::chrono::seconds duration);

}  // namespace tool
