// STS against a local AWS (moto_server on a loopback port, checking every signature):
// GetCallerIdentity, AssumeRole and its typed refusal, the assume-role credentials provider
// (its temporary credentials sign requests moto verifies, and it refreshes), and profiles with
// role_arn resolved by the default credential chain.
#include <doctest/doctest.h>

#include <awsdirect/iam.hpp>
#include <awsdirect/sts.hpp>
#include <awsdirect/error.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;
using Clock = std::chrono::system_clock;

namespace {

std::unique_ptr<MotoServer> startMoto() {
  return MotoServer::start({/*checkSignatures=*/true, /*loadManagedPolicies=*/true});
}

// A role that `principalArn` may assume, allowed everything (AdministratorAccess).
std::string makeRole(Iam& iam, const std::string& name, const std::string& principalArn) {
  iam::Role role = iam.send(Iam::createRole().roleName(name).assumeRolePolicy(iam::TrustPolicy::principal(principalArn)))
                       .value();
  iam.send(Iam::attachRolePolicy().roleName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess")).value();
  return role.arn;
}

struct SharedFiles {
  std::string dir;
  SharedFiles(const std::string& config, const std::string& credentials) {
    char pattern[] = "/tmp/awsdirect-integration-sts-XXXXXX";
    dir = mkdtemp(pattern);
    std::ofstream(dir + "/config") << config;
    std::ofstream(dir + "/credentials") << credentials;
  }
  ~SharedFiles() {
    std::remove((dir + "/config").c_str());
    std::remove((dir + "/credentials").c_str());
    rmdir(dir.c_str());
  }
};

}  // namespace

TEST_CASE("GetCallerIdentity and AssumeRole against moto checking every signature") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Sts sts(moto->clientConfig());
  Iam iam(moto->clientConfig());

  sts::CallerIdentity admin = sts.callerIdentity().value();
  CHECK(admin.account == "123456789012");
  CHECK(admin.arn == "arn:aws:iam::123456789012:user/admin");
  CHECK(admin.userId == iam.send(Iam::getUser().userName("admin")).value().userId);

  const std::string roleArn = makeRole(iam, "seed-operator", admin.arn);
  sts::AssumeRoleResult assumed =
      sts.send(Sts::assumeRole().roleArn(roleArn).roleSessionName("integration").durationSeconds(900)).value();
  CHECK(assumed.credentials.accessKeyId.rfind("ASIA", 0) == 0);
  CHECK_FALSE(assumed.credentials.sessionToken.empty());
  REQUIRE(assumed.credentials.expiration);
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(*assumed.credentials.expiration - Clock::now());
  CHECK(lifetime.count() > 800);
  CHECK(lifetime.count() <= 900);
  CHECK(assumed.assumedRoleUser.arn == "arn:aws:sts::123456789012:assumed-role/seed-operator/integration");

  // The temporary credentials (with their session token) sign requests that moto verifies.
  Sts asRole(moto->clientConfig().withCredentials(assumed.credentials));
  CHECK(asRole.callerIdentity().value().arn == assumed.assumedRoleUser.arn);
  CHECK(Iam(moto->clientConfig().withCredentials(assumed.credentials)).send(Iam::getRole().roleName("seed-operator")).ok());

  // A role whose trust policy names someone else is refused, typed.
  iam.send(Iam::createUser().userName("someone-else")).value();
  const std::string otherRole = makeRole(iam, "not-for-admin", "arn:aws:iam::123456789012:user/someone-else");
  auto refused = sts.send(Sts::assumeRole().roleArn(otherRole).roleSessionName("integration"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::Service);
  CHECK(refused.error().code == "AccessDenied");
  CHECK(refused.error().httpStatus == 403);
  CHECK(refused.error().operation == "AssumeRole");

  // Bad input never reaches moto.
  auto invalid = sts.send(Sts::assumeRole().roleArn("seed-operator").roleSessionName("integration"));
  CHECK(invalid.error().kind == ErrorKind::Validation);
}

TEST_CASE("the assume-role provider signs with the role's credentials and refreshes them") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Iam iam(moto->clientConfig());
  const std::string roleArn = makeRole(iam, "seed-operator", "arn:aws:iam::123456789012:user/admin");

