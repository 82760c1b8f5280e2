#pragma once
// IAM policy documents and the rules IAM applies to names, paths, ARNs, policy documents and
// tags: shared by IAM (roles, users) and STS (session policies, role ARNs, session names).
//   iam::TrustPolicy::service("redshift.amazonaws.com")   who may assume a role
//   iam::PolicyDocument().allow({"s3:GetObject"}, {"arn:aws:s3:::bucket/*"})   what an identity may do
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.hpp"
#include "json.hpp"
#include "query.hpp"
#include "validate.hpp"

namespace awsdirect {
namespace iam {

// ---- Policy documents ------------------------------------------------------------------------

// The trust policy of a role (its AssumeRolePolicyDocument): who may assume it. Covers the
// common cases so nobody hand-writes JSON for them:
//   TrustPolicy::service("redshift.amazonaws.com")     an AWS service
//   TrustPolicy::account("123456789012")                any principal of an account that its own
//                                                        policies allow to assume the role
//   TrustPolicy::principal("arn:aws:iam::123456789012:user/admin")   one user or role
class TrustPolicy {
 public:
  static TrustPolicy service(std::string servicePrincipal) {
    return TrustPolicy().allowService(std::move(servicePrincipal));
  }
  static TrustPolicy account(std::string accountId, std::string partition = "aws") {
    return TrustPolicy().allowAccount(std::move(accountId), std::move(partition));
  }
  static TrustPolicy principal(std::string arn) { return TrustPolicy().allowPrincipal(std::move(arn)); }

  TrustPolicy& allowService(std::string servicePrincipal) {
    services_.push_back(std::move(servicePrincipal));
    return *this;
  }
  TrustPolicy& allowAccount(std::string accountId, std::string partition = "aws") {
    accounts_.push_back({std::move(accountId), std::move(partition)});
    return *this;
  }
  TrustPolicy& allowPrincipal(std::string arn) {
    principals_.push_back(std::move(arn));
    return *this;
  }
  // Requires the caller to pass this ExternalId to AssumeRole (the confused-deputy guard for
  // roles that a third party assumes).
  TrustPolicy& requireExternalId(std::string externalId) {
    externalId_ = std::move(externalId);
    return *this;
  }

  // Every problem of the policy, reported under `field` ("AssumeRolePolicyDocument").
  void validate(Validator& v, const std::string& field) const;

  // The policy as IAM expects it: one statement allowing sts:AssumeRole to the principals.
  std::string json() const {
    JsonValue principal = JsonValue::object();
    if (!services_.empty()) principal.set("Service", oneOrMany(services_));
    std::vector<std::string> aws = principals_;
    for (const auto& account : accounts_) aws.push_back("arn:" + account.partition + ":iam::" + account.id + ":root");
    if (!aws.empty()) principal.set("AWS", oneOrMany(aws));
    JsonValue statement = JsonValue::object();
    statement.set("Effect", "Allow");
    statement.set("Principal", std::move(principal));
    statement.set("Action", "sts:AssumeRole");
    if (externalId_) {
      JsonValue equals = JsonValue::object();
      equals.set("sts:ExternalId", *externalId_);
      JsonValue condition = JsonValue::object();
      condition.set("StringEquals", std::move(equals));
      statement.set("Condition", std::move(condition));
    }
    JsonValue policy = JsonValue::object();
    policy.set("Version", "2012-10-17");
    policy.set("Statement", JsonValue::array({std::move(statement)}));
    return policy.dump();
  }

 private:
  struct Account {
    std::string id;
    std::string partition;
  };
  static JsonValue oneOrMany(const std::vector<std::string>& values) {
    if (values.size() == 1) return JsonValue(values.front());
    JsonValue list = JsonValue::array();
    for (const auto& value : values) list.push(JsonValue(value));
    return list;
  }

  std::vector<std::string> services_;
  std::vector<Account> accounts_;
  std::vector<std::string> principals_;
  std::optional<std::string> externalId_;
};

// An identity policy (what a user, group or role may do), statement by statement:
//   PolicyDocument().allow({"s3:GetObject"}, {"arn:aws:s3:::my-bucket/*"})
class PolicyDocument {
 public:
  PolicyDocument& allow(std::vector<std::string> actions, std::vector<std::string> resources) {
    statements_.push_back({true, std::move(actions), std::move(resources)});
    return *this;
  }
  PolicyDocument& deny(std::vector<std::string> actions, std::vector<std::string> resources) {
    statements_.push_back({false, std::move(actions), std::move(resources)});
    return *this;
  }

