// Recorded HTTP fixtures without a network: the file format, redaction on record, matching on
// replay (any parameter order, repeated requests, concurrency, mismatch reports), error paths, and
// the AWSDIRECT_FIXTURES switch read through the client's environment.
#include <doctest/doctest.h>

#include <awsdirect/fixtures.hpp>
#include <awsdirect/redshift.hpp>
#include <awsdirect/secrets_manager.hpp>
#include <awsdirect/error.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/scripted_transport.hpp"

using namespace awsdirect;
using awsdirect_test::ScriptedTransport;

namespace {

namespace fs = std::filesystem;

// A fresh folder, removed with everything in it at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "awsdirect-fixtures-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The secrets of these tests: none of them may ever reach a fixture.
const char* kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRETKEY";
const char* kSessionToken = "FwoGZXIvYXdzEEXAMPLESESSIONTOKENzz9";
const char* kPassword = "Passw0rdUnique7";
const char* kAccessKeyId = "AKIDUNITFIXTURES";

// Credentials with a session token, so that redaction of every secret is exercised.
ClientConfig configWithSecrets(std::shared_ptr<Transport> transport) {
  ClientConfig c;
  c.environment = Environment::fromMap({});
  c.region = "us-east-1";
  c.credentialsProvider = std::make_shared<StaticCredentialsProvider>(Credentials(kAccessKeyId, kSecretKey, kSessionToken));
  c.transport = std::move(transport);
  return c;
}

std::string clusterXml(const std::string& id, const std::string& status) {
  return "<Cluster><ClusterIdentifier>" + id + "</ClusterIdentifier><NodeType>dc2.large</NodeType><ClusterStatus>" +
         status + "</ClusterStatus><MasterUsername>awsuser</MasterUsername><DBName>dev</DBName><Endpoint><Address>" +
         id + ".abc.us-east-1.redshift.amazonaws.com</Address><Port>5439</Port></Endpoint><NumberOfNodes>1</NumberOfNodes></Cluster>";
}

std::string createResponse(const std::string& id) {
  return "<CreateClusterResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\"><CreateClusterResult>" +
         clusterXml(id, "creating") + "</CreateClusterResult><ResponseMetadata><RequestId>req-create</RequestId>"
         "</ResponseMetadata></CreateClusterResponse>";
}

std::string deleteResponse(const std::string& id) {
  return "<DeleteClusterResponse><DeleteClusterResult>" + clusterXml(id, "deleting") +
         "</DeleteClusterResult><ResponseMetadata><RequestId>req-delete</RequestId></ResponseMetadata>"
         "</DeleteClusterResponse>";
}

std::string describeResponse(const std::string& id, const std::string& status) {
  return "<DescribeClustersResponse><DescribeClustersResult><Clusters>" + clusterXml(id, status) +
         "</Clusters></DescribeClustersResult><ResponseMetadata><RequestId>req-describe</RequestId>"
         "</ResponseMetadata></DescribeClustersResponse>";
}

std::string errorResponse(const std::string& code, const std::string& message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-error-42</RequestId></ErrorResponse>";
}

redshift::CreateClusterRequest seedCluster(const std::string& id = "redshift-cluster") {
  return Redshift::createCluster()
      .identifier(id)
      .dbName("dev")
      .port(5439)
      .masterUsername("awsuser")
      .masterUserPassword(kPassword)
      .nodeType("dc2.large")
      .numberOfNodes(1)
      .iamRole("arn:aws:iam::123456789012:role/myRedshiftRole");
}

// A Redshift client whose retries and waits never sleep.
struct QuickRedshift {
  Redshift redshift;
  explicit QuickRedshift(const ClientConfig& config) : redshift(config) {
    redshift.core().retryPolicy().sleep = [](std::chrono::milliseconds) {};
    redshift.core().retryPolicy().random = [] { return 0.5; };
  }
};

WaitOptions noSleep() {
  WaitOptions o;
  o.delay = std::chrono::seconds(1);
  o.timeout = std::chrono::minutes(5);
  auto fake = std::make_shared<std::chrono::steady_clock::time_point>();
  o.now = [fake] { return *fake; };
  o.sleep = [fake](std::chrono::milliseconds d) { *fake += d; };
  return o;
}

// Records with a scripted server behind the RecordingTransport, so the file is what the pipeline
// really sent, signed with real (test) credentials.
struct Recorded {
  std::shared_ptr<ScriptedTransport> server = std::make_shared<ScriptedTransport>();
  std::shared_ptr<RecordingTransport> recording;
  std::unique_ptr<QuickRedshift> client;
  Recorded(const std::string& path) {
    recording = std::make_shared<RecordingTransport>(server, path);
    client = std::make_unique<QuickRedshift>(configWithSecrets(recording));
  }
  Redshift& redshift() { return client->redshift; }
};

HttpRequest formRequest(const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.host = "redshift.us-east-1.amazonaws.com";
  r.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = body;
  return r;
}

HttpResponse xmlResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.set("Content-Type", "text/xml");
  r.body = std::move(body);
  return r;
}

FixtureExchange exchange(HttpRequest request, HttpResponse response) {
  FixtureExchange e;
  e.request = std::move(request);
  e.response = std::move(response);
  return e;
}

// A fixture replayed straight from its text, as a test would after editing the file.
std::shared_ptr<ReplayingTransport> replayOf(const FixtureFile& file) {
  return std::make_shared<ReplayingTransport>(FixtureFile::parse(file.format(), "test.http"), "test.http");
}

}  // namespace

