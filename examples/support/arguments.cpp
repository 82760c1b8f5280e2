#include "arguments.hpp"

#include <awsdirect/error.hpp>

#include <algorithm>
#include <iostream>

namespace tool {

namespace {

bool listed(const std::vector<std::string>& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

Arguments::Arguments(int argc, char** argv, int first, ArgumentSpec spec) {
  for (int i = first; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      if (positional_.size() == spec.positional) throw UsageError("\"" + word + "\": not an option, nor an argument of this command");
      positional_.push_back(word);
      continue;
    }
    if (listed(spec.switches, word)) {
      if (has(word)) throw UsageError(word + ": given twice");
      values_[word];
      continue;
    }
    const bool repeatable = listed(spec.repeatable, word);
    if (!repeatable && !listed(spec.options, word)) throw UsageError(word + ": not an option of this command");
    if (i + 1 >= argc) throw UsageError(word + ": needs a value");
    const std::string value = argv[++i];
    if (value.empty()) throw UsageError(word + ": the value is empty");
    if (has(word) && !repeatable) throw UsageError(word + ": given twice");
    values_[word].push_back(value);
  }
}

std::string Arguments::value(const std::string& option) const {
  auto it = values_.find(option);
  return it == values_.end() || it->second.empty() ? "" : it->second.front();
}

const std::vector<std::string>& Arguments::values(const std::string& option) const {
  static const std::vector<std::string> none;
  auto it = values_.find(option);
  return it == values_.end() ? none : it->second;
}

long long Arguments::number(const std::string& option, long long fallback, long long low, long long high) const {
  if (!has(option)) return fallback;
  const std::string text = value(option);
  const UsageError bad(option + ": \"" + text + "\" is not a whole number from " + std::to_string(low) + " to " +
                       std::to_string(high));
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) throw bad;
  const long long n = std::stoll(text);
  if (n < low || n > high) throw bad;
  return n;
}

bool Arguments::truth(const std::string& option, bool fallback) const {
  if (!has(option)) return fallback;
  const std::string text = value(option);
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  throw UsageError(option + ": \"" + text + "\" is not true or false");
}

void Arguments::refuse(const std::string& option, const std::string& why) const {
  if (has(option)) throw UsageError(option + ": " + why);
}

void Arguments::require(const std::vector<std::string>& options) const {
  std::string missing;
  for (const auto& option : options)
    if (!has(option)) missing += (missing.empty() ? "" : ", ") + option;
  if (!missing.empty()) throw UsageError("missing " + missing);
}

int runTool(const ToolMain& tool, int argc, char** argv) {
  const int first = tool.hasCommand ? 2 : 1;
  if (argc < first) return tool.usage();
  const std::string command = tool.hasCommand ? argv[1] : "";
  const std::string who = std::string(tool.tool) + (command.empty() ? "" : " " + command);
  try {
    const Arguments args(argc, argv, first, tool.specOf(command));
    if (tool.required) args.require(tool.required(command));
    return tool.run(command, args);
  } catch (const UsageError& e) {
    std::cerr << who << ": " << e.what() << "\n";
    return tool.usage();
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const awsdirect::ValidationError& e) {
    std::cerr << who << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << who << ": " << e.what() << "\n";
  }
  return 1;
}

std::chrono::seconds parseDuration(const std::string& option, const std::string& text) {
  const UsageError bad(option + ": \"" + text +
                       "\" is not a duration (90s, 30m, 8h, 7d; more than 0, at most 10 years)");
  if (text.size() < 2 || text.size() > 12) throw bad;
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) throw bad;
  long long unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: throw bad;
  }
  const long long n = std::stoll(digits);  // at most 11 digits: no overflow
  if (n == 0 || n > 10LL * 366 * 86400 / unit) throw bad;
  return std::chrono::seconds(n * unit);
}

std::string formatDuration(std::chrono::seconds duration) {
  const long long s = duration.count();
  if (s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

}  // namespace tool
