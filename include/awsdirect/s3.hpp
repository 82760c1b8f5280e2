#pragma once
// Amazon S3 (API version 2006-03-01, REST-XML): buckets, public access blocks, objects, listings,
// multipart uploads and presigned URLs, with botocore's addressing and region redirects.
// High-level file transfers (multipart, parallel, with progress) are in s3_transfer.hpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto.hpp"
#include "rest_xml.hpp"
#include "sigv4.hpp"
#include "waiter.hpp"

namespace awsdirect {
namespace s3 {

inline constexpr std::uint64_t kMiB = 1024 * 1024;
inline constexpr std::uint64_t kMinPartSize = 5 * kMiB;          // every part but the last
inline constexpr std::uint64_t kMaxPartSize = 5 * 1024 * kMiB;   // 5 GiB, also PutObject's limit
inline constexpr int kMaxParts = 10000;
inline constexpr std::size_t kMaxKeysPerDelete = 1000;
inline constexpr std::size_t kMaxKeyBytes = 1024;
inline constexpr const char* kXmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

// Called as a transfer moves: bytes done so far and the total. Never called by two threads at
// once for one transfer.
using ProgressCallback = std::function<void(std::uint64_t bytesDone, std::uint64_t bytesTotal)>;

}  // namespace s3

// ---- Local files, hashes and names: internals shared with s3_transfer.hpp ------------------------

namespace detail {

inline Error localFileError(const std::string& what, const std::string& path, int error) {
  Error e = transportError(TransportFailure::Other, what + " " + path + ": " + std::strerror(error));
  e.code = "LocalFileError";
  return e;
}

// A file opened for reading, shared by the bodies that stream parts of it; reads are positional
// (pread), so threads read their own parts at once.
class FileSource {
 public:
  // Opens `path`; throws TransportError (LocalFileError) when it cannot.
  explicit FileSource(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throwError(localFileError("cannot open", path_, errno));
    struct stat info{};
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
      int error = errno ? errno : EINVAL;
      ::close(fd_);
      throwError(localFileError("not a readable regular file:", path_, error));
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource() { ::close(fd_); }

  const std::string& path() const { return path_; }
  std::uint64_t size() const { return size_; }

  // Reads up to `capacity` bytes at `offset`; at least one unless the file ended early, which
  // (the file shrank since it was opened) is an error.
  std::size_t readAt(std::uint64_t offset, char* buffer, std::size_t capacity) const {
    for (;;) {
      ssize_t got = ::pread(fd_, buffer, capacity, static_cast<off_t>(offset));
      if (got > 0) return static_cast<std::size_t>(got);
      if (got < 0 && errno == EINTR) continue;
      if (got == 0) {
        Error e = transportError(TransportFailure::Other, "file " + path_ + " ended at byte " + std::to_string(offset) +
                                                              " while being sent; was it changed meanwhile?");
        e.code = "LocalFileError";
        throwError(std::move(e));
      }
      throwError(localFileError("cannot read", path_, errno));
    }
  }

  // `length` bytes from `offset` as a request body; `progress`, when set, hears how far the
  // body has been sent (the furthest byte read, so a resend never counts twice).
  static StreamedBody region(std::shared_ptr<const FileSource> file, std::uint64_t offset, std::uint64_t length,
                             std::function<void(std::uint64_t)> progress = {}) {
    StreamedBody body;
    body.size = length;
    auto furthest = std::make_shared<std::uint64_t>(0);
    body.readAt = [file, offset, length, progress, furthest](std::uint64_t at, char* buffer, std::size_t capacity) {
      std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, length - at));
      std::size_t got = file->readAt(offset + at, buffer, wanted);
      if (progress && at + got > *furthest) {
        *furthest = at + got;
        progress(*furthest);
      }
      return got;
    };
    return body;
  }

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

// A download's destination: a temporary file next to `path`, renamed over it only when the
// whole object has arrived, so a failed download never leaves half a file under the real name.
class DownloadTarget {
 public:
  explicit DownloadTarget(std::string path) : path_(std::move(path)) {
    std::mt19937_64 random{std::random_device{}()};
    for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
      char suffix[24];
      std::snprintf(suffix, sizeof suffix, ".%08x.awsdirect", static_cast<unsigned>(random()));
      temporary_ = path_ + suffix;
      fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) break;
    }
    if (fd_ < 0) throwError(localFileError("cannot create a file next to", path_, errno));
  }
  DownloadTarget(const DownloadTarget&) = delete;
  DownloadTarget& operator=(const DownloadTarget&) = delete;
  ~DownloadTarget() { discard(); }

  // Writes `size` bytes at `offset` (positional, so parts land in place whatever their order).
  void writeAt(std::uint64_t offset, const char* data, std::size_t size) const {
    while (size > 0) {
      ssize_t written = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) throwError(localFileError("cannot write", temporary_, written < 0 ? errno : ENOSPC));
      data += written;
      size -= static_cast<std::size_t>(written);
      offset += static_cast<std::uint64_t>(written);
    }
  }

  // Cuts the file to `size` bytes (a retried part may have left a longer tail) and renames it
  // over the destination.
  void commit(std::uint64_t size) {
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) throwError(localFileError("cannot size", temporary_, errno));
    if (::close(fd_) != 0) {
      fd_ = -1;
      throwError(localFileError("cannot write", temporary_, errno));
    }
    fd_ = -1;
    if (::rename(temporary_.c_str(), path_.c_str()) != 0) throwError(localFileError("cannot rename onto", path_, errno));
    temporary_.clear();
  }

  // Removes the temporary file; nothing is left behind.
  void discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
    temporary_.clear();
  }

 private:
  std::string path_, temporary_;
  int fd_ = -1;
};

// The Content-MD5 header's value: base64 of the body's MD5, which S3 requires for DeleteObjects
// and PutPublicAccessBlock. (MD5 as an integrity check, not for security.)
inline std::string contentMd5(std::string_view body) {
  static EVP_MD* const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!md5 || EVP_Digest(body.data(), body.size(), digest, &size, md5, nullptr) != 1)
    throwError(makeError(ErrorKind::Configuration, "CryptoFailure", "OpenSSL MD5 is not available for Content-MD5"));
  return base64Encode(digest, size);
}

// Form decoding, as botocore reads listings sent with encoding-type=url: '+' is a space.
inline std::string decodeUrlEncodedListing(const std::string& text) {
  std::string spaced = text;
  std::replace(spaced.begin(), spaced.end(), '+', ' ');
  return uriDecode(spaced);
}

inline bool isIpv4Address(std::string_view text) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    start = end + 1;
  }
  return parts == 4;
}

// Whether `host` (no port) is an IP address or localhost: botocore addresses such endpoints by path.
inline bool isIpOrLocalhost(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;  // IPv6
  return isIpv4Address(host) || host == "localhost";
}

// Whether a bucket name can be a DNS label of a virtual host (botocore's
// isVirtualHostableS3Bucket): 3-63 lowercase letters, digits and hyphens (and dots when
// `allowDots`), alphanumeric at both ends, not an IP address.
inline bool isVirtualHostableBucket(const std::string& bucket, bool allowDots) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(bucket.front()) || !alnum(bucket.back())) return false;
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    char c = bucket[i];
    if (c == '.') {
      if (!allowDots || bucket[i - 1] == '.' || bucket[i - 1] == '-' || bucket[i + 1] == '-') return false;
    } else if (!alnum(c) && c != '-') {
      return false;
    }
  }
  return !isIpv4Address(bucket);
}

// Whether `text` is well-formed UTF-8 (S3 keys must be).
inline bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      code = (code << 6) | (c & 0x3F);
    }
    static constexpr std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace detail

namespace s3 {

// ---- Rules -------------------------------------------------------------------------------------

namespace rules {

// The naming rules for a new general purpose bucket.
inline void newBucketName(Validator& v, const std::optional<std::string>& bucket) {
  const std::string field = "Bucket";
  if (!v.requiredText(bucket, field)) return;
  const std::string& name = *bucket;
  if (!v.check(name.size() >= 3 && name.size() <= 63, field, "must be 3 to 63 characters long")) return;
  bool allowed = true;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) allowed = false;
  v.check(allowed, field, "may contain only lowercase letters, digits, dots and hyphens");
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  v.check(alnum(name.front()) && alnum(name.back()), field, "must begin and end with a letter or digit");
  v.check(name.find("..") == std::string::npos, field, "must not contain two adjacent dots");
  v.check(!awsdirect::detail::isIpv4Address(name), field, "must not be formatted as an IP address");
  for (const char* prefix : {"xn--", "sthree-", "amzn-s3-demo-"})
    v.check(name.rfind(prefix, 0) != 0, field, std::string("must not begin with the reserved prefix '") + prefix + "'");
  for (const char* suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
    std::string s(suffix);
    v.check(!(name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0), field,
            "must not end with the reserved suffix '" + s + "'");
  }
}

// A bucket that already exists: besides today's names, the older us-east-1 names of up to 255
// letters, digits, dots, hyphens and underscores still exist, so these are accepted as botocore
// does; what could never name a bucket (empty, '/', spaces) is refused.
inline void bucketName(Validator& v, const std::optional<std::string>& bucket) {
  const std::string field = "Bucket";
  if (!v.requiredText(bucket, field)) return;
  bool allowed = bucket->size() <= 255;
  for (char c : *bucket)
    if (!(awsdirect::rules::isLetter(c) || awsdirect::rules::isDigit(c) || c == '.' || c == '-' || c == '_'))
      allowed = false;
  v.check(allowed, field, "must be at most 255 letters, digits, dots, hyphens and underscores");
}

inline void objectKey(Validator& v, const std::optional<std::string>& key, const std::string& field = "Key") {
  if (!v.requiredText(key, field)) return;
  v.check(key->size() <= kMaxKeyBytes, field, "must be at most 1024 bytes long in UTF-8");
  v.check(awsdirect::detail::isValidUtf8(*key), field, "must be valid UTF-8");
}

inline bool isStorageClass(const std::string& value) {
  for (const char* known : {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
                            "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
                            "FSX_OPENZFS", "FSX_ONTAP"})
    if (value == known) return true;
  return false;
}

inline void storageClass(Validator& v, const std::optional<std::string>& value) {
  if (!value) return;
  v.check(isStorageClass(*value), "StorageClass",
          "must be one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, "
          "DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE, FSX_OPENZFS, FSX_ONTAP");
}

inline void serverSideEncryption(Validator& v, const std::optional<std::string>& value,
                                 const std::optional<std::string>& kmsKeyId) {
  if (value)
    v.check(*value == "AES256" || *value == "aws:kms" || *value == "aws:kms:dsse" || *value == "aws:fsx",
            "ServerSideEncryption", "must be one of AES256, aws:kms, aws:kms:dsse, aws:fsx");
  if (kmsKeyId)
    v.check(value && (*value == "aws:kms" || *value == "aws:kms:dsse"), "SSEKMSKeyId",
            "requires ServerSideEncryption aws:kms or aws:kms:dsse");
}

// User metadata travels as x-amz-meta-NAME headers: names must be header tokens, values single
// lines, and S3 takes at most 2 KB of it in all.
inline void metadata(Validator& v, const std::map<std::string, std::string>& values) {
  std::size_t total = 0;
  for (const auto& [name, value] : values) {
    total += name.size() + value.size();
    bool tokenOk = !name.empty();
    for (char c : name)
      if (!(awsdirect::rules::isPrintableAscii(c) && std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos))
        tokenOk = false;
    v.check(tokenOk, "Metadata[" + name + "]", "must be a name of letters, digits and -_.!#$%&'*+^`|~ only");
    v.check(value.find_first_of("\r\n") == std::string::npos, "Metadata[" + name + "]", "must not contain a line break");
  }
  v.check(total <= 2048, "Metadata", "must be at most 2 KB in all (names and values)");
}

inline void partNumber(Validator& v, const std::optional<int>& number) {
  if (v.required(number, "PartNumber")) v.inRange(number, 1, kMaxParts, "PartNumber");
}

inline void uploadId(Validator& v, const std::optional<std::string>& id) { v.requiredText(id, "UploadId"); }

// A local file to upload: it must exist, be a regular file and be readable, checked before any call.
inline void readableFile(Validator& v, const std::string& field, const std::string& path) {
  struct stat info{};
  if (!v.check(!path.empty(), field, "must name a file")) return;
  if (!v.check(::stat(path.c_str(), &info) == 0, field, "names a file that does not exist: " + path)) return;
  if (!v.check(S_ISREG(info.st_mode), field, "names something that is not a regular file: " + path)) return;
  v.check(::access(path.c_str(), R_OK) == 0, field, "names a file that cannot be read: " + path);
}

// A local file to download into: not a directory, in a directory that exists and is writable.
inline void writableFile(Validator& v, const std::string& field, const std::string& path) {
  if (!v.check(!path.empty(), field, "must name a file")) return;
  struct stat info{};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    v.fail(field, "names a directory, not a file: " + path);
    return;
  }
  std::size_t slash = path.rfind('/');
  std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (!v.check(::stat(directory.c_str(), &info) == 0 && S_ISDIR(info.st_mode), field,
               "is in a directory that does not exist: " + directory))
    return;
  v.check(::access(directory.c_str(), W_OK) == 0, field, "is in a directory that cannot be written: " + directory);
}

}  // namespace rules

