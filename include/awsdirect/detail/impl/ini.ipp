// Definitions of <awsdirect/detail/ini.hpp>.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "../../error.hpp"
#include "../text.hpp"

namespace awsdirect {
namespace detail {

std::vector<IniSection> parseIni(std::string_view text, const std::string& path) {
  struct Option {
    std::string name;
    std::vector<std::string> lines;
    std::size_t lineNumber;
  };
  struct RawSection {
    std::string name;
    std::vector<Option> options;
    std::set<std::string> names;  // of its options: a repeat is found in log time, not by a scan
  };
  auto fail = [&](std::size_t lineNumber, const std::string& what) -> Error {
    return configError("InvalidConfigFile",
                       "cannot parse " + path + ", line " + std::to_string(lineNumber) + ": " + what);
  };

  std::vector<RawSection> sections;
  RawSection defaults{"DEFAULT", {}, {}};
  RawSection* current = nullptr;
  Option* currentOption = nullptr;
  std::size_t indentLevel = 0;
  std::set<std::string> seenSections;

  std::size_t lineNumber = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    // Universal newlines, as Python reads text files: \n, \r\n and \r all end a line.
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::string_view line = text.substr(start, end - start);
    std::size_t next =
        end + (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
    ++lineNumber;
    if (end == text.size() && line.empty()) break;
    start = next;

    std::string_view value = trim(line);
    bool comment = !value.empty() && (value.front() == '#' || value.front() == ';');
    if (value.empty() || comment) {
      // A blank line inside a value is kept (and trailing ones trimmed later); a comment is not.
      if (!comment && currentOption) currentOption->lines.emplace_back();
      continue;
    }
    std::size_t indent = 0;
    while (indent < line.size() && isAsciiSpace(line[indent])) ++indent;
    if (currentOption && indent > indentLevel) {
      currentOption->lines.emplace_back(value);
      continue;
    }
    indentLevel = indent;
    std::size_t headerEnd = value.rfind(']');
    if (value.front() == '[' && headerEnd != std::string_view::npos && headerEnd >= 2) {
      std::string name(value.substr(1, headerEnd - 1));
      if (name == "DEFAULT") {
        current = &defaults;
      } else {
        if (!seenSections.insert(name).second) throw ConfigError(fail(lineNumber, "section [" + name + "] repeats"));
        sections.push_back(RawSection{name, {}, {}});
        current = &sections.back();
      }
      currentOption = nullptr;
      continue;
    }
    if (!current) throw ConfigError(fail(lineNumber, "a setting comes before the first [section] header"));
    std::size_t delimiter = value.find_first_of("=:");
    if (delimiter == std::string_view::npos)
      throw ConfigError(fail(lineNumber, "expected a [section] header or a 'name = value' line"));
    std::string name = toLower(trim(value.substr(0, delimiter)));
    if (name.empty())
      throw ConfigError(fail(lineNumber, "a setting has no name before '" + std::string(1, value[delimiter]) + "'"));
    if (!current->names.insert(name).second)
      throw ConfigError(fail(lineNumber, "setting '" + name + "' repeats in section [" + current->name + "]"));
    current->options.push_back(Option{name, {std::string(trim(value.substr(delimiter + 1)))}, lineNumber});
    currentOption = &current->options.back();
  }

  // Joins a value's lines; one that starts on the line after `name =` is a nested sub-section.
  auto addOption = [&](std::map<std::string, std::string>& settings, const Option& option) {
    std::string joined;
    for (std::size_t i = 0; i < option.lines.size(); ++i) {
      if (i) joined += '\n';
      joined += option.lines[i];
    }
    while (!joined.empty() && isAsciiSpace(joined.back())) joined.pop_back();
    eraseSetting(settings, option.name);  // a section's own value replaces a [DEFAULT] one
    if (joined.empty() || joined.front() != '\n') {
      settings[option.name] = joined;
      return;
    }
    std::string_view rest(joined);
    while (!rest.empty()) {
      std::size_t lineEnd = rest.find('\n');
      std::string_view nested = trim(rest.substr(0, lineEnd));
      rest = lineEnd == std::string_view::npos ? std::string_view() : rest.substr(lineEnd + 1);
      if (nested.empty()) continue;
      std::size_t equals = nested.find('=');
      if (equals == std::string_view::npos)
        throw ConfigError(fail(option.lineNumber, "a line of the nested '" + option.name + "' settings has no '='"));
      settings[option.name + "." + std::string(trim(nested.substr(0, equals)))] =
          std::string(trim(nested.substr(equals + 1)));
    }
  };

  std::vector<IniSection> parsed;
  for (const auto& section : sections) {
    IniSection out{section.name, {}};
    for (const auto& option : defaults.options) addOption(out.settings, option);
    for (const auto& option : section.options) addOption(out.settings, option);
    parsed.push_back(std::move(out));
  }
  return parsed;
}

void eraseSetting(std::map<std::string, std::string>& settings, const std::string& name) {
  settings.erase(name);
  const std::string prefix = name + ".";
  for (auto it = settings.lower_bound(prefix);
       it != settings.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    it = settings.erase(it);
}

std::optional<std::vector<std::string>> shellSplit(std::string_view text) {
  enum class State { Word, Single, Double } state = State::Word;
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (state) {
      case State::Word:
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
          if (inWord) words.push_back(std::move(word));
          word.clear();
          inWord = false;
        } else if (c == '\\') {
          if (i + 1 >= text.size()) return std::nullopt;
          word += text[++i];
          inWord = true;
        } else if (c == '\'') {
          state = State::Single;
          inWord = true;
        } else if (c == '"') {
          state = State::Double;
          inWord = true;
        } else {
          word += c;
          inWord = true;
        }
        break;
      case State::Single:
        if (c == '\'')
          state = State::Word;
        else
          word += c;
        break;
      case State::Double:
        if (c == '"') {
          state = State::Word;
        } else if (c == '\\') {
          if (i + 1 >= text.size()) return std::nullopt;
          if (text[i + 1] == '"' || text[i + 1] == '\\')
            word += text[++i];
          else
            word += c;
        } else {
          word += c;
        }
        break;
    }
  }
  if (state != State::Word) return std::nullopt;
  if (inWord) words.push_back(std::move(word));
  return words;
}

std::optional<std::string> sectionSubject(const std::string& header, std::string_view keyword) {
  if (header.compare(0, keyword.size(), keyword) != 0) return std::nullopt;
  auto words = shellSplit(header);
  if (!words || words->size() != 2) return std::nullopt;
  return (*words)[1];
}

std::string expandPath(const std::string& path, const Environment& environment) {
  auto isNameChar = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  std::string out;
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] == '$') {
      std::size_t nameStart = i + 1, nameEnd = nameStart, next = nameStart;
      if (nameStart < path.size() && path[nameStart] == '{') {
        std::size_t close = path.find('}', nameStart);
        if (close != std::string::npos) {
          nameStart += 1;
          nameEnd = close;
          next = close + 1;
        }
      } else {
        while (nameEnd < path.size() && isNameChar(path[nameEnd])) ++nameEnd;
        next = nameEnd;
      }
      if (nameEnd > nameStart) {
        if (auto value = environment.get(path.substr(nameStart, nameEnd - nameStart))) {
          out += *value;
          i = next;
          continue;
        }
      }
    }
    out += path[i++];
  }
  if (!out.empty() && out[0] == '~' && (out.size() == 1 || out[1] == '/')) {
    if (auto home = environment.getNonEmpty("HOME")) {
      std::string homeDir = *home;
      while (!homeDir.empty() && homeDir.back() == '/') homeDir.pop_back();
      out = homeDir + out.substr(1);
      if (out.empty()) out = "/";
    }
  }
  return out;
}

FileContents readSharedFile(const std::string& path) {
  struct stat info {};
  if (path.empty() || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int error = errno;
    throw ConfigError(configError("UnreadableConfigFile", "cannot read " + path + ": " + std::strerror(error)));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return {true, contents.str()};
}

}  // namespace detail
}  // namespace awsdirect
