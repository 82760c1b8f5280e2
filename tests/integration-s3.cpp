// S3 against a local AWS (moto_server on a loopback port): the seed's bucket lifecycle with its
// public access block, small and multipart uploads downloaded back byte for byte, once more with
// moto checking every signature; special keys, listings of more than 1,000 keys, batch deletes,
// presigned GET and PUT; and the s3 example driven as a user would, checked with the AWS CLI.
#include <doctest/doctest.h>

#include <awsdirect/s3.hpp>
#include <awsdirect/curl_transport.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/command.hpp"
#include "support/moto.hpp"

using namespace awsdirect;
using awsdirect_test::MotoServer;

namespace {

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    char pattern[] = "/tmp/awsdirect-integration-s3-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    path_ = pattern;
  }
  ~TemporaryDirectory() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string patternBytes(std::size_t size, unsigned seed) {
  std::string out(size, '\0');
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  for (std::size_t i = 0; i < size; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out[i] = static_cast<char>(state);
  }
  return out;
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

// The seed's lifecycle: a private bucket in `region`, a small file with storage class STANDARD
// and a multipart one, both downloaded back identical, everything deleted.
void runLifecycle(S3& s3, const std::string& region) {
  using s3::kMiB;
  TemporaryDirectory dir;
  const std::string bucket = "seed-bucket";

  auto created = s3.send(S3::createBucket().bucket(bucket).region(region));
  REQUIRE_MESSAGE(created.ok(), created.error().describe());
  REQUIRE(s3.send(S3::putPublicAccessBlock().bucket(bucket).blockAll()).ok());
  auto block = s3.send(S3::getPublicAccessBlock().bucket(bucket));
  REQUIRE_MESSAGE(block.ok(), block.error().describe());
  CHECK(block.value().allOn());
  auto head = s3.send(S3::headBucket().bucket(bucket));
  REQUIRE(head.ok());
  CHECK(head.value().bucketRegion == region);

  const std::string small = patternBytes(100 * 1024 + 3, 1);
  const std::string big = patternBytes(20 * kMiB + 5, 2);
  writeFile(dir.file("small.bin"), small);
  writeFile(dir.file("big.bin"), big);

  S3Transfer transfer(s3);
  auto uploadedSmall =
      transfer.uploadFile(s3::UploadFileRequest().bucket(bucket).key("files/small.bin").file(dir.file("small.bin")).storageClass("STANDARD"));
  REQUIRE_MESSAGE(uploadedSmall.ok(), uploadedSmall.error().describe());
  CHECK(uploadedSmall.value().parts == 0);
  std::uint64_t lastProgress = 0;
  auto uploadedBig = transfer.uploadFile(s3::UploadFileRequest()
                                             .bucket(bucket)
                                             .key("files/big.bin")
                                             .file(dir.file("big.bin"))
                                             .storageClass("STANDARD")
                                             .contentType("application/octet-stream")
                                             .metadata("origin", "awsdirect")
                                             .onProgress([&](std::uint64_t done, std::uint64_t) { lastProgress = done; }));
  REQUIRE_MESSAGE(uploadedBig.ok(), uploadedBig.error().describe());
  CHECK(uploadedBig.value().parts == 3);
  CHECK(lastProgress == big.size());

  auto headBig = s3.send(S3::headObject().bucket(bucket).key("files/big.bin"));
  REQUIRE(headBig.ok());
  CHECK(headBig.value().contentLength == big.size());
  CHECK(headBig.value().contentType == "application/octet-stream");
  CHECK(headBig.value().metadata["origin"] == "awsdirect");
  CHECK(headBig.value().eTag.find("-3\"") != std::string::npos);

  // No prefix here: moto's signature check mis-handles '/' in query values (real S3 does not),
  // and this runs against the checking moto too. Prefixes are tested on an ordinary moto.
  auto listed = s3.listAllObjects(S3::listObjectsV2().bucket(bucket));
  REQUIRE_MESSAGE(listed.ok(), listed.error().describe());
  REQUIRE(listed.value().contents.size() == 2);
  for (const auto& object : listed.value().contents) CHECK(object.storageClass == "STANDARD");

  auto downloadedSmall =
      transfer.downloadFile(s3::DownloadFileRequest().bucket(bucket).key("files/small.bin").file(dir.file("small.out")));
  REQUIRE_MESSAGE(downloadedSmall.ok(), downloadedSmall.error().describe());
  CHECK((readFile(dir.file("small.out")) == small));
  auto downloadedBig =
      transfer.downloadFile(s3::DownloadFileRequest().bucket(bucket).key("files/big.bin").file(dir.file("big.out")));
  REQUIRE_MESSAGE(downloadedBig.ok(), downloadedBig.error().describe());
  CHECK(downloadedBig.value().parts == 3);
  CHECK((readFile(dir.file("big.out")) == big));

  writeFile(dir.file("empty.bin"), "");
  REQUIRE(transfer.uploadFile(s3::UploadFileRequest().bucket(bucket).key("files/empty.bin").file(dir.file("empty.bin"))).ok());
  auto downloadedEmpty =
      transfer.downloadFile(s3::DownloadFileRequest().bucket(bucket).key("files/empty.bin").file(dir.file("empty.out")));
  REQUIRE_MESSAGE(downloadedEmpty.ok(), downloadedEmpty.error().describe());
  CHECK(downloadedEmpty.value().size == 0);
  CHECK(readFile(dir.file("empty.out")).empty());
  REQUIRE(s3.send(S3::deleteObject().bucket(bucket).key("files/empty.bin")).ok());

  auto ranged = s3.send(S3::getObject().bucket(bucket).key("files/big.bin").range(8 * kMiB - 2, 8 * kMiB + 1));
  REQUIRE(ranged.ok());
  CHECK((ranged.value().body == big.substr(8 * kMiB - 2, 4)));

  auto notEmpty = s3.send(S3::deleteBucket().bucket(bucket));
  REQUIRE_FALSE(notEmpty.ok());
  CHECK(notEmpty.error().code == "BucketNotEmpty");
  CHECK(notEmpty.error().httpStatus == 409);

  auto deleted = s3.send(S3::deleteObjects().bucket(bucket).key("files/small.bin").key("files/big.bin"));
  REQUIRE(deleted.ok());
  CHECK(deleted.value().deleted.size() == 2);
  CHECK(deleted.value().errors.empty());
  REQUIRE(s3.send(S3::deleteBucket().bucket(bucket)).ok());
  auto gone = s3.send(S3::headBucket().bucket(bucket));
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "404");
}

}  // namespace

