// Definitions of <awsdirect/iac/resources.hpp>.
#include <algorithm>

#include "../../credentials_file.hpp"
#include "../../detail/ip.hpp"
#include "../../detail/text.hpp"
#include "../../s3/transfer.hpp"
#include "../../time.hpp"

namespace awsdirect {
namespace iac {

std::vector<Tag> Blueprint::tags() const {
  std::vector<Tag> tags{{kEnvironmentTag, name}, {kCreatedTag, formatIso8601(created)}};
  if (ttl) tags.push_back({kTtlTag, std::to_string(ttl->count())});
  return tags;
}

void validateBlueprint(const Blueprint& blueprint, bool openToInternet, bool cidrRequired) {
  Validator v;
  const std::string& name = blueprint.name;
  bool shaped = !name.empty() && name.size() <= 32 && name[0] >= 'a' && name[0] <= 'z' && name.back() != '-' &&
                name.find("--") == std::string::npos;
  for (char c : name) shaped &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  v.check(shaped, "name",
          "must be 1 to 32 lowercase letters, digits and single hyphens, starting with a letter and not ending with a "
          "hyphen");
  if (!blueprint.cidr.empty() || cidrRequired)
    if (v.check(!blueprint.cidr.empty(), "cidr", "is required: who may reach the Redshift port (such as 203.0.113.7/32)"))
      if (v.check(awsdirect::detail::isIpv4Cidr(blueprint.cidr), "cidr",
                  "must be an IPv4 CIDR block such as 203.0.113.7/32"))
        v.check(blueprint.cidr != "0.0.0.0/0" || openToInternet, "cidr",
                "0.0.0.0/0 opens the Redshift port to the whole internet; pass --open-to-internet to mean it");
  if (blueprint.ttl) v.check(blueprint.ttl->count() > 0, "ttl", "must be a positive duration");
  if (!v.ok()) throwError(v.error("awsdirect", "Environment"));
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

bool taggedAs(const std::vector<Tag>& tags, const std::string& name) { return tagValue(tags, kEnvironmentTag) == name; }

std::string tagValue(const std::vector<Tag>& tags, const std::string& key) {
  for (const Tag& tag : tags)
    if (tag.key == key) return tag.value;
  return {};
}

Context::Context(const ClientConfig& base, Blueprint plan)
    : blueprint(std::move(plan)),
      config(ClientConfig(base).withRegion(blueprint.region)),
      iam(config),
      ec2(config),
      redshift(config),
      rds(config),
      s3(config),
      secrets(config) {}

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

// The value of an outcome, or nullopt when AWS says the resource does not exist (`missing`);
// any other error is thrown.
template <class T>
std::optional<T> unlessMissing(Outcome<T> outcome, std::initializer_list<const char*> missing) {
  if (outcome.ok()) return std::move(outcome).value();
  for (const char* code : missing)
    if (outcome.error().code == code) return std::nullopt;
  throwError(outcome.error());
}

AWSDIRECT_DECL ResourceReport report(const Resource& resource, ResourceState state, std::string detail = {}) {
  return {resource.kind(), resource.name(), state, std::move(detail), {}};
}

AWSDIRECT_DECL ResourceReport conflict(const Resource& resource, const std::string& environment) {
  return report(resource, ResourceState::Conflict,
                "exists without the tag " + std::string(kEnvironmentTag) + "=" + environment + ": not this environment's");
}

// The managed policies `wanted` that `attached` lacks.
AWSDIRECT_DECL std::vector<std::string> missingPolicies(const std::vector<iam::AttachedPolicy>& attached,
                                                        const std::vector<std::string>& wanted) {
  std::vector<std::string> missing;
  for (const auto& arn : wanted)
    if (std::none_of(attached.begin(), attached.end(), [&](const iam::AttachedPolicy& p) { return p.policyArn == arn; }))
      missing.push_back(arn);
  return missing;
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
    ResourceReport r = report(*this, ResourceState::Ready, role->arn);
    for (const auto& arn : missingPolicies(c_.iam.listAllAttachedRolePolicies(name()).value(), policies()))
      r.drift.push_back("policy " + arn + " is not attached");
    if (!r.drift.empty()) r.state = ResourceState::Drifted;
    return r;
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
    }
    for (const auto& arn : missingPolicies(c_.iam.listAllAttachedRolePolicies(name()).value(), policies()))
      c_.iam.send(Iam::attachRolePolicy().roleName(name()).policyArn(arn)).value();
    return inspect();
  }

  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    // Inline policies and instance profiles a console user added go too, or DeleteRole refuses.
    unlessMissing(c_.iam.deleteRoleCompletely(name()), {"NoSuchEntity"});
  }

