// IAM through the whole pipeline with a scripted transport: the global endpoint per partition,
// serialization (trust and identity policy documents, tags, paging), URL-decoded policy
// documents in results, the client-side rules, typed errors, pagination and the waiters.
#include <doctest/doctest.h>

#include <awsdirect/iam.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>
#include <awsdirect/detail/json.hpp>

#include <sstream>
#include <type_traits>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect::detail::JsonValue;
using awsdirect_test::formParams;
using awsdirect_test::ScriptedTransport;

namespace {

const char* kTrustJson =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

// The role as IAM returns it: the trust policy URL-encoded.
std::string roleXml(const std::string& encodedDocument = uriEncode(kTrustJson)) {
  return "<Role><Path>/</Path><RoleName>myRedshiftRole</RoleName><RoleId>AROARZPUZDIKIFSEW2DMP</RoleId>"
         "<Arn>arn:aws:iam::123456789012:role/myRedshiftRole</Arn><CreateDate>2026-11-25T21:41:16.026042Z</CreateDate>"
         "<AssumeRolePolicyDocument>" +
         encodedDocument +
         "</AssumeRolePolicyDocument><Description>Redshift reads S3</Description>"
         "<MaxSessionDuration>3600</MaxSessionDuration><Tags><member><Key>project</Key><Value>seed</Value></member>"
         "</Tags><RoleLastUsed/></Role>";
}

std::string wrap(const std::string& operation, const std::string& inner) {
  return "<" + operation + "Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><" + operation + "Result>" +
         inner + "</" + operation + "Result><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></" +
         operation + "Response>";
}

std::string emptyResponse(const std::string& operation) {
  return "<" + operation + "Response><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></" + operation +
         "Response>";
}

std::string errorResponse(const std::string& code, const std::string& message) {
  return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>" + code +
         "</Code><Message>" + message + "</Message></Error><RequestId>req-42</RequestId></ErrorResponse>";
}

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  Iam iam;

  explicit Fixture(const std::string& region = "eu-west-1") : iam(awsdirect_test::scriptedConfig(transport, region)) {
    awsdirect_test::instantRetries(iam);
  }
};

using awsdirect_test::brokenRules;

template <class T, class = void>
struct Streamable : std::false_type {};
template <class T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<const T&>())>> : std::true_type {};

}  // namespace

TEST_CASE("createRole sends the seed's role to the global endpoint, signed for us-east-1") {
  Fixture f("eu-west-1");  // the client's region does not move a global service
  f.transport->respond(200, wrap("CreateRole", roleXml()));
  iam::Role role = f.iam.send(Iam::createRole()
                                  .roleName("myRedshiftRole")
                                  .path("/")
                                  .description("Redshift reads S3")
                                  .assumeRolePolicy(iam::TrustPolicy::service("redshift.amazonaws.com"))
                                  .maxSessionDuration(7200)
                                  .tag("project", "seed"))
                          .value();
  CHECK(role.arn == "arn:aws:iam::123456789012:role/myRedshiftRole");

  REQUIRE(f.transport->requests.size() == 1);
  const HttpRequest& sent = f.transport->requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.url() == "https://iam.amazonaws.com/");
  const std::string* auth = sent.headers.get("Authorization");
  REQUIRE(auth);
  CHECK(auth->find("/us-east-1/iam/aws4_request") != std::string::npos);

  auto p = formParams(sent.body);
  CHECK(p["Action"] == "CreateRole");
  CHECK(p["Version"] == "2010-05-08");
  CHECK(p["RoleName"] == "myRedshiftRole");
  CHECK(p["Path"] == "/");
  CHECK(p["Description"] == "Redshift reads S3");
  CHECK(p["AssumeRolePolicyDocument"] == kTrustJson);
  CHECK(p["MaxSessionDuration"] == "7200");
  CHECK(p["Tags.member.1.Key"] == "project");
  CHECK(p["Tags.member.1.Value"] == "seed");
  // The JSON travels percent-encoded in the form body, so what is signed is what is sent.
  CHECK(sent.body.find("AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22") != std::string::npos);
}

