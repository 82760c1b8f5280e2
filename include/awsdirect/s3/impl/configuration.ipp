// Definitions of <awsdirect/s3/configuration.hpp>.

namespace awsdirect {
namespace s3 {

void PutBucketLifecycleConfigurationRequest::validateAcross(Validator& v) const {
  const std::size_t count = lifecycleConfiguration_ ? lifecycleConfiguration_->rules.size() : 0;
  if (!v.check(count >= 1 && count <= 1000, "LifecycleConfiguration.Rules", "must hold 1 to 1,000 rules")) return;
  for (std::size_t i = 0; i < count; ++i) {
    const LifecycleRule& rule = lifecycleConfiguration_->rules[i];
    const std::string at = "LifecycleConfiguration.Rules[" + std::to_string(i) + "]";
    v.check(rule.id.size() <= 255, at + ".ID", "must be at most 255 characters long");
    v.check(rule.status == "Enabled" || rule.status == "Disabled", at + ".Status", "must be Enabled or Disabled");
    v.check(rule.filter.has_value(), at + ".Filter", "is required (LifecycleRuleFilter::everyObject() for the whole bucket)");
    v.check(rule.expiration || !rule.transitions.empty() || !rule.noncurrentVersionTransitions.empty() ||
                rule.noncurrentVersionExpiration || rule.abortIncompleteMultipartUpload,
            at, "must have an action: Expiration, a Transition, a noncurrent-version action or AbortIncompleteMultipartUpload");
    if (rule.expiration) {
      const LifecycleExpiration& e = *rule.expiration;
      v.check(int(e.date.has_value()) + int(e.days.has_value()) + int(e.expiredObjectDeleteMarker.has_value()) == 1,
              at + ".Expiration", "must have exactly one of Date, Days and ExpiredObjectDeleteMarker");
      if (e.days) v.check(*e.days >= 1, at + ".Expiration.Days", "must be a positive number of days");
    }
    for (std::size_t t = 0; t < rule.transitions.size(); ++t) {
      const Transition& transition = rule.transitions[t];
      const std::string name = at + ".Transitions[" + std::to_string(t) + "]";
      v.check(transition.date.has_value() != transition.days.has_value(), name, "must have exactly one of Date and Days");
      if (transition.days) v.check(*transition.days >= 0, name + ".Days", "must not be negative");
      v.check(!transition.storageClass.empty(), name + ".StorageClass", "is required");
    }
    if (rule.noncurrentVersionExpiration && rule.noncurrentVersionExpiration->noncurrentDays)
      v.check(*rule.noncurrentVersionExpiration->noncurrentDays >= 1, at + ".NoncurrentVersionExpiration.NoncurrentDays",
              "must be a positive number of days");
    if (rule.abortIncompleteMultipartUpload)
      v.check(rule.abortIncompleteMultipartUpload->daysAfterInitiation.value_or(0) >= 1,
              at + ".AbortIncompleteMultipartUpload.DaysAfterInitiation", "must be a positive number of days");
  }
}

void PutBucketEncryptionRequest::validateAcross(Validator& v) const {
  if (!serverSideEncryptionConfiguration_) return;  // "is required", said by the member
  const auto& rules = serverSideEncryptionConfiguration_->rules;
  v.check(!rules.empty(), "ServerSideEncryptionConfiguration.Rules", "must hold a rule");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].applyServerSideEncryptionByDefault) continue;
    const ServerSideEncryptionByDefault& d = *rules[i].applyServerSideEncryptionByDefault;
    const std::string at = "ServerSideEncryptionConfiguration.Rules[" + std::to_string(i) + "].ApplyServerSideEncryptionByDefault";
    const bool kms = d.sseAlgorithm == "aws:kms" || d.sseAlgorithm == "aws:kms:dsse";
    v.check(kms || d.sseAlgorithm == "AES256", at + ".SSEAlgorithm", "must be AES256, aws:kms or aws:kms:dsse");
    v.check(kms || d.kmsMasterKeyId.empty(), at + ".KMSMasterKeyID", "may be set only with aws:kms or aws:kms:dsse");
  }
}

void PutBucketOwnershipControlsRequest::validateAcross(Validator& v) const {
  if (!ownershipControls_) return;
  const auto& rules = ownershipControls_->rules;
  if (!v.check(rules.size() == 1, "OwnershipControls.Rules", "must hold exactly one rule")) return;
  const std::string& ownership = rules[0].objectOwnership;
  v.check(ownership == "BucketOwnerEnforced" || ownership == "BucketOwnerPreferred" || ownership == "ObjectWriter",
          "OwnershipControls.Rules[0].ObjectOwnership", "must be BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter");
}

void PutBucketLifecycleConfigurationRequest::writeBody(RestRequest& r) const {
  detail::xmlBodyWithChecksum(r, xmlDocument("LifecycleConfiguration", kXmlNamespace,
                                             lifecycleConfiguration_.value_or(BucketLifecycleConfiguration())));
}

GetBucketLifecycleConfigurationRequest::Result GetBucketLifecycleConfigurationRequest::parse(const RestResponse& response) {
  Result result = readResult<Result>(response.xml("LifecycleConfiguration"));
  result.transitionDefaultMinimumObjectSize = response.header("x-amz-transition-default-minimum-object-size");
  return result;
}

void PutBucketEncryptionRequest::writeBody(RestRequest& r) const {
  detail::xmlBodyWithChecksum(r, xmlDocument("ServerSideEncryptionConfiguration", kXmlNamespace,
                                             serverSideEncryptionConfiguration_.value_or(ServerSideEncryptionConfiguration())));
}

GetBucketEncryptionRequest::Result GetBucketEncryptionRequest::parse(const RestResponse& response) {
  return readResult<Result>(response.xml("ServerSideEncryptionConfiguration"));
}

void PutBucketOwnershipControlsRequest::writeBody(RestRequest& r) const {
  detail::xmlBodyWithChecksum(r, xmlDocument("OwnershipControls", kXmlNamespace, ownershipControls_.value_or(OwnershipControls())));
}

GetBucketOwnershipControlsRequest::Result GetBucketOwnershipControlsRequest::parse(const RestResponse& response) { return readResult<Result>(response.xml("OwnershipControls")); }

}  // namespace s3
}  // namespace awsdirect
