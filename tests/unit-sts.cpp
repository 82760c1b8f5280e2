// STS through the pipeline with a scripted transport (regional endpoint and its overrides,
// AssumeRole serialization and rules, typed results), and the assume-role credentials
// provider: deferred first fetch, botocore's advisory and mandatory refresh windows on a fake
// clock, one fetch for many threads, and profiles with role_arn resolved by the default chain.
#include <doctest/doctest.h>

#include <awsdirect/sts.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "support/botocore.hpp"
#include "support/scripted_transport.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::formParams;
using awsdirect_test::ScriptedTransport;
using Clock = std::chrono::system_clock;

namespace {

const Credentials kSource("AKIDSOURCEEXAMPLE", "source-secret-key/EXAMPLEKEY");

ClientConfig stsConfig(std::shared_ptr<ScriptedTransport> transport, std::map<std::string, std::string> env = {},
                       const std::string& region = "eu-west-1") {
  ClientConfig c;
  c.environment = Environment::fromMap(std::move(env));
  c.region = region;
  c.credentialsProvider = std::make_shared<StaticCredentialsProvider>(kSource);
  c.transport = std::move(transport);
  c.maxAttempts = 1;
  return c;
}

std::string callerIdentityResponse(const std::string& arn) {
  return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
         "<UserId>AIDAEXAMPLEUSERID</UserId><Account>123456789012</Account><Arn>" +
         arn + "</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
               "</GetCallerIdentityResponse>";
}

std::string assumeRoleResponse(const std::string& accessKey, Clock::time_point expiration,
                               const std::string& session = "s1") {
  return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
         "<AccessKeyId>" +
         accessKey + "</AccessKeyId><SecretAccessKey>temporary-secret-" + accessKey +
         "</SecretAccessKey><SessionToken>session-token-" + accessKey + "</SessionToken><Expiration>" +
         formatIso8601(expiration) +
         "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLEROLEID:" + session +
         "</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/myRedshiftRole/" + session +
         "</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>"
         "<ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></AssumeRoleResponse>";
}

std::string errorResponse(const std::string& code, const std::string& message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-7</RequestId></ErrorResponse>";
}

std::vector<std::string> brokenRules(const Error& e) {
  std::vector<std::string> out;
  for (const auto& p : e.problems) out.push_back(p.field + " " + p.rule);
  return out;
}

// A clock the test moves by hand.
struct FakeClock {
  std::shared_ptr<std::atomic<Clock::rep>> ticks =
      std::make_shared<std::atomic<Clock::rep>>(Clock::time_point(std::chrono::hours(24 * 365 * 57)).time_since_epoch().count());
  Clock::time_point now() const { return Clock::time_point(Clock::duration(ticks->load())); }
  void advance(Clock::duration d) { ticks->fetch_add(d.count()); }
  std::function<Clock::time_point()> function() const {
    auto t = ticks;
    return [t] { return Clock::time_point(Clock::duration(t->load())); };
  }
};

sts::AssumeRoleRequest seedRole() {
  return Sts::assumeRole().roleArn("arn:aws:iam::123456789012:role/myRedshiftRole");
}

}  // namespace

TEST_CASE("getCallerIdentity goes to the regional STS endpoint and reads the identity") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->respond(200, callerIdentityResponse("arn:aws:iam::123456789012:user/admin"));
  Sts sts(stsConfig(transport));
  sts::CallerIdentity me = sts.callerIdentity().value();
  CHECK(me.account == "123456789012");
  CHECK(me.arn == "arn:aws:iam::123456789012:user/admin");
  CHECK(me.userId == "AIDAEXAMPLEUSERID");
  REQUIRE(transport->requests.size() == 1);
  CHECK(transport->requests[0].url() == "https://sts.eu-west-1.amazonaws.com/");
  CHECK(transport->requests[0].headers.get("Authorization")->find("/eu-west-1/sts/aws4_request") != std::string::npos);
  auto p = formParams(transport->requests[0].body);
  CHECK(p["Action"] == "GetCallerIdentity");
  CHECK(p["Version"] == "2011-06-15");
}

