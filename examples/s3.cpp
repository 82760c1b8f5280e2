// s3: buckets and files on Amazon S3 from the command line, in the manner of `aws s3`.
//
//   s3 mb s3://BUCKET [--region R]          create a private bucket (public access blocked)
//   s3 rb s3://BUCKET [--force]             delete a bucket; --force empties it first
//   s3 ls [s3://BUCKET[/PREFIX]] [--recursive]
//   s3 cp LOCAL s3://BUCKET/KEY [--storage-class STANDARD] [--content-type T]
//   s3 cp s3://BUCKET/KEY LOCAL
//   s3 rm s3://BUCKET/KEY
//   s3 presign s3://BUCKET/KEY [--expires-in SECONDS] [--put]
//
// Every command also takes --region, --endpoint-url and --profile. Credentials, region and
// endpoint otherwise resolve as for the AWS CLI, so AWS_ENDPOINT_URL=http://127.0.0.1:5000 aims
// it at a local emulator. Any failure prints one line on stderr and exits 1.
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/s3.hpp>

#include "support/arguments.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using awsdirect::S3;
namespace s3 = awsdirect::s3;

int usage() {
  std::cerr << "usage: s3 mb s3://BUCKET [--region R]\n"
               "       s3 rb s3://BUCKET [--force]\n"
               "       s3 ls [s3://BUCKET[/PREFIX]] [--recursive]\n"
               "       s3 cp LOCAL s3://BUCKET/KEY [--storage-class STANDARD] [--content-type TYPE]\n"
               "       s3 cp s3://BUCKET/KEY LOCAL\n"
               "       s3 rm s3://BUCKET/KEY\n"
               "       s3 presign s3://BUCKET/KEY [--expires-in SECONDS] [--put]\n"
               "options of every command: --region R --endpoint-url URL --profile P\n";
  return 2;
}

// Every command takes --region, --endpoint-url and --profile; these add their own.
tool::ArgumentSpec specOf(const std::string& command) {
  tool::ArgumentSpec spec{{"--region", "--endpoint-url", "--profile"}, {}, {}, 1};
  if (command == "rb") spec.switches = {"--force"};
  else if (command == "ls") spec.switches = {"--recursive"};
  else if (command == "cp") spec.options.insert(spec.options.end(), {"--storage-class", "--content-type"}), spec.positional = 2;
  else if (command == "presign") spec.options.push_back("--expires-in"), spec.switches = {"--put"};
  else if (command != "mb" && command != "rm") throw tool::UsageError("\"" + command + "\" is not a command");
  return spec;
}


struct S3Uri {
  std::string bucket, key;
};

bool isS3Uri(const std::string& text) { return text.rfind("s3://", 0) == 0; }

S3Uri parseS3Uri(const std::string& text) {
  if (!isS3Uri(text) || text.size() == 5 || text[5] == '/')
    throw std::invalid_argument("'" + text + "' is not an S3 URI of the form s3://BUCKET[/KEY]");
  std::size_t slash = text.find('/', 5);
  if (slash == std::string::npos) return {text.substr(5), ""};
  return {text.substr(5, slash - 5), text.substr(slash + 1)};
}

