// Definitions of <awsdirect/iac/databases.hpp>: the Redshift cluster and the PostgreSQL
// database, the environment's two billable resources.
#include <cstdlib>
#include <optional>
#include <string>

namespace awsdirect {
namespace iac {
namespace detail {

std::string yesNo(bool value) { return value ? "true" : "false"; }

// How a cluster or database is protected, for a report's detail: ", public, encrypted".
std::string protection(bool publiclyAccessible, bool encrypted) {
  return std::string(publiclyAccessible ? ", public" : ", private") + (encrypted ? ", encrypted" : ", NOT encrypted");
}

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

// ---- Parameter groups: TLS required ---------------------------------------------------------

// The cluster parameter group's require_ssl, "true" or "false"; nullopt when there is no group.
std::optional<std::string> clusterRequireSsl(Context& c) {
  auto parameters = unlessMissing(c.redshift.describeAllClusterParameters(Redshift::describeClusterParameters().parameterGroupName(
                                      c.blueprint.clusterParameterGroupName())),
                                  {"ClusterParameterGroupNotFound"});
  if (!parameters) return std::nullopt;
  for (const GroupParameter& parameter : *parameters)
    if (parameter.parameterName == "require_ssl") return parameter.parameterValue;
  return std::string("false");  // Redshift's default
}

// The group made if missing, and require_ssl set as the blueprint says when it differs.
void ensureClusterParameterGroup(Context& c) {
  const std::optional<std::string> now = clusterRequireSsl(c);
  const std::string group = c.blueprint.clusterParameterGroupName();
  const std::string want = yesNo(c.blueprint.redshift.requireTls);
  if (!now) {
    auto request = Redshift::createClusterParameterGroup().parameterGroupName(group).parameterGroupFamily("redshift-1.0")
                       .description("awsdirect environment " + c.blueprint.name);
    for (const Tag& tag : c.blueprint.tags()) request.tag(tag.key, tag.value);
    c.redshift.send(request).value();
  }
  if (now.value_or("false") != want)
    c.redshift.send(Redshift::modifyClusterParameterGroup().parameterGroupName(group).parameter("require_ssl", want)).value();
}

// Whether PostgreSQL `version` forces TLS by default (rds.force_ssl is 1 from 15 on).
bool forcesTlsByDefault(const std::string& version) { return std::atoi(version.c_str()) >= 15; }
// rds.force_ssl's value for `forced`.
std::string forceSslValue(bool forced) { return forced ? "1" : "0"; }

// The DB parameter group's rds.force_ssl, "1" or "0"; nullopt when there is no group (or none
// to have: no engine_version).
std::optional<std::string> databaseForceSsl(Context& c) {
  if (c.blueprint.databaseParameterGroupFamily().empty()) return std::nullopt;
  auto parameters = unlessMissing(c.rds.describeAllDBParameters(Rds::describeDBParameters()
                                                                    .dbParameterGroupName(c.blueprint.databaseParameterGroupName())
                                                                    .source("user")),
                                  {"DBParameterGroupNotFound"});
  if (!parameters) return std::nullopt;
  for (const rds::Parameter& parameter : *parameters)
    if (parameter.parameterName == "rds.force_ssl") return parameter.parameterValue;
  return forceSslValue(forcesTlsByDefault(c.blueprint.postgres.engineVersion));
}

void ensureDatabaseParameterGroup(Context& c) {
  const std::optional<std::string> now = databaseForceSsl(c);
  const std::string group = c.blueprint.databaseParameterGroupName();
  const std::string want = forceSslValue(c.blueprint.postgres.requireTls);
  if (!now) {
    auto request = Rds::createDBParameterGroup().dbParameterGroupName(group)
                       .dbParameterGroupFamily(c.blueprint.databaseParameterGroupFamily())
                       .description("awsdirect environment " + c.blueprint.name);
    for (const Tag& tag : c.blueprint.tags()) request.tag(tag.key, tag.value);
    c.rds.send(request).value();
  }
  if (now.value_or(forceSslValue(forcesTlsByDefault(c.blueprint.postgres.engineVersion))) != want)
    c.rds.send(Rds::modifyDBParameterGroup().dbParameterGroupName(group).parameter("rds.force_ssl", want)).value();
}

// ", TLS required" or ", TLS NOT required", for a report's detail.
std::string tlsDetail(bool required) { return required ? ", TLS required" : ", TLS NOT required"; }

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
    const RedshiftSettings& want = c_.blueprint.redshift;
    const int port = cluster->endpoint ? cluster->endpoint->port : want.port;
    std::vector<Change> changes;
    // A classic resize changes the type and the count in place (ModifyCluster); the database
    // and its owner are the cluster's from its creation.
    if (cluster->nodeType != want.nodeType) changes.push_back({"node_type", cluster->nodeType, want.nodeType});
    if (cluster->numberOfNodes != want.numberOfNodes)
      changes.push_back({"number_of_nodes", std::to_string(cluster->numberOfNodes), std::to_string(want.numberOfNodes)});
    if (port != want.port) changes.push_back({"port", std::to_string(port), std::to_string(want.port)});
    if (cluster->dbName != want.database) changes.push_back({"database", cluster->dbName, want.database, true});
    if (cluster->masterUsername != want.masterUsername)
      changes.push_back({"master_username", cluster->masterUsername, want.masterUsername, true});
    if (cluster->encrypted != want.encrypted) changes.push_back({"encrypted", yesNo(cluster->encrypted), yesNo(want.encrypted)});
    if (c_.blueprint.securityGroup.cidrsKnown && cluster->publiclyAccessible != c_.blueprint.publiclyAccessible())
      changes.push_back({"publicly_accessible", yesNo(cluster->publiclyAccessible), yesNo(c_.blueprint.publiclyAccessible())});
    const std::optional<std::string> requireSsl = clusterRequireSsl(c_);
    if (requireSsl.value_or("") != yesNo(want.requireTls))
      changes.push_back({"require_ssl", requireSsl.value_or("(no parameter group)"), yesNo(want.requireTls)});
    return withChanges(report(*this, ResourceState::Ready,
                              (cluster->endpoint ? cluster->endpoint->address + ":" + std::to_string(port) : "") +
                                  protection(cluster->publiclyAccessible, cluster->encrypted) +
                                  tlsDetail(requireSsl == std::optional<std::string>("true")) + withSecret(secretArn_)),
                       std::move(changes));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Drifted && now.replaces()) {
      allowReplacing(c_, now);
      destroy();
      now.state = ResourceState::Missing;
    }
    const RedshiftSettings& want = c_.blueprint.redshift;
    if (now.state == ResourceState::Missing) {
      auto request = Redshift::createCluster()
                         .identifier(name())
                         .nodeType(want.nodeType)
                         .numberOfNodes(want.numberOfNodes)
                         .dbName(want.database)
                         .port(want.port)
                         .masterUsername(want.masterUsername)
                         .vpcSecurityGroupId(c_.output("groupId"))
                         .iamRole(c_.output("roleArn"))
                         .encrypted(want.encrypted)
                         .publiclyAccessible(c_.blueprint.publiclyAccessible())
                         .clusterParameterGroupName(c_.blueprint.clusterParameterGroupName());
      ensureClusterParameterGroup(c_);
      if (want.managedPassword) request.manageMasterPassword();
      else request.masterUserPassword(c_.redshiftPassword.reveal());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.redshift.send(request).value();
    } else if (now.state == ResourceState::Drifted) {
      auto modify = Redshift::modifyCluster().clusterIdentifier(name());
      bool restart = false;
      for (const Change& change : now.changes) {
        if (change.setting == "node_type") modify.nodeType(want.nodeType);
        if (change.setting == "number_of_nodes" || change.setting == "node_type")  // a resize names both
          modify.numberOfNodes(want.numberOfNodes).clusterType(want.numberOfNodes > 1 ? "multi-node" : "single-node");
        if (change.setting == "port") modify.port(want.port);
        if (change.setting == "encrypted") modify.encrypted(want.encrypted);
        if (change.setting == "publicly_accessible") modify.publiclyAccessible(c_.blueprint.publiclyAccessible());
        if (change.setting == "require_ssl") {
          ensureClusterParameterGroup(c_);
          modify.clusterParameterGroupName(c_.blueprint.clusterParameterGroupName());
          restart = true;  // require_ssl is static: the cluster takes it when it restarts
        }
      }
      c_.redshift.send(modify).value();
      if (restart) {
        c_.redshift.waitUntilAvailable(name(), c_.waits).value();
        c_.redshift.send(Redshift::rebootCluster().clusterIdentifier(name())).value();
      }
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
    const PostgresSettings& want = c_.blueprint.postgres;
    std::vector<Change> changes;
    if (instance->dbInstanceClass != want.instanceClass)
      changes.push_back({"instance_class", instance->dbInstanceClass, want.instanceClass});
    // Storage only grows in place; a smaller size is a new database.
    if (instance->allocatedStorage != want.allocatedStorage)
      changes.push_back({"allocated_storage", std::to_string(instance->allocatedStorage),
                         std::to_string(want.allocatedStorage), want.allocatedStorage < instance->allocatedStorage});
    if (instance->backupRetentionPeriod != want.backupRetentionDays)
      changes.push_back({"backup_retention_days", std::to_string(instance->backupRetentionPeriod),
                         std::to_string(want.backupRetentionDays)});
    if (instance->storageEncrypted != want.storageEncrypted)  // RDS encrypts storage only at creation
      changes.push_back({"storage_encrypted", yesNo(instance->storageEncrypted), yesNo(want.storageEncrypted), true});
    if (c_.blueprint.securityGroup.cidrsKnown && instance->publiclyAccessible != c_.blueprint.publiclyAccessible())
      changes.push_back({"publicly_accessible", yesNo(instance->publiclyAccessible), yesNo(c_.blueprint.publiclyAccessible())});
    if (instance->endpoint && instance->endpoint->port != want.port)
      changes.push_back({"port", std::to_string(instance->endpoint->port), std::to_string(want.port)});
    // An upgrade is in place; RDS cannot downgrade.
    if (!want.engineVersion.empty() && instance->engineVersion != want.engineVersion &&
        instance->engineVersion.rfind(want.engineVersion + ".", 0) != 0)  // "13" is any 13.x
      changes.push_back({"engine_version", instance->engineVersion, want.engineVersion,
                         iac::olderVersion(want.engineVersion, instance->engineVersion)});
    bool tls = forcesTlsByDefault(instance->engineVersion);
    if (!c_.blueprint.databaseParameterGroupFamily().empty()) {
      const std::optional<std::string> forceSsl = databaseForceSsl(c_);
      tls = forceSsl == std::optional<std::string>("1");
      if (forceSsl.value_or("") != forceSslValue(want.requireTls))
        changes.push_back({"rds.force_ssl", forceSsl.value_or("(no parameter group)"), forceSslValue(want.requireTls)});
    }
    return withChanges(
        report(*this, ResourceState::Ready,
               (instance->endpoint ? instance->endpoint->address + ":" + std::to_string(instance->endpoint->port) : "") +
                   protection(instance->publiclyAccessible, instance->storageEncrypted) + tlsDetail(tls) +
                   withSecret(secretArn_)),
        std::move(changes));
  }