// ---- The format ---------------------------------------------------------------------------------

TEST_CASE("a fixture file reads back exactly what was written") {
  FixtureFile file;
  HttpRequest form = formRequest("Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=a%20b&Note=%E2%9C%93");
  form.headers.set("X-Custom", "kept");
  file.exchanges.push_back(exchange(form, xmlResponse(200, createResponse("a"))));

  HttpRequest get;
  get.method = "GET";
  get.host = "bucket.s3.amazonaws.com";
  get.path = "/key%20name";
  get.query = "list-type=2&prefix=a%2Fb";
  HttpResponse text;
  text.status = 200;
  text.headers.add("x-amz-meta-a", "1");
  text.headers.add("x-amz-meta-a", "2");
  text.body = "### not a marker\n\\starts with a backslash\n\nno newline at the end";
  file.exchanges.push_back(exchange(get, text));

  HttpResponse trailing;
  trailing.status = 200;
  trailing.body = "two newlines at the end\n\n";
  file.exchanges.push_back(exchange(get, trailing));

  HttpResponse binary;
  binary.status = 206;
  binary.body = std::string("\x00\x01\x02 binary \xff\x7f", 14);
  file.exchanges.push_back(exchange(get, binary));

  HttpResponse empty;
  empty.status = 204;
  file.exchanges.push_back(exchange(get, empty));

  // Found by fuzzing: a header value with blanks around it, a label that ends like a body marker,
  // a form body holding a raw line break.
  HttpRequest odd = formRequest("Action=De(XML indented)&A=1\r\n");
  odd.headers.add("x-amz-meta-padded", "  two blanks before, one after ");
  HttpResponse padded;
  padded.status = 200;
  padded.headers.add("x-amz-meta-b", " b");
  file.exchanges.push_back(exchange(odd, padded));

  FixtureExchange failed;
  failed.request = get;
  failed.transportFailure = transportError(TransportFailure::Timeout, "Operation timed out after 30000 milliseconds");
  file.exchanges.push_back(failed);

  const std::string text1 = file.format();
  FixtureFile read = FixtureFile::parse(text1, "roundtrip.http");
  REQUIRE(read.exchanges.size() == file.exchanges.size());
  for (std::size_t i = 0; i < file.exchanges.size(); ++i) {
    CAPTURE(i);
    const FixtureExchange& a = file.exchanges[i];
    const FixtureExchange& b = read.exchanges[i];
    CHECK(b.request.method == a.request.method);
    CHECK(b.request.host == a.request.host);
    CHECK(b.request.path == a.request.path);
    CHECK(b.request.query == a.request.query);
    CHECK(b.request.body == a.request.body);
    CHECK(std::vector<HttpHeaders::Entry>(b.request.headers.begin(), b.request.headers.end()) ==
          std::vector<HttpHeaders::Entry>(a.request.headers.begin(), a.request.headers.end()));
    CHECK(b.transportFailure.has_value() == a.transportFailure.has_value());
    if (a.transportFailure) {
      CHECK(b.transportFailure->kind == ErrorKind::Transport);
      CHECK(b.transportFailure->transport == TransportFailure::Timeout);
      CHECK(b.transportFailure->message == a.transportFailure->message);
      continue;
    }
    CHECK(b.response.status == a.response.status);
    CHECK(std::vector<HttpHeaders::Entry>(b.response.headers.begin(), b.response.headers.end()) ==
          std::vector<HttpHeaders::Entry>(a.response.headers.begin(), a.response.headers.end()));
    CHECK(b.response.body == a.response.body);  // compact XML too: written indented, read back compact
  }
  // Reading and writing again changes nothing.
  CHECK(read.format() == text1);
  CHECK(read.exchanges[0].line == 5);
}

TEST_CASE("a fixture is plain text close to raw HTTP, and reads well in a diff") {
  FixtureFile file;
  HttpRequest create = formRequest("Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=redshift-cluster");
  create.headers.set("X-Amz-Date", "20261125T214000Z");
  file.exchanges.push_back(exchange(create, xmlResponse(200, createResponse("redshift-cluster"))));
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=gone"),
                                    xmlResponse(404, errorResponse("ClusterNotFound", "Cluster gone not found."))));
  const std::string text = file.format();
  CHECK(contains(text, "### request 1: CreateCluster\n"
                       "POST / HTTP/1.1\n"
                       "Host: redshift.us-east-1.amazonaws.com\n"
                       "Content-Type: application/x-www-form-urlencoded; charset=utf-8\n"
                       "X-Amz-Date: 20261125T214000Z\n"
                       "\n"
                       "Action=CreateCluster\n"
                       "&Version=2012-12-01\n"
                       "&ClusterIdentifier=redshift-cluster\n"));
  CHECK(contains(text, "### response 1 (XML indented)\nHTTP/1.1 200 OK\nContent-Type: text/xml\n\n"
                       "<CreateClusterResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\">\n"
                       "  <CreateClusterResult>\n"
                       "    <Cluster>\n"
                       "      <ClusterIdentifier>redshift-cluster</ClusterIdentifier>\n"));
  CHECK(contains(text, "### response 2 (XML indented)\nHTTP/1.1 404 Not Found\n"));
  // XML that already has line breaks is written as it came; so is XML whose text would not survive.
  FixtureFile formatted;
  formatted.exchanges.push_back(exchange(formRequest("Action=DescribeClusters"),
                                         xmlResponse(200, "<?xml version=\"1.0\"?>\n<A>\n  <B>x</B>\n</A>\n")));
  formatted.exchanges.push_back(exchange(formRequest("Action=DescribeClusters"), xmlResponse(200, "<A><B>x</B>\r</A>")));
  const std::string asIs = formatted.format();
  CHECK(contains(asIs, "### response 1\nHTTP/1.1 200 OK\nContent-Type: text/xml\n\n<?xml version=\"1.0\"?>\n<A>\n  <B>x</B>\n</A>\n\n\n"));
  CHECK(contains(asIs, "### response 2\n"));
  FixtureFile back = FixtureFile::parse(asIs);
  CHECK(back.exchanges.at(0).response.body == formatted.exchanges[0].response.body);
  CHECK(back.exchanges.at(1).response.body == formatted.exchanges[1].response.body);
  // An object that happens to be compact XML comes back byte for byte, whitespace inside text too.
  const std::string object = "<note><to> Tove </to><body>a&gt;b</body><![CDATA[<x> <y>]]><!-- c --></note>";
  FixtureFile s3;
  s3.exchanges.push_back(exchange(formRequest("Action=GetObject"), xmlResponse(200, object)));
  CHECK(FixtureFile::parse(s3.format()).exchanges.at(0).response.body == object);
  CHECK(contains(text, "    <Code>ClusterNotFound</Code>\n"));
}

