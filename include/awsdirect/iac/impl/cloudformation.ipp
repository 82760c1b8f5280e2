// Definitions of <awsdirect/iac/cloudformation.hpp>.
#include <set>

#include "../../credentials_file.hpp"
#include "../../detail/text.hpp"

namespace awsdirect {
namespace iac {

namespace detail {

using awsdirect::detail::JsonValue;

AWSDIRECT_DECL JsonValue ref(const char* name) { return JsonValue::object({{"Ref", name}}); }
AWSDIRECT_DECL JsonValue getAtt(const char* resource, const char* attribute) {
  return JsonValue::object({{"Fn::GetAtt", JsonValue::array({resource, attribute})}});
}
AWSDIRECT_DECL JsonValue strings(const std::vector<std::string>& items) {
  JsonValue array = JsonValue::array();
  for (const auto& item : items) array.push(item);
  return array;
}
// A text that may name ${AWS::AccountId} or ${AWS::Region} (an exported template is the same for
// every account and region); plain text passes through Fn::Sub unchanged.
AWSDIRECT_DECL JsonValue sub(const std::string& text) {
  if (text.find("${") == std::string::npos) return text;
  return JsonValue::object({{"Fn::Sub", text}});
}
AWSDIRECT_DECL JsonValue tagList(const Blueprint& b) {
  JsonValue tags = JsonValue::array();
  for (const Tag& tag : b.tags()) tags.push(JsonValue::object({{"Key", tag.key}, {"Value", sub(tag.value)}}));
  return tags;
}
// A resource deleted with the stack, and on replacement, without a snapshot: said explicitly.
AWSDIRECT_DECL JsonValue deletedWithStack(const char* type, JsonValue properties) {
  return JsonValue::object({{"Type", type}, {"DeletionPolicy", "Delete"}, {"UpdateReplacePolicy", "Delete"},
                            {"Properties", std::move(properties)}});
}
}  // namespace detail

awsdirect::detail::JsonValue cloudFormationTemplate(const Blueprint& b) {
  using awsdirect::detail::JsonValue;
  using namespace detail;
  JsonValue resources = JsonValue::object();
  resources.set("RedshiftRole",
                JsonValue::object({{"Type", "AWS::IAM::Role"},
                                   {"Properties",
                                    JsonValue::object({{"RoleName", b.roleName()},
                                                       {"Description", "Redshift reads S3 for environment " + b.name},
                                                       {"AssumeRolePolicyDocument",
                                                        JsonValue::parse(iam::TrustPolicy()
                                                                             .allowService("redshift.amazonaws.com")
                                                                             .json())},
                                                       {"ManagedPolicyArns", strings(b.role.policies)},
                                                       {"Tags", tagList(b)}})}}));
  resources.set("AirflowUser", JsonValue::object({{"Type", "AWS::IAM::User"},
                                                  {"Properties", JsonValue::object({{"UserName", b.userName()},
                                                                                    {"ManagedPolicyArns", strings(b.user.policies)},
                                                                                    {"Tags", tagList(b)}})}}));
  if (b.user.accessKey) {
    resources.set("AirflowAccessKey",
                  JsonValue::object({{"Type", "AWS::IAM::AccessKey"},
                                     {"Properties", JsonValue::object({{"UserName", ref("AirflowUser")}})}}));
    // The secret key never appears in an output: it is kept in Secrets Manager for the tool.
    JsonValue parts = JsonValue::array({"{\"aws_access_key_id\":\"", ref("AirflowAccessKey"), "\",\"aws_secret_access_key\":\"",
                                        getAtt("AirflowAccessKey", "SecretAccessKey"), "\"}"});
    resources.set("AirflowAccessKeySecret",
                  JsonValue::object({{"Type", "AWS::SecretsManager::Secret"},
                                     {"Properties",
                                      JsonValue::object({{"Name", accessKeySecretOf(b)},
                                                         {"Description", "The access key of " + b.userName()},
                                                         {"SecretString",
                                                          JsonValue::object({{"Fn::Join", JsonValue::array({"", parts})}})},
                                                         {"Tags", tagList(b)}})}}));
  }
  JsonValue ingress = JsonValue::array();  // each CIDR reaches both ports; none: nothing opened
  for (int port : {b.securityGroup.port, b.postgres.port})
    for (const auto& cidr : b.securityGroup.cidrs)
      ingress.push(JsonValue::object({{"IpProtocol", "tcp"},
                                      {"FromPort", port},
                                      {"ToPort", port},
                                      {"CidrIp", cidr},
                                      {"Description", "environment " + b.name}}));
  resources.set("RedshiftSecurityGroup",
                JsonValue::object({{"Type", "AWS::EC2::SecurityGroup"},
                                   {"Properties", JsonValue::object({{"GroupName", b.groupName()},
                                                                     {"GroupDescription", "Redshift port for environment " + b.name},
                                                                     {"SecurityGroupIngress", ingress},
                                                                     {"Tags", tagList(b)}})}}));
  JsonValue bucket = JsonValue::object(
      {{"BucketName", sub(b.bucketName())},
       {"PublicAccessBlockConfiguration", JsonValue::object({{"BlockPublicAcls", true},
                                                             {"BlockPublicPolicy", true},
                                                             {"IgnorePublicAcls", true},
                                                             {"RestrictPublicBuckets", true}})},
       {"Tags", tagList(b)}});
  if (b.bucket.versioning) bucket.set("VersioningConfiguration", JsonValue::object({{"Status", "Enabled"}}));
  if (b.bucket.encryption)
    bucket.set("BucketEncryption",
               JsonValue::object({{"ServerSideEncryptionConfiguration",
                                   JsonValue::array({JsonValue::object(
                                       {{"ServerSideEncryptionByDefault", JsonValue::object({{"SSEAlgorithm", "AES256"}})}})})}}));
  resources.set("DataBucket", deletedWithStack("AWS::S3::Bucket", std::move(bucket)));
  if (b.bucket.requireTls) {
    // The same statement, its resources as the template names them.
    JsonValue statement = JsonValue::parse(tlsOnlyBucketPolicy(b.bucketName())).at("Statement").asArray().at(0);
    statement.set("Resource", JsonValue::array({getAtt("DataBucket", "Arn"), sub("${DataBucket.Arn}/*")}));
    JsonValue policy = JsonValue::object({{"Version", "2012-10-17"}, {"Statement", JsonValue::array({statement})}});
    resources.set("DataBucketPolicy",
                  JsonValue::object({{"Type", "AWS::S3::BucketPolicy"},
                                     {"Properties", JsonValue::object({{"Bucket", ref("DataBucket")}, {"PolicyDocument", policy}})}}));
  }

  const RedshiftSettings& r = b.redshift;
  JsonValue cluster = JsonValue::object({{"ClusterIdentifier", b.clusterIdentifier()},
                                         {"ClusterType", r.numberOfNodes > 1 ? "multi-node" : "single-node"},
                                         {"NodeType", r.nodeType},
                                         {"DBName", r.database},
                                         {"MasterUsername", r.masterUsername},
                                         {"Port", r.port},
                                         {"Encrypted", r.encrypted},
                                         {"PubliclyAccessible", b.publiclyAccessible()},
                                         {"VpcSecurityGroupIds", JsonValue::array({getAtt("RedshiftSecurityGroup", "GroupId")})},
                                         {"IamRoles", JsonValue::array({getAtt("RedshiftRole", "Arn")})},
                                         {"Tags", tagList(b)}});
  if (r.numberOfNodes > 1) cluster.set("NumberOfNodes", r.numberOfNodes);
  cluster.set("ManageMasterPassword", true);
  // TLS required as the other engine requires it: require_ssl in a parameter group of the environment's.
  resources.set("RedshiftParameterGroup",
                deletedWithStack("AWS::Redshift::ClusterParameterGroup",
                                 JsonValue::object({{"Description", "awsdirect environment " + b.name},
                                                    {"ParameterGroupFamily", "redshift-1.0"},
                                                    {"Parameters", JsonValue::array({JsonValue::object(
                                                                       {{"ParameterName", "require_ssl"},
                                                                        {"ParameterValue", yesNo(r.requireTls)}})})},
                                                    {"Tags", tagList(b)}})));
  cluster.set("ClusterParameterGroupName", ref("RedshiftParameterGroup"));
  resources.set("RedshiftCluster", deletedWithStack("AWS::Redshift::Cluster", std::move(cluster)));

  const PostgresSettings& p = b.postgres;
  JsonValue database = JsonValue::object({{"DBInstanceIdentifier", b.databaseIdentifier()},
                                          {"Engine", "postgres"},
                                          {"DBInstanceClass", p.instanceClass},
                                          {"AllocatedStorage", std::to_string(p.allocatedStorage)},
                                          {"MasterUsername", "postgres"},
                                          {"BackupRetentionPeriod", p.backupRetentionDays},
                                          {"Port", std::to_string(p.port)},
                                          {"StorageEncrypted", p.storageEncrypted},
                                          {"PubliclyAccessible", b.publiclyAccessible()},
                                          {"DeleteAutomatedBackups", true},
                                          {"VPCSecurityGroups", JsonValue::array({getAtt("RedshiftSecurityGroup", "GroupId")})},
                                          {"Tags", tagList(b)}});
  if (!p.engineVersion.empty()) {  // rds.force_ssl in a group of the version's family (15+ forces TLS by default)
    database.set("EngineVersion", p.engineVersion);
    resources.set("PostgresParameterGroup",
                  deletedWithStack("AWS::RDS::DBParameterGroup",
                                   JsonValue::object({{"Description", "awsdirect environment " + b.name},
                                                      {"Family", b.databaseParameterGroupFamily()},
                                                      {"Parameters", JsonValue::object({{"rds.force_ssl", p.requireTls ? "1" : "0"}})},
                                                      {"Tags", tagList(b)}})));
    database.set("DBParameterGroupName", ref("PostgresParameterGroup"));
  }
  database.set("ManageMasterUserPassword", true);
  resources.set("PostgresDatabase", deletedWithStack("AWS::RDS::DBInstance", std::move(database)));

  JsonValue outputs = JsonValue::object(
      {{"RoleArn", JsonValue::object({{"Value", getAtt("RedshiftRole", "Arn")}})},
       {"Bucket", JsonValue::object({{"Value", ref("DataBucket")}})},
       {"RedshiftEndpoint", JsonValue::object({{"Value", getAtt("RedshiftCluster", "Endpoint.Address")}})},
       {"PostgresEndpoint", JsonValue::object({{"Value", getAtt("PostgresDatabase", "Endpoint.Address")}})}});
  JsonValue document = JsonValue::object({{"AWSTemplateFormatVersion", "2010-09-09"},
                                          {"Description", "awsdirect environment " + b.name}});
  document.set("Resources", std::move(resources));
  document.set("Outputs", std::move(outputs));
  return document;
}

std::optional<cloudformation::Stack> findEnvironmentStack(Stack& stack) {
  auto found = stack.context().cloudformation.findStack(stackNameOf(stack.context().blueprint));
  if (!found) {
    if (found.error().code == "ValidationError") return std::nullopt;  // "Stack with id ... does not exist"
    throwError(found.error());
  }
  if (found.value().stackStatus == "DELETE_COMPLETE") return std::nullopt;
  return std::move(found).value();
}

namespace detail {

// Tells each event of the stack not told before, oldest first.
class EventTeller {
 public:
  EventTeller(Context& c, const StackEvents& events) : c_(c), events_(events) {}
  // What is there already is not news.
  void skipPast(const std::string& stackId) {
    if (auto all = c_.cloudformation.describeAllStackEvents(stackId))
      for (const auto& event : all.value()) seen_.insert(event.eventId);
  }
  void tellNew(const std::string& stackId) {
    if (!events_) return;
    auto page = c_.cloudformation.send(CloudFormation::describeStackEvents().stackName(stackId));
    if (!page) return;  // progress only: the wait itself reports failures
    const auto& items = page.value().stackEvents;
    for (auto it = items.rbegin(); it != items.rend(); ++it)
      if (seen_.insert(it->eventId).second) events_(*it);
  }
  WaitOptions waits(const std::string& stackId) {
    WaitOptions options = c_.waits;
    auto outer = options.onProgress;
    options.onProgress = [this, stackId, outer](const WaitProgress& progress) {
      tellNew(stackId);
      if (outer) outer(progress);
    };
    return options;
  }

