// S3 without a network: addressing, key encoding, the XML S3 sends and answers, validation,
// region redirects, and multipart retry/abort logic, on transports substituted for curl. The
// signatures of S3's odd cases (keys with '+', '%', '=', '&' or UTF-8; '/' in query values;
// presigned URLs) are compared with botocore's (tests/support/botocore_signature.py header) and recomputed
// from the URL by botocore (... presigned), since moto's own check is wrong for them.
#include <doctest/doctest.h>

#include <awsdirect/s3.hpp>
#include <awsdirect/time.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/validate.hpp>
#include <awsdirect/sigv4.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/scripted_transport.hpp"
#include "support/skip.hpp"

using namespace awsdirect;
using awsdirect_test::ScriptedTransport;

namespace {

const Credentials kCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

ClientConfig configFor(std::shared_ptr<Transport> transport, std::string region = "us-east-1",
                       std::string endpoint = "", std::map<std::string, std::string> environment = {}) {
  ClientConfig config;
  config.environment = Environment::fromMap(std::move(environment));
  config.region = std::move(region);
  config.endpointUrl = std::move(endpoint);
  config.withCredentials(kCredentials);
  config.transport = std::move(transport);
  return config;
}

HttpHeaders headers(std::initializer_list<std::pair<const char*, const char*>> list) {
  HttpHeaders h;
  for (const auto& [name, value] : list) h.add(name, value);
  return h;
}

std::string header(const HttpRequest& request, const std::string& name) {
  const std::string* value = request.headers.get(name);
  return value ? *value : std::string();
}

// The credential scope's region in a request's Authorization header.
std::string signedRegion(const HttpRequest& request) {
  std::string authorization = header(request, "Authorization");
  std::size_t start = authorization.find("Credential=");
  if (start == std::string::npos) return "";
  std::string credential = authorization.substr(start + 11, authorization.find(',', start) - start - 11);
  // AKID/date/region/service/aws4_request
  std::size_t a = credential.find('/'), b = credential.find('/', a + 1), c = credential.find('/', b + 1);
  return credential.substr(b + 1, c - b - 1);
}

std::string temporaryDirectory() {
  char pattern[] = "/tmp/awsdirect-unit-s3-XXXXXX";
  REQUIRE(mkdtemp(pattern) != nullptr);
  return pattern;
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> filesIn(const std::string& directory) {
  std::vector<std::string> names;
  std::string command = "ls -A " + directory;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char line[512];
    while (std::fgets(line, sizeof line, pipe)) {
      std::string name(line);
      while (!name.empty() && name.back() == '\n') name.pop_back();
      names.push_back(name);
    }
    pclose(pipe);
  }
  return names;
}

std::string patternBytes(std::size_t size, unsigned seed = 7) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 2654435761u + seed) >> 13);
  return out;
}

// A transport for concurrent callers: every request goes to `handler`, under a lock, with its
// streamed body read into `body` first (as a recorder would).
class HandlerTransport : public Transport {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  explicit HandlerTransport(Handler handler) : handler_(std::move(handler)) {}

  HttpResponse send(const HttpRequest& request) override {
    HttpRequest seen = request;
    if (seen.streamedBody) seen.body = readStreamedBody(*seen.streamedBody);
    std::lock_guard<std::mutex> lock(mutex_);
    requests.push_back(seen);
    return handler_(seen);
  }

  std::vector<HttpRequest> requests;

 private:
  Handler handler_;
  std::mutex mutex_;
};

HttpResponse response(int status, std::string body = "", HttpHeaders h = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(h);
  return r;
}

// The query parameter `name` of a wire query, decoded.
std::string queryParam(const std::string& query, const std::string& name) {
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    std::string pair = query.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::size_t eq = pair.find('=');
    if (uriDecode(pair.substr(0, eq)) == name) return eq == std::string::npos ? "" : uriDecode(pair.substr(eq + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return "<absent>";
}

// Runs a shell command with a time bound, feeding it `input`; returns its stdout, or nullopt
// when it could not run (no python3 or botocore here).
std::optional<std::string> runWithInput(const std::string& command, const std::string& input) {
  std::string inputFile = "/tmp/awsdirect-unit-s3-input-" + std::to_string(getpid());
  writeFile(inputFile, input);
  std::string full = "timeout 60 " + command + " < " + inputFile + " 2>/dev/null";
  std::string output;
  int status = -1;
  if (FILE* pipe = popen(full.c_str(), "r")) {
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    status = pclose(pipe);
  }
  std::remove(inputFile.c_str());
  if (status != 0) return std::nullopt;
  return output;
}

// Our botocore oracle, in the repository: the header signature and the presigned URL check.
const std::string kBotocoreSignature = "python3 " + std::string(AWSDIRECT_SOURCE_DIR) + "/tests/support/botocore_signature.py";

// The Authorization header botocore computes for `request` (as our signer received it).
std::optional<std::string> botocoreAuthorization(const HttpRequest& request) {
  std::string raw = request.method + " " + request.path + (request.query.empty() ? "" : "?" + request.query) +
                    " HTTP/1.1\nHost:" + request.host + "\n";
  for (const auto& [name, value] : request.headers)
    if (!detail::equalsIgnoreCase(name, "Authorization") && !detail::equalsIgnoreCase(name, "X-Amz-Date"))
      raw += name + ":" + value + "\n";
  raw += "\n" + request.body;
  std::string command = "env AWS_ACCESS_KEY_ID=" + kCredentials.accessKeyId +
                        " AWS_SECRET_ACCESS_KEY=" + kCredentials.secretAccessKey.reveal() + " " + kBotocoreSignature +
                        " header --region " + signedRegion(request) + " --service s3 --time " +
                        header(request, "X-Amz-Date");
  auto output = runWithInput(command, raw);
  if (!output) return std::nullopt;
  std::istringstream lines(*output);
  std::string line;
  while (std::getline(lines, line))
    if (line.rfind("Authorization:", 0) == 0) return line.substr(14);
  return std::nullopt;
}

bool botocoreAvailable() {
  static const bool available = std::system("timeout 30 python3 -c 'import botocore' >/dev/null 2>&1") == 0;
  return available;
}

}  // namespace

// ---- Addressing --------------------------------------------------------------------------------

TEST_CASE("addressing: virtual hosts on AWS, paths for IPs, localhost, dotted buckets and when asked") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();

  SUBCASE("AWS endpoints put DNS-compatible buckets in the host") {
    S3 s3(configFor(transport, "eu-west-1"));
    S3Route r = s3.route("my-bucket", "eu-west-1", "/my-bucket/photos/cat.jpg");
    CHECK(r.virtualHosted);
    CHECK(r.scheme == "https");
    CHECK(r.host == "my-bucket.s3.eu-west-1.amazonaws.com");
    CHECK(r.path == "/photos/cat.jpg");
    CHECK(s3.route("my-bucket", "eu-west-1", "/my-bucket").path == "/");
    // us-east-1 uses the global endpoint by default, as botocore's legacy setting does.
    S3 east(configFor(transport, "us-east-1"));
    CHECK(east.route("my-bucket", "us-east-1", "/my-bucket/k").host == "my-bucket.s3.amazonaws.com");
    // ListBuckets has no bucket: the service endpoint itself.
    CHECK(s3.route("", "eu-west-1", "/").host == "s3.eu-west-1.amazonaws.com");
  }
  SUBCASE("buckets with dots go in the path over HTTPS (the wildcard certificate covers one label)") {
    S3 s3(configFor(transport, "eu-west-1"));
    S3Route r = s3.route("logs.example.com", "eu-west-1", "/logs.example.com/k");
    CHECK_FALSE(r.virtualHosted);
    CHECK(r.host == "s3.eu-west-1.amazonaws.com");
    CHECK(r.path == "/logs.example.com/k");
    S3 plain(configFor(transport, "eu-west-1", "http://s3.example.net"));
    CHECK(plain.route("logs.example.com", "eu-west-1", "/logs.example.com/k").host == "logs.example.com.s3.example.net");
  }
  SUBCASE("legacy names with capitals or underscores cannot be host names") {
    S3 s3(configFor(transport, "us-east-1"));
    CHECK_FALSE(s3.route("My_Old_Bucket", "us-east-1", "/My_Old_Bucket/k").virtualHosted);
  }
  SUBCASE("IP and localhost endpoints are addressed by path; other custom endpoints by host") {
    for (const char* endpoint : {"http://127.0.0.1:9000", "http://localhost:4566", "http://[::1]:9000"}) {
      CAPTURE(endpoint);
      S3 s3(configFor(transport, "us-east-1", endpoint));
      S3Route r = s3.route("my-bucket", "us-east-1", "/my-bucket/k");
      CHECK_FALSE(r.virtualHosted);
      CHECK(r.path == "/my-bucket/k");
    }
    S3 minio(configFor(transport, "us-east-1", "https://storage.example.com/base"));
    S3Route r = minio.route("my-bucket", "us-east-1", "/my-bucket/k");
    CHECK(r.virtualHosted);
    CHECK(r.host == "my-bucket.storage.example.com");
    CHECK(r.path == "/base/k");
  }
  SUBCASE("the client option and the profile's s3 addressing_style choose path style") {
    S3 byOption(configFor(transport, "eu-west-1"), S3Options().withAddressingStyle(S3AddressingStyle::Path));
    CHECK_FALSE(byOption.route("my-bucket", "eu-west-1", "/my-bucket/k").virtualHosted);

    std::string dir = temporaryDirectory();
    writeFile(dir + "/config", "[default]\nregion = eu-west-1\ns3 =\n    addressing_style = path\n");
    S3 byProfile(configFor(transport, "", "", {{"AWS_CONFIG_FILE", dir + "/config"}, {"HOME", dir}}));
    CHECK(std::string(addressingStyleName(byProfile.addressingStyle())) == "path");
    S3Route r = byProfile.route("my-bucket", "eu-west-1", "/my-bucket/k");
    CHECK_FALSE(r.virtualHosted);
    CHECK(r.host == "s3.eu-west-1.amazonaws.com");

    writeFile(dir + "/config", "[default]\nregion = eu-west-1\ns3 =\n    addressing_style = sideways\n");
    CHECK_THROWS_AS(S3(configFor(transport, "", "", {{"AWS_CONFIG_FILE", dir + "/config"}, {"HOME", dir}})), ConfigError);
    std::remove((dir + "/config").c_str());
    rmdir(dir.c_str());
  }
  SUBCASE("a request goes out as routed") {
    transport->respond(200, "");
    S3 s3(configFor(transport, "eu-west-1"));
    REQUIRE(s3.send(S3::headBucket().bucket("my-bucket")).ok());
    const HttpRequest& sent = transport->requests.back();
    CHECK(sent.host == "my-bucket.s3.eu-west-1.amazonaws.com");
    CHECK(sent.path == "/");
    CHECK(signedRegion(sent) == "eu-west-1");
  }
}

