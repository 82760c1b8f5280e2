// CloudFormation against botocore: each request with every member set is sent as botocore's
// serializer sends the same parameters (stack parameters as Parameters.member.N), and each result
// is read as botocore's parser reads a document made from CloudFormation's model.
#include <doctest/doctest.h>

#include <awsdirect/cloudformation.hpp>

#include <string>
#include <vector>

#include "support/botocore.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::SerializerCase;
using awsdirect_test::sentBy;

namespace {

SerializerCase stackCase(const std::string& operation, const std::string& params, HttpRequest sent) {
  return {"CloudFormation " + operation, "cloudformation", operation, params, std::move(sent)};
}

const std::string kBody = R"({"Resources":{"Bucket":{"Type":"AWS::S3::Bucket"}}})";

}  // namespace

TEST_CASE("every CloudFormation request is serialized as botocore serializes it") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const std::string body = detail::JsonValue(kBody).dump();  // the template as a JSON string
  const std::vector<SerializerCase> cases = {
      stackCase("ValidateTemplate", R"({"TemplateBody":)" + body + "}",
                sentBy<CloudFormation>(CloudFormation::validateTemplate().templateBody(kBody))),
      stackCase("CreateStack",
                R"({"StackName":"dev1","TemplateBody":)" + body + R"(,"Parameters":[{"ParameterKey":"Password","ParameterValue":"Example-Passw0rd"}],
                    "TimeoutInMinutes":60,"Capabilities":["CAPABILITY_NAMED_IAM"],"OnFailure":"DELETE",
                    "Tags":[{"Key":"env","Value":"dev1"}],"ClientRequestToken":"t-1"})",
                sentBy<CloudFormation>(CloudFormation::createStack().stackName("dev1").templateBody(kBody)
                                           .parameter("Password", Secret("Example-Passw0rd")).timeoutInMinutes(60)
                                           .capability("CAPABILITY_NAMED_IAM").onFailure("DELETE").tag("env", "dev1")
                                           .clientRequestToken("t-1"))),
      stackCase("UpdateStack",
                R"({"StackName":"dev1","TemplateURL":"https://example.com/t.json","Parameters":[{"ParameterKey":"Password","UsePreviousValue":true}],
                    "Capabilities":["CAPABILITY_IAM","CAPABILITY_NAMED_IAM"],"Tags":[{"Key":"env","Value":"dev1"}]})",
                sentBy<CloudFormation>([] {
                  auto update = CloudFormation::updateStack().stackName("dev1").templateUrl("https://example.com/t.json");
                  update.parameters({{"Password", Secret(), true}});
                  return update.capability("CAPABILITY_IAM").capability("CAPABILITY_NAMED_IAM").tag("env", "dev1");
                }())),
      stackCase("DescribeStacks", R"({"StackName":"dev1","NextToken":"n-2"})",
                sentBy<CloudFormation>(CloudFormation::describeStacks().stackName("dev1").nextToken("n-2"))),
      stackCase("DescribeStackEvents", R"({"StackName":"arn:aws:cloudformation:us-east-1:123456789012:stack/dev1/1"})",
                sentBy<CloudFormation>(CloudFormation::describeStackEvents().stackName(
                    "arn:aws:cloudformation:us-east-1:123456789012:stack/dev1/1"))),
      stackCase("DeleteStack", R"({"StackName":"dev1","RetainResources":["Bucket"],"ClientRequestToken":"t-2"})",
                sentBy<CloudFormation>(CloudFormation::deleteStack().stackName("dev1").retainResources({"Bucket"})
                                           .clientRequestToken("t-2"))),
  };
  awsdirect_test::checkSerializedAsBotocore(cases);
}

TEST_CASE("every CloudFormation result is read as botocore's parser reads it, member by member") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto r = awsdirect_test::botocoreResponses({{"cloudformation", "ValidateTemplate"},
                                                    {"cloudformation", "CreateStack"},
                                                    {"cloudformation", "UpdateStack"},
                                                    {"cloudformation", "DescribeStacks"},
                                                    {"cloudformation", "DescribeStackEvents"}});
  REQUIRE(r.size() == 5);
  using awsdirect_test::checkReadAsBotocore;
  checkReadAsBotocore<cloudformation::ValidateTemplateRequest>(r[0]);
  checkReadAsBotocore<cloudformation::CreateStackRequest>(r[1]);
  checkReadAsBotocore<cloudformation::UpdateStackRequest>(r[2]);
  checkReadAsBotocore<cloudformation::DescribeStacksRequest>(r[3]);
  checkReadAsBotocore<cloudformation::DescribeStackEventsRequest>(r[4]);
}

TEST_CASE("stack names and members are checked before any call; a parameter's value is never in an error") {
  auto problems = [](const auto& request) {
    Validator v;
    request.validate(v);
    std::vector<std::string> found;
    for (const auto& p : v.problems()) found.push_back(p.field + " " + p.rule);
    return found;
  };
  CHECK(problems(CloudFormation::createStack().stackName("dev1").templateBody(kBody)).empty());
  CHECK(problems(CloudFormation::createStack().stackName("1dev").templateBody(kBody)) ==
        std::vector<std::string>{"StackName must be letters, digits and hyphens, starting with a letter"});
  CHECK(problems(CloudFormation::createStack().stackName(std::string(129, 'a'))) ==
        std::vector<std::string>{"StackName must be 1 to 128 characters long"});
  CHECK(problems(CloudFormation::createStack().templateBody(kBody)) == std::vector<std::string>{"StackName is required"});
  CHECK(problems(CloudFormation::createStack().stackName("dev1").onFailure("REMOVE")).size() == 1);
  CHECK(problems(CloudFormation::validateTemplate().templateBody("")).size() == 1);
  // Describe and delete take an ID too (an ARN has ':' and '/').
  CHECK(problems(CloudFormation::deleteStack().stackName("arn:aws:cloudformation:us-east-1:123456789012:stack/dev1/1")).empty());
}