// ---- Results -----------------------------------------------------------------------------------

struct Owner {
  std::string id;
  std::string displayName;
  static Owner fromXml(const XmlNode& node) { return {node.text("ID"), node.text("DisplayName")}; }
};

struct Bucket {
  std::string name;
  std::optional<std::chrono::system_clock::time_point> creationDate;
  std::string bucketRegion;
};

struct CreateBucketResult {
  std::string location;  // "/bucket" or the bucket's URL
};

struct HeadBucketResult {
  std::string bucketRegion;  // x-amz-bucket-region
  std::string accessPointAlias;
};

struct ListBucketsResult {
  std::vector<Bucket> buckets;
  Owner owner;
  std::string continuationToken;  // empty on the last page
  std::string prefix;
};

// The four settings of a public access block; all four on makes a bucket private whatever its
// ACLs and policies say.
struct PublicAccessBlockConfiguration {
  bool blockPublicAcls = false;
  bool ignorePublicAcls = false;
  bool blockPublicPolicy = false;
  bool restrictPublicBuckets = false;

  static PublicAccessBlockConfiguration allBlocked() { return {true, true, true, true}; }
  bool allOn() const { return blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets; }
  friend bool operator==(const PublicAccessBlockConfiguration& a, const PublicAccessBlockConfiguration& b) {
    return a.blockPublicAcls == b.blockPublicAcls && a.ignorePublicAcls == b.ignorePublicAcls &&
           a.blockPublicPolicy == b.blockPublicPolicy && a.restrictPublicBuckets == b.restrictPublicBuckets;
  }
};

// What HeadObject and GetObject say about an object.
struct ObjectMetadata {
  std::uint64_t contentLength = 0;
  std::string contentType;
  std::string eTag;  // with its quotes, as S3 sends it
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string versionId;
  std::string storageClass;  // empty for STANDARD: S3 omits it then
  std::string serverSideEncryption;
  std::string sseKmsKeyId;
  std::string cacheControl, contentEncoding, contentDisposition, contentLanguage;
  std::string contentRange;  // "bytes 0-99/1234" for a ranged GET
  std::string checksumSha256;
  std::string expiration;
  std::map<std::string, std::string> metadata;  // x-amz-meta-*, names in lower case
  bool deleteMarker = false;
  int partsCount = 0;

  static ObjectMetadata fromHeaders(const RestResponse& r) {
    ObjectMetadata m;
    m.contentLength = static_cast<std::uint64_t>(r.integerHeader("Content-Length"));
    m.contentType = r.header("Content-Type");
    m.eTag = r.header("ETag");
    m.lastModified = r.timeHeader("Last-Modified");
    m.versionId = r.header("x-amz-version-id");
    m.storageClass = r.header("x-amz-storage-class");
    m.serverSideEncryption = r.header("x-amz-server-side-encryption");
    m.sseKmsKeyId = r.header("x-amz-server-side-encryption-aws-kms-key-id");
    m.cacheControl = r.header("Cache-Control");
    m.contentEncoding = r.header("Content-Encoding");
    m.contentDisposition = r.header("Content-Disposition");
    m.contentLanguage = r.header("Content-Language");
    m.contentRange = r.header("Content-Range");
    m.checksumSha256 = r.header("x-amz-checksum-sha256");
    m.expiration = r.header("x-amz-expiration");
    m.metadata = r.prefixedHeaders("x-amz-meta-");
    m.deleteMarker = r.booleanHeader("x-amz-delete-marker");
    m.partsCount = static_cast<int>(r.integerHeader("x-amz-mp-parts-count"));
    return m;
  }
};

struct GetObjectResult : ObjectMetadata {
  std::string body;  // empty when the object went to a file or a sink
};

struct PutObjectResult {
  std::string eTag;
  std::string versionId;
  std::string serverSideEncryption;
  std::string checksumSha256;
  std::string expiration;
};

struct DeleteObjectResult {
  bool deleteMarker = false;
  std::string versionId;
};

struct DeletedObject {
  std::string key;
  std::string versionId;
  bool deleteMarker = false;
  std::string deleteMarkerVersionId;
};

// One key that DeleteObjects could not delete, and why.
struct DeleteError {
  std::string key;
  std::string versionId;
  std::string code;     // "AccessDenied"
  std::string message;
};

struct DeleteObjectsResult {
  std::vector<DeletedObject> deleted;  // empty in quiet mode
  std::vector<DeleteError> errors;     // per key; the call itself succeeded
};

struct Object {
  std::string key;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string eTag;
  std::uint64_t size = 0;
  std::string storageClass;
  std::optional<Owner> owner;
};

struct ListObjectsV2Result {
  std::vector<Object> contents;
  std::vector<std::string> commonPrefixes;  // with a delimiter: the "directories" at this level
  bool isTruncated = false;
  std::string nextContinuationToken;  // empty on the last page
  int keyCount = 0;
  std::string name, prefix, delimiter, startAfter;
};

struct CopyObjectResult {
  std::string eTag;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string versionId;
  std::string copySourceVersionId;
};

struct CreateMultipartUploadResult {
  std::string bucket, key, uploadId;
};

struct UploadPartResult {
  std::string eTag;
  std::string checksumSha256;
};

// A part as CompleteMultipartUpload names it.
struct CompletedPart {
  int partNumber = 0;
  std::string eTag;
  std::string checksumSha256;  // when the upload was created with ChecksumAlgorithm SHA256
};

struct CompleteMultipartUploadResult {
  std::string location, bucket, key, eTag, versionId, checksumSha256;
};

struct Part {
  int partNumber = 0;
  std::string eTag;
  std::uint64_t size = 0;
  std::optional<std::chrono::system_clock::time_point> lastModified;
  std::string checksumSha256;
};

struct ListPartsResult {
  std::vector<Part> parts;
  bool isTruncated = false;
  int nextPartNumberMarker = 0;
  std::string storageClass;
};

struct MultipartUpload {
  std::string key, uploadId, storageClass;
  std::optional<std::chrono::system_clock::time_point> initiated;
};

struct ListMultipartUploadsResult {
  std::vector<MultipartUpload> uploads;
  bool isTruncated = false;
  std::string nextKeyMarker, nextUploadIdMarker;
};

// ---- Requests ----------------------------------------------------------------------------------

namespace detail {

// Writes "/{Bucket}" and, for object operations, "/{Key+}".
inline void bucketPath(RestRequest& r, const std::optional<std::string>& bucket) {
  r.pathLiteral("/").pathLabel("Bucket", bucket.value_or(""));
}
inline void objectPath(RestRequest& r, const std::optional<std::string>& bucket, const std::optional<std::string>& key) {
  bucketPath(r, bucket);
  r.pathLiteral("/").pathLabel("Key", key.value_or(""), /*greedy=*/true);
}

// Content-MD5 of an XML body that S3 wants checked (requestChecksumRequired in the model).
inline void xmlBodyWithChecksum(RestRequest& r, std::string body) {
  r.header("Content-MD5", awsdirect::detail::contentMd5(body));
  r.body(std::move(body));
}

struct ObjectAttributeValues {
  std::optional<std::string> contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl,
      storageClass, serverSideEncryption, sseKmsKeyId, acl, tagging, expectedBucketOwner;
  std::map<std::string, std::string> metadata;
};

}  // namespace detail

// CreateBucket: a bucket in a region. A bucket outside us-east-1 is created with a
// LocationConstraint naming its region; one in us-east-1 without (S3 refuses it there). The
// region defaults to the client's.
class CreateBucketRequest {
 public:
  using Result = CreateBucketResult;
  static constexpr const char* operation = "CreateBucket";

  CreateBucketRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CreateBucketRequest& region(std::string v) { region_ = std::move(v); return *this; }
  // "private", "public-read", ...: a canned ACL (most buckets should have none and own their objects).
  CreateBucketRequest& acl(std::string v) { acl_ = std::move(v); return *this; }
  // "BucketOwnerEnforced" (S3's default), "BucketOwnerPreferred", "ObjectWriter".
  CreateBucketRequest& objectOwnership(std::string v) { objectOwnership_ = std::move(v); return *this; }
  CreateBucketRequest& objectLockEnabled(bool v = true) { objectLockEnabled_ = v; return *this; }

  const std::optional<std::string>& bucketName() const { return bucket_; }
  const std::optional<std::string>& regionName() const { return region_; }

  void validate(Validator& v) const {
    rules::newBucketName(v, bucket_);
    if (region_)
      v.check(awsdirect::detail::isValidRegion(*region_), "CreateBucketConfiguration.LocationConstraint",
              "must be a region name such as eu-west-1");
    if (objectOwnership_)
      v.check(*objectOwnership_ == "BucketOwnerEnforced" || *objectOwnership_ == "BucketOwnerPreferred" ||
                  *objectOwnership_ == "ObjectWriter",
              "ObjectOwnership", "must be one of BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter");
  }

  void serialize(RestRequest& r) const {
    r.method("PUT");
    detail::bucketPath(r, bucket_);
    r.optionalHeader("x-amz-acl", acl_);
    r.optionalHeader("x-amz-object-ownership", objectOwnership_);
    r.optionalHeader("x-amz-bucket-object-lock-enabled", objectLockEnabled_);
    if (region_ && *region_ != "us-east-1") {
      XmlBodyWriter body("CreateBucketConfiguration", kXmlNamespace);
      body.root().text("LocationConstraint", *region_);
      r.body(body.str());
    }
  }

  static Result parse(const RestResponse& response) { return {response.header("Location")}; }

 private:
  std::optional<std::string> bucket_, region_, acl_, objectOwnership_;
  std::optional<bool> objectLockEnabled_;
};

// HeadBucket: whether the bucket exists and may be accessed; its region. A missing bucket is an
// AwsError with code "404" (a HEAD answer has no body to name it), as in botocore.
class HeadBucketRequest {
 public:
  using Result = HeadBucketResult;
  static constexpr const char* operation = "HeadBucket";

  HeadBucketRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  HeadBucketRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::bucketName(v, bucket_); }
  void serialize(RestRequest& r) const {
    r.method("HEAD");
    detail::bucketPath(r, bucket_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse& response) {
    return {response.header("x-amz-bucket-region"), response.header("x-amz-access-point-alias")};
  }

 private:
  std::optional<std::string> bucket_, expectedBucketOwner_;
};

// DeleteBucket: deletes an empty bucket (BucketNotEmpty otherwise).
class DeleteBucketRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "DeleteBucket";

  DeleteBucketRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  DeleteBucketRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::bucketName(v, bucket_); }
  void serialize(RestRequest& r) const {
    r.method("DELETE");
    detail::bucketPath(r, bucket_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse&) { return {}; }

 private:
  std::optional<std::string> bucket_, expectedBucketOwner_;
};

// ListBuckets: the account's buckets, page by page (ContinuationToken) when MaxBuckets is set.
class ListBucketsRequest {
 public:
  using Result = ListBucketsResult;
  static constexpr const char* operation = "ListBuckets";

  ListBucketsRequest& prefix(std::string v) { prefix_ = std::move(v); return *this; }
  ListBucketsRequest& maxBuckets(int v) { maxBuckets_ = v; return *this; }
  ListBucketsRequest& continuationToken(std::string v) { continuationToken_ = std::move(v); return *this; }
  ListBucketsRequest& bucketRegion(std::string v) { bucketRegion_ = std::move(v); return *this; }

  void validate(Validator& v) const { v.inRange(maxBuckets_, 1, 10000, "MaxBuckets"); }
  void serialize(RestRequest& r) const {
    r.method("GET").pathLiteral("/");
    r.optionalQuery("max-buckets", maxBuckets_);
    r.optionalQuery("continuation-token", continuationToken_);
    r.optionalQuery("prefix", prefix_);
    r.optionalQuery("bucket-region", bucketRegion_);
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    Result result;
    for (const XmlNode& b : root.list("Buckets", "Bucket"))
      result.buckets.push_back({b.text("Name"), b.timestamp("CreationDate"), b.text("BucketRegion")});
    result.owner = Owner::fromXml(root.child("Owner"));
    result.continuationToken = root.text("ContinuationToken");
    result.prefix = root.text("Prefix");
    return result;
  }

 private:
  std::optional<std::string> prefix_, continuationToken_, bucketRegion_;
  std::optional<int> maxBuckets_;
};

// PutPublicAccessBlock: the bucket's four public-access settings, sent with the Content-MD5
// S3 requires.
class PutPublicAccessBlockRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "PutPublicAccessBlock";

  PutPublicAccessBlockRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  PutPublicAccessBlockRequest& blockPublicAcls(bool v = true) { config_.blockPublicAcls = v; return *this; }
  PutPublicAccessBlockRequest& ignorePublicAcls(bool v = true) { config_.ignorePublicAcls = v; return *this; }
  PutPublicAccessBlockRequest& blockPublicPolicy(bool v = true) { config_.blockPublicPolicy = v; return *this; }
  PutPublicAccessBlockRequest& restrictPublicBuckets(bool v = true) { config_.restrictPublicBuckets = v; return *this; }
  PutPublicAccessBlockRequest& configuration(PublicAccessBlockConfiguration v) { config_ = v; return *this; }
  // All four on: the bucket is private whatever the account's defaults.
  PutPublicAccessBlockRequest& blockAll() { config_ = PublicAccessBlockConfiguration::allBlocked(); return *this; }
  PutPublicAccessBlockRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::bucketName(v, bucket_); }
  void serialize(RestRequest& r) const {
    r.method("PUT");
    detail::bucketPath(r, bucket_);
    r.queryFlag("publicAccessBlock");
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
    XmlBodyWriter body("PublicAccessBlockConfiguration", kXmlNamespace);
    body.root()
        .boolean("BlockPublicAcls", config_.blockPublicAcls)
        .boolean("IgnorePublicAcls", config_.ignorePublicAcls)
        .boolean("BlockPublicPolicy", config_.blockPublicPolicy)
        .boolean("RestrictPublicBuckets", config_.restrictPublicBuckets);
    detail::xmlBodyWithChecksum(r, body.str());
  }
  static Result parse(const RestResponse&) { return {}; }

 private:
  std::optional<std::string> bucket_, expectedBucketOwner_;
  PublicAccessBlockConfiguration config_;
};

// GetPublicAccessBlock: the bucket's settings; NoSuchPublicAccessBlockConfiguration when it has none.
class GetPublicAccessBlockRequest {
 public:
  using Result = PublicAccessBlockConfiguration;
  static constexpr const char* operation = "GetPublicAccessBlock";

  GetPublicAccessBlockRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  GetPublicAccessBlockRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const { rules::bucketName(v, bucket_); }
  void serialize(RestRequest& r) const {
    r.method("GET");
    detail::bucketPath(r, bucket_);
    r.queryFlag("publicAccessBlock");
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    return {root.boolean("BlockPublicAcls"), root.boolean("IgnorePublicAcls"), root.boolean("BlockPublicPolicy"),
            root.boolean("RestrictPublicBuckets")};
  }

 private:
  std::optional<std::string> bucket_, expectedBucketOwner_;
};

// The headers PutObject, CreateMultipartUpload and CopyObject share: how the object is stored
// and served.
template <class Self>
class ObjectAttributes {
 public:
  Self& contentType(std::string v) { a_.contentType = std::move(v); return self(); }
  Self& contentEncoding(std::string v) { a_.contentEncoding = std::move(v); return self(); }
  Self& contentDisposition(std::string v) { a_.contentDisposition = std::move(v); return self(); }
  Self& contentLanguage(std::string v) { a_.contentLanguage = std::move(v); return self(); }
  Self& cacheControl(std::string v) { a_.cacheControl = std::move(v); return self(); }
  // STANDARD, STANDARD_IA, INTELLIGENT_TIERING, GLACIER_IR, ... (S3's storage classes).
  Self& storageClass(std::string v) { a_.storageClass = std::move(v); return self(); }
  // x-amz-meta-NAME: VALUE.
  Self& metadata(std::string name, std::string value) { a_.metadata[std::move(name)] = std::move(value); return self(); }
  // AES256, aws:kms or aws:kms:dsse; the KMS key for the last two.
  Self& serverSideEncryption(std::string v) { a_.serverSideEncryption = std::move(v); return self(); }
  Self& sseKmsKeyId(std::string v) { a_.sseKmsKeyId = std::move(v); return self(); }
  Self& acl(std::string v) { a_.acl = std::move(v); return self(); }
  // "key1=value1&key2=value2", URL-encoded as S3 expects.
  Self& tagging(std::string v) { a_.tagging = std::move(v); return self(); }
  Self& expectedBucketOwner(std::string v) { a_.expectedBucketOwner = std::move(v); return self(); }

  // Gives `other` (another request for the same object) these attributes.
  template <class Other>
  void copyAttributesTo(ObjectAttributes<Other>& other) const {
    other.a_ = a_;
  }

 protected:
  void validateAttributes(Validator& v) const {
    rules::storageClass(v, a_.storageClass);
    rules::serverSideEncryption(v, a_.serverSideEncryption, a_.sseKmsKeyId);
    rules::metadata(v, a_.metadata);
  }
  void serializeAttributes(RestRequest& r) const {
    r.optionalHeader("Content-Type", a_.contentType);
    r.optionalHeader("Content-Encoding", a_.contentEncoding);
    r.optionalHeader("Content-Disposition", a_.contentDisposition);
    r.optionalHeader("Content-Language", a_.contentLanguage);
    r.optionalHeader("Cache-Control", a_.cacheControl);
    r.optionalHeader("x-amz-storage-class", a_.storageClass);
    r.optionalHeader("x-amz-server-side-encryption", a_.serverSideEncryption);
    r.optionalHeader("x-amz-server-side-encryption-aws-kms-key-id", a_.sseKmsKeyId);
    r.optionalHeader("x-amz-acl", a_.acl);
    r.optionalHeader("x-amz-tagging", a_.tagging);
    r.optionalHeader("x-amz-expected-bucket-owner", a_.expectedBucketOwner);
    r.prefixedHeaders("x-amz-meta-", a_.metadata);
  }

 private:
  template <class>
  friend class ObjectAttributes;
  detail::ObjectAttributeValues a_;
  Self& self() { return static_cast<Self&>(*this); }
};

