#pragma once
// Credentials and where they come from: the environment, the shared files (~/.aws/credentials,
// ~/.aws/config) and credential_process, looked up in botocore's order. The shared-file reader
// lives here because both the credential providers and config.hpp need it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "error.hpp"
#include "json.hpp"
#include "secret.hpp"
#include "time.hpp"

extern "C" {
extern char** environ;  // what a credential_process inherits, as with Python's subprocess
}

namespace awsdirect {

struct Credentials {
  std::string accessKeyId;
  Secret secretAccessKey;
  Secret sessionToken;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;

  Credentials() = default;
  Credentials(std::string accessKey, std::string secretKey, std::string token = {})
      : accessKeyId(std::move(accessKey)), secretAccessKey(std::move(secretKey)), sessionToken(std::move(token)) {}
};

// Where settings come from; injectable so tests never touch the real environment or ~/.aws.
struct Environment {
  std::function<std::optional<std::string>(const std::string&)> lookup;

  // The process environment, read at each lookup.
  static Environment process() {
    return {[](const std::string& name) -> std::optional<std::string> {
      const char* value = std::getenv(name.c_str());
      if (!value) return std::nullopt;
      return std::string(value);
    }};
  }
  static Environment fromMap(std::map<std::string, std::string> values) {
    auto shared = std::make_shared<const std::map<std::string, std::string>>(std::move(values));
    return {[shared](const std::string& name) -> std::optional<std::string> {
      auto found = shared->find(name);
      if (found == shared->end()) return std::nullopt;
      return found->second;
    }};
  }