  // A clock the test moves, so an hour's session nears its end at once.
  auto offset = std::make_shared<std::atomic<long long>>(0);
  AssumeRoleCredentialsProvider::Options options;
  options.stsConfig = moto->clientConfig();
  options.refresh.now = [offset] { return Clock::now() + std::chrono::seconds(offset->load()); };
  auto provider = std::make_shared<AssumeRoleCredentialsProvider>(
      Sts::assumeRole().roleArn(roleArn).roleSessionName("refreshing").durationSeconds(3600),
      std::make_shared<StaticCredentialsProvider>(moto->credentials()), options);

  Sts asRole(moto->clientConfig().withCredentialsProvider(provider));
  CHECK(asRole.callerIdentity().value().arn == "arn:aws:sts::123456789012:assumed-role/seed-operator/refreshing");
  const std::string first = provider->credentials().accessKeyId;
  CHECK(provider->credentials().accessKeyId == first);  // cached

  *offset = 51 * 60;  // 9 minutes left: inside the mandatory window, so AssumeRole is called again
  const std::string second = provider->credentials().accessKeyId;
  CHECK(second != first);
  CHECK(asRole.callerIdentity().value().arn == "arn:aws:sts::123456789012:assumed-role/seed-operator/refreshing");
  REQUIRE(provider->assumedRoleUser());
  CHECK(provider->assumedRoleUser()->arn == "arn:aws:sts::123456789012:assumed-role/seed-operator/refreshing");

  // Source credentials that moto refuses make a typed error naming the role, never the secret.
  auto wrongSource = std::make_shared<AssumeRoleCredentialsProvider>(
      Sts::assumeRole().roleArn(roleArn), std::make_shared<StaticCredentialsProvider>(
                                              Credentials(moto->credentials().accessKeyId, "not-the-secret-key")),
      AssumeRoleCredentialsProvider::Options{moto->clientConfig(), {}, {}});
  try {
    wrongSource->credentials();
    FAIL("a refused AssumeRole must throw");
  } catch (const AwsError& e) {
    CHECK(e.httpStatus() == 403);
    CHECK(e.code() == "SignatureDoesNotMatch");
    CHECK(std::string(e.what()).find("cannot assume role " + roleArn) != std::string::npos);
    CHECK(std::string(e.what()).find("not-the-secret-key") == std::string::npos);
  }
}

TEST_CASE("profiles with role_arn: source_profile and credential_source = Environment") {
  auto moto = startMoto();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  Iam iam(moto->clientConfig());
  makeRole(iam, "seed-operator", "arn:aws:iam::123456789012:user/admin");
  makeRole(iam, "seed-auditor", "arn:aws:sts::123456789012:assumed-role/seed-operator/first-hop");

  SharedFiles files(
      "[profile assumed]\nrole_arn = arn:aws:iam::123456789012:role/seed-operator\nsource_profile = admin\n"
      "role_session_name = from-profile\n"
      "[profile from-env]\nrole_arn = arn:aws:iam::123456789012:role/seed-operator\ncredential_source = Environment\n"
      "role_session_name = from-env\n"
      "[profile first-hop]\nrole_arn = arn:aws:iam::123456789012:role/seed-operator\nsource_profile = admin\n"
      "role_session_name = first-hop\n"
      "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/seed-auditor\nsource_profile = first-hop\n"
      "role_session_name = second-hop\n",
      "[admin]\naws_access_key_id = " + moto->credentials().accessKeyId +
          "\naws_secret_access_key = " + moto->credentials().secretAccessKey.reveal() + "\n");
  auto environment = [&](std::map<std::string, std::string> extra) {
    std::map<std::string, std::string> env = {{"AWS_CONFIG_FILE", files.dir + "/config"},
                                              {"AWS_SHARED_CREDENTIALS_FILE", files.dir + "/credentials"},
                                              {"AWS_REGION", "us-east-1"},
                                              {"AWS_ENDPOINT_URL", moto->endpoint()}};
    for (auto& [k, v] : extra) env[k] = v;
    return Environment::fromMap(env);
  };
  // A client resolved as any program's would be: credentials from the default chain.
  auto whoami = [&](Environment env, const std::string& profileInCode = "") {
    ClientConfig config;
    config.environment = std::move(env);
    config.profile = profileInCode;
    return Sts(config).callerIdentity();
  };

  CHECK(whoami(environment({{"AWS_PROFILE", "assumed"}})).value().arn ==
        "arn:aws:sts::123456789012:assumed-role/seed-operator/from-profile");
  // credential_source = Environment: the role is assumed with the keys in the environment (the
  // profile chosen in code, as `aws --profile from-env` does, so the keys do not win outright).
  auto withKeys = environment({{"AWS_ACCESS_KEY_ID", moto->credentials().accessKeyId},
                               {"AWS_SECRET_ACCESS_KEY", moto->credentials().secretAccessKey.reveal()}});
  CHECK(whoami(withKeys, "from-env").value().arn == "arn:aws:sts::123456789012:assumed-role/seed-operator/from-env");
  CHECK(whoami(withKeys).value().arn == "arn:aws:iam::123456789012:user/admin");  // no profile: the keys themselves
  // A role assumed with the credentials of another assumed role.
  CHECK(whoami(environment({{"AWS_PROFILE", "chained"}})).value().arn ==
        "arn:aws:sts::123456789012:assumed-role/seed-auditor/second-hop");
}