TEST_CASE("the seed's bucket lifecycle against moto: private bucket, small and multipart files, deleted") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  runLifecycle(s3, "eu-west-1");
  runLifecycle(s3, "us-east-1");
}

TEST_CASE("the seed's bucket lifecycle against moto checking every signature") {
  auto moto = MotoServer::start({/*checkSignatures=*/true});
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  runLifecycle(s3, "eu-west-1");

  ClientConfig wrong = moto->clientConfig();
  wrong.withCredentials(Credentials(moto->credentials().accessKeyId, "not-the-secret-key"));
  auto refused = S3(wrong).send(S3::listBuckets());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "SignatureDoesNotMatch");
  CHECK(refused.error().httpStatus == 403);
  CHECK(refused.error().message.find("not-the-secret-key") == std::string::npos);
}

TEST_CASE("botocore's waiters: bucket and object existence and absence") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  WaitOptions quick;
  quick.delay = std::chrono::milliseconds(50);
  quick.timeout = std::chrono::seconds(2);

  auto absent = s3.waitUntilBucketExists("waited-bucket", quick);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().code == "WaiterTimeout");
  CHECK(s3.waitUntilBucketNotExists("waited-bucket", quick).ok());
  REQUIRE(s3.send(S3::createBucket().bucket("waited-bucket")).ok());
  CHECK(s3.waitUntilBucketExists("waited-bucket", quick).ok());

  REQUIRE(s3.send(S3::putObject().bucket("waited-bucket").key("k").body("v")).ok());
  CHECK(s3.waitUntilObjectExists("waited-bucket", "k", quick).ok());
  REQUIRE(s3.send(S3::deleteObject().bucket("waited-bucket").key("k")).ok());
  CHECK(s3.waitUntilObjectNotExists("waited-bucket", "k", quick).ok());
  CHECK_FALSE(s3.waitUntilObjectExists("waited-bucket", "k", quick).ok());
  REQUIRE(s3.send(S3::deleteBucket().bucket("waited-bucket")).ok());
  CHECK(s3.waitUntilBucketNotExists("waited-bucket", quick).ok());
}