TEST_CASE("IAM resolves to its partition's global endpoint and signing region") {
  struct Case {
    const char* region;
    const char* url;
    const char* scope;
  };
  for (const Case& c : {Case{"us-east-1", "https://iam.amazonaws.com/", "/us-east-1/iam/aws4_request"},
                        Case{"ap-southeast-2", "https://iam.amazonaws.com/", "/us-east-1/iam/aws4_request"},
                        Case{"cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/", "/cn-north-1/iam/aws4_request"},
                        Case{"cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "/cn-north-1/iam/aws4_request"},
                        Case{"us-gov-west-1", "https://iam.us-gov.amazonaws.com/", "/us-gov-west-1/iam/aws4_request"},
                        Case{"us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "/us-gov-west-1/iam/aws4_request"}}) {
    CAPTURE(c.region);
    Fixture f(c.region);
    f.transport->respond(200, wrap("GetRole", roleXml()));
    f.iam.send(Iam::getRole().roleName("myRedshiftRole")).value();
    REQUIRE(f.transport->requests.size() == 1);
    CHECK(f.transport->requests[0].url() == c.url);
    CHECK(f.transport->requests[0].headers.get("Authorization")->find(c.scope) != std::string::npos);
  }
}

TEST_CASE("results hold the policy documents URL-decoded, and every field of the role") {
  Fixture f;
  // '+' is a literal plus in IAM's encoding (RFC 3986), and %2B decodes to one as well.
  const std::string document = R"({"Statement":[{"Condition":{"StringEquals":{"sts:ExternalId":"a+b c"}}}]})";
  std::string encoded = uriEncode(document);
  encoded.replace(encoded.find("%2B"), 3, "+");
  f.transport->respond(200, wrap("GetRole", roleXml(encoded)));
  iam::Role role = f.iam.send(Iam::getRole().roleName("myRedshiftRole")).value();
  CHECK(role.assumeRolePolicyDocument == document);
  CHECK(JsonValue::parse(role.assumeRolePolicyDocument).at("Statement").asArray().size() == 1);
  CHECK(role.roleName == "myRedshiftRole");
  CHECK(role.roleId == "AROARZPUZDIKIFSEW2DMP");
  CHECK(role.path == "/");
  CHECK(role.description == "Redshift reads S3");
  CHECK(role.maxSessionDuration == 3600);
  REQUIRE(role.createDate);
  CHECK(formatIso8601(*role.createDate) == "2026-11-25T21:41:16Z");
  REQUIRE(role.tags.size() == 1);
  CHECK(role.tags[0].key == "project");
  CHECK(role.tags[0].value == "seed");
  CHECK_FALSE(role.lastUsedDate);
}

TEST_CASE("the trust policy helper writes the JSON IAM expects") {
  CHECK(iam::TrustPolicy::service("redshift.amazonaws.com").json() == kTrustJson);
  CHECK(iam::TrustPolicy::account("123456789012").json() ==
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})");
  CHECK(iam::TrustPolicy::account("123456789012", "aws-cn").json().find("arn:aws-cn:iam::123456789012:root") !=
        std::string::npos);
  CHECK(iam::TrustPolicy::service("redshift.amazonaws.com")
            .allowService("redshift-serverless.amazonaws.com")
            .allowPrincipal("arn:aws:iam::123456789012:user/admin")
            .requireExternalId("seed-external-id")
            .json() ==
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["redshift.amazonaws.com","redshift-serverless.amazonaws.com"],"AWS":"arn:aws:iam::123456789012:user/admin"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"seed-external-id"}}}]})");

  Validator v;
  iam::TrustPolicy::service("Redshift Amazon").allowAccount("12345").allowPrincipal("user/admin").requireExternalId("x")
      .validate(v, "AssumeRolePolicyDocument");
  CHECK(brokenRules(v.error("iam", "CreateRole")) ==
        std::vector<std::string>{
            "AssumeRolePolicyDocument.Principal.Service must be a service principal such as redshift.amazonaws.com "
            "(lowercase, dotted)",
            "AssumeRolePolicyDocument.Principal.AWS must be a 12-digit account id",
            "AssumeRolePolicyDocument.Principal.AWS must be an IAM or STS principal ARN (arn:aws:iam::ACCOUNT:...)",
            "AssumeRolePolicyDocument.Condition.sts:ExternalId must be 2 to 1224 characters long"});
}