// ---- Keys and signing --------------------------------------------------------------------------

TEST_CASE("keys of any UTF-8 content are encoded once, '/' kept, and signed as sent") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain.txt", "/b-1/plain.txt"},
      {"dir/sub dir/a+b.txt", "/b-1/dir/sub%20dir/a%2Bb.txt"},
      {"100%=&?#.txt", "/b-1/100%25%3D%26%3F%23.txt"},
      {"caf\xC3\xA9/\xE2\x82\xAC\xF0\x9F\x98\x80", "/b-1/caf%C3%A9/%E2%82%AC%F0%9F%98%80"},
      {"~tilde_-.", "/b-1/~tilde_-."},
      {"a/./b/../c//d", "/b-1/a/./b/../c//d"},
  };
  for (const auto& testCase : cases) {
    const std::string& key = testCase.first;  // not a structured binding: CAPTURE's lambda takes it
    const std::string& wirePath = testCase.second;
    CAPTURE(key);
    transport->respond(200, "", headers({{"ETag", "\"e\""}}));
    REQUIRE(s3.send(S3::putObject().bucket("b-1").key(key).body("x")).ok());
    const HttpRequest& sent = transport->requests.back();
    CHECK(sent.path == wirePath);
    CHECK(header(sent, "x-amz-content-sha256") == sha256Hex("x"));
    // The path is signed exactly as sent: neither normalized nor encoded again.
    SignatureDetails details;
    HttpRequest resigned = sent;
    SigningParams params = SigningParams::forS3("us-east-1", *parseAmzDate(header(sent, "X-Amz-Date")));
    s3.core().signer().sign(resigned, kCredentials, params, &details);
    CHECK(details.canonicalRequest.substr(0, details.canonicalRequest.find('\n', 4)) == "PUT\n" + wirePath);
    CHECK(header(resigned, "Authorization") == header(sent, "Authorization"));
  }
}

TEST_CASE("S3 signatures of special keys, '/' in query values and UNSIGNED-PAYLOAD match botocore's") {
  if (!botocoreAvailable()) return awsdirect_test::skip("python3 with botocore is not available");
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "eu-central-1"));
  transport->respond(200, "").respond(200, "<ListBucketResult/>").respond(200, "").respond(200, "<DeleteResult/>");
  for (int i = 0; i < 4; ++i) transport->respond(200, "<ListBucketResult/>");

  REQUIRE(s3.send(S3::putObject().bucket("bucket-1").key("a+b c%d/=&?#\xC3\xBC.txt").body("hello")).ok());
  REQUIRE(s3.send(S3::listObjectsV2().bucket("bucket-1").prefix("photos/2026/").delimiter("/").startAfter("photos/2026/a b")).ok());
  REQUIRE(s3.send(S3::getObject().bucket("bucket.with.dots").key("k=v&x").range(0, 99)).ok());
  REQUIRE(s3.send(S3::deleteObjects().bucket("bucket-1").key("x+y").key("%41")).ok());
  S3 unsignedS3(configFor(transport, "eu-central-1"), S3Options().withUnsignedPayload());
  REQUIRE(unsignedS3.send(S3::putObject().bucket("bucket-1").key("un signed").body("body")).ok());

  REQUIRE(transport->requests.size() == 5);
  CHECK(queryParam(transport->requests[1].query, "prefix") == "photos/2026/");
  CHECK(transport->requests[1].query.find("prefix=photos%2F2026%2F") != std::string::npos);
  CHECK(header(transport->requests[4], "x-amz-content-sha256") == "UNSIGNED-PAYLOAD");
  for (const HttpRequest& sent : transport->requests) {
    CAPTURE(sent.method + " " + sent.host + sent.path + "?" + sent.query);
    auto expected = botocoreAuthorization(sent);
    REQUIRE(expected);
    CHECK(header(sent, "Authorization") == *expected);
  }
}

