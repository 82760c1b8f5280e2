#pragma once
// IAM's managed policies: the account's own (created, read, deleted) and AWS's (listed, read).
#include <optional>
#include <string>
#include <utility>

#include "../policy.hpp"
#include "../request.hpp"
#include "common.hpp"

namespace awsdirect {
namespace iam {

// ListPolicies: managed policies, AWS's and the account's (Scope), page by page.
class ListPoliciesRequest
    : public ListRequest<ListPoliciesRequest, ListPoliciesResult, m::Scope, m::OnlyAttached, m::PathPrefix,
                         m::PolicyUsageFilter> {
 public:
  static constexpr const char* operation = "ListPolicies";
};

// GetPolicy: one managed policy by ARN.
class GetPolicyRequest : public Request<GetPolicyRequest, Iam, Policy, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "GetPolicy";
  static constexpr const char* resultElement = "Policy";
};

// CreatePolicy: a managed policy of the account, from a PolicyDocument or a JSON document.
class CreatePolicyRequest
    : public Request<CreatePolicyRequest, Iam, Policy, Required<m::PolicyName>, m::Path, Required<m::PolicyDocument>,
                     m::Description, m::Tags> {
 public:
  static constexpr const char* operation = "CreatePolicy";
  using Request::policyDocument;
  CreatePolicyRequest& policyDocument(const PolicyDocument& v) {
    policyDocument_ = v.json();
    policy_ = v;
    return *this;
  }
  CreatePolicyRequest& tag(std::string key, std::string value) { tags_.push_back({std::move(key), std::move(value)}); return *this; }
  void validateAcross(Validator& v) const {
    if (policy_) policy_->validate(v, "PolicyDocument");
  }
  static constexpr const char* resultElement = "Policy";

 private:
  std::optional<PolicyDocument> policy_;
};

// DeletePolicy: AWS refuses (DeleteConflict) while the policy is attached or has versions
// besides its default.
class DeletePolicyRequest : public Request<DeletePolicyRequest, Iam, Empty, Required<m::PolicyArn>> {
 public:
  static constexpr const char* operation = "DeletePolicy";
};

}  // namespace iam
}  // namespace awsdirect