std::string baseName(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool isDirectory(const std::string& path) {
  struct stat info{};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The type the AWS CLI would guess from the file name, for the common cases.
std::string guessContentType(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {"txt", "text/plain"},        {"html", "text/html"},        {"htm", "text/html"},
      {"css", "text/css"},          {"csv", "text/csv"},          {"js", "text/javascript"},
      {"json", "application/json"}, {"xml", "application/xml"},   {"pdf", "application/pdf"},
      {"zip", "application/zip"},   {"gz", "application/gzip"},   {"tar", "application/x-tar"},
      {"png", "image/png"},         {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},         {"svg", "image/svg+xml"},     {"webp", "image/webp"},
      {"mp4", "video/mp4"},         {"mp3", "audio/mpeg"},        {"parquet", "application/vnd.apache.parquet"}};
  std::string name = baseName(path);
  std::size_t dot = name.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string extension = name.substr(dot + 1);
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = types.find(extension);
  return found == types.end() ? "" : found->second;
}

std::string localTime(const std::optional<std::chrono::system_clock::time_point>& time) {
  if (!time) return std::string(19, ' ');
  std::time_t seconds = std::chrono::system_clock::to_time_t(*time);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

std::string mebibytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

// A progress bar on stderr, drawn only when stderr is a terminal, at most ten times a second.
class ProgressBar {
 public:
  ProgressBar() : enabled_(::isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}
  ~ProgressBar() { clear(); }

  // Removes the bar, so the line that reports the result starts clean.
  void clear() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

  s3::ProgressCallback callback() {
    if (!enabled_) return {};
    return [this](std::uint64_t done, std::uint64_t total) { draw(done, total); };
  }

 private:
  using Clock = std::chrono::steady_clock;

  void draw(std::uint64_t done, std::uint64_t total) {
    const auto now = Clock::now();
    if (drawn_ && done < total && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds / (1024.0 * 1024.0) : 0.0;
    const int width = 30;
    const int filled = total ? static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total)) : 0;
    char line[160];
    std::snprintf(line, sizeof line, "\rCompleted %s/%s (%.1f MiB/s) [%s%s] %3d%%", mebibytes(done).c_str(),
                  mebibytes(total).c_str(), rate, std::string(static_cast<std::size_t>(filled), '#').c_str(),
                  std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                  total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)) : 100);
    std::cerr << line << "\033[K" << std::flush;
  }

  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_, lastDraw_;
};

int makeBucket(S3& client, const tool::Arguments& args) {
  if (args.positional().size() != 1) return usage();
  S3Uri uri = parseS3Uri(args.positional()[0]);
  if (!uri.key.empty()) throw std::invalid_argument("mb takes a bucket, not a key: s3://" + uri.bucket);
  auto create = S3::createBucket().bucket(uri.bucket);
  if (args.has("--region")) create.region(args.value("--region"));
  client.send(create).value();
  // Private whatever the account's defaults: all four public-access settings on.
  client.send(S3::putPublicAccessBlock().bucket(uri.bucket).blockAll()).value();
  std::cout << "make_bucket: " << uri.bucket << "\n";
  return 0;
}

// Deletes every object version and delete marker, and aborts every unfinished multipart upload.
void emptyReporting(S3& client, const std::string& bucket) {
  awsdirect::emptyBucket(client, bucket, [&](const char* what, const std::string& key, const std::string& id) {
    if (std::string(what) == "upload") std::cout << "abort: s3://" << bucket << "/" << key << " (upload " << id << ")\n";
    else if (std::string(what) == "delete marker") std::cout << "delete: s3://" << bucket << "/" << key << " (delete marker " << id << ")\n";
    else std::cout << "delete: s3://" << bucket << "/" << key << (id.empty() || id == "null" ? "" : " (version " + id + ")") << "\n";
  }).value();
}

int removeBucket(S3& client, const tool::Arguments& args) {
  if (args.positional().size() != 1) return usage();
  S3Uri uri = parseS3Uri(args.positional()[0]);
  if (!uri.key.empty()) throw std::invalid_argument("rb takes a bucket, not a key: s3://" + uri.bucket);
  if (args.on("--force")) emptyReporting(client, uri.bucket);
  client.send(S3::deleteBucket().bucket(uri.bucket)).value();
  std::cout << "remove_bucket: " << uri.bucket << "\n";
  return 0;
}

int list(S3& client, const tool::Arguments& args) {
  if (args.positional().empty()) {
    for (const auto& bucket : client.listAllBuckets().value())
      std::cout << localTime(bucket.creationDate) << " " << bucket.name << "\n";
    return 0;
  }
  if (args.positional().size() != 1) return usage();
  S3Uri uri = parseS3Uri(args.positional()[0]);
  auto request = S3::listObjectsV2().bucket(uri.bucket);
  if (!uri.key.empty()) request.prefix(uri.key);
  if (!args.on("--recursive")) request.delimiter("/");
  // As `aws s3 ls`: names are shown from after the prefix's last '/' (s3://b/da lists data.csv,
  // s3://b/dir lists PRE dir/).
  const std::size_t slash = uri.key.rfind('/');
  const std::size_t shownFrom = slash == std::string::npos ? 0 : slash + 1;
  client
      .forEachPage(request,
                   [&](const s3::ListObjectsV2Result& page) {
                     for (const auto& prefix : page.commonPrefixes)
                       std::cout << std::string(19, ' ') << " " << std::string(10, ' ') << " "
                                 << std::string(19, ' ') << " PRE " << prefix.substr(shownFrom) << "\n";
                     for (const auto& object : page.contents) {
                       char size[24];
                       std::snprintf(size, sizeof size, "%10llu", static_cast<unsigned long long>(object.size));
                       std::string storageClass = object.storageClass.empty() ? "STANDARD" : object.storageClass;
                       storageClass.resize(std::max<std::size_t>(storageClass.size(), 19), ' ');
                       std::string shown = args.on("--recursive") ? object.key
                                                                           : object.key.substr(shownFrom);
                       std::cout << localTime(object.lastModified) << " " << size << " " << storageClass << " "
                                 << shown << "\n";
                     }
                     return true;
                   })
      .value();
  return 0;
}