TEST_CASE("a malformed fixture names the file and the line") {
  auto error = [](const std::string& text) {
    try {
      FixtureFile::parse(text, "broken.http");
    } catch (const FixtureMismatchError& e) {
      CHECK(e.error().code == "MalformedFixture");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(contains(error("### request 1\nPOST / HTTP/1.1\n\n"), "broken.http:1: the request has no '### response'"));
  CHECK(contains(error("### request 1\nPOST / HTTP/1.1\nno colon here\n\n### response 1\nHTTP/1.1 200 OK\n\n"),
                 "broken.http:3: expected a header 'Name: value'"));
  CHECK(contains(error("### request 1\nPOST / HTTP/1.1\n\n### response 1\nHTTP/1.1 abc\n\n"),
                 "broken.http:5: expected a status line"));
  CHECK(contains(error("### request 1\nFETCH\n\n### response 1\nHTTP/1.1 200 OK\n\n"), "broken.http:2: expected a request line"));
  CHECK(contains(error("### reply 1\n"), "broken.http:1: a section is"));
  CHECK(contains(error("stray text\n"), "broken.http:1: text before the first"));
  CHECK(contains(error("### request 1\nGET / HTTP/1.1\n\n### failure 1: meltdown\nboom\n"), "unknown transport failure 'meltdown'"));
  CHECK_THROWS_WITH_AS(FixtureFile::load("/nonexistent/awsdirect/x.http"), doctest::Contains("no fixture file /nonexistent/awsdirect/x.http"),
                       FixtureMismatchError);
}

// ---- Redaction ----------------------------------------------------------------------------------

TEST_CASE("a recording holds no secret key, session token, password, key id or signature") {
  TempDir dir;
  const std::string path = dir.file("create.http");
  Recorded r(path);
  r.server->respond(200, createResponse("redshift-cluster"));
  r.redshift().send(seedCluster()).value();

  const std::string text = readFile(path);
  CHECK_FALSE(contains(text, kSecretKey));
  CHECK_FALSE(contains(text, kSessionToken));
  CHECK_FALSE(contains(text, kPassword));
  CHECK_FALSE(contains(text, kAccessKeyId));
  const std::string signature = *r.server->requests.at(0).headers.get("Authorization");
  const std::string signatureHex = signature.substr(signature.find("Signature=") + 10);
  CHECK_FALSE(contains(text, signatureHex));
  // What stays says which region and service, and that a password and a token were sent.
  CHECK(contains(text, "Authorization: AWS4-HMAC-SHA256 Credential=AWSDIRECT_REDACTED/"));
  CHECK(contains(text, "/us-east-1/redshift/aws4_request, SignedHeaders="));
  CHECK(contains(text, ", Signature=AWSDIRECT_REDACTED"));
  CHECK(contains(text, "X-Amz-Security-Token: AWSDIRECT_REDACTED\n"));
  CHECK(contains(text, "&MasterUserPassword=AWSDIRECT_REDACTED\n"));
  // Headers that change on every call are left out.
  CHECK_FALSE(contains(text, "\nUser-Agent:"));
  CHECK_FALSE(contains(text, "\namz-sdk-invocation-id:"));
  CHECK_FALSE(contains(text, "\namz-sdk-request:"));
}

TEST_CASE("secrets in responses, JSON bodies, presigned URLs and headers are redacted") {
  HttpResponse keys = xmlResponse(200,
      "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>u</UserName>"
      "<AccessKeyId>AKIAEXAMPLE</AccessKeyId><SecretAccessKey>s3cr3t/Key+Value</SecretAccessKey>"
      "</AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>");
  HttpResponse redacted = redactResponse(keys);
  CHECK(contains(redacted.body, "<SecretAccessKey>AWSDIRECT_REDACTED</SecretAccessKey>"));
  CHECK(contains(redacted.body, "<AccessKeyId>AKIAEXAMPLE</AccessKeyId>"));  // an id is no secret
  CHECK_FALSE(contains(redacted.body, "s3cr3t"));

  CHECK(redactDocument("<a><Credentials><SessionToken>tok</SessionToken><ns:SecretAccessKey>k</ns:SecretAccessKey>"
                       "<DbPassword>pw</DbPassword><Expiration>2026</Expiration></Credentials></a>") ==
        "<a><Credentials><SessionToken>AWSDIRECT_REDACTED</SessionToken><ns:SecretAccessKey>AWSDIRECT_REDACTED"
        "</ns:SecretAccessKey><DbPassword>AWSDIRECT_REDACTED</DbPassword><Expiration>2026</Expiration></Credentials></a>");
  CHECK(redactDocument(R"({"Credentials": {"AccessKeyId": "AKIA", "SecretAccessKey" : "k\"ey", "SessionToken":"t"}, "Note": "SecretAccessKey"})") ==
        R"({"Credentials": {"AccessKeyId": "AKIA", "SecretAccessKey" : "AWSDIRECT_REDACTED", "SessionToken":"AWSDIRECT_REDACTED"}, "Note": "SecretAccessKey"})");

  HttpRequest presigned;
  presigned.method = "GET";
  presigned.path = "/bucket/key";
  presigned.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                    "&X-Amz-Security-Token=tok&X-Amz-Signature=abc123&versionId=7";
  presigned.headers.set("x-amz-server-side-encryption-customer-key", "base64key");
  presigned.headers.set("User-Agent", "awsdirect/0.1.0");
  HttpRequest r = redactRequest(presigned);
  CHECK(r.query == "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AWSDIRECT_REDACTED"
                   "&X-Amz-Security-Token=AWSDIRECT_REDACTED&X-Amz-Signature=AWSDIRECT_REDACTED&versionId=7");
  CHECK(*r.headers.get("x-amz-server-side-encryption-customer-key") == "AWSDIRECT_REDACTED");
  CHECK_FALSE(r.headers.has("User-Agent"));

  HttpRequest form = formRequest("Action=CreateLoginProfile&UserName=u&Password=p%40ss&PasswordResetRequired=true"
                                 "&ManageMasterPassword=true&Users.member.1.NewPassword=x");
  CHECK(redactRequest(form).body ==
        "Action=CreateLoginProfile&UserName=u&Password=AWSDIRECT_REDACTED&PasswordResetRequired=true"
        "&ManageMasterPassword=true&Users.member.1.NewPassword=AWSDIRECT_REDACTED");

  RedactionRules rules;
  rules.secretNames.push_back("ApiKey");
  CHECK(rules.isSecretName("Config.ApiKey"));
  CHECK_FALSE(RedactionRules().isSecretName("Config.ApiKey"));
  CHECK(rules.isSecretName("MasterUserPassword"));
  CHECK_FALSE(rules.isSecretName("ManageMasterPassword"));
  CHECK_FALSE(rules.isSecretName("Marker"));
}