 private:
  Context& c_;
  const StackEvents& events_;
  std::set<std::string> seen_;
};

AWSDIRECT_DECL void fail(StackResult& result, const std::string& what, const Error& error) {
  result.failures.push_back({"CloudFormation stack", what, error});
}

AWSDIRECT_DECL bool namedAfter(const std::string& name, const std::string& stack) {
  return name.size() > stack.size() + 1 && awsdirect::detail::toLower(name).rfind(awsdirect::detail::toLower(stack + "-"), 0) == 0;
}

// Deletes, without snapshots, the clusters and databases named after the environment's stack;
// the first error, if any.
AWSDIRECT_DECL std::optional<Error> deleteNamedAfterStack(Context& c, bool& deletedAny) {
  const std::string stack = stackNameOf(c.blueprint);
  try {
    for (const auto& cluster : c.redshift.describeAllClusters().value()) {
      if (!namedAfter(cluster.clusterIdentifier, stack)) continue;
      deletedAny = true;
      // Sent untyped: AWS lowercases identifiers, but an emulator keeps CloudFormation's capitals,
      // which the typed request would refuse; deleted when it answers, as the emulator does.
      if (cluster.clusterStatus != "deleting")
        c.redshift.call("DeleteCluster", {{"ClusterIdentifier", cluster.clusterIdentifier},
                                          {"SkipFinalClusterSnapshot", "true"}}).value();
      if (cluster.clusterIdentifier == awsdirect::detail::toLower(cluster.clusterIdentifier))
        c.redshift.waitUntilDeleted(cluster.clusterIdentifier, c.waits).value();
    }
    for (const auto& instance : c.rds.describeAllDBInstances().value()) {
      if (!namedAfter(instance.dbInstanceIdentifier, stack)) continue;
      deletedAny = true;
      if (instance.dbInstanceStatus != "deleting")
        c.rds.call("DeleteDBInstance", {{"DBInstanceIdentifier", instance.dbInstanceIdentifier},
                                        {"SkipFinalSnapshot", "true"}, {"DeleteAutomatedBackups", "true"}}).value();
      if (instance.dbInstanceIdentifier == awsdirect::detail::toLower(instance.dbInstanceIdentifier))
        c.rds.waitUntilDeleted(instance.dbInstanceIdentifier, c.waits).value();
    }
    // The cluster parameter group, once its clusters are gone (untyped, as the clusters).
    auto groups = c.redshift.call("DescribeClusterParameterGroups").value();
    for (const XmlNode& group : groups.result().list("ParameterGroups", "ClusterParameterGroup")) {
      const std::string name = group.text("ParameterGroupName");
      if (!namedAfter(name, stack)) continue;
      deletedAny = true;
      c.redshift.call("DeleteClusterParameterGroup", {{"ParameterGroupName", name}}).value();
    }
  } catch (const Exception& e) {
    return e.error();
  }
  return std::nullopt;
}

}  // namespace detail

StackResult deployStack(Stack& stack, const StackEvents& events) {
  Context& c = stack.context();
  StackResult result;
  const std::string name = stackNameOf(c.blueprint);
  const std::string body = cloudFormationTemplate(c.blueprint).dump();
  detail::EventTeller teller(c, events);
  auto run = [&]() -> bool {
    c.cloudformation.send(CloudFormation::validateTemplate().templateBody(body)).value();
    std::optional<cloudformation::Stack> existing = findEnvironmentStack(stack);
    if (existing && existing->stackStatus == "ROLLBACK_COMPLETE") {  // a failed creation: it can only be deleted
      teller.skipPast(existing->stackId);
      c.cloudformation.send(CloudFormation::deleteStack().stackName(existing->stackId)).value();
      c.cloudformation.waitUntilDeleted(existing->stackId, teller.waits(existing->stackId)).value();
      existing.reset();
    }
    if (!existing) {
      auto create = CloudFormation::createStack().stackName(name).templateBody(body).capability(kTemplateCapability);
      for (const Tag& tag : c.blueprint.tags()) create.tag(tag.key, tag.value);
      const std::string id = c.cloudformation.send(create).value().stackId;
      c.cloudformation.waitUntilCreated(id, teller.waits(id)).value();
      return true;
    }
    teller.skipPast(existing->stackId);
    auto update = CloudFormation::updateStack().stackName(existing->stackId).templateBody(body).capability(kTemplateCapability);
    for (const Tag& tag : c.blueprint.tags())
      if (tag.key != kCreatedTag) update.tag(tag.key, tag.value);
    update.tag(kCreatedTag, tagValue(existing->tags, kCreatedTag));  // created once, not at each update
    auto updated = c.cloudformation.send(update);
    if (!updated && updated.error().code == "ValidationError" &&
        updated.error().message.find("No updates are to be performed") != std::string::npos)
      return false;
    c.cloudformation.waitUntilUpdated(existing->stackId, teller.waits(existing->stackId)).value();
    return true;
  };
  try {
    result.changed = run();
  } catch (const Exception& e) {
    detail::fail(result, name, e.error());
    result.resources = stack.inspect();
    return result;
  }
  // What a template cannot do: local files into the bucket, and the access key into a profile.
  try {
    for (const auto& path : detail::missingUploads(c)) {
      detail::upload(c, path);
      result.changed = true;
    }
  } catch (const Exception& e) {
    detail::fail(result, "uploads", e.error());
  }
  if (c.blueprint.user.accessKey) {
    auto secret = c.secrets.send(SecretsManager::getSecretValue().secretId(accessKeySecretOf(c.blueprint)));
    if (secret) {
      const auto key = awsdirect::detail::JsonValue::parse(secret.value().secretString.value_or(Secret()).reveal());
      saveCredentialsProfile(c.config.environment, c.blueprint.userProfile(), key.at("aws_access_key_id").asString(),
                             Secret(key.at("aws_secret_access_key").asString()));
    } else if (secret.error().code == "ResourceNotFoundException") {
      result.notes.push_back("the stack made no secret " + accessKeySecretOf(c.blueprint) + " for the access key: profile " +
                             c.blueprint.userProfile() + " not saved");
    } else {
      detail::fail(result, "access key of " + c.blueprint.userName(), secret.error());
    }
  }
  result.resources = stack.inspect();
  // The stack is complete; whether its resources are as the blueprint says is AWS's answer.
  for (const auto& report : result.resources)
    if (report.state != ResourceState::Ready)
      result.notes.push_back(report.kind + " " + report.name + " is " + stateName(report.state) +
                             " after the stack (plan --file shows how it differs)");
  return result;
}

StackResult deleteStack(Stack& stack, const StackEvents& events, const StackProgress& progress) {
  Context& c = stack.context();
  detail::EventTeller teller(c, events);
  bool existed = false;
  auto removeStack = [&] {
    std::optional<cloudformation::Stack> existing = findEnvironmentStack(stack);
    if (!existing) return;
    existed = true;
    // CloudFormation refuses to delete a bucket with objects (versions and markers included).
    detail::emptyForDeletion(c).value();
    teller.skipPast(existing->stackId);
    c.cloudformation.send(CloudFormation::deleteStack().stackName(existing->stackId)).value();
    c.cloudformation.waitUntilDeleted(existing->stackId, teller.waits(existing->stackId)).value();
  };
  std::optional<Error> firstTry;
  try {
    removeStack();
  } catch (const Exception& e) {
    firstTry = e.error();  // a resource it could not delete: the sweep below deletes what it can
  }
  // Service by service, as the SDK engine's down: what the stack left goes too, with the
  // clusters, databases and cluster parameter groups CloudFormation named after the stack
  // (STACK-LOGICALID-SUFFIX) when it did not use the template's names.
  bool sweptAny = false;
  std::optional<Error> leftOver = detail::deleteNamedAfterStack(c, sweptAny);
  StackResult result = stack.down(progress);
  result.changed |= sweptAny;
  if (leftOver) detail::fail(result, stackNameOf(c.blueprint), *leftOver);
  result.changed |= existed;
  if (firstTry) {
    try {
      removeStack();  // with what blocked it gone, the stack itself can go
    } catch (const Exception& e) {
      detail::fail(result, stackNameOf(c.blueprint), e.error());
    }
  }
  auto secret = c.secrets.send(SecretsManager::describeSecret().secretId(accessKeySecretOf(c.blueprint)));
  if (secret && !secret.value().deletedDate) {
    auto gone = c.secrets.send(SecretsManager::deleteSecret().secretId(accessKeySecretOf(c.blueprint)).forceDeleteWithoutRecovery());
    if (!gone) detail::fail(result, accessKeySecretOf(c.blueprint), gone.error());
  }
  removeCredentialsProfile(c.config.environment, c.blueprint.userProfile());
  return result;
}

}  // namespace iac
}  // namespace awsdirect
