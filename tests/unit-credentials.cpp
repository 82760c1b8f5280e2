#include "awsdirect/credentials.hpp"
#include "awsdirect/credentials/chain.hpp"
#include "awsdirect/credentials/process.hpp"
#include "awsdirect/credentials_file.hpp"
#include "awsdirect/detail/ini.hpp"
#include "awsdirect/time.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace awsdirect;
using std::chrono::minutes;
using std::chrono::seconds;
using Clock = std::chrono::system_clock;

namespace {

// A directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/awsdirect-credentials-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path = pattern;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string write(const std::string& name, const std::string& contents, mode_t mode = 0600) const {
    std::string file = path + "/" + name;
    std::ofstream(file, std::ios::binary) << contents;
    ::chmod(file.c_str(), mode);
    return file;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path + "/" + name);
    std::stringstream contents;
    contents << in.rdbuf();
    return contents.str();
  }
};

// The message of the exception of type E that `action` throws; fails the test when it throws none.
template <class E, class F>
std::string messageOf(F&& action) {
  try {
    action();
  } catch (const E& e) {
    return e.error().message;
  }
  FAIL("expected an exception");
  return "";
}

template <class F>
std::string credentialsFailure(F&& action) {
  return messageOf<CredentialsError>(std::forward<F>(action));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A credential_process script that counts its runs in `runs` and prints `json`.
std::string processScript(const TempDir& dir, const std::string& name, const std::string& json) {
  return dir.write(
      name, "#!/bin/sh\necho run >> '" + dir.path + "/" + name + ".runs'\ncat <<'EOF'\n" + json + "\nEOF\n", 0700);
}
int runsOf(const TempDir& dir, const std::string& name) {
  std::string runs = dir.read(name + ".runs");
  int count = 0;
  for (std::size_t at = runs.find("run"); at != std::string::npos; at = runs.find("run", at + 1)) ++count;
  return count;
}

std::string processJson(const std::string& accessKey, const std::string& expiration = {}) {
  std::string json = R"({"Version": 1, "AccessKeyId": ")" + accessKey +
                     R"(", "SecretAccessKey": "process-secret", "SessionToken": "process-token")";
  if (!expiration.empty()) json += R"(, "Expiration": ")" + expiration + "\"";
  return json + "}";
}

}  // namespace

TEST_CASE("Environment reads a map in tests and the process environment otherwise") {
  auto environment = Environment::fromMap({{"A", "1"}, {"EMPTY", ""}});
  CHECK(environment.get("A") == "1");
  CHECK(environment.get("EMPTY") == "");
  CHECK_FALSE(environment.getNonEmpty("EMPTY"));
  CHECK_FALSE(environment.get("MISSING"));
  CHECK_FALSE(Environment{}.get("A"));

  ::setenv("AWSDIRECT_TEST_VARIABLE", "from-process", 1);
  CHECK(Environment::process().get("AWSDIRECT_TEST_VARIABLE") == "from-process");
  ::unsetenv("AWSDIRECT_TEST_VARIABLE");
  CHECK_FALSE(Environment::process().get("AWSDIRECT_TEST_VARIABLE"));
}

TEST_CASE("commands split into words as Python's shlex.split does") {
  using Words = std::vector<std::string>;
  CHECK(detail::shellSplit("tool --flag value") == Words{"tool", "--flag", "value"});
  CHECK(detail::shellSplit("  spaced\t\nout  ") == Words{"spaced", "out"});
  CHECK(detail::shellSplit("a 'b c' \"d e\"") == Words{"a", "b c", "d e"});
  CHECK(detail::shellSplit(R"(a "\$x" '' b\ c "q\"z")") == Words{"a", "\\$x", "", "b c", "q\"z"});
  CHECK(detail::shellSplit("'$HOME' ~/x `id` $(id) a;b") == Words{"$HOME", "~/x", "`id`", "$(id)", "a;b"});
  CHECK(detail::shellSplit("ab'cd'\"ef\"") == Words{"abcdef"});
  CHECK(detail::shellSplit("'it''s'") == Words{"its"});
  CHECK(detail::shellSplit("") == Words{});
  CHECK_FALSE(detail::shellSplit("'unclosed"));
  CHECK_FALSE(detail::shellSplit("\"unclosed"));
  CHECK_FALSE(detail::shellSplit("trailing\\"));
}