  std::optional<std::string> get(const std::string& name) const {
    if (!lookup) return std::nullopt;
    return lookup(name);
  }
  // The value when set and not empty: awsdirect reads an empty variable as unset.
  std::optional<std::string> getNonEmpty(const std::string& name) const {
    auto value = get(name);
    if (value && value->empty()) return std::nullopt;
    return value;
  }
};

// One profile's (or section's) settings. Names are lowercase as botocore reads them; a nested
// sub-section (`s3 =` followed by indented `key = value` lines) is flattened to "s3.key".
using ProfileSettings = std::map<std::string, std::string>;

namespace detail {

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

inline std::string toLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

inline std::string quoted(const std::string& text) { return "'" + text + "'"; }

inline Error configError(std::string code, std::string message) {
  return makeError(ErrorKind::Configuration, std::move(code), std::move(message));
}
inline Error credentialsError(std::string code, std::string message) {
  return makeError(ErrorKind::Credentials, std::move(code), std::move(message));
}

// Python's shlex.split (POSIX mode, no comments), which botocore uses to split credential_process
// and section names: whitespace separates words, '...' is literal, "..." honours \" and \\,
// and a backslash outside quotes escapes any character. nullopt on an unmatched quote or a
// trailing backslash.
inline std::optional<std::vector<std::string>> shellSplit(std::string_view text) {
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

// Python's os.path.expandvars then expanduser, which botocore applies to the shared file
// paths: $NAME and ${NAME} are replaced when set, a leading ~ becomes $HOME.
inline std::string expandPath(const std::string& path, const Environment& environment) {
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

// Removes setting `name`, and all of it when it is a nested sub-section ("s3.*").
inline void eraseSetting(ProfileSettings& settings, const std::string& name) {
  settings.erase(name);
  const std::string prefix = name + ".";
  for (auto it = settings.lower_bound(prefix);
       it != settings.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    it = settings.erase(it);
}

// One [section] of an INI file with its settings (nested sub-sections flattened).
struct IniSection {
  std::string name;
  ProfileSettings settings;
};

// Reads an INI file exactly as botocore does (Python's RawConfigParser, then botocore's nested
// sub-sections): `#` and `;` start comment lines only; a `#` after a value is part of the value,
// as in botocore. Names before `=` or `:` are lowercased; a line indented deeper than its
// `name =` line continues the value; `[DEFAULT]` supplies defaults to every section; a repeated
// section or name, a line before any section, or a line that is neither is a ConfigError naming
// the file and line (the line itself is never quoted: it may hold a secret).
inline std::vector<IniSection> parseIni(std::string_view text, const std::string& path) {
  struct Option {
    std::string name;
    std::vector<std::string> lines;
    std::size_t lineNumber;
  };
  struct RawSection {
    std::string name;
    std::vector<Option> options;
  };
  auto fail = [&](std::size_t lineNumber, const std::string& what) -> Error {
    return configError("InvalidConfigFile",
                       "cannot parse " + path + ", line " + std::to_string(lineNumber) + ": " + what);
  };

  std::vector<RawSection> sections;
  RawSection defaults{"DEFAULT", {}};
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
    while (indent < line.size() && isSpace(line[indent])) ++indent;
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
        sections.push_back(RawSection{name, {}});
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
    for (const auto& option : current->options)
      if (option.name == name)
        throw ConfigError(fail(lineNumber, "setting '" + name + "' repeats in section [" + current->name + "]"));
    current->options.push_back(Option{name, {std::string(trim(value.substr(delimiter + 1)))}, lineNumber});
    currentOption = &current->options.back();
  }

  // Joins a value's lines; one that starts on the line after `name =` is a nested sub-section.
  auto addOption = [&](ProfileSettings& settings, const Option& option) {
    std::string joined;
    for (std::size_t i = 0; i < option.lines.size(); ++i) {
      if (i) joined += '\n';
      joined += option.lines[i];
    }
    while (!joined.empty() && isSpace(joined.back())) joined.pop_back();
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

// The name in `[profile NAME]`, `[services NAME]`, `[sso-session NAME]`: botocore accepts any
// header that starts with the keyword and splits, as a shell would, into exactly two words.
inline std::optional<std::string> sectionSubject(const std::string& header, std::string_view keyword) {
  if (header.compare(0, keyword.size(), keyword) != 0) return std::nullopt;
  auto words = shellSplit(header);
  if (!words || words->size() != 2) return std::nullopt;
  return (*words)[1];
}

struct FileContents {
  bool found = false;
  std::string text;
};

// A missing path, or one that is not a regular file, reads as not found (as botocore);
// a file that exists but cannot be read is a ConfigError.
inline FileContents readSharedFile(const std::string& path) {
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

// The shared config and credentials files, as botocore reads them.
class SharedConfig {
 public:
  // AWS_CONFIG_FILE, else ~/.aws/config ($VAR and ~ expanded as botocore does).
  static std::string locateConfigFile(const Environment& environment) {
    return detail::expandPath(environment.getNonEmpty("AWS_CONFIG_FILE").value_or("~/.aws/config"), environment);
  }
  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.
  static std::string locateCredentialsFile(const Environment& environment) {
    return detail::expandPath(environment.getNonEmpty("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"),
                              environment);
  }

  // Reads both files. A missing file reads as empty; a malformed one throws ConfigError.
  static SharedConfig load(const Environment& environment) {
    std::string config = locateConfigFile(environment), credentials = locateCredentialsFile(environment);
    detail::FileContents configFile = detail::readSharedFile(config);
    detail::FileContents credentialsFile = detail::readSharedFile(credentials);
    SharedConfig shared = parse(configFile.text, credentialsFile.text, config, credentials);
    shared.configFound_ = configFile.found;
    shared.credentialsFound_ = credentialsFile.found;
    return shared;
  }

  // From the files' contents (tests, or files kept elsewhere); both count as found.
  static SharedConfig parse(std::string_view configText, std::string_view credentialsText,
                            std::string configPath = "config", std::string credentialsPath = "credentials") {
    SharedConfig shared;
    shared.configPath_ = std::move(configPath);
    shared.credentialsPath_ = std::move(credentialsPath);
    shared.configFound_ = shared.credentialsFound_ = true;
    // botocore's build_profile_map: a later section of the same name replaces an earlier one.
    for (auto& section : detail::parseIni(configText, shared.configPath_)) {
      if (auto name = detail::sectionSubject(section.name, "profile")) {
        shared.configProfiles_[*name] = std::move(section.settings);
      } else if (auto session = detail::sectionSubject(section.name, "sso-session")) {
        shared.ssoSessions_[*session] = std::move(section.settings);
      } else if (auto services = detail::sectionSubject(section.name, "services")) {
        shared.services_[*services] = std::move(section.settings);
      } else if (section.name == "default") {
        shared.configProfiles_["default"] = std::move(section.settings);
      }
    }
    for (auto& section : detail::parseIni(credentialsText, shared.credentialsPath_))
      shared.credentialsProfiles_[section.name] = std::move(section.settings);
    return shared;
  }

  const std::string& configPath() const noexcept { return configPath_; }
  const std::string& credentialsPath() const noexcept { return credentialsPath_; }
  bool configFound() const noexcept { return configFound_; }
  bool credentialsFound() const noexcept { return credentialsFound_; }

  // [default] or [profile NAME] of the config file, or nullptr.
  const ProfileSettings* configProfile(const std::string& name) const { return find(configProfiles_, name); }
  // [NAME] of the credentials file, or nullptr.
  const ProfileSettings* credentialsProfile(const std::string& name) const { return find(credentialsProfiles_, name); }
  // [services NAME] of the config file, or nullptr.
  const ProfileSettings* servicesSection(const std::string& name) const { return find(services_, name); }
  // [sso-session NAME] of the config file, or nullptr.
  const ProfileSettings* ssoSession(const std::string& name) const { return find(ssoSessions_, name); }

  bool hasProfile(const std::string& name) const { return configProfile(name) || credentialsProfile(name); }

  // The profile as botocore sees it (its full_config): the config file's settings, each replaced
  // by the credentials file's setting of the same name. nullopt when neither file has it.
  std::optional<ProfileSettings> profile(const std::string& name) const {
    const ProfileSettings* fromConfig = configProfile(name);
    const ProfileSettings* fromCredentials = credentialsProfile(name);
    if (!fromConfig && !fromCredentials) return std::nullopt;
    ProfileSettings merged = fromConfig ? *fromConfig : ProfileSettings{};
    if (fromCredentials) {
      for (const auto& entry : *fromCredentials)
        detail::eraseSetting(merged, entry.first.substr(0, entry.first.find('.')));
      for (const auto& entry : *fromCredentials) merged[entry.first] = entry.second;
    }
    return merged;
  }

  // Every profile name in either file, sorted.
  std::vector<std::string> profileNames() const {
    std::set<std::string> names;
    for (const auto& entry : configProfiles_) names.insert(entry.first);
    for (const auto& entry : credentialsProfiles_) names.insert(entry.first);
    return {names.begin(), names.end()};
  }

  // "the config file /home/u/.aws/config and the credentials file /home/u/.aws/credentials (not found)"
  std::string describeFiles() const {
    return "the config file " + configPath_ + (configFound_ ? "" : " (not found)") + " and the credentials file " +
           credentialsPath_ + (credentialsFound_ ? "" : " (not found)");
  }

 private:
  static const ProfileSettings* find(const std::map<std::string, ProfileSettings>& map, const std::string& name) {
    auto found = map.find(name);
    return found == map.end() ? nullptr : &found->second;
  }

  std::string configPath_, credentialsPath_;
  bool configFound_ = false, credentialsFound_ = false;
  std::map<std::string, ProfileSettings> configProfiles_, credentialsProfiles_, services_, ssoSessions_;
};

namespace detail {

// Which profile applies, and why: botocore's order is the one given in code, then
// AWS_DEFAULT_PROFILE, then AWS_PROFILE, else "default".
struct ProfileChoice {
  std::string name;
  std::string source;         // "the client configuration", "AWS_PROFILE", or "" for the fallback
  bool chosenInCode = false;  // botocore then ignores credentials in the environment
  // A profile named in code or the environment must exist; the fallback "default" need not.
  bool named() const { return !source.empty(); }
};

inline ProfileChoice chooseProfile(const std::string& profileInCode, const Environment& environment) {
  if (!profileInCode.empty()) return {profileInCode, "the client configuration", true};
  for (const char* variable : {"AWS_DEFAULT_PROFILE", "AWS_PROFILE"})
    if (auto name = environment.getNonEmpty(variable)) return {*name, variable, false};
  return {"default", "", false};
}

}  // namespace detail

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Throws CredentialsError when no usable credentials are available (ConfigError when a shared
  // file cannot be parsed).
  virtual Credentials credentials() = 0;
};

// Credentials given in code.
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  StaticCredentialsProvider(std::string accessKeyId, std::string secretAccessKey, std::string sessionToken = {})
      : credentials_(std::move(accessKeyId), std::move(secretAccessKey), std::move(sessionToken)) {}

  Credentials credentials() override {
    if (credentials_.accessKeyId.empty() || credentials_.secretAccessKey.empty())
      throw CredentialsError(detail::credentialsError(
          "PartialCredentials", "the credentials given in code lack an access key id or a secret access key"));
    return credentials_;
  }

 private:
  Credentials credentials_;
};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, as botocore, AWS_SECURITY_TOKEN before
// AWS_SESSION_TOKEN, with AWS_CREDENTIAL_EXPIRATION. Read at every call, so a changed
// environment is picked up as botocore's refresh would.
class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentCredentialsProvider(Environment environment = Environment::process())
      : environment_(std::move(environment)) {}

  // Whether this source applies: AWS_ACCESS_KEY_ID is set.
  static bool configured(const Environment& environment) {
    return environment.getNonEmpty("AWS_ACCESS_KEY_ID").has_value();
  }

  Credentials credentials() override {
    auto accessKey = environment_.getNonEmpty("AWS_ACCESS_KEY_ID");
    if (!accessKey) throw CredentialsError(detail::credentialsError("NoCredentials", "AWS_ACCESS_KEY_ID is not set"));
    auto secretKey = environment_.getNonEmpty("AWS_SECRET_ACCESS_KEY");
    if (!secretKey)
      throw CredentialsError(
          detail::credentialsError("PartialCredentials", "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
    auto token = environment_.getNonEmpty("AWS_SECURITY_TOKEN");
    if (!token) token = environment_.getNonEmpty("AWS_SESSION_TOKEN");
    Credentials credentials(*accessKey, *secretKey, token.value_or(""));
    if (auto expiration = environment_.getNonEmpty("AWS_CREDENTIAL_EXPIRATION")) {
      credentials.expiration = parseIso8601(*expiration);
      if (!credentials.expiration)
        throw CredentialsError(detail::credentialsError(
            "InvalidCredentials",
            "AWS_CREDENTIAL_EXPIRATION is not an RFC 3339 timestamp with a zone: " + *expiration));
      if (*credentials.expiration <= std::chrono::system_clock::now())
        throw CredentialsError(detail::credentialsError(
            "ExpiredCredentials",
            "the credentials in the environment expired at " + *expiration + " (AWS_CREDENTIAL_EXPIRATION)"));
    }
    return credentials;
  }

 private:
  Environment environment_;
};

namespace detail {

// aws_access_key_id, aws_secret_access_key and (botocore's order) aws_security_token or
// aws_session_token of one profile; nullopt when it has no aws_access_key_id.
inline std::optional<Credentials> profileKeys(const ProfileSettings* settings, const std::string& where) {
  if (!settings) return std::nullopt;
  auto accessKey = settings->find("aws_access_key_id");
  if (accessKey == settings->end()) return std::nullopt;
  if (accessKey->second.empty())
    throw CredentialsError(credentialsError("PartialCredentials", "aws_access_key_id is empty in " + where));
  auto secretKey = settings->find("aws_secret_access_key");
  if (secretKey == settings->end() || secretKey->second.empty())
    throw CredentialsError(credentialsError("PartialCredentials",
                                            "aws_access_key_id is set but aws_secret_access_key is not, in " + where));
  std::string token;
  for (const char* name : {"aws_security_token", "aws_session_token"}) {
    auto found = settings->find(name);
    if (found != settings->end()) {
      token = found->second;
      break;
    }
  }
  return Credentials(accessKey->second, secretKey->second, token);
}

inline std::string describeProfileIn(const std::string& profile, const std::string& file, bool found) {
  return "profile " + quoted(profile) + " in " + file + (found ? "" : " (not found)");
}

}  // namespace detail

// The keys of one profile: the shared credentials file first, then the config file (botocore's
// SharedCredentialProvider, then ConfigProvider). The files are read at the first call.
class ProfileCredentialsProvider final : public CredentialsProvider {
 public:
  // profileName "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
  explicit ProfileCredentialsProvider(Environment environment = Environment::process(), std::string profileName = {})
      : environment_(std::move(environment)), profile_(detail::chooseProfile(profileName, environment_).name) {}
  ProfileCredentialsProvider(std::shared_ptr<const SharedConfig> files, std::string profileName)
      : profile_(std::move(profileName)), files_(std::move(files)) {}

  Credentials credentials() override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!files_) files_ = std::make_shared<const SharedConfig>(SharedConfig::load(environment_));
    const SharedConfig& files = *files_;
    if (auto keys = detail::profileKeys(files.credentialsProfile(profile_),
                                        detail::describeProfileIn(profile_, files.credentialsPath(), true)))
      return *keys;
    if (auto keys = detail::profileKeys(files.configProfile(profile_),
                                        detail::describeProfileIn(profile_, files.configPath(), true)))
      return *keys;
    throw CredentialsError(detail::credentialsError(
        "NoCredentials",
        "no aws_access_key_id for profile " + detail::quoted(profile_) + " in " + files.describeFiles()));
  }

 private:
  Environment environment_;
  std::string profile_;
  std::mutex mutex_;
  std::shared_ptr<const SharedConfig> files_;
};

// When temporary credentials are refreshed, as botocore's RefreshableCredentials.
struct RefreshTiming {
  // Within this of the expiration one caller refreshes while the others carry on; if that
  // refresh fails the current credentials are used.
  std::chrono::seconds advisory{15 * 60};
  // Within this every caller waits for a refresh, and a failed refresh is an error.
  std::chrono::seconds mandatory{10 * 60};
  // The clock; system_clock::now when empty.
  std::function<std::chrono::system_clock::time_point()> now;
};

// Caches what `fetch` returns and fetches again as the expiration nears. Thread-safe. A place
// for any source of temporary credentials (credential_process now; assume role later).
class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  explicit RefreshingCredentialsProvider(std::function<Credentials()> fetch, RefreshTiming timing = {})
      : fetch_(std::move(fetch)), timing_(std::move(timing)) {}

  Credentials credentials() override {
    if (auto current = usable(timing_.advisory)) return *current;
    std::unique_lock<std::mutex> refreshing(refreshMutex_, std::try_to_lock);
    if (!refreshing.owns_lock()) {
      // Another caller is refreshing: wait only when ours are about to expire.
      if (auto current = usable(timing_.mandatory)) return *current;
      refreshing.lock();
    }
    if (auto current = usable(timing_.advisory)) return *current;  // refreshed while we waited
    std::optional<Credentials> current = snapshot();
    bool mandatory = !current || needsRefresh(*current, timing_.mandatory);
    Credentials fresh;
    try {
      fresh = fetch_();
    } catch (const Exception&) {
      if (mandatory) throw;
      return *current;
    }
    if (fresh.expiration && *fresh.expiration <= now())
      throw CredentialsError(detail::credentialsError(
          "ExpiredCredentials",
          "the credentials just obtained expired at " + formatIso8601(*fresh.expiration)));
    std::lock_guard<std::mutex> lock(stateMutex_);
    current_ = fresh;
    return fresh;
  }

 private:
  std::chrono::system_clock::time_point now() const {
    return timing_.now ? timing_.now() : std::chrono::system_clock::now();
  }
  bool needsRefresh(const Credentials& credentials, std::chrono::seconds window) const {
    return credentials.expiration && *credentials.expiration - now() < window;
  }
  std::optional<Credentials> snapshot() const {
    std::lock_guard<std::mutex> lock(stateMutex_);
    return current_;
  }
  std::optional<Credentials> usable(std::chrono::seconds window) const {
    std::optional<Credentials> current = snapshot();
    if (current && !needsRefresh(*current, window)) return current;
    return std::nullopt;
  }

  std::function<Credentials()> fetch_;
  RefreshTiming timing_;
  mutable std::mutex stateMutex_;  // guards current_
  std::mutex refreshMutex_;        // held by the one caller that fetches
  std::optional<Credentials> current_;
};

struct ProcessCredentialsOptions {
  // The command is stopped when it runs longer (botocore waits forever).
  std::chrono::milliseconds timeout{std::chrono::minutes(1)};
  // More standard output than this stops the command.
  std::size_t maxOutputBytes = 64 * 1024;
  RefreshTiming refresh;
  // Where the command was configured, for messages: "profile 'dev' in /home/u/.aws/config".
  std::string source;
};

namespace detail {

struct CommandResult {
  bool exitStatusKnown = true;  // false when SIGCHLD is ignored and the child was reaped for us
  int exitStatus = 0;
  int signal = 0;  // the signal that ended the command, or 0
  std::string out;
  std::string err;
};

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

inline std::string describeDuration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

// Runs argv (found on PATH, no shell) with stdin inherited and stdout and stderr captured.
// Throws CredentialsError when it cannot start, outlives `timeout` (it is then killed) or
// prints more than `maxOutput` bytes; `what` names it in those messages.
inline CommandResult runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                std::size_t maxOutput, const std::string& what) {
  auto fail = [&](const std::string& code, const std::string& message) {
    return CredentialsError(credentialsError(code, what + " " + message));
  };
  int outPipe[2], errPipe[2];
  if (::pipe2(outPipe, O_CLOEXEC) != 0)
    throw fail("CredentialProcessFailed", "could not start: pipe: " + std::string(std::strerror(errno)));
  FileDescriptor outRead(outPipe[0]), outWrite(outPipe[1]);
  if (::pipe2(errPipe, O_CLOEXEC) != 0)
    throw fail("CredentialProcessFailed", "could not start: pipe: " + std::string(std::strerror(errno)));
  FileDescriptor errRead(errPipe[0]), errWrite(errPipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outWrite.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errWrite.get(), STDERR_FILENO);
  // As Python's subprocess: the child starts with default SIGPIPE handling and no blocked signals.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults, none;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGXFSZ);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> arguments = argv;
  std::vector<char*> pointers;
  for (auto& argument : arguments) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  pid_t pid = 0;
  int spawnError = ::posix_spawnp(&pid, pointers[0], &actions, &attributes, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  outWrite.reset();
  errWrite.reset();
  if (spawnError != 0)
    throw fail("CredentialProcessFailed", "could not start: " + std::string(std::strerror(spawnError)));

  ::fcntl(outRead.get(), F_SETFL, ::fcntl(outRead.get(), F_GETFL) | O_NONBLOCK);
  ::fcntl(errRead.get(), F_SETFL, ::fcntl(errRead.get(), F_GETFL) | O_NONBLOCK);

  CommandResult result;
  int status = 0;
  bool exited = false;
  auto reap = [&](int flags) {
    for (;;) {
      pid_t reaped = ::waitpid(pid, &status, flags);
      if (reaped == pid) return true;
      if (reaped < 0 && errno == EINTR) continue;
      if (reaped < 0 && errno == ECHILD) {
        result.exitStatusKnown = false;
        return true;
      }
      return false;
    }
  };
  auto stop = [&] {
    if (!exited) {
      ::kill(pid, SIGKILL);
      reap(0);
      exited = true;
    }
  };
  const std::size_t maxError = 16 * 1024;
  // Reads what is available now, keeping at most `keep` bytes; closes `fd` at end of file.
  auto drain = [&](FileDescriptor& fd, std::string& into, std::size_t keep) {
    char buffer[4096];
    while (fd.get() >= 0) {
      ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
      if (n > 0) {
        std::size_t room = into.size() < keep ? keep - into.size() : 0;
        into.append(buffer, std::min(room, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      fd.reset();  // end of file, or an error that ends reading
    }
  };

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto timedOut = [&] {
    stop();
    return fail("CredentialProcessTimeout", "did not finish within " + describeDuration(timeout) + " and was stopped");
  };
  while (outRead.get() >= 0 || errRead.get() >= 0) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) throw timedOut();
    pollfd fds[2];
    nfds_t count = 0;
    for (int fd : {outRead.get(), errRead.get()})
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    // Wake now and then: a command that exited may have left a child holding the pipes open.
    int waitMs = static_cast<int>(std::min<std::int64_t>(remaining.count(), 100));
    if (::poll(fds, count, waitMs) < 0 && errno != EINTR) {
      stop();
      throw fail("CredentialProcessFailed", "could not be read: poll: " + std::string(std::strerror(errno)));
    }
    drain(outRead, result.out, maxOutput + 1);
    drain(errRead, result.err, maxError);
    if (result.out.size() > maxOutput) {
      stop();
      throw fail("CredentialProcessFailed",
                 "printed more than " + std::to_string(maxOutput) + " bytes and was stopped");
    }
    if (!exited && reap(WNOHANG)) {
      exited = true;
      drain(outRead, result.out, maxOutput + 1);
      drain(errRead, result.err, maxError);
      break;
    }
  }
  while (!exited) {  // the pipes closed before the command exited
    if (reap(WNOHANG)) {
      exited = true;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) throw timedOut();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (result.out.size() > maxOutput)
    throw fail("CredentialProcessFailed", "printed more than " + std::to_string(maxOutput) + " bytes");
  if (result.exitStatusKnown) {
    if (WIFEXITED(status)) result.exitStatus = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  return result;
}

// The JSON credential_process prints: {"Version": 1, "AccessKeyId", "SecretAccessKey",
// optional "SessionToken" and "Expiration"}. Messages name fields, never their values.
inline Credentials parseCredentialProcessOutput(const std::string& output, const std::string& what) {
  auto fail = [&](const std::string& message) {
    return CredentialsError(credentialsError("CredentialProcessFailed", what + " " + message));
  };
  JsonValue document;
  try {
    document = JsonValue::parse(output);
  } catch (const ParseError& e) {
    throw fail("printed output that is not valid JSON (" + e.error().message + ")");
  }
  if (!document.isObject()) throw fail("must print a JSON object");
  const JsonValue* version = document.find("Version");
  if (!version) throw fail("printed no Version; the supported version is 1");
  bool versionOne = false;
  try {
    versionOne = version->isNumber() && version->asInt64() == 1;
  } catch (const ParseError&) {
  }
  if (!versionOne) throw fail("printed an unsupported Version; the supported version is 1");
  auto text = [&](const char* name, bool required) -> std::string {
    const JsonValue* member = document.find(name);
    if (!member || member->isNull()) {
      if (required) throw fail(std::string("printed no ") + name);
      return {};
    }
    if (!member->isString()) throw fail(std::string("printed a ") + name + " that is not a string");
    if (required && member->asString().empty()) throw fail(std::string("printed an empty ") + name);
    return member->asString();
  };
  Credentials credentials(text("AccessKeyId", true), text("SecretAccessKey", true), text("SessionToken", false));
  std::string expiration = text("Expiration", false);
  if (!expiration.empty()) {
    credentials.expiration = parseIso8601(expiration);
    if (!credentials.expiration)
      throw fail("printed an Expiration that is not an RFC 3339 timestamp with a zone: " + expiration);
  }
  return credentials;
}

}  // namespace detail

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
  static std::function<Credentials()> fetcher(std::string command, const ProcessCredentialsOptions& options) {
    return [command = std::move(command), options] {
      std::string where = options.source.empty() ? "" : " (" + options.source + ")";
      auto words = detail::shellSplit(command);
      if (!words)
        throw CredentialsError(
            detail::credentialsError("CredentialProcessFailed",
                                     "credential_process" + where + " has an unmatched quote or a trailing backslash"));
      if (words->empty())
        throw CredentialsError(
            detail::credentialsError("CredentialProcessFailed", "credential_process" + where + " is empty"));
      // Only the program is named in messages: its arguments might hold something private.
      std::string what = "credential_process " + detail::quoted(words->front()) + where;
      detail::CommandResult result = detail::runCommand(*words, options.timeout, options.maxOutputBytes, what);
      if (result.signal != 0 || result.exitStatus != 0) {
        std::string stderrText(detail::trim(result.err));
        if (stderrText.size() > 2000) stderrText = stderrText.substr(0, 2000) + "...";
        std::string how = result.signal != 0 ? "was killed by signal " + std::to_string(result.signal)
                                             : "failed with exit status " + std::to_string(result.exitStatus);
        throw CredentialsError(detail::credentialsError(
            "CredentialProcessFailed", what + " " + how + (stderrText.empty() ? "" : ": " + stderrText)));
      }
      return detail::parseCredentialProcessOutput(result.out, what);
    };
  }

  RefreshingCredentialsProvider cache_;
};

// Sources tried in order; the first one that is configured is used from then on (botocore's
// CredentialResolver). Thread-safe.
class ChainCredentialsProvider final : public CredentialsProvider {
 public:
  struct Link {
    // What this link looks at, for the message when no link applies:
    // "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY".
    std::string source;
    // The provider when this source is configured, else nullptr. Throwing (a source that is
    // configured but unusable) ends the search, as in botocore.
    std::function<std::shared_ptr<CredentialsProvider>()> find;
  };

  // `notes` are appended to the message when no link applies.
  explicit ChainCredentialsProvider(std::vector<Link> links, std::vector<std::string> notes = {})
      : links_(std::move(links)), notes_(std::move(notes)) {}

  Credentials credentials() override { return chosen()->credentials(); }

  // The source of the link in use, or "" before one was found.
  std::string chosenSource() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return chosenSource_;
  }

 private:
  std::shared_ptr<CredentialsProvider> chosen() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (chosen_) return chosen_;
    for (const auto& link : links_) {
      if (auto provider = link.find ? link.find() : nullptr) {
        chosen_ = std::move(provider);
        chosenSource_ = link.source;
        return chosen_;
      }
    }
    std::string message = "no AWS credentials found; looked at";
    for (std::size_t i = 0; i < links_.size(); ++i) message += (i ? "; " : " ") + links_[i].source;
    if (links_.empty()) message += " nothing";
    for (const auto& note : notes_) message += ". " + note;
    throw CredentialsError(detail::credentialsError("NoCredentials", message));
  }

  std::vector<Link> links_;
  std::vector<std::string> notes_;
  mutable std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> chosen_;
  std::string chosenSource_;
};

namespace detail {

// Makes the provider for a profile that assumes a role (role_arn). credentials.hpp cannot call
// STS itself (STS is a client, and clients need these credentials), so sts.hpp plugs its
// provider in here; until then such profiles are reported as needing it.
using AssumeRoleProviderFactory = std::function<std::shared_ptr<CredentialsProvider>(
    const Environment& environment, const std::shared_ptr<const SharedConfig>& files, const std::string& profile)>;
inline AssumeRoleProviderFactory& assumeRoleProviderFactory() {
  static AssumeRoleProviderFactory factory;
  return factory;
}

inline CredentialsError unsupportedSource(const std::string& profile, const std::string& how) {
  return CredentialsError(credentialsError(
      "UnsupportedCredentialSource",
      "profile " + quoted(profile) + " gets its credentials " + how +
          ", which awsdirect does not support yet; a credential_process can supply them instead (AWS CLI v2: "
          "credential_process = aws configure export-credentials --profile " +
          profile + " --format process)"));
}

// botocore's default chain without the network sources (container and instance metadata are
// deliberately not probed). `files` is read at the first call when null.
class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  DefaultCredentialsChain(Environment environment, ProfileChoice profile, std::shared_ptr<const SharedConfig> files)
      : environment_(std::move(environment)), profile_(std::move(profile)), files_(std::move(files)) {}

  Credentials credentials() override { return chain()->credentials(); }

 private:
  std::shared_ptr<ChainCredentialsProvider> chain() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (chain_) return chain_;
    if (!files_) files_ = std::make_shared<const SharedConfig>(SharedConfig::load(environment_));
    auto files = files_;
    const std::string name = profile_.name;
    auto profile = std::make_shared<const ProfileSettings>(files->profile(name).value_or(ProfileSettings{}));
    auto has = [profile](const char* key) { return profile->count(key) != 0; };
    const bool useEnvironment = !profile_.chosenInCode;
    Environment environment = environment_;

    std::vector<ChainCredentialsProvider::Link> links;
    if (useEnvironment)
      links.push_back({"environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                       [environment]() -> std::shared_ptr<CredentialsProvider> {
                         if (!EnvironmentCredentialsProvider::configured(environment)) return nullptr;
                         return std::make_shared<EnvironmentCredentialsProvider>(environment);
                       }});
    // Where botocore would assume a role, use web identity or IAM Identity Center: the role's
    // provider when sts.hpp has plugged one in; otherwise say so rather than quietly using other
    // keys of the same profile.
    links.push_back({"role_arn, web_identity_token_file and sso_* settings of profile " + quoted(name),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       if (has("role_arn") && !has("web_identity_token_file")) {
                         if (const auto& assumeRole = assumeRoleProviderFactory())
                           return assumeRole(environment, files, name);
                         throw CredentialsError(credentialsError(
                             "UnsupportedCredentialSource",
                             "profile " + quoted(name) + " gets its credentials by assuming role " +
                                 profile->at("role_arn") +
                                 " (role_arn), which needs awsdirect/sts.hpp: include it (every client header does)"));
                       }
                       if (has("web_identity_token_file") ||
                           (useEnvironment && environment.getNonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE")))
                         throw unsupportedSource(name,
                                                 "from a web identity token (web_identity_token_file or "
                                                 "AWS_WEB_IDENTITY_TOKEN_FILE)");
                       if (has("sso_session") || has("sso_start_url") || has("sso_account_id"))
                         throw unsupportedSource(name, "from IAM Identity Center (sso_* settings)");
                       return nullptr;
                     }});
    links.push_back(
        {"aws_access_key_id of " + describeProfileIn(name, files->credentialsPath(), files->credentialsFound()),
         [=]() -> std::shared_ptr<CredentialsProvider> {
           auto keys =
               profileKeys(files->credentialsProfile(name), describeProfileIn(name, files->credentialsPath(), true));
           return keys ? std::make_shared<StaticCredentialsProvider>(*keys) : nullptr;
         }});
    links.push_back({"login_session of profile " + quoted(name), [=]() -> std::shared_ptr<CredentialsProvider> {
                       if (has("login_session"))
                         throw unsupportedSource(name, "from an AWS sign-in session (login_session)");
                       return nullptr;
                     }});
    links.push_back({"credential_process of " + describeProfileIn(name, files->configPath(), files->configFound()),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       auto command = profile->find("credential_process");
                       if (command == profile->end()) return nullptr;
                       ProcessCredentialsOptions options;
                       options.source = "profile " + quoted(name) + " in " +
                                        (files->credentialsProfile(name) &&
                                                 files->credentialsProfile(name)->count("credential_process")
                                             ? files->credentialsPath()
                                             : files->configPath());
                       return std::make_shared<ProcessCredentialsProvider>(command->second, options);
                     }});
    links.push_back({"aws_access_key_id of " + describeProfileIn(name, files->configPath(), files->configFound()),
                     [=]() -> std::shared_ptr<CredentialsProvider> {
                       auto keys =
                           profileKeys(files->configProfile(name), describeProfileIn(name, files->configPath(), true));
                       return keys ? std::make_shared<StaticCredentialsProvider>(*keys) : nullptr;
                     }});

    std::vector<std::string> notes;
    if (profile_.named() && !files->hasProfile(name))
      notes.push_back("profile " + quoted(name) + " (from " + profile_.source + ") exists in neither file");
    if (profile_.chosenInCode)
      notes.push_back(
          "environment variables were not consulted because the profile was chosen in code, as botocore does");
    for (const char* variable : {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"})
      if (environment_.getNonEmpty(variable))
        notes.push_back(std::string(variable) + " is set, but awsdirect does not fetch container credentials");
    notes.push_back("awsdirect does not query the EC2 instance metadata service");
    chain_ = std::make_shared<ChainCredentialsProvider>(std::move(links), std::move(notes));
    return chain_;
  }

  Environment environment_;
  ProfileChoice profile_;
  std::mutex mutex_;
  std::shared_ptr<const SharedConfig> files_;
  std::shared_ptr<ChainCredentialsProvider> chain_;
};

inline std::shared_ptr<CredentialsProvider> defaultCredentialsProvider(const Environment& environment,
                                                                       const ProfileChoice& profile,
                                                                       std::shared_ptr<const SharedConfig> files) {
  return std::make_shared<DefaultCredentialsChain>(environment, profile, std::move(files));
}

}  // namespace detail

// botocore's default chain, minus the network: the environment (AWS_ACCESS_KEY_ID...), then a
// role the profile assumes (role_arn, through sts.hpp), then the profile's keys in the shared
// credentials file, its credential_process, its keys in the config file. Profiles that use web
// identity, SSO or login_session are reported as not supported yet. Nothing is read until the
// first credentials() call.
// `profileName` is the profile chosen in code; when it is set, as in botocore, credentials in
// the environment are not used. "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
inline std::shared_ptr<CredentialsProvider> defaultCredentialsProvider(const Environment& environment,
                                                                       const std::string& profileName = {}) {
  return detail::defaultCredentialsProvider(environment, detail::chooseProfile(profileName, environment), nullptr);
}

}  // namespace awsdirect
