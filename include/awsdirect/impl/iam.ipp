// Definitions of <awsdirect/iam.hpp>.

namespace awsdirect {

namespace iam {

namespace detail {

std::vector<Tag> readTags(const XmlNode& node) {
  std::vector<Tag> tags;
  for (const XmlNode& t : node.list("Tags", "member")) tags.push_back({t.text("Key"), t.text("Value")});
  return tags;
}

}  // namespace detail

Role Role::fromXml(const XmlNode& node) {
  Role r;
  r.path = node.text("Path");
  r.roleName = node.text("RoleName");
  r.roleId = node.text("RoleId");
  r.arn = node.text("Arn");
  r.createDate = node.timestamp("CreateDate");
  r.assumeRolePolicyDocument = detail::decodePolicyDocument(node.text("AssumeRolePolicyDocument"));
  r.description = node.text("Description");
  if (node.child("MaxSessionDuration")) r.maxSessionDuration = node.int32("MaxSessionDuration");
  r.permissionsBoundaryArn = node.child("PermissionsBoundary").text("PermissionsBoundaryArn");
  r.tags = detail::readTags(node);
  r.lastUsedDate = node.child("RoleLastUsed").timestamp("LastUsedDate");
  r.lastUsedRegion = node.child("RoleLastUsed").text("Region");
  return r;
}

User User::fromXml(const XmlNode& node) {
  User u;
  u.path = node.text("Path");
  u.userName = node.text("UserName");
  u.userId = node.text("UserId");
  u.arn = node.text("Arn");
  u.createDate = node.timestamp("CreateDate");
  u.passwordLastUsed = node.timestamp("PasswordLastUsed");
  u.permissionsBoundaryArn = node.child("PermissionsBoundary").text("PermissionsBoundaryArn");
  u.tags = detail::readTags(node);
  return u;
}

AccessKey AccessKey::fromXml(const XmlNode& node) {
  AccessKey k;
  k.userName = node.text("UserName");
  k.accessKeyId = node.text("AccessKeyId");
  k.status = node.text("Status");
  k.secretAccessKey = Secret(node.text("SecretAccessKey"));
  k.createDate = node.timestamp("CreateDate");
  return k;
}

ListAttachedPoliciesResult ListAttachedPoliciesResult::fromXml(const XmlNode& result) {
  ListAttachedPoliciesResult r;
  for (const XmlNode& p : result.list("AttachedPolicies", "member"))
    r.attachedPolicies.push_back({p.text("PolicyName"), p.text("PolicyArn")});
  // IsTruncated says whether more pages follow; a Marker without it is not a next page.
  if (result.boolean("IsTruncated")) r.marker = result.text("Marker");
  return r;
}

ListAccessKeysResult ListAccessKeysRequest::parse(const XmlNode& result) {
  Result r;
  for (const XmlNode& k : result.list("AccessKeyMetadata", "member"))
    r.accessKeyMetadata.push_back({k.text("UserName"), k.text("AccessKeyId"), k.text("Status"), k.timestamp("CreateDate")});
  if (result.boolean("IsTruncated")) r.marker = result.text("Marker");
  return r;
}

}  // namespace iam

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(iam::ListAttachedRolePoliciesRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.marker(std::move(t)); },
                      &iam::ListAttachedPoliciesResult::marker, &iam::ListAttachedPoliciesResult::attachedPolicies);
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedRolePolicies(const std::string& roleName) {
  return listAllAttachedRolePolicies(listAttachedRolePolicies().roleName(roleName));
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(iam::ListAttachedUserPoliciesRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.marker(std::move(t)); },
                      &iam::ListAttachedPoliciesResult::marker, &iam::ListAttachedPoliciesResult::attachedPolicies);
}

Outcome<std::vector<iam::AttachedPolicy>> Iam::listAllAttachedUserPolicies(const std::string& userName) {
  return listAllAttachedUserPolicies(listAttachedUserPolicies().userName(userName));
}

Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(iam::ListAccessKeysRequest request) {
  return sendAllPages(std::move(request), [](auto& r, std::string t) { r.marker(std::move(t)); }, &iam::ListAccessKeysResult::marker,
                      &iam::ListAccessKeysResult::accessKeyMetadata);
}

Outcome<std::vector<iam::AccessKeyMetadata>> Iam::listAllAccessKeys(const std::string& userName) {
  return listAllAccessKeys(listAccessKeys().userName(userName));
}

namespace iam {
namespace detail {
// botocore's RoleExists and UserExists acceptors: success when found, NoSuchEntity retries.
template <class T>
WaitStep existsJudge(const Outcome<T>& polled) {
  if (polled) return WaitStep{WaitVerdict::Success, "exists"};
  if (polled.error().code == "NoSuchEntity") return WaitStep{WaitVerdict::Retry, "NoSuchEntity"};
  return WaitStep{WaitVerdict::Failure, polled.error().code};
}
}  // namespace detail
}  // namespace iam

Outcome<iam::Role> Iam::waitUntilRoleExists(const std::string& roleName, WaitOptions options) {
  return waitUntil<iam::Role>("RoleExists", options, kRoleExists, [&] { return send(getRole().roleName(roleName)); },
                              iam::detail::existsJudge<iam::Role>);
}

Outcome<iam::User> Iam::waitUntilUserExists(const std::string& userName, WaitOptions options) {
  return waitUntil<iam::User>("UserExists", options, kUserExists, [&] { return send(getUser().userName(userName)); },
                              iam::detail::existsJudge<iam::User>);
}

}  // namespace awsdirect
