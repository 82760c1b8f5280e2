#pragma once
// Credentials providers: the interface every source implements, credentials given in code, the
// environment variables, a profile's keys in the shared files, and the cache that refreshes
// temporary credentials as they near expiry. credential_process is in credentials/process.hpp,
// botocore's default chain in credentials/chain.hpp.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "detail/build_mode.hpp"
#include "environment.hpp"
#include "error.hpp"
#include "secret.hpp"
#include "shared_config.hpp"

namespace awsdirect {

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Throws CredentialsError when no usable credentials are available (ConfigError when a shared
  // file cannot be parsed).
  virtual Credentials credentials() = 0;
  // Where the credentials come from, for traces ("role R from instance metadata at URL"); no secret.
  virtual std::string describe() const { return {}; }
};

// Credentials given in code.
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  StaticCredentialsProvider(std::string accessKeyId, std::string secretAccessKey, std::string sessionToken = {})
      : credentials_(std::move(accessKeyId), std::move(secretAccessKey), std::move(sessionToken)) {}

  AWSDIRECT_DECL Credentials credentials() override;

 private:
  Credentials credentials_;
};

// No credentials: requests are sent unsigned. For the few calls AWS accepts so (STS
// AssumeRoleWithWebIdentity, which the web identity provider makes).
class AnonymousCredentialsProvider final : public CredentialsProvider {
 public:
  Credentials credentials() override {
    Credentials none;
    none.anonymous = true;
    return none;
  }
};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, as botocore, AWS_SECURITY_TOKEN before
// AWS_SESSION_TOKEN, with AWS_CREDENTIAL_EXPIRATION. Read at every call, so a changed
// environment is picked up as botocore's refresh would.
class EnvironmentCredentialsProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentCredentialsProvider(Environment environment = Environment::process())
      : environment_(std::move(environment)) {}

  // Whether this source applies: AWS_ACCESS_KEY_ID is set.
  AWSDIRECT_DECL static bool configured(const Environment& environment);

  AWSDIRECT_DECL Credentials credentials() override;

 private:
  Environment environment_;
};

namespace detail {

// aws_access_key_id, aws_secret_access_key and (botocore's order) aws_security_token or
// aws_session_token of one profile; nullopt when it has no aws_access_key_id.
AWSDIRECT_DECL std::optional<Credentials> profileKeys(const ProfileSettings* settings, const std::string& where);

AWSDIRECT_DECL std::string describeProfileIn(const std::string& profile, const std::string& file, bool found);

}  // namespace detail

// The keys of one profile: the shared credentials file first, then the config file (botocore's
// SharedCredentialProvider, then ConfigProvider). The files are read at the first call.
class ProfileCredentialsProvider final : public CredentialsProvider {
 public:
  // profileName "" chooses AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default".
  explicit ProfileCredentialsProvider(Environment environment = Environment::process(), std::string profileName = {})
      : environment_(std::move(environment)), profile_(chooseProfile(profileName, environment_).name) {}
  ProfileCredentialsProvider(std::shared_ptr<const SharedConfig> files, std::string profileName)
      : profile_(std::move(profileName)), files_(std::move(files)) {}

  AWSDIRECT_DECL Credentials credentials() override;

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

  AWSDIRECT_DECL Credentials credentials() override;

 private:
  AWSDIRECT_DECL std::chrono::system_clock::time_point now() const;
  AWSDIRECT_DECL bool needsRefresh(const Credentials& credentials, std::chrono::seconds window) const;
  AWSDIRECT_DECL std::optional<Credentials> snapshot() const;
  AWSDIRECT_DECL std::optional<Credentials> usable(std::chrono::seconds window) const;

  std::function<Credentials()> fetch_;
  RefreshTiming timing_;
  mutable std::mutex stateMutex_;  // guards current_
  std::mutex refreshMutex_;        // held by the one caller that fetches
  std::optional<Credentials> current_;
};

// A provider that fetches with what its State holds (its options, with their `refresh`; what a
// fetch keeps for the next one) and keeps what it fetched until the expiration nears: the instance
// metadata, the container endpoint, IAM Identity Center, a web identity, an assumed role. Each
// defines its State and its fetcher in its definition file; what it declares is its own.
template <class State>
class FetchingCredentialsProvider : public CredentialsProvider {
 public:
  Credentials credentials() override { return cache_.credentials(); }

 protected:
  using Fetcher = std::function<Credentials()> (*)(std::shared_ptr<State> state);
  FetchingCredentialsProvider(std::shared_ptr<State> state, Fetcher fetcher)
      : state_(std::move(state)), cache_(fetcher(state_), state_->options.refresh) {}

  std::shared_ptr<State> state_;

 private:
  RefreshingCredentialsProvider cache_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/credentials.ipp"
#endif