// A request body: bytes in memory, or a local file (or part of one) streamed as it is sent.
class RequestBody {
 public:
  void setBytes(std::string bytes) {
    bytes_ = std::move(bytes);
    file_.reset();
  }
  void setFile(std::string path, std::uint64_t offset, std::optional<std::uint64_t> length) {
    file_ = FileRegion{std::move(path), offset, length};
    bytes_.clear();
  }
  void setProgress(ProgressCallback progress) { progress_ = std::move(progress); }
  bool isFile() const { return file_.has_value(); }

  void validate(Validator& v, const std::string& field) const {
    if (!file_) return;
    rules::readableFile(v, field, file_->path);
    struct stat info{};
    if (file_->length && ::stat(file_->path.c_str(), &info) == 0)
      v.check(file_->offset + *file_->length <= static_cast<std::uint64_t>(info.st_size), field,
              "asks for bytes past the end of the file");
  }

  // Puts the body into `r`; a file is opened here and streamed when the request is sent.
  void serialize(RestRequest& r) const {
    if (!file_) {
      r.body(bytes_);
      return;
    }
    auto source = std::make_shared<const awsdirect::detail::FileSource>(file_->path);
    if (file_->offset > source->size())
      throwError(makeError(ErrorKind::Validation, "ValidationError", "the file offset is past the end of " + file_->path));
    const std::uint64_t length = file_->length.value_or(source->size() - file_->offset);
    std::function<void(std::uint64_t)> report;
    if (progress_) report = [progress = progress_, length](std::uint64_t done) { progress(done, length); };
    r.streamedBody(awsdirect::detail::FileSource::region(source, file_->offset, length, std::move(report)),
                   awsdirect::detail::FileSource::region(source, file_->offset, length));
  }

  const std::string& bytes() const { return bytes_; }

 private:
  struct FileRegion {
    std::string path;
    std::uint64_t offset;
    std::optional<std::uint64_t> length;
  };
  std::string bytes_;
  std::optional<FileRegion> file_;
  ProgressCallback progress_;
};

// PutObject: stores an object of up to 5 GiB in one request, from memory or streamed from a
// file. Bigger files go through multipart upload (s3_transfer.hpp does it for you).
class PutObjectRequest : public ObjectAttributes<PutObjectRequest> {
 public:
  using Result = PutObjectResult;
  static constexpr const char* operation = "PutObject";

  PutObjectRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  PutObjectRequest& key(std::string v) { key_ = std::move(v); return *this; }
  PutObjectRequest& body(std::string bytes) { body_.setBytes(std::move(bytes)); return *this; }
  // Streams the file (or `length` bytes of it from `offset`); it is never held in memory.
  PutObjectRequest& bodyFromFile(std::string path, std::uint64_t offset = 0, std::optional<std::uint64_t> length = {}) {
    body_.setFile(std::move(path), offset, length);
    return *this;
  }
  // How much of a file body has been sent (a body in memory goes in one piece).
  PutObjectRequest& onProgress(ProgressCallback progress) { body_.setProgress(std::move(progress)); return *this; }
  // Sends x-amz-checksum-sha256, which S3 checks and keeps with the object.
  PutObjectRequest& checksumSha256(bool v = true) { checksumSha256_ = v; return *this; }
  // Sends Content-MD5, which S3 checks (memory bodies).
  PutObjectRequest& contentMd5(bool v = true) { contentMd5_ = v; return *this; }
  // "*": only if no object has the key yet; an ETag: only if the object still has it.
  PutObjectRequest& ifNoneMatch(std::string v) { ifNoneMatch_ = std::move(v); return *this; }
  PutObjectRequest& ifMatch(std::string v) { ifMatch_ = std::move(v); return *this; }

  const std::optional<std::string>& bucketName() const { return bucket_; }
  const std::optional<std::string>& keyName() const { return key_; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    validateAttributes(v);
    body_.validate(v, "Body");
    v.check(!(contentMd5_ && body_.isFile()), "ContentMD5", "is computed for bodies in memory only");
    v.check(body_.bytes().size() <= kMaxPartSize, "Body", "must be at most 5 GiB; use a multipart upload");
  }
  void serialize(RestRequest& r) const {
    r.method("PUT");
    detail::objectPath(r, bucket_, key_);
    serializeAttributes(r);
    r.optionalHeader("If-None-Match", ifNoneMatch_);
    r.optionalHeader("If-Match", ifMatch_);
    body_.serialize(r);
    if (contentMd5_) r.header("Content-MD5", awsdirect::detail::contentMd5(body_.bytes()));
    if (checksumSha256_) r.header("x-amz-checksum-sha256", "");  // filled in from the payload hash when signed
  }
  static Result parse(const RestResponse& response) {
    return {response.header("ETag"), response.header("x-amz-version-id"), response.header("x-amz-server-side-encryption"),
            response.header("x-amz-checksum-sha256"), response.header("x-amz-expiration")};
  }

 private:
  std::optional<std::string> bucket_, key_, ifNoneMatch_, ifMatch_;
  RequestBody body_;
  bool checksumSha256_ = false, contentMd5_ = false;
};

// The conditions and selection GetObject and HeadObject share.
template <class Self>
class ObjectSelection {
 public:
  Self& bucket(std::string v) { bucket_ = std::move(v); return self(); }
  Self& key(std::string v) { key_ = std::move(v); return self(); }
  Self& versionId(std::string v) { versionId_ = std::move(v); return self(); }
  // Bytes first..last, both included.
  Self& range(std::uint64_t first, std::uint64_t last) {
    range_ = "bytes=" + std::to_string(first) + "-" + std::to_string(last);
    rangeOk_ = first <= last;
    return self();
  }
  // A Range header as HTTP writes it ("bytes=100-", "bytes=-500").
  Self& range(std::string header) { range_ = std::move(header); rangeOk_ = range_->rfind("bytes=", 0) == 0; return self(); }
  Self& partNumber(int v) { partNumber_ = v; return self(); }
  // Only if the object's ETag is (If-Match) or is not (If-None-Match: 304 when it is) this one.
  Self& ifMatch(std::string v) { ifMatch_ = std::move(v); return self(); }
  Self& ifNoneMatch(std::string v) { ifNoneMatch_ = std::move(v); return self(); }
  Self& ifModifiedSince(std::chrono::system_clock::time_point v) { ifModifiedSince_ = v; return self(); }
  Self& ifUnmodifiedSince(std::chrono::system_clock::time_point v) { ifUnmodifiedSince_ = v; return self(); }
  Self& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return self(); }

  const std::optional<std::string>& bucketName() const { return bucket_; }
  const std::optional<std::string>& keyName() const { return key_; }

 protected:
  void validateSelection(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    v.check(rangeOk_, "Range", "must be 'bytes=FIRST-LAST' with FIRST <= LAST");
    v.inRange(partNumber_, 1, kMaxParts, "PartNumber");
    v.check(!(range_ && partNumber_), "Range", "must not be combined with PartNumber");
  }
  void serializeSelection(RestRequest& r, const char* method) const {
    r.method(method);
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("versionId", versionId_);
    r.optionalQuery("partNumber", partNumber_);
    r.optionalHeader("Range", range_);
    r.optionalHeader("If-Match", ifMatch_);
    r.optionalHeader("If-None-Match", ifNoneMatch_);
    if (ifModifiedSince_) r.header("If-Modified-Since", formatHttpDate(*ifModifiedSince_));
    if (ifUnmodifiedSince_) r.header("If-Unmodified-Since", formatHttpDate(*ifUnmodifiedSince_));
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }

  std::optional<std::string> bucket_, key_, versionId_, range_, ifMatch_, ifNoneMatch_, expectedBucketOwner_;
  std::optional<int> partNumber_;
  std::optional<std::chrono::system_clock::time_point> ifModifiedSince_, ifUnmodifiedSince_;
  bool rangeOk_ = true;

 private:
  Self& self() { return static_cast<Self&>(*this); }
};

// GetObject: an object (or a range of it) into memory, into a file (streamed to disk, renamed
// into place when complete) or into a sink of yours.
class GetObjectRequest : public ObjectSelection<GetObjectRequest> {
 public:
  using Result = GetObjectResult;
  static constexpr const char* operation = "GetObject";

  // Streams the object into `path` (via a temporary file next to it) instead of memory; it
  // takes the place of a sink.
  GetObjectRequest& toFile(std::string path) { file_ = std::move(path); return *this; }
  // Hands the object to `sink` piece by piece instead of memory.
  GetObjectRequest& toSink(ResponseBodySink sink) { sink_ = std::move(sink); return *this; }
  // Bytes received and the object's size (0 until the size is known: at the end).
  GetObjectRequest& onProgress(ProgressCallback progress) { progress_ = std::move(progress); return *this; }
  GetObjectRequest& responseContentType(std::string v) { responseContentType_ = std::move(v); return *this; }
  GetObjectRequest& responseContentDisposition(std::string v) { responseContentDisposition_ = std::move(v); return *this; }

  const std::optional<std::string>& file() const { return file_; }
  const ProgressCallback& progress() const { return progress_; }

  void validate(Validator& v) const {
    validateSelection(v);
    if (file_) rules::writableFile(v, "File", *file_);
  }
  void serialize(RestRequest& r) const {
    serializeSelection(r, "GET");
    r.optionalQuery("response-content-type", responseContentType_);
    r.optionalQuery("response-content-disposition", responseContentDisposition_);
    if (sink_) r.responseSink(sink_);
  }
  static Result parse(const RestResponse& response) {
    Result result;
    static_cast<ObjectMetadata&>(result) = ObjectMetadata::fromHeaders(response);
    result.body = response.body();
    return result;
  }

 private:
  std::optional<std::string> file_, responseContentType_, responseContentDisposition_;
  ResponseBodySink sink_;
  ProgressCallback progress_;
};

// HeadObject: an object's metadata without its body; code "404" when there is no such key.
class HeadObjectRequest : public ObjectSelection<HeadObjectRequest> {
 public:
  using Result = ObjectMetadata;
  static constexpr const char* operation = "HeadObject";

  void validate(Validator& v) const { validateSelection(v); }
  void serialize(RestRequest& r) const { serializeSelection(r, "HEAD"); }
  static Result parse(const RestResponse& response) { return ObjectMetadata::fromHeaders(response); }
};

// DeleteObject: removes a key (or one version of it). Deleting a key that does not exist succeeds.
class DeleteObjectRequest {
 public:
  using Result = DeleteObjectResult;
  static constexpr const char* operation = "DeleteObject";

  DeleteObjectRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  DeleteObjectRequest& key(std::string v) { key_ = std::move(v); return *this; }
  DeleteObjectRequest& versionId(std::string v) { versionId_ = std::move(v); return *this; }
  DeleteObjectRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
  }
  void serialize(RestRequest& r) const {
    r.method("DELETE");
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("versionId", versionId_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse& response) {
    return {response.booleanHeader("x-amz-delete-marker"), response.header("x-amz-version-id")};
  }

 private:
  std::optional<std::string> bucket_, key_, versionId_, expectedBucketOwner_;
};

// An object to delete: its key, and a version for versioned buckets.
struct ObjectIdentifier {
  std::string key;
  std::string versionId;
};

// DeleteObjects: up to 1,000 keys in one request. Keys S3 could not delete come back in
// `errors`, each with its code; the call itself succeeds. S3::deleteObjectsInBatches takes any
// number of keys.
class DeleteObjectsRequest {
 public:
  using Result = DeleteObjectsResult;
  static constexpr const char* operation = "DeleteObjects";

  DeleteObjectsRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  DeleteObjectsRequest& key(std::string key) { objects_.push_back({std::move(key), {}}); return *this; }
  DeleteObjectsRequest& object(std::string key, std::string versionId) {
    objects_.push_back({std::move(key), std::move(versionId)});
    return *this;
  }
  DeleteObjectsRequest& keys(const std::vector<std::string>& keys) {
    for (const auto& k : keys) key(k);
    return *this;
  }
  // Quiet: only the failures are reported.
  DeleteObjectsRequest& quiet(bool v = true) { quiet_ = v; return *this; }
  DeleteObjectsRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  const std::vector<ObjectIdentifier>& objects() const { return objects_; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    v.check(!objects_.empty() && objects_.size() <= kMaxKeysPerDelete, "Delete.Objects",
            "must hold 1 to 1000 keys (" + std::to_string(objects_.size()) + " given)");
    for (std::size_t i = 0; i < objects_.size(); ++i)
      rules::objectKey(v, objects_[i].key, "Delete.Objects[" + std::to_string(i) + "].Key");
  }
  void serialize(RestRequest& r) const {
    r.method("POST");
    detail::bucketPath(r, bucket_);
    r.queryFlag("delete");
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
    XmlBodyWriter body("Delete", kXmlNamespace);
    for (const auto& object : objects_) {
      XmlElementWriter element = body.root().element("Object");
      element.text("Key", object.key);
      if (!object.versionId.empty()) element.text("VersionId", object.versionId);
    }
    if (quiet_) body.root().boolean("Quiet", true);
    detail::xmlBodyWithChecksum(r, body.str());
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    Result result;
    for (const XmlNode& d : root.children("Deleted"))
      result.deleted.push_back({d.text("Key"), d.text("VersionId"), d.boolean("DeleteMarker"), d.text("DeleteMarkerVersionId")});
    for (const XmlNode& e : root.children("Error"))
      result.errors.push_back({e.text("Key"), e.text("VersionId"), e.text("Code"), e.text("Message")});
    return result;
  }

 private:
  std::optional<std::string> bucket_, expectedBucketOwner_;
  std::vector<ObjectIdentifier> objects_;
  bool quiet_ = false;
};

// ListObjectsV2: a page of up to 1,000 keys in key order. With a delimiter, keys that share a
// prefix up to it are rolled up into commonPrefixes. Keys travel URL-encoded (encoding-type=url,
// as botocore asks) so that any key survives XML, and are decoded here.
class ListObjectsV2Request {
 public:
  using Result = ListObjectsV2Result;
  static constexpr const char* operation = "ListObjectsV2";

  ListObjectsV2Request& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  ListObjectsV2Request& prefix(std::string v) { prefix_ = std::move(v); return *this; }
  ListObjectsV2Request& delimiter(std::string v) { delimiter_ = std::move(v); return *this; }
  ListObjectsV2Request& startAfter(std::string v) { startAfter_ = std::move(v); return *this; }
  ListObjectsV2Request& continuationToken(std::string v) { continuationToken_ = std::move(v); return *this; }
  ListObjectsV2Request& maxKeys(int v) { maxKeys_ = v; return *this; }
  ListObjectsV2Request& fetchOwner(bool v = true) { fetchOwner_ = v; return *this; }
  ListObjectsV2Request& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    v.check(!maxKeys_ || *maxKeys_ >= 0, "MaxKeys", "must not be negative (S3 returns at most 1000 per page)");
  }
  void serialize(RestRequest& r) const {
    r.method("GET");
    detail::bucketPath(r, bucket_);
    r.query("list-type", "2");
    r.optionalQuery("continuation-token", continuationToken_);
    r.optionalQuery("delimiter", delimiter_);
    r.query("encoding-type", "url");
    r.optionalQuery("fetch-owner", fetchOwner_);
    r.optionalQuery("max-keys", maxKeys_);
    r.optionalQuery("prefix", prefix_);
    r.optionalQuery("start-after", startAfter_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    const bool urlEncoded = root.text("EncodingType") == "url";
    auto decoded = [&](std::string text) { return urlEncoded ? awsdirect::detail::decodeUrlEncodedListing(text) : text; };
    Result result;
    for (const XmlNode& c : root.children("Contents")) {
      Object object;
      object.key = decoded(c.text("Key"));
      object.lastModified = c.timestamp("LastModified");
      object.eTag = c.text("ETag");
      object.size = static_cast<std::uint64_t>(c.integer("Size"));
      object.storageClass = c.text("StorageClass");
      if (XmlNode owner = c.child("Owner")) object.owner = Owner::fromXml(owner);
      result.contents.push_back(std::move(object));
    }
    for (const XmlNode& p : root.children("CommonPrefixes")) result.commonPrefixes.push_back(decoded(p.text("Prefix")));
    result.isTruncated = root.boolean("IsTruncated");
    result.nextContinuationToken = root.text("NextContinuationToken");
    result.keyCount = static_cast<int>(root.integer("KeyCount"));
    result.name = root.text("Name");
    result.prefix = decoded(root.text("Prefix"));
    result.delimiter = decoded(root.text("Delimiter"));
    result.startAfter = decoded(root.text("StartAfter"));
    return result;
  }

 private:
  std::optional<std::string> bucket_, prefix_, delimiter_, startAfter_, continuationToken_, expectedBucketOwner_;
  std::optional<int> maxKeys_;
  std::optional<bool> fetchOwner_;
};

// CopyObject: copies an object of up to 5 GiB inside S3, keeping its metadata (COPY) or
// replacing it with this request's (REPLACE).
class CopyObjectRequest : public ObjectAttributes<CopyObjectRequest> {
 public:
  using Result = CopyObjectResult;
  static constexpr const char* operation = "CopyObject";

  CopyObjectRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CopyObjectRequest& key(std::string v) { key_ = std::move(v); return *this; }
  CopyObjectRequest& copySource(std::string bucket, std::string key, std::string versionId = {}) {
    sourceBucket_ = std::move(bucket);
    sourceKey_ = std::move(key);
    sourceVersionId_ = std::move(versionId);
    return *this;
  }
  // COPY (the default) or REPLACE.
  CopyObjectRequest& metadataDirective(std::string v) { metadataDirective_ = std::move(v); return *this; }
  CopyObjectRequest& copySourceIfMatch(std::string v) { copySourceIfMatch_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    {
      Validator source;
      rules::bucketName(source, sourceBucket_);
      rules::objectKey(source, sourceKey_);
      for (const auto& problem : source.problems()) v.fail("CopySource." + problem.field, problem.rule);
    }
    validateAttributes(v);
    if (metadataDirective_)
      v.check(*metadataDirective_ == "COPY" || *metadataDirective_ == "REPLACE", "MetadataDirective",
              "must be COPY or REPLACE");
  }
  void serialize(RestRequest& r) const {
    r.method("PUT");
    detail::objectPath(r, bucket_, key_);
    std::string source = uriEncode(sourceBucket_.value_or("")) + "/" + uriEncode(sourceKey_.value_or(""), true);
    if (sourceVersionId_ && !sourceVersionId_->empty()) source += "?versionId=" + uriEncode(*sourceVersionId_);
    r.header("x-amz-copy-source", source);
    r.optionalHeader("x-amz-metadata-directive", metadataDirective_);
    r.optionalHeader("x-amz-copy-source-if-match", copySourceIfMatch_);
    serializeAttributes(r);
    r.mayHideErrorIn200();
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    return {root.text("ETag"), root.timestamp("LastModified"), response.header("x-amz-version-id"),
            response.header("x-amz-copy-source-version-id")};
  }

 private:
  std::optional<std::string> bucket_, key_, sourceBucket_, sourceKey_, sourceVersionId_, metadataDirective_,
      copySourceIfMatch_;
};

// CreateMultipartUpload: starts an upload in parts and returns its UploadId. Every started
// upload must be completed or aborted: its parts are billed until then.
class CreateMultipartUploadRequest : public ObjectAttributes<CreateMultipartUploadRequest> {
 public:
  using Result = CreateMultipartUploadResult;
  static constexpr const char* operation = "CreateMultipartUpload";

  CreateMultipartUploadRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CreateMultipartUploadRequest& key(std::string v) { key_ = std::move(v); return *this; }
  // Parts then carry x-amz-checksum-sha256, and the completion lists each part's.
  CreateMultipartUploadRequest& checksumSha256(bool v = true) { checksumSha256_ = v; return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    validateAttributes(v);
  }
  void serialize(RestRequest& r) const {
    r.method("POST");
    detail::objectPath(r, bucket_, key_);
    r.queryFlag("uploads");
    serializeAttributes(r);
    if (checksumSha256_) r.header("x-amz-checksum-algorithm", "SHA256");
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    return {root.text("Bucket"), root.text("Key"), root.text("UploadId")};
  }

 private:
  std::optional<std::string> bucket_, key_;
  bool checksumSha256_ = false;
};

// UploadPart: one part (1-10,000) of a multipart upload; 5 MiB to 5 GiB, the last may be smaller.
class UploadPartRequest {
 public:
  using Result = UploadPartResult;
  static constexpr const char* operation = "UploadPart";

  UploadPartRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  UploadPartRequest& key(std::string v) { key_ = std::move(v); return *this; }
  UploadPartRequest& uploadId(std::string v) { uploadId_ = std::move(v); return *this; }
  UploadPartRequest& partNumber(int v) { partNumber_ = v; return *this; }
  UploadPartRequest& body(std::string bytes) { body_.setBytes(std::move(bytes)); return *this; }
  UploadPartRequest& bodyFromFile(std::string path, std::uint64_t offset, std::uint64_t length) {
    body_.setFile(std::move(path), offset, length);
    return *this;
  }
  UploadPartRequest& onProgress(ProgressCallback progress) { body_.setProgress(std::move(progress)); return *this; }
  UploadPartRequest& checksumSha256(bool v = true) { checksumSha256_ = v; return *this; }
  UploadPartRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    rules::uploadId(v, uploadId_);
    rules::partNumber(v, partNumber_);
    body_.validate(v, "Body");
    v.check(body_.bytes().size() <= kMaxPartSize, "Body", "must be at most 5 GiB");
  }
  void serialize(RestRequest& r) const {
    r.method("PUT");
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("partNumber", partNumber_);
    r.optionalQuery("uploadId", uploadId_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
    body_.serialize(r);
    if (checksumSha256_) r.header("x-amz-checksum-sha256", "");  // filled in from the payload hash when signed
  }
  static Result parse(const RestResponse& response) {
    return {response.header("ETag"), response.header("x-amz-checksum-sha256")};
  }

 private:
  std::optional<std::string> bucket_, key_, uploadId_, expectedBucketOwner_;
  std::optional<int> partNumber_;
  RequestBody body_;
  bool checksumSha256_ = false;
};

// CompleteMultipartUpload: assembles the parts, in ascending part number, into the object.
class CompleteMultipartUploadRequest {
 public:
  using Result = CompleteMultipartUploadResult;
  static constexpr const char* operation = "CompleteMultipartUpload";

  CompleteMultipartUploadRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  CompleteMultipartUploadRequest& key(std::string v) { key_ = std::move(v); return *this; }
  CompleteMultipartUploadRequest& uploadId(std::string v) { uploadId_ = std::move(v); return *this; }
  CompleteMultipartUploadRequest& part(int number, std::string eTag, std::string checksumSha256 = {}) {
    parts_.push_back({number, std::move(eTag), std::move(checksumSha256)});
    return *this;
  }
  CompleteMultipartUploadRequest& parts(std::vector<CompletedPart> v) { parts_ = std::move(v); return *this; }
  CompleteMultipartUploadRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    rules::uploadId(v, uploadId_);
    v.check(!parts_.empty() && parts_.size() <= static_cast<std::size_t>(kMaxParts), "MultipartUpload.Parts",
            "must list 1 to 10000 parts");
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const std::string field = "MultipartUpload.Parts[" + std::to_string(i) + "]";
      v.check(parts_[i].partNumber >= 1 && parts_[i].partNumber <= kMaxParts, field + ".PartNumber",
              "must be between 1 and 10000");
      v.check(i == 0 || parts_[i].partNumber > parts_[i - 1].partNumber, field + ".PartNumber",
              "must be greater than the previous part's (parts go in ascending order)");
      v.check(!parts_[i].eTag.empty(), field + ".ETag", "is required");
    }
  }
  void serialize(RestRequest& r) const {
    r.method("POST");
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("uploadId", uploadId_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
    XmlBodyWriter body("CompleteMultipartUpload", kXmlNamespace);
    for (const auto& part : parts_) {
      XmlElementWriter element = body.root().element("Part");
      element.text("ETag", part.eTag);
      if (!part.checksumSha256.empty()) element.text("ChecksumSHA256", part.checksumSha256);
      element.integer("PartNumber", part.partNumber);
    }
    r.body(body.str());
    r.mayHideErrorIn200();
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    return {root.text("Location"), root.text("Bucket"), root.text("Key"), root.text("ETag"),
            response.header("x-amz-version-id"), root.text("ChecksumSHA256")};
  }

 private:
  std::optional<std::string> bucket_, key_, uploadId_, expectedBucketOwner_;
  std::vector<CompletedPart> parts_;
};

// AbortMultipartUpload: discards the upload and its parts (NoSuchUpload when it is gone).
class AbortMultipartUploadRequest {
 public:
  using Result = Empty;
  static constexpr const char* operation = "AbortMultipartUpload";

  AbortMultipartUploadRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  AbortMultipartUploadRequest& key(std::string v) { key_ = std::move(v); return *this; }
  AbortMultipartUploadRequest& uploadId(std::string v) { uploadId_ = std::move(v); return *this; }
  AbortMultipartUploadRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    rules::uploadId(v, uploadId_);
  }
  void serialize(RestRequest& r) const {
    r.method("DELETE");
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("uploadId", uploadId_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse&) { return {}; }

 private:
  std::optional<std::string> bucket_, key_, uploadId_, expectedBucketOwner_;
};

// ListParts: the parts uploaded so far, page by page (PartNumberMarker).
class ListPartsRequest {
 public:
  using Result = ListPartsResult;
  static constexpr const char* operation = "ListParts";

  ListPartsRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  ListPartsRequest& key(std::string v) { key_ = std::move(v); return *this; }
  ListPartsRequest& uploadId(std::string v) { uploadId_ = std::move(v); return *this; }
  ListPartsRequest& maxParts(int v) { maxParts_ = v; return *this; }
  ListPartsRequest& partNumberMarker(int v) { partNumberMarker_ = v; return *this; }
  ListPartsRequest& expectedBucketOwner(std::string v) { expectedBucketOwner_ = std::move(v); return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    rules::objectKey(v, key_);
    rules::uploadId(v, uploadId_);
    v.inRange(maxParts_, 1, 1000, "MaxParts");
    v.inRange(partNumberMarker_, 0, kMaxParts, "PartNumberMarker");
  }
  void serialize(RestRequest& r) const {
    r.method("GET");
    detail::objectPath(r, bucket_, key_);
    r.optionalQuery("max-parts", maxParts_);
    r.optionalQuery("part-number-marker", partNumberMarker_);
    r.optionalQuery("uploadId", uploadId_);
    r.optionalHeader("x-amz-expected-bucket-owner", expectedBucketOwner_);
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    Result result;
    for (const XmlNode& p : root.children("Part"))
      result.parts.push_back({static_cast<int>(p.integer("PartNumber")), p.text("ETag"),
                              static_cast<std::uint64_t>(p.integer("Size")), p.timestamp("LastModified"),
                              p.text("ChecksumSHA256")});
    result.isTruncated = root.boolean("IsTruncated");
    result.nextPartNumberMarker = static_cast<int>(root.integer("NextPartNumberMarker"));
    result.storageClass = root.text("StorageClass");
    return result;
  }

 private:
  std::optional<std::string> bucket_, key_, uploadId_, expectedBucketOwner_;
  std::optional<int> maxParts_, partNumberMarker_;
};

// ListMultipartUploads: the uploads started and neither completed nor aborted, page by page.
class ListMultipartUploadsRequest {
 public:
  using Result = ListMultipartUploadsResult;
  static constexpr const char* operation = "ListMultipartUploads";

  ListMultipartUploadsRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  ListMultipartUploadsRequest& prefix(std::string v) { prefix_ = std::move(v); return *this; }
  ListMultipartUploadsRequest& keyMarker(std::string v) { keyMarker_ = std::move(v); return *this; }
  ListMultipartUploadsRequest& uploadIdMarker(std::string v) { uploadIdMarker_ = std::move(v); return *this; }
  ListMultipartUploadsRequest& maxUploads(int v) { maxUploads_ = v; return *this; }

  void validate(Validator& v) const {
    rules::bucketName(v, bucket_);
    v.inRange(maxUploads_, 1, 1000, "MaxUploads");
  }
  void serialize(RestRequest& r) const {
    r.method("GET");
    detail::bucketPath(r, bucket_);
    r.queryFlag("uploads");
    r.query("encoding-type", "url");
    r.optionalQuery("key-marker", keyMarker_);
    r.optionalQuery("max-uploads", maxUploads_);
    r.optionalQuery("prefix", prefix_);
    r.optionalQuery("upload-id-marker", uploadIdMarker_);
  }
  static Result parse(const RestResponse& response) {
    XmlNode root = response.xml();
    const bool urlEncoded = root.text("EncodingType") == "url";
    auto decoded = [&](std::string text) { return urlEncoded ? awsdirect::detail::decodeUrlEncodedListing(text) : text; };
    Result result;
    for (const XmlNode& u : root.children("Upload"))
      result.uploads.push_back({decoded(u.text("Key")), u.text("UploadId"), u.text("StorageClass"), u.timestamp("Initiated")});
    result.isTruncated = root.boolean("IsTruncated");
    result.nextKeyMarker = decoded(root.text("NextKeyMarker"));
    result.nextUploadIdMarker = root.text("NextUploadIdMarker");
    return result;
  }

 private:
  std::optional<std::string> bucket_, prefix_, keyMarker_, uploadIdMarker_;
  std::optional<int> maxUploads_;
};

}  // namespace s3

// ---- The client ----------------------------------------------------------------------------------

// How S3 requests name their bucket: in the host ("bucket.s3.eu-west-1.amazonaws.com", virtual)
// or in the path ("s3.eu-west-1.amazonaws.com/bucket", path).
enum class S3AddressingStyle { Auto, Virtual, Path };

inline const char* addressingStyleName(S3AddressingStyle style) {
  switch (style) {
    case S3AddressingStyle::Auto: return "auto";
    case S3AddressingStyle::Virtual: return "virtual";
    case S3AddressingStyle::Path: return "path";
  }
  return "unknown";
}

// S3's own settings, beside the ClientConfig every client has.
struct S3Options {
  // Else the profile's `s3 = addressing_style = ...`, else auto: virtual hosts, except for IP
  // and localhost endpoints and for bucket names that cannot be a host name.
  std::optional<S3AddressingStyle> addressingStyle;
  // Over HTTPS, sign bodies as UNSIGNED-PAYLOAD instead of hashing them first (TLS protects them
  // in transit). Else the profile's `s3 = payload_signing_enabled = false`; plain HTTP always hashes.
  std::optional<bool> unsignedPayload;

  S3Options& withAddressingStyle(S3AddressingStyle v) { addressingStyle = v; return *this; }
  S3Options& withUnsignedPayload(bool v = true) { unsignedPayload = v; return *this; }
};

// Where one request goes: the region it is signed for and its URL parts.
struct S3Route {
  std::string region;
  std::string scheme;
  std::string host;
  std::string path;  // base path + the request's path, bucket removed for virtual hosting
  bool virtualHosted = false;
};

class S3 : public RestXmlClient {
 public:
  static ServiceInfo serviceInfo() { return {"S3", "s3", "s3", "2006-03-01", false}; }

