#pragma once
// Writing an access key into the shared credentials file (~/.aws/credentials), as
// `aws configure set` does: the profile's key lines replaced in place or a section appended,
// every other line kept. The file is replaced atomically and always left with mode 0600 (an
// existing file that receives a secret is tightened), its folder created with mode 0700.
#include <string>

#include "detail/build_mode.hpp"
#include "environment.hpp"
#include "secret.hpp"

namespace awsdirect {

// Whether a section header of the credentials file can carry `profile`: 1 to 128 printable
// characters without spaces, [ ] # or ;.
AWSDIRECT_DECL bool isValidProfileName(const std::string& profile);

// Sets `profile` to the key (dropping a session token of an earlier key) in the credentials file
// that `environment` locates (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials); returns its
// path. Throws ConfigError for a profile name a section header cannot carry, or a file that
// cannot be read or written.
AWSDIRECT_DECL std::string saveCredentialsProfile(const Environment& environment, const std::string& profile,
                                                  const std::string& accessKeyId, const Secret& secretAccessKey);

// Removes `profile`'s section from that file; false when it had none (or there is no file).
AWSDIRECT_DECL bool removeCredentialsProfile(const Environment& environment, const std::string& profile);

namespace detail {
// The file's text with `profile` set to the key, or removed (keyId empty).
AWSDIRECT_DECL std::string credentialsTextWithProfile(const std::string& text, const std::string& profile,
                                                      const std::string& keyId, const std::string& secret);
AWSDIRECT_DECL std::string credentialsTextWithoutProfile(const std::string& text, const std::string& profile);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/credentials_file.ipp"
#endif
