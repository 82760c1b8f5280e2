// Definitions of <awsdirect/iac/resources.hpp>: the context and the six resources (the blueprint
// and its rules are in blueprint.ipp).
#include <algorithm>
#include <map>

#include "../../credentials_file.hpp"
#include "../../detail/text.hpp"
#include "../../s3/transfer.hpp"
#include "../../time.hpp"

namespace awsdirect {
namespace iac {

Error replacementRefused(const ResourceReport& report) {
  std::string what;
  for (const Change& change : report.changes)
    if (change.replaces) what += (what.empty() ? "" : ", ") + change.text();
  return makeError(ErrorKind::Configuration, "ReplacementNotAllowed",
                   report.kind + " " + report.name + " cannot be changed in place (" + what +
                       "): replacing it destroys its data; allow it with --allow-replace");
}

const char* stateName(ResourceState state) {
  switch (state) {
    case ResourceState::Missing: return "missing";
    case ResourceState::Ready: return "ready";
    case ResourceState::Busy: return "busy";
    case ResourceState::Drifted: return "drifted";
    case ResourceState::Conflict: return "conflict";
    case ResourceState::Unknown: return "unknown";
  }
  return "?";
}

Context::Context(const ClientConfig& base, Blueprint plan)
    : blueprint(std::move(plan)),
      config(ClientConfig(base).withRegion(blueprint.region)),
      iam(config),
      ec2(config),
      redshift(config),
      rds(config),
      s3(config),
      secrets(config),
      cloudformation(config) {}

void Context::setOutput(const std::string& key, const std::string& value) {
  std::lock_guard<std::mutex> lock(mutex_);
  outputs_.emplace_back(key, value);
}

std::string Context::output(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = outputs_.rbegin(); it != outputs_.rend(); ++it)
    if (it->first == key) return it->second;
  return {};
}

namespace detail {

ResourceReport report(const Resource& resource, ResourceState state, std::string detail) {
  return {resource.kind(), resource.name(), state, std::move(detail), {}};
}

AWSDIRECT_DECL ResourceReport conflict(const Resource& resource, const std::string& environment) {
  return report(resource, ResourceState::Conflict,
                "exists without the tag " + std::string(kEnvironmentTag) + "=" + environment + ": not this environment's");
}

// What differs between the managed policies `attached` and those `wanted`: each to attach, each
// to detach (one a console user added).
AWSDIRECT_DECL std::vector<Change> policyChanges(const std::vector<iam::AttachedPolicy>& attached,
                                                 const std::vector<std::string>& wanted) {
  std::vector<Change> changes;
  for (const auto& arn : wanted)
    if (std::none_of(attached.begin(), attached.end(), [&](const iam::AttachedPolicy& p) { return p.policyArn == arn; }))
      changes.push_back({"policy " + arn, "detached", "attached"});
  for (const auto& policy : attached)
    if (std::find(wanted.begin(), wanted.end(), policy.policyArn) == wanted.end())
      changes.push_back({"policy " + policy.policyArn, "attached", "detached"});
  return changes;
}

// The ARN a policy change is about.
AWSDIRECT_DECL std::string policyOf(const Change& change) { return change.setting.substr(7); }

AWSDIRECT_DECL ResourceReport withChanges(ResourceReport report, std::vector<Change> changes) {
  report.changes = std::move(changes);
  if (!report.changes.empty()) report.state = ResourceState::Drifted;
  return report;
}

// A change AWS cannot make in place, refused unless the context allows replacing.
AWSDIRECT_DECL void allowReplacing(const Context& c, const ResourceReport& now) {
  if (!c.allowReplace) throwError(replacementRefused(now));
}

// ---- IAM role: what Redshift assumes to read S3 ------------------------------------------------

class RoleResource final : public Resource {
 public:
  explicit RoleResource(Context& context) : c_(context) {}
  const char* kind() const override { return "IAM role"; }
  std::string name() const override { return c_.blueprint.roleName(); }