  ResourceReport create() override {
    ResourceReport now = inspect();
    if (now.state == ResourceState::Conflict || now.state == ResourceState::Ready) return now;
    if (now.state == ResourceState::Drifted && now.replaces()) {
      allowReplacing(c_, now);
      destroy();
      now.state = ResourceState::Missing;
    }
    const PostgresSettings& want = c_.blueprint.postgres;
    if (now.state == ResourceState::Missing) {
      auto request = Rds::createDBInstance()
                         .identifier(name())
                         .engine("postgres")
                         .instanceClass(want.instanceClass)
                         .allocatedStorage(want.allocatedStorage)
                         .masterUsername("postgres")
                         .backupRetentionPeriod(want.backupRetentionDays)
                         .port(want.port)
                         .storageEncrypted(want.storageEncrypted)
                         .publiclyAccessible(c_.blueprint.publiclyAccessible())
                         .vpcSecurityGroupId(c_.output("groupId"));
      if (!want.engineVersion.empty()) {
        request.engineVersion(want.engineVersion).dbParameterGroupName(c_.blueprint.databaseParameterGroupName());
        ensureDatabaseParameterGroup(c_);
      }
      if (want.managedPassword) request.manageMasterUserPassword();
      else request.masterUserPassword(c_.databasePassword.reveal());
      for (const Tag& tag : c_.blueprint.tags()) request.tag(tag.key, tag.value);
      c_.rds.send(request).value();
    } else if (now.state == ResourceState::Drifted) {
      // Applied now, not in the next maintenance window: up means the environment is as written.
      auto modify = Rds::modifyDBInstance().dbInstanceIdentifier(name()).applyImmediately();
      for (const Change& change : now.changes) {
        if (change.setting == "instance_class") modify.dbInstanceClass(want.instanceClass);
        if (change.setting == "allocated_storage") modify.allocatedStorage(want.allocatedStorage);
        if (change.setting == "backup_retention_days") modify.backupRetentionPeriod(want.backupRetentionDays);
        if (change.setting == "publicly_accessible") modify.publiclyAccessible(c_.blueprint.publiclyAccessible());
        if (change.setting == "port") modify.port(want.port);
        if (change.setting == "rds.force_ssl") {  // dynamic: applied at once, no restart
          ensureDatabaseParameterGroup(c_);
          modify.dbParameterGroupName(c_.blueprint.databaseParameterGroupName());
        }
        if (change.setting == "engine_version") {
          modify.engineVersion(want.engineVersion);
          if (change.from.substr(0, change.from.find('.')) != want.engineVersion.substr(0, want.engineVersion.find('.')))
            modify.allowMajorVersionUpgrade();
        }
      }
      c_.rds.send(modify).value();
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

void deleteParameterGroups(Context& context) {
  using awsdirect::iac::detail::unlessMissing;
  unlessMissing(context.redshift.send(
                    Redshift::deleteClusterParameterGroup().parameterGroupName(context.blueprint.clusterParameterGroupName())),
                {"ClusterParameterGroupNotFound"});
  // Every family's (NAME-postgres14, NAME-postgres16...): a major upgrade moved the database to a
  // new group and left the old one, and the file may no longer name a version at all.
  const std::string prefix = context.blueprint.name + "-postgres";
  for (const rds::DBParameterGroup& group : context.rds.describeAllDBParameterGroups().value()) {
    const std::string& name = group.dbParameterGroupName;
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.find_first_not_of("0123456789.", prefix.size()) != std::string::npos)
      continue;
    unlessMissing(context.rds.send(Rds::deleteDBParameterGroup().dbParameterGroupName(name)), {"DBParameterGroupNotFound"});
  }
}

std::vector<std::unique_ptr<Resource>> makeResources(Context& context) {
  std::vector<std::unique_ptr<Resource>> resources = detail::makeAccessResources(context);
  resources.push_back(std::make_unique<detail::ClusterResource>(context));
  resources.push_back(std::make_unique<detail::DatabaseResource>(context));
  return resources;
}
}  // namespace iac
}  // namespace awsdirect
