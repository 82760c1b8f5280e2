// Definitions of <awsdirect/credentials/sso.hpp>.
#include <fstream>
#include <mutex>
#include <sstream>

#include "../../config.hpp"
#include "../../crypto.hpp"
#include "../../detail/ini.hpp"
#include "../../detail/json.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"
#include "../../error.hpp"
#include "../../time.hpp"
#include "../../uri.hpp"
#include "../metadata.hpp"

namespace awsdirect {

std::optional<SsoSettings> SsoSettings::fromProfile(const SharedConfig& files, const std::string& profile,
                                                    std::string& whyNot) {
  const ProfileSettings settings = files.profile(profile).value_or(ProfileSettings{});
  auto invalid = [&](const std::string& message) {
    return ConfigError(detail::configError("InvalidConfig", "profile " + detail::quote(profile) + " " + message));
  };
  // botocore: sso_role_name or sso_account_id says the profile uses SSO.
  if (!settings.count("sso_role_name") && !settings.count("sso_account_id")) {
    whyNot = "no sso_account_id or sso_role_name in profile " + detail::quote(profile);
    return std::nullopt;
  }
  ProfileSettings resolved = settings;
  SsoSettings sso;
  sso.profile = profile;
  if (auto session = settings.find("sso_session"); session != settings.end()) {
    const ProfileSettings* section = files.ssoSession(session->second);
    if (!section)
      throw invalid("uses sso_session " + detail::quote(session->second) + ", which " + files.configPath() +
                    " does not define ([sso-session " + session->second + "])");
    for (const auto& [key, value] : *section) {
      auto mine = resolved.find(key);
      if (mine != resolved.end() && mine->second != value)
        throw invalid("sets " + key + " to " + detail::quote(mine->second) + " and its sso-session to " +
                      detail::quote(value) + "; they must agree");
      resolved[key] = value;
    }
    sso.sessionName = session->second;
  }
  std::string missing;
  for (const char* key : {"sso_role_name", "sso_account_id", "sso_start_url", "sso_region"})
    if (!resolved.count(key) || resolved.at(key).empty()) missing += (missing.empty() ? "" : ", ") + std::string(key);
  if (!missing.empty()) throw invalid("is configured to use SSO but is missing " + missing);
  sso.startUrl = resolved.at("sso_start_url");
  sso.region = resolved.at("sso_region");
  sso.accountId = resolved.at("sso_account_id");
  sso.roleName = resolved.at("sso_role_name");
  return sso;
}

std::string SsoSettings::tokenCacheFile(const Environment& environment) const {
  return detail::expandPath("~/.aws/sso/cache/" + sha1Hex(sessionName.empty() ? startUrl : sessionName) + ".json",
                            environment);
}

namespace detail {
struct SsoState {
  explicit SsoState(SsoCredentialsOptions o) : options(std::move(o)) {}
  SsoCredentialsOptions options;
  NextFetchDeadline deadline;
};
}  // namespace detail

std::string SsoCredentialsProvider::describe() const {
  const SsoSettings& sso = state_->options.settings;
  return "role " + sso.roleName + " of account " + sso.accountId + " through IAM Identity Center (" +
         (sso.sessionName.empty() ? sso.startUrl : "sso-session " + sso.sessionName) + ")";
}

void SsoCredentialsProvider::setDeadline(std::chrono::steady_clock::time_point deadline) {
  state_->deadline.set(deadline);
}

namespace detail {

// The portal, as every AWS endpoint: AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL, the profile's
// [services] section or endpoint_url, else portal.sso.REGION.amazonaws.com.
AWSDIRECT_DECL std::string ssoPortalEndpoint(const SsoCredentialsOptions& options) {
  ClientConfig config;
  config.environment = options.environment;
  config.region = options.settings.region;
  config.profile = options.settings.profile;
  config.credentialsProvider = std::make_shared<AnonymousCredentialsProvider>();
  return resolveConfig(config, ServiceInfo{"SSO", "portal.sso", "awsssoportal", "2019-06-10", false}).endpoint;
}

AWSDIRECT_DECL Credentials fetchSsoCredentials(const SsoCredentialsOptions& options,
                                               const std::optional<std::chrono::steady_clock::time_point>& deadline) {
  const SsoSettings& sso = options.settings;
  const std::string login = "run aws sso login --profile " + sso.profile;
  auto noToken = [&](const std::string& why) {
    return CredentialsError(credentialsError("SsoTokenExpired", "the SSO session of profile " + quote(sso.profile) +
                                                                    " " + why + "; " + login));
  };
  const std::string cacheFile = sso.tokenCacheFile(options.environment);
  std::ifstream in(cacheFile, std::ios::binary);
  if (!in) throw noToken("has no cached token (" + cacheFile + " not found)");
  std::ostringstream text;
  text << in.rdbuf();
  JsonValue cached;
  try {
    cached = JsonValue::parse(text.str());
  } catch (const ParseError&) {
    throw noToken("has a token cache that is not JSON (" + cacheFile + ")");
  }
  const JsonValue* accessToken = cached.isObject() ? cached.find("accessToken") : nullptr;
  const JsonValue* expiresAt = cached.isObject() ? cached.find("expiresAt") : nullptr;
  if (!accessToken || !accessToken->isString() || !expiresAt || !expiresAt->isString())
    throw noToken("has a cached token without accessToken or expiresAt (" + cacheFile + ")");
  const auto expires = parseIso8601(expiresAt->asString());
  if (!expires) throw noToken("has a cached token whose expiresAt is not a timestamp (" + cacheFile + ")");
  if (*expires <= std::chrono::system_clock::now()) throw noToken("expired at " + formatIso8601(*expires));
  const Secret token(accessToken->asString());

  const EndpointParts portal = splitEndpoint(ssoPortalEndpoint(options));
  HttpRequest request;
  request.method = "GET";
  request.scheme = portal.scheme;
  request.host = portal.authority;
  request.path = portal.basePath + "/federation/credentials";
  request.query = "account_id=" + uriEncode(sso.accountId) + "&role_name=" + uriEncode(sso.roleName);
  request.headers.set("x-amz-sso_bearer_token", token.reveal());
  const std::string where = "the SSO portal " + portal.authority;
  HttpResponse response;
  try {
    response = sendMetadataRequest(options.transport, request, boundedTimeout(options.timeout, deadline, where));
  } catch (const TransportError& e) {
    throw CredentialsError(credentialsError("NoCredentials", where + " did not answer: " + e.error().message));
  }
  if (response.status == 401 || response.status == 403)
    throw noToken("was refused by " + where + " (HTTP " + std::to_string(response.status) + ")");
  if (response.status != 200)
    throw CredentialsError(credentialsError(
        "NoCredentials", where + " answered HTTP " + std::to_string(response.status) + " for account " +
                             sso.accountId + ", role " + sso.roleName));
  auto invalid = [&](const std::string& what) {
    return CredentialsError(credentialsError("InvalidCredentials", where + " answered " + what));
  };
  JsonValue document;
  try {
    document = JsonValue::parse(response.body);
  } catch (const ParseError&) {
    throw invalid("with something that is not JSON");
  }
  const JsonValue* role = document.isObject() ? document.find("roleCredentials") : nullptr;
  if (!role || !role->isObject()) throw invalid("without roleCredentials");
  auto field = [&](const char* name) -> std::string {
    const JsonValue* value = role->find(name);
    if (!value || !value->isString() || value->asString().empty()) throw invalid(std::string("without ") + name);
    return value->asString();
  };
  Credentials credentials(field("accessKeyId"), field("secretAccessKey"), field("sessionToken"));
  const JsonValue* expiration = role->find("expiration");
  if (!expiration || !expiration->isNumber()) throw invalid("without expiration");
  // Milliseconds since the epoch.
  credentials.expiration = std::chrono::system_clock::time_point(std::chrono::milliseconds(expiration->asInt64()));
  return credentials;
}

AWSDIRECT_DECL std::function<Credentials()> ssoFetcher(std::shared_ptr<SsoState> state) {
  return [state]() -> Credentials { return fetchSsoCredentials(state->options, state->deadline.take()); };
}

}  // namespace detail

SsoCredentialsProvider::SsoCredentialsProvider(SsoCredentialsOptions options)
    : FetchingCredentialsProvider(std::make_shared<detail::SsoState>(std::move(options)), detail::ssoFetcher) {}

}  // namespace awsdirect
