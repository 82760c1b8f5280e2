// Definitions of <awsdirect/assume_role.hpp>.
#include <algorithm>
#include <charconv>
#include <system_error>

#include "../detail/text.hpp"

namespace awsdirect {

namespace sts {

namespace rules {

void roleArn(Validator& v, const std::string& field, const std::string& arn) {
  if (!v.check(arn.size() >= 20 && arn.size() <= 2048, field, "must be 20 to 2048 characters long")) return;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = arn.find(':', start);
    if (colon == std::string::npos) break;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string resource = parts.size() == 5 ? arn.substr(start) : "";
  bool shaped = parts.size() == 5 && parts[0] == "arn" && iam::rules::isPartition(parts[1]) && parts[2] == "iam" &&
                parts[3].empty() && iam::rules::isAccountId(parts[4]) && resource.rfind("role/", 0) == 0 &&
                resource.size() > 5 && resource.back() != '/';
  v.check(shaped, field, "must be a role ARN such as arn:aws:iam::123456789012:role/NAME");
}

void roleSessionName(Validator& v, const std::string& field, const std::string& name) {
  if (!v.check(name.size() >= 2 && name.size() <= 64, field, "must be 2 to 64 characters long")) return;
  bool allowed = true;
  for (char c : name) allowed &= iam::rules::isNameCharacter(c);
  v.check(allowed, field, "may contain only letters, digits and + = , . @ _ -");
}

void externalId(Validator& v, const std::string& field, const std::string& id) {
  if (!v.check(id.size() >= 2 && id.size() <= 1224, field, "must be 2 to 1224 characters long")) return;
  bool allowed = true;
  for (char c : id) allowed &= iam::rules::isNameCharacter(c) || c == ':' || c == '/';
  v.check(allowed, field, "may contain only letters, digits and + = , . @ : / _ -");
}

}  // namespace rules

void writeMember(QueryWriter& w, const PolicyDescriptor& policy) { w.add("arn", policy.arn); }

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<PolicyDescriptor>& policies) {
  validateListCount(v, spec, policies.size());
  for (std::size_t i = 0; i < policies.size(); ++i)
    iam::rules::managedPolicyArn(v, std::string(spec.name) + "[" + std::to_string(i) + "]", policies[i].arn);
}

void tokenCode(Validator& v, const std::string& field, const std::string& code) {
  bool digits = code.size() == 6;
  for (char c : code) digits &= awsdirect::rules::isDigit(c);
  v.check(digits, field, "must be 6 digits");
}

void AssumeRoleRequest::validateAcross(Validator& v) const {
  v.check(transitiveTagKeys_.size() <= 50, "TransitiveTagKeys", "must have at most 50 keys");
  for (std::size_t i = 0; i < transitiveTagKeys_.size(); ++i) {
    bool tagged = false;
    for (const Tag& t : tags_) tagged |= t.key == transitiveTagKeys_[i];
    v.check(tagged, "TransitiveTagKeys[" + std::to_string(i) + "]", "must be the key of one of the session tags");
  }
  if (tokenCode_) v.check(serialNumber_.has_value(), "SerialNumber", "is required with TokenCode");
}

Credentials readTemporaryCredentials(const XmlNode& c, const char* operation) {
  Credentials credentials(c.text("AccessKeyId"), c.text("SecretAccessKey"), c.text("SessionToken"));
  credentials.expiration = c.timestamp("Expiration");
  if (credentials.accessKeyId.empty() || credentials.secretAccessKey.empty() || credentials.sessionToken.empty() ||
      !credentials.expiration)
    throwError(makeError(ErrorKind::Parse, "IncompleteCredentials",
                         std::string(operation) +
                             " returned credentials without an access key, secret, session token or expiration"));
  return credentials;
}

AssumeRoleResult AssumeRoleRequest::parse(const XmlNode& result) {
  Result r;
  r.credentials = readTemporaryCredentials(result.child("Credentials"), "AssumeRole");
  XmlNode user = result.child("AssumedRoleUser");
  r.assumedRoleUser = {user.text("AssumedRoleId"), user.text("Arn")};
  if (result.child("PackedPolicySize")) r.packedPolicySize = result.int32("PackedPolicySize");
  r.sourceIdentity = result.text("SourceIdentity");
  return r;
}

}  // namespace sts

