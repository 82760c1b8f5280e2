// Definitions of <awsdirect/policy.hpp>.
#include "../detail/json.hpp"
#include <string_view>

namespace awsdirect {

namespace iam {

// A single value as a string, several as an array, as IAM writes Action, Resource and Principal.
AWSDIRECT_DECL awsdirect::detail::JsonValue jsonOneOrMany(const std::vector<std::string>& values) {
  if (values.size() == 1) return awsdirect::detail::JsonValue(values.front());
  awsdirect::detail::JsonValue list = awsdirect::detail::JsonValue::array();
  for (const auto& value : values) list.push(awsdirect::detail::JsonValue(value));
  return list;
}


std::optional<std::vector<std::string>> trustedPrincipals(const std::string& document) {
  std::vector<std::string> out;
  try {
    const awsdirect::detail::JsonValue policy = awsdirect::detail::JsonValue::parse(document);
    const awsdirect::detail::JsonValue& statements = policy.at("Statement");
    for (const auto& statement : statements.isArray() ? statements.asArray() : awsdirect::detail::JsonValue::Array{statements}) {
      const awsdirect::detail::JsonValue* principal = statement.find("Principal");
      if (!principal || !principal->isObject()) continue;
      for (const auto& member : principal->asObject()) {  // "Service", "AWS", "Federated"
        const awsdirect::detail::JsonValue& who = member.second;
        if (who.isString()) out.push_back(who.asString());
        else if (who.isArray())
          for (const auto& one : who.asArray())
            if (one.isString()) out.push_back(one.asString());
      }
    }
  } catch (const Exception&) {
    return std::nullopt;
  }
  return out;
}

TrustPolicy TrustPolicy::service(std::string servicePrincipal) {
  return TrustPolicy().allowService(std::move(servicePrincipal));
}

TrustPolicy TrustPolicy::account(std::string accountId, std::string partition) {
  return TrustPolicy().allowAccount(std::move(accountId), std::move(partition));
}

TrustPolicy& TrustPolicy::allowService(std::string servicePrincipal) {
  services_.push_back(std::move(servicePrincipal));
  return *this;
}

TrustPolicy& TrustPolicy::allowAccount(std::string accountId, std::string partition) {
  accounts_.push_back({std::move(accountId), std::move(partition)});
  return *this;
}

TrustPolicy& TrustPolicy::allowPrincipal(std::string arn) {
  principals_.push_back(std::move(arn));
  return *this;
}

TrustPolicy& TrustPolicy::requireExternalId(std::string externalId) {
  externalId_ = std::move(externalId);
  return *this;
}

std::string TrustPolicy::json() const {
  awsdirect::detail::JsonValue principal = awsdirect::detail::JsonValue::object();
  if (!services_.empty()) principal.set("Service", jsonOneOrMany(services_));
  std::vector<std::string> aws = principals_;
  for (const auto& account : accounts_) aws.push_back("arn:" + account.partition + ":iam::" + account.id + ":root");
  if (!aws.empty()) principal.set("AWS", jsonOneOrMany(aws));
  awsdirect::detail::JsonValue statement = awsdirect::detail::JsonValue::object();
  statement.set("Effect", "Allow");
  statement.set("Principal", std::move(principal));
  statement.set("Action", "sts:AssumeRole");
  if (externalId_) {
    awsdirect::detail::JsonValue equals = awsdirect::detail::JsonValue::object();
    equals.set("sts:ExternalId", *externalId_);
    awsdirect::detail::JsonValue condition = awsdirect::detail::JsonValue::object();
    condition.set("StringEquals", std::move(equals));
    statement.set("Condition", std::move(condition));
  }
  awsdirect::detail::JsonValue policy = awsdirect::detail::JsonValue::object();
  policy.set("Version", "2012-10-17");
  policy.set("Statement", awsdirect::detail::JsonValue::array({std::move(statement)}));
  return policy.dump();
}


PolicyDocument& PolicyDocument::allow(std::vector<std::string> actions, std::vector<std::string> resources) {
  statements_.push_back({true, std::move(actions), std::move(resources)});
  return *this;
}

PolicyDocument& PolicyDocument::deny(std::vector<std::string> actions, std::vector<std::string> resources) {
  statements_.push_back({false, std::move(actions), std::move(resources)});
  return *this;
}

void PolicyDocument::validate(Validator& v, const std::string& field) const {
  v.check(!statements_.empty(), field, "must have at least one statement");
  for (std::size_t i = 0; i < statements_.size(); ++i) {
    const std::string name = field + ".Statement[" + std::to_string(i) + "]";
    v.check(!statements_[i].actions.empty(), name + ".Action", "must name at least one action");
    v.check(!statements_[i].resources.empty(), name + ".Resource", "must name at least one resource");
  }
}

std::string PolicyDocument::json() const {
  awsdirect::detail::JsonValue statements = awsdirect::detail::JsonValue::array();
  for (const auto& s : statements_) {
    awsdirect::detail::JsonValue statement = awsdirect::detail::JsonValue::object();
    statement.set("Effect", s.allow ? "Allow" : "Deny");
    statement.set("Action", jsonOneOrMany(s.actions));
    statement.set("Resource", jsonOneOrMany(s.resources));
    statements.push(std::move(statement));
  }
  awsdirect::detail::JsonValue policy = awsdirect::detail::JsonValue::object();
  policy.set("Version", "2012-10-17");
  policy.set("Statement", std::move(statements));
  return policy.dump();
}


namespace rules {

bool isNameCharacter(char c) {
  return isLetter(c) || isDigit(c) || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' ||
         c == '-';
}

void name(Validator& v, const std::string& field, const std::string& value, std::size_t maxLength) {
  if (!v.check(!value.empty() && value.size() <= maxLength, field,
               "must be 1 to " + std::to_string(maxLength) + " characters long"))
    return;
  bool allowed = true;
  for (char c : value) allowed &= isNameCharacter(c);
  v.check(allowed, field, "may contain only letters, digits and + = , . @ _ -");
}

void nameCharacters(Validator& v, const std::string& field, const std::string& value) {
  bool allowed = true;
  for (char c : value) allowed &= isNameCharacter(c);
  v.check(allowed, field, "may contain only letters, digits and + = , . @ _ -");
}

void requiredName(Validator& v, const std::string& field, const std::optional<std::string>& value, std::size_t maxLength) {
  if (v.required(value, field)) name(v, field, *value, maxLength);
}

void path(Validator& v, const std::string& field, const std::string& value) {
  if (!v.check(!value.empty() && value.size() <= 512, field, "must be 1 to 512 characters long")) return;
  bool printable = true;
  for (char c : value) printable &= awsdirect::rules::isPrintableAscii(c);
  v.check(value.front() == '/' && value.back() == '/', field, "must begin and end with '/'");
  v.check(printable, field, "may contain only printable ASCII characters other than space");
}

void pathPrefix(Validator& v, const std::string& field, const std::string& value) {
  if (!v.check(!value.empty() && value.size() <= 512, field, "must be 1 to 512 characters long")) return;
  bool allowed = true;
  for (char c : value) allowed &= c == '/' || isNameCharacter(c);
  v.check(value.front() == '/' && value.back() == '/', field, "must begin and end with '/'");
  v.check(allowed && value.find("//") == std::string::npos, field,
          "may contain only '/'-separated letters, digits and + = , . @ _ -");
}

bool isPartition(const std::string& p) {
  if (p == "aws") return true;
  if (p.rfind("aws-", 0) != 0 || p.size() == 4 || p.back() == '-') return false;
  for (char c : p)
    if (!(awsdirect::rules::isLower(c) || c == '-')) return false;
  return true;
}

bool isAccountId(const std::string& id) {
  if (id.size() != 12) return false;
  for (char c : id)
    if (!isDigit(c)) return false;
  return true;
}

void managedPolicyArn(Validator& v, const std::string& field, const std::string& arn) {
  if (!v.check(arn.size() >= 20 && arn.size() <= 2048, field, "must be 20 to 2048 characters long")) return;
  // arn : partition : service : region : account : resource
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = arn.find(':', start);
    if (colon == std::string::npos) break;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string shape = "must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
  if (!v.check(parts.size() == 5 && parts[0] == "arn", field, shape)) return;
  const std::string resource = arn.substr(start);
  v.check(isPartition(parts[1]), field, "must name a partition (aws, aws-cn, aws-us-gov, ...)");
  v.check(parts[2] == "iam" && parts[3].empty(), field, "must be an IAM ARN (arn:PARTITION:iam::...)");
  v.check(parts[4] == "aws" || isAccountId(parts[4]), field, "must name a 12-digit account or 'aws'");
  if (!v.check(resource.rfind("policy/", 0) == 0 && resource.size() > 7 && resource.back() != '/', field,
               "must name a policy (…:policy/NAME)"))
    return;
  const std::string policyName = resource.substr(resource.rfind('/') + 1);
  name(v, field + " (policy name)", policyName, 128);
}

void description(Validator& v, const std::string& field, const std::string& value) {
  std::size_t count = 0;
  bool allowed = true;
  bool utf8 = forEachCodePoint(value, [&](std::uint32_t cp) {
    ++count;
    allowed &= cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xFF);
  });
  if (!v.check(utf8, field, "must be valid UTF-8")) return;
  v.check(count <= 1000, field, "must be at most 1000 characters long");
  v.check(allowed, field, "may contain only tab, newline, printable ASCII and Latin-1 characters");
}

void policyDocument(Validator& v, const std::string& field, const std::string& document) {
  std::size_t count = 0;
  bool allowed = true;
  bool utf8 = forEachCodePoint(document, [&](std::uint32_t cp) {
    ++count;
    allowed &= cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF);
  });
  if (!v.check(utf8, field, "must be valid UTF-8")) return;
  if (!v.check(count >= 1 && count <= 131072, field, "must be 1 to 131072 characters long")) return;
  v.check(allowed, field, "may contain only tab, newline and characters U+0020 to U+00FF");
  try {
    awsdirect::detail::JsonValue parsed = awsdirect::detail::JsonValue::parse(document);
    if (v.check(parsed.isObject(), field, "must be a JSON object")) {
      const awsdirect::detail::JsonValue* statement = parsed.find("Statement");
      v.check(statement != nullptr, field, "must have a Statement");
    }
  } catch (const ParseError& e) {
    v.fail(field, "must be well-formed JSON (" + e.error().message + ")");
  }
}

void accessKeyId(Validator& v, const std::string& field, const std::optional<std::string>& id) {
  if (!v.required(id, field)) return;
  if (!v.check(id->size() >= 16 && id->size() <= 128, field, "must be 16 to 128 characters long")) return;
  bool allowed = true;
  for (char c : *id) allowed &= isLetter(c) || isDigit(c) || c == '_';
  v.check(allowed, field, "may contain only letters, digits and underscores");
}

void accessKeyId(Validator& v, const std::string& field, const std::string& id) { identifierCharacters(v, field, id); }

void identifierCharacters(Validator& v, const std::string& field, const std::string& id) {
  bool allowed = true;
  for (char c : id) allowed &= isLetter(c) || isDigit(c) || c == '_';
  v.check(allowed, field, "may contain only letters, digits and underscores");
}

void mfaSerialNumber(Validator& v, const std::string& field, const std::string& serial) {
  bool allowed = true;
  for (char c : serial)
    allowed &= isLetter(c) || isDigit(c) || std::string_view("_+=/:,.@-").find(c) != std::string_view::npos;
  v.check(allowed, field, "may contain only letters, digits and _ + = / : , . @ -");
}

bool isTagText(const std::string& text) {
  bool allowed = true;
  bool utf8 = forEachCodePoint(text, [&](std::uint32_t cp) {
    if (cp >= 0x80) return;
    char c = static_cast<char>(cp);
    allowed &= isLetter(c) || isDigit(c) || std::string_view(" _.:/=+-@").find(c) != std::string_view::npos;
  });
  return utf8 && allowed;
}

void tagKeyText(Validator& v, const std::string& field, const std::string& key) {
  v.check(isTagText(key), field, "may contain only letters, digits, spaces and _ . : / = + - @");
}

void tagList(Validator& v, const std::string& field, const std::vector<Tag>& list) { tags(v, field, list); }

void paging(Validator& v, const std::optional<std::string>& marker, const std::optional<int>& maxItems) {
  if (marker) v.check(!marker->empty() && marker->size() <= 320, "Marker", "must be 1 to 320 characters long");
  v.inRange(maxItems, 1, 1000, "MaxItems");
}

}  // namespace rules