TEST_CASE("keys with spaces, + % # ? = &, dot segments and non-ASCII round-trip exactly") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("special-keys")).ok());

  const std::vector<std::string> keys = {
      "with space.txt",       "plus+sign",       "percent%41%",        "hash#tag",        "question?mark",
      "equals=and&amp",       "dir/sub dir/f",   "caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
      "emoji-\xF0\x9F\x98\x80", "tilde~star*paren(1)", "quote'double\"<lt>", "a/./b/../c"};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CAPTURE(keys[i]);
    auto put = s3.send(S3::putObject().bucket("special-keys").key(keys[i]).body("body of " + keys[i]));
    REQUIRE_MESSAGE(put.ok(), put.error().describe());
    auto got = s3.send(S3::getObject().bucket("special-keys").key(keys[i]));
    REQUIRE_MESSAGE(got.ok(), got.error().describe());
    CHECK(got.value().body == "body of " + keys[i]);
  }
  auto listed = s3.listAllObjects(S3::listObjectsV2().bucket("special-keys"));
  REQUIRE(listed.ok());
  std::vector<std::string> found;
  for (const auto& object : listed.value().contents) found.push_back(object.key);
  std::vector<std::string> expected = keys;
  std::sort(expected.begin(), expected.end());
  std::sort(found.begin(), found.end());
  CHECK(found == expected);

  // A prefix and a delimiter with '/' in the query, and a copy whose source needs encoding.
  auto underDir = s3.send(S3::listObjectsV2().bucket("special-keys").prefix("dir/").delimiter("/"));
  REQUIRE(underDir.ok());
  CHECK(underDir.value().commonPrefixes == std::vector<std::string>{"dir/sub dir/"});
  auto copied = s3.send(S3::copyObject().bucket("special-keys").key("copy of plus+sign").copySource("special-keys", "plus+sign"));
  REQUIRE_MESSAGE(copied.ok(), copied.error().describe());
  CHECK(s3.send(S3::getObject().bucket("special-keys").key("copy of plus+sign")).value().body == "body of plus+sign");

  std::vector<std::string> all = keys;
  all.push_back("copy of plus+sign");
  auto deleted = s3.deleteObjectsInBatches("special-keys", all, /*quiet=*/false);
  REQUIRE(deleted.ok());
  CHECK(deleted.value().deleted.size() == all.size());
  CHECK(s3.send(S3::deleteBucket().bucket("special-keys")).ok());
}

TEST_CASE("listings of more than 1,000 keys follow continuation tokens; batch delete empties them") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("many-keys")).ok());

  std::vector<std::string> keys;
  for (int i = 0; i < 1050; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "many/k%04d", i);
    keys.push_back(key);
  }
  keys.push_back("other/x");
  for (const auto& key : keys) REQUIRE(s3.send(S3::putObject().bucket("many-keys").key(key).body("x")).ok());

  int pages = 0;
  std::size_t seen = 0;
  REQUIRE(s3.forEachPage(S3::listObjectsV2().bucket("many-keys").prefix("many/"), [&](const s3::ListObjectsV2Result& page) {
              ++pages;
              seen += page.contents.size();
              return true;
            }).ok());
  CHECK(pages == 2);
  CHECK(seen == 1050);

  auto all = s3.listAllObjects(S3::listObjectsV2().bucket("many-keys").maxKeys(100));
  REQUIRE(all.ok());
  REQUIRE(all.value().contents.size() == keys.size());
  CHECK(all.value().contents.front().key == "many/k0000");
  CHECK(all.value().contents.back().key == "other/x");

  auto rolledUp = s3.listAllObjects(S3::listObjectsV2().bucket("many-keys").delimiter("/"));
  REQUIRE(rolledUp.ok());
  CHECK(rolledUp.value().contents.empty());
  CHECK(rolledUp.value().commonPrefixes == std::vector<std::string>{"many/", "other/"});

  auto after = s3.listAllObjects(S3::listObjectsV2().bucket("many-keys").prefix("many/").startAfter("many/k1000"));
  REQUIRE(after.ok());
  CHECK(after.value().contents.size() == 49);

  auto deleted = s3.deleteObjectsInBatches("many-keys", keys);
  REQUIRE(deleted.ok());
  CHECK(deleted.value().errors.empty());
  auto empty = s3.send(S3::listObjectsV2().bucket("many-keys"));
  REQUIRE(empty.ok());
  CHECK(empty.value().contents.empty());
  CHECK(s3.send(S3::deleteBucket().bucket("many-keys")).ok());
}

TEST_CASE("presigned PUT and GET URLs work for whoever holds them") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("presigned")).ok());

  auto putUrl = s3.presign(S3::putObject().bucket("presigned").key("shared/report 1+1.txt"), std::chrono::minutes(5));
  REQUIRE(putUrl.ok());
  auto getUrl = s3.presign(S3::getObject().bucket("presigned").key("shared/report 1+1.txt"), std::chrono::minutes(5));
  REQUIRE(getUrl.ok());

  // Someone without credentials: a bare HTTP client and the URL.
  auto fetch = [](const std::string& method, const std::string& url, const std::string& body) {
    CurlTransport http;
    HttpRequest request;
    request.method = method;
    std::size_t schemeEnd = url.find("://");
    std::size_t pathStart = url.find('/', schemeEnd + 3);
    std::size_t queryStart = url.find('?');
    request.scheme = url.substr(0, schemeEnd);
    request.host = url.substr(schemeEnd + 3, pathStart - schemeEnd - 3);
    request.path = url.substr(pathStart, queryStart - pathStart);
    request.query = url.substr(queryStart + 1);
    request.body = body;
    return http.send(request);
  };
  HttpResponse put = fetch("PUT", putUrl.value(), "shared through a presigned URL");
  CHECK(put.status == 200);
  HttpResponse get = fetch("GET", getUrl.value(), "");
  CHECK(get.status == 200);
  CHECK(get.body == "shared through a presigned URL");
  auto head = s3.send(S3::headObject().bucket("presigned").key("shared/report 1+1.txt"));
  REQUIRE(head.ok());
  CHECK(head.value().contentLength == 30);

  REQUIRE(s3.send(S3::deleteObject().bucket("presigned").key("shared/report 1+1.txt")).ok());
  CHECK(s3.send(S3::deleteBucket().bucket("presigned")).ok());
}

