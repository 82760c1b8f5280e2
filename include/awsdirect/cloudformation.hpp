#pragma once
// AWS CloudFormation (API version 2010-05-15, Query protocol): templates checked
// (ValidateTemplate), stacks created, updated, described and deleted, their events read, and
// botocore's three stack waiters.
//
//   CloudFormation cloudformation;
//   cloudformation.send(CloudFormation::createStack().stackName("dev1").templateBody(json)
//                           .parameter("RedshiftMasterPassword", password).capability("CAPABILITY_NAMED_IAM"));
//   cloudformation.waitUntilCreated("dev1");
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "client.hpp"
#include "detail/build_mode.hpp"
#include "result.hpp"
#include "secret.hpp"
#include "waiter.hpp"

namespace awsdirect {

class CloudFormation;

namespace cloudformation {

// A value for a template's parameter. Values are Secrets: a template's passwords come in as
// NoEcho parameters, and a parameter's value is never printed, logged or recorded.
struct Parameter {
  std::string key;
  Secret value;
  bool usePreviousValue = false;  // UpdateStack: keep the stack's value (no value sent)
};
AWSDIRECT_DECL void writeMember(QueryWriter& w, const Parameter& parameter);

// ---- Results ---------------------------------------------------------------------------------

struct TemplateParameter {
  std::string parameterKey;
  std::string defaultValue;
  bool noEcho = false;
  std::string description;
  AWSDIRECT_FIELDS(TemplateParameter, field("ParameterKey", &Self::parameterKey),
                   field("DefaultValue", &Self::defaultValue), field("NoEcho", &Self::noEcho),
                   field("Description", &Self::description));
};

// ValidateTemplate: what a template declares.
struct TemplateSummary {
  std::vector<TemplateParameter> parameters;
  std::string description;
  std::vector<std::string> capabilities;  // what CreateStack must acknowledge: CAPABILITY_NAMED_IAM...
  std::string capabilitiesReason;
  AWSDIRECT_FIELDS(TemplateSummary, field("Parameters", &Self::parameters), field("Description", &Self::description),
                   field("Capabilities", &Self::capabilities), field("CapabilitiesReason", &Self::capabilitiesReason));
};

struct StackId {
  std::string stackId;  // the stack's ARN
  AWSDIRECT_FIELDS(StackId, field("StackId", &Self::stackId));
};

struct StackOutput {
  std::string outputKey, outputValue, description;
  AWSDIRECT_FIELDS(StackOutput, field("OutputKey", &Self::outputKey), field("OutputValue", &Self::outputValue),
                   field("Description", &Self::description));
};

struct Stack {
  std::string stackId;
  std::string stackName;
  std::string description;
  std::string stackStatus;  // "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "ROLLBACK_COMPLETE", ...
  std::string stackStatusReason;
  std::optional<std::chrono::system_clock::time_point> creationTime, lastUpdatedTime, deletionTime;
  std::vector<StackOutput> outputs;
  std::vector<Tag> tags;
  AWSDIRECT_FIELDS(Stack, field("StackId", &Self::stackId), field("StackName", &Self::stackName),
                   field("Description", &Self::description), field("StackStatus", &Self::stackStatus),
                   field("StackStatusReason", &Self::stackStatusReason), field("CreationTime", &Self::creationTime),
                   field("LastUpdatedTime", &Self::lastUpdatedTime), field("DeletionTime", &Self::deletionTime),
                   field("Outputs", &Self::outputs), field("Tags", &Self::tags));
};

struct DescribeStacksResult {
  std::vector<Stack> stacks;
  std::string nextToken;  // empty on the last page
  AWSDIRECT_FIELDS(DescribeStacksResult, field("Stacks", &Self::stacks), field("NextToken", &Self::nextToken));
};

// What happened to a stack or one of its resources, newest first.
struct StackEvent {
  std::string eventId;
  std::string stackName;
  std::string logicalResourceId;   // the template's name of the resource ("RedshiftCluster"), or the stack's
  std::string physicalResourceId;  // AWS's name or ID of it
  std::string resourceType;        // "AWS::Redshift::Cluster"
  std::optional<std::chrono::system_clock::time_point> timestamp;
  std::string resourceStatus;  // "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "CREATE_FAILED", ...
  std::string resourceStatusReason;
  AWSDIRECT_FIELDS(StackEvent, field("EventId", &Self::eventId), field("StackName", &Self::stackName),
                   field("LogicalResourceId", &Self::logicalResourceId),
                   field("PhysicalResourceId", &Self::physicalResourceId), field("ResourceType", &Self::resourceType),
                   field("Timestamp", &Self::timestamp), field("ResourceStatus", &Self::resourceStatus),
                   field("ResourceStatusReason", &Self::resourceStatusReason));
};

struct DescribeStackEventsResult {
  std::vector<StackEvent> stackEvents;
  std::string nextToken;
  AWSDIRECT_FIELDS(DescribeStackEventsResult, field("StackEvents", &Self::stackEvents),
                   field("NextToken", &Self::nextToken));
};

// ---- Rules and members -------------------------------------------------------------------------

namespace rules {
// 1-128 letters, digits and hyphens, starting with a letter.
AWSDIRECT_DECL void stackName(Validator& v, const std::string& field, const std::string& name);
}  // namespace rules

namespace members {
using namespace declare;
static constexpr const char* kOnFailure[] = {"DO_NOTHING", "ROLLBACK", "DELETE"};

AWSDIRECT_MEMBER(StackName, stackName, std::string, check(rules::stackName));
// Describe and delete take a stack's name or its ID (an ARN, which outlives a deleted stack).
AWSDIRECT_MEMBER(StackNameOrId, stackName, std::string, apiName("StackName"), length(1, 1024));
AWSDIRECT_MEMBER(TemplateBody, templateBody, std::string, length(1, 51200));  // larger ones go by TemplateURL
AWSDIRECT_MEMBER(TemplateURL, templateUrl, std::string, length(1, 5120));
AWSDIRECT_MEMBER(Parameters, parameters, std::vector<Parameter>, unchecked);
AWSDIRECT_MEMBER(Capabilities, capabilities, std::vector<std::string>, unchecked);
AWSDIRECT_MEMBER(OnFailure, onFailure, std::string, oneOf(kOnFailure));
AWSDIRECT_MEMBER(TimeoutInMinutes, timeoutInMinutes, int, range(1, 2147483647));
AWSDIRECT_MEMBER(Tags, tags, std::vector<Tag>, count(0, 50));
AWSDIRECT_MEMBER(ClientRequestToken, clientRequestToken, std::string, length(1, 128));
AWSDIRECT_MEMBER(NextToken, nextToken, std::string, length(1, 1024));
AWSDIRECT_MEMBER(RetainResources, retainResources, std::vector<std::string>, unchecked);
}  // namespace members

namespace m = members;

// ---- Requests ----------------------------------------------------------------------------------

// Adds fluent calls for a stack's parameters, capabilities and tags.
template <class Derived>
struct StackInputs {
  Derived& parameter(std::string key, Secret value) {
    self().parameters_.push_back({std::move(key), std::move(value), false});
    return self();
  }
  Derived& capability(std::string name) { self().capabilities_.push_back(std::move(name)); return self(); }
  Derived& tag(std::string key, std::string value) { self().tags_.push_back({std::move(key), std::move(value)}); return self(); }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

// ValidateTemplate: a template checked by CloudFormation, its parameters and capabilities.
class ValidateTemplateRequest
    : public Request<ValidateTemplateRequest, CloudFormation, TemplateSummary, m::TemplateBody, m::TemplateURL> {
 public:
  static constexpr const char* operation = "ValidateTemplate";
};

// CreateStack: a stack from a template. With OnFailure DELETE nothing is left of a failed one.
class CreateStackRequest
    : public Request<CreateStackRequest, CloudFormation, StackId, Required<m::StackName>, m::TemplateBody, m::TemplateURL,
                     m::Parameters, m::TimeoutInMinutes, m::Capabilities, m::OnFailure, m::Tags, m::ClientRequestToken>,
      public StackInputs<CreateStackRequest> {
 public:
  static constexpr const char* operation = "CreateStack";
  friend struct StackInputs<CreateStackRequest>;
};

// UpdateStack: the stack to a new template or new parameters. Nothing to change is the error
// ValidationError "No updates are to be performed."
class UpdateStackRequest
    : public Request<UpdateStackRequest, CloudFormation, StackId, Required<m::StackName>, m::TemplateBody, m::TemplateURL,
                     m::Parameters, m::Capabilities, m::Tags, m::ClientRequestToken>,
      public StackInputs<UpdateStackRequest> {
 public:
  static constexpr const char* operation = "UpdateStack";
  friend struct StackInputs<UpdateStackRequest>;
};

// DescribeStacks: one stack by name or ID, or every live stack page by page (NextToken).
class DescribeStacksRequest
    : public Request<DescribeStacksRequest, CloudFormation, DescribeStacksResult, m::StackNameOrId, m::NextToken> {
 public:
  static constexpr const char* operation = "DescribeStacks";
};

// DescribeStackEvents: a stack's events, newest first, page by page.
class DescribeStackEventsRequest
    : public Request<DescribeStackEventsRequest, CloudFormation, DescribeStackEventsResult, Required<m::StackNameOrId>,
                     m::NextToken> {
 public:
  static constexpr const char* operation = "DescribeStackEvents";
};

// DeleteStack: deletes the stack's resources as their DeletionPolicy says, then the stack.
class DeleteStackRequest
    : public Request<DeleteStackRequest, CloudFormation, Empty, Required<m::StackNameOrId>, m::RetainResources,
                     m::ClientRequestToken> {
 public:
  static constexpr const char* operation = "DeleteStack";
};

}  // namespace cloudformation

class CloudFormation : public QueryService<CloudFormation> {
 public:
  static ServiceInfo serviceInfo() { return {"CloudFormation", "cloudformation", "cloudformation", "2010-05-15", false}; }