namespace detail {
struct AssumeRoleState {
  using Options = AssumeRoleCredentialsProvider::Options;
  AssumeRoleState(sts::AssumeRoleRequest r, std::shared_ptr<CredentialsProvider> s, Options o)
      : request(std::move(r)), source(std::move(s)), options(std::move(o)) {
    if (!request.roleSessionNameValue()) request.roleSessionName(defaultRoleSessionName(options.refresh));
  }
  sts::AssumeRoleRequest request;
  std::shared_ptr<CredentialsProvider> source;
  Options options;
  std::shared_ptr<ClientCore> sts;  // made at the first fetch, which runs under the cache's refresh lock
  mutable std::mutex mutex;         // guards assumedRoleUser
  std::optional<sts::AssumedRoleUser> assumedRoleUser;
};
}  // namespace detail


std::string AssumeRoleCredentialsProvider::describe() const {
  return "role " + state_->request.roleArnValue().value_or("") + ", assumed with AssumeRole";
}

std::optional<sts::AssumedRoleUser> AssumeRoleCredentialsProvider::assumedRoleUser() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->assumedRoleUser;
}

namespace detail {
AWSDIRECT_DECL std::function<Credentials()> assumeRoleFetcher(std::shared_ptr<AssumeRoleState> state) {
  return [state] {
    if (!state->source)
      throw CredentialsError(detail::credentialsError("NoCredentials", "AssumeRole needs source credentials"));
    if (!state->sts) {
      ClientConfig config = state->options.stsConfig;
      config.credentialsProvider = state->source;
      // The source is given, so this client needs no default chain and no way to assume roles.
      state->sts = ClientCore::make(detail::stsServiceInfo(), config, {});
    }
    sts::AssumeRoleRequest request = state->request;
    if (state->options.mfaTokenCode) request.tokenCode(state->options.mfaTokenCode());
    Outcome<sts::AssumeRoleResult> result = sendQuery(*state->sts, request);
    if (!result) {
      // Keep the kind (a refused AssumeRole stays an AwsError with its code); say what for.
      Error error = result.error();
      error.message = "cannot assume role " + request.roleArnValue().value_or("") + ": " + error.message;
      throwError(std::move(error));
    }
    std::lock_guard<std::mutex> lock(state->mutex);
    state->assumedRoleUser = result.value().assumedRoleUser;
    return result.value().credentials;
  };
}
}  // namespace detail

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(sts::AssumeRoleRequest request,
                                                             std::shared_ptr<CredentialsProvider> source, Options options)
    : FetchingCredentialsProvider(
          std::make_shared<detail::AssumeRoleState>(std::move(request), std::move(source), std::move(options)),
          detail::assumeRoleFetcher) {}