namespace {

std::pair<int, std::string> runCommand(const std::string& command) {
  auto result = awsdirect_test::runCommandMerged(command);
  return {result.status, result.out};
}

std::string environmentFor(const MotoServer& moto) {
  return "env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true PATH=" + std::string(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin") +
         " HOME=/nonexistent AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=" +
         moto.credentials().accessKeyId + " AWS_SECRET_ACCESS_KEY=" + moto.credentials().secretAccessKey.reveal() +
         " AWS_ENDPOINT_URL=" + moto.endpoint() + " ";
}

// Runs the s3 example as a user would, aimed at moto.
std::pair<int, std::string> runExample(const MotoServer& moto, const std::string& arguments) {
  return runCommand(environmentFor(moto) + AWSDIRECT_BINARY_DIR "/examples/s3 " + arguments);
}

// Asks the AWS CLI, to see what the example did as AWS's own tool sees it.
std::pair<int, std::string> runAwsCli(const MotoServer& moto, const std::string& arguments) {
  return runCommand("timeout 120 " + environmentFor(moto) + awsdirect_test::awsCli() + " " + arguments);
}

}  // namespace

TEST_CASE("the s3 example: mb makes a private bucket, cp both ways, ls, presign, rm, rb --force leaves nothing") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  TemporaryDirectory dir;
  const std::string content = patternBytes(9 * s3::kMiB + 1, 5);
  writeFile(dir.file("data.bin"), content);
  writeFile(dir.file("note.txt"), "a note\n");

  auto [made, madeOutput] = runExample(*moto, "mb s3://seed-bucket --region eu-west-1");
  CHECK(made == 0);
  CHECK(madeOutput == "make_bucket: seed-bucket\n");
  auto [blockCode, block] = runAwsCli(*moto, "s3api get-public-access-block --bucket seed-bucket");
  CHECK(blockCode == 0);
  CHECK(block.find("\"BlockPublicAcls\": true") != std::string::npos);
  CHECK(block.find("\"IgnorePublicAcls\": true") != std::string::npos);
  CHECK(block.find("\"BlockPublicPolicy\": true") != std::string::npos);
  CHECK(block.find("\"RestrictPublicBuckets\": true") != std::string::npos);
  auto [locationCode, location] = runAwsCli(*moto, "s3api get-bucket-location --bucket seed-bucket");
  CHECK(location.find("eu-west-1") != std::string::npos);

  auto [up, upOutput] = runExample(*moto, "cp " + dir.file("data.bin") + " s3://seed-bucket/data/data.bin --storage-class STANDARD");
  CHECK(up == 0);
  CHECK(upOutput == "upload: " + dir.file("data.bin") + " to s3://seed-bucket/data/data.bin\n");
  auto [noteUp, noteOutput] = runExample(*moto, "cp " + dir.file("note.txt") + " s3://seed-bucket/");
  CHECK(noteUp == 0);
  auto [headCode, head] = runAwsCli(*moto, "s3api head-object --bucket seed-bucket --key note.txt");
  CHECK(head.find("\"ContentType\": \"text/plain\"") != std::string::npos);

  auto [listed, listing] = runExample(*moto, "ls s3://seed-bucket");
  CHECK(listed == 0);
  CHECK(listing.find("PRE data/") != std::string::npos);
  CHECK(listing.find("note.txt") != std::string::npos);
  auto [listedDeep, deepListing] = runExample(*moto, "ls s3://seed-bucket/data/");
  CHECK(deepListing.find(std::to_string(content.size()) + " STANDARD") != std::string::npos);
  CHECK(deepListing.find("data.bin") != std::string::npos);
  // Partial prefixes list as `aws s3 ls` lists them: from after the prefix's last '/'.
  auto [listedPartial, partialListing] = runExample(*moto, "ls s3://seed-bucket/data/da");
  CHECK(listedPartial == 0);
  CHECK(partialListing.find(" data.bin\n") != std::string::npos);
  auto [cliPartialCode, cliPartial] = runAwsCli(*moto, "s3 ls s3://seed-bucket/data/da");
  CHECK(cliPartial.find(" data.bin\n") != std::string::npos);
  auto [listedDir, dirListing] = runExample(*moto, "ls s3://seed-bucket/da");
  CHECK(dirListing.find("PRE data/\n") != std::string::npos);
  auto [cliDirCode, cliDir] = runAwsCli(*moto, "s3 ls s3://seed-bucket/da");
  CHECK(cliDir.find("PRE data/\n") != std::string::npos);