TEST_CASE("presigned URLs: GET and PUT, expiry bounds, and a signature recomputed from the URL") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-west-2"));

  auto get = s3.presign(S3::getObject().bucket("my-bucket").key("reports/a+b c.pdf"), std::chrono::hours(1));
  REQUIRE(get.ok());
  const std::string url = get.value();
  CHECK(url.rfind("https://my-bucket.s3.us-west-2.amazonaws.com/reports/a%2Bb%20c.pdf?", 0) == 0);
  CHECK(url.find("X-Amz-Expires=3600") != std::string::npos);
  CHECK(url.find("X-Amz-SignedHeaders=host") != std::string::npos);
  CHECK(url.find("%2Fus-west-2%2Fs3%2Faws4_request") != std::string::npos);
  CHECK(url.find(kCredentials.secretAccessKey.reveal()) == std::string::npos);
  auto put = s3.presign(S3::putObject().bucket("my-bucket").key("upload.bin"), std::chrono::seconds(604800));
  REQUIRE(put.ok());
  CHECK(transport->requests.empty());  // presigning is local

  for (long seconds : {0L, 604801L, -5L}) {
    auto bad = s3.presign(S3::getObject().bucket("my-bucket").key("k"), std::chrono::seconds(seconds));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == ErrorKind::Validation);
    CHECK(bad.error().problems.at(0).field == "ExpiresIn");
  }
  auto noKey = s3.presign(S3::getObject().bucket("my-bucket"), std::chrono::seconds(60));
  REQUIRE_FALSE(noKey.ok());
  CHECK(noKey.error().problems.at(0).field == "Key");

  if (!botocoreAvailable()) return awsdirect_test::skip("python3 is not available to recompute the signature");
  for (const auto& [presigned, method] : {std::pair{url, "GET"}, std::pair{put.value(), "PUT"}}) {
    auto verdict = runWithInput("env AWS_SECRET_ACCESS_KEY=" + kCredentials.secretAccessKey.reveal() + " " +
                                    kBotocoreSignature + " presigned '" + presigned + "' " + method,
                                "");
    REQUIRE(verdict);
    CHECK(*verdict == "ok\n");
  }
}

// ---- What S3 is sent ---------------------------------------------------------------------------

TEST_CASE("CreateBucket: no location constraint in us-east-1, the region's elsewhere, signed for it") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200, "", headers({{"Location", "/seed-bucket"}}));
  transport->respond(200, "", headers({{"Location", "/eu-bucket"}}));

  auto created = s3.send(S3::createBucket().bucket("seed-bucket"));
  REQUIRE(created.ok());
  CHECK(created.value().location == "/seed-bucket");
  CHECK(transport->requests[0].method == "PUT");
  CHECK(transport->requests[0].path == "/seed-bucket");
  CHECK(transport->requests[0].body.empty());
  CHECK(signedRegion(transport->requests[0]) == "us-east-1");

  REQUIRE(s3.send(S3::createBucket().bucket("eu-bucket").region("eu-west-1")).ok());
  CHECK(transport->requests[1].body ==
        "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
  CHECK(signedRegion(transport->requests[1]) == "eu-west-1");
  CHECK(s3.cachedBucketRegion("eu-bucket") == std::optional<std::string>("eu-west-1"));

  // A bucket that could not be made leaves no region behind.
  transport->respond(409, "<Error><Code>BucketAlreadyExists</Code><Message>The requested bucket name is not "
                          "available.</Message></Error>");
  auto taken = s3.send(S3::createBucket().bucket("taken-bucket").region("ap-south-1"));
  REQUIRE_FALSE(taken.ok());
  CHECK(taken.error().code == "BucketAlreadyExists");
  CHECK(signedRegion(transport->requests[2]) == "ap-south-1");
  CHECK_FALSE(s3.cachedBucketRegion("taken-bucket"));
}

TEST_CASE("PutPublicAccessBlock sends the four settings with Content-MD5; GetPublicAccessBlock reads them") {
  awsdirect_test::ran();
  CHECK(contentMd5("") == "1B2M2Y8AsgTpgAmY7PhCfg==");
  CHECK(contentMd5("hello") == "XUFAKrxLKna5cZ2REBfFkg==");

  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200, "");
  transport->respond(200,
                     "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true"
                     "</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>true"
                     "</RestrictPublicBuckets></PublicAccessBlockConfiguration>");

  REQUIRE(s3.send(S3::putPublicAccessBlock().bucket("seed-bucket").blockAll()).ok());
  const HttpRequest& put = transport->requests[0];
  CHECK(put.method == "PUT");
  CHECK(put.query == "publicAccessBlock");
  CHECK(put.body ==
        "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><BlockPublicAcls>true"
        "</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy>"
        "<RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
  CHECK(header(put, "Content-MD5") == contentMd5(put.body));

  auto got = s3.send(S3::getPublicAccessBlock().bucket("seed-bucket"));
  REQUIRE(got.ok());
  CHECK(got.value() == s3::PublicAccessBlockConfiguration{true, true, false, true});
  CHECK_FALSE(got.value().allOn());
}

TEST_CASE("DeleteObjects: an escaped XML batch with Content-MD5; per-key errors come back typed") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/"
                     "2006-03-01/\"><Deleted><Key>a&lt;b&amp;c</Key></Deleted><Deleted><Key>v</Key><VersionId>3"
                     "</VersionId><DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>4</DeleteMarkerVersionId>"
                     "</Deleted><Error><Key>locked.txt</Key><Code>AccessDenied</Code><Message>Access Denied</Message>"
                     "</Error></DeleteResult>");

  auto result = s3.send(S3::deleteObjects().bucket("b-1").key("a<b&c").object("v", "3").key("locked.txt"));
  REQUIRE(result.ok());
  const HttpRequest& sent = transport->requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.query == "delete");
  CHECK(sent.body ==
        "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a&lt;b&amp;c</Key></Object><Object>"
        "<Key>v</Key><VersionId>3</VersionId></Object><Object><Key>locked.txt</Key></Object></Delete>");
  CHECK(header(sent, "Content-MD5") == contentMd5(sent.body));

  REQUIRE(result.value().deleted.size() == 2);
  CHECK(result.value().deleted[0].key == "a<b&c");
  CHECK(result.value().deleted[1].deleteMarker);
  CHECK(result.value().deleted[1].deleteMarkerVersionId == "4");
  REQUIRE(result.value().errors.size() == 1);
  CHECK(result.value().errors[0].key == "locked.txt");
  CHECK(result.value().errors[0].code == "AccessDenied");
  CHECK(result.value().errors[0].message == "Access Denied");

  SUBCASE("more than 1,000 keys is refused before sending; deleteObjectsInBatches splits them") {
    std::vector<std::string> keys;
    for (int i = 0; i < 2345; ++i) keys.push_back("k" + std::to_string(i));
    auto tooMany = s3.send(S3::deleteObjects().bucket("b-1").keys(keys));
    REQUIRE_FALSE(tooMany.ok());
    CHECK(tooMany.error().problems.at(0).field == "Delete.Objects");
    CHECK(transport->requests.size() == 1);

    for (int i = 0; i < 3; ++i) transport->respond(200, "<DeleteResult/>");
    auto batched = s3.deleteObjectsInBatches("b-1", keys);
    REQUIRE(batched.ok());
    REQUIRE(transport->requests.size() == 4);
    auto objectsIn = [](const std::string& body) {
      std::size_t n = 0;
      for (std::size_t at = body.find("<Object>"); at != std::string::npos; at = body.find("<Object>", at + 1)) ++n;
      return n;
    };
    CHECK(objectsIn(transport->requests[1].body) == 1000);
    CHECK(objectsIn(transport->requests[2].body) == 1000);
    CHECK(objectsIn(transport->requests[3].body) == 345);
    CHECK(transport->requests[3].body.find("<Quiet>true</Quiet>") != std::string::npos);
  }
}