  explicit S3(const ClientConfig& config = ClientConfig(), S3Options options = {})
      : RestXmlClient(serviceInfo(), config) {
    const auto& profile = core().config().profileSettings;
    if (options.addressingStyle) {
      addressingStyle_ = *options.addressingStyle;
    } else if (auto style = profile.find("s3.addressing_style"); style != profile.end()) {
      const std::string& value = style->second;
      if (value == "path") addressingStyle_ = S3AddressingStyle::Path;
      else if (value == "virtual") addressingStyle_ = S3AddressingStyle::Virtual;
      else if (value == "auto") addressingStyle_ = S3AddressingStyle::Auto;
      else
        throwError(makeError(ErrorKind::Configuration, "InvalidSetting",
                             "s3.addressing_style '" + value + "' of profile '" + core().config().profileName +
                                 "' is not valid: use auto, virtual or path"));
    }
    if (options.unsignedPayload) {
      unsignedPayload_ = *options.unsignedPayload;
    } else if (auto signing = profile.find("s3.payload_signing_enabled"); signing != profile.end()) {
      unsignedPayload_ = detail::toLower(signing->second) == "false";
    }
  }

  // ---- Operations (send them with send()) ----
  static s3::CreateBucketRequest createBucket() { return {}; }
  static s3::HeadBucketRequest headBucket() { return {}; }
  static s3::DeleteBucketRequest deleteBucket() { return {}; }
  static s3::ListBucketsRequest listBuckets() { return {}; }
  static s3::PutPublicAccessBlockRequest putPublicAccessBlock() { return {}; }
  static s3::GetPublicAccessBlockRequest getPublicAccessBlock() { return {}; }
  static s3::PutObjectRequest putObject() { return {}; }
  static s3::GetObjectRequest getObject() { return {}; }
  static s3::HeadObjectRequest headObject() { return {}; }
  static s3::DeleteObjectRequest deleteObject() { return {}; }
  static s3::DeleteObjectsRequest deleteObjects() { return {}; }
  static s3::ListObjectsV2Request listObjectsV2() { return {}; }
  static s3::CopyObjectRequest copyObject() { return {}; }
  static s3::CreateMultipartUploadRequest createMultipartUpload() { return {}; }
  static s3::UploadPartRequest uploadPart() { return {}; }
  static s3::CompleteMultipartUploadRequest completeMultipartUpload() { return {}; }
  static s3::AbortMultipartUploadRequest abortMultipartUpload() { return {}; }
  static s3::ListPartsRequest listParts() { return {}; }
  static s3::ListMultipartUploadsRequest listMultipartUploads() { return {}; }

  using RestXmlClient::send;

  // CreateBucket in the request's region, else the client's: signed for that region, with a
  // LocationConstraint unless it is us-east-1.
  Outcome<s3::CreateBucketResult> send(const s3::CreateBucketRequest& request, Transport* via = nullptr) {
    s3::CreateBucketRequest resolved = request;
    const std::string region = request.regionName().value_or(core().config().region);
    resolved.region(region);
    if (!request.bucketName() || !awsdirect::detail::isValidRegion(region)) return RestXmlClient::send(resolved, via);
    // Signed for the new bucket's region; remembered only if the bucket is made.
    const std::string& bucket = *request.bucketName();
    const std::optional<std::string> before = cachedBucketRegion(bucket);
    rememberRegion(bucket, region);
    auto created = RestXmlClient::send(resolved, via);
    if (!created) {
      std::lock_guard<std::mutex> lock(regionsMutex_);
      if (before) bucketRegions_[bucket] = *before;
      else bucketRegions_.erase(bucket);
    }
    return created;
  }

  // GetObject, streamed into the request's file when it names one: into a temporary file next
  // to it, renamed into place once the whole object has arrived.
  Outcome<s3::GetObjectResult> send(const s3::GetObjectRequest& request, Transport* via = nullptr) {
    if (!request.file() && !request.progress()) return RestXmlClient::send(request, via);
    Validator validator;
    request.validate(validator);
    if (!validator.ok()) return validator.error("s3", s3::GetObjectRequest::operation);
    try {
      std::optional<detail::DownloadTarget> target;
      if (request.file()) target.emplace(*request.file());
      std::uint64_t furthest = 0, end = 0;  // end: of the last piece (a retry starts again at 0)
      s3::GetObjectRequest streaming = request;
      if (target) {
        streaming.toSink([&](std::uint64_t offset, const char* data, std::size_t size) {
          target->writeAt(offset, data, size);
          end = offset + size;
          if (request.progress() && end > furthest) request.progress()(furthest = end, 0);
        });
      }
      auto result = RestXmlClient::send(streaming, via);
      if (!result) return result.error();
      if (target) target->commit(end);
      const std::uint64_t size = target ? end : result.value().contentLength;
      if (request.progress()) request.progress()(size, size);
      return result;
    } catch (const Exception& e) {
      return detail::withContext(e.error(), core().service(), s3::GetObjectRequest::operation);
    }
  }

  // ---- Pagination ----

  // Calls `onPage` with every page of the listing, following NextContinuationToken; stops early
  // when `onPage` returns false.
  Outcome<Empty> forEachPage(s3::ListObjectsV2Request request,
                             const std::function<bool(const s3::ListObjectsV2Result&)>& onPage) {
    std::string previous;
    for (;;) {
      auto page = send(request);
      if (!page) return page.error();
      if (!onPage(page.value())) return Empty{};
      const std::string& token = page.value().nextContinuationToken;
      if (!page.value().isTruncated || token.empty() || token == previous) return Empty{};
      previous = token;
      request.continuationToken(token);
    }
  }

  // Every key of the listing (and every common prefix), gathered over all pages.
  Outcome<s3::ListObjectsV2Result> listAllObjects(s3::ListObjectsV2Request request) {
    s3::ListObjectsV2Result all;
    auto done = forEachPage(std::move(request), [&](const s3::ListObjectsV2Result& page) {
      all.contents.insert(all.contents.end(), page.contents.begin(), page.contents.end());
      all.commonPrefixes.insert(all.commonPrefixes.end(), page.commonPrefixes.begin(), page.commonPrefixes.end());
      if (all.name.empty()) {  // the first page's; later pages need not repeat them
        all.name = page.name;
        all.prefix = page.prefix;
        all.delimiter = page.delimiter;
        all.startAfter = page.startAfter;
      }
      all.keyCount += page.keyCount;
      return true;
    });
    if (!done) return done.error();
    return all;
  }

  // Every bucket, following ContinuationToken.
  Outcome<std::vector<s3::Bucket>> listAllBuckets(s3::ListBucketsRequest request = {}) {
    std::vector<s3::Bucket> all;
    std::string previous;
    for (;;) {
      auto page = send(request);
      if (!page) return page.error();
      for (auto& bucket : page.value().buckets) all.push_back(std::move(bucket));
      const std::string& token = page.value().continuationToken;
      if (token.empty() || token == previous) return all;
      previous = token;
      request.continuationToken(token);
    }
  }

  // Every part of an upload, following NextPartNumberMarker.
  Outcome<std::vector<s3::Part>> listAllParts(s3::ListPartsRequest request) {
    std::vector<s3::Part> all;
    int previous = -1;
    for (;;) {
      auto page = send(request);
      if (!page) return page.error();
      for (auto& part : page.value().parts) all.push_back(std::move(part));
      const int marker = page.value().nextPartNumberMarker;
      if (!page.value().isTruncated || marker == previous) return all;
      previous = marker;
      request.partNumberMarker(marker);
    }
  }

  // Every open multipart upload, following NextKeyMarker and NextUploadIdMarker.
  Outcome<std::vector<s3::MultipartUpload>> listAllMultipartUploads(s3::ListMultipartUploadsRequest request) {
    std::vector<s3::MultipartUpload> all;
    std::string previous;
    for (;;) {
      auto page = send(request);
      if (!page) return page.error();
      for (auto& upload : page.value().uploads) all.push_back(std::move(upload));
      const auto& result = page.value();
      const std::string marker = result.nextKeyMarker + "\n" + result.nextUploadIdMarker;
      if (!result.isTruncated || marker == previous) return all;
      previous = marker;
      request.keyMarker(result.nextKeyMarker).uploadIdMarker(result.nextUploadIdMarker);
    }
  }

  // DeleteObjects for any number of keys, 1,000 per request. The per-key errors of every batch
  // are gathered; a failed request ends it with that error.
  Outcome<s3::DeleteObjectsResult> deleteObjectsInBatches(const std::string& bucket, const std::vector<std::string>& keys,
                                                          bool quiet = true) {
    s3::DeleteObjectsResult all;
    for (std::size_t start = 0; start < keys.size(); start += s3::kMaxKeysPerDelete) {
      s3::DeleteObjectsRequest batch = deleteObjects().bucket(bucket).quiet(quiet);
      const std::size_t end = std::min(keys.size(), start + s3::kMaxKeysPerDelete);
      for (std::size_t i = start; i < end; ++i) batch.key(keys[i]);
      auto result = send(batch);
      if (!result) return result.error();
      for (auto& d : result.value().deleted) all.deleted.push_back(std::move(d));
      for (auto& e : result.value().errors) all.errors.push_back(std::move(e));
    }
    return all;
  }

  // ---- Presigned URLs ----

  // A URL that performs `request` (GetObject, PutObject, HeadObject, DeleteObject, ...) for
  // whoever holds it, for `expiresIn` (1 second to 7 days). Signed with this client's
  // credentials; the body of a PutObject is not part of it (it is sent with the URL). Headers
  // the request sets (Content-Type, Range, metadata) are signed too, so whoever uses the URL
  // must send them as they are.
  template <class Request>
  Outcome<std::string> presign(const Request& request, std::chrono::seconds expiresIn) {
    const std::string operation = Request::operation;
    try {
      Validator validator;
      request.validate(validator);
      validator.check(expiresIn.count() >= 1 && expiresIn.count() <= 604800, "ExpiresIn",
                      "must be between 1 second and 7 days (604800 seconds)");
      if (!validator.ok()) return validator.error("s3", operation);
      RestRequest rest;
      request.serialize(rest);
      rest.body({});
      const std::string bucket = rest.label("Bucket");
      S3Route r = route(bucket, regionFor(bucket), rest.path());
      HttpRequest http;
      http.method = rest.method();
      http.scheme = r.scheme;
      http.host = r.host;
      http.path = r.path;
      http.query = rest.encodedQuery();
      for (const auto& [name, value] : rest.headers())
        if (!detail::equalsIgnoreCase(name, "x-amz-checksum-sha256")) http.headers.add(name, value);
      core().signer().presign(http, core().config().credentials->credentials(),
                              SigningParams::forS3Presign(r.region, std::chrono::system_clock::now()), expiresIn);
      return http.url();
    } catch (const Exception& e) {
      return detail::withContext(e.error(), core().service(), operation);
    }
  }