 private:
  static std::vector<std::string> policies() { return {"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}; }
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
    ResourceReport r = report(*this, ResourceState::Ready, "access key in profile " + c_.blueprint.userProfile());
    for (const auto& arn : missingPolicies(c_.iam.listAllAttachedUserPolicies(name()).value(), policies()))
      r.drift.push_back("policy " + arn + " is not attached");
    if (c_.iam.listAllAccessKeys(name()).value().empty()) r.drift.push_back("it has no access key");
    if (!r.drift.empty()) r.state = ResourceState::Drifted;
    return r;
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict) return now;
    if (now.state == ResourceState::Missing) {
      auto request = Iam::createUser().userName(name());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.iam.send(request).value();
    }
    for (const auto& arn : missingPolicies(c_.iam.listAllAttachedUserPolicies(name()).value(), policies()))
      c_.iam.send(Iam::attachUserPolicy().userName(name()).policyArn(arn)).value();
    if (c_.iam.listAllAccessKeys(name()).value().empty()) {
      iam::AccessKey key = c_.iam.send(Iam::createAccessKey().userName(name())).value();
      saveCredentialsProfile(c_.config.environment, c_.blueprint.userProfile(), key.accessKeyId, key.secretAccessKey);
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
  static std::vector<std::string> policies() {
    return {"arn:aws:iam::aws:policy/AmazonRedshiftFullAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"};
  }
  Context& c_;
};

// ---- Security group: the Redshift port, open to one CIDR ---------------------------------------

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
    ResourceReport r = report(*this, ResourceState::Ready, group->groupId);
    if (!c_.blueprint.cidr.empty() && !opensPort(*group)) {  // no CIDR given (status, down): not checked
      r.state = ResourceState::Drifted;
      r.drift.push_back("no ingress rule for TCP 5439 from " + c_.blueprint.cidr);
    }
    return r;
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
    }
    c_.ec2.send(Ec2::authorizeSecurityGroupIngress().groupId(groupId).ipPermission(
                    ec2::IpPermission::tcp(5439).cidr(c_.blueprint.cidr, "Redshift")))
        .value();
    return inspect();
  }

  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    unlessMissing(c_.ec2.send(Ec2::deleteSecurityGroup().groupId(now.detail)), {"InvalidGroup.NotFound"});
  }

 private:
  bool opensPort(const ec2::SecurityGroup& group) const {
    for (const auto& permission : group.ipPermissions)
      if (permission.ipProtocol == "tcp" && permission.fromPort == 5439 && permission.toPort == 5439)
        for (const auto& range : permission.ipRanges)
          if (range.cidrIp == c_.blueprint.cidr) return true;
    return false;
  }
  Context& c_;
};

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
    ResourceReport r = report(*this, ResourceState::Ready, "s3://" + name());
    auto block = unlessMissing(c_.s3.send(S3::getPublicAccessBlock().bucket(name())),
                               {"NoSuchPublicAccessBlockConfiguration"});
    if (!block || !(*block == s3::PublicAccessBlockConfiguration::allBlocked()))
      r.drift.push_back("public access is not blocked");
    for (const auto& key : missingUploads()) r.drift.push_back("object " + key + " is missing");
    if (!r.drift.empty()) r.state = ResourceState::Drifted;
    return r;
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Missing) {
      c_.s3.send(S3::createBucket().bucket(name()).region(c_.blueprint.region)).value();
      auto tagging = S3::putBucketTagging().bucket(name());
      for (const Tag& tag : c_.blueprint.tags()) tagging.tag(tag.key, tag.value);
      c_.s3.send(tagging).value();
    }
    c_.s3.send(S3::putPublicAccessBlock().bucket(name()).blockAll()).value();
    for (const auto& key : missingUploads())
      c_.s3.send(S3::putObject().bucket(name()).key(key).bodyFromFile(pathOf(key)).storageClass("STANDARD")).value();
    return inspect();
  }

  // Emptied first (objects and open multipart uploads), so deleting never meets BucketNotEmpty.
  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    // Every version and delete marker (a console user may have turned versioning on), and uploads.
    awsdirect::emptyBucket(c_.s3, name()).value();
    unlessMissing(c_.s3.send(S3::deleteBucket().bucket(name())), {"NoSuchBucket"});
  }

 private:
  static std::string keyOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }
  std::string pathOf(const std::string& key) const {
    for (const auto& path : c_.blueprint.uploads)
      if (keyOf(path) == key) return path;
    return key;
  }
  std::vector<std::string> missingUploads() {
    std::vector<std::string> missing;
    for (const auto& path : c_.blueprint.uploads)
      if (!unlessMissing(c_.s3.send(S3::headObject().bucket(name()).key(keyOf(path))), {"NoSuchKey", "NotFound", "404"}))
        missing.push_back(keyOf(path));
    return missing;
  }
  Context& c_;
};

