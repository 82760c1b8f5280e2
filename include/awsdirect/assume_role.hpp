#pragma once
// Credentials of an IAM role, got with STS AssumeRole as botocore's AssumeRoleProvider gets
// them, and the provider for profiles that assume roles (role_arn). STS's AssumeRole operation is defined here, below the clients, because the default chain
// of every client (STS's too) needs it; sts.hpp offers it with the rest of STS.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"
#include "credentials.hpp"
#include "credentials/chain.hpp"
#include "detail/build_mode.hpp"
#include "pipeline.hpp"
#include "policy.hpp"
#include "query.hpp"
#include "request.hpp"

namespace awsdirect {

class Sts;

namespace sts {

struct AssumedRoleUser {
  std::string assumedRoleId;  // "AROA...:SESSION"
  std::string arn;            // "arn:aws:sts::123456789012:assumed-role/ROLE/SESSION"
};

// Temporary credentials (their secret key and session token are Secrets, never printed) and
// whom they act as.
struct AssumeRoleResult {
  Credentials credentials;  // with expiration
  AssumedRoleUser assumedRoleUser;
  std::optional<int> packedPolicySize;  // percent of the allowed size the session policies and tags use
  std::string sourceIdentity;
};
// The temporary credentials STS returns (<Credentials>), complete: a ParseError naming
// `operation` when the key, secret, session token or expiration is missing.
AWSDIRECT_DECL Credentials readTemporaryCredentials(const XmlNode& credentials, const char* operation);

// ---- Rules ----------------------------------------------------------------------------------

namespace rules {

// A role ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME.
AWSDIRECT_DECL void roleArn(Validator& v, const std::string& field, const std::string& arn);

// A role session name: 2 to 64 letters, digits and + = , . @ _ -.
AWSDIRECT_DECL void roleSessionName(Validator& v, const std::string& field, const std::string& name);

// An external id: 2 to 1224 letters, digits and + = , . @ : / _ -.
AWSDIRECT_DECL void externalId(Validator& v, const std::string& field, const std::string& id);

}  // namespace rules
// A managed policy for a session, by ARN (STS's PolicyDescriptorType).
struct PolicyDescriptor {
  std::string arn;
};
AWSDIRECT_DECL void writeMember(QueryWriter& w, const PolicyDescriptor& policy);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<PolicyDescriptor>& policies);

// 6 digits: an MFA code.
AWSDIRECT_DECL void tokenCode(Validator& v, const std::string& field, const std::string& code);

// ---- Members, declared once for every operation that has them ---------------------------------

namespace members {
using namespace declare;

AWSDIRECT_MEMBER(RoleArn, roleArn, std::string, check(rules::roleArn));
AWSDIRECT_MEMBER(RoleSessionName, roleSessionName, std::string, check(rules::roleSessionName));
AWSDIRECT_MEMBER(DurationSeconds, durationSeconds, int, range(900, 43200));
AWSDIRECT_MEMBER(ExternalId, externalId, std::string, check(rules::externalId));
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, check(iam::rules::tagList));
AWSDIRECT_MEMBER(TransitiveTagKeys, transitiveTagKeys, std::vector<std::string>, unchecked);
AWSDIRECT_MEMBER(Policy, policy, std::string, check(iam::rules::policyDocument));
AWSDIRECT_MEMBER(PolicyArns, policyArns, std::vector<PolicyDescriptor>, unchecked);
AWSDIRECT_MEMBER(SerialNumber, serialNumber, std::string, length(9, 256));
AWSDIRECT_MEMBER(TokenCode, tokenCode, std::string, check(tokenCode));
AWSDIRECT_MEMBER(SourceIdentity, sourceIdentity, std::string, check(rules::roleSessionName));

}  // namespace members

