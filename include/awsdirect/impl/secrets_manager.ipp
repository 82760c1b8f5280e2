// Definitions of <awsdirect/secrets_manager.hpp>.
#include <string>

namespace awsdirect {
namespace secretsmanager {

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<RotationRules>& rules) {
  if (!rules) return;
  const std::string field = spec.name;
  if (rules->automaticallyAfterDays)
    v.check(*rules->automaticallyAfterDays >= 1 && *rules->automaticallyAfterDays <= 1000,
            field + ".AutomaticallyAfterDays", "must be between 1 and 1000");
  if (rules->duration) {
    // "2h" to "24h": the rotation window, in hours.
    const std::string& d = *rules->duration;
    const bool hours = d.size() >= 2 && d.size() <= 3 && d.back() == 'h' &&
                       d.find_first_not_of("0123456789") == d.size() - 1;
    const int count = hours ? std::stoi(d.substr(0, d.size() - 1)) : 0;
    v.check(hours && count >= 2 && count <= 24, field + ".Duration", "must be a number of hours from 2h to 24h");
  }
  if (rules->scheduleExpression)
    v.check(!rules->scheduleExpression->empty() && rules->scheduleExpression->size() <= 256 &&
                rules->scheduleExpression->find_first_not_of(
                    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()#?*-/, ") == std::string::npos,
            field + ".ScheduleExpression", "must be rate(...) or cron(...) of at most 256 characters");
  v.check(!(rules->automaticallyAfterDays && rules->scheduleExpression), field,
          "must not set both AutomaticallyAfterDays and ScheduleExpression");
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<SecretsFilter>& filters) {
  validateListCount(v, spec, filters.size());
  static constexpr const char* keys[] = {"description", "name", "tag-key", "tag-value", "primary-region",
                                         "owning-service", "all"};
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const std::string field = std::string(spec.name) + "[" + std::to_string(i) + "]";
    bool known = false;
    for (const char* key : keys) known = known || filters[i].key == key;
    v.check(known, field + ".Key",
            "must be one of description, name, tag-key, tag-value, primary-region, owning-service, all");
    v.check(!filters[i].values.empty() && filters[i].values.size() <= 10, field + ".Values", "must have 1 to 10 values");
    for (const std::string& value : filters[i].values)
      v.check(!value.empty() && value.size() <= 512, field + ".Values", "each must be 1 to 512 characters long");
  }
}

void CreateSecretRequest::validateAcross(Validator& v) const {
  v.check(!(secretString_ && secretBinary_), "SecretString", "must not be set with SecretBinary (one value per version)");
}

void PutSecretValueRequest::validateAcross(Validator& v) const {
  v.check(!(secretString_ && secretBinary_), "SecretString", "must not be set with SecretBinary (one value per version)");
  v.check(secretString_ || secretBinary_, "SecretString", "or SecretBinary is required");
}

void DeleteSecretRequest::validateAcross(Validator& v) const {
  v.check(!(recoveryWindowInDays_ && forceDeleteWithoutRecovery_.value_or(false)), "RecoveryWindowInDays",
          "must not be set with ForceDeleteWithoutRecovery (the secret is deleted at once)");
}

}  // namespace secretsmanager

AWSDIRECT_LAZY_DEF
Outcome<std::vector<secretsmanager::SecretListEntry>> SecretsManager::listAllSecrets(
    secretsmanager::ListSecretsRequest request) {
  return sendAllPages(std::move(request), ByNextToken{}, &secretsmanager::ListSecretsResult::nextToken,
                      &secretsmanager::ListSecretsResult::secretList);
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_SECRETS_MANAGER_OPERATIONS)

}  // namespace awsdirect