  auto [down, downOutput] = runExample(*moto, "cp s3://seed-bucket/data/data.bin " + dir.path());
  CHECK(down == 0);
  CHECK(downOutput == "download: s3://seed-bucket/data/data.bin to " + dir.file("data.bin") + "\n");
  CHECK((readFile(dir.file("data.bin")) == content));

  auto [presigned, url] = runExample(*moto, "presign s3://seed-bucket/note.txt --expires-in 300");
  CHECK(presigned == 0);
  CHECK(url.find("X-Amz-Expires=300") != std::string::npos);
  CHECK(url.find(moto->credentials().secretAccessKey.reveal()) == std::string::npos);
  auto [tooLong, tooLongOutput] = runExample(*moto, "presign s3://seed-bucket/note.txt --expires-in 604801");
  CHECK(tooLong == 2);  // bad input, refused before any call
  CHECK(tooLongOutput.find("ExpiresIn must be between 1 second and 7 days") != std::string::npos);

  auto [removed, removedOutput] = runExample(*moto, "rm s3://seed-bucket/note.txt");
  CHECK(removed == 0);

  // Leave an unfinished multipart upload and more objects for rb --force to clean up.
  auto [started, startedOutput] = runAwsCli(*moto, "s3api create-multipart-upload --bucket seed-bucket --key unfinished.bin");
  CHECK(started == 0);
  auto [refused, refusedOutput] = runExample(*moto, "rb s3://seed-bucket");
  CHECK(refused == 1);
  CHECK(refusedOutput.find("BucketNotEmpty") != std::string::npos);
  CHECK(std::count(refusedOutput.begin(), refusedOutput.end(), '\n') == 1);
  auto [forced, forcedOutput] = runExample(*moto, "rb s3://seed-bucket --force");
  CHECK(forced == 0);
  CHECK(forcedOutput.find("delete: s3://seed-bucket/data/data.bin") != std::string::npos);
  CHECK(forcedOutput.find("abort: s3://seed-bucket/unfinished.bin") != std::string::npos);
  CHECK(forcedOutput.find("remove_bucket: seed-bucket") != std::string::npos);

  auto [bucketsCode, buckets] = runAwsCli(*moto, "s3api list-buckets --query Buckets[].Name --output text");
  CHECK(bucketsCode == 0);
  CHECK(buckets.find("seed-bucket") == std::string::npos);

  auto [invalid, invalidOutput] = runExample(*moto, "mb s3://Not_A_Valid_Bucket");
  CHECK(invalid == 2);
  CHECK(invalidOutput.find("Bucket may contain only lowercase letters") != std::string::npos);
}

namespace {

// The CRC32 of a file as Python's binascii computes it, in base64 as S3 writes it.
std::string pythonCrc32(const std::string& path) {
  auto [status, out] = runCommand("python3 -c \"import base64, binascii, sys; d = open(sys.argv[1], 'rb').read(); "
                                  "print(base64.b64encode(binascii.crc32(d).to_bytes(4, 'big')).decode())\" '" + path + "'");
  REQUIRE(status == 0);
  return out.substr(0, out.find('\n'));
}

bool onlyFilesIn(const std::string& directory, const std::vector<std::string>& names) {
  auto [status, out] = runCommand("ls -A '" + directory + "'");
  std::string expected;
  for (const auto& name : names) expected += name + "\n";
  return status == 0 && out == expected;
}

}  // namespace