  ResourceReport inspect() override {
    auto role = unlessMissing(c_.iam.send(Iam::getRole().roleName(name())), {"NoSuchEntity"});
    if (!role) return report(*this, ResourceState::Missing);
    if (!taggedAs(role->tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    c_.setOutput("roleArn", role->arn);
    return withChanges(report(*this, ResourceState::Ready, role->arn),
                       policyChanges(c_.iam.listAllAttachedRolePolicies(name()).value(), c_.blueprint.role.policies));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict) return now;
    if (now.state == ResourceState::Missing) {
      auto request = Iam::createRole()
                         .roleName(name())
                         .assumeRolePolicy(iam::TrustPolicy().allowService("redshift.amazonaws.com"))
                         .description("Redshift reads S3 for environment " + c_.blueprint.name);
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.setOutput("roleArn", c_.iam.send(request).value().arn);
      now = withChanges(now, policyChanges({}, c_.blueprint.role.policies));
    }
    for (const Change& change : now.changes) {
      if (change.to == "attached") c_.iam.send(Iam::attachRolePolicy().roleName(name()).policyArn(policyOf(change))).value();
      else c_.iam.send(Iam::detachRolePolicy().roleName(name()).policyArn(policyOf(change))).value();
    }
    return inspect();
  }

  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    // Inline policies and instance profiles a console user added go too, or DeleteRole refuses.
    unlessMissing(c_.iam.deleteRoleCompletely(name()), {"NoSuchEntity"});
  }

 private:
  Context& c_;
};

// ---- IAM user: the orchestrator's programmatic identity, its key saved as a profile ----------

class UserResource final : public Resource {
 public:
  explicit UserResource(Context& context) : c_(context) {}
  const char* kind() const override { return "IAM user"; }
  std::string name() const override { return c_.blueprint.userName(); }

  ResourceReport inspect() override {
    auto user = unlessMissing(c_.iam.send(Iam::getUser().userName(name())), {"NoSuchEntity"});
    if (!user) return report(*this, ResourceState::Missing);
    if (!taggedAs(user->tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    std::vector<Change> changes =
        policyChanges(c_.iam.listAllAttachedUserPolicies(name()).value(), c_.blueprint.user.policies);
    const std::size_t keys = c_.iam.listAllAccessKeys(name()).value().size();
    if (c_.blueprint.user.accessKey && keys == 0) changes.push_back(accessKeyChange(keys));
    if (!c_.blueprint.user.accessKey && keys > 0) changes.push_back(accessKeyChange(keys));
    return withChanges(report(*this, ResourceState::Ready,
                              c_.blueprint.user.accessKey ? "access key in profile " + c_.blueprint.userProfile()
                                                          : "no access key"),
                       std::move(changes));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict) return now;
    if (now.state == ResourceState::Missing) {
      auto request = Iam::createUser().userName(name());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.iam.send(request).value();
      std::vector<Change> changes = policyChanges({}, c_.blueprint.user.policies);
      if (c_.blueprint.user.accessKey) changes.push_back(accessKeyChange(0));
      now = withChanges(now, std::move(changes));
    }
    for (const Change& change : now.changes) {
      if (change.setting == "access_key" && c_.blueprint.user.accessKey) {
        iam::AccessKey key = c_.iam.send(Iam::createAccessKey().userName(name())).value();
        saveCredentialsProfile(c_.config.environment, c_.blueprint.userProfile(), key.accessKeyId, key.secretAccessKey);
      } else if (change.setting == "access_key") {
        for (const auto& key : c_.iam.listAllAccessKeys(name()).value())
          c_.iam.send(Iam::deleteAccessKey().userName(name()).accessKeyId(key.accessKeyId)).value();
        removeCredentialsProfile(c_.config.environment, c_.blueprint.userProfile());
      } else if (change.to == "attached") {
        c_.iam.send(Iam::attachUserPolicy().userName(name()).policyArn(policyOf(change))).value();
      } else {
        c_.iam.send(Iam::detachUserPolicy().userName(name()).policyArn(policyOf(change))).value();
      }
    }
    return inspect();
  }

  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    // A console password, MFA devices, inline policies a console user added go too.
    unlessMissing(c_.iam.deleteUserCompletely(name()), {"NoSuchEntity"});
    removeCredentialsProfile(c_.config.environment, c_.blueprint.userProfile());
  }

