// Definitions of <awsdirect/credentials/chain.hpp>.
#include "../../detail/text.hpp"
#include "../../error.hpp"
#include "../../time.hpp"
#include "../process.hpp"

namespace awsdirect {

Credentials ChainCredentialsProvider::credentials() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (chosen_) {
    std::shared_ptr<CredentialsProvider> chosen = chosen_;
    lock.unlock();
    return chosen->credentials();
  }
  // The first search holds the lock, so threads that need credentials at once search once.
  trace_.clear();
  for (const auto& link : links_) {
    CredentialsSourceTrace step;
    step.source = link.source;
    const auto start = std::chrono::steady_clock::now();
    auto finish = [&](bool answered, bool failed, std::string detail) {
      step.answered = answered;
      step.failed = failed;
      step.detail = std::move(detail);
      step.took = std::chrono::milliseconds(detail::millisecondsSince(start));
      trace_.push_back(step);
      const LogLevel level = answered ? LogLevel::Info : failed ? LogLevel::Warn : LogLevel::Debug;
      if (logger_.enabled(level))
        logger_(level, "credentials: " + step.source + (answered ? " answered: " : failed ? " failed: " : ": ") +
                           step.detail + " (" + std::to_string(step.took.count()) + " ms)");
    };
    try {
      std::string whyNot;
      std::shared_ptr<CredentialsProvider> provider = link.find ? link.find(whyNot) : nullptr;
      if (!provider) {
        finish(false, false, whyNot.empty() ? "does not apply" : whyNot);
        continue;
      }
      Credentials credentials = provider->credentials();
      std::string where = provider->describe();
      if (where.empty()) where = link.where.empty() ? link.source : link.where;
      finish(true, false, std::move(where));
      chosen_ = std::move(provider);
      chosenSource_ = link.source;
      return credentials;
    } catch (const Exception& e) {
      finish(false, true, e.error().message);
      throw;
    }
  }
  std::string message = "no AWS credentials found; tried";
  for (std::size_t i = 0; i < trace_.size(); ++i)
    message += (i ? "; " : " ") + trace_[i].source + ": " + trace_[i].detail;
  if (links_.empty()) message += " nothing";
  for (const auto& note : notes_) message += ". " + note;
  throw CredentialsError(detail::credentialsError("NoCredentials", message));
}

std::string ChainCredentialsProvider::chosenSource() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return chosenSource_;
}

std::vector<CredentialsSourceTrace> ChainCredentialsProvider::trace() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return trace_;
}