TEST_CASE("STS honours the endpoint overrides of every service") {
  auto transport = std::make_shared<ScriptedTransport>();
  for (int i = 0; i < 3; ++i) transport->respond(200, callerIdentityResponse("arn:aws:iam::123456789012:user/admin"));
  Sts(stsConfig(transport, {{"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4566"}, {"AWS_ENDPOINT_URL", "http://127.0.0.1:9"}}))
      .callerIdentity()
      .value();
  Sts(stsConfig(transport, {{"AWS_ENDPOINT_URL", "http://127.0.0.1:5000"}})).callerIdentity().value();
  Sts(stsConfig(transport, {{"AWS_ENDPOINT_URL", "http://127.0.0.1:5000"}}).withEndpointUrl("http://localhost:7000"))
      .callerIdentity()
      .value();
  REQUIRE(transport->requests.size() == 3);
  CHECK(transport->requests[0].url() == "http://127.0.0.1:4566/");
  CHECK(transport->requests[1].url() == "http://127.0.0.1:5000/");
  CHECK(transport->requests[2].url() == "http://localhost:7000/");
}

TEST_CASE("assumeRole sends every parameter and returns typed temporary credentials") {
  auto transport = std::make_shared<ScriptedTransport>();
  const auto expiration = Clock::now() + std::chrono::hours(1);
  transport->respond(200, assumeRoleResponse("ASIATEMPORARYKEY1", expiration, "airflow"));
  Sts sts(stsConfig(transport));
  sts::AssumeRoleResult result = sts.send(seedRole()
                                              .roleSessionName("airflow")
                                              .durationSeconds(900)
                                              .externalId("seed-external-id")
                                              .tag("project", "seed")
                                              .tag("team", "data")
                                              .transitiveTagKey("project")
                                              .policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
                                              .policy(iam::PolicyDocument().allow({"s3:GetObject"}, {"*"}).json())
                                              .sourceIdentity("airflow-scheduler"))
                                     .value();
  CHECK(result.credentials.accessKeyId == "ASIATEMPORARYKEY1");
  CHECK(result.credentials.secretAccessKey.reveal() == "temporary-secret-ASIATEMPORARYKEY1");
  CHECK(result.credentials.sessionToken.reveal() == "session-token-ASIATEMPORARYKEY1");
  REQUIRE(result.credentials.expiration);
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(*result.credentials.expiration - expiration).count() == 0);
  CHECK(result.assumedRoleUser.arn == "arn:aws:sts::123456789012:assumed-role/myRedshiftRole/airflow");
  CHECK(result.assumedRoleUser.assumedRoleId == "AROAEXAMPLEROLEID:airflow");
  CHECK(result.packedPolicySize == 6);

  auto p = formParams(transport->requests.at(0).body);
  CHECK(p["Action"] == "AssumeRole");
  CHECK(p["RoleArn"] == "arn:aws:iam::123456789012:role/myRedshiftRole");
  CHECK(p["RoleSessionName"] == "airflow");
  CHECK(p["DurationSeconds"] == "900");
  CHECK(p["ExternalId"] == "seed-external-id");
  CHECK(p["Tags.member.1.Key"] == "project");
  CHECK(p["Tags.member.2.Value"] == "data");
  CHECK(p["TransitiveTagKeys.member.1"] == "project");
  CHECK(p["PolicyArns.member.1.arn"] == "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  CHECK(p["Policy"] == R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
  CHECK(p["SourceIdentity"] == "airflow-scheduler");
}