// ---- AWS-managed master passwords ----------------------------------------------------------

// " secret ARN" for a report's detail, when there is a managed secret.
AWSDIRECT_DECL std::string withSecret(const std::string& arn) { return arn.empty() ? "" : " secret " + arn; }

// AWS deletes a managed master password's secret with its cluster or database; this makes sure
// nothing is left when it did not (an emulator, a secret restored by hand): deleted at once.
AWSDIRECT_DECL void deleteManagedSecret(Context& c, const std::string& arn) {
  if (arn.empty()) return;
  auto secret = c.secrets.send(SecretsManager::describeSecret().secretId(arn));
  if (!secret) {
    if (secret.error().code == "ResourceNotFoundException") return;
    throwError(secret.error());
  }
  if (secret.value().deletedDate) return;  // already on its way out
  unlessMissing(c.secrets.send(SecretsManager::deleteSecret().secretId(arn).forceDeleteWithoutRecovery()),
                {"ResourceNotFoundException"});
}

// ---- Redshift cluster ---------------------------------------------------------------------

class ClusterResource final : public Resource {
 public:
  explicit ClusterResource(Context& context) : c_(context) {}
  const char* kind() const override { return "Redshift cluster"; }
  std::string name() const override { return c_.blueprint.clusterIdentifier(); }

  ResourceReport inspect() override {
    auto cluster = unlessMissing(c_.redshift.findCluster(name()), {"ClusterNotFound"});
    if (!cluster) return report(*this, ResourceState::Missing);
    if (!taggedAs(cluster->tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    secretArn_ = cluster->masterPasswordSecretArn;
    if (cluster->clusterStatus != "available") return report(*this, ResourceState::Busy, cluster->clusterStatus);
    return report(*this, ResourceState::Ready,
                  (cluster->endpoint ? cluster->endpoint->address + ":" + std::to_string(cluster->endpoint->port) : "") +
                      withSecret(secretArn_));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Missing) {
      auto request = Redshift::createCluster()
                         .identifier(name())
                         .nodeType("dc2.large")
                         .numberOfNodes(1)
                         .dbName("dev")
                         .port(5439)
                         .masterUsername("awsuser")
                         .vpcSecurityGroupId(c_.output("groupId"))
                         .iamRole(c_.output("roleArn"));
      if (c_.blueprint.redshiftManagedPassword) request.manageMasterPassword();
      else request.masterUserPassword(c_.redshiftPassword.reveal());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.redshift.send(request).value();
    }
    c_.redshift.waitUntilAvailable(name(), c_.waits).value();
    return inspect();
  }

  // Without a final snapshot: the environment is disposable, and a snapshot is a bill.
  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    if (now.detail != "deleting")
      unlessMissing(c_.redshift.send(Redshift::deleteCluster().identifier(name()).skipFinalSnapshot()),
                    {"ClusterNotFound"});
    c_.redshift.waitUntilDeleted(name(), c_.waits).value();
    deleteManagedSecret(c_, secretArn_);
  }