  void validate(Validator& v, const std::string& field) const {
    v.check(!statements_.empty(), field, "must have at least one statement");
    for (std::size_t i = 0; i < statements_.size(); ++i) {
      const std::string name = field + ".Statement[" + std::to_string(i) + "]";
      v.check(!statements_[i].actions.empty(), name + ".Action", "must name at least one action");
      v.check(!statements_[i].resources.empty(), name + ".Resource", "must name at least one resource");
    }
  }

  std::string json() const {
    JsonValue statements = JsonValue::array();
    for (const auto& s : statements_) {
      JsonValue statement = JsonValue::object();
      statement.set("Effect", s.allow ? "Allow" : "Deny");
      statement.set("Action", oneOrMany(s.actions));
      statement.set("Resource", oneOrMany(s.resources));
      statements.push(std::move(statement));
    }
    JsonValue policy = JsonValue::object();
    policy.set("Version", "2012-10-17");
    policy.set("Statement", std::move(statements));
    return policy.dump();
  }

 private:
  struct Statement {
    bool allow;
    std::vector<std::string> actions;
    std::vector<std::string> resources;
  };
  static JsonValue oneOrMany(const std::vector<std::string>& values) {
    if (values.size() == 1) return JsonValue(values.front());
    JsonValue list = JsonValue::array();
    for (const auto& value : values) list.push(JsonValue(value));
    return list;
  }
  std::vector<Statement> statements_;
};

// ---- Rules ----------------------------------------------------------------------------------

namespace rules {

using awsdirect::rules::isDigit;
using awsdirect::rules::isLetter;

// IAM's name characters ([\w+=,.@-]): letters, digits and _ + = , . @ -.
inline bool isNameCharacter(char c) {
  return isLetter(c) || isDigit(c) || c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' ||
         c == '-';
}

// A role, user or policy name: 1 to `maxLength` characters of [A-Za-z0-9+=,.@_-].
inline void name(Validator& v, const std::string& field, const std::string& value, std::size_t maxLength = 64) {
  if (!v.check(!value.empty() && value.size() <= maxLength, field,
               "must be 1 to " + std::to_string(maxLength) + " characters long"))
    return;
  bool allowed = true;
  for (char c : value) allowed &= isNameCharacter(c);
  v.check(allowed, field, "may contain only letters, digits and + = , . @ _ -");
}

inline void requiredName(Validator& v, const std::string& field, const std::optional<std::string>& value,
                         std::size_t maxLength = 64) {
  if (v.required(value, field)) name(v, field, *value, maxLength);
}

// A path: "/" alone, or "/" + printable ASCII (no spaces) + "/", at most 512 characters.
inline void path(Validator& v, const std::string& field, const std::string& value) {
  if (!v.check(!value.empty() && value.size() <= 512, field, "must be 1 to 512 characters long")) return;
  bool printable = true;
  for (char c : value) printable &= awsdirect::rules::isPrintableAscii(c);
  v.check(value.front() == '/' && value.back() == '/', field, "must begin and end with '/'");
  v.check(printable, field, "may contain only printable ASCII characters other than space");
}

// The path prefix of a List call: "/" or "/a/b/" with IAM's name characters between the slashes.
inline void pathPrefix(Validator& v, const std::string& field, const std::string& value) {
  if (!v.check(!value.empty() && value.size() <= 512, field, "must be 1 to 512 characters long")) return;
  bool allowed = true;
  for (char c : value) allowed &= c == '/' || isNameCharacter(c);
  v.check(value.front() == '/' && value.back() == '/', field, "must begin and end with '/'");
  v.check(allowed && value.find("//") == std::string::npos, field,
          "may contain only '/'-separated letters, digits and + = , . @ _ -");
}

// A partition name as it appears in ARNs: "aws", "aws-cn", "aws-us-gov", "aws-iso-b", ...
inline bool isPartition(const std::string& p) {
  if (p == "aws") return true;
  if (p.rfind("aws-", 0) != 0 || p.size() == 4 || p.back() == '-') return false;
  for (char c : p)
    if (!(awsdirect::rules::isLower(c) || c == '-')) return false;
  return true;
}

inline bool isAccountId(const std::string& id) {
  if (id.size() != 12) return false;
  for (char c : id)
    if (!isDigit(c)) return false;
  return true;
}

// The ARN of a managed policy: arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME, where ACCOUNT is
// 12 digits or "aws" (a policy that AWS manages), as AttachRolePolicy and AttachUserPolicy accept.
inline void managedPolicyArn(Validator& v, const std::string& field, const std::string& arn) {
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

// Visits the Unicode code points of `text`; false when it is not well-formed UTF-8.
template <class Visit>
bool forEachCodePoint(const std::string& text, Visit visit) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = awsdirect::detail::utf8SequenceLength(std::string_view(text).substr(i));
    if (length == 0) return false;
    auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k])); };
    std::uint32_t cp = length == 1   ? byte(0)
                       : length == 2 ? ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F)
                       : length == 3 ? ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F)
                                     : ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) |
                                           ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    visit(cp);
    i += length;
  }
  return true;
}

