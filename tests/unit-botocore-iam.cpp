// Every IAM operation the library has, against botocore: each request with every member set is
// sent as botocore's serializer sends the same parameters, and each result is read from a
// response document made from IAM's model exactly as botocore's parser reads it, member by member.
#include <doctest/doctest.h>

#include <awsdirect/iam.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

const std::string kRole = "app-role", kUser = "airflow", kMarker = "m-1";
const std::string kPolicyArn = "arn:aws:iam::123456789012:policy/app/read-bucket";
const std::string kDocument = R"({"Version":"2012-10-17","Statement":[]})";

SerializerCase iamCase(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"IAM " + operation, "iam", operation, params, std::move(sent)};
}

// Reads the document's result element as Request reads it, as paths; `within`: the member of the
// result that the request's result is (CreateRole's Role), when it is not the whole result.
template <class Request>
std::map<std::string, std::string> readBy(const std::string& document, const std::string& within) {
  XmlDocument parsed(document);
  const std::string element = std::string(Request::operation) + "Result";
  std::map<std::string, std::string> out;
  awsdirect_test::flatten(within, Request::parse(parsed.root().child(element.c_str())), out);
  return out;
}

}  // namespace

TEST_CASE("every IAM request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::string paging = R"("Marker":"m-1","MaxItems":10)";
  const std::vector<SerializerCase> cases = {
      iamCase("ListRoles", R"({"PathPrefix":"/app/",)" + paging + "}",
              sentBy<Iam>(Iam::listRoles().pathPrefix("/app/").marker(kMarker).maxItems(10))),
      iamCase("ListUsers", R"({"PathPrefix":"/",)" + paging + "}", sentBy<Iam>(Iam::listUsers().pathPrefix("/").marker(kMarker).maxItems(10))),
      iamCase("UpdateAssumeRolePolicy", R"({"RoleName":"app-role","PolicyDocument":")" + std::string(R"({\"Version\":\"2012-10-17\",\"Statement\":[]})") + R"("})",
              sentBy<Iam>(Iam::updateAssumeRolePolicy().roleName(kRole).policyDocument(kDocument))),
      iamCase("PutRolePolicy", R"({"RoleName":"app-role","PolicyName":"read","PolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"})",
              sentBy<Iam>(Iam::putRolePolicy().roleName(kRole).policyName("read").policyDocument(kDocument))),
      iamCase("GetRolePolicy", R"({"RoleName":"app-role","PolicyName":"read"})", sentBy<Iam>(Iam::getRolePolicy().roleName(kRole).policyName("read"))),
      iamCase("ListRolePolicies", R"({"RoleName":"app-role",)" + paging + "}",
              sentBy<Iam>(Iam::listRolePolicies().roleName(kRole).marker(kMarker).maxItems(10))),
      iamCase("DeleteRolePolicy", R"({"RoleName":"app-role","PolicyName":"read"})", sentBy<Iam>(Iam::deleteRolePolicy().roleName(kRole).policyName("read"))),
      iamCase("GetUserPolicy", R"({"UserName":"airflow","PolicyName":"read"})", sentBy<Iam>(Iam::getUserPolicy().userName(kUser).policyName("read"))),
      iamCase("ListUserPolicies", R"({"UserName":"airflow",)" + paging + "}",
              sentBy<Iam>(Iam::listUserPolicies().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("TagRole", R"({"RoleName":"app-role","Tags":[{"Key":"team","Value":"data"},{"Key":"env","Value":"dev"}]})",
              sentBy<Iam>(Iam::tagRole().roleName(kRole).tag("team", "data").tag("env", "dev"))),
      iamCase("UntagRole", R"({"RoleName":"app-role","TagKeys":["team","env"]})", sentBy<Iam>(Iam::untagRole().roleName(kRole).tagKey("team").tagKey("env"))),
      iamCase("ListRoleTags", R"({"RoleName":"app-role",)" + paging + "}", sentBy<Iam>(Iam::listRoleTags().roleName(kRole).marker(kMarker).maxItems(10))),
      iamCase("TagUser", R"({"UserName":"airflow","Tags":[{"Key":"team","Value":"data"}]})", sentBy<Iam>(Iam::tagUser().userName(kUser).tag("team", "data"))),
      iamCase("UntagUser", R"({"UserName":"airflow","TagKeys":["team"]})", sentBy<Iam>(Iam::untagUser().userName(kUser).tagKey("team"))),
      iamCase("ListUserTags", R"({"UserName":"airflow",)" + paging + "}", sentBy<Iam>(Iam::listUserTags().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("UpdateAccessKey", R"({"UserName":"airflow","AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Inactive"})",
              sentBy<Iam>(Iam::updateAccessKey().userName(kUser).accessKeyId("AKIAIOSFODNN7EXAMPLE").status("Inactive"))),
      iamCase("GetLoginProfile", R"({"UserName":"airflow"})", sentBy<Iam>(Iam::getLoginProfile().userName(kUser))),
      iamCase("DeleteLoginProfile", R"({"UserName":"airflow"})", sentBy<Iam>(Iam::deleteLoginProfile().userName(kUser))),
      iamCase("ListGroupsForUser", R"({"UserName":"airflow",)" + paging + "}",
              sentBy<Iam>(Iam::listGroupsForUser().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("RemoveUserFromGroup", R"({"GroupName":"analysts","UserName":"airflow"})",
              sentBy<Iam>(Iam::removeUserFromGroup().groupName("analysts").userName(kUser))),
      iamCase("ListMFADevices", R"({"UserName":"airflow",)" + paging + "}",
              sentBy<Iam>(Iam::listMfaDevices().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("DeactivateMFADevice", R"({"UserName":"airflow","SerialNumber":"arn:aws:iam::123456789012:mfa/airflow"})",
              sentBy<Iam>(Iam::deactivateMfaDevice().userName(kUser).serialNumber("arn:aws:iam::123456789012:mfa/airflow"))),
      iamCase("ListSigningCertificates", R"({"UserName":"airflow",)" + paging + "}",
              sentBy<Iam>(Iam::listSigningCertificates().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("DeleteSigningCertificate", R"({"UserName":"airflow","CertificateId":"TA7SMP42TDN5Z26OBPJE7EXAMPLE"})",
              sentBy<Iam>(Iam::deleteSigningCertificate().userName(kUser).certificateId("TA7SMP42TDN5Z26OBPJE7EXAMPLE"))),
      iamCase("ListSSHPublicKeys", R"({"UserName":"airflow",)" + paging + "}",
              sentBy<Iam>(Iam::listSshPublicKeys().userName(kUser).marker(kMarker).maxItems(10))),
      iamCase("DeleteSSHPublicKey", R"({"UserName":"airflow","SSHPublicKeyId":"APKAEIBAERJR2EXAMPLE"})",
              sentBy<Iam>(Iam::deleteSshPublicKey().userName(kUser).sshPublicKeyId("APKAEIBAERJR2EXAMPLE"))),
      iamCase("ListServiceSpecificCredentials", R"({"UserName":"airflow","ServiceName":"codecommit.amazonaws.com","AllUsers":false,)" + paging + "}",
              sentBy<Iam>(Iam::listServiceSpecificCredentials().userName(kUser).serviceName("codecommit.amazonaws.com")
                              .allUsers(false).marker(kMarker).maxItems(10))),
      iamCase("DeleteServiceSpecificCredential", R"({"UserName":"airflow","ServiceSpecificCredentialId":"ACCA12345ABCDEXAMPLE"})",
              sentBy<Iam>(Iam::deleteServiceSpecificCredential().userName(kUser).serviceSpecificCredentialId("ACCA12345ABCDEXAMPLE"))),
      iamCase("ListInstanceProfilesForRole", R"({"RoleName":"app-role",)" + paging + "}",
              sentBy<Iam>(Iam::listInstanceProfilesForRole().roleName(kRole).marker(kMarker).maxItems(10))),
      iamCase("RemoveRoleFromInstanceProfile", R"({"InstanceProfileName":"web","RoleName":"app-role"})",
              sentBy<Iam>(Iam::removeRoleFromInstanceProfile().instanceProfileName("web").roleName(kRole))),
      iamCase("DeleteRolePermissionsBoundary", R"({"RoleName":"app-role"})", sentBy<Iam>(Iam::deleteRolePermissionsBoundary().roleName(kRole))),
      iamCase("ListPolicies", R"({"Scope":"Local","OnlyAttached":true,"PathPrefix":"/app/","PolicyUsageFilter":"PermissionsPolicy",)" + paging + "}",
              sentBy<Iam>(Iam::listPolicies().scope("Local").onlyAttached().pathPrefix("/app/").policyUsageFilter("PermissionsPolicy")
                              .marker(kMarker).maxItems(10))),
      iamCase("GetPolicy", R"({"PolicyArn":")" + kPolicyArn + R"("})", sentBy<Iam>(Iam::getPolicy().policyArn(kPolicyArn))),
      iamCase("CreatePolicy", R"({"PolicyName":"read-bucket","Path":"/app/","PolicyDocument":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","Description":"reads","Tags":[{"Key":"team","Value":"data"}]})",
              sentBy<Iam>(Iam::createPolicy().policyName("read-bucket").path("/app/").policyDocument(kDocument).description("reads").tag("team", "data"))),
      iamCase("DeletePolicy", R"({"PolicyArn":")" + kPolicyArn + R"("})", sentBy<Iam>(Iam::deletePolicy().policyArn(kPolicyArn))),
      iamCase("DeleteRole", R"({"RoleName":"app-role"})", sentBy<Iam>(Iam::deleteRole().roleName(kRole))),
      iamCase("DetachRolePolicy", R"({"RoleName":"app-role","PolicyArn":")" + kPolicyArn + R"("})",
              sentBy<Iam>(Iam::detachRolePolicy().roleName(kRole).policyArn(kPolicyArn))),
      iamCase("ListAttachedRolePolicies", R"({"RoleName":"app-role","PathPrefix":"/",)" + paging + "}",
              sentBy<Iam>(Iam::listAttachedRolePolicies().roleName(kRole).pathPrefix("/").marker(kMarker).maxItems(10))),
      iamCase("CreateUser", R"({"UserName":"airflow","Path":"/app/","PermissionsBoundary":")" + kPolicyArn + R"(","Tags":[{"Key":"k","Value":"v"}]})",
              sentBy<Iam>(Iam::createUser().userName(kUser).path("/app/").permissionsBoundary(kPolicyArn).tag("k", "v"))),
      iamCase("GetUser", R"({"UserName":"airflow"})", sentBy<Iam>(Iam::getUser().userName(kUser))),
      iamCase("DeleteAccessKey", R"({"UserName":"airflow","AccessKeyId":"AKIAIOSFODNN7EXAMPLE"})",
              sentBy<Iam>(Iam::deleteAccessKey().userName(kUser).accessKeyId("AKIAIOSFODNN7EXAMPLE"))),
      iamCase("CreateAccessKey", R"({"UserName":"airflow"})", sentBy<Iam>(Iam::createAccessKey().userName(kUser))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every IAM result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  using Reader = std::map<std::string, std::string> (*)(const std::string&, const std::string&);
  struct Case {
    std::string operation;
    Reader read;
    std::string within = "";
  };
  const std::vector<Case> readers = {
      {"CreateRole", readBy<iam::CreateRoleRequest>, "Role"},
      {"GetRole", readBy<iam::GetRoleRequest>, "Role"},
      {"ListRoles", readBy<iam::ListRolesRequest>},
      {"ListAttachedRolePolicies", readBy<iam::ListAttachedRolePoliciesRequest>},
      {"GetRolePolicy", readBy<iam::GetRolePolicyRequest>},
      {"ListRolePolicies", readBy<iam::ListRolePoliciesRequest>},
      {"ListRoleTags", readBy<iam::ListRoleTagsRequest>},
      {"ListInstanceProfilesForRole", readBy<iam::ListInstanceProfilesForRoleRequest>},
      {"CreateUser", readBy<iam::CreateUserRequest>, "User"},
      {"GetUser", readBy<iam::GetUserRequest>, "User"},
      {"ListUsers", readBy<iam::ListUsersRequest>},
      {"ListAttachedUserPolicies", readBy<iam::ListAttachedUserPoliciesRequest>},
      {"GetUserPolicy", readBy<iam::GetUserPolicyRequest>},
      {"ListUserPolicies", readBy<iam::ListUserPoliciesRequest>},
      {"ListUserTags", readBy<iam::ListUserTagsRequest>},
      {"CreateAccessKey", readBy<iam::CreateAccessKeyRequest>, "AccessKey"},
      {"ListAccessKeys", readBy<iam::ListAccessKeysRequest>},
      {"GetLoginProfile", readBy<iam::GetLoginProfileRequest>, "LoginProfile"},
      {"ListGroupsForUser", readBy<iam::ListGroupsForUserRequest>},
      {"ListMFADevices", readBy<iam::ListMfaDevicesRequest>},
      {"ListSigningCertificates", readBy<iam::ListSigningCertificatesRequest>},
      {"ListSSHPublicKeys", readBy<iam::ListSshPublicKeysRequest>},
      {"ListServiceSpecificCredentials", readBy<iam::ListServiceSpecificCredentialsRequest>},
      {"ListPolicies", readBy<iam::ListPoliciesRequest>},
      {"GetPolicy", readBy<iam::GetPolicyRequest>, "Policy"},
      {"CreatePolicy", readBy<iam::CreatePolicyRequest>, "Policy"},
  };
  std::vector<std::vector<std::string>> operations;
  for (const Case& c : readers) operations.push_back({"iam", c.operation});
  const auto responses = awsdirect_test::botocoreResponses(operations);
  REQUIRE(responses.size() == readers.size());
  for (std::size_t i = 0; i < readers.size(); ++i) {
    CAPTURE(readers[i].operation);
    REQUIRE_MESSAGE(!responses[i].parsed.empty(), responses[i].document);
    const auto ours = readers[i].read(responses[i].document, readers[i].within);
    const auto found = awsdirect_test::differences(ours, responses[i].parsed);
    std::string all;
    for (const auto& d : found) all += d + "\n";
    CHECK_MESSAGE(found.empty(), all);
  }
}
