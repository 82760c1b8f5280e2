#pragma once
// IAM policy documents and the rules IAM applies to names, paths, ARNs, policy documents and
// tags: shared by IAM (roles, users) and STS (session policies, role ARNs, session names).
//   iam::TrustPolicy::service("redshift.amazonaws.com")   who may assume a role
//   iam::PolicyDocument().allow({"s3:GetObject"}, {"arn:aws:s3:::bucket/*"})   what an identity may do
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "detail/text.hpp"
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
  AWSDIRECT_DECL static TrustPolicy service(std::string servicePrincipal);
  AWSDIRECT_DECL static TrustPolicy account(std::string accountId, std::string partition = "aws");
  static TrustPolicy principal(std::string arn) { return TrustPolicy().allowPrincipal(std::move(arn)); }

  AWSDIRECT_DECL TrustPolicy& allowService(std::string servicePrincipal);
  AWSDIRECT_DECL TrustPolicy& allowAccount(std::string accountId, std::string partition = "aws");
  AWSDIRECT_DECL TrustPolicy& allowPrincipal(std::string arn);
  // Requires the caller to pass this ExternalId to AssumeRole (the confused-deputy guard for
  // roles that a third party assumes).
  AWSDIRECT_DECL TrustPolicy& requireExternalId(std::string externalId);

  // Every problem of the policy, reported under `field` ("AssumeRolePolicyDocument").
  AWSDIRECT_DECL void validate(Validator& v, const std::string& field) const;

  // The policy as IAM expects it: one statement allowing sts:AssumeRole to the principals.
  AWSDIRECT_DECL std::string json() const;

 private:
  struct Account {
    std::string id;
    std::string partition;
  };

  std::vector<std::string> services_;
  std::vector<Account> accounts_;
  std::vector<std::string> principals_;
  std::optional<std::string> externalId_;
};

// An identity policy (what a user, group or role may do), statement by statement:
//   PolicyDocument().allow({"s3:GetObject"}, {"arn:aws:s3:::my-bucket/*"})
class PolicyDocument {
 public:
  AWSDIRECT_DECL PolicyDocument& allow(std::vector<std::string> actions, std::vector<std::string> resources);
  AWSDIRECT_DECL PolicyDocument& deny(std::vector<std::string> actions, std::vector<std::string> resources);

  AWSDIRECT_DECL void validate(Validator& v, const std::string& field) const;

  AWSDIRECT_DECL std::string json() const;

 private:
  struct Statement {
    bool allow;
    std::vector<std::string> actions;
    std::vector<std::string> resources;
  };
  std::vector<Statement> statements_;
};

// The principals a trust policy document allows (services, account roots, user and role ARNs),
// in order: what GetRole's AssumeRolePolicyDocument says about who may assume the role. nullopt
// when the document is not JSON of a policy's shape.
AWSDIRECT_DECL std::optional<std::vector<std::string>> trustedPrincipals(const std::string& document);

// ---- Rules ----------------------------------------------------------------------------------

namespace rules {

using awsdirect::rules::isDigit;
using awsdirect::rules::isLetter;

// IAM's name characters ([\w+=,.@-]): letters, digits and _ + = , . @ -.
AWSDIRECT_DECL bool isNameCharacter(char c);

// A role, user or policy name: 1 to `maxLength` characters of [A-Za-z0-9+=,.@_-].
AWSDIRECT_DECL void name(Validator& v, const std::string& field, const std::string& value, std::size_t maxLength = 64);

// The characters of a name, whatever its length: letters, digits and + = , . @ _ -.
AWSDIRECT_DECL void nameCharacters(Validator& v, const std::string& field, const std::string& value);

AWSDIRECT_DECL void requiredName(Validator& v, const std::string& field, const std::optional<std::string>& value,
                         std::size_t maxLength = 64);

// A path: "/" alone, or "/" + printable ASCII (no spaces) + "/", at most 512 characters.
AWSDIRECT_DECL void path(Validator& v, const std::string& field, const std::string& value);

// The path prefix of a List call: "/" or "/a/b/" with IAM's name characters between the slashes.
AWSDIRECT_DECL void pathPrefix(Validator& v, const std::string& field, const std::string& value);

// A partition name as it appears in ARNs: "aws", "aws-cn", "aws-us-gov", "aws-iso-b", ...
AWSDIRECT_DECL bool isPartition(const std::string& p);

AWSDIRECT_DECL bool isAccountId(const std::string& id);

// The ARN of a managed policy: arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME, where ACCOUNT is
// 12 digits or "aws" (a policy that AWS manages), as AttachRolePolicy and AttachUserPolicy accept.
AWSDIRECT_DECL void managedPolicyArn(Validator& v, const std::string& field, const std::string& arn);

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
AWSDIRECT_DECL void description(Validator& v, const std::string& field, const std::string& value);

// A policy document: a JSON object of at most 131072 characters (tab, newline, U+0020-U+00FF).
// The message never quotes the document.
AWSDIRECT_DECL void policyDocument(Validator& v, const std::string& field, const std::string& document);

// IAM's tag rules: at most 50 tags; keys of 1-128 and values of at most 256 letters, digits,
// spaces and _ . : / = + - @, keys not starting with "aws:", no key twice.
// The text of a tag's key or value: letters, digits, spaces and _ . : / = + - @ (non-ASCII
// letters and digits too; their classes are AWS's to check).
AWSDIRECT_DECL bool isTagText(const std::string& text);

// A tag key given alone (UntagRole's TagKeys): isTagText.
AWSDIRECT_DECL void tagKeyText(Validator& v, const std::string& field, const std::string& key);

// IAM's tag rules: at most 50 tags; keys of 1-128 and values of at most 256 letters, digits,
// spaces and _ . : / = + - @, keys not starting with "aws:", no key twice.
template <class TagList>
void tags(Validator& v, const std::string& field, const TagList& tags) {
  v.check(tags.size() <= 50, field, "must have at most 50 tags");
  awsdirect::rules::tags(v, field, tags);
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string name = field + "[" + std::to_string(i) + "]";
    const std::string rule = "may contain only letters, digits, spaces and _ . : / = + - @";
    v.check(isTagText(tags[i].key), name + ".Key", rule);
    v.check(isTagText(tags[i].value), name + ".Value", rule);
    for (std::size_t j = 0; j < i; ++j)
      if (tags[j].key == tags[i].key) {
        v.fail(name + ".Key", "must not repeat the key of tag " + std::to_string(j));
        break;
      }
  }
}

// An identifier of IAM's [\w]+ kind (certificate, SSH key, credential ids): letters, digits, underscores.
AWSDIRECT_DECL void identifierCharacters(Validator& v, const std::string& field, const std::string& id);

// An MFA device's serial number or ARN: letters, digits and _ + = / : , . @ -.
AWSDIRECT_DECL void mfaSerialNumber(Validator& v, const std::string& field, const std::string& serial);

// An access key id: 16 to 128 letters, digits and underscores.
AWSDIRECT_DECL void accessKeyId(Validator& v, const std::string& field, const std::optional<std::string>& id);
// Its characters, whatever its length.
AWSDIRECT_DECL void accessKeyId(Validator& v, const std::string& field, const std::string& id);

// tags() for a request's Tags member.
AWSDIRECT_DECL void tagList(Validator& v, const std::string& field, const std::vector<Tag>& tags);

// The paging parameters every List call shares.
AWSDIRECT_DECL void paging(Validator& v, const std::optional<std::string>& marker, const std::optional<int>& maxItems);

}  // namespace rules

}  // namespace iam
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/policy.ipp"
#endif