 private:
  Change accessKeyChange(std::size_t keys) const {
    if (c_.blueprint.user.accessKey) return {"access_key", "none", "one, saved as profile " + c_.blueprint.userProfile()};
    return {"access_key", std::to_string(keys) + " key(s)", "none"};
  }
  Context& c_;
};

// ---- Security group: one port, open to the environment's CIDRs -------------------------------

class GroupResource final : public Resource {
 public:
  explicit GroupResource(Context& context) : c_(context) {}
  const char* kind() const override { return "security group"; }
  std::string name() const override { return c_.blueprint.groupName(); }

  ResourceReport inspect() override {
    auto group = unlessMissing(c_.ec2.findSecurityGroup(name()), {"InvalidGroup.NotFound"});
    if (!group) return report(*this, ResourceState::Missing);
    if (!taggedAs(group->tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    c_.setOutput("groupId", group->groupId);
    // Who was meant to reach it unknown (status or down by name alone): the rules are not compared.
    if (!c_.blueprint.securityGroup.cidrsKnown) return report(*this, ResourceState::Ready, group->groupId);
    return withChanges(report(*this, ResourceState::Ready, group->groupId), ingressChanges(*group));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    std::string groupId = now.detail;
    if (now.state == ResourceState::Missing) {
      auto request = Ec2::createSecurityGroup()
                         .groupName(name())
                         .description("Redshift port for environment " + c_.blueprint.name)
                         .vpcId(c_.ec2.findDefaultVpc().value().vpcId);
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      groupId = c_.ec2.send(request).value().groupId;
      now = withChanges(now, ingressChanges(ec2::SecurityGroup{}));
    }
    for (const Change& change : now.changes) {
      if (change.to == "open") {
        c_.ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(groupId).ipPermission(
                        ec2::IpPermission::tcp(missing_.at(change.setting).first)
                            .cidr(missing_.at(change.setting).second, "environment " + c_.blueprint.name)))
            .value();
      } else {
        c_.ec2.send(Ec2::revokeSecurityGroupIngress().groupId(groupId).ipPermission(extra_.at(change.setting))).value();
      }
    }
    return inspect();
  }

  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    unlessMissing(c_.ec2.send(Ec2::deleteSecurityGroup().groupId(now.detail)), {"InvalidGroup.NotFound"});
  }

 private:
  static std::string ruleName(const std::string& protocol, const std::optional<int>& from, const std::optional<int>& to,
                              const std::string& source) {
    std::string ports = protocol == "-1" ? "all traffic" : protocol + " " + std::to_string(from.value_or(-1));
    if (protocol != "-1" && to && to != from) ports += "-" + std::to_string(*to);
    return "ingress " + ports + " from " + source;
  }
  // The ports the CIDRs open: Redshift's and PostgreSQL's.
  std::vector<int> ports() const { return {c_.blueprint.securityGroup.port, c_.blueprint.postgres.port}; }

