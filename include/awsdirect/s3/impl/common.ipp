// Definitions of <awsdirect/s3/common.hpp>.
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

#include "../../crypto.hpp"
#include "../../detail/ip.hpp"
#include "../../detail/text.hpp"
#include "../../endpoints.hpp"

namespace awsdirect {
namespace s3 {

namespace detail {


bool isIpOrLocalhost(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;  // IPv6
  return awsdirect::detail::isIpv4Address(host) || host == "localhost";
}

bool isVirtualHostableBucket(const std::string& bucket, bool allowDots) {
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
  return !awsdirect::detail::isIpv4Address(bucket);
}

}  // namespace detail

namespace rules {

void newBucketName(Validator& v, const std::optional<std::string>& bucket) {
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
    if (name.rfind(prefix, 0) == 0) v.fail(field, std::string("must not begin with the reserved prefix '") + prefix + "'");
  for (std::string_view suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      v.fail(field, "must not end with the reserved suffix '" + std::string(suffix) + "'");
}

void bucketName(Validator& v, const std::optional<std::string>& bucket) {
  if (v.requiredText(bucket, "Bucket")) bucketCharacters(v, "Bucket", *bucket);
}

void bucketCharacters(Validator& v, const std::string& field, const std::string& bucket) {
  bool allowed = bucket.size() <= 255;
  for (char c : bucket)
    if (!(awsdirect::rules::isLetter(c) || awsdirect::rules::isDigit(c) || c == '.' || c == '-' || c == '_'))
      allowed = false;
  v.check(allowed, field, "must be at most 255 letters, digits, dots, hyphens and underscores");
}

void objectKey(Validator& v, const std::optional<std::string>& key, const std::string& field) {
  if (v.requiredText(key, field)) objectKeyText(v, field, *key);
}

void objectKeyText(Validator& v, const std::string& field, const std::string& key) {
  v.check(key.size() <= kMaxKeyBytes, field, "must be at most 1024 bytes long in UTF-8");
  v.check(awsdirect::detail::isValidUtf8(key), field, "must be valid UTF-8");
}

void rangeHeader(Validator& v, const std::string& field, const std::string& range) {
  const std::string rule = "must be 'bytes=FIRST-LAST' with FIRST <= LAST";
  if (!v.check(range.rfind("bytes=", 0) == 0, field, rule)) return;
  const std::string spec = range.substr(6);
  const std::size_t dash = spec.find('-');
  bool ok = dash != std::string::npos && spec.find_first_not_of("0123456789-") == std::string::npos &&
            spec.find('-', dash + 1) == std::string::npos && spec.size() > 1;
  if (ok && dash > 0 && dash + 1 < spec.size())
    ok = std::strtoull(spec.substr(0, dash).c_str(), nullptr, 10) <= std::strtoull(spec.substr(dash + 1).c_str(), nullptr, 10);
  v.check(ok, field, rule);
}

bool isStorageClass(const std::string& value) {
  for (const char* known : {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
                            "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
                            "FSX_OPENZFS", "FSX_ONTAP"})
    if (value == known) return true;
  return false;
}

void storageClass(Validator& v, const std::optional<std::string>& value) {
  if (!value) return;
  v.check(isStorageClass(*value), "StorageClass",
          "must be one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, "
          "DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE, FSX_OPENZFS, FSX_ONTAP");
}

void serverSideEncryption(Validator& v, const std::optional<std::string>& value, const std::optional<std::string>& kmsKeyId) {
  if (value)
    v.check(*value == "AES256" || *value == "aws:kms" || *value == "aws:kms:dsse" || *value == "aws:fsx",
            "ServerSideEncryption", "must be one of AES256, aws:kms, aws:kms:dsse, aws:fsx");
  if (kmsKeyId)
    v.check(value && (*value == "aws:kms" || *value == "aws:kms:dsse"), "SSEKMSKeyId",
            "requires ServerSideEncryption aws:kms or aws:kms:dsse");
}

void metadata(Validator& v, const std::map<std::string, std::string>& values) {
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

void partNumber(Validator& v, const std::optional<int>& number) {
  if (v.required(number, "PartNumber")) v.inRange(number, 1, kMaxParts, "PartNumber");
}

void readableFile(Validator& v, const std::string& field, const std::string& path) {
  struct stat info{};
  if (!v.check(!path.empty(), field, "must name a file")) return;
  if (!v.check(::stat(path.c_str(), &info) == 0, field, "names a file that does not exist: " + path)) return;
  if (!v.check(S_ISREG(info.st_mode), field, "names something that is not a regular file: " + path)) return;
  v.check(::access(path.c_str(), R_OK) == 0, field, "names a file that cannot be read: " + path);
}

void writableFile(Validator& v, const std::string& field, const std::string& path) {
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

std::string& Checksums::operator[](ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::Crc32: return crc32;
    case ChecksumAlgorithm::Crc32c: return crc32c;
    case ChecksumAlgorithm::Crc64Nvme: return crc64nvme;
    case ChecksumAlgorithm::Sha1: return sha1;
    case ChecksumAlgorithm::Sha256: return sha256;
    case ChecksumAlgorithm::Sha512: break;
  }
  return sha512;
}

std::optional<ChecksumAlgorithm> Checksums::algorithm() const {
  for (ChecksumAlgorithm algorithm : kChecksumAlgorithms)
    if (!(*this)[algorithm].empty()) return algorithm;
  return std::nullopt;
}

bool Checksums::coversWholeBody(ChecksumAlgorithm algorithm) const {
  const std::string& value = (*this)[algorithm];
  return !value.empty() && type != "COMPOSITE" && value.find('-') == std::string::npos;
}

Checksums Checksums::fromHeaders(const RestResponse& r) {
  Checksums out;
  for (ChecksumAlgorithm algorithm : kChecksumAlgorithms) out[algorithm] = r.header(checksumHeaderName(algorithm));
  out.type = r.header("x-amz-checksum-type");
  return out;
}

void Checksums::toXml(XmlElementWriter& element) const {
  // In the model's order.
  for (ChecksumAlgorithm algorithm : {ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Crc64Nvme,
                                      ChecksumAlgorithm::Sha1, ChecksumAlgorithm::Sha256, ChecksumAlgorithm::Sha512})
    if (!(*this)[algorithm].empty())
      element.text((std::string("Checksum") + checksumAlgorithmName(algorithm)).c_str(), (*this)[algorithm]);
}

namespace detail {

std::optional<Error> checksumMismatch(ChecksumAlgorithm algorithm, const std::string& expected,
                                                     const std::string& received, const std::string& what) {
  if (expected == received) return std::nullopt;
  return makeError(ErrorKind::Integrity, "ChecksumMismatch",
                   what + ": S3 keeps the " + checksumAlgorithmName(algorithm) + " " + expected + ", the bytes received have " +
                       received + " (changed on the way?)");
}

void requestChecksum(RestRequest& r, const std::optional<ChecksumAlgorithm>& algorithm) {
  if (!algorithm) return;
  r.header("x-amz-sdk-checksum-algorithm", checksumAlgorithmName(*algorithm));
  r.header(checksumHeaderName(*algorithm), "");
}

std::optional<ChecksumAlgorithm> requestedChecksum(const HttpHeaders& headers) {
  const std::string* name = headers.get("x-amz-sdk-checksum-algorithm");
  return name ? checksumAlgorithmNamed(*name) : std::nullopt;
}

void bucketPath(RestRequest& r, const std::optional<std::string>& bucket) {
  r.pathLiteral("/").pathLabel("Bucket", bucket.value_or(""));
}

void objectPath(RestRequest& r, const std::optional<std::string>& bucket, const std::optional<std::string>& key) {
  bucketPath(r, bucket);
  r.pathLiteral("/").pathLabel("Key", key.value_or(""), /*greedy=*/true);
}

void xmlBodyWithChecksum(RestRequest& r, std::string body) {
  r.header("Content-MD5", contentMd5(body));
  r.body(std::move(body));
}

}  // namespace detail

Checksums Checksums::fromXml(const XmlNode& node) { return readResult<Checksums>(node); }

}  // namespace s3
}  // namespace awsdirect
