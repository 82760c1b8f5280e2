#pragma once
// botocore's default credential chain with every source in it, which every client uses when its
// configuration names no provider, and the explanation of what that chain does.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../config.hpp"
#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../environment.hpp"
#include "../error.hpp"
#include "chain.hpp"

namespace awsdirect {

// The sources of the default chain that need the network: roles (assume_role.hpp), web identity
// (credentials/web_identity.hpp), IAM Identity Center (credentials/sso.hpp), the container
// endpoint and EC2 instance metadata (credentials/metadata.hpp).
AWSDIRECT_DECL NetworkCredentialSources networkCredentialSources();

// botocore's default chain, in its order: the environment, a role the profile assumes, web
// identity, SSO, the shared credentials file, credential_process, the config file, the container
// endpoint, instance metadata. Nothing is read or fetched until the first credentials() call.
// `profileName` is the profile chosen in code; when it is set, as in botocore, credentials in
// the environment are not used. "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> defaultCredentialsProvider(const Environment& environment,
                                                                               const std::string& profileName = {},
                                                                               ChainOptions options = {});

// What the credentials of a client configuration come from, as data: each source of the chain
// in order, what it said and how long it took, and which answered. Never a secret.
struct CredentialsExplanation {
  std::string profile;                          // the profile in use
  std::vector<CredentialsSourceTrace> sources;  // in the order tried
  std::string accessKeyId;                      // of the credentials found; "" when none were
  std::optional<Error> error;                   // why none were found
  // The chain that answered, resolved: give it to a client (ClientConfig::withCredentialsProvider)
  // to call with these credentials without searching again.
  std::shared_ptr<CredentialsProvider> provider;
};

// Runs the chain `config` would use (or asks its credentials provider) and says what happened.
AWSDIRECT_DECL CredentialsExplanation explainCredentials(const ClientConfig& config);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/default_chain.ipp"
#endif