  // Each CIDR of the blueprint opens each port; every other IPv4 rule (one a console user added)
  // is closed. missing_ keeps the port and CIDR of each rule to open, extra_ each rule to close as
  // AWS has it, to revoke it exactly.
  std::vector<Change> ingressChanges(const ec2::SecurityGroup& group) {
    const auto& cidrs = c_.blueprint.securityGroup.cidrs;
    const std::vector<int> wantedPorts = ports();
    std::vector<Change> opens, closes;
    std::vector<std::string> open;  // "PORT CIDR" already open
    extra_.clear();
    missing_.clear();
    for (const auto& permission : group.ipPermissions)
      for (const auto& range : permission.ipRanges) {
        const bool wanted = permission.ipProtocol == "tcp" && permission.fromPort && permission.fromPort == permission.toPort &&
                            std::find(wantedPorts.begin(), wantedPorts.end(), *permission.fromPort) != wantedPorts.end() &&
                            std::find(cidrs.begin(), cidrs.end(), range.cidrIp) != cidrs.end();
        if (wanted) {
          open.push_back(std::to_string(*permission.fromPort) + " " + range.cidrIp);
          continue;
        }
        const std::string rule = ruleName(permission.ipProtocol, permission.fromPort, permission.toPort, range.cidrIp);
        ec2::IpPermission revoke;
        revoke.ipProtocol = permission.ipProtocol;
        revoke.fromPort = permission.fromPort;
        revoke.toPort = permission.toPort;
        revoke.ipRanges.push_back({range.cidrIp, {}});
        extra_.emplace(rule, std::move(revoke));
        closes.push_back({rule, "open", "closed"});
      }
    for (int port : wantedPorts)
      for (const auto& cidr : cidrs)
        if (std::find(open.begin(), open.end(), std::to_string(port) + " " + cidr) == open.end()) {
          opens.push_back({ruleName("tcp", port, port, cidr), "closed", "open"});
          missing_.emplace(opens.back().setting, std::make_pair(port, cidr));
        }
    opens.insert(opens.end(), closes.begin(), closes.end());
    return opens;
  }
  Context& c_;
  std::map<std::string, std::pair<int, std::string>> missing_;
  std::map<std::string, ec2::IpPermission> extra_;
};

std::vector<std::string> missingUploads(Context& c) {
  std::vector<std::string> missing;
  for (const auto& path : c.blueprint.bucket.uploads) {
    const std::string key = BucketSettings::keyOf(path);
    bool there = false;
    for (const auto& object :
         c.s3.send(S3::listObjectsV2().bucket(c.blueprint.bucketName()).prefix(key).maxKeys(1)).value().contents)
      there |= object.key == key;
    if (!there) missing.push_back(path);
  }
  return missing;
}

void upload(Context& c, const std::string& path) {
  c.s3.send(S3::putObject()
                .bucket(c.blueprint.bucketName())
                .key(BucketSettings::keyOf(path))
                .bodyFromFile(path)
                .storageClass("STANDARD"))
      .value();
}

Outcome<Empty> emptyForDeletion(Context& c) {
  const std::string bucket = c.blueprint.bucketName();
  auto unpolicied = c.s3.send(S3::deleteBucketPolicy().bucket(bucket));
  if (!unpolicied && unpolicied.error().code != "NoSuchBucketPolicy") {
    if (unpolicied.error().code == "NoSuchBucket") return Empty{};
    return unpolicied.error();
  }
  auto emptied = emptyBucket(c.s3, bucket);
  if (!emptied && emptied.error().code == "NoSuchBucket") return Empty{};
  return emptied;
}

// ---- S3 bucket: private, tagged, with the uploaded files -------------------------------------

class BucketResource final : public Resource {
 public:
  explicit BucketResource(Context& context) : c_(context) {}
  const char* kind() const override { return "S3 bucket"; }
  std::string name() const override { return c_.blueprint.bucketName(); }