TEST_CASE("AssumeRole's rules are checked before anything is sent") {
  auto transport = std::make_shared<ScriptedTransport>();
  Sts sts(stsConfig(transport));
  auto outcome = sts.send(Sts::assumeRole()
                              .roleArn("arn:aws:iam::123456789012:user/admin")
                              .roleSessionName("x")
                              .durationSeconds(600)
                              .externalId("has space")
                              .tag("team", "data")
                              .transitiveTagKey("project")
                              .tokenCode("12ab56"));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().kind == ErrorKind::Validation);
  CHECK(brokenRules(outcome.error()) ==
        std::vector<std::string>{"RoleArn must be a role ARN such as arn:aws:iam::123456789012:role/NAME",
                                 "RoleSessionName must be 2 to 64 characters long",
                                 "DurationSeconds must be between 900 and 43200",
                                 "ExternalId may contain only letters, digits and + = , . @ : / _ -",
                                 "TokenCode must be 6 digits",
                                 "TransitiveTagKeys[0] must be the key of one of the session tags",
                                 "SerialNumber is required with TokenCode"});
  CHECK(brokenRules(sts.send(Sts::assumeRole()).error()) ==
        std::vector<std::string>{"RoleArn is required", "RoleSessionName is required"});
  CHECK(transport->requests.empty());
}

TEST_CASE("STS errors and incomplete credentials arrive typed") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->respond(403, errorResponse("AccessDenied", "User is not authorized to perform: sts:AssumeRole"));
  transport->respond(200,
                     "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA</AccessKeyId></Credentials>"
                     "</AssumeRoleResult></AssumeRoleResponse>");
  Sts sts(stsConfig(transport));
  auto denied = sts.send(seedRole().roleSessionName("s1"));
  CHECK(denied.error().kind == ErrorKind::Service);
  CHECK(denied.error().code == "AccessDenied");
  CHECK(denied.error().httpStatus == 403);
  CHECK(denied.error().requestId == "req-7");
  auto incomplete = sts.send(seedRole().roleSessionName("s1"));
  CHECK(incomplete.error().kind == ErrorKind::Parse);
  CHECK(incomplete.error().code == "IncompleteCredentials");
}

TEST_CASE("the assume-role provider fetches when first needed and refreshes in botocore's windows") {
  FakeClock clock;
  auto transport = std::make_shared<ScriptedTransport>();
  AssumeRoleCredentialsProvider::Options options;
  options.stsConfig = stsConfig(transport);
  options.refresh.now = clock.function();
  auto source = std::make_shared<StaticCredentialsProvider>(kSource);
  AssumeRoleCredentialsProvider provider(seedRole().durationSeconds(3600), source, options);
  CHECK(transport->requests.empty());  // nothing is fetched before it is needed
  CHECK_FALSE(provider.assumedRoleUser());

  const auto firstExpiry = clock.now() + std::chrono::hours(1);
  transport->respond(200, assumeRoleResponse("ASIAFIRST0000001", firstExpiry));
  Credentials first = provider.credentials();
  CHECK(first.accessKeyId == "ASIAFIRST0000001");
  CHECK(first.sessionToken.reveal() == "session-token-ASIAFIRST0000001");
  REQUIRE(transport->requests.size() == 1);
  // STS is called with the source credentials, and a session name from the clock as botocore's.
  CHECK(transport->requests[0].headers.get("Authorization")->find("Credential=AKIDSOURCEEXAMPLE/") != std::string::npos);
  auto p = formParams(transport->requests[0].body);
  const auto epochSeconds = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  CHECK(p["RoleSessionName"] == "awsdirect-session-" + std::to_string(epochSeconds));
  CHECK(p["DurationSeconds"] == "3600");
  REQUIRE(provider.assumedRoleUser());
  CHECK(provider.assumedRoleUser()->arn == "arn:aws:sts::123456789012:assumed-role/myRedshiftRole/s1");

  // Until 15 minutes before the expiration the cached credentials serve.
  clock.advance(std::chrono::minutes(44));
  CHECK(provider.credentials().accessKeyId == "ASIAFIRST0000001");
  CHECK(transport->requests.size() == 1);

  // Advisory window (14 minutes left): a refresh is tried; when it fails the current
  // credentials are still good and are used.
  clock.advance(std::chrono::minutes(2));
  transport->respond(503, errorResponse("ServiceUnavailable", "busy"));
  CHECK(provider.credentials().accessKeyId == "ASIAFIRST0000001");
  CHECK(transport->requests.size() == 2);

  // Mandatory window (9 minutes left): a failed refresh is an error...
  clock.advance(std::chrono::minutes(5));
  transport->respond(403, errorResponse("AccessDenied", "not allowed any more"));
  try {
    provider.credentials();
    FAIL("a failed mandatory refresh must throw");
  } catch (const AwsError& e) {
    CHECK(e.code() == "AccessDenied");
    CHECK(std::string(e.what()).find("cannot assume role arn:aws:iam::123456789012:role/myRedshiftRole") !=
          std::string::npos);
  }
  // ...and a successful one replaces the credentials.
  transport->respond(200, assumeRoleResponse("ASIASECOND000002", clock.now() + std::chrono::hours(1)));
  CHECK(provider.credentials().accessKeyId == "ASIASECOND000002");
  CHECK(transport->requests.size() == 4);
  CHECK(provider.credentials().accessKeyId == "ASIASECOND000002");
  CHECK(transport->requests.size() == 4);

  // Credentials that STS returns already expired are refused.
  clock.advance(std::chrono::hours(2));
  transport->respond(200, assumeRoleResponse("ASIASTALE0000003", clock.now() - std::chrono::minutes(1)));
  CHECK_THROWS_AS(provider.credentials(), CredentialsError);
}