TEST_CASE("flexible checksums against moto, cross-checked with Python and botocore: sent, kept, verified; a mismatch leaves no file") {
  using s3::kMiB;
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  REQUIRE(s3.send(S3::createBucket().bucket("sums")).ok());
  TemporaryDirectory dir;
  const std::string small = patternBytes(100 * 1024 + 7, 3);
  const std::string big = patternBytes(11 * kMiB + 5, 4);
  writeFile(dir.file("small.bin"), small);
  writeFile(dir.file("big.bin"), big);

  // PutObject sends a CRC32 by default, the one Python computes.
  auto put = s3.send(S3::putObject().bucket("sums").key("default").body(small));
  REQUIRE_MESSAGE(put.ok(), put.error().describe());
  CHECK(put.value().checksums.crc32 == pythonCrc32(dir.file("small.bin")));

  // Every algorithm: sent, kept by S3, and the bytes read back verified against it.
  for (ChecksumAlgorithm algorithm : kChecksumAlgorithms) {
    const std::string key = std::string("with-") + checksumAlgorithmName(algorithm);
    CAPTURE(key);
    REQUIRE(s3.send(S3::putObject().bucket("sums").key(key).bodyFromFile(dir.file("small.bin")).checksumAlgorithm(algorithm)).ok());
    auto head = s3.send(S3::headObject().bucket("sums").key(key));
    REQUIRE(head.ok());
    CHECK(head.value().checksums[algorithm] == checksumOf(algorithm, small));
    auto got = s3.send(S3::getObject().bucket("sums").key(key));
    REQUIRE_MESSAGE(got.ok(), got.error().describe());
    CHECK(got.value().verifiedChecksum == std::string(checksumAlgorithmName(algorithm)) + " " + checksumOf(algorithm, small));
    auto toFile = s3.send(S3::getObject().bucket("sums").key(key).toFile(dir.file("read.bin")));
    REQUIRE_MESSAGE(toFile.ok(), toFile.error().describe());
    CHECK(toFile.value().verifiedChecksum == got.value().verifiedChecksum);
    CHECK((readFile(dir.file("read.bin")) == small));
  }

  // In parts: CRC32 on every part, and the composite checksum moto computes from the parts'
  // bytes (with binascii) is the CRC32 of our parts' CRC32s.
  S3Transfer transfer(s3, s3::TransferConfig().withMultipartThreshold(5 * kMiB).withMultipartChunkSize(5 * kMiB));
  auto uploaded = transfer.uploadFile(s3::UploadFileRequest().bucket("sums").key("parts").file(dir.file("big.bin")));
  REQUIRE_MESSAGE(uploaded.ok(), uploaded.error().describe());
  REQUIRE(uploaded.value().parts == 3);
  std::string partDigests;
  for (std::size_t first = 0; first < big.size(); first += 5 * kMiB)
    partDigests += Checksum(ChecksumAlgorithm::Crc32).update(std::string_view(big).substr(first, 5 * kMiB)).digest();
  auto composite = s3.send(S3::getObject().bucket("sums").key("parts"));
  REQUIRE(composite.ok());
  CHECK(composite.value().checksums.crc32 == checksumOf(ChecksumAlgorithm::Crc32, partDigests) + "-3");
  CHECK(composite.value().verifiedChecksum.empty());  // composite: S3 checked the parts at upload

  // botocore's CRC32 of a whole object, verified by a download in ranged parts whose CRCs combine.
  const auto byCli = runAwsCli(*moto, "s3api put-object --bucket sums --key by-botocore --checksum-algorithm CRC32 --body '" +
                                         dir.file("big.bin") + "'");
  REQUIRE_MESSAGE(byCli.first == 0, byCli.second);
  auto downloaded = transfer.downloadFile(s3::DownloadFileRequest().bucket("sums").key("by-botocore").file(dir.file("big.out")));
  REQUIRE_MESSAGE(downloaded.ok(), downloaded.error().describe());
  CHECK(downloaded.value().parts == 3);
  CHECK(downloaded.value().verifiedChecksum == "CRC32 " + pythonCrc32(dir.file("big.bin")));
  CHECK((readFile(dir.file("big.out")) == big));

  // A checksum that does not match the bytes (the CLI sends what it is given; moto keeps it):
  // every way of reading fails with ChecksumMismatch and leaves no file, not even a temporary one.
  for (const char* key : {"wrong-small", "wrong-big"}) {
    CAPTURE(key);
    const std::string body = std::string(key) == "wrong-small" ? "small.bin" : "big.bin";
    const auto wrong = runAwsCli(*moto, std::string("s3api put-object --bucket sums --key ") + key +
                                            " --checksum-algorithm CRC32 --checksum-crc32 AAAAAA== --body '" + dir.file(body) + "'");
    REQUIRE_MESSAGE(wrong.first == 0, wrong.second);
    auto inMemory = s3.send(S3::getObject().bucket("sums").key(key));
    REQUIRE_FALSE(inMemory.ok());
    CHECK(inMemory.error().kind == ErrorKind::Integrity);
    CHECK(inMemory.error().code == "ChecksumMismatch");
    CHECK(inMemory.error().message.find("AAAAAA==") != std::string::npos);
    auto toFile = s3.send(S3::getObject().bucket("sums").key(key).toFile(dir.file("wrong.out")));
    REQUIRE_FALSE(toFile.ok());
    CHECK(toFile.error().code == "ChecksumMismatch");
    auto transferred = transfer.downloadFile(s3::DownloadFileRequest().bucket("sums").key(key).file(dir.file("wrong.out")));
    REQUIRE_FALSE(transferred.ok());
    CHECK(transferred.error().code == "ChecksumMismatch");
    CHECK(onlyFilesIn(dir.path(), {"big.bin", "big.out", "read.bin", "small.bin"}));
  }

  // when_required: no checksum sent, none asked for, nothing verified.
  S3 plain(moto->clientConfig(), S3Options().withRequestChecksumCalculation(ChecksumPolicy::WhenRequired)
                                           .withResponseChecksumValidation(ChecksumPolicy::WhenRequired));
  auto unchecked = plain.send(S3::putObject().bucket("sums").key("plain").body(small));
  REQUIRE(unchecked.ok());
  CHECK(unchecked.value().checksums.crc32.empty());
  auto wrongButUnchecked = plain.send(S3::getObject().bucket("sums").key("wrong-small"));
  REQUIRE(wrongButUnchecked.ok());
  CHECK(wrongButUnchecked.value().checksums.crc32.empty());
}