// ---- Matching -----------------------------------------------------------------------------------

TEST_CASE("a JSON service's recording holds no secret value, and replays with the tokens a new run makes up") {
  TempDir dir;
  const std::string path = dir.file("secret.http");
  const std::string value = "s3cret-value-of-the-db";
  {
    auto server = std::make_shared<ScriptedTransport>();
    server->respond(200, R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf","Name":"db","VersionId":"v"})");
    server->respond(200, R"({"ARN":"a","Name":"db","SecretString":")" + value + R"(","SecretBinary":"AAH/"})");
    SecretsManager secrets(configWithSecrets(std::make_shared<RecordingTransport>(server, path)));
    REQUIRE(secrets.send(SecretsManager::createSecret().name("db").secretString(value)).ok());
    REQUIRE(secrets.send(SecretsManager::getSecretValue().secretId("db")).ok());
  }
  const std::string text = readFile(path);
  CHECK_FALSE(contains(text, value));
  CHECK_FALSE(contains(text, "AAH/"));
  CHECK(contains(text, R"("SecretString":"AWSDIRECT_REDACTED")"));
  CHECK(contains(text, R"("SecretBinary":"AWSDIRECT_REDACTED")"));
  CHECK(contains(text, R"("ClientRequestToken":"AWSDIRECT_REDACTED")"));
  CHECK(contains(text, "X-Amz-Target: secretsmanager.CreateSecret"));

  // Replayed: a new token is made up, the value sent differs, and both calls still match.
  FixtureSession fixture(path, ClientConfig().withEnvironment(Environment::fromMap({})));
  SecretsManager secrets(fixture.clientConfig());
  CHECK(secrets.send(SecretsManager::createSecret().name("db").secretString("another value")).value().name == "db");
  auto replayed = secrets.send(SecretsManager::getSecretValue().secretId("db")).value();
  CHECK(replayed.secretString->reveal() == kRedacted);
  CHECK(replayed.secretBinary->reveal() == kRedacted);  // a redacted blob reads back as the placeholder
  CHECK(fixture.allUsed());
}