  explicit CloudFormation(const ClientConfig& config = ClientConfig()) : QueryService(serviceInfo(), config) {}

  // ---- Operations: the factory and the request it makes, one line each (pipeline.hpp) ----
#define AWSDIRECT_CLOUDFORMATION_OPERATIONS(X)                       \
  X(validateTemplate, cloudformation::ValidateTemplateRequest)       \
  X(createStack, cloudformation::CreateStackRequest)                 \
  X(updateStack, cloudformation::UpdateStackRequest)                 \
  X(describeStacks, cloudformation::DescribeStacksRequest)           \
  X(describeStackEvents, cloudformation::DescribeStackEventsRequest) \
  X(deleteStack, cloudformation::DeleteStackRequest)
  AWSDIRECT_CLOUDFORMATION_OPERATIONS(AWSDIRECT_FACTORY)

  // ---- Calls that send ----

  // One stack by name or ID; ValidationError ("Stack with id NAME does not exist") when there is none.
  AWSDIRECT_LAZY_DECL Outcome<cloudformation::Stack> findStack(const std::string& nameOrId);
  // Every event of a stack, newest first, following NextToken.
  AWSDIRECT_LAZY_DECL Outcome<std::vector<cloudformation::StackEvent>> describeAllStackEvents(const std::string& nameOrId);

  // botocore's StackCreateComplete, StackUpdateComplete and StackDeleteComplete (every 30 s,
  // 120 times), with their acceptors: a rollback or a failed state fails the wait, and for
  // deletion a stack that no longer exists (ValidationError) is gone.
  AWSDIRECT_LAZY_DECL Outcome<cloudformation::Stack> waitUntilCreated(const std::string& nameOrId, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<cloudformation::Stack> waitUntilUpdated(const std::string& nameOrId, WaitOptions options = {});
  AWSDIRECT_LAZY_DECL Outcome<Gone> waitUntilDeleted(const std::string& nameOrId, WaitOptions options = {});

  static constexpr WaiterPace kStackCreateComplete{std::chrono::seconds(30), 120};
  static constexpr WaiterPace kStackUpdateComplete{std::chrono::seconds(30), 120};
  static constexpr WaiterPace kStackDeleteComplete{std::chrono::seconds(30), 120};
};

AWSDIRECT_EXTERN_OPERATIONS(AWSDIRECT_CLOUDFORMATION_OPERATIONS)

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/cloudformation.ipp"
#endif