TEST_CASE("s3 rb --force empties a versioned bucket: every version and delete marker, page by page") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  if (!awsdirect_test::onPath("aws")) return awsdirect_test::skip("the AWS CLI is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  s3.send(S3::createBucket().bucket("versioned-bucket")).value();
  CHECK(s3.send(S3::getBucketVersioning().bucket("versioned-bucket")).value().status.empty());
  s3.send(S3::putBucketVersioning().bucket("versioned-bucket").enabled()).value();
  CHECK(s3.send(S3::getBucketVersioning().bucket("versioned-bucket")).value().status == "Enabled");
  // Two versions of a key and a delete marker over them, a key with a space, a third key left.
  for (const char* body : {"one", "two"}) s3.send(S3::putObject().bucket("versioned-bucket").key("data/a b.csv").body(body)).value();
  s3.send(S3::putObject().bucket("versioned-bucket").key("kept.txt").body("k")).value();
  s3.send(S3::deleteObject().bucket("versioned-bucket").key("data/a b.csv")).value();

  // Listed a page of one at a time: the markers carry from page to page.
  std::vector<std::string> seen;
  auto page = S3::listObjectVersions().bucket("versioned-bucket").maxKeys(1);
  for (int pages = 0; pages < 10; ++pages) {
    auto listed = s3.send(page).value();
    for (const auto& v : listed.versions) seen.push_back("version " + v.key);
    for (const auto& m : listed.deleteMarkers) seen.push_back("marker " + m.key + (m.isLatest ? " latest" : ""));
    if (!listed.isTruncated) break;
    page.keyMarker(listed.nextKeyMarker).versionIdMarker(listed.nextVersionIdMarker);
  }
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"marker data/a b.csv latest", "version data/a b.csv", "version data/a b.csv",
                                         "version kept.txt"});
  CHECK(s3.send(S3::deleteBucket().bucket("versioned-bucket")).error().code == "BucketNotEmpty");

  auto [forced, forcedOutput] = runExample(*moto, "rb s3://versioned-bucket --force");
  CHECK(forced == 0);
  CHECK(std::count(forcedOutput.begin(), forcedOutput.end(), '\n') == 5);  // 3 versions, 1 marker, the bucket
  CHECK(forcedOutput.find("(delete marker ") != std::string::npos);
  CHECK(forcedOutput.find("remove_bucket: versioned-bucket") != std::string::npos);
  auto [bucketsCode, buckets] = runAwsCli(*moto, "s3api list-buckets --query Buckets[].Name --output text");
  CHECK(bucketsCode == 0);
  CHECK(buckets.find("versioned-bucket") == std::string::npos);
}

