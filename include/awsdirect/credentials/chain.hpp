#pragma once
// botocore's default credential chain, and the chain provider it is made of.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../environment.hpp"
#include "../shared_config.hpp"

namespace awsdirect {

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
  AWSDIRECT_DECL std::string chosenSource() const;

 private:
  AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> chosen();

  std::vector<Link> links_;
  std::vector<std::string> notes_;
  mutable std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> chosen_;
  std::string chosenSource_;
};

// Makes the provider for a profile that assumes a role (role_arn with source_profile or
// credential_source). The chain cannot call STS itself (STS is a client, and clients need a
// chain), so whoever builds the chain passes this in: every client passes assume_role.hpp's
// (see defaultCredentialsProvider there).
using AssumeRoleLink = std::function<std::shared_ptr<CredentialsProvider>(
    const Environment& environment, const std::shared_ptr<const SharedConfig>& files, const std::string& profile)>;

// botocore's default chain without the network sources: the environment (AWS_ACCESS_KEY_ID...),
// then a role the profile assumes (through `assumeRole`; without it such a profile is reported
// as needing it), then the profile's keys in the shared credentials file, its
// credential_process, its keys in the config file. Profiles that use web identity, SSO or
// login_session are reported as not supported yet. Nothing is read until the first
// credentials() call.
// `profileName` is the profile chosen in code; when it is set, as in botocore, credentials in
// the environment are not used. "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                                            const std::string& profileName,
                                                                            AssumeRoleLink assumeRole);

namespace detail {
// The same for a profile already chosen, with the shared files already read (null: read at the
// first call).
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                                            const ProfileChoice& profile,
                                                                            std::shared_ptr<const SharedConfig> files,
                                                                            AssumeRoleLink assumeRole);
// The error for a source awsdirect cannot use yet, with the credential_process that can stand in.
AWSDIRECT_DECL CredentialsError unsupportedSource(const std::string& profile, const std::string& how);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/chain.ipp"
#endif