TEST_CASE("CompleteMultipartUpload lists the parts in order; out-of-order or empty lists are refused") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200,
                     "<CompleteMultipartUploadResult><Location>http://127.0.0.1:9000/b-1/big</Location><Bucket>b-1"
                     "</Bucket><Key>big</Key><ETag>\"abc-2\"</ETag></CompleteMultipartUploadResult>");

  auto done = s3.send(
      S3::completeMultipartUpload().bucket("b-1").key("big").uploadId("up/1+2").part(1, "\"e1\"").part(2, "\"e2\"", [] {
        s3::Checksums checksums;
        checksums.sha256 = "c2==";
        checksums.crc32 = "AAAAAA==";
        return checksums;
      }()));
  REQUIRE(done.ok());
  CHECK(done.value().eTag == "\"abc-2\"");
  const HttpRequest& sent = transport->requests[0];
  CHECK(sent.method == "POST");
  CHECK(sent.query == "uploadId=up%2F1%2B2");
  CHECK(sent.body ==
        "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><ETag>\"e1\""
        "</ETag><PartNumber>1</PartNumber></Part><Part><ETag>\"e2\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32>"
        "<ChecksumSHA256>c2==</ChecksumSHA256>"
        "<PartNumber>2</PartNumber></Part></CompleteMultipartUpload>");

  auto disordered = s3.send(S3::completeMultipartUpload().bucket("b-1").key("big").uploadId("u").part(2, "a").part(1, "b"));
  REQUIRE_FALSE(disordered.ok());
  CHECK(disordered.error().problems.at(0).field == "MultipartUpload.Parts[1].PartNumber");
  auto empty = s3.send(S3::completeMultipartUpload().bucket("b-1").key("big").uploadId("u"));
  REQUIRE_FALSE(empty.ok());
  CHECK(transport->requests.size() == 1);
}

TEST_CASE("a 200 answer with an <Error> body is an error, retried when transient") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  s3.core().retryPolicy().sleep = [](std::chrono::milliseconds) {};
  const std::string hiddenError =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal "
      "error. Please try again.</Message><RequestId>R1</RequestId></Error>";
  transport->respond(200, hiddenError).respond(200, hiddenError).respond(200, hiddenError);

  auto copied = s3.send(S3::copyObject().bucket("b-1").key("copy").copySource("b-1", "a b+c"));
  REQUIRE_FALSE(copied.ok());
  CHECK(copied.error().code == "InternalError");
  CHECK(copied.error().requestId == "R1");
  CHECK(copied.error().operation == "CopyObject");
  CHECK(transport->requests.size() == 3);
  CHECK(header(transport->requests[0], "x-amz-copy-source") == "b-1/a%20b%2Bc");
}

// ---- What S3 answers ---------------------------------------------------------------------------

TEST_CASE("ListObjectsV2: URL-encoded keys decoded, common prefixes, continuation tokens followed") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/"
                     "doc/2006-03-01/\"><Name>b-1</Name><Prefix>dir%2F</Prefix><Delimiter>%2F</Delimiter><KeyCount>3"
                     "</KeyCount><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                     "<NextContinuationToken>t/1+=</NextContinuationToken><Contents><Key>dir%2Fa+b%2Bc%25.txt</Key>"
                     "<LastModified>2026-11-25T21:28:47.000Z</LastModified><ETag>&quot;e1&quot;</ETag><Size>1234</Size>"
                     "<StorageClass>STANDARD</StorageClass></Contents><Contents><Key>dir%2F%C3%BC</Key><Size>0</Size>"
                     "<StorageClass>GLACIER</StorageClass></Contents><CommonPrefixes><Prefix>dir%2Fsub%2F</Prefix>"
                     "</CommonPrefixes></ListBucketResult>");
  transport->respond(200,
                     "<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated><Contents><Key>"
                     "dir%2Fz</Key><Size>5</Size></Contents></ListBucketResult>");

  auto all = s3.listAllObjects(S3::listObjectsV2().bucket("b-1").prefix("dir/").delimiter("/").maxKeys(2));
  REQUIRE(all.ok());
  const auto& result = all.value();
  REQUIRE(result.contents.size() == 3);
  CHECK(result.contents[0].key == "dir/a b+c%.txt");
  CHECK(result.contents[0].size == 1234);
  CHECK(result.contents[0].eTag == "\"e1\"");
  CHECK(result.contents[0].storageClass == "STANDARD");
  REQUIRE(result.contents[0].lastModified);
  CHECK(formatIso8601(*result.contents[0].lastModified) == "2026-11-25T21:28:47Z");
  CHECK(result.contents[1].key == "dir/\xC3\xBC");
  CHECK(result.contents[1].storageClass == "GLACIER");
  CHECK(result.contents[2].key == "dir/z");
  CHECK(result.commonPrefixes == std::vector<std::string>{"dir/sub/"});
  CHECK(result.prefix == "dir/");
  CHECK(result.delimiter == "/");

  REQUIRE(transport->requests.size() == 2);
  CHECK(queryParam(transport->requests[0].query, "list-type") == "2");
  CHECK(queryParam(transport->requests[0].query, "encoding-type") == "url");
  CHECK(queryParam(transport->requests[0].query, "continuation-token") == "<absent>");
  CHECK(queryParam(transport->requests[1].query, "continuation-token") == "t/1+=");
  CHECK(queryParam(transport->requests[1].query, "prefix") == "dir/");
}

TEST_CASE("HeadObject and GetObject read metadata from headers; a bodiless 404 is a typed error") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  transport->respond(200, "", headers({{"Content-Length", "11"}, {"Content-Type", "text/plain"}, {"ETag", "\"e\""},
                                       {"Last-Modified", "Wed, 25 Nov 2026 21:28:47 GMT"}, {"x-amz-meta-Color", "blue"},
                                       {"x-amz-storage-class", "STANDARD_IA"}, {"x-amz-version-id", "v1"}}));
  transport->respond(404, "", headers({{"x-amz-request-id", "REQ404"}}));
  transport->respond(206, "lo w", headers({{"Content-Range", "bytes 3-6/11"}, {"Content-Length", "4"}}));
  transport->respond(304, "");

  auto head = s3.send(S3::headObject().bucket("b-1").key("k"));
  REQUIRE(head.ok());
  CHECK(head.value().contentLength == 11);
  CHECK(head.value().metadata.at("color") == "blue");
  CHECK(head.value().storageClass == "STANDARD_IA");
  REQUIRE(head.value().lastModified);
  CHECK(formatIso8601(*head.value().lastModified) == "2026-11-25T21:28:47Z");
  CHECK(transport->requests[0].method == "HEAD");

  auto missing = s3.send(S3::headObject().bucket("b-1").key("missing"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::Service);
  CHECK(missing.error().code == "404");
  CHECK(missing.error().httpStatus == 404);
  CHECK(missing.error().requestId == "REQ404");
  CHECK_THROWS_AS(missing.value(), AwsError);

  auto ranged = s3.send(S3::getObject().bucket("b-1").key("k").range(3, 6).ifMatch("\"e\""));
  REQUIRE(ranged.ok());
  CHECK(ranged.value().body == "lo w");
  CHECK(ranged.value().contentRange == "bytes 3-6/11");
  CHECK(header(transport->requests[2], "Range") == "bytes=3-6");
  CHECK(header(transport->requests[2], "If-Match") == "\"e\"");

  auto unchanged = s3.send(S3::getObject().bucket("b-1").key("k").ifNoneMatch("\"e\""));
  REQUIRE_FALSE(unchanged.ok());
  CHECK(unchanged.error().code == "304");
}

// ---- Validation --------------------------------------------------------------------------------