namespace detail {

ServiceInfo stsServiceInfo() { return {"STS", "sts", "sts", "2011-06-15", false}; }

std::string defaultRoleSessionName(const RefreshTiming& refresh) {
  const auto now = refresh.now ? refresh.now() : std::chrono::system_clock::now();
  return "awsdirect-session-" +
         std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

AWSDIRECT_DECL bool hasStaticKeys(const ProfileSettings& profile) {
  return profile.count("aws_access_key_id") || profile.count("aws_secret_access_key");
}
AWSDIRECT_DECL bool assumesRole(const ProfileSettings& profile) {
  return profile.count("role_arn") && !profile.count("web_identity_token_file");
}

// The provider for a profile with role_arn, resolved as botocore's AssumeRoleProvider does:

// the source credentials come from source_profile (its keys; or, when it assumes a role itself,
// that role; or its other sources) or from credential_source = Environment. `visited` holds the
// profiles on the way here, to refuse a loop before any call. Every STS call of a chain of roles
// uses the region and endpoint settings of the profile in use (`stsProfile`), as botocore's
// session does.
std::shared_ptr<CredentialsProvider> assumeRoleFromProfile(const ChainContext& context, const std::string& name,
                                                           std::vector<std::string> visited, std::string stsProfile) {
  const Environment& environment = context.environment;
  const std::shared_ptr<const SharedConfig>& files = context.files;
  if (stsProfile.empty()) stsProfile = name;
  const ProfileSettings profile = files->profile(name).value_or(ProfileSettings{});
  auto setting = [&](const char* key) -> std::optional<std::string> {
    auto found = profile.find(key);
    if (found == profile.end()) return std::nullopt;
    return found->second;
  };
  const std::string where = "profile " + detail::quote(name);
  auto invalid = [&](const std::string& message) { return ConfigError(configError("InvalidConfig", message)); };
  visited.push_back(name);

  sts::AssumeRoleRequest request;
  request.roleArn(setting("role_arn").value_or(""));
  if (auto session = setting("role_session_name")) request.roleSessionName(*session);
  if (auto externalId = setting("external_id")) request.externalId(*externalId);
  if (auto duration = setting("duration_seconds")) {
    int seconds = 0;
    auto parsed = std::from_chars(duration->data(), duration->data() + duration->size(), seconds);
    if (duration->empty() || parsed.ec != std::errc() || parsed.ptr != duration->data() + duration->size())
      throw invalid("duration_seconds of " + where + " is not a whole number of seconds");
    request.durationSeconds(seconds);
  }
  if (setting("mfa_serial"))
    throw CredentialsError(credentialsError(
        "UnsupportedCredentialSource",
        where + " assumes its role with MFA (mfa_serial), and awsdirect cannot prompt for the code; use "
                "AssumeRoleCredentialsProvider with Options::mfaTokenCode, or a credential_process"));

  auto sourceProfile = setting("source_profile");
  auto credentialSource = setting("credential_source");
  if (sourceProfile && credentialSource)
    throw invalid(where + " has both source_profile and credential_source; it may have only one");
  if (!sourceProfile && !credentialSource)
    throw CredentialsError(credentialsError(
        "PartialCredentials", where + " has role_arn but neither source_profile nor credential_source"));

  std::shared_ptr<CredentialsProvider> source;
  if (credentialSource) {
    if (*credentialSource == "Environment") {
      source = std::make_shared<EnvironmentCredentialsProvider>(environment);
    } else if (*credentialSource == "Ec2InstanceMetadata" || *credentialSource == "EcsContainer") {
      const bool metadata = *credentialSource == "Ec2InstanceMetadata";
      const NetworkCredentialSources::Find& find =
          metadata ? context.network.instanceMetadata : context.network.container;
      std::string whyNot = "this chain has no network sources";
      if (find) source = find(context, whyNot);
      if (!source)
        throw CredentialsError(credentialsError(
            "NoCredentials", where + " takes its source credentials from " + *credentialSource +
                                 " (credential_source), which gave none: " + whyNot));
    } else {
      throw invalid("credential_source " + detail::quote(*credentialSource) + " of " + where +
                    " is not valid: use Environment, Ec2InstanceMetadata or EcsContainer");
    }
  } else {
    const std::string& sourceName = *sourceProfile;
    auto sourceSettings = files->profile(sourceName);
    if (!sourceSettings)
      throw invalid("source_profile " + detail::quote(sourceName) + " of " + where + " does not exist in " +
                    files->describeFiles());
    const bool self = sourceName == name;
    bool loop = std::find(visited.begin(), visited.end(), sourceName) != visited.end();
    // A profile may name itself as its source to keep its keys and its role together.
    if (loop && !(self && hasStaticKeys(*sourceSettings))) {
      std::string path;
      for (const auto& p : visited) path += p + " -> ";
      throw invalid("source_profile loop: " + path + sourceName);
    }
    if (hasStaticKeys(*sourceSettings)) {
      source = std::make_shared<ProfileCredentialsProvider>(files, sourceName);
    } else if (assumesRole(*sourceSettings)) {
      source = assumeRoleFromProfile(context, sourceName, visited, stsProfile);
    } else {
      // Its credential_process or other sources, but not the environment (botocore's
      // disable_env_vars for source profiles).
      ChainOptions options;
      options.logger = context.logger;
      options.timeout = std::max(context.remaining(), std::chrono::milliseconds(1));
      source = defaultCredentialsChain(environment, ProfileChoice{sourceName, "source_profile of " + where, true}, files,
                                       context.network, options);
    }
  }

  AssumeRoleCredentialsProvider::Options options;
  options.stsConfig.environment = environment;
  options.stsConfig.profile = stsProfile;
  options.stsConfig.logger = context.logger;
  return std::make_shared<AssumeRoleCredentialsProvider>(std::move(request), std::move(source), std::move(options));
}

}  // namespace detail

}  // namespace awsdirect