TEST_CASE("RFC 3339 timestamps with a zone parse; anything else does not") {
  auto at = [](const char* text) { return parseIso8601(text); };
  auto epoch = [](std::int64_t seconds) { return Clock::time_point(std::chrono::seconds(seconds)); };
  CHECK(at("1970-01-01T00:00:00Z") == epoch(0));
  CHECK(at("2030-01-02T03:04:05Z") == epoch(1893553445));
  CHECK(at("2030-01-02t03:04:05z") == epoch(1893553445));
  CHECK(at("2030-01-02 03:04:05Z") == epoch(1893553445));
  CHECK(at("2030-01-02T05:04:05+02:00") == epoch(1893553445));
  CHECK(at("2030-01-02T00:34:05-0230") == epoch(1893553445));
  CHECK(at("2030-01-02T03:04:05.5Z") == epoch(1893553445) + std::chrono::milliseconds(500));
  CHECK(at("2024-02-29T00:00:00Z"));
  CHECK_FALSE(at("2023-02-29T00:00:00Z"));
  CHECK_FALSE(at("2030-01-02T03:04:05"));  // no zone
  CHECK_FALSE(at("2030-13-02T03:04:05Z"));
  CHECK_FALSE(at("2030-01-02T24:00:00Z"));
  CHECK_FALSE(at("2030-01-02T03:04:05.Z"));
  CHECK_FALSE(at("2030-01-02T03:04:05Z trailing"));
  CHECK_FALSE(at("tomorrow"));
  CHECK(formatIso8601(epoch(1893553445)) == "2030-01-02T03:04:05Z");
  CHECK(formatIso8601(epoch(0)) == "1970-01-01T00:00:00Z");
  // Beyond what system_clock holds (about 1677 to 2262) the instant is clamped, not wrapped.
  CHECK(at("9999-12-31T23:59:59Z") == Clock::time_point::max());
  CHECK(at("0001-01-01T00:00:00Z") == Clock::time_point::min());
}

TEST_CASE("the INI reader follows botocore: comments, nesting, continuation, case") {
  auto sections = detail::parseIni(
      "# a comment\n"
      "; another\n"
      "[default]\n"
      "Region = us-west-2 # not a comment: botocore keeps it\n"
      "output=json\n"
      "  ; an indented comment line\n"
      "endpoint_url: http://localhost:5000\n"
      "\n"
      "[profile nested]\r\n"
      "s3 =\r\n"
      "    addressing_style = path\r\n"
      "    # a comment inside\r\n"
      "\r\n"
      "    Signature_Version = s3v4\r\n"
      "region = eu-west-1\r\n"
      "credential_process = tool\n"
      "   --flag value\n"
      "empty =\n"
      "[profile plain]\n"
      "   [profile indented]\n"
      "   key = value\n",
      "config");
  REQUIRE(sections.size() == 4);
  CHECK(sections[0].name == "default");
  CHECK(sections[0].settings == ProfileSettings{{"region", "us-west-2 # not a comment: botocore keeps it"},
                                                {"output", "json"},
                                                {"endpoint_url", "http://localhost:5000"}});
  CHECK(sections[1].name == "profile nested");
  CHECK(sections[1].settings == ProfileSettings{{"s3.addressing_style", "path"},
                                                {"s3.Signature_Version", "s3v4"},
                                                {"region", "eu-west-1"},
                                                {"credential_process", "tool\n--flag value"},
                                                {"empty", ""}});
  CHECK(sections[2].name == "profile plain");
  CHECK(sections[2].settings.empty());
  CHECK(sections[3].name == "profile indented");
  CHECK(sections[3].settings == ProfileSettings{{"key", "value"}});
  // Indented lines after `name =` belong to it, even one that looks like a header (botocore fails too).
  CHECK_THROWS_AS(detail::parseIni("[a]\nempty =\n  [b]\n", "config"), ConfigError);
}

TEST_CASE("[DEFAULT] gives every section its settings, as configparser does") {
  auto sections = detail::parseIni("[DEFAULT]\nregion = us-east-1\nshared = yes\n[a]\nregion = eu-west-1\n[b]\n", "f");
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].settings == ProfileSettings{{"region", "eu-west-1"}, {"shared", "yes"}});
  CHECK(sections[1].settings == ProfileSettings{{"region", "us-east-1"}, {"shared", "yes"}});
}

TEST_CASE("a malformed shared file is a ConfigError naming file and line, never the line") {
  auto failure = [](const std::string& text) {
    return messageOf<ConfigError>([&] { detail::parseIni(text, "/home/u/.aws/credentials"); });
  };
  CHECK(failure("aws_secret_access_key = s3cr3t\n") ==
        "cannot parse /home/u/.aws/credentials, line 1: a setting comes before the first [section] header");
  std::string garbage = failure("[default]\nregion = x\naws_secret_access_key s3cr3t\n");
  CHECK(contains(garbage, "line 3"));
  CHECK_FALSE(contains(garbage, "s3cr3t"));
  CHECK(contains(failure("[a]\n[b]\n[a]\n"), "line 3: section [a] repeats"));
  CHECK(contains(failure("[a]\nregion = x\nRegion = y\n"), "line 3: setting 'region' repeats"));
  CHECK(contains(failure("[a]\n = x\n"), "no name"));
  CHECK(contains(failure("[a]\ns3 =\n  addressing_style path\n"), "line 2: a line of the nested 's3' settings"));
}