TEST_CASE("replay matches form and query parameters in any order and ignores volatile headers") {
  FixtureFile file;
  HttpRequest recorded = formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=c1&MaxRecords=20");
  recorded.query = "b=2&a=1";
  recorded.headers.set("X-Amz-Date", "20200101T000000Z");
  recorded.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=AWSDIRECT_REDACTED/20200101/us-east-1/redshift/aws4_request, SignedHeaders=host, Signature=AWSDIRECT_REDACTED");
  file.exchanges.push_back(exchange(recorded, xmlResponse(200, describeResponse("c1", "available"))));
  auto replay = replayOf(file);

  HttpRequest made = formRequest("MaxRecords=20&ClusterIdentifier=c1&Version=2012-12-01&Action=DescribeClusters");
  made.host = "127.0.0.1:9";
  made.query = "a=1&b=2";
  made.headers.set("X-Amz-Date", "20261125T214000Z");
  made.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261125/eu-west-1/redshift/aws4_request, SignedHeaders=host, Signature=ffff");
  made.headers.set("User-Agent", "awsdirect/9.9");
  made.headers.set("amz-sdk-invocation-id", "0000");
  made.headers.set("X-Amz-Security-Token", "token");
  made.headers.set("Content-Length", "999");
  HttpResponse response = replay->send(made);
  CHECK(response.status == 200);
  CHECK(contains(response.body, "<ClusterIdentifier>c1</ClusterIdentifier>"));
  CHECK(replay->allUsed());
}

TEST_CASE("identical requests replay their recorded responses in recorded order: a waiter") {
  TempDir dir;
  const std::string path = dir.file("waiter.http");
  {
    Recorded r(path);
    r.server->respond(200, describeResponse("redshift-cluster", "creating"))
        .respond(200, describeResponse("redshift-cluster", "creating"))
        .respond(200, describeResponse("redshift-cluster", "available"));
    CHECK(r.redshift().waitUntilAvailable("redshift-cluster", noSleep()).value().clusterStatus == "available");
    CHECK(r.recording->recordedCount() == 3);
  }
  FixtureSession fixture(path, ClientConfig().withEnvironment(Environment::fromMap({})));
  QuickRedshift replay(fixture.clientConfig());
  std::vector<std::string> seen;
  WaitOptions options = noSleep();
  options.onProgress = [&](const WaitProgress& p) { seen.push_back(p.state); };
  CHECK(replay.redshift.waitUntilAvailable("redshift-cluster", options).value().clusterStatus == "available");
  CHECK(seen == std::vector<std::string>{"creating", "creating", "available"});
  CHECK(fixture.allUsed());
}

TEST_CASE("requests made concurrently match in any order") {
  FixtureFile file;
  const int count = 8;
  for (int i = 0; i < count; ++i) {
    const std::string id = "cluster-" + std::to_string(i);
    file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=" + id),
                                      xmlResponse(200, describeResponse(id, "available"))));
  }
  auto replay = replayOf(file);
  Redshift redshift(configWithSecrets(replay));
  std::vector<std::string> got(count);
  std::vector<std::thread> threads;
  for (int i = count - 1; i >= 0; --i)  // started in the reverse of the recorded order
    threads.emplace_back([&, i] {
      auto cluster = redshift.findCluster("cluster-" + std::to_string(i));
      got[static_cast<std::size_t>(i)] = cluster ? cluster.value().clusterIdentifier : cluster.error().describe();
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < count; ++i) CHECK(got[static_cast<std::size_t>(i)] == "cluster-" + std::to_string(i));
  CHECK(replay->allUsed());
}

TEST_CASE("a redacted value in the fixture matches any value sent") {
  TempDir dir;
  const std::string path = dir.file("create.http");
  {
    Recorded r(path);
    r.server->respond(200, createResponse("redshift-cluster"));
    r.redshift().send(seedCluster()).value();
  }
  FixtureSession fixture(path, ClientConfig().withEnvironment(Environment::fromMap({})));
  Redshift redshift(fixture.clientConfig());
  // The recorded password is AWSDIRECT_REDACTED; the code sends a real (and different) one.
  auto created = redshift.send(seedCluster().masterUserPassword("AnotherPassw0rd"));
  REQUIRE(created.ok());
  CHECK(created.value().clusterIdentifier == "redshift-cluster");
  CHECK(fixture.allUsed());

  // Written by hand, the placeholder works as a wildcard for any parameter.
  FixtureFile file;
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=AWSDIRECT_REDACTED"),
                                    xmlResponse(200, describeResponse("whatever", "available"))));
  auto wildcard = replayOf(file);
  CHECK(Redshift(configWithSecrets(wildcard)).findCluster("whatever").ok());
}