 private:
  Context& c_;
  std::string secretArn_;  // the master password's, when AWS manages it
};

// ---- RDS PostgreSQL ------------------------------------------------------------------------

class DatabaseResource final : public Resource {
 public:
  explicit DatabaseResource(Context& context) : c_(context) {}
  const char* kind() const override { return "RDS database"; }
  std::string name() const override { return c_.blueprint.databaseIdentifier(); }

  ResourceReport inspect() override {
    auto instance = unlessMissing(c_.rds.findDBInstance(name()), {"DBInstanceNotFound"});
    if (!instance) return report(*this, ResourceState::Missing);
    if (!taggedAs(instance->tags, c_.blueprint.name)) return conflict(*this, c_.blueprint.name);
    secretArn_ = instance->masterUserSecretArn;
    if (instance->dbInstanceStatus != "available") return report(*this, ResourceState::Busy, instance->dbInstanceStatus);
    ResourceReport r =
        report(*this, ResourceState::Ready,
               (instance->endpoint ? instance->endpoint->address + ":" + std::to_string(instance->endpoint->port) : "") +
                   withSecret(secretArn_));
    if (instance->backupRetentionPeriod != 1) {
      r.state = ResourceState::Drifted;
      r.drift.push_back("backups kept " + std::to_string(instance->backupRetentionPeriod) + " days, not 1");
    }
    return r;
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Missing) {
      auto request = Rds::createDBInstance()
                         .identifier(name())
                         .engine("postgres")
                         .instanceClass("db.t2.small")
                         .allocatedStorage(20)
                         .masterUsername("postgres")
                         .backupRetentionPeriod(1)
                         .vpcSecurityGroupId(c_.output("groupId"));
      if (c_.blueprint.postgresManagedPassword) request.manageMasterUserPassword();
      else request.masterUserPassword(c_.databasePassword.reveal());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.rds.send(request).value();
    }
    c_.rds.waitUntilAvailable(name(), c_.waits).value();
    return inspect();
  }

  // Without a final snapshot, and with its automated backups, which would otherwise be kept.
  void destroy() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Missing || now.state == ResourceState::Conflict) return;
    if (now.detail != "deleting")
      unlessMissing(c_.rds.send(Rds::deleteDBInstance().identifier(name()).skipFinalSnapshot().deleteAutomatedBackups()),
                    {"DBInstanceNotFound"});
    c_.rds.waitUntilDeleted(name(), c_.waits).value();
    deleteManagedSecret(c_, secretArn_);
  }

 private:
  Context& c_;
  std::string secretArn_;  // the master password's, when AWS manages it
};

}  // namespace detail

std::vector<std::unique_ptr<Resource>> makeResources(Context& context) {
  std::vector<std::unique_ptr<Resource>> resources;
  resources.push_back(std::make_unique<detail::RoleResource>(context));
  resources.push_back(std::make_unique<detail::UserResource>(context));
  resources.push_back(std::make_unique<detail::GroupResource>(context));
  resources.push_back(std::make_unique<detail::BucketResource>(context));
  resources.push_back(std::make_unique<detail::ClusterResource>(context));
  resources.push_back(std::make_unique<detail::DatabaseResource>(context));
  return resources;
}

}  // namespace iac
}  // namespace awsdirect