void TrustPolicy::validate(Validator& v, const std::string& field) const {
  v.check(!services_.empty() || !accounts_.empty() || !principals_.empty(), field,
          "must allow at least one service, account or principal");
  for (const auto& service : services_) {
    bool allowed = !service.empty() && service.find('.') != std::string::npos && service.front() != '.' &&
                   service.back() != '.';
    for (char c : service)
      allowed &= awsdirect::rules::isLower(c) || awsdirect::rules::isDigit(c) || c == '.' || c == '-';
    v.check(allowed, field + ".Principal.Service",
            "must be a service principal such as redshift.amazonaws.com (lowercase, dotted)");
  }
  for (const auto& account : accounts_) {
    v.check(rules::isAccountId(account.id), field + ".Principal.AWS", "must be a 12-digit account id");
    v.check(rules::isPartition(account.partition), field + ".Principal.AWS",
            "must name a partition (aws, aws-cn, aws-us-gov, ...)");
  }
  for (const auto& arn : principals_) {
    bool shaped = arn.rfind("arn:", 0) == 0 &&
                  (arn.find(":iam::") != std::string::npos || arn.find(":sts::") != std::string::npos);
    v.check(shaped, field + ".Principal.AWS", "must be an IAM or STS principal ARN (arn:aws:iam::ACCOUNT:...)");
  }
  if (externalId_)
    v.check(externalId_->size() >= 2 && externalId_->size() <= 1224, field + ".Condition.sts:ExternalId",
            "must be 2 to 1224 characters long");
}

}  // namespace iam

}  // namespace awsdirect