std::chrono::milliseconds ChainContext::remaining() const {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

namespace detail {

CredentialsError unsupportedSource(const std::string& profile, const std::string& how) {
  return CredentialsError(credentialsError(
      "UnsupportedCredentialSource",
      "profile " + quote(profile) + " gets its credentials " + how +
          ", which awsdirect does not support; a credential_process can supply them instead (AWS CLI v2: "
          "credential_process = aws configure export-credentials --profile " +
          profile + " --format process)"));
}

// botocore's default chain. `files` is read at the first call when null.
class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  DefaultCredentialsChain(Environment environment, ProfileChoice profile, std::shared_ptr<const SharedConfig> files,
                          NetworkCredentialSources network, ChainOptions options)
      : environment_(std::move(environment)),
        profile_(std::move(profile)),
        files_(std::move(files)),
        network_(std::move(network)),
        options_(std::move(options)) {}

  Credentials credentials() override { return chain()->credentials(); }

  std::vector<CredentialsSourceTrace> trace() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return chain_ ? chain_->trace() : std::vector<CredentialsSourceTrace>{};
  }

 private:
  using Link = ChainCredentialsProvider::Link;
  using Found = std::shared_ptr<CredentialsProvider>;

  // A network source: asked when the chain has it; otherwise reported, and refused when the
  // profile or environment configures it (rather than quietly using other keys).
  static Link networkLink(std::string source, const NetworkCredentialSources::Find& find,
                          std::shared_ptr<const ChainContext> context, bool configured, std::string how) {
    return {source, [find, context, configured, how](std::string& whyNot) -> Found {
              if (find) return find(*context, whyNot);
              if (configured) throw unsupportedSource(context->profile, how + " in a chain made without network sources");
              whyNot = "not asked: this chain was made without network sources";
              return nullptr;
            },
            std::string()};
  }

  static Link keysLink(std::string source, std::shared_ptr<const SharedConfig> files, std::string name, bool credentialsFile) {
    const std::string path = credentialsFile ? files->credentialsPath() : files->configPath();
    std::string where = describeProfileIn(name, path, true);
    return {source,
            [files, name, credentialsFile, path, where](std::string& whyNot) -> Found {
              const bool found = credentialsFile ? files->credentialsFound() : files->configFound();
              const ProfileSettings* profile =
                  credentialsFile ? files->credentialsProfile(name) : files->configProfile(name);
              if (auto keys = profileKeys(profile, where)) return std::make_shared<StaticCredentialsProvider>(*keys);
              whyNot = !found     ? path + " not found"
                       : !profile ? "no profile " + quote(name) + " in " + path
                                  : where + " has no aws_access_key_id";
              return nullptr;
            },
            where};
  }

  std::shared_ptr<ChainCredentialsProvider> chain() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (chain_) return chain_;
    if (!files_) files_ = std::make_shared<const SharedConfig>(SharedConfig::load(environment_));
    auto files = files_;
    const std::string name = profile_.name;
    auto profile = std::make_shared<const ProfileSettings>(files->profile(name).value_or(ProfileSettings{}));
    auto has = [profile](const char* key) { return profile->count(key) != 0; };
    auto context = std::make_shared<ChainContext>();
    context->environment = environment_;
    context->files = files;
    context->profile = name;
    context->environmentAllowed = !profile_.chosenInCode;
    context->logger = options_.logger;
    context->deadline = std::chrono::steady_clock::now() + options_.timeout;
    context->network = network_;
    const Environment environment = environment_;
    const NetworkCredentialSources network = network_;
    const std::string inProfile = " in profile " + quote(name);

    std::vector<Link> links;
    links.push_back({"environment",
                     [context](std::string& whyNot) -> Found {
                       if (!context->environmentAllowed) {
                         whyNot = "not consulted, since the profile was chosen in code (as botocore)";
                         return nullptr;
                       }
                       if (!EnvironmentCredentialsProvider::configured(context->environment)) {
                         whyNot = "AWS_ACCESS_KEY_ID is not set";
                         return nullptr;
                       }
                       return std::make_shared<EnvironmentCredentialsProvider>(context->environment);
                     },
                     "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"});
    links.push_back({"assume role",
                     [=](std::string& whyNot) -> Found {
                       if (!has("role_arn") || has("web_identity_token_file")) {
                         whyNot = "no role_arn" + inProfile;
                         return nullptr;
                       }
                       if (network.assumeRole) return network.assumeRole(*context, whyNot);
                       throw CredentialsError(credentialsError(
                           "UnsupportedCredentialSource",
                           "profile " + quote(name) + " gets its credentials by assuming role " +
                               profile->at("role_arn") +
                               " (role_arn), and this chain was made without a way to call STS: use a client's "
                               "default chain or defaultCredentialsProvider (awsdirect/credentials/default_chain.hpp)"));
                     },
                     "role_arn" + inProfile});
    const bool webIdentity =
        has("web_identity_token_file") ||
        (context->environmentAllowed && environment.getNonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE").has_value());
    links.push_back(networkLink("web identity", network.webIdentity, context, webIdentity,
                                "from a web identity token (web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE)"));
    links.push_back(networkLink("IAM Identity Center (SSO)", network.sso, context,
                                has("sso_session") || has("sso_start_url") || has("sso_account_id"),
                                "from IAM Identity Center (sso_* settings)"));
    links.push_back(keysLink("shared credentials file", files, name, true));
    links.push_back({"sign-in session", [=](std::string& whyNot) -> Found {
                       if (has("login_session"))
                         throw unsupportedSource(name, "from an AWS sign-in session (login_session)");
                       whyNot = "no login_session" + inProfile;
                       return nullptr;
                     },
                     std::string()});
    links.push_back({"credential_process",
                     [=](std::string& whyNot) -> Found {
                       auto command = profile->find("credential_process");
                       if (command == profile->end()) {
                         whyNot = "no credential_process" + inProfile;
                         return nullptr;
                       }
                       ProcessCredentialsOptions options;
                       options.source = "profile " + quote(name) + " in " +
                                        (files->credentialsProfile(name) &&
                                                 files->credentialsProfile(name)->count("credential_process")
                                             ? files->credentialsPath()
                                             : files->configPath());
                       return std::make_shared<ProcessCredentialsProvider>(command->second, options);
                     },
                     "credential_process" + inProfile});
    links.push_back(keysLink("config file", files, name, false));
    links.push_back(networkLink("container", network.container, context, false, "from the container endpoint"));
    links.push_back(networkLink("instance metadata", network.instanceMetadata, context, false, "from instance metadata"));

    std::vector<std::string> notes;
    if (profile_.named() && !files->hasProfile(name))
      notes.push_back("profile " + quote(name) + " (from " + profile_.source + ") exists in neither file");
    chain_ = std::make_shared<ChainCredentialsProvider>(std::move(links), std::move(notes), options_.logger);
    return chain_;
  }

  Environment environment_;
  ProfileChoice profile_;
  mutable std::mutex mutex_;
  std::shared_ptr<const SharedConfig> files_;
  NetworkCredentialSources network_;
  ChainOptions options_;
  std::shared_ptr<ChainCredentialsProvider> chain_;
};

std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment, const ProfileChoice& profile,
                                                             std::shared_ptr<const SharedConfig> files,
                                                             NetworkCredentialSources network, ChainOptions options) {
  return std::make_shared<DefaultCredentialsChain>(environment, profile, std::move(files), std::move(network),
                                                   std::move(options));
}

std::vector<CredentialsSourceTrace> chainTrace(const CredentialsProvider& provider) {
  if (auto* chain = dynamic_cast<const ChainCredentialsProvider*>(&provider)) return chain->trace();
  if (auto* defaultChain = dynamic_cast<const DefaultCredentialsChain*>(&provider))
    return defaultChain->trace();
  return {};
}

}  // namespace detail

std::shared_ptr<CredentialsProvider> defaultCredentialsChain(const Environment& environment,
                                                             const std::string& profileName,
                                                             NetworkCredentialSources network, ChainOptions options) {
  return detail::defaultCredentialsChain(environment, chooseProfile(profileName, environment), nullptr,
                                         std::move(network), std::move(options));
}

}  // namespace awsdirect
