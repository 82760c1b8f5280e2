#pragma once
// Uploading and downloading files with S3, as the AWS CLI's `s3 cp` does (s3transfer's
// defaults): a file of 8 MiB or more goes up in 8 MiB parts, several at once, and comes down in
// ranged parts, several at once. Nothing is held in memory: parts stream from and to the file.
// A failed upload is aborted, so no orphaned parts stay billed; a failed download leaves no file.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "../detail/build_mode.hpp"
#include "../error.hpp"
#include "../validate.hpp"
#include "client.hpp"
#include "common.hpp"
#include "multipart.hpp"
#include "objects.hpp"

namespace awsdirect {

class S3Transfer;

namespace s3 {

// How files are split and how many parts travel at once.
struct TransferConfig {
  std::uint64_t multipartThreshold = 8 * kMiB;  // botocore's multipart_threshold: smaller files go in one request
  std::uint64_t multipartChunkSize = 8 * kMiB;  // botocore's multipart_chunksize: doubled while a file would
                                                // need more than 10,000 parts
  int maxConcurrency = 4;                       // parts in flight at once

  TransferConfig& withMultipartThreshold(std::uint64_t v) { multipartThreshold = v; return *this; }
  TransferConfig& withMultipartChunkSize(std::uint64_t v) { multipartChunkSize = v; return *this; }
  TransferConfig& withMaxConcurrency(int v) { maxConcurrency = v; return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;
};

// The part size for `size` bytes: `chunkSize`, doubled until the file fits in 10,000 parts
// (s3transfer's ChunksizeAdjuster); nullopt when even 5 GiB parts would not do.
AWSDIRECT_DECL std::optional<std::uint64_t> partSizeFor(std::uint64_t size, std::uint64_t chunkSize);

// uploadFile: a local file to an object, in one PutObject or in parts.
class UploadFileRequest : public ObjectAttributes<UploadFileRequest> {
 public:
  static constexpr const char* operation = "UploadFile";

  UploadFileRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  UploadFileRequest& key(std::string v) { key_ = std::move(v); return *this; }
  UploadFileRequest& file(std::string path) { file_ = std::move(path); return *this; }
  // The checksum sent with the object (or with every part), which S3 checks and keeps; else
  // CRC32, unless the client's requestChecksumCalculation is WhenRequired.
  UploadFileRequest& checksumAlgorithm(ChecksumAlgorithm v) { checksumAlgorithm_ = v; return *this; }
  UploadFileRequest& checksumSha256() { return checksumAlgorithm(ChecksumAlgorithm::Sha256); }
  UploadFileRequest& onProgress(ProgressCallback progress) { progress_ = std::move(progress); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;

 private:
  std::string bucket_, key_, file_;
  std::optional<ChecksumAlgorithm> checksumAlgorithm_;
  ProgressCallback progress_;

  friend class awsdirect::S3Transfer;
};

struct UploadFileResult {
  std::string eTag;
  std::string versionId;
  std::uint64_t size = 0;
  int parts = 0;               // 0: one PutObject
  std::uint64_t partSize = 0;  // when in parts
};

// downloadFile: an object to a local file, streamed to disk, in ranged parts when it is big.
// Every part is checked for its range and length, and the whole file against the object's
// checksum when S3 keeps one of the whole object (CRCs combined from the parts, so the file is
// read once); a mismatch is an IntegrityError and leaves no file.
class DownloadFileRequest {
 public:
  static constexpr const char* operation = "DownloadFile";

  DownloadFileRequest& bucket(std::string v) { bucket_ = std::move(v); return *this; }
  DownloadFileRequest& key(std::string v) { key_ = std::move(v); return *this; }
  DownloadFileRequest& file(std::string path) { file_ = std::move(path); return *this; }
  DownloadFileRequest& versionId(std::string v) { versionId_ = std::move(v); return *this; }
  DownloadFileRequest& onProgress(ProgressCallback progress) { progress_ = std::move(progress); return *this; }

  AWSDIRECT_DECL void validate(Validator& v) const;

 private:
  std::optional<std::string> bucket_, key_, versionId_;
  std::string file_;
  ProgressCallback progress_;

  friend class awsdirect::S3Transfer;
};

struct DownloadFileResult {
  std::uint64_t size = 0;
  std::string eTag;
  int parts = 0;  // 0: one GetObject
  // The object's checksum the file was verified against ("CRC32 DUoRhQ=="), or "" when S3 keeps
  // none of the whole object (a composite checksum of parts is checked by S3 at upload).
  std::string verifiedChecksum;
};

}  // namespace s3



// Told of each thing emptyBucket removed: "version", "delete marker" or "upload", its key, and its
// version id (or upload id).
using EmptiedStep = std::function<void(const char* what, const std::string& key, const std::string& id)>;

// Empties a bucket completely, as `aws s3 rb --force` should and DeleteBucket requires: every
// version of every object and every delete marker (all there is in an unversioned bucket too),
// 1,000 per DeleteObjects, page by page; then every unfinished multipart upload, aborted. A key
// S3 would not delete ends it with that key's error.
AWSDIRECT_DECL Outcome<Empty> emptyBucket(S3& client, const std::string& bucket, const EmptiedStep& onStep = {});

// Transfers files with an S3 client, several parts at once through the client's own transport
// (the curl transport runs them on connections of their own; a recorder records them all).
class S3Transfer {
 public:
  explicit S3Transfer(S3& client, s3::TransferConfig config = {}) : s3_(client), config_(config) {}

  const s3::TransferConfig& config() const { return config_; }

  AWSDIRECT_DECL Outcome<s3::UploadFileResult> uploadFile(const s3::UploadFileRequest& request);

  AWSDIRECT_DECL Outcome<s3::DownloadFileResult> downloadFile(const s3::DownloadFileRequest& request);

 private:
  // The algorithm an upload sends: the request's, else CRC32 unless the policy is WhenRequired.
  AWSDIRECT_DECL std::optional<ChecksumAlgorithm> uploadChecksum(const s3::UploadFileRequest& request) const;
  AWSDIRECT_DECL Outcome<s3::UploadFileResult> uploadInOneRequest(const s3::UploadFileRequest& request, std::uint64_t size);

  AWSDIRECT_DECL Outcome<s3::UploadFileResult> uploadInParts(const s3::UploadFileRequest& request, std::uint64_t size,
                                              std::uint64_t partSize);

  // Aborts the upload so its parts stop costing money, and returns `error` saying so.
  AWSDIRECT_DECL Error abandon(const s3::UploadFileRequest& request, const std::string& uploadId, Error error);

  S3& s3_;
  s3::TransferConfig config_;
};

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/transfer.ipp"
#endif
