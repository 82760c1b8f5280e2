#pragma once
// The example tools' one argument parser: "--option VALUE" options (some repeatable), switches
// without a value, and positional words. A bad command line is a UsageError that names the
// option and the rule; the tools print it and exit 2.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tool {

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

struct ArgumentSpec {
  std::vector<std::string> options;     // take a value: "--name"
  std::vector<std::string> repeatable;  // take a value, and may come again: "--upload"
  std::vector<std::string> switches;    // take none: "--open-to-internet"
};

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
  // Throws a UsageError naming each of `options` not given.
  void require(const std::vector<std::string>& options) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// "90s", "30m", "8h", "7d": more than 0, at most 10 years. Anything else is a UsageError that
// names `option`: --ttl: "-5h" is not a duration (90s, 30m, 8h, 7d; more than 0, at most 10 years).
std::chrono::seconds parseDuration(const std::string& option, const std::string& text);
// The duration as the file and the tags write it: "8h", "90s".
std::string formatDuration(std::chrono::seconds duration);

}  // namespace tool