// AssumeRole: temporary credentials for a role whose trust policy allows the caller. Required:
// the role ARN and a session name (which shows in CloudTrail and in the assumed-role ARN).
class AssumeRoleRequest
    : public Request<AssumeRoleRequest, Sts, AssumeRoleResult, Required<members::RoleArn>,
                     Required<members::RoleSessionName>, members::DurationSeconds, members::ExternalId, members::Tags,
                     members::TransitiveTagKeys, members::Policy, members::PolicyArns, members::SerialNumber,
                     members::TokenCode, members::SourceIdentity> {
 public:
  static constexpr const char* operation = "AssumeRole";

  // Session tags, and the keys among them that pass on to roles this session assumes in turn.
  AssumeRoleRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
  AssumeRoleRequest& transitiveTagKey(std::string key) { transitiveTagKeys_.push_back(std::move(key)); return *this; }
  // Session policies: the session may do only what both they and the role allow.
  using Request::policy;
  AssumeRoleRequest& policy(iam::PolicyDocument v) { policy_ = v.json(); return *this; }
  AssumeRoleRequest& policyArn(std::string arn) { policyArns_.push_back({std::move(arn)}); return *this; }

  const std::optional<std::string>& roleArnValue() const { return roleArn_; }
  const std::optional<std::string>& roleSessionNameValue() const { return roleSessionName_; }

  // Transitive keys among the tags; an MFA code with the device's serial number.
  AWSDIRECT_DECL void validateAcross(Validator& v) const;
  AWSDIRECT_DECL static Result parse(const XmlNode& result);
};

}  // namespace sts

// ---- Assume-role credentials ------------------------------------------------------------------

namespace detail {
struct AssumeRoleState;
}

// Temporary credentials of a role, as botocore's AssumeRoleProvider gets them: AssumeRole is
// called with the source credentials when credentials are first needed (creating the provider
// makes no call), and again before they expire (botocore's windows: within 15 minutes one
// caller refreshes while the others carry on, within 10 minutes everyone waits). Thread-safe.
//
//   auto provider = std::make_shared<AssumeRoleCredentialsProvider>(
//       Sts::assumeRole().roleArn("arn:aws:iam::123456789012:role/myRedshiftRole"),
//       std::make_shared<EnvironmentCredentialsProvider>());
//   Redshift redshift(ClientConfig().withCredentialsProvider(provider));
class AssumeRoleCredentialsProvider final : public FetchingCredentialsProvider<detail::AssumeRoleState> {
 public:
  struct Options {
    // Where and how STS is called: region, endpoint, transport, retries. Its credentials
    // provider is replaced by the source.
    ClientConfig stsConfig;
    RefreshTiming refresh;
    // For roles that require MFA: the code the device shows now, asked for at every AssumeRole
    // (the request names the device with serialNumber).
    std::function<std::string()> mfaTokenCode;
  };

  // `request` is the AssumeRole call (role ARN, duration, external id, session tags, ...).
  // Without a session name, "awsdirect-session-<unix time>" is used, as botocore uses
  // "botocore-session-<unix time>".
  AWSDIRECT_DECL AssumeRoleCredentialsProvider(sts::AssumeRoleRequest request,
                                               std::shared_ptr<CredentialsProvider> source, Options options = {});
  AWSDIRECT_DECL std::string describe() const override;

  // Whom the credentials act as ("arn:aws:sts::123456789012:assumed-role/ROLE/SESSION"); nullopt
  // before the first AssumeRole.
  AWSDIRECT_DECL std::optional<sts::AssumedRoleUser> assumedRoleUser() const;
};

namespace detail {
// STS as every client reaches it.
AWSDIRECT_DECL ServiceInfo stsServiceInfo();
// A role session's name when none is given: "awsdirect-session-<unix time>", as botocore's
// "botocore-session-<unix time>", by the clock `refresh` reads.
AWSDIRECT_DECL std::string defaultRoleSessionName(const RefreshTiming& refresh);
// The provider for a profile with role_arn, resolved as botocore's AssumeRoleProvider does: the
// source credentials come from source_profile (its keys; or, when it assumes a role itself, that
// role; or its other sources, through the context's network sources) or from credential_source
// (Environment, Ec2InstanceMetadata or EcsContainer). `visited` holds the profiles on the way
// here, to refuse a loop before any call. Every STS call of a chain of roles uses the region and
// endpoint settings of the profile in use (`stsProfile`), as botocore's session does.
AWSDIRECT_DECL std::shared_ptr<CredentialsProvider> assumeRoleFromProfile(const ChainContext& context,
                                                                          const std::string& name,
                                                                          std::vector<std::string> visited = {},
                                                                          std::string stsProfile = {});
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/assume_role.ipp"
#endif