TEST_CASE("bucket names: S3's naming rules for new buckets, each broken rule named") {
  awsdirect_test::ran();
  auto problemsOf = [](const std::string& name) {
    Validator v;
    s3::rules::newBucketName(v, name);
    std::vector<std::string> rules;
    for (const auto& p : v.problems()) rules.push_back(p.rule);
    return rules;
  };
  for (const std::string& good :
       std::vector<std::string>{"abc", "my-bucket.logs", "0bucket9", "a-b-c", std::string(63, 'a'), "xn-bucket"})
    CHECK_MESSAGE(problemsOf(good).empty(), good);

  auto breaks = [&](const std::string& name, const std::string& fragment) {
    auto rules = problemsOf(name);
    bool found = false;
    for (const auto& rule : rules) found = found || rule.find(fragment) != std::string::npos;
    CHECK_MESSAGE(found, (name + " should break a rule containing '" + fragment + "'"));
  };
  breaks("ab", "3 to 63 characters");
  breaks(std::string(64, 'a'), "3 to 63 characters");
  breaks("My-Bucket", "lowercase letters, digits, dots and hyphens");
  breaks("under_score", "lowercase letters, digits, dots and hyphens");
  breaks("-start", "begin and end with a letter or digit");
  breaks("end.", "begin and end with a letter or digit");
  breaks("two..dots", "two adjacent dots");
  breaks("192.168.5.4", "IP address");
  breaks("xn--punycode", "'xn--'");
  breaks("sthree-bucket", "'sthree-'");
  breaks("amzn-s3-demo-bucket", "'amzn-s3-demo-'");
  breaks("bucket-s3alias", "'-s3alias'");
  breaks("bucket--ol-s3", "'--ol-s3'");
  breaks("bucket.mrap", "'.mrap'");
  breaks("bucket--x-s3", "'--x-s3'");
  breaks("bucket--table-s3", "'--table-s3'");

  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  auto refused = s3.send(S3::createBucket().bucket("Bad..Bucket"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::Validation);
  CHECK(refused.error().operation == "CreateBucket");
  CHECK(refused.error().problems.size() >= 2);
  CHECK_THROWS_AS(refused.value(), ValidationError);
  // Existing buckets: legacy names pass, impossible ones do not.
  transport->respond(200, "");
  CHECK(s3.send(S3::headBucket().bucket("Legacy_Bucket")).ok());
  CHECK_FALSE(s3.send(S3::headBucket().bucket("has/slash")).ok());
  CHECK_FALSE(s3.send(S3::headBucket().bucket("")).ok());
  CHECK(transport->requests.size() == 1);
}

TEST_CASE("keys, storage classes, metadata, part numbers and local files are checked before sending") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  auto fieldsOf = [](const Error& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems) fields.insert(p.field);
    return fields;
  };

  auto put = s3.send(S3::putObject()
                         .bucket("b-1")
                         .key(std::string(1025, 'k'))
                         .storageClass("CHEAP")
                         .serverSideEncryption("rot13")
                         .metadata("bad name", "v\n")
                         .bodyFromFile("/nonexistent/awsdirect/file"));
  REQUIRE_FALSE(put.ok());
  CHECK(put.error().kind == ErrorKind::Validation);
  CHECK(fieldsOf(put.error()) ==
        std::set<std::string>{"Key", "StorageClass", "ServerSideEncryption", "Metadata[bad name]", "Body"});
  CHECK(put.error().message.find("does not exist") != std::string::npos);

  CHECK(fieldsOf(s3.send(S3::putObject().bucket("b-1").key("").body("x")).error()) == std::set<std::string>{"Key"});
  CHECK(fieldsOf(s3.send(S3::putObject().bucket("b-1").key("bad\xC3(utf8").body("x")).error()) == std::set<std::string>{"Key"});
  CHECK(fieldsOf(s3.send(S3::uploadPart().bucket("b-1").key("k").uploadId("u").partNumber(10001).body("x")).error()) ==
        std::set<std::string>{"PartNumber"});
  CHECK(fieldsOf(s3.send(S3::uploadPart().bucket("b-1").key("k").partNumber(1).body("x")).error()) ==
        std::set<std::string>{"UploadId"});
  CHECK(fieldsOf(s3.send(S3::getObject().bucket("b-1").key("k").range(9, 3)).error()) == std::set<std::string>{"Range"});
  CHECK(fieldsOf(s3.send(S3::getObject().bucket("b-1").key("k").toFile("/nonexistent/dir/file")).error()) ==
        std::set<std::string>{"File"});
  CHECK(fieldsOf(s3.send(S3::putObject().bucket("b-1").key("k").bodyFromFile("/tmp")).error()) ==
        std::set<std::string>{"Body"});

  Validator config;
  s3::TransferConfig().withMultipartChunkSize(1024).withMaxConcurrency(0).validate(config);
  CHECK(config.problems().size() == 2);
  CHECK(transport->requests.empty());
}

// ---- Region redirects --------------------------------------------------------------------------

TEST_CASE("a request that reached the wrong region is re-signed for the bucket's region, once, and remembered") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  const std::string permanentRedirect =
      "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using "
      "the specified endpoint.</Message><Endpoint>eu-bucket.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>eu-bucket"
      "</Bucket><RequestId>R301</RequestId></Error>";

  SUBCASE("301 PermanentRedirect with x-amz-bucket-region, on AWS: the region's endpoint") {
    S3 s3(configFor(transport, "us-east-1"));
    transport->respond(301, permanentRedirect, headers({{"x-amz-bucket-region", "eu-west-1"}}));
    transport->respond(200, "hello", headers({{"Content-Length", "5"}}));
    transport->respond(200, "again", headers({{"Content-Length", "5"}}));

    auto got = s3.send(S3::getObject().bucket("eu-bucket").key("k"));
    REQUIRE(got.ok());
    CHECK(got.value().body == "hello");
    REQUIRE(transport->requests.size() == 2);
    CHECK(transport->requests[0].host == "eu-bucket.s3.amazonaws.com");
    CHECK(signedRegion(transport->requests[0]) == "us-east-1");
    CHECK(transport->requests[1].host == "eu-bucket.s3.eu-west-1.amazonaws.com");
    CHECK(signedRegion(transport->requests[1]) == "eu-west-1");
    CHECK(s3.cachedBucketRegion("eu-bucket") == std::optional<std::string>("eu-west-1"));

    // The next call goes to the right region straight away.
    REQUIRE(s3.send(S3::getObject().bucket("eu-bucket").key("k")).ok());
    REQUIRE(transport->requests.size() == 3);
    CHECK(signedRegion(transport->requests[2]) == "eu-west-1");
  }
  SUBCASE("400 AuthorizationHeaderMalformed names the region in its body; custom endpoints stay") {
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    transport->respond(400,
                       "<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; "
                       "expecting 'ap-south-1'</Message><Region>ap-south-1</Region></Error>");
    transport->respond(200, "", headers({{"ETag", "\"e\""}}));
    REQUIRE(s3.send(S3::putObject().bucket("in-bucket").key("k").body("x")).ok());
    REQUIRE(transport->requests.size() == 2);
    CHECK(transport->requests[1].host == "127.0.0.1:9000");
    CHECK(signedRegion(transport->requests[1]) == "ap-south-1");
  }
  SUBCASE("a bodiless HEAD 301 carries the region in its header") {
    S3 s3(configFor(transport, "us-east-1"));
    transport->respond(301, "", headers({{"x-amz-bucket-region", "sa-east-1"}}));
    transport->respond(200, "", headers({{"x-amz-bucket-region", "sa-east-1"}}));
    auto head = s3.send(S3::headBucket().bucket("sa-bucket"));
    REQUIRE(head.ok());
    CHECK(head.value().bucketRegion == "sa-east-1");
    CHECK(signedRegion(transport->requests[1]) == "sa-east-1");
  }
  SUBCASE("with neither header nor region in the body, a HeadBucket finds the region") {
    S3 s3(configFor(transport, "us-east-1"));
    transport->respond(301, "<Error><Code>PermanentRedirect</Code><Message>elsewhere</Message></Error>");
    transport->respond(301, "", headers({{"x-amz-bucket-region", "eu-north-1"}}));
    transport->respond(204, "");
    REQUIRE(s3.send(S3::deleteObject().bucket("n-bucket").key("k")).ok());
    REQUIRE(transport->requests.size() == 3);
    CHECK(transport->requests[1].method == "HEAD");
    CHECK(transport->requests[2].method == "DELETE");
    CHECK(signedRegion(transport->requests[2]) == "eu-north-1");
  }
  SUBCASE("a second redirect is not followed: the error is returned") {
    S3 s3(configFor(transport, "us-east-1"));
    transport->respond(301, permanentRedirect, headers({{"x-amz-bucket-region", "eu-west-1"}}));
    transport->respond(301, permanentRedirect, headers({{"x-amz-bucket-region", "eu-west-2"}}));
    auto got = s3.send(S3::getObject().bucket("eu-bucket").key("k"));
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().code == "PermanentRedirect");
    CHECK(got.error().httpStatus == 301);
    CHECK(transport->requests.size() == 2);
  }
  SUBCASE("other errors are not redirects") {
    S3 s3(configFor(transport, "us-east-1"));
    transport->respond(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
                       headers({{"x-amz-bucket-region", "eu-west-1"}}));
    auto got = s3.send(S3::getObject().bucket("eu-bucket").key("k"));
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().code == "AccessDenied");
    CHECK(transport->requests.size() == 1);
  }
}