  ResourceReport inspect() override {
    auto head = unlessMissing(c_.s3.send(S3::headBucket().bucket(name())), {"NoSuchBucket", "NotFound", "404"});
    if (!head) return report(*this, ResourceState::Missing);
    auto tags = unlessMissing(c_.s3.send(S3::getBucketTagging().bucket(name())), {"NoSuchTagSet"});
    if (!tags || !taggedAs(*tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    std::vector<Change> changes;
    auto block = unlessMissing(c_.s3.send(S3::getPublicAccessBlock().bucket(name())),
                               {"NoSuchPublicAccessBlockConfiguration"});
    if (!block || !(*block == s3::PublicAccessBlockConfiguration::allBlocked()))
      changes.push_back({"public access", "allowed", "blocked"});
    if (c_.blueprint.bucket.encryption && !encrypted())
      changes.push_back({"encryption", "none", "SSE-S3 (AES256)"});  // off in the file: left as it is
    if (c_.blueprint.bucket.requireTls) {
      auto policy = unlessMissing(c_.s3.send(S3::getBucketPolicy().bucket(name())), {"NoSuchBucketPolicy"});
      if (!policy || !deniesInsecureTransport(policy->policy))
        changes.push_back({"require_tls", policy ? "false (another policy)" : "false", "true (a bucket policy denies plain HTTP)"});
    }
    const std::string versioning = c_.s3.send(S3::getBucketVersioning().bucket(name())).value().status;
    if (c_.blueprint.bucket.versioning && versioning != "Enabled")
      changes.push_back({"versioning", versioning.empty() ? "off" : versioning, "Enabled"});
    if (!c_.blueprint.bucket.versioning && versioning == "Enabled") changes.push_back({"versioning", "Enabled", "Suspended"});
    for (const auto& path : missingUploads(c_))
      changes.push_back({"object " + BucketSettings::keyOf(path), "missing", "uploaded"});
    return withChanges(report(*this, ResourceState::Ready, "s3://" + name()), std::move(changes));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Missing) {
      c_.s3.send(S3::createBucket().bucket(name()).region(c_.blueprint.region)).value();
      auto tagging = S3::putBucketTagging().bucket(name());
      for (const Tag& tag : c_.blueprint.tags()) tagging.tag(tag.key, tag.value);
      c_.s3.send(tagging).value();
      now = inspect();
    }
    for (const Change& change : now.changes) {
      if (change.setting == "public access") c_.s3.send(S3::putPublicAccessBlock().bucket(name()).blockAll()).value();
      if (change.setting == "versioning") c_.s3.send(S3::putBucketVersioning().bucket(name()).status(change.to)).value();
      if (change.setting == "encryption")
        c_.s3.send(S3::putBucketEncryption().bucket(name()).serverSideEncryptionConfiguration(
                       s3::ServerSideEncryptionConfiguration::sseS3()))
            .value();
    }
    for (const auto& path : missingUploads(c_)) upload(c_, path);
    // The policy last: it replaces one a console user set (the file says what it is).
    for (const Change& change : now.changes)
      if (change.setting == "require_tls")
        c_.s3.send(S3::putBucketPolicy().bucket(name()).policy(tlsOnlyBucketPolicy(name()))).value();
    return inspect();
  }

  // Emptied first (objects and open multipart uploads), so deleting never meets BucketNotEmpty.
  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    emptyForDeletion(c_).value();
    unlessMissing(c_.s3.send(S3::deleteBucket().bucket(name())), {"NoSuchBucket"});
  }

 private:
  // Whether new objects are encrypted by default (SSE-S3 or KMS).
  bool encrypted() {
    auto configuration = unlessMissing(c_.s3.send(S3::getBucketEncryption().bucket(name())),
                                       {"ServerSideEncryptionConfigurationNotFoundError"});
    if (!configuration) return false;
    for (const auto& rule : configuration->rules)
      if (rule.applyServerSideEncryptionByDefault && !rule.applyServerSideEncryptionByDefault->sseAlgorithm.empty())
        return true;
    return false;
  }
  Context& c_;
};

}  // namespace detail

std::vector<std::unique_ptr<Resource>> detail::makeAccessResources(Context& context) {
  std::vector<std::unique_ptr<Resource>> resources;
  resources.push_back(std::make_unique<detail::RoleResource>(context));
  resources.push_back(std::make_unique<detail::UserResource>(context));
  resources.push_back(std::make_unique<detail::GroupResource>(context));
  resources.push_back(std::make_unique<detail::BucketResource>(context));
  return resources;
}

}  // namespace iac
}  // namespace awsdirect