TEST_CASE("an identity policy document and PutUserPolicy") {
  Fixture f;
  f.transport->respond(200, emptyResponse("PutUserPolicy"));
  f.iam.send(Iam::putUserPolicy()
                 .userName("airflow_redshift_user")
                 .policyName("read-seed-bucket")
                 .policyDocument(iam::PolicyDocument()
                                     .allow({"s3:GetObject", "s3:ListBucket"}, {"arn:aws:s3:::seed", "arn:aws:s3:::seed/*"})
                                     .deny({"s3:DeleteObject"}, {"*"})))
      .value();
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "PutUserPolicy");
  CHECK(p["UserName"] == "airflow_redshift_user");
  CHECK(p["PolicyName"] == "read-seed-bucket");
  CHECK(p["PolicyDocument"] ==
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::seed","arn:aws:s3:::seed/*"]},{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]})");

  auto empty = f.iam.send(Iam::putUserPolicy().userName("u").policyName("p").policyDocument(iam::PolicyDocument()));
  REQUIRE_FALSE(empty.ok());
  CHECK(brokenRules(empty.error()) == std::vector<std::string>{"PolicyDocument must have at least one statement"});
  CHECK(f.transport->requests.size() == 1);
}

TEST_CASE("bad input is a ValidationError naming every broken rule, and nothing is sent") {
  Fixture f;
  auto outcome = f.iam.send(Iam::createRole()
                                .roleName("my redshift role!")
                                .path("service-role")
                                .description(std::string(1001, 'd'))
                                .assumeRolePolicyDocument("{\"Version\": \"2012-10-17\",")
                                .maxSessionDuration(60)
                                .tag("aws:reserved", "x")
                                .tag("team", "data{eng}"));
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.service == "iam");
  CHECK(e.operation == "CreateRole");
  auto broken = brokenRules(e);
  REQUIRE(broken.size() == 7);
  CHECK(broken[0] == "RoleName may contain only letters, digits and + = , . @ _ -");
  CHECK(broken[1] == "Path must begin and end with '/'");
  CHECK(broken[2] == "Description must be at most 1000 characters long");
  CHECK(broken[3].rfind("AssumeRolePolicyDocument must be well-formed JSON (", 0) == 0);
  CHECK(broken[4] == "MaxSessionDuration must be between 3600 and 43200");
  CHECK(broken[5] == "Tags[0].Key must not start with 'aws:' (reserved for AWS)");
  CHECK(broken[6] == "Tags[1].Value may contain only letters, digits, spaces and _ . : / = + - @");
  CHECK(f.transport->requests.empty());

  CHECK_THROWS_AS(f.iam.send(Iam::createRole().roleName("r")).value(), ValidationError);
  auto missing = f.iam.send(Iam::createRole());
  CHECK(brokenRules(missing.error()) ==
        std::vector<std::string>{"RoleName is required", "AssumeRolePolicyDocument is required"});
  CHECK(f.transport->requests.empty());
}

TEST_CASE("role and user name rules") {
  auto problems = [](const std::string& name, std::size_t max = 64) {
    Validator v;
    iam::rules::name(v, "RoleName", name, max);
    return v.problems().size();
  };
  CHECK(problems("myRedshiftRole") == 0);
  CHECK(problems("airflow_redshift_user") == 0);
  CHECK(problems("a+b=c,d.e@f_g-h") == 0);
  CHECK(problems(std::string(64, 'r')) == 0);
  CHECK(problems(std::string(65, 'r')) == 1);
  CHECK(problems(std::string(128, 'u'), 128) == 0);
  CHECK(problems("") == 1);
  CHECK(problems("has space") == 1);
  CHECK(problems("slash/name") == 1);
  CHECK(problems("colon:name") == 1);
  CHECK(problems("ümlaut") == 1);

  Fixture f;
  auto user = f.iam.send(Iam::createUser().userName(std::string(65, 'u')));
  CHECK(brokenRules(user.error()) == std::vector<std::string>{"UserName must be 1 to 64 characters long"});
  // A user that already exists may have a name of up to 128 characters (botocore's model).
  f.transport->respond(200, wrap("GetUser", "<User><UserName>x</UserName></User>"));
  CHECK(f.iam.send(Iam::getUser().userName(std::string(100, 'u'))).ok());
}

TEST_CASE("path rules") {
  auto problems = [](const std::string& path) {
    Validator v;
    iam::rules::path(v, "Path", path);
    return v.problems().size();
  };
  CHECK(problems("/") == 0);
  CHECK(problems("/service-role/") == 0);
  CHECK(problems("/division_abc/subdivision_xyz/") == 0);
  CHECK(problems("") == 1);
  CHECK(problems("service-role/") == 1);
  CHECK(problems("/service-role") == 1);
  CHECK(problems("/with space/") == 1);
  CHECK(problems("/" + std::string(511, 'p')) == 1);  // 512 characters, but no closing slash
  CHECK(problems("/" + std::string(510, 'p') + "/") == 0);
  CHECK(problems("/" + std::string(511, 'p') + "/") == 1);
}

TEST_CASE("managed policy ARN rules") {
  auto broken = [](const std::string& arn) {
    Validator v;
    iam::rules::managedPolicyArn(v, "PolicyArn", arn);
    std::vector<std::string> out;
    for (const auto& p : v.problems()) out.push_back(p.rule);
    return out;
  };
  CHECK(broken("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").empty());
  CHECK(broken("arn:aws:iam::aws:policy/AmazonRedshiftFullAccess").empty());
  CHECK(broken("arn:aws:iam::aws:policy/service-role/AmazonRedshiftServiceLinkedRolePolicy").empty());
  CHECK(broken("arn:aws:iam::123456789012:policy/team/read-seed-bucket").empty());
  CHECK(broken("arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess").empty());
  CHECK(broken("arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess").empty());
  CHECK(broken("ReadOnly") == std::vector<std::string>{"must be 20 to 2048 characters long"});
  CHECK(broken("AmazonS3ReadOnlyAccess") ==
        std::vector<std::string>{"must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"});
  CHECK(broken("policy/AmazonS3ReadOnlyAccess") ==
        std::vector<std::string>{"must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"});
  CHECK(broken("arn:aws:iam::aws:role/AmazonS3ReadOnlyAccess") ==
        std::vector<std::string>{"must name a policy (…:policy/NAME)"});
  CHECK(broken("arn:aws:s3:::policy/AmazonS3ReadOnlyAccess") ==
        std::vector<std::string>{"must be an IAM ARN (arn:PARTITION:iam::...)",
                                 "must name a 12-digit account or 'aws'"});
  CHECK(broken("arn:amazon:iam::12345:policy/Read") ==
        std::vector<std::string>{"must name a partition (aws, aws-cn, aws-us-gov, ...)",
                                 "must name a 12-digit account or 'aws'"});
  CHECK(broken("arn:aws:iam::aws:policy/Amazon S3 Read") ==
        std::vector<std::string>{"may contain only letters, digits and + = , . @ _ -"});
}

TEST_CASE("description, policy document and tag rules") {
  auto rules = [](auto check) {
    Validator v;
    check(v);
    std::vector<std::string> out;
    for (const auto& p : v.problems()) out.push_back(p.field + " " + p.rule);
    return out;
  };
  CHECK(rules([](Validator& v) { iam::rules::description(v, "Description", "Café, 100 % Latin-1\tok"); }).empty());
  CHECK(rules([](Validator& v) { iam::rules::description(v, "Description", std::string(1000, 'x')); }).empty());
  CHECK(rules([](Validator& v) { iam::rules::description(v, "Description", "snow ☃"); }) ==
        std::vector<std::string>{
            "Description may contain only tab, newline, printable ASCII and Latin-1 characters"});
  CHECK(rules([](Validator& v) { iam::rules::description(v, "Description", "bad \xff utf-8"); }) ==
        std::vector<std::string>{"Description must be valid UTF-8"});

  CHECK(rules([](Validator& v) { iam::rules::policyDocument(v, "PolicyDocument", kTrustJson); }).empty());
  CHECK(rules([](Validator& v) { iam::rules::policyDocument(v, "PolicyDocument", "[]"); }) ==
        std::vector<std::string>{"PolicyDocument must be a JSON object"});
  CHECK(rules([](Validator& v) { iam::rules::policyDocument(v, "PolicyDocument", R"({"Version":"2012-10-17"})"); }) ==
        std::vector<std::string>{"PolicyDocument must have a Statement"});
  CHECK(rules([](Validator& v) { iam::rules::policyDocument(v, "PolicyDocument", ""); }) ==
        std::vector<std::string>{"PolicyDocument must be 1 to 131072 characters long"});
  // The message says where the JSON broke, never what it holds.
  auto broken = rules([](Validator& v) { iam::rules::policyDocument(v, "PolicyDocument", R"({"Secret": tops3cret})"); });
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].find("tops3cret") == std::string::npos);

  std::vector<Tag> tags;
  for (int i = 0; i < 51; ++i) tags.push_back({"k" + std::to_string(i), "v"});
  CHECK(rules([&](Validator& v) { iam::rules::tags(v, "Tags", tags); }) ==
        std::vector<std::string>{"Tags must have at most 50 tags"});
  CHECK(rules([](Validator& v) {
          iam::rules::tags(v, "Tags", std::vector<Tag>{{"env", "prod"}, {"Team Name", "Data/ETL: a+b=c@d_e.f-g"},
                                                       {"Kostenstelle", "Über"}});
        }).empty());
  CHECK(rules([](Validator& v) { iam::rules::tags(v, "Tags", std::vector<Tag>{{"env", "a"}, {"env", "b"}}); }) ==
        std::vector<std::string>{"Tags[1].Key must not repeat the key of tag 0"});
}

TEST_CASE("attach, detach and list a role's managed policies, following Marker") {
  Fixture f;
  f.transport->respond(200, emptyResponse("AttachRolePolicy"));
  f.iam.send(Iam::attachRolePolicy().roleName("myRedshiftRole").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
      .value();
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "AttachRolePolicy");
  CHECK(p["RoleName"] == "myRedshiftRole");
  CHECK(p["PolicyArn"] == "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

  f.transport->respond(200, wrap("ListAttachedRolePolicies",
                                 "<AttachedPolicies><member><PolicyName>AmazonS3ReadOnlyAccess</PolicyName>"
                                 "<PolicyArn>arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess</PolicyArn></member>"
                                 "</AttachedPolicies><IsTruncated>true</IsTruncated><Marker>page-2</Marker>"));
  f.transport->respond(200, wrap("ListAttachedRolePolicies",
                                 "<AttachedPolicies><member><PolicyName>AmazonRedshiftAllCommandsFullAccess</PolicyName>"
                                 "<PolicyArn>arn:aws:iam::aws:policy/AmazonRedshiftAllCommandsFullAccess</PolicyArn>"
                                 "</member></AttachedPolicies><IsTruncated>false</IsTruncated><Marker>stale</Marker>"));
  // Iterating value() of the temporary outcome is safe: it returns the list by value.
  std::vector<iam::AttachedPolicy> policies;
  for (auto& policy :
       f.iam.listAllAttachedRolePolicies(Iam::listAttachedRolePolicies().roleName("myRedshiftRole").maxItems(1)).value())
    policies.push_back(policy);
  REQUIRE(policies.size() == 2);
  CHECK(policies[0].policyName == "AmazonS3ReadOnlyAccess");
  CHECK(policies[1].policyArn == "arn:aws:iam::aws:policy/AmazonRedshiftAllCommandsFullAccess");
  REQUIRE(f.transport->requests.size() == 3);  // IsTruncated=false ends the listing, whatever Marker says
  auto first = formParams(f.transport->requests[1].body);
  CHECK(first["Action"] == "ListAttachedRolePolicies");
  CHECK(first["MaxItems"] == "1");
  CHECK(first.count("Marker") == 0);
  CHECK(formParams(f.transport->requests[2].body)["Marker"] == "page-2");

  f.transport->respond(200, emptyResponse("DetachRolePolicy"));
  f.iam.send(Iam::detachRolePolicy().roleName("myRedshiftRole").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
      .value();
  CHECK(formParams(f.transport->requests.at(3).body)["Action"] == "DetachRolePolicy");

  auto bad = f.iam.send(Iam::attachRolePolicy().roleName("myRedshiftRole").policyArn("AmazonS3ReadOnlyAccess"));
  CHECK(brokenRules(bad.error()) ==
        std::vector<std::string>{
            "PolicyArn must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"});
  auto noRole = f.iam.listAllAttachedRolePolicies(Iam::listAttachedRolePolicies().maxItems(0));
  CHECK(brokenRules(noRole.error()) ==
        std::vector<std::string>{"RoleName is required", "MaxItems must be between 1 and 1000"});
  CHECK(f.transport->requests.size() == 4);
}

TEST_CASE("users: create, attach and list policies, delete") {
  Fixture f;
  f.transport->respond(200, wrap("CreateUser",
                                 "<User><Path>/</Path><UserName>airflow_redshift_user</UserName>"
                                 "<UserId>AIDAEXAMPLE123456789</UserId>"
                                 "<Arn>arn:aws:iam::123456789012:user/airflow_redshift_user</Arn>"
                                 "<CreateDate>2026-11-25T21:41:21.400127Z</CreateDate></User>"));
  iam::User user = f.iam.send(Iam::createUser().userName("airflow_redshift_user").tag("app", "airflow")).value();
  CHECK(user.arn == "arn:aws:iam::123456789012:user/airflow_redshift_user");
  CHECK(user.userId == "AIDAEXAMPLE123456789");
  REQUIRE(user.createDate);
  auto p = formParams(f.transport->requests.at(0).body);
  CHECK(p["Action"] == "CreateUser");
  CHECK(p["UserName"] == "airflow_redshift_user");
  CHECK(p["Tags.member.1.Key"] == "app");
  CHECK(p.count("Path") == 0);

  f.transport->respond(200, emptyResponse("AttachUserPolicy"));
  f.iam.send(Iam::attachUserPolicy()
                 .userName("airflow_redshift_user")
                 .policyArn("arn:aws:iam::aws:policy/AmazonRedshiftFullAccess"))
      .value();
  p = formParams(f.transport->requests.at(1).body);
  CHECK(p["Action"] == "AttachUserPolicy");
  CHECK(p["UserName"] == "airflow_redshift_user");
  CHECK(p.count("RoleName") == 0);

  f.transport->respond(200, wrap("ListAttachedUserPolicies",
                                 "<AttachedPolicies><member><PolicyName>AmazonRedshiftFullAccess</PolicyName>"
                                 "<PolicyArn>arn:aws:iam::aws:policy/AmazonRedshiftFullAccess</PolicyArn></member>"
                                 "</AttachedPolicies><IsTruncated>false</IsTruncated>"));
  auto policies = f.iam.listAllAttachedUserPolicies("airflow_redshift_user").value();
  REQUIRE(policies.size() == 1);
  CHECK(formParams(f.transport->requests.at(2).body)["Action"] == "ListAttachedUserPolicies");

  f.transport->respond(200, emptyResponse("DetachUserPolicy"));
  f.transport->respond(200, emptyResponse("DeleteUser"));
  f.iam.send(Iam::detachUserPolicy().userName("airflow_redshift_user").policyArn(policies[0].policyArn)).value();
  f.iam.send(Iam::deleteUser().userName("airflow_redshift_user")).value();
  CHECK(formParams(f.transport->requests.at(4).body)["Action"] == "DeleteUser");
}

TEST_CASE("an access key's secret is a Secret: read only through reveal(), never printed") {
  static_assert(std::is_same_v<decltype(iam::AccessKey::secretAccessKey), Secret>);
  static_assert(!Streamable<Secret>::value, "a Secret must not print itself");
  static_assert(!std::is_convertible_v<Secret, std::string>);

  Fixture f;
  f.transport->respond(200, wrap("CreateAccessKey",
                                 "<AccessKey><UserName>airflow_redshift_user</UserName>"
                                 "<AccessKeyId>AKIAI44QH8DHBEXAMPLE</AccessKeyId><Status>Active</Status>"
                                 "<SecretAccessKey>CS88smloxjkgXdSVwEbzGCMP+YgTZTrw0VLXsaK+</SecretAccessKey>"
                                 "<CreateDate>2026-11-25T21:41:21.411268Z</CreateDate></AccessKey>"));
  iam::AccessKey key = f.iam.send(Iam::createAccessKey().userName("airflow_redshift_user")).value();
  CHECK(key.accessKeyId == "AKIAI44QH8DHBEXAMPLE");
  CHECK(key.status == "Active");
  CHECK(key.userName == "airflow_redshift_user");
  CHECK(key.secretAccessKey.reveal() == "CS88smloxjkgXdSVwEbzGCMP+YgTZTrw0VLXsaK+");
  CHECK(formParams(f.transport->requests.at(0).body)["UserName"] == "airflow_redshift_user");

  f.transport->respond(200, wrap("ListAccessKeys",
                                 "<AccessKeyMetadata><member><UserName>airflow_redshift_user</UserName>"
                                 "<AccessKeyId>AKIAI44QH8DHBEXAMPLE</AccessKeyId><Status>Active</Status>"
                                 "<CreateDate>2026-11-25T21:41:21.411268Z</CreateDate></member></AccessKeyMetadata>"
                                 "<IsTruncated>true</IsTruncated><Marker>m2</Marker>"));
  f.transport->respond(200, wrap("ListAccessKeys",
                                 "<AccessKeyMetadata><member><UserName>airflow_redshift_user</UserName>"
                                 "<AccessKeyId>AKIARZPUZDIKSECOND1</AccessKeyId><Status>Inactive</Status>"
                                 "</member></AccessKeyMetadata><IsTruncated>false</IsTruncated>"));
  auto keys = f.iam.listAllAccessKeys("airflow_redshift_user").value();
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].accessKeyId == "AKIAI44QH8DHBEXAMPLE");
  CHECK(keys[1].status == "Inactive");
  CHECK(formParams(f.transport->requests.at(2).body)["Marker"] == "m2");

  f.transport->respond(200, emptyResponse("DeleteAccessKey"));
  f.iam.send(Iam::deleteAccessKey().userName("airflow_redshift_user").accessKeyId(keys[0].accessKeyId)).value();
  auto p = formParams(f.transport->requests.at(3).body);
  CHECK(p["Action"] == "DeleteAccessKey");
  CHECK(p["AccessKeyId"] == "AKIAI44QH8DHBEXAMPLE");

  auto bad = f.iam.send(Iam::deleteAccessKey().userName("airflow_redshift_user").accessKeyId("AKIA-short"));
  CHECK(brokenRules(bad.error()) == std::vector<std::string>{"AccessKeyId must be 16 to 128 characters long"});
  auto none = f.iam.send(Iam::deleteAccessKey());
  CHECK(brokenRules(none.error()) == std::vector<std::string>{"AccessKeyId is required"});
  CHECK(f.transport->requests.size() == 4);
}

TEST_CASE("IAM's errors arrive typed, with code, message, status and request id") {
  Fixture f;
  f.transport->respond(409, errorResponse("EntityAlreadyExists", "Role with name myRedshiftRole already exists."));
  auto duplicate = f.iam.send(
      Iam::createRole().roleName("myRedshiftRole").assumeRolePolicy(iam::TrustPolicy::service("redshift.amazonaws.com")));
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().kind == ErrorKind::Service);
  CHECK(duplicate.error().code == "EntityAlreadyExists");
  CHECK(duplicate.error().httpStatus == 409);
  CHECK(duplicate.error().requestId == "req-42");
  CHECK(duplicate.error().service == "iam");
  CHECK(duplicate.error().operation == "CreateRole");
  CHECK(duplicate.error().message == "Role with name myRedshiftRole already exists.");
  CHECK_THROWS_AS(duplicate.value(), AwsError);

  f.transport->respond(404, errorResponse("NoSuchEntity", "Role nope not found"));
  auto missing = f.iam.send(Iam::deleteRole().roleName("nope"));
  CHECK(missing.error().code == "NoSuchEntity");
  CHECK(missing.error().httpStatus == 404);
  CHECK(f.transport->requests.size() == 2);  // neither is retried

  f.transport->respond(409, errorResponse("DeleteConflict", "Cannot delete entity, must detach all policies first."));
  CHECK(f.iam.send(Iam::deleteRole().roleName("myRedshiftRole")).error().code == "DeleteConflict");

  // ServiceFailure (500) is transient: retried, then it succeeds.
  f.transport->respond(500, errorResponse("ServiceFailure", "try again"));
  f.transport->respond(200, wrap("GetRole", roleXml()));
  CHECK(f.iam.send(Iam::getRole().roleName("myRedshiftRole")).ok());
  CHECK(f.transport->requests.size() == 5);
}

TEST_CASE("waitUntilRoleExists and waitUntilUserExists poll through NoSuchEntity") {
  Fixture f;
  std::vector<std::chrono::milliseconds> sleeps;
  WaitOptions options;  // botocore's pace: every second, 20 polls
  CHECK(Iam::kRoleExists.delay == std::chrono::seconds(1));
  CHECK(Iam::kUserExists.maxAttempts == 20);
  options.sleep = [&](std::chrono::milliseconds d) { sleeps.push_back(d); };
  auto start = std::chrono::steady_clock::now();
  options.now = [&] { return start + std::chrono::seconds(sleeps.size()); };

  f.transport->respond(404, errorResponse("NoSuchEntity", "Role myRedshiftRole not found"));
  f.transport->respond(404, errorResponse("NoSuchEntity", "Role myRedshiftRole not found"));
  f.transport->respond(200, wrap("GetRole", roleXml()));
  iam::Role role = f.iam.waitUntilRoleExists("myRedshiftRole", options).value();
  CHECK(role.roleName == "myRedshiftRole");
  CHECK(sleeps == std::vector<std::chrono::milliseconds>(2, std::chrono::seconds(1)));

  // Never appears: a WaiterError after botocore's 20 polls.
  sleeps.clear();
  for (int i = 0; i < 25; ++i) f.transport->respond(404, errorResponse("NoSuchEntity", "User ghost not found"));
  auto timedOut = f.iam.waitUntilUserExists("ghost", options);
  REQUIRE_FALSE(timedOut.ok());
  CHECK(timedOut.error().kind == ErrorKind::Waiter);
  CHECK(timedOut.error().code == "WaiterTimeout");
  CHECK(f.transport->requests.size() == 3 + 20);
  CHECK(sleeps.size() == 19);

  // Any other error ends the wait with that error.
  Fixture g;
  g.transport->respond(403, errorResponse("AccessDenied", "no"));
  auto denied = g.iam.waitUntilUserExists("airflow_redshift_user", options);
  CHECK(denied.error().code == "AccessDenied");
}

TEST_CASE("deleteUserCompletely looks for SSH keys, certificates and service credentials only when DeleteUser "
          "says something is left") {
  Fixture f;
  auto page = [](const char* operation, const char* list, const std::string& items = "") {
    return wrap(operation, std::string("<") + list + ">" + items + "</" + list + "><IsTruncated>false</IsTruncated>");
  };
  f.transport->respond(200, wrap("GetUser", "<User><UserName>u</UserName></User>"))
      .respond(200, page("ListAccessKeys", "AccessKeyMetadata"))
      .respond(404, errorResponse("NoSuchEntity", "no login profile"))
      .respond(200, page("ListMFADevices", "MFADevices"))
      .respond(200, page("ListGroupsForUser", "Groups"))
      .respond(200, page("ListUserPolicies", "PolicyNames"))
      .respond(200, page("ListAttachedUserPolicies", "AttachedPolicies"))
      .respond(409, errorResponse("DeleteConflict", "Cannot delete entity, must remove SSH keys first."))
      .respond(200, page("ListSigningCertificates", "Certificates"))
      .respond(200, page("ListSSHPublicKeys", "SSHPublicKeys",
                         "<member><UserName>u</UserName><SSHPublicKeyId>APKAEIBAERJR2EXAMPLE</SSHPublicKeyId>"
                         "<Status>Active</Status><UploadDate>2026-01-02T03:04:05Z</UploadDate></member>"))
      .respond(200, emptyResponse("DeleteSSHPublicKey"))
      .respond(200, page("ListServiceSpecificCredentials", "ServiceSpecificCredentials"))
      .respond(200, emptyResponse("DeleteUser"));
  std::vector<std::string> steps;
  REQUIRE(f.iam.deleteUserCompletely("u", [&](const std::string& op, const std::string& item) { steps.push_back(op + " " + item); }));
  CHECK(steps == std::vector<std::string>{"DeleteSSHPublicKey APKAEIBAERJR2EXAMPLE", "DeleteUser u"});
  REQUIRE(f.transport->requests.size() == 13);
  CHECK(awsdirect_test::formParams(f.transport->requests[10].body).at("SSHPublicKeyId") == "APKAEIBAERJR2EXAMPLE");
  CHECK(awsdirect_test::formParams(f.transport->requests[12].body).at("Action") == "DeleteUser");
}
