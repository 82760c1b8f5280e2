#pragma once
// The text formats of the shared config files, read exactly as botocore reads them: INI with
// botocore's nested sub-sections, Python's shlex.split, and os.path.expandvars + expanduser.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../environment.hpp"
#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

// One [section] of an INI file with its settings. Names are lowercase; a nested sub-section
// (`s3 =` followed by indented `key = value` lines) is flattened to "s3.key".
struct IniSection {
  std::string name;
  std::map<std::string, std::string> settings;
};

// Reads an INI file as botocore does (Python's RawConfigParser, then botocore's nested
// sub-sections): `#` and `;` start comment lines only; a `#` after a value is part of the value.
// Names before `=` or `:` are lowercased; a line indented deeper than its `name =` line continues
// the value; `[DEFAULT]` supplies defaults to every section; a repeated section or name, a line
// before any section, or a line that is neither is a ConfigError naming `path` and the line (the
// line itself is never quoted: it may hold a secret).
AWSDIRECT_DECL std::vector<IniSection> parseIni(std::string_view text, const std::string& path);

// Removes setting `name`, and all of it when it is a nested sub-section ("s3.*").
AWSDIRECT_DECL void eraseSetting(std::map<std::string, std::string>& settings, const std::string& name);

// Python's shlex.split (POSIX mode, no comments), which botocore uses to split credential_process
// and section names: whitespace separates words, '...' is literal, "..." honours \" and \\,
// and a backslash outside quotes escapes any character. nullopt on an unmatched quote or a
// trailing backslash.
AWSDIRECT_DECL std::optional<std::vector<std::string>> shellSplit(std::string_view text);

// The name in `[profile NAME]`, `[services NAME]`, `[sso-session NAME]`: botocore accepts any
// header that starts with the keyword and splits, as a shell would, into exactly two words.
AWSDIRECT_DECL std::optional<std::string> sectionSubject(const std::string& header, std::string_view keyword);

// Python's os.path.expandvars then expanduser, which botocore applies to the shared file paths:
// $NAME and ${NAME} are replaced when set, a leading ~ becomes $HOME.
AWSDIRECT_DECL std::string expandPath(const std::string& path, const Environment& environment);

struct FileContents {
  bool found = false;
  std::string text;
};
// A missing path, or one that is not a regular file, reads as not found (as botocore); a file
// that exists but cannot be read is a ConfigError.
AWSDIRECT_DECL FileContents readSharedFile(const std::string& path);

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/ini.ipp"
#endif