TEST_CASE("a bucket's lifecycle, policy, encryption, ownership and location, an object's tags and attributes, against moto") {
  auto moto = MotoServer::start();
  if (!moto) return awsdirect_test::skip("moto_server is not installed");
  awsdirect_test::ran();
  S3 s3(moto->clientConfig());
  const std::string bucket = "configured-bucket";
  s3.send(S3::createBucket().bucket(bucket)).value();
  CHECK(s3.send(S3::getBucketLocation().bucket(bucket)).value().locationConstraint.empty());  // us-east-1

  // Lifecycle: old versions and abandoned uploads cleaned up, logs moved to IA then expired.
  s3::LifecycleRule logs;
  logs.id = "logs";
  logs.filter = s3::LifecycleRuleFilter::withPrefix("logs/");
  logs.transitions = {{std::nullopt, 30, "STANDARD_IA"}};
  logs.expiration = s3::LifecycleExpiration{std::nullopt, 365, std::nullopt};
  s3::LifecycleRule versions;
  versions.id = "old-versions";
  versions.filter = s3::LifecycleRuleFilter::everyObject();
  versions.noncurrentVersionExpiration = s3::NoncurrentVersionExpiration{30, std::nullopt};
  versions.abortIncompleteMultipartUpload = s3::AbortIncompleteMultipartUpload{7};
  s3.send(S3::putBucketLifecycleConfiguration().bucket(bucket).rule(logs).rule(versions)).value();
  auto rules = s3.send(S3::getBucketLifecycleConfiguration().bucket(bucket)).value().rules;
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].id == "logs");
  REQUIRE(rules[0].filter);
  CHECK(rules[0].filter->prefix == std::optional<std::string>("logs/"));
  REQUIRE(rules[0].transitions.size() == 1);
  CHECK(rules[0].transitions[0].days == 30);
  CHECK(rules[0].transitions[0].storageClass == "STANDARD_IA");
  CHECK(rules[0].expiration->days == 365);
  CHECK(rules[1].noncurrentVersionExpiration->noncurrentDays == 30);
  CHECK(rules[1].abortIncompleteMultipartUpload->daysAfterInitiation == 7);
  s3.send(S3::deleteBucketLifecycle().bucket(bucket)).value();
  CHECK(s3.send(S3::getBucketLifecycleConfiguration().bucket(bucket)).error().code == "NoSuchLifecycleConfiguration");

  // A policy refusing plain HTTP, read back as it was sent.
  const std::string policy =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*",)"
      R"("Resource":["arn:aws:s3:::configured-bucket","arn:aws:s3:::configured-bucket/*"],)"
      R"("Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})";
  s3.send(S3::putBucketPolicy().bucket(bucket).policy(policy)).value();
  CHECK(s3.send(S3::getBucketPolicy().bucket(bucket)).value().policy == policy);
  s3.send(S3::deleteBucketPolicy().bucket(bucket)).value();
  CHECK(s3.send(S3::getBucketPolicy().bucket(bucket)).error().code == "NoSuchBucketPolicy");

  // Default encryption, SSE-S3.
  s3.send(S3::putBucketEncryption().bucket(bucket).serverSideEncryptionConfiguration(s3::ServerSideEncryptionConfiguration::sseS3())).value();
  auto encryption = s3.send(S3::getBucketEncryption().bucket(bucket)).value();
  REQUIRE(encryption.rules.size() == 1);
  CHECK(encryption.rules[0].applyServerSideEncryptionByDefault->sseAlgorithm == "AES256");
  s3.send(S3::deleteBucketEncryption().bucket(bucket)).value();

  // Object ownership: ACLs off.
  s3.send(S3::putBucketOwnershipControls().bucket(bucket).objectOwnership("BucketOwnerEnforced")).value();
  auto ownership = s3.send(S3::getBucketOwnershipControls().bucket(bucket)).value();
  REQUIRE(ownership.rules.size() == 1);
  CHECK(ownership.rules[0].objectOwnership == "BucketOwnerEnforced");

  // The public access block, put then removed.
  s3.send(S3::putPublicAccessBlock().bucket(bucket).blockPublicAcls().ignorePublicAcls().blockPublicPolicy().restrictPublicBuckets()).value();
  s3.send(S3::deletePublicAccessBlock().bucket(bucket)).value();
  CHECK(s3.send(S3::getPublicAccessBlock().bucket(bucket)).error().code == "NoSuchPublicAccessBlockConfiguration");

  // An object's own tags, and its attributes without its body.
  s3.send(S3::putObject().bucket(bucket).key("data/sample.csv").body("a,b\n1,2\n")).value();
  s3.send(S3::putObjectTagging().bucket(bucket).key("data/sample.csv").tag("env", "dev").tag("pii", "no")).value();
  auto tags = s3.send(S3::getObjectTagging().bucket(bucket).key("data/sample.csv")).value().tagSet;
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].key == "env");
  s3.send(S3::deleteObjectTagging().bucket(bucket).key("data/sample.csv")).value();
  CHECK(s3.send(S3::getObjectTagging().bucket(bucket).key("data/sample.csv")).value().tagSet.empty());
  auto attributes = s3.send(S3::getObjectAttributes().bucket(bucket).key("data/sample.csv").attribute("ETag")
                                .attribute("ObjectSize").attribute("StorageClass")).value();
  CHECK(attributes.objectSize == std::optional<std::int64_t>(8));
  CHECK_FALSE(attributes.eTag.empty());
  CHECK(attributes.storageClass == "STANDARD");

  // Bad input named before the network.
  s3::LifecycleRule noAction;
  noAction.filter = s3::LifecycleRuleFilter::everyObject();
  auto refused = s3.send(S3::putBucketLifecycleConfiguration().bucket(bucket).rule(noAction));
  CHECK(refused.error().kind == ErrorKind::Validation);
  CHECK(refused.error().describe().find("Rules[0]") != std::string::npos);
  CHECK(s3.send(S3::getObjectAttributes().bucket(bucket).key("k").attribute("Size")).error().describe().find("ObjectAttributes[0]") !=
        std::string::npos);
  CHECK(s3.send(S3::putBucketOwnershipControls().bucket(bucket).objectOwnership("Owner")).error().kind == ErrorKind::Validation);

  s3.send(S3::deleteObject().bucket(bucket).key("data/sample.csv")).value();
  s3.send(S3::deleteBucket().bucket(bucket)).value();
}