TEST_CASE("a request that matches nothing is a FixtureMismatchError: the request, the closest recorded one, and what differs") {
  FixtureFile file;
  file.exchanges.push_back(exchange(formRequest("Action=CreateCluster&Version=2012-12-01&ClusterIdentifier=redshift-cluster&NodeType=dc2.large"),
                                    xmlResponse(200, createResponse("redshift-cluster"))));
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=redshift-cluster"),
                                    xmlResponse(200, describeResponse("redshift-cluster", "available"))));
  file.exchanges.push_back(exchange(formRequest("Action=DeleteCluster&Version=2012-12-01&ClusterIdentifier=other-cluster&SkipFinalClusterSnapshot=true"),
                                    xmlResponse(200, createResponse("other-cluster"))));
  auto replay = replayOf(file);
  Redshift redshift(configWithSecrets(replay));

  auto outcome = redshift.findCluster("other-cluster");
  REQUIRE_FALSE(outcome.ok());
  const Error& e = outcome.error();
  CHECK(e.kind == ErrorKind::Fixture);
  CHECK(e.code == "FixtureMismatch");
  CHECK(e.operation == "DescribeClusters");
  CHECK(contains(e.message, "no recorded exchange in test.http matches the request"));
  CHECK(contains(e.message, "sent:    POST / {Action=DescribeClusters, ClusterIdentifier=other-cluster, Version=2012-12-01}"));
  const std::string line = std::to_string(replay->fixture().exchanges[1].line);
  CHECK(contains(e.message, "closest: #2 (line " + line + ") POST / {Action=DescribeClusters, ClusterIdentifier=redshift-cluster, Version=2012-12-01}"));
  CHECK(contains(e.message, "differs in:\n    form parameter ClusterIdentifier: recorded \"redshift-cluster\", sent \"other-cluster\""));
  CHECK_THROWS_AS(outcome.value(), FixtureMismatchError);
  CHECK(replay->mismatches().size() == 1);  // not retried: a mismatch is no transient failure

  // A changed value of the create request, and a parameter too many: both named. The password
  // never shows, not even in the report.
  auto created = redshift.send(Redshift::createCluster()
                                   .identifier("redshift-cluster")
                                   .nodeType("ra3.xlplus")
                                   .masterUsername("awsuser")
                                   .masterUserPassword(kPassword));
  REQUIRE_FALSE(created.ok());
  const std::string& m = created.error().message;
  CHECK(contains(m, "closest: #1"));
  CHECK(contains(m, "form parameter NodeType: recorded \"dc2.large\", sent \"ra3.xlplus\""));
  CHECK(contains(m, "form parameter MasterUsername: sent \"awsuser\", not recorded"));
  CHECK(contains(m, "form parameter MasterUserPassword: sent \"AWSDIRECT_REDACTED\", not recorded"));
  CHECK_FALSE(contains(m, kPassword));
  CHECK_FALSE(contains(created.error().describe(), kPassword));
}

TEST_CASE("one call more than recorded says that the matching exchange was already replayed") {
  FixtureFile file;
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=c1"),
                                    xmlResponse(200, describeResponse("c1", "available"))));
  auto replay = replayOf(file);
  Redshift redshift(configWithSecrets(replay));
  CHECK(redshift.findCluster("c1").ok());
  auto again = redshift.findCluster("c1");
  REQUIRE_FALSE(again.ok());
  CHECK(contains(again.error().message, "closest: #1"));
  CHECK(contains(again.error().message, "it was already replayed: the fixture has 1 such request and this is one more"));
}

TEST_CASE("a test can ask whether every recorded exchange was used") {
  FixtureFile file;
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=c1"),
                                    xmlResponse(200, describeResponse("c1", "available"))));
  file.exchanges.push_back(exchange(formRequest("Action=DeleteCluster&Version=2012-12-01&ClusterIdentifier=c1&SkipFinalClusterSnapshot=true"),
                                    xmlResponse(200, deleteResponse("c1"))));
  auto replay = replayOf(file);
  Redshift redshift(configWithSecrets(replay));
  CHECK_FALSE(replay->allUsed());
  CHECK(replay->unusedExchanges() == std::vector<std::size_t>{1, 2});
  CHECK(redshift.findCluster("c1").ok());
  CHECK(replay->unusedExchanges() == std::vector<std::size_t>{2});
  CHECK(replay->describeUnused() ==
        "1 of 2 recorded exchanges of test.http were not replayed:\n"
        "  #2 (line " + std::to_string(replay->fixture().exchanges[1].line) + ") POST / {Action=DeleteCluster, ClusterIdentifier=c1, SkipFinalClusterSnapshot=true, Version=2012-12-01}");
  CHECK(redshift.send(Redshift::deleteCluster().identifier("c1").skipFinalSnapshot()).ok());
  CHECK(replay->allUsed());
  CHECK(contains(replay->describeUnused(), "every recorded exchange of test.http was replayed"));
}

TEST_CASE("error responses and transport failures are recorded and replayed as the typed errors") {
  TempDir dir;
  const std::string path = dir.file("errors.http");
  {
    Recorded r(path);
    r.server->respond(400, errorResponse("Throttling", "Rate exceeded"))
        .fail(TransportFailure::Timeout, "Operation timed out after 30000 milliseconds")
        .respond(200, describeResponse("c1", "available"))
        .respond(404, errorResponse("ClusterNotFound", "Cluster gone not found."));
    CHECK(r.redshift().findCluster("c1").ok());  // a throttle, a timeout, then the answer
    auto gone = r.redshift().findCluster("gone");
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().code == "ClusterNotFound");
  }
  const std::string text = readFile(path);
  CHECK(contains(text, "### failure 2: timeout\nOperation timed out after 30000 milliseconds\n"));
  CHECK(contains(text, "HTTP/1.1 400 Bad Request"));

  FixtureSession fixture(path, ClientConfig().withEnvironment(Environment::fromMap({})));
  QuickRedshift replay(fixture.clientConfig());
  std::vector<std::chrono::milliseconds> sleeps;
  replay.redshift.core().retryPolicy().sleep = [&](std::chrono::milliseconds d) { sleeps.push_back(d); };
  CHECK(replay.redshift.findCluster("c1").value().clusterStatus == "available");
  CHECK(sleeps.size() == 2);  // the same two retries as when recorded
  auto gone = replay.redshift.findCluster("gone");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().kind == ErrorKind::Service);
  CHECK(gone.error().code == "ClusterNotFound");
  CHECK(gone.error().httpStatus == 404);
  CHECK(gone.error().requestId == "req-error-42");
  CHECK_THROWS_AS(gone.value(), AwsError);
  CHECK(fixture.allUsed());
}

