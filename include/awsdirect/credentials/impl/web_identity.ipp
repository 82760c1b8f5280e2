// Definitions of <awsdirect/credentials/web_identity.hpp>.
#include <fstream>
#include <mutex>
#include <sstream>

#include "../../detail/text.hpp"
#include "../../error.hpp"

namespace awsdirect {
namespace sts {

AssumeRoleWithWebIdentityResult AssumeRoleWithWebIdentityRequest::parse(const XmlNode& result) {
  Result r;
  r.credentials = readTemporaryCredentials(result.child("Credentials"), "AssumeRoleWithWebIdentity");
  XmlNode user = result.child("AssumedRoleUser");
  r.assumedRoleUser = {user.text("AssumedRoleId"), user.text("Arn")};
  r.subjectFromWebIdentityToken = result.text("SubjectFromWebIdentityToken");
  r.provider = result.text("Provider");
  r.audience = result.text("Audience");
  return r;
}

}  // namespace sts

namespace detail {
struct WebIdentityState {
  explicit WebIdentityState(WebIdentityCredentialsProvider::Options o) : options(std::move(o)) {
    if (options.roleSessionName.empty()) options.roleSessionName = defaultRoleSessionName(options.refresh);
  }
  WebIdentityCredentialsProvider::Options options;
  std::shared_ptr<ClientCore> sts;  // made at the first fetch, under the cache's refresh lock
  mutable std::mutex mutex;         // guards assumedRoleUser
  std::optional<sts::AssumedRoleUser> assumedRoleUser;
};
}  // namespace detail

std::string WebIdentityCredentialsProvider::describe() const {
  return "role " + state_->options.roleArn + " with the web identity token in " + state_->options.tokenFile;
}

std::optional<sts::AssumedRoleUser> WebIdentityCredentialsProvider::assumedRoleUser() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->assumedRoleUser;
}

namespace detail {
AWSDIRECT_DECL std::function<Credentials()> webIdentityFetcher(std::shared_ptr<WebIdentityState> state) {
  return [state] {
    const WebIdentityCredentialsProvider::Options& options = state->options;
    // Read at each refresh: the token is rotated in place (EKS projects a new one hourly).
    std::ifstream in(options.tokenFile, std::ios::binary);
    if (!in)
      throw CredentialsError(detail::credentialsError(
          "NoCredentials", "cannot read the web identity token file " + options.tokenFile));
    std::ostringstream text;
    text << in.rdbuf();
    const std::string token(detail::trim(text.str()));
    if (token.empty())
      throw CredentialsError(
          detail::credentialsError("NoCredentials", "the web identity token file " + options.tokenFile + " is empty"));
    if (!state->sts) {
      ClientConfig config = options.stsConfig;
      config.credentialsProvider = std::make_shared<AnonymousCredentialsProvider>();
      state->sts = ClientCore::make(detail::stsServiceInfo(), config, {});
    }
    auto result = sendQuery(*state->sts, sts::AssumeRoleWithWebIdentityRequest()
                                             .roleArn(options.roleArn)
                                             .roleSessionName(options.roleSessionName)
                                             .webIdentityToken(token));
    if (!result) {
      Error error = result.error();
      error.message = "cannot assume role " + options.roleArn + " with the web identity token in " +
                      options.tokenFile + ": " + error.message;
      throwError(std::move(error));
    }
    std::lock_guard<std::mutex> lock(state->mutex);
    state->assumedRoleUser = result.value().assumedRoleUser;
    return result.value().credentials;
  };
}
}  // namespace detail

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(Options options)
    : FetchingCredentialsProvider(std::make_shared<detail::WebIdentityState>(std::move(options)),
                                  detail::webIdentityFetcher) {}

}  // namespace awsdirect
