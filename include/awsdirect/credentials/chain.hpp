#pragma once
// botocore's default credential chain, the chain provider it is made of, and the trace that
// explains which source answered.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../environment.hpp"
#include "../log.hpp"
#include "../shared_config.hpp"

namespace awsdirect {

// One source of a chain as the chain tried it: what `whoami --explain` prints.
struct CredentialsSourceTrace {
  std::string source;      // "environment", "instance metadata", ...
  bool answered = false;   // this source gave the credentials
  bool failed = false;     // this source applied but failed (its error ended the search)
  std::string detail;      // why it gave nothing, its error, or where the credentials came from
  std::chrono::milliseconds took{0};
};

// Sources tried in order; the first one that gives credentials is used from then on (botocore's
// CredentialResolver). Thread-safe.
class ChainCredentialsProvider final : public CredentialsProvider {
 public:
  struct Link {
    std::string source;  // short: "environment", "shared credentials file"
    // The provider when this source applies, else nullptr with `whyNot` saying why
    // ("AWS_ACCESS_KEY_ID is not set"). Throwing (a source that applies but is unusable) ends
    // the search, as in botocore.
    std::function<std::shared_ptr<CredentialsProvider>(std::string& whyNot)> find;
    // Where the credentials come from when it answers ("profile 'dev' in ~/.aws/credentials").
    std::string where;
  };

  // `notes` are appended to the message when no link applies.
  explicit ChainCredentialsProvider(std::vector<Link> links, std::vector<std::string> notes = {}, Logger logger = {})
      : links_(std::move(links)), notes_(std::move(notes)), logger_(std::move(logger)) {}

  // The first call tries the links in order and asks the first that applies for credentials;
  // later calls ask that one again (it refreshes its own).
  AWSDIRECT_DECL Credentials credentials() override;

  // The source of the link in use, or "" before one was found.
  AWSDIRECT_DECL std::string chosenSource() const;
  // Every link tried by the first call, in order, with what each said and how long it took.
  AWSDIRECT_DECL std::vector<CredentialsSourceTrace> trace() const;

 private:
  std::vector<Link> links_;
  std::vector<std::string> notes_;
  Logger logger_;
  mutable std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> chosen_;
  std::string chosenSource_;
  std::vector<CredentialsSourceTrace> trace_;
};

struct ChainContext;

// The sources of the default chain that need the network (HTTP, JSON, STS), which sit in the
// layers above this one; whoever builds the chain passes them in (every client passes
// networkCredentialSources(), credentials/default_chain.hpp). Each returns its provider when its
// source applies and gives credentials, else nullptr with `whyNot` set; it throws when the source
// applies but is unusable. A missing one is reported as such.
struct NetworkCredentialSources {
  using Find = std::function<std::shared_ptr<CredentialsProvider>(const ChainContext& context, std::string& whyNot)>;
  Find assumeRole;        // role_arn with source_profile or credential_source
  Find webIdentity;       // AWS_WEB_IDENTITY_TOKEN_FILE, web_identity_token_file
  Find sso;               // sso_session, sso_start_url
  Find container;         // AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI
  Find instanceMetadata;  // EC2 instance metadata (IMDSv2)
};

// What each network source of the default chain is given when the chain looks for credentials.
struct ChainContext {
  Environment environment;
  std::shared_ptr<const SharedConfig> files;
  std::string profile;             // the profile in use
  bool environmentAllowed = true;  // false when the profile was chosen in code (botocore's disable_env_vars)
  Logger logger;
  std::chrono::steady_clock::time_point deadline;  // network sources give up by then
  NetworkCredentialSources network;                // for sources that need others (a role's source profile)

  // The time left before the deadline; zero once it has passed.
  AWSDIRECT_DECL std::chrono::milliseconds remaining() const;
};

struct ChainOptions {
  Logger logger;
  // How long the first search may take in all; the network sources share it.
  std::chrono::milliseconds timeout{std::chrono::seconds(5)};
};

// botocore's default chain, in its order: the environment (AWS_ACCESS_KEY_ID...), a role the
// profile assumes (role_arn), web identity, IAM Identity Center (SSO), the profile's keys in the
// shared credentials file, its credential_process, its keys in the config file, the container
// credentials endpoint, EC2 instance metadata. The network sources come from `network`. Nothing
// is read until the first credentials() call.
// `profileName` is the profile chosen in code; when it is set, as in botocore, credentials in
// the environment are not used. "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                                            const std::string& profileName,
                                                                            NetworkCredentialSources network,
                                                                            ChainOptions options = {});

namespace detail {
// The same for a profile already chosen, with the shared files already read (null: read at the
// first call).
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                                            const ProfileChoice& profile,
                                                                            std::shared_ptr<const SharedConfig> files,
                                                                            NetworkCredentialSources network,
                                                                            ChainOptions options = {});
// The trace of a default chain (or of a chain provider), empty for any other provider.
AWSDIRECT_DECL std::vector<CredentialsSourceTrace> chainTrace(const CredentialsProvider& provider);
// The error for a source awsdirect cannot use, with the credential_process that can stand in.
AWSDIRECT_DECL CredentialsError unsupportedSource(const std::string& profile, const std::string& how);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/chain.ipp"
#endif