// A role's description: at most 1000 characters of tab, newline, printable ASCII and Latin-1.
inline void description(Validator& v, const std::string& field, const std::string& value) {
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

// A policy document: a JSON object of at most 131072 characters (tab, newline, U+0020-U+00FF).
// The message never quotes the document.
inline void policyDocument(Validator& v, const std::string& field, const std::string& document) {
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
    JsonValue parsed = JsonValue::parse(document);
    if (v.check(parsed.isObject(), field, "must be a JSON object")) {
      const JsonValue* statement = parsed.find("Statement");
      v.check(statement != nullptr, field, "must have a Statement");
    }
  } catch (const ParseError& e) {
    v.fail(field, "must be well-formed JSON (" + e.error().message + ")");
  }
}

// IAM's tag rules: at most 50 tags; keys of 1-128 and values of at most 256 letters, digits,
// spaces and _ . : / = + - @, keys not starting with "aws:", no key twice.
template <class TagList>
void tags(Validator& v, const std::string& field, const TagList& tags) {
  v.check(tags.size() <= 50, field, "must have at most 50 tags");
  awsdirect::rules::tags(v, field, tags);
  auto allowedText = [](const std::string& text) {
    bool allowed = true;
    bool utf8 = forEachCodePoint(text, [&](std::uint32_t cp) {
      // Non-ASCII letters and digits are allowed too; their classes are AWS's to check.
      if (cp >= 0x80) return;
      char c = static_cast<char>(cp);
      allowed &= isLetter(c) || isDigit(c) || c == ' ' || c == '_' || c == '.' || c == ':' || c == '/' ||
                 c == '=' || c == '+' || c == '-' || c == '@';
    });
    return utf8 && allowed;
  };
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string name = field + "[" + std::to_string(i) + "]";
    const std::string rule = "may contain only letters, digits, spaces and _ . : / = + - @";
    v.check(allowedText(tags[i].key), name + ".Key", rule);
    v.check(allowedText(tags[i].value), name + ".Value", rule);
    for (std::size_t j = 0; j < i; ++j)
      if (tags[j].key == tags[i].key) {
        v.fail(name + ".Key", "must not repeat the key of tag " + std::to_string(j));
        break;
      }
  }
}

// An access key id: 16 to 128 letters, digits and underscores.
inline void accessKeyId(Validator& v, const std::string& field, const std::optional<std::string>& id) {
  if (!v.required(id, field)) return;
  if (!v.check(id->size() >= 16 && id->size() <= 128, field, "must be 16 to 128 characters long")) return;
  bool allowed = true;
  for (char c : *id) allowed &= isLetter(c) || isDigit(c) || c == '_';
  v.check(allowed, field, "may contain only letters, digits and underscores");
}

// The paging parameters every List call shares.
inline void paging(Validator& v, const std::optional<std::string>& marker, const std::optional<int>& maxItems) {
  if (marker) v.check(!marker->empty() && marker->size() <= 320, "Marker", "must be 1 to 320 characters long");
  v.inRange(maxItems, 1, 1000, "MaxItems");
}

}  // namespace rules

inline void TrustPolicy::validate(Validator& v, const std::string& field) const {
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