TEST_CASE("many threads needing credentials at once cause one AssumeRole") {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->respond(200, assumeRoleResponse("ASIACONCURRENT01", Clock::now() + std::chrono::hours(1)));
  AssumeRoleCredentialsProvider::Options options;
  options.stsConfig = stsConfig(transport);
  auto provider = std::make_shared<AssumeRoleCredentialsProvider>(seedRole(), std::make_shared<StaticCredentialsProvider>(kSource),
                                                                  options);
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      if (provider->credentials().accessKeyId == "ASIACONCURRENT01") ++good;
    });
  for (auto& t : threads) t.join();
  CHECK(good == 8);
  CHECK(transport->requests.size() == 1);
}

TEST_CASE("a client with the assume-role provider signs with the role's temporary credentials") {
  auto stsTransport = std::make_shared<ScriptedTransport>();
  stsTransport->respond(200, assumeRoleResponse("ASIAROLEKEY00001", Clock::now() + std::chrono::hours(1), "seed"));
  AssumeRoleCredentialsProvider::Options options;
  options.stsConfig = stsConfig(stsTransport);
  options.mfaTokenCode = [] { return std::string("123456"); };
  auto provider = std::make_shared<AssumeRoleCredentialsProvider>(
      seedRole().roleSessionName("seed").serialNumber("arn:aws:iam::123456789012:mfa/admin"),
      std::make_shared<StaticCredentialsProvider>(kSource), options);

  auto serviceTransport = std::make_shared<ScriptedTransport>();
  serviceTransport->respond(200, callerIdentityResponse("arn:aws:sts::123456789012:assumed-role/myRedshiftRole/seed"));
  Sts asRole(stsConfig(serviceTransport).withCredentialsProvider(provider));
  CHECK(asRole.callerIdentity().value().arn == "arn:aws:sts::123456789012:assumed-role/myRedshiftRole/seed");

  auto p = formParams(stsTransport->requests.at(0).body);
  CHECK(p["SerialNumber"] == "arn:aws:iam::123456789012:mfa/admin");
  CHECK(p["TokenCode"] == "123456");
  const HttpRequest& signedWithRole = serviceTransport->requests.at(0);
  CHECK(signedWithRole.headers.get("Authorization")->find("Credential=ASIAROLEKEY00001/") != std::string::npos);
  REQUIRE(signedWithRole.headers.get("X-Amz-Security-Token"));
  CHECK(*signedWithRole.headers.get("X-Amz-Security-Token") == "session-token-ASIAROLEKEY00001");
}