// ---- Transfers ---------------------------------------------------------------------------------

TEST_CASE("part sizes: 8 MiB by default, doubled past 10,000 parts, refused past 10,000 x 5 GiB") {
  awsdirect_test::ran();
  using s3::kMiB;
  CHECK(s3::partSizeFor(256 * kMiB, 8 * kMiB) == 8 * kMiB);
  CHECK(s3::partSizeFor(10000 * 8 * kMiB, 8 * kMiB) == 8 * kMiB);
  CHECK(s3::partSizeFor(10000 * 8 * kMiB + 1, 8 * kMiB) == 16 * kMiB);
  CHECK(s3::partSizeFor(100 * 1024 * kMiB, 8 * kMiB) == 16 * kMiB);
  CHECK(s3::partSizeFor(1024 * 1024 * kMiB, 8 * kMiB) == 128 * kMiB);  // 1 TiB
  CHECK(s3::partSizeFor(10000 * s3::kMaxPartSize, 8 * kMiB) == s3::kMaxPartSize);
  CHECK_FALSE(s3::partSizeFor(10000 * s3::kMaxPartSize + 1, 8 * kMiB));
}

namespace {

// Answers a multipart upload like S3; `onPart(partNumber, attempt, request)` may fail a part.
struct FakeMultipartS3 {
  std::atomic<int> creates{0}, completes{0}, aborts{0};
  std::map<int, int> attemptsOfPart;
  std::map<int, std::string> bodyOfPart;
  std::function<std::optional<HttpResponse>(int part, int attempt, const HttpRequest&)> onPart;
  std::mutex mutex;

  HttpResponse operator()(const HttpRequest& request) {
    if (request.method == "POST" && request.query == "uploads") {
      ++creates;
      return response(200, "<InitiateMultipartUploadResult><Bucket>b-1</Bucket><Key>big</Key><UploadId>UP1"
                           "</UploadId></InitiateMultipartUploadResult>");
    }
    if (request.method == "PUT" && queryParam(request.query, "uploadId") == "UP1") {
      const int part = std::stoi(queryParam(request.query, "partNumber"));
      int attempt;
      {
        std::lock_guard<std::mutex> lock(mutex);
        attempt = ++attemptsOfPart[part];
      }
      if (onPart)
        if (auto failure = onPart(part, attempt, request)) return *failure;
      std::lock_guard<std::mutex> lock(mutex);
      bodyOfPart[part] = request.body;
      HttpResponse ok = response(200, "", headers({{"ETag", ("\"etag-" + std::to_string(part) + "\"").c_str()}}));
      // S3 answers with the checksum it verified.
      if (const std::string* checksum = request.headers.get("x-amz-checksum-sha256"))
        ok.headers.add("x-amz-checksum-sha256", *checksum);
      return ok;
    }
    if (request.method == "POST" && queryParam(request.query, "uploadId") == "UP1") {
      ++completes;
      return response(200, "<CompleteMultipartUploadResult><ETag>\"whole-4\"</ETag></CompleteMultipartUploadResult>");
    }
    if (request.method == "DELETE" && queryParam(request.query, "uploadId") == "UP1") {
      ++aborts;
      return response(204);
    }
    return response(400, "<Error><Code>Unexpected</Code><Message>" + request.method + " " + request.query +
                             "</Message></Error>");
  }
};

const std::string kInternalError = "<Error><Code>InternalError</Code><Message>try again</Message></Error>";

}  // namespace

TEST_CASE("multipart upload: parts in parallel, a failed part retried with a fresh hash, progress adding up") {
  awsdirect_test::ran();
  using s3::kMiB;
  const std::string dir = temporaryDirectory();
  const std::string file = dir + "/upload.bin";
  const std::string original = patternBytes(20 * kMiB + 12345);
  writeFile(file, original);

  auto fake = std::make_shared<FakeMultipartS3>();
  std::string changedPart2;
  fake->onPart = [&](int part, int attempt, const HttpRequest& request) -> std::optional<HttpResponse> {
    // The body hash signed with each attempt is that of the bytes this attempt sent.
    CHECK(header(request, "x-amz-content-sha256") == sha256Hex(request.body));
    CHECK(header(request, "x-amz-checksum-sha256") == base64Encode(sha256(request.body)));
    if (part == 2 && attempt == 1) {
      // The part fails, and its bytes change before the retry: the retry must sign the new bytes.
      std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(static_cast<std::streamoff>(8 * kMiB + 100));
      f.write("CHANGED", 7);
      f.close();
      return response(500, kInternalError);
    }
    return std::nullopt;
  };
  auto transport = std::make_shared<HandlerTransport>([fake](const HttpRequest& r) { return (*fake)(r); });
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  s3.core().retryPolicy().sleep = [](std::chrono::milliseconds) {};

  std::vector<std::uint64_t> reported;
  std::uint64_t reportedTotal = 0;
  S3Transfer transfer(s3, s3::TransferConfig().withMultipartThreshold(8 * kMiB).withMultipartChunkSize(8 * kMiB));
  auto uploaded = transfer.uploadFile(s3::UploadFileRequest()
                                          .bucket("b-1")
                                          .key("big")
                                          .file(file)
                                          .storageClass("STANDARD")
                                          .contentType("application/octet-stream")
                                          .checksumSha256()
                                          .onProgress([&](std::uint64_t done, std::uint64_t total) {
                                            reported.push_back(done);
                                            reportedTotal = total;
                                          }));
  REQUIRE(uploaded.ok());
  CHECK(uploaded.value().eTag == "\"whole-4\"");
  CHECK(uploaded.value().parts == 3);
  CHECK(uploaded.value().partSize == 8 * kMiB);
  CHECK(fake->creates == 1);
  CHECK(fake->completes == 1);
  CHECK(fake->aborts == 0);
  CHECK(fake->attemptsOfPart[2] == 2);
  CHECK(fake->attemptsOfPart[1] == 1);
  const std::string now = readFile(file);
  CHECK((fake->bodyOfPart[1] == now.substr(0, 8 * kMiB)));
  CHECK((fake->bodyOfPart[2] == now.substr(8 * kMiB, 8 * kMiB)));
  CHECK(fake->bodyOfPart[2].find("CHANGED") == 100);
  CHECK((fake->bodyOfPart[3] == now.substr(16 * kMiB)));

  // Create carries the object's attributes; the completion lists every part with its checksum.
  const HttpRequest* create = nullptr;
  const HttpRequest* complete = nullptr;
  for (const auto& r : transport->requests) {
    if (r.method == "POST" && r.query == "uploads") create = &r;
    if (r.method == "POST" && r.query != "uploads") complete = &r;
  }
  REQUIRE(create);
  CHECK(header(*create, "x-amz-storage-class") == "STANDARD");
  CHECK(header(*create, "Content-Type") == "application/octet-stream");
  CHECK(header(*create, "x-amz-checksum-algorithm") == "SHA256");
  REQUIRE(complete);
  CHECK(complete->body.find("<Part><ETag>\"etag-1\"</ETag><ChecksumSHA256>" +
                            base64Encode(sha256(fake->bodyOfPart[1])) + "</ChecksumSHA256><PartNumber>1</PartNumber>") !=
        std::string::npos);
  CHECK(complete->body.find("<PartNumber>3</PartNumber></Part></CompleteMultipartUpload>") != std::string::npos);

  REQUIRE_FALSE(reported.empty());
  CHECK(reportedTotal == original.size());
  CHECK(std::is_sorted(reported.begin(), reported.end()));
  CHECK(reported.back() == original.size());

  std::remove(file.c_str());
  rmdir(dir.c_str());
}

