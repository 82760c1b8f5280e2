// Definitions of <awsdirect/credentials.hpp>.
#include "../detail/text.hpp"
#include "../error.hpp"
#include "../time.hpp"

namespace awsdirect {

Credentials StaticCredentialsProvider::credentials() {
  if (credentials_.accessKeyId.empty() || credentials_.secretAccessKey.empty())
    throw CredentialsError(detail::credentialsError(
        "PartialCredentials", "the credentials given in code lack an access key id or a secret access key"));
  return credentials_;
}

bool EnvironmentCredentialsProvider::configured(const Environment& environment) {
  return environment.getNonEmpty("AWS_ACCESS_KEY_ID").has_value();
}

Credentials EnvironmentCredentialsProvider::credentials() {
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

namespace detail {

std::optional<Credentials> profileKeys(const ProfileSettings* settings, const std::string& where) {
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

std::string describeProfileIn(const std::string& profile, const std::string& file, bool found) {
  return "profile " + quote(profile) + " in " + file + (found ? "" : " (not found)");
}

}  // namespace detail

Credentials ProfileCredentialsProvider::credentials() {
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
      "no aws_access_key_id for profile " + detail::quote(profile_) + " in " + files.describeFiles()));
}

Credentials RefreshingCredentialsProvider::credentials() {
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

std::chrono::system_clock::time_point RefreshingCredentialsProvider::now() const {
  return timing_.now ? timing_.now() : std::chrono::system_clock::now();
}

bool RefreshingCredentialsProvider::needsRefresh(const Credentials& credentials, std::chrono::seconds window) const {
  return credentials.expiration && *credentials.expiration - now() < window;
}

std::optional<Credentials> RefreshingCredentialsProvider::snapshot() const {
  std::lock_guard<std::mutex> lock(stateMutex_);
  return current_;
}

std::optional<Credentials> RefreshingCredentialsProvider::usable(std::chrono::seconds window) const {
  std::optional<Credentials> current = snapshot();
  if (current && !needsRefresh(*current, window)) return current;
  return std::nullopt;
}

}  // namespace awsdirect