namespace {

// A config file and a credentials file in a fresh directory, removed afterwards.
struct SharedFiles {
  std::string dir;
  SharedFiles(const std::string& config, const std::string& credentials) {
    char pattern[] = "/tmp/awsdirect-unit-sts-XXXXXX";
    dir = mkdtemp(pattern);
    std::ofstream(dir + "/config") << config;
    std::ofstream(dir + "/credentials") << credentials;
  }
  ~SharedFiles() {
    std::remove((dir + "/config").c_str());
    std::remove((dir + "/credentials").c_str());
    rmdir(dir.c_str());
  }
  std::map<std::string, std::string> environment(const std::string& profile) const {
    return {{"AWS_CONFIG_FILE", dir + "/config"},
            {"AWS_SHARED_CREDENTIALS_FILE", dir + "/credentials"},
            {"AWS_PROFILE", profile},
            {"AWS_MAX_ATTEMPTS", "1"},
            {"AWS_DEFAULT_REGION", "us-east-1"}};
  }
};

const char* kProfiles = R"([profile assumed]
role_arn = arn:aws:iam::123456789012:role/myRedshiftRole
source_profile = base
role_session_name = seed-session
region = eu-central-1

[profile chained]
role_arn = arn:aws:iam::123456789012:role/second
source_profile = assumed

[profile from-env]
role_arn = arn:aws:iam::123456789012:role/myRedshiftRole
credential_source = Environment

[profile both]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = base
credential_source = Environment

[profile neither]
role_arn = arn:aws:iam::123456789012:role/r

[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/b
source_profile = loop-a

[profile self]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = self
aws_access_key_id = AKIDSELFEXAMPLE
aws_secret_access_key = self-secret

[profile missing-source]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = nowhere

[profile imds]
role_arn = arn:aws:iam::123456789012:role/r
credential_source = Ec2InstanceMetadata

[profile bogus-source]
role_arn = arn:aws:iam::123456789012:role/r
credential_source = Keychain

[profile mfa]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/admin

[profile bad-duration]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = base
duration_seconds = an hour
)";

const char* kCredentialsFile = "[base]\naws_access_key_id = AKIDBASEEXAMPLE\naws_secret_access_key = base-secret-key\n";

// The error the default chain gives for `profile`, before or at its call to STS.
Error chainError(const SharedFiles& files, const std::string& profile, std::map<std::string, std::string> extra = {}) {
  auto env = files.environment(profile);
  for (auto& [k, v] : extra) env[k] = v;
  // STS is aimed at a closed loopback port: what reaches it must be a connection failure.
  env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:9";
  // Chosen in code, so keys in the environment do not come first (credential_source may use them).
  auto provider = defaultCredentialsProvider(Environment::fromMap(env), profile);
  try {
    provider->credentials();
  } catch (const Exception& e) {
    return e.error();
  }
  FAIL("expected the chain to fail for profile " << profile);
  return {};
}

}  // namespace