namespace {

// The whoami example run as a user would: a clean environment aimed at `moto`, plus `extra`.
awsdirect_test::CommandResult runWhoami(const MotoServer& moto, const SharedFiles& files, const std::string& extra,
                                        const std::string& arguments = "") {
  return awsdirect_test::runCommand(
      "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=/usr/bin:/bin HOME=" + files.dir +
      " AWS_CONFIG_FILE=" + files.dir + "/config AWS_SHARED_CREDENTIALS_FILE=" + files.dir +
      "/credentials AWS_REGION=us-east-1 AWS_ENDPOINT_URL=" + moto.endpoint() + " " + extra + " " +
      AWSDIRECT_BINARY_DIR "/examples/whoami " + arguments);
}

}  // namespace

TEST_CASE("web identity: whoami assumes the role with the token file through moto's STS, unsigned") {
  // moto answers AssumeRoleWithWebIdentity only with signature checking off (it cannot check an
  // unsigned request); what is sent unsigned is checked by the unit tests.
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  SharedFiles files("", "");
  std::ofstream(files.dir + "/token") << "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl\n";
  const std::string irsa = "AWS_WEB_IDENTITY_TOKEN_FILE=" + files.dir +
                           "/token AWS_ROLE_ARN=arn:aws:iam::123456789012:role/airflow-irsa AWS_ROLE_SESSION_NAME=pod-1";
  auto result = runWhoami(*moto, files, irsa, "--explain");
  INFO(result.out << result.err);
  CHECK(result.status == 0);
  CHECK(result.out.find("arn:      arn:aws:sts::123456789012:assumed-role/airflow-irsa/pod-1") != std::string::npos);
  CHECK(result.out.find("web identity               ANSWERED") != std::string::npos);
  CHECK(result.out.find("eyJhbGci") == std::string::npos);  // the token is never printed
  std::remove((files.dir + "/token").c_str());
}

TEST_CASE("instance metadata: whoami gets credentials from moto's metadata endpoint, and fails fast without one") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  SharedFiles files("", "");
  auto fromImds =
      runWhoami(*moto, files, "AWS_EC2_METADATA_DISABLED=false AWS_EC2_METADATA_SERVICE_ENDPOINT=" + moto->endpoint(),
                "--explain");
  INFO(fromImds.out << fromImds.err);
  CHECK(fromImds.status == 0);
  CHECK(fromImds.out.find("instance metadata          ANSWERED") != std::string::npos);
  CHECK(fromImds.out.find("account:  123456789012") != std::string::npos);
  CHECK(fromImds.out.find("test-secret-key") == std::string::npos);

  // Nothing configured, and the metadata endpoint a closed loopback port: one error listing
  // every source, in about the metadata timeout.
  const auto start = std::chrono::steady_clock::now();
  auto nothing = runWhoami(*moto, files, "AWS_EC2_METADATA_DISABLED=false AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9",
                           "--explain");
  const auto took = std::chrono::steady_clock::now() - start;
  INFO(nothing.out << nothing.err);
  CHECK(nothing.status == 1);
  CHECK(took < std::chrono::seconds(3));
  CHECK(nothing.err.find("no AWS credentials found; tried environment: AWS_ACCESS_KEY_ID is not set;") !=
        std::string::npos);
  CHECK(nothing.err.find("instance metadata: no answer from http://127.0.0.1:9") != std::string::npos);
  CHECK(nothing.out.find("instance metadata          -") != std::string::npos);
}