TEST_CASE("profiles, services and sso-session sections are named as botocore names them") {
  auto shared = SharedConfig::parse(
      "[default]\nregion = a\n"
      "[profile default]\nregion = b\n"
      "[profile \"with space\"]\nregion = c\n"
      "[profiles quirk]\nregion = d\n"
      "[profile]\nregion = ignored\n"
      "[profile too many words]\nregion = ignored\n"
      "[not-a-profile]\nregion = ignored\n"
      "[services local]\nredshift =\n  endpoint_url = http://localhost:5000\n"
      "[sso-session corp]\nsso_region = us-east-1\n",
      "[default]\naws_access_key_id = AKID\n[profile raw]\nx = 1\n[dev]\nregion = from-credentials\n");
  CHECK(shared.configProfile("default")->at("region") == "b");  // the later section wins
  CHECK(shared.configProfile("with space")->at("region") == "c");
  CHECK(shared.configProfile("quirk")->at("region") == "d");
  CHECK(shared.configProfile("not-a-profile") == nullptr);
  CHECK(shared.configProfile("too") == nullptr);
  CHECK(shared.servicesSection("local")->at("redshift.endpoint_url") == "http://localhost:5000");
  CHECK(shared.ssoSession("corp")->at("sso_region") == "us-east-1");
  // The credentials file uses section names as they are.
  CHECK(shared.credentialsProfile("profile raw") != nullptr);
  CHECK(shared.credentialsProfile("raw") == nullptr);
  CHECK(shared.profileNames() == std::vector<std::string>{"default", "dev", "profile raw", "quirk", "with space"});
  CHECK(shared.hasProfile("dev"));
  CHECK_FALSE(shared.hasProfile("nope"));
  CHECK_FALSE(shared.profile("nope"));
}

TEST_CASE("a profile overlays the credentials file on the config file, as botocore's full_config") {
  auto shared = SharedConfig::parse(
      "[profile dev]\nregion = eu-west-1\noutput = json\ns3 =\n  addressing_style = path\n  use_arn_region = true\n",
      "[dev]\nregion = us-west-2\naws_access_key_id = AKID\ns3 =\n  addressing_style = virtual\n");
  auto dev = shared.profile("dev");
  REQUIRE(dev);
  CHECK(*dev == ProfileSettings{{"region", "us-west-2"},
                                {"output", "json"},
                                {"aws_access_key_id", "AKID"},
                                {"s3.addressing_style", "virtual"}});  // the whole s3 section is replaced
}

TEST_CASE("shared files are found through AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE or HOME") {
  TempDir dir;
  ::mkdir((dir.path + "/.aws").c_str(), 0700);
  dir.write(".aws/config", "[default]\nregion = home-config\n");
  dir.write(".aws/credentials", "[default]\naws_access_key_id = HOME\naws_secret_access_key = x\n");
  dir.write("other-config", "[profile other]\nregion = other\n");

  auto fromHome = SharedConfig::load(Environment::fromMap({{"HOME", dir.path + "/"}}));
  CHECK(fromHome.configPath() == dir.path + "/.aws/config");
  CHECK(fromHome.credentialsPath() == dir.path + "/.aws/credentials");
  CHECK(fromHome.configFound());
  CHECK(fromHome.configProfile("default")->at("region") == "home-config");

  auto fromVariables = SharedConfig::load(Environment::fromMap({{"HOME", dir.path},
                                                                {"DIR", dir.path},
                                                                {"AWS_CONFIG_FILE", "$DIR/other-config"},
                                                                {"AWS_SHARED_CREDENTIALS_FILE", "~/missing"}}));
  CHECK(fromVariables.configPath() == dir.path + "/other-config");
  CHECK(fromVariables.configProfile("other")->at("region") == "other");
  CHECK_FALSE(fromVariables.credentialsFound());
  CHECK(fromVariables.profileNames() == std::vector<std::string>{"other"});
  CHECK(fromVariables.describeFiles() ==
        "the config file " + dir.path + "/other-config and the credentials file " + dir.path + "/missing (not found)");

  // A directory is not a file, as botocore's os.path.isfile.
  auto directory = SharedConfig::load(Environment::fromMap({{"AWS_CONFIG_FILE", dir.path}, {"HOME", dir.path}}));
  CHECK_FALSE(directory.configFound());
}

TEST_CASE("static credentials") {
  StaticCredentialsProvider provider("AKID", "secret", "token");
  auto credentials = provider.credentials();
  CHECK(credentials.accessKeyId == "AKID");
  CHECK(credentials.secretAccessKey.reveal() == "secret");
  CHECK(credentials.sessionToken.reveal() == "token");
  CHECK(contains(credentialsFailure([] { StaticCredentialsProvider("AKID", "").credentials(); }), "secret access key"));
}