TEST_CASE("profiles with role_arn: the default chain assumes the role through STS") {
  SharedFiles files(kProfiles, kCredentialsFile);

  // A well-formed role profile reaches STS (here a closed port), saying which role it assumed for.
  Error reached = chainError(files, "assumed");
  CHECK(reached.kind == ErrorKind::Transport);
  CHECK(reached.operation == "AssumeRole");
  CHECK(reached.message.find("cannot assume role arn:aws:iam::123456789012:role/myRedshiftRole") != std::string::npos);
  CHECK(chainError(files, "chained").message.find("cannot assume role arn:aws:iam::123456789012:role/myRedshiftRole") !=
        std::string::npos);  // the inner role is assumed first
  CHECK(chainError(files, "self").kind == ErrorKind::Transport);
  CHECK(chainError(files, "from-env", {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}}).kind ==
        ErrorKind::Transport);

  // Misconfigured profiles fail before any call, naming the profile and the setting.
  Error both = chainError(files, "both");
  CHECK(both.kind == ErrorKind::Configuration);
  CHECK(both.message == "profile 'both' has both source_profile and credential_source; it may have only one");
  CHECK(chainError(files, "neither").code == "PartialCredentials");
  Error loop = chainError(files, "loop-a");
  CHECK(loop.kind == ErrorKind::Configuration);
  CHECK(loop.message == "source_profile loop: loop-a -> loop-b -> loop-a");
  CHECK(chainError(files, "missing-source").message.find("source_profile 'nowhere' of profile 'missing-source' does not exist") == 0);
  Error imds = chainError(files, "imds", {{"AWS_EC2_METADATA_DISABLED", "true"}});
  CHECK(imds.code == "NoCredentials");
  CHECK(imds.message.find("Ec2InstanceMetadata (credential_source), which gave none: disabled by "
                          "AWS_EC2_METADATA_DISABLED") != std::string::npos);
  CHECK(chainError(files, "bogus-source").message ==
        "credential_source 'Keychain' of profile 'bogus-source' is not valid: use Environment, Ec2InstanceMetadata or "
        "EcsContainer");
  CHECK(chainError(files, "mfa").code == "UnsupportedCredentialSource");
  CHECK(chainError(files, "bad-duration").message == "duration_seconds of profile 'bad-duration' is not a whole number of seconds");
  // credential_source = Environment without keys in the environment.
  CHECK(chainError(files, "from-env").code == "NoCredentials");

  // Keys in the environment come first, as in botocore: no role is assumed.
  auto env = files.environment("assumed");
  env["AWS_ACCESS_KEY_ID"] = "AKIDENVFIRST";
  env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  CHECK(defaultCredentialsProvider(Environment::fromMap(env))->credentials().accessKeyId == "AKIDENVFIRST");
}

TEST_CASE("GetSessionToken, GetAccessKeyInfo and DecodeAuthorizationMessage results are read as botocore reads them") {
  if (!awsdirect_test::botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  const auto responses = awsdirect_test::botocoreResponses(
      {{"sts", "GetAccessKeyInfo"}, {"sts", "DecodeAuthorizationMessage"}, {"sts", "GetSessionToken"}});
  REQUIRE(responses.size() == 3);
  auto result = [](const XmlDocument& document, const char* element) { return document.root().child(element); };
  const XmlDocument info(responses[0].document), decoded(responses[1].document), session(responses[2].document);
  std::map<std::string, std::string> ours;
  awsdirect_test::flatten("", sts::GetAccessKeyInfoRequest::parse(result(info, "GetAccessKeyInfoResult")), ours);
  CHECK(awsdirect_test::differences(ours, responses[0].parsed).empty());
  ours.clear();
  awsdirect_test::flatten("", sts::DecodeAuthorizationMessageRequest::parse(result(decoded, "DecodeAuthorizationMessageResult")), ours);
  CHECK(awsdirect_test::differences(ours, responses[1].parsed).empty());
  const Credentials credentials = sts::GetSessionTokenRequest::parse(result(session, "GetSessionTokenResult")).credentials;
  CHECK(credentials.accessKeyId == responses[2].parsed.at("Credentials/AccessKeyId"));
  CHECK(credentials.secretAccessKey.reveal() == responses[2].parsed.at("Credentials/SecretAccessKey"));
  CHECK(credentials.sessionToken.reveal() == responses[2].parsed.at("Credentials/SessionToken"));
  REQUIRE(credentials.expiration);
  CHECK(formatIso8601(*credentials.expiration) == responses[2].parsed.at("Credentials/Expiration"));
}