namespace {

// A server as the curl transport presents it: reads a streamed request body, and delivers a 2xx
// body to the request's sink in pieces when it has one.
struct StreamingServer : Transport {
  std::vector<std::string> bodiesReceived;
  std::string answer;
  HttpResponse send(const HttpRequest& request) override {
    bodiesReceived.push_back(request.streamedBody ? readStreamedBody(*request.streamedBody) : request.body);
    HttpResponse response;
    response.status = 200;
    response.headers.set("ETag", "\"abc\"");
    if (request.method == "GET") {
      if (request.responseSink) {
        for (std::size_t at = 0; at < answer.size(); at += 1000)
          request.responseSink(at, answer.data() + at, std::min<std::size_t>(1000, answer.size() - at));
        response.bodyStreamed = true;
      } else {
        response.body = answer;
      }
    }
    return response;
  }
};

HttpRequest streamedPut(const std::string& content) {
  HttpRequest put;
  put.method = "PUT";
  put.host = "bucket.s3.us-east-1.amazonaws.com";
  put.path = "/data.bin";
  auto shared = std::make_shared<std::string>(content);
  put.streamedBody = StreamedBody{shared->size(), [shared](std::uint64_t offset, char* buffer, std::size_t capacity) {
                                    std::size_t n = std::min<std::size_t>(capacity, std::min<std::size_t>(7, shared->size() - offset));
                                    std::copy_n(shared->data() + offset, n, buffer);
                                    return n;
                                  }};
  return put;
}

}  // namespace

TEST_CASE("streamed request bodies and response bodies streamed to a sink are recorded and replayed") {
  TempDir dir;
  const std::string path = dir.file("stream.http");
  std::string binary;
  for (int i = 0; i < 300; ++i) binary += static_cast<char>(i % 256);
  std::string text;
  for (int i = 0; i < 500; ++i) text += "line " + std::to_string(i) + "\n";

  auto server = std::make_shared<StreamingServer>();
  server->answer = text;
  RecordingTransport recording(server, path);
  recording.send(streamedPut(binary));
  HttpRequest get;
  get.method = "GET";
  get.host = "bucket.s3.us-east-1.amazonaws.com";
  get.path = "/notes.txt";
  std::string sunk;
  get.responseSink = [&](std::uint64_t offset, const char* data, std::size_t size) {
    CHECK(offset == sunk.size());
    sunk.append(data, size);
  };
  HttpResponse got = recording.send(get);
  CHECK(got.bodyStreamed);
  CHECK(sunk == text);  // the recorder let the body through
  CHECK(server->bodiesReceived.at(0) == binary);

  const std::string file = readFile(path);
  CAPTURE(file);
  CHECK(contains(file, "### request 1 (body in base64)\nPUT /data.bin HTTP/1.1\n"));
  CHECK(contains(file, "### response 2\nHTTP/1.1 200 OK\nETag: \"abc\"\n\nline 0\nline 1\n"));

  auto replay = ReplayingTransport::fromFile(path);
  CHECK(replay->send(streamedPut(binary)).headers.has("ETag"));
  std::string replayed;
  get.responseSink = [&](std::uint64_t, const char* data, std::size_t size) { replayed.append(data, size); };
  HttpResponse again = replay->send(get);
  CHECK(again.bodyStreamed);
  CHECK(again.body.empty());
  CHECK(replayed == text);
  CHECK(replay->allUsed());

  std::string changed = binary;
  changed[200] = 'x';
  try {
    replay->send(streamedPut(changed));
    FAIL("a changed body matched");
  } catch (const FixtureMismatchError& e) {
    CHECK(contains(e.what(), "body: recorded 300 bytes, sent 300; they differ at byte 200"));
  }
}

// ---- The switch ---------------------------------------------------------------------------------

namespace {

// A loopback listener that counts the connections made to it: replay must make none.
struct Tripwire {
  int fd = -1;
  int port = 0;
  Tripwire() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd, 16) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    fcntl(fd, F_SETFL, O_NONBLOCK);
  }
  ~Tripwire() { close(fd); }
  int connections() const {
    int n = 0;
    for (int c; (c = accept(fd, nullptr, nullptr)) >= 0; ++n) close(c);
    return n;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

FixtureFile describeFixture() {
  FixtureFile file;
  file.exchanges.push_back(exchange(formRequest("Action=DescribeClusters&Version=2012-12-01&ClusterIdentifier=redshift-cluster"),
                                    xmlResponse(200, describeResponse("redshift-cluster", "available"))));
  return file;
}

}  // namespace

TEST_CASE("AWSDIRECT_FIXTURES=replay needs no credentials, no profile, no shared file and no network") {
  TempDir dir;
  describeFixture().save(dir.file("status.http"));
  // A profile whose credential_process would leave a mark if anything ran it, and a profile that
  // does not exist: replay must look at neither.
  const std::string mark = dir.file("credential_process-ran");
  writeFile(dir.file("config"), "[default]\nregion = eu-west-1\ncredential_process = touch " + mark + "\n");
  Tripwire network;

  ClientConfig config;
  config.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "replay"},
                                             {"AWSDIRECT_FIXTURES_DIR", dir.path.string()},
                                             {"AWSDIRECT_FIXTURES_SCENARIO", "status"},
                                             {"AWS_CONFIG_FILE", dir.file("config")},
                                             {"AWS_PROFILE", "no-such-profile"},
                                             {"AWS_ENDPOINT_URL", network.url()}});
  config = withFixturesFromEnvironment(config);  // as every client of a program that opted in
  Redshift redshift(config);
  CHECK(redshift.core().config().region == "us-east-1");
  auto cluster = redshift.findCluster("redshift-cluster");
  REQUIRE(cluster.ok());
  CHECK(cluster.value().clusterStatus == "available");

  auto other = redshift.findCluster("other-cluster");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().kind == ErrorKind::Fixture);
  CHECK(contains(other.error().message, dir.file("status.http")));

  CHECK_FALSE(fs::exists(mark));
  CHECK(network.connections() == 0);

  // Every client of the run shares the scenario: a second client continues where the first stopped.
  Redshift second(config);
  auto again = second.findCluster("redshift-cluster");
  REQUIRE_FALSE(again.ok());
  CHECK(contains(again.error().message, "already replayed"));
}