TEST_CASE("environment credentials, with AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN as botocore") {
  EnvironmentCredentialsProvider provider(Environment::fromMap({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                                {"AWS_SECRET_ACCESS_KEY", "secret"},
                                                                {"AWS_SESSION_TOKEN", "session"},
                                                                {"AWS_SECURITY_TOKEN", "security"}}));
  auto credentials = provider.credentials();
  CHECK(credentials.accessKeyId == "AKID");
  CHECK(credentials.secretAccessKey.reveal() == "secret");
  CHECK(credentials.sessionToken.reveal() == "security");
  CHECK_FALSE(credentials.expiration);

  auto sessionOnly = EnvironmentCredentialsProvider(Environment::fromMap(
      {{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "secret"}, {"AWS_SESSION_TOKEN", "session"}}));
  CHECK(sessionOnly.credentials().sessionToken.reveal() == "session");

  CHECK(credentialsFailure([] { EnvironmentCredentialsProvider(Environment::fromMap({})).credentials(); }) ==
        "AWS_ACCESS_KEY_ID is not set");
  std::string partial = credentialsFailure([] {
    EnvironmentCredentialsProvider(Environment::fromMap({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", ""}}))
        .credentials();
  });
  CHECK(partial == "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
}

TEST_CASE("AWS_CREDENTIAL_EXPIRATION sets the expiration; expired or malformed ones are errors") {
  auto with = [](const std::string& expiration) {
    return EnvironmentCredentialsProvider(Environment::fromMap({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                                {"AWS_SECRET_ACCESS_KEY", "secret"},
                                                                {"AWS_CREDENTIAL_EXPIRATION", expiration}}));
  };
  auto credentials = with("2199-01-01T00:00:00Z").credentials();
  REQUIRE(credentials.expiration);
  CHECK(formatIso8601(*credentials.expiration) == "2199-01-01T00:00:00Z");
  CHECK(contains(credentialsFailure([&] { with("2001-01-01T00:00:00Z").credentials(); }), "expired at 2001-01-01"));
  CHECK(contains(credentialsFailure([&] { with("soon").credentials(); }), "not an RFC 3339 timestamp"));
}

TEST_CASE("profile credentials: the credentials file first, then the config file") {
  TempDir dir;
  std::string config = dir.write("config",
                                 "[profile both]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n"
                                 "[profile config-only]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n"
                                 "aws_session_token = session\naws_security_token = security\n"
                                 "[profile partial]\naws_access_key_id = CONFIG\n");
  std::string credentials =
      dir.write("credentials", "[both]\naws_access_key_id = CREDENTIALS\naws_secret_access_key = s\n[empty]\n");
  auto environment = Environment::fromMap(
      {{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", credentials}, {"AWS_PROFILE", "config-only"}});

  CHECK(ProfileCredentialsProvider(environment, "both").credentials().accessKeyId == "CREDENTIALS");
  auto fromConfig = ProfileCredentialsProvider(environment).credentials();  // AWS_PROFILE
  CHECK(fromConfig.accessKeyId == "CONFIG");
  CHECK(fromConfig.sessionToken.reveal() == "security");
  std::string partial = credentialsFailure([&] { ProfileCredentialsProvider(environment, "partial").credentials(); });
  CHECK(partial == "aws_access_key_id is set but aws_secret_access_key is not, in profile 'partial' in " + config);
  std::string none = credentialsFailure([&] { ProfileCredentialsProvider(environment, "empty").credentials(); });
  CHECK(none == "no aws_access_key_id for profile 'empty' in the config file " + config + " and the credentials file " +
                    credentials);
}

TEST_CASE("refreshing credentials: cached, refreshed in the advisory window, required in the mandatory one") {
  Clock::time_point now = Clock::now();
  int fetches = 0;
  bool failNext = false;
  Clock::duration lifetime = minutes(60);
  RefreshTiming timing;
  timing.now = [&] { return now; };
  RefreshingCredentialsProvider provider(
      [&] {
        ++fetches;
        if (failNext)
          throw CredentialsError(makeError(ErrorKind::Credentials, "CredentialProcessFailed", "refresh failed"));
        Credentials credentials("AKID" + std::to_string(fetches), "secret");
        credentials.expiration = now + lifetime;
        return credentials;
      },
      timing);

  CHECK(provider.credentials().accessKeyId == "AKID1");
  now += minutes(44);  // 16 minutes left: still fresh
  CHECK(provider.credentials().accessKeyId == "AKID1");
  CHECK(fetches == 1);

  now += minutes(2);  // 14 minutes left: advisory, a failure keeps the current credentials
  failNext = true;
  CHECK(provider.credentials().accessKeyId == "AKID1");
  CHECK(fetches == 2);

  now += minutes(5);  // 9 minutes left: mandatory, a failure is an error
  CHECK(credentialsFailure([&] { provider.credentials(); }) == "refresh failed");

  failNext = false;
  CHECK(provider.credentials().accessKeyId == "AKID4");
  CHECK(provider.credentials().accessKeyId == "AKID4");
  CHECK(fetches == 4);

  lifetime = -seconds(1);  // a source that hands out expired credentials
  now += minutes(55);
  CHECK(contains(credentialsFailure([&] { provider.credentials(); }), "expired at"));
}

TEST_CASE("credentials without an expiration are fetched once") {
  int fetches = 0;
  RefreshingCredentialsProvider provider([&] {
    ++fetches;
    return Credentials("AKID", "secret");
  });
  provider.credentials();
  provider.credentials();
  CHECK(fetches == 1);
}

TEST_CASE("refreshing credentials are thread-safe and fetch once per refresh") {
  std::atomic<int> fetches{0};
  RefreshingCredentialsProvider provider([&] {
    ++fetches;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Credentials credentials("AKID", "secret");
    credentials.expiration = Clock::now() + minutes(60);
    return credentials;
  });
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j)
        if (provider.credentials().accessKeyId == "AKID") ++good;
    });
  for (auto& thread : threads) thread.join();
  CHECK(good == 400);
  CHECK(fetches == 1);
}

TEST_CASE("credential_process runs the command and reads its JSON") {
  TempDir dir;
  std::string script = processScript(dir, "static.sh", processJson("PROCESS"));
  ProcessCredentialsProvider provider(script);
  auto credentials = provider.credentials();
  CHECK(credentials.accessKeyId == "PROCESS");
  CHECK(credentials.secretAccessKey.reveal() == "process-secret");
  CHECK(credentials.sessionToken.reveal() == "process-token");
  CHECK_FALSE(credentials.expiration);
  provider.credentials();
  CHECK(runsOf(dir, "static.sh") == 1);  // no Expiration: kept
}

TEST_CASE("credential_process arguments are split without a shell") {
  TempDir dir;
  std::string script = dir.write("args.sh",
                                 "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done > '" + dir.path +
                                     "/args'\necho '" + processJson("ARGS") + "'\n",
                                 0700);
  ProcessCredentialsProvider provider(script + " 'two words' \"$HOME\" plain;semicolon");
  CHECK(provider.credentials().accessKeyId == "ARGS");
  CHECK(dir.read("args") == "[two words]\n[$HOME]\n[plain;semicolon]\n");
}

TEST_CASE("credential_process credentials refresh before their Expiration") {
  TempDir dir;
  auto inMinutes = [](int count) { return formatIso8601(Clock::now() + minutes(count)); };
  // Five minutes left is inside the mandatory window: every call runs the command again.
  std::string nearScript = processScript(dir, "near.sh", processJson("NEAR", inMinutes(5)));
  ProcessCredentialsProvider near(nearScript);
  auto credentials = near.credentials();
  REQUIRE(credentials.expiration);
  near.credentials();
  CHECK(runsOf(dir, "near.sh") == 2);

  std::string farScript = processScript(dir, "far.sh", processJson("FAR", inMinutes(60)));
  ProcessCredentialsProvider far(farScript);
  far.credentials();
  far.credentials();
  CHECK(runsOf(dir, "far.sh") == 1);

  std::string expiredScript = processScript(dir, "expired.sh", processJson("OLD", "2001-01-01T00:00:00Z"));
  CHECK(contains(credentialsFailure([&] { ProcessCredentialsProvider(expiredScript).credentials(); }),
                 "expired at 2001-01-01T00:00:00Z"));
}

TEST_CASE("credential_process is thread-safe") {
  TempDir dir;
  std::string script = processScript(dir, "shared.sh", processJson("SHARED"));
  ProcessCredentialsProvider provider(script);
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j)
        if (provider.credentials().accessKeyId == "SHARED") ++good;
    });
  for (auto& thread : threads) thread.join();
  CHECK(good == 60);
  CHECK(runsOf(dir, "shared.sh") == 1);
}

TEST_CASE("a failing credential_process reports its status and stderr, never its output") {
  TempDir dir;
  std::string script = dir.write("fail.sh",
                                 "#!/bin/sh\necho '{\"SecretAccessKey\": \"printed-secret\"}'\n"
                                 "echo 'token expired, run login' >&2\nexit 3\n",
                                 0700);
  ProcessCredentialsOptions options;
  options.source = "profile 'dev' in /home/u/.aws/config";
  std::string message =
      credentialsFailure([&] { ProcessCredentialsProvider(script + " --secret-arg", options).credentials(); });
  CHECK(message == "credential_process '" + script +
                       "' (profile 'dev' in /home/u/.aws/config) failed with exit status 3: token expired, run login");
  CHECK_FALSE(contains(message, "printed-secret"));
  CHECK_FALSE(contains(message, "--secret-arg"));

  std::string killed = dir.write("killed.sh", "#!/bin/sh\nkill -9 $$\n", 0700);
  CHECK(contains(credentialsFailure([&] { ProcessCredentialsProvider(killed).credentials(); }), "killed by signal 9"));

  CHECK(contains(credentialsFailure([&] { ProcessCredentialsProvider(dir.path + "/no-such-program").credentials(); }),
                 "could not start: No such file or directory"));
  CHECK(contains(credentialsFailure([] { ProcessCredentialsProvider("  ").credentials(); }), "is empty"));
  CHECK(contains(credentialsFailure([] { ProcessCredentialsProvider("tool 'unclosed").credentials(); }),
                 "unmatched quote"));
}

TEST_CASE("a hanging credential_process is stopped at the timeout") {
  TempDir dir;
  std::string script = dir.write("hang.sh", "#!/bin/sh\nexec sleep 30\n", 0700);
  ProcessCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  std::string message = credentialsFailure([&] { ProcessCredentialsProvider(script, options).credentials(); });
  auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK(message == "credential_process '" + script + "' did not finish within 300 ms and was stopped");
  CHECK(elapsed < seconds(5));

  // A command that closes its output but keeps running is stopped too.
  std::string detached = dir.write("detached.sh", "#!/bin/sh\nexec >/dev/null 2>&1\nexec sleep 30\n", 0700);
  CHECK(contains(credentialsFailure([&] { ProcessCredentialsProvider(detached, options).credentials(); }),
                 "did not finish within 300 ms"));
}

TEST_CASE("credential_process output is checked field by field, never echoed") {
  TempDir dir;
  auto failure = [&](const std::string& name, const std::string& output) {
    std::string script = dir.write(name, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\n", 0700);
    std::string message = credentialsFailure([&] { ProcessCredentialsProvider(script).credentials(); });
    CHECK_FALSE(contains(message, "hush"));
    return message;
  };
  CHECK(contains(failure("text.sh", "SecretAccessKey=hush"), "not valid JSON (invalid JSON at line 1, column 1"));
  CHECK(contains(failure("array.sh", "[\"hush\"]"), "must print a JSON object"));
  CHECK(contains(failure("noversion.sh", R"({"AccessKeyId": "A", "SecretAccessKey": "hush"})"), "printed no Version"));
  CHECK(contains(failure("version2.sh", R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "hush"})"),
                 "unsupported Version"));
  CHECK(contains(failure("versiontext.sh", R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "hush"})"),
                 "unsupported Version"));
  CHECK(contains(failure("nosecret.sh", R"({"Version": 1, "AccessKeyId": "A"})"), "printed no SecretAccessKey"));
  CHECK(contains(failure("numberkey.sh", R"({"Version": 1, "AccessKeyId": 7, "SecretAccessKey": "hush"})"),
                 "AccessKeyId that is not a string"));
  CHECK(contains(failure("badexpiry.sh",
                         R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "hush", "Expiration": "later"})"),
                 "Expiration that is not an RFC 3339 timestamp"));

  ProcessCredentialsOptions small;
  small.maxOutputBytes = 100;
  std::string chatty = dir.write("chatty.sh", "#!/bin/sh\nhead -c 100000 /dev/zero | tr '\\0' x\n", 0700);
  CHECK(contains(credentialsFailure([&] { ProcessCredentialsProvider(chatty, small).credentials(); }),
                 "printed more than 100 bytes"));

  std::string versionOneFloat = dir.write("float.sh",
                                          "#!/bin/sh\necho '{\"Version\": 1.0, \"AccessKeyId\": \"F\", "
                                          "\"SecretAccessKey\": \"s\", \"SessionToken\": null}'\n",
                                          0700);
  auto credentials = ProcessCredentialsProvider(versionOneFloat).credentials();
  CHECK(credentials.accessKeyId == "F");
  CHECK(credentials.sessionToken.empty());
}

