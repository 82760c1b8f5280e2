// Definitions of <awsdirect/credentials_file.hpp>.
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "../detail/text.hpp"
#include "../error.hpp"
#include "../shared_config.hpp"

namespace awsdirect {
namespace detail {

AWSDIRECT_DECL std::vector<std::string> credentialsLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The section a `[name]` line opens, or nullopt for any other line.
AWSDIRECT_DECL std::optional<std::string> credentialsSection(const std::string& line) {
  const std::string_view t = trim(line);
  if (t.size() < 2 || t.front() != '[' || t.back() != ']') return std::nullopt;
  return std::string(trim(t.substr(1, t.size() - 2)));
}

// The lowercase setting name of a `name = value` line; "" for anything else.
AWSDIRECT_DECL std::string credentialsSettingName(const std::string& line) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t') return "";
  const std::size_t eq = line.find_first_of("=:");
  return eq == std::string::npos ? "" : toLower(trim(std::string_view(line).substr(0, eq)));
}

std::string credentialsTextWithProfile(const std::string& text, const std::string& profile, const std::string& keyId,
                                       const std::string& secret) {
  const std::vector<std::string> lines = credentialsLines(text);
  const std::map<std::string, std::string> wanted = {{"aws_access_key_id", keyId}, {"aws_secret_access_key", secret}};
  std::size_t start = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (credentialsSection(lines[i]) == profile) {
      start = i;
      break;
    }
  std::vector<std::string> out;
  if (start == lines.size()) {
    out = lines;
    while (!out.empty() && trim(out.back()).empty()) out.pop_back();
    if (!out.empty()) out.emplace_back();
    out.push_back("[" + profile + "]");
    for (const auto& [name, value] : wanted) out.push_back(name + " = " + value);
  } else {
    std::size_t end = start + 1;
    while (end < lines.size() && !credentialsSection(lines[end])) ++end;
    out.assign(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(start) + 1);
    std::map<std::string, bool> written;
    std::size_t lastSetting = out.size();
    for (std::size_t i = start + 1; i < end; ++i) {
      const std::string name = credentialsSettingName(lines[i]);
      if (name == "aws_session_token" || name == "aws_security_token") continue;  // of an earlier key
      if (wanted.count(name)) {
        if (written[name]) continue;
        out.push_back(name + " = " + wanted.at(name));
        written[name] = true;
      } else {
        out.push_back(lines[i]);
      }
      if (!trim(lines[i]).empty()) lastSetting = out.size();
    }
    std::vector<std::string> missing;
    for (const auto& [name, value] : wanted)
      if (!written[name]) missing.push_back(name + " = " + value);
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(lastSetting), missing.begin(), missing.end());
    out.insert(out.end(), lines.begin() + static_cast<std::ptrdiff_t>(end), lines.end());
  }
  std::string result;
  for (const auto& line : out) result += line + "\n";
  return result;
}

std::string credentialsTextWithoutProfile(const std::string& text, const std::string& profile) {
  std::string result;
  bool inProfile = false;
  for (const std::string& line : credentialsLines(text)) {
    if (auto section = credentialsSection(line)) inProfile = *section == profile;
    if (!inProfile) result += line + "\n";
  }
  return result;
}

// The credentials file's path (symbolic links resolved, so they are written through) and text.
AWSDIRECT_DECL std::string readCredentialsFile(const Environment& environment, std::string& path, bool& exists) {
  path = SharedConfig::locateCredentialsFile(environment);
  auto fail = [&](const std::string& message) { return ConfigError(configError("CredentialsFileError", message)); };
  if (path.empty() || path[0] == '~')
    throw fail("cannot locate the credentials file: set HOME or AWS_SHARED_CREDENTIALS_FILE");
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved)) path = resolved;
  struct stat info {};
  exists = stat(path.c_str(), &info) == 0;
  if (!exists) {
    if (errno != ENOENT) throw fail("cannot read " + path + ": " + std::strerror(errno));
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces the file atomically (a crash never leaves half a file), mode 0600.
AWSDIRECT_DECL void writeCredentialsFile(const std::string& path, const std::string& text) {
  auto fail = [&](int error) {
    return ConfigError(configError("CredentialsFileError", "cannot write " + path + ": " + std::strerror(error)));
  };
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST)
    throw ConfigError(configError("CredentialsFileError", "cannot create " + folder + ": " + std::strerror(errno)));
  std::string temporary = path + ".awsdirect-XXXXXX";
  const int fd = mkstemp(&temporary[0]);
  if (fd < 0) throw fail(errno);
  bool ok = fchmod(fd, 0600) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  int error = ok ? 0 : errno;
  if (close(fd) != 0 && ok) ok = false, error = errno;
  if (ok && rename(temporary.c_str(), path.c_str()) != 0) ok = false, error = errno;
  if (!ok) {
    unlink(temporary.c_str());
    throw fail(error);
  }
}

}  // namespace detail

bool isValidProfileName(const std::string& profile) {
  bool valid = !profile.empty() && profile.size() <= 128;
  for (char c : profile) valid &= c > ' ' && c != '[' && c != ']' && c != '#' && c != ';' && c != 0x7f;
  return valid;
}

std::string saveCredentialsProfile(const Environment& environment, const std::string& profile,
                                   const std::string& accessKeyId, const Secret& secretAccessKey) {
  if (!isValidProfileName(profile))
    throw ConfigError(detail::configError(
        "InvalidProfileName", "profile name " + detail::printable(profile) +
                                  " must be 1 to 128 printable characters without spaces, [ ] # or ;"));
  std::string path;
  bool exists = false;
  const std::string text = detail::readCredentialsFile(environment, path, exists);
  detail::writeCredentialsFile(path,
                               detail::credentialsTextWithProfile(text, profile, accessKeyId, secretAccessKey.reveal()));
  return path;
}

bool removeCredentialsProfile(const Environment& environment, const std::string& profile) {
  std::string path;
  bool exists = false;
  const std::string text = detail::readCredentialsFile(environment, path, exists);
  bool found = false;
  for (const std::string& line : detail::credentialsLines(text)) found |= detail::credentialsSection(line) == profile;
  if (!exists || !found) return false;
  detail::writeCredentialsFile(path, detail::credentialsTextWithoutProfile(text, profile));
  return true;
}

}  // namespace awsdirect