  // ---- Waiters (botocore's: HeadBucket / HeadObject every 5 s, 20 times) ----

  Outcome<Empty> waitUntilBucketExists(const std::string& bucket, WaitOptions options = defaultWait()) {
    return waitForHead<s3::HeadBucketResult>("BucketExists", options, [&] { return send(headBucket().bucket(bucket)); }, true);
  }
  Outcome<Empty> waitUntilBucketNotExists(const std::string& bucket, WaitOptions options = defaultWait()) {
    return waitForHead<s3::HeadBucketResult>("BucketNotExists", options, [&] { return send(headBucket().bucket(bucket)); },
                                             false);
  }
  Outcome<Empty> waitUntilObjectExists(const std::string& bucket, const std::string& key,
                                       WaitOptions options = defaultWait()) {
    return waitForHead<s3::ObjectMetadata>("ObjectExists", options,
                                           [&] { return send(headObject().bucket(bucket).key(key)); }, true);
  }
  Outcome<Empty> waitUntilObjectNotExists(const std::string& bucket, const std::string& key,
                                          WaitOptions options = defaultWait()) {
    return waitForHead<s3::ObjectMetadata>("ObjectNotExists", options,
                                           [&] { return send(headObject().bucket(bucket).key(key)); }, false);
  }

  // ---- Addressing and regions ----

  S3AddressingStyle addressingStyle() const { return addressingStyle_; }
  bool unsignedPayload() const { return unsignedPayload_; }

  // Where a request for `bucket` with `path` ("/bucket/key", URI-encoded) goes when signed for
  // `region`: botocore's choice of endpoint and addressing.
  S3Route route(const std::string& bucket, const std::string& region, const std::string& path) const {
    const ResolvedConfig& config = core_->config();
    std::string endpoint = config.endpoint;
    if (!config.endpointOverridden && region != config.region)
      endpoint = detail::standardEndpoint(serviceInfo(), region, {}).url;
    detail::EndpointParts parts = detail::splitEndpoint(endpoint);
    S3Route r;
    r.region = region;
    r.scheme = parts.scheme;
    r.host = parts.authority;
    r.path = parts.basePath + (path.empty() ? "/" : path);
    if (bucket.empty() || !useVirtualHost(bucket, parts)) return r;
    const std::string bucketPrefix = "/" + uriEncode(bucket);
    std::string rest = path.compare(0, bucketPrefix.size(), bucketPrefix) == 0 ? path.substr(bucketPrefix.size()) : path;
    r.host = bucket + "." + parts.authority;
    r.path = parts.basePath + (rest.empty() ? "/" : rest);
    r.virtualHosted = true;
    return r;
  }

  // The region a request for `bucket` is signed for: the one found by an earlier redirect (or
  // given at creation), else the client's.
  std::string regionFor(const std::string& bucket) const {
    if (!bucket.empty()) {
      std::lock_guard<std::mutex> lock(regionsMutex_);
      auto found = bucketRegions_.find(bucket);
      if (found != bucketRegions_.end()) return found->second;
    }
    const ResolvedConfig& config = core_->config();
    return config.endpointOverridden ? config.region : config.signingRegion;
  }
  std::optional<std::string> cachedBucketRegion(const std::string& bucket) const {
    std::lock_guard<std::mutex> lock(regionsMutex_);
    auto found = bucketRegions_.find(bucket);
    if (found == bucketRegions_.end()) return std::nullopt;
    return found->second;
  }
  void rememberRegion(const std::string& bucket, const std::string& region) {
    std::lock_guard<std::mutex> lock(regionsMutex_);
    bucketRegions_[bucket] = region;
  }

 protected:
  // S3's routing: the bucket into the host or the path, signed for the bucket's region with S3's
  // rules; a request that reached the wrong region is sent once more to the right one, which is
  // remembered for the bucket (botocore's S3RegionRedirectorv2).
  Outcome<HttpResponse> dispatch(const RestRequest& rest, const std::string& operation, Transport* via) override {
    const std::string bucket = rest.label("Bucket");
    const std::string region = regionFor(bucket);
    HttpResponse failed;
    Outcome<HttpResponse> outcome = dispatchTo(rest, operation, bucket, region, via, &failed);
    if (outcome.ok() || bucket.empty()) return outcome;
    std::optional<std::string> redirected = redirectRegion(outcome.error(), failed, operation, bucket, via);
    if (!redirected || *redirected == region) return outcome;
    rememberRegion(bucket, *redirected);
    return dispatchTo(rest, operation, bucket, *redirected, via, nullptr);
  }

 private:
  bool useVirtualHost(const std::string& bucket, const detail::EndpointParts& endpoint) const {
    if (addressingStyle_ == S3AddressingStyle::Path) return false;
    std::string host = endpoint.authority;
    if (host.empty() || host.front() != '[') host = host.substr(0, host.find(':'));
    if (detail::isIpOrLocalhost(host)) return false;
    // Dots in a bucket name break the TLS certificate of a virtual host (*.s3.amazonaws.com
    // covers one label), so over HTTPS such buckets go in the path.
    return detail::isVirtualHostableBucket(bucket, /*allowDots=*/endpoint.scheme == "http");
  }

  Outcome<HttpResponse> dispatchTo(const RestRequest& rest, const std::string& operation, const std::string& bucket,
                                   const std::string& region, Transport* via, HttpResponse* failed) {
    S3Route r = route(bucket, region, rest.path());
    HttpRequest http;
    http.method = rest.method();
    http.scheme = r.scheme;
    http.host = r.host;
    http.path = r.path;
    http.query = rest.encodedQuery();
    for (const auto& [name, value] : rest.headers()) http.headers.add(name, value);
    http.body = rest.body();
    http.streamedBody = rest.streamedBody();
    http.responseSink = rest.responseSink();

    ExecuteOptions options;
    options.signing = SigningParams::forS3(region, std::chrono::system_clock::now());
    const bool unsignedBody = unsignedPayload_ && r.scheme == "https";
    const bool wantsChecksum = http.headers.has("x-amz-checksum-sha256");
    if (unsignedBody) options.signing->payloadHash = std::string(kUnsignedPayload);
    if ((http.streamedBody && !unsignedBody) || wantsChecksum) {
      // Hashed at each attempt, from the bytes as they are now: a retry never signs stale data.
      options.beforeSigning = [unsignedBody, hashed = rest.bodyForHashing()](HttpRequest& attempt, SigningParams& params) {
        Sha256Digest digest = hashed ? sha256(*hashed) : sha256(attempt.body);
        if (!unsignedBody) params.payloadHash = toHex(digest);
        if (attempt.headers.has("x-amz-checksum-sha256")) attempt.headers.set("x-amz-checksum-sha256", base64Encode(digest));
      };
    }
    options.transport = via;
    options.errorResponse = failed;
    if (rest.mayHideErrorIn200()) options.isErrorDespite2xx = &RestXmlClient::bodyIsError;
    return finish(http, core_->execute(http, operation, options));
  }

  // The bucket's real region when `error` says the request went to the wrong one, else nullopt.
  std::optional<std::string> redirectRegion(const Error& error, const HttpResponse& failed, const std::string& operation,
                                            const std::string& bucket, Transport* via) {
    if (error.kind != ErrorKind::Service) return std::nullopt;
    const bool headOperation = operation == "HeadObject" || operation == "HeadBucket";
    const bool redirect = error.code == "PermanentRedirect" || error.httpStatus == 301 ||
                          error.code == "AuthorizationHeaderMalformed" ||
                          (error.code == "IllegalLocationConstraintException" && operation != "CreateBucket") ||
                          (headOperation && error.httpStatus == 400 && failed.headers.has("x-amz-bucket-region"));
    if (!redirect) return std::nullopt;
    if (const std::string* region = failed.headers.get("x-amz-bucket-region"))
      if (detail::isValidRegion(*region)) return *region;
    if (!failed.body.empty()) {
      pugi::xml_document document;
      if (document.load_buffer(failed.body.data(), failed.body.size())) {
        std::string region = document.document_element().child_value("Region");
        if (detail::isValidRegion(region)) return region;
      }
    }
    if (operation == "HeadBucket") return std::nullopt;
    // Neither header nor body says: ask with a HEAD on the bucket, as botocore does.
    RestRequest head;
    s3::HeadBucketRequest().bucket(bucket).serialize(head);
    HttpResponse headFailed;
    auto answer = dispatchTo(head, "HeadBucket", bucket, regionFor(bucket), via, &headFailed);
    const HttpHeaders& headers = answer.ok() ? answer.value().headers : headFailed.headers;
    if (const std::string* region = headers.get("x-amz-bucket-region"))
      if (detail::isValidRegion(*region)) return *region;
    return std::nullopt;
  }

  static WaitOptions defaultWait() {
    WaitOptions options;
    options.delay = std::chrono::seconds(5);
    options.timeout = std::chrono::seconds(100);
    return options;
  }

  // botocore's four S3 waiters: success on 200 (or, for BucketExists, 301 and 403) when waiting
  // for existence, on 404 when waiting for absence; 404 retries existence waits.
  template <class Result, class Poll>
  Outcome<Empty> waitForHead(const std::string& name, const WaitOptions& options, Poll poll, bool waitForExistence) {
    auto outcome = waitUntil<Result>(name, options, poll, [&](const Outcome<Result>& polled) {
          const int status = polled.ok() ? 200 : polled.error().httpStatus;
          const bool exists = status == 200 || (name == "BucketExists" && (status == 301 || status == 403));
          if (waitForExistence) {
            if (exists) return WaitStep{WaitVerdict::Success, "exists"};
            if (status == 404) return WaitStep{WaitVerdict::Retry, "404"};
            return WaitStep{WaitVerdict::Failure, std::to_string(status)};
          }
          if (status == 404) return WaitStep{WaitVerdict::Success, "404"};
          if (polled.ok()) return WaitStep{WaitVerdict::Retry, "exists"};
          return WaitStep{WaitVerdict::Failure, std::to_string(status)};
        });
    if (!outcome.ok()) {
      const Error& error = outcome.error();
      const bool expectedAbsence = !waitForExistence && error.httpStatus == 404;
      const bool acceptedStatus = waitForExistence && name == "BucketExists" && (error.httpStatus == 301 || error.httpStatus == 403);
      if (!expectedAbsence && !acceptedStatus) return error;
    }
    return Empty{};
  }

  S3AddressingStyle addressingStyle_ = S3AddressingStyle::Auto;
  bool unsignedPayload_ = false;
  mutable std::mutex regionsMutex_;
  std::map<std::string, std::string> bucketRegions_;
};

}  // namespace awsdirect