TEST_CASE("a chain uses the first configured source from then on, and traces what each said") {
  using Found = std::shared_ptr<CredentialsProvider>;
  int firstLooks = 0, secondLooks = 0;
  ChainCredentialsProvider chain({
      {"first",
       [&](std::string& whyNot) -> Found {
         ++firstLooks;
         whyNot = "FIRST_VARIABLE is not set";
         return nullptr;
       },
       ""},
      {"second",
       [&](std::string&) -> Found {
         ++secondLooks;
         return std::make_shared<StaticCredentialsProvider>("SECOND", "s");
       },
       "the second place"},
      {"third",
       [](std::string&) -> Found {
         FAIL("not reached");
         return nullptr;
       },
       ""},
  });
  CHECK(chain.chosenSource().empty());
  CHECK(chain.credentials().accessKeyId == "SECOND");
  CHECK(chain.credentials().accessKeyId == "SECOND");
  CHECK(chain.chosenSource() == "second");
  CHECK(firstLooks == 1);
  CHECK(secondLooks == 1);
  const auto trace = chain.trace();
  REQUIRE(trace.size() == 2);
  CHECK(trace[0].source == "first");
  CHECK(trace[0].detail == "FIRST_VARIABLE is not set");
  CHECK_FALSE(trace[0].answered);
  CHECK(trace[1].source == "second");
  CHECK(trace[1].answered);
  CHECK(trace[1].detail == "the second place");

  ChainCredentialsProvider empty({{"one place", nullptr, ""},
                                  {"another place",
                                   [](std::string& whyNot) -> Found {
                                     whyNot = "nothing there";
                                     return nullptr;
                                   },
                                   ""}},
                                 {"a note"});
  CHECK(credentialsFailure([&] { empty.credentials(); }) ==
        "no AWS credentials found; tried one place: does not apply; another place: nothing there. a note");

  ChainCredentialsProvider broken({
      {"broken",
       [](std::string&) -> Found {
         throw CredentialsError(makeError(ErrorKind::Credentials, "PartialCredentials", "half configured"));
       },
       ""},
      {"fallback", [](std::string&) -> Found { return std::make_shared<StaticCredentialsProvider>("FALLBACK", "s"); },
       ""},
  });
  CHECK(credentialsFailure([&] { broken.credentials(); }) == "half configured");
  REQUIRE(broken.trace().size() == 1);
  CHECK(broken.trace()[0].failed);
}

