// Definitions of <awsdirect/cloudformation.hpp>.

namespace awsdirect {

namespace cloudformation {

void writeMember(QueryWriter& w, const Parameter& parameter) {
  w.add("ParameterKey", parameter.key);
  if (parameter.usePreviousValue) w.add("UsePreviousValue", true);
  else w.add("ParameterValue", parameter.value.reveal());
}

namespace rules {

void stackName(Validator& v, const std::string& field, const std::string& name) {
  using namespace awsdirect::rules;
  if (!v.check(!name.empty() && name.size() <= 128, field, "must be 1 to 128 characters long")) return;
  bool allowed = isLetter(name.front());
  for (char c : name) allowed &= isLetter(c) || isDigit(c) || c == '-';
  v.check(allowed, field, "must be letters, digits and hyphens, starting with a letter");
}

}  // namespace rules

// botocore's acceptors of the three waiters, by the stack's status.
AWSDIRECT_DECL bool statusIn(const std::string& status, std::initializer_list<const char*> statuses) {
  for (const char* s : statuses)
    if (status == s) return true;
  return false;
}

}  // namespace cloudformation

AWSDIRECT_LAZY_DEF
Outcome<cloudformation::Stack> CloudFormation::findStack(const std::string& nameOrId) {
  auto result = send(describeStacks().stackName(nameOrId));
  if (!result) return result.error();
  if (result.value().stacks.empty()) {  // AWS answers ValidationError itself; an empty page means the same
    Error e = makeError(ErrorKind::Service, "ValidationError", "Stack with id " + nameOrId + " does not exist");
    e.service = "cloudformation";
    e.operation = "DescribeStacks";
    return e;
  }
  return std::move(result.value().stacks.front());
}

AWSDIRECT_LAZY_DEF
Outcome<std::vector<cloudformation::StackEvent>> CloudFormation::describeAllStackEvents(const std::string& nameOrId) {
  using R = cloudformation::DescribeStackEventsResult;
  return sendAllPages(describeStackEvents().stackName(nameOrId), ByNextToken{}, &R::nextToken, &R::stackEvents);
}

AWSDIRECT_LAZY_DEF
Outcome<cloudformation::Stack> CloudFormation::waitUntilCreated(const std::string& nameOrId, WaitOptions options) {
  using cloudformation::statusIn;
  return waitUntil<cloudformation::Stack>(
      "StackCreateComplete", options, kStackCreateComplete, [&] { return findStack(nameOrId); },
      [](const Outcome<cloudformation::Stack>& polled) {
        if (!polled) return WaitStep{WaitVerdict::Failure, polled.error().code};
        const std::string& status = polled.value().stackStatus;
        if (statusIn(status, {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_IN_PROGRESS",
                              "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS",
                              "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                              "UPDATE_ROLLBACK_COMPLETE"}))
          return WaitStep{WaitVerdict::Success, status};
        if (statusIn(status, {"CREATE_FAILED", "DELETE_COMPLETE", "DELETE_FAILED", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE"}))
          return WaitStep{WaitVerdict::Failure, status};
        return WaitStep{WaitVerdict::Retry, status};
      });
}

AWSDIRECT_LAZY_DEF
Outcome<cloudformation::Stack> CloudFormation::waitUntilUpdated(const std::string& nameOrId, WaitOptions options) {
  using cloudformation::statusIn;
  return waitUntil<cloudformation::Stack>(
      "StackUpdateComplete", options, kStackUpdateComplete, [&] { return findStack(nameOrId); },
      [](const Outcome<cloudformation::Stack>& polled) {
        if (!polled) return WaitStep{WaitVerdict::Failure, polled.error().code};
        const std::string& status = polled.value().stackStatus;
        if (status == "UPDATE_COMPLETE") return WaitStep{WaitVerdict::Success, status};
        if (statusIn(status, {"UPDATE_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE"}))
          return WaitStep{WaitVerdict::Failure, status};
        return WaitStep{WaitVerdict::Retry, status};
      });
}

AWSDIRECT_LAZY_DEF
Outcome<Gone> CloudFormation::waitUntilDeleted(const std::string& nameOrId, WaitOptions options) {
  using cloudformation::statusIn;
  return waitUntilGone<cloudformation::Stack>(
      "StackDeleteComplete", nameOrId, options, kStackDeleteComplete, [&] { return findStack(nameOrId); },
      [](const Outcome<cloudformation::Stack>& polled) {
        if (!polled) {
          if (polled.error().code == "ValidationError") return WaitStep{WaitVerdict::Success, "ValidationError"};
          return WaitStep{WaitVerdict::Failure, ""};
        }
        const std::string& status = polled.value().stackStatus;
        if (status == "DELETE_COMPLETE") return WaitStep{WaitVerdict::Success, status};
        if (statusIn(status, {"DELETE_FAILED", "CREATE_FAILED", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS",
                              "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_COMPLETE"}))
          return WaitStep{WaitVerdict::Failure, status};
        return WaitStep{WaitVerdict::Retry, status};
      });
}

// Each listed operation's steps (validate, serialize, read the result), compiled here once.
AWSDIRECT_INSTANTIATE_OPERATIONS(AWSDIRECT_CLOUDFORMATION_OPERATIONS)

}  // namespace awsdirect