TEST_CASE("the switch: its settings, the scenario's file, and their errors") {
  auto settings = [](std::map<std::string, std::string> env) { return fixtureSettings(Environment::fromMap(std::move(env))); };
  CHECK(settings({}).mode == FixtureMode::Off);
  CHECK(settings({{"AWSDIRECT_FIXTURES", "off"}}).mode == FixtureMode::Off);
  CHECK(settings({{"AWSDIRECT_FIXTURES", ""}}).mode == FixtureMode::Off);

  FixtureSettings record = settings({{"AWSDIRECT_FIXTURES", "Record"}, {"AWSDIRECT_FIXTURES_DIR", "/tmp/fx"},
                                     {"AWSDIRECT_FIXTURES_SCENARIO", "lifecycle/create"}});
  CHECK(record.mode == FixtureMode::Record);
  CHECK(record.path == "/tmp/fx/lifecycle/create.http");
  CHECK(settings({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "fx/"},
                  {"AWSDIRECT_FIXTURES_SCENARIO", "create.http"}}).path == "fx/create.http");
  // Without a scenario, the program's name, and its arguments below it (CTest passes some).
  const std::string unnamed = settings({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "/tmp/fx"}}).path;
  CHECK(unnamed.rfind("/tmp/fx/awsdirect_unit_tests", 0) == 0);
  CHECK(unnamed.substr(unnamed.size() - 5) == ".http");

  auto configError = [&](std::map<std::string, std::string> env) {
    try {
      settings(std::move(env));
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(contains(configError({{"AWSDIRECT_FIXTURES", "replya"}}), "AWSDIRECT_FIXTURES is 'replya'; it must be record, replay or off"));
  CHECK(contains(configError({{"AWSDIRECT_FIXTURES", "replay"}}), "needs AWSDIRECT_FIXTURES_DIR"));
  for (const char* bad : {"../outside", "a/../../b", "/absolute", "a//b", "with space", "a/./b"})
    CHECK(contains(configError({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "/tmp/fx"},
                                {"AWSDIRECT_FIXTURES_SCENARIO", bad}}),
                   "AWSDIRECT_FIXTURES_SCENARIO"));

  // A client made with a bad switch, or without its fixture, says so at once.
  ClientConfig config;
  config.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "sometimes"}});
  CHECK_THROWS_AS(Redshift{withFixturesFromEnvironment(config)}, ConfigError);
  config.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "/nonexistent/awsdirect"},
                                             {"AWSDIRECT_FIXTURES_SCENARIO", "missing"}});
  CHECK_THROWS_WITH_AS(Redshift{withFixturesFromEnvironment(config)},
                       doctest::Contains("no fixture file /nonexistent/awsdirect/missing.http"), FixtureMismatchError);

  // A transport given in code wins over the switch.
  auto scripted = std::make_shared<ScriptedTransport>();
  scripted->respond(200, describeResponse("c1", "available"));
  ClientConfig own = configWithSecrets(scripted);
  own.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "/nonexistent/awsdirect"}});
  CHECK(Redshift(withFixturesFromEnvironment(own)).findCluster("c1").ok());
}

TEST_CASE("a program that did not opt in ignores AWSDIRECT_FIXTURES; one that did follows it") {
  ClientConfig config;
  config.environment = Environment::fromMap({{"AWSDIRECT_FIXTURES", "replay"}, {"AWSDIRECT_FIXTURES_DIR", "/nonexistent/awsdirect"},
                                             {"AWSDIRECT_FIXTURES_SCENARIO", "missing"}, {"AWS_REGION", "us-east-1"},
                                             {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"}, {"AWS_SECRET_ACCESS_KEY", "not-a-secret"}});
  // No opt-in: curl, as if the variable were not there (a replay would fail here: no such file).
  Redshift plain(config);
  CHECK(std::dynamic_pointer_cast<CurlTransport>(plain.core().sharedTransport()) != nullptr);
  CHECK(withDefaultTransport(config).transportFactory != nullptr);

  // The one line a program adds to main(): every client it makes from then on follows the switch.
  useFixturesFromEnvironment();
  struct Restore {
    ~Restore() { setDefaultClientSetup(nullptr); }
  } restore;
  CHECK_THROWS_WITH_AS(Redshift{config}, doctest::Contains("no fixture file /nonexistent/awsdirect/missing.http"),
                       FixtureMismatchError);
  config.environment = Environment::fromMap({{"AWS_REGION", "us-east-1"}});  // the switch off: curl
  CHECK(std::dynamic_pointer_cast<CurlTransport>(Redshift(config).core().sharedTransport()) != nullptr);
}