TEST_CASE("the default chain follows botocore's order") {
  TempDir dir;
  std::string process = processScript(dir, "process.sh", processJson("PROCESS"));
  std::string config =
      dir.write("config",
                "[default]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n"
                "credential_process = " +
                    process +
                    "\n"
                    "[profile config-keys]\naws_access_key_id = CONFIG\naws_secret_access_key = c\n"
                    "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = default\n"
                    "[profile role-with-keys]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
                    "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                    "[profile login]\nlogin_session = arn:aws:iam::123456789012:user/me\n"
                    "[profile login-with-keys]\nlogin_session = x\n");
  std::string credentials = dir.write("credentials",
                                      "[default]\naws_access_key_id = CREDENTIALS\naws_secret_access_key = s\n"
                                      "[role-with-keys]\naws_access_key_id = ROLEKEYS\naws_secret_access_key = s\n"
                                      "[login-with-keys]\naws_access_key_id = LOGINKEYS\naws_secret_access_key = s\n");
  std::map<std::string, std::string> files{{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", credentials}};
  auto with = [&](std::map<std::string, std::string> extra) {
    extra.insert(files.begin(), files.end());
    return Environment::fromMap(extra);
  };
  auto keyOf = [](const Environment& environment, const std::string& profile = {}) {
    return defaultCredentialsChain(environment, profile, {})->credentials().accessKeyId;
  };
  std::map<std::string, std::string> envKeys{{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "e"}};

  CHECK(keyOf(with(envKeys)) == "ENV");
  CHECK(keyOf(with({})) == "CREDENTIALS");
  CHECK(keyOf(with({}), "config-keys") == "CONFIG");
  // A profile chosen in code skips the environment, as botocore; one from AWS_PROFILE does not.
  CHECK(keyOf(with(envKeys), "config-keys") == "CONFIG");
  auto viaVariable = envKeys;
  viaVariable["AWS_PROFILE"] = "config-keys";
  CHECK(keyOf(with(viaVariable)) == "ENV");

  // credential_process comes after the credentials file and before the config file's keys.
  std::string noCredentialsFile = dir.path + "/none";
  auto processFirst =
      Environment::fromMap({{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", noCredentialsFile}});
  CHECK(keyOf(processFirst) == "PROCESS");

  // Sources awsdirect cannot use here are reported where botocore would use them. (This chain is
  // made without a way to call STS; a client's chain has one, see unit-sts.)
  std::string role = credentialsFailure([&] { keyOf(with({}), "role"); });
  CHECK(role ==
        "profile 'role' gets its credentials by assuming role arn:aws:iam::123456789012:role/admin "
        "(role_arn), and this chain was made without a way to call STS: use a client's default chain or "
        "defaultCredentialsProvider (awsdirect/credentials/default_chain.hpp)");
  std::string sso = credentialsFailure([&] { keyOf(with({}), "sso"); });
  CHECK(contains(sso, "in a chain made without network sources"));
  CHECK(contains(sso, "aws configure export-credentials --profile sso --format process"));
  CHECK(contains(credentialsFailure([&] { keyOf(with({}), "role-with-keys"); }), "assuming role"));
  // Chosen in code, the environment is skipped, so the role is reported.
  CHECK(contains(credentialsFailure([&] { keyOf(with(envKeys), "role"); }), "assuming role"));
  auto roleFromVariable = envKeys;
  roleFromVariable["AWS_PROFILE"] = "role";
  CHECK(keyOf(with(roleFromVariable)) == "ENV");  // the environment comes first
  CHECK(contains(sso, "IAM Identity Center"));
  CHECK(contains(credentialsFailure([&] { keyOf(with({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}})); }), "web identity"));
  CHECK(contains(credentialsFailure([&] { keyOf(with({}), "login"); }), "login_session"));
  CHECK(keyOf(with({}), "login-with-keys") == "LOGINKEYS");  // its keys come before login_session
}

TEST_CASE("the default chain assumes roles through the link it is given, at botocore's place") {
  TempDir dir;
  std::string config = dir.write("config",
                                 "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
                                 "source_profile = base\n[profile base]\naws_access_key_id = BASE\n"
                                 "aws_secret_access_key = s\n");
  std::string credentials =
      dir.write("credentials", "[role]\naws_access_key_id = ROLEKEYS\naws_secret_access_key = s\n");
  auto environment = Environment::fromMap({{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", credentials}});
  std::string askedFor;
  NetworkCredentialSources assumeRole;
  assumeRole.assumeRole = [&](const ChainContext& context, std::string&) -> std::shared_ptr<CredentialsProvider> {
    askedFor = context.profile + " via " + context.files->profile(context.profile)->at("source_profile");
    return std::make_shared<StaticCredentialsProvider>("ASSUMED", "s");
  };
  // Before the profile's own keys, as botocore's AssumeRoleProvider.
  CHECK(defaultCredentialsChain(environment, "role", assumeRole)->credentials().accessKeyId == "ASSUMED");
  CHECK(askedFor == "role via base");
  CHECK(defaultCredentialsChain(environment, "base", assumeRole)->credentials().accessKeyId == "BASE");
}

TEST_CASE("the default chain says where it looked when it finds nothing") {
  TempDir dir;
  std::string config = dir.path + "/config";
  std::string credentials = dir.path + "/credentials";
  auto environment = Environment::fromMap({{"AWS_CONFIG_FILE", config},
                                           {"AWS_SHARED_CREDENTIALS_FILE", credentials},
                                           {"AWS_PROFILE", "dev"},
                                           {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials"}});
  std::string message = credentialsFailure([&] { defaultCredentialsChain(environment, "", {})->credentials(); });
  const std::string notAsked = "not asked: this chain was made without network sources";
  CHECK(message == "no AWS credentials found; tried environment: AWS_ACCESS_KEY_ID is not set; "
                   "assume role: no role_arn in profile 'dev'; web identity: " + notAsked +
                       "; IAM Identity Center (SSO): " + notAsked + "; shared credentials file: " + credentials +
                       " not found; sign-in session: no login_session in profile 'dev'; "
                       "credential_process: no credential_process in profile 'dev'; config file: " + config +
                       " not found; container: " + notAsked + "; instance metadata: " + notAsked +
                       ". profile 'dev' (from AWS_PROFILE) exists in neither file");
}

TEST_CASE("the default chain reads nothing and runs nothing until credentials are asked for") {
  TempDir dir;
  std::string process = processScript(dir, "lazy.sh", processJson("LAZY"));
  std::string config = dir.write("config", "[default]\ncredential_process = " + process + "\n");
  auto environment =
      Environment::fromMap({{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", dir.path + "/none"}});
  auto provider = defaultCredentialsChain(environment, "", {});
  CHECK(runsOf(dir, "lazy.sh") == 0);
  CHECK(provider->credentials().accessKeyId == "LAZY");
  CHECK(provider->credentials().accessKeyId == "LAZY");
  CHECK(runsOf(dir, "lazy.sh") == 1);

  std::string broken = dir.write("broken", "not ini\n");
  auto brokenProvider = defaultCredentialsChain(Environment::fromMap({{"AWS_CONFIG_FILE", broken}}), "", {});
  CHECK_THROWS_AS(brokenProvider->credentials(), ConfigError);
}

TEST_CASE("saving a key into the credentials file: in place, other lines kept, always mode 0600") {
  TempDir dir;
  const std::string path = dir.write("credentials", "# mine\n[default]\naws_access_key_id = AKIDOLD\n"
                                                    "aws_secret_access_key = old\naws_session_token = stale\n"
                                                    "region = eu-west-1\n\n[other]\naws_access_key_id = AKIDOTHER\n");
  ::chmod(path.c_str(), 0644);
  auto environment = Environment::fromMap({{"AWS_SHARED_CREDENTIALS_FILE", path}});
  CHECK(saveCredentialsProfile(environment, "default", "AKIDNEW", Secret("new-secret")) == path);
  CHECK(dir.read("credentials") == "# mine\n[default]\naws_access_key_id = AKIDNEW\naws_secret_access_key = new-secret\n"
                         "region = eu-west-1\n\n[other]\naws_access_key_id = AKIDOTHER\n");
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);  // an existing 0644 file that receives a secret is tightened

  saveCredentialsProfile(environment, "airflow", "AKIDAIRFLOW", Secret("airflow-secret"));
  CHECK(SharedConfig::load(environment).credentialsProfile("airflow")->at("aws_access_key_id") == "AKIDAIRFLOW");
  CHECK(removeCredentialsProfile(environment, "airflow"));
  CHECK_FALSE(removeCredentialsProfile(environment, "airflow"));
  CHECK(SharedConfig::load(environment).credentialsProfile("airflow") == nullptr);
  CHECK(SharedConfig::load(environment).credentialsProfile("other") != nullptr);
  CHECK_THROWS_AS(saveCredentialsProfile(environment, "bad name", "A", Secret("s")), ConfigError);
}