TEST_CASE("multipart upload: a part that keeps failing aborts the upload, so no parts are left billed") {
  awsdirect_test::ran();
  using s3::kMiB;
  const std::string dir = temporaryDirectory();
  const std::string file = dir + "/upload.bin";
  writeFile(file, patternBytes(60 * kMiB));

  auto fake = std::make_shared<FakeMultipartS3>();
  fake->onPart = [](int part, int, const HttpRequest&) -> std::optional<HttpResponse> {
    if (part == 3) return response(503, "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>");
    return std::nullopt;
  };
  auto transport = std::make_shared<HandlerTransport>([fake](const HttpRequest& r) { return (*fake)(r); });
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  s3.core().retryPolicy().sleep = [](std::chrono::milliseconds) {};

  S3Transfer transfer(s3, s3::TransferConfig().withMultipartChunkSize(5 * kMiB).withMaxConcurrency(2));
  auto uploaded = transfer.uploadFile(s3::UploadFileRequest().bucket("b-1").key("big").file(file));
  REQUIRE_FALSE(uploaded.ok());
  CHECK(uploaded.error().code == "SlowDown");
  CHECK(uploaded.error().operation == "UploadPart");
  CHECK(uploaded.error().message.find("multipart upload UP1 aborted") != std::string::npos);
  CHECK(fake->attemptsOfPart[3] == 3);  // the client's three attempts
  CHECK(fake->aborts == 1);
  CHECK(fake->completes == 0);
  // Once a part has failed for good, no new parts are started: 12 parts, few of them tried.
  CHECK(fake->attemptsOfPart.size() < 12);

  SUBCASE("a failed completion aborts too") {
    auto failing = std::make_shared<FakeMultipartS3>();
    auto completeFails = std::make_shared<HandlerTransport>([failing](const HttpRequest& r) {
      if (r.method == "POST" && r.query.rfind("uploadId=", 0) == 0)
        return response(400, "<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not "
                             "be found.</Message></Error>");
      return (*failing)(r);
    });
    S3 other(configFor(completeFails, "us-east-1", "http://127.0.0.1:9000"));
    S3Transfer again(other);
    auto result = again.uploadFile(s3::UploadFileRequest().bucket("b-1").key("big").file(file));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "InvalidPart");
    CHECK(failing->aborts == 1);
  }
  std::remove(file.c_str());
  rmdir(dir.c_str());
}