int copy(S3& client, const tool::Arguments& args) {
  if (args.positional().size() != 2) return usage();
  const std::string& from = args.positional()[0];
  const std::string& to = args.positional()[1];
  awsdirect::S3Transfer transfer(client);
  ProgressBar progress;
  if (!isS3Uri(from) && isS3Uri(to)) {
    S3Uri target = parseS3Uri(to);
    if (target.key.empty() || target.key.back() == '/') target.key += baseName(from);
    auto upload = s3::UploadFileRequest().bucket(target.bucket).key(target.key).file(from).onProgress(progress.callback());
    if (args.has("--storage-class")) upload.storageClass(args.value("--storage-class"));
    std::string contentType = args.valueOr("--content-type", guessContentType(from));
    if (!contentType.empty()) upload.contentType(contentType);
    transfer.uploadFile(upload).value();
    progress.clear();
    std::cout << "upload: " << from << " to s3://" << target.bucket << "/" << target.key << "\n";
    return 0;
  }
  if (isS3Uri(from) && !isS3Uri(to)) {
    S3Uri source = parseS3Uri(from);
    if (source.key.empty()) throw std::invalid_argument("cp needs a key to download: s3://" + source.bucket + "/KEY");
    std::string local = to;
    if (isDirectory(local) || (!local.empty() && local.back() == '/'))
      local += (local.back() == '/' ? "" : "/") + baseName(source.key);
    transfer
        .downloadFile(s3::DownloadFileRequest().bucket(source.bucket).key(source.key).file(local).onProgress(progress.callback()))
        .value();
    progress.clear();
    std::cout << "download: s3://" << source.bucket << "/" << source.key << " to " << local << "\n";
    return 0;
  }
  throw std::invalid_argument("cp copies a local file to s3://BUCKET/KEY or s3://BUCKET/KEY to a local file");
}

int remove(S3& client, const tool::Arguments& args) {
  if (args.positional().size() != 1) return usage();
  S3Uri uri = parseS3Uri(args.positional()[0]);
  client.send(S3::deleteObject().bucket(uri.bucket).key(uri.key)).value();
  std::cout << "delete: s3://" << uri.bucket << "/" << uri.key << "\n";
  return 0;
}

int presign(S3& client, const tool::Arguments& args) {
  if (args.positional().size() != 1) return usage();
  S3Uri uri = parseS3Uri(args.positional()[0]);
  // S3's own limit (7 days) is checked by presign, which names it.
  const std::chrono::seconds expiresIn(args.number("--expires-in", 3600, 0, 100LL * 365 * 86400));
  std::string url = args.on("--put") ? client.presign(S3::putObject().bucket(uri.bucket).key(uri.key), expiresIn).value()
                                              : client.presign(S3::getObject().bucket(uri.bucket).key(uri.key), expiresIn).value();
  std::cout << url << "\n";
  return 0;
}

int run(const std::string& command, const tool::Arguments& args) {
  awsdirect::ClientConfig config;
  config.region = args.value("--region");
  config.endpointUrl = args.value("--endpoint-url");
  config.profile = args.value("--profile");
  S3 client(config);
  if (command == "mb") return makeBucket(client, args);
  if (command == "rb") return removeBucket(client, args);
  if (command == "ls") return list(client, args);
  if (command == "cp") return copy(client, args);
  if (command == "rm") return remove(client, args);
  if (command == "presign") return presign(client, args);
  return usage();
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  return tool::runTool({"s3", true, specOf, {}, run, usage}, argc, argv);
}