TEST_CASE("small files go in one streamed PutObject; big downloads come in ranges, all or nothing") {
  awsdirect_test::ran();
  using s3::kMiB;
  const std::string dir = temporaryDirectory();
  const std::string object = patternBytes(21 * kMiB + 7, 3);

  SUBCASE("a file under the threshold is one PutObject, hashed and streamed") {
    writeFile(dir + "/small.bin", object.substr(0, 3 * kMiB));
    std::uint64_t progressNow = 0, progressWhenSent = 1;
    // Progress counts bytes sent, not the hashing pass that reads the file before sending.
    struct ProgressProbe : Transport {
      std::uint64_t& now;
      std::uint64_t& whenSent;
      HandlerTransport inner{[](const HttpRequest&) { return response(200, "", headers({{"ETag", "\"small\""}})); }};
      ProgressProbe(std::uint64_t& n, std::uint64_t& w) : now(n), whenSent(w) {}
      HttpResponse send(const HttpRequest& request) override {
        whenSent = now;
        return inner.send(request);
      }
    };
    auto probe = std::make_shared<ProgressProbe>(progressNow, progressWhenSent);
    S3 s3(configFor(probe, "us-east-1", "http://127.0.0.1:9000"));
    S3Transfer transfer(s3);
    auto result = transfer.uploadFile(s3::UploadFileRequest().bucket("b-1").key("small").file(dir + "/small.bin").onProgress(
        [&](std::uint64_t done, std::uint64_t) { progressNow = done; }));
    REQUIRE(result.ok());
    CHECK(progressWhenSent == 0);
    CHECK(progressNow == 3 * kMiB);
    auto& transport = *(&probe->inner);
    CHECK(result.value().parts == 0);
    REQUIRE(transport.requests.size() == 1);
    CHECK(transport.requests[0].method == "PUT");
    CHECK((transport.requests[0].body == object.substr(0, 3 * kMiB)));
    CHECK(header(transport.requests[0], "x-amz-content-sha256") == sha256Hex(object.substr(0, 3 * kMiB)));
    std::remove((dir + "/small.bin").c_str());
  }
  SUBCASE("ranged parts land in place, each asked for the same ETag") {
    std::atomic<int> gets{0};
    auto transport = std::make_shared<HandlerTransport>([&](const HttpRequest& r) {
      if (r.method == "HEAD")
        return response(200, "", headers({{"Content-Length", std::to_string(object.size()).c_str()}, {"ETag", "\"v1\""}}));
      ++gets;
      CHECK(header(r, "If-Match") == "\"v1\"");
      std::string range = header(r, "Range");
      std::uint64_t first = 0, last = 0;
      REQUIRE(std::sscanf(range.c_str(), "bytes=%lu-%lu", &first, &last) == 2);
      const std::string contentRange =
          "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(object.size());
      return response(206, object.substr(first, last - first + 1), headers({{"Content-Range", contentRange.c_str()}}));
    });
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    S3Transfer transfer(s3);
    std::uint64_t lastDone = 0;
    auto result = transfer.downloadFile(s3::DownloadFileRequest().bucket("b-1").key("big").file(dir + "/down.bin").onProgress(
        [&](std::uint64_t done, std::uint64_t total) {
          CHECK(total == object.size());
          CHECK(done >= lastDone);
          lastDone = done;
        }));
    REQUIRE(result.ok());
    CHECK(result.value().parts == 3);
    CHECK(gets == 3);
    CHECK(lastDone == object.size());
    CHECK((readFile(dir + "/down.bin") == object));
    CHECK(filesIn(dir) == std::vector<std::string>{"down.bin"});
    std::remove((dir + "/down.bin").c_str());
  }
  SUBCASE("a part that is short, long or from another range is fetched again, and never makes a corrupt file") {
    // What the server does to each GET, in order; then it answers correctly.
    std::vector<std::string> faults;
    std::atomic<int> gets{0};
    std::mutex mutex;
    auto transport = std::make_shared<HandlerTransport>([&](const HttpRequest& r) {
      if (r.method == "HEAD")
        return response(200, "", headers({{"Content-Length", std::to_string(object.size()).c_str()}, {"ETag", "\"v1\""}}));
      ++gets;
      std::string fault;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!faults.empty()) {
          fault = faults.front();
          faults.erase(faults.begin());
        }
      }
      std::uint64_t first = 0, last = 0;
      REQUIRE(std::sscanf(header(r, "Range").c_str(), "bytes=%lu-%lu", &first, &last) == 2);
      if (fault == "ignore-range") return response(200, object);  // the whole object, no Content-Range
      if (fault == "short") last -= 1000;
      std::string contentRange =
          "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(object.size());
      if (fault == "wrong-range") contentRange = "bytes 0-99/" + std::to_string(object.size());
      return response(206, object.substr(first, last - first + 1), headers({{"Content-Range", contentRange.c_str()}}));
    });
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    S3Transfer transfer(s3, s3::TransferConfig().withMaxConcurrency(1));
    auto download = [&] {
      return transfer.downloadFile(s3::DownloadFileRequest().bucket("b-1").key("big").file(dir + "/down.bin"));
    };

    faults = {"short", "ignore-range"};  // part 1 twice wrong, then right
    auto repaired = download();
    REQUIRE(repaired.ok());
    CHECK(gets == 5);
    CHECK((readFile(dir + "/down.bin") == object));
    std::remove((dir + "/down.bin").c_str());

    gets = 0;
    faults = {"wrong-range", "wrong-range", "wrong-range"};
    auto failed = download();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().kind == ErrorKind::Integrity);
    CHECK(failed.error().code == "UnexpectedRange");
    CHECK(failed.error().message.find("(after 3 attempts)") != std::string::npos);
    CHECK(filesIn(dir).empty());  // no partial or corrupt file left

    faults = {"ignore-range", "ignore-range", "ignore-range"};
    auto ignored = download();
    REQUIRE_FALSE(ignored.ok());
    CHECK(ignored.error().code == "UnexpectedLength");
    CHECK(filesIn(dir).empty());
  }
  SUBCASE("a part that fails leaves no file behind, not even a partial one") {
    auto transport = std::make_shared<HandlerTransport>([&](const HttpRequest& r) {
      if (r.method == "HEAD")
        return response(200, "", headers({{"Content-Length", std::to_string(object.size()).c_str()}, {"ETag", "\"v1\""}}));
      if (header(r, "Range").rfind("bytes=8388608-", 0) == 0)
        return response(412, "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you "
                             "specified did not hold</Message></Error>");
      std::uint64_t first = 0, last = 0;
      std::sscanf(header(r, "Range").c_str(), "bytes=%lu-%lu", &first, &last);
      return response(206, object.substr(first, last - first + 1));
    });
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    S3Transfer transfer(s3);
    auto result = transfer.downloadFile(s3::DownloadFileRequest().bucket("b-1").key("big").file(dir + "/down.bin"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "PreconditionFailed");
    CHECK(filesIn(dir).empty());
  }
  SUBCASE("GetObject into a file: streamed into a temporary file, renamed when complete") {
    auto transport = std::make_shared<ScriptedTransport>();
    transport->respond(200, object.substr(0, 1000), headers({{"Content-Length", "1000"}}));
    transport->respond(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    auto got = s3.send(S3::getObject().bucket("b-1").key("k").toFile(dir + "/one.bin"));
    REQUIRE(got.ok());
    CHECK(got.value().body.empty());
    CHECK((readFile(dir + "/one.bin") == object.substr(0, 1000)));
    auto missing = s3.send(S3::getObject().bucket("b-1").key("gone").toFile(dir + "/two.bin"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "NoSuchKey");
    CHECK(filesIn(dir) == std::vector<std::string>{"one.bin"});
    std::remove((dir + "/one.bin").c_str());
  }
  rmdir(dir.c_str());
}

TEST_CASE("an S3 result whose document is not the operation's is a ParseError, never an empty result") {
  awsdirect_test::ran();
  for (const char* body : {"<html><body><p>Sign in to the hotel network</p></body></html>",
                           "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>", ""}) {
    CAPTURE(body);
    auto transport = std::make_shared<HandlerTransport>([&](const HttpRequest&) { return response(200, body); });
    S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
    auto listed = s3.send(S3::listObjectsV2().bucket("b-1"));
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().kind == ErrorKind::Parse);
    CHECK(listed.error().message.find("the response is not <ListBucketResult>: ") == 0);
    CHECK(listed.error().operation == "ListObjectsV2");
  }
}

TEST_CASE("checksum policies: when_supported sends and checks by default; when_required from the environment does not; a bad value names its source") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  transport->respond(200, "");
  transport->respond(200, "hello world", headers({{"x-amz-checksum-crc32", "DUoRhQ=="}}));
  transport->respond(200, "hello world", headers({{"x-amz-checksum-crc32", "AAAAAA=="}}));
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  REQUIRE(s3.send(S3::putObject().bucket("b-1").key("k").body("hello world")).ok());
  CHECK(header(transport->requests[0], "x-amz-sdk-checksum-algorithm") == "CRC32");
  CHECK(header(transport->requests[0], "x-amz-checksum-crc32") == "DUoRhQ==");
  CHECK(header(transport->requests[0], "Authorization").find("x-amz-checksum-crc32") != std::string::npos);  // signed
  auto got = s3.send(S3::getObject().bucket("b-1").key("k"));
  REQUIRE(got.ok());
  CHECK(header(transport->requests[1], "x-amz-checksum-mode") == "ENABLED");
  CHECK(got.value().verifiedChecksum == "CRC32 DUoRhQ==");
  auto corrupt = s3.send(S3::getObject().bucket("b-1").key("k"));
  REQUIRE_FALSE(corrupt.ok());
  CHECK(corrupt.error().kind == ErrorKind::Integrity);
  CHECK(corrupt.error().code == "ChecksumMismatch");

  auto quiet = std::make_shared<ScriptedTransport>();
  quiet->respond(200, "");
  quiet->respond(200, "hello world", headers({{"x-amz-checksum-crc32", "AAAAAA=="}}));
  S3 required(configFor(quiet, "us-east-1", "http://127.0.0.1:9000",
                        {{"AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED"}, {"AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required"}}));
  CHECK(required.requestChecksumCalculation() == ChecksumPolicy::WhenRequired);
  REQUIRE(required.send(S3::putObject().bucket("b-1").key("k").body("hello world")).ok());
  CHECK_FALSE(quiet->requests[0].headers.has("x-amz-sdk-checksum-algorithm"));
  CHECK_FALSE(quiet->requests[0].headers.has("x-amz-checksum-crc32"));
  auto notAsked = required.send(S3::getObject().bucket("b-1").key("k"));
  CHECK_FALSE(quiet->requests[1].headers.has("x-amz-checksum-mode"));
  REQUIRE_FALSE(notAsked.ok());  // not asked for; but a checksum that arrives is always checked
  CHECK(notAsked.error().code == "ChecksumMismatch");

  try {
    S3 bad(configFor(quiet, "us-east-1", "", {{"AWS_RESPONSE_CHECKSUM_VALIDATION", "always"}}));
    FAIL("an invalid policy was accepted");
  } catch (const Exception& e) {
    CHECK(e.error().kind == ErrorKind::Configuration);
    CHECK(e.error().message.find("AWS_RESPONSE_CHECKSUM_VALIDATION 'always'") != std::string::npos);
  }
}

TEST_CASE("an S3 200 whose body is not XML is retried, as botocore; a Query one is not; GetObject's body is the object") {
  awsdirect_test::ran();
  auto transport = std::make_shared<ScriptedTransport>();
  S3 s3(configFor(transport, "us-east-1", "http://127.0.0.1:9000"));
  awsdirect_test::instantRetries(s3);
  transport->respond(200, "<ListBucketResult><Name>b-1</Na");  // cut off on the way
  transport->respond(200, "<ListBucketResult><Name>b-1</Name><KeyCount>0</KeyCount></ListBucketResult>");
  auto listed = s3.send(S3::listObjectsV2().bucket("b-1"));
  REQUIRE_MESSAGE(listed.ok(), listed.error().describe());
  CHECK(transport->requests.size() == 2);

  for (int i = 0; i < 3; ++i) transport->respond(200, "<html><body>Sign in to the Wi-Fi</body>");
  auto garbled = s3.send(S3::listObjectsV2().bucket("b-1"));
  REQUIRE_FALSE(garbled.ok());
  CHECK(garbled.error().kind == ErrorKind::Parse);
  CHECK(garbled.error().code == "MalformedXml");
  CAPTURE(garbled.error().message);
  CHECK(garbled.error().message.find("it begins '<html><body>Sign in") != std::string::npos);
  CHECK(transport->requests.size() == 5);

  transport->respond(200, "not XML, and that is fine: it is the object");
  auto object = s3.send(S3::getObject().bucket("b-1").key("k"));
  REQUIRE(object.ok());
  CHECK(transport->requests.size() == 6);
}
