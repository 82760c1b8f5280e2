// Definitions of <awsdirect/s3/transfer.hpp>.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "../../detail/files.hpp"
#include "../../detail/text.hpp"

namespace awsdirect {

Outcome<Empty> emptyBucket(S3& client, const std::string& bucket, const EmptiedStep& onStep) {
  auto page = S3::listObjectVersions().bucket(bucket);
  for (;;) {
    auto listed = client.send(page);
    if (!listed) return listed.error();
    const s3::ListObjectVersionsResult& result = listed.value();
    std::vector<std::pair<const char*, const s3::DeleteMarkerEntry*>> all;
    for (const auto& v : result.versions) all.emplace_back("version", &v);
    for (const auto& m : result.deleteMarkers) all.emplace_back("delete marker", &m);
    for (std::size_t start = 0; start < all.size(); start += s3::kMaxKeysPerDelete) {
      auto batch = S3::deleteObjects().bucket(bucket).quiet();
      const std::size_t end = std::min(all.size(), start + s3::kMaxKeysPerDelete);
      for (std::size_t i = start; i < end; ++i) batch.object(all[i].second->key, all[i].second->versionId);
      auto deleted = client.send(batch);
      if (!deleted) return deleted.error();
      if (!deleted.value().errors.empty()) {
        const auto& first = deleted.value().errors.front();
        return makeError(ErrorKind::Service, first.code,
                         std::to_string(deleted.value().errors.size()) + " versions could not be deleted; s3://" + bucket +
                             "/" + first.key + " (version " + first.versionId + "): " + first.message);
      }
      if (onStep)
        for (std::size_t i = start; i < end; ++i) onStep(all[i].first, all[i].second->key, all[i].second->versionId);
    }
    if (!result.isTruncated) break;
    page.keyMarker(result.nextKeyMarker).versionIdMarker(result.nextVersionIdMarker);
  }
  auto uploads = client.listAllMultipartUploads(S3::listMultipartUploads().bucket(bucket));
  if (!uploads) return uploads.error();
  for (const auto& upload : uploads.value()) {
    auto aborted = client.send(S3::abortMultipartUpload().bucket(bucket).key(upload.key).uploadId(upload.uploadId));
    if (!aborted && aborted.error().code != "NoSuchUpload") return aborted.error();
    if (onStep) onStep("upload", upload.key, upload.uploadId);
  }
  return Empty{};
}

namespace detail {

// Adds up the progress of parts that travel at once, and reports it from one thread at a time.
// Each part reports how far it got; a part that starts over does not count its bytes twice.
class TransferProgress {
 public:
  TransferProgress(s3::ProgressCallback callback, std::uint64_t total, std::size_t parts)
      : callback_(std::move(callback)), total_(total), partDone_(parts, 0) {}

  AWSDIRECT_DECL void report(std::size_t part, std::uint64_t done);
  AWSDIRECT_DECL void finish();

 private:
  s3::ProgressCallback callback_;
  std::uint64_t total_;
  std::vector<std::uint64_t> partDone_;
  std::uint64_t done_ = 0;
  std::mutex mutex_;
};

// Runs `work(part)` for parts 0..count-1 on up to `threads` threads; stops handing out parts
// after the first failure and returns it.
template <class Work>
std::optional<Error> runParts(std::size_t count, std::size_t threads, Work work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::optional<Error> firstError;
  std::mutex errorMutex;
  auto worker = [&] {
    for (;;) {
      if (failed.load()) return;
      const std::size_t part = next.fetch_add(1);
      if (part >= count) return;
      std::optional<Error> error;
      try {
        error = work(part);
      } catch (const Exception& e) {
        error = e.error();
      } catch (const std::exception& e) {
        error = makeError(ErrorKind::Transport, "TransferFailed", e.what());
      }
      if (error) {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (!firstError) firstError = std::move(error);
        failed.store(true);
        return;
      }
    }
  };
  threads = std::max<std::size_t>(1, std::min(threads, count));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
  return firstError;
}

}  // namespace detail


namespace s3 {

void TransferConfig::validate(Validator& v) const {
  v.check(multipartThreshold >= 1, "TransferConfig.multipartThreshold", "must be at least 1 byte");
  v.check(multipartChunkSize >= kMinPartSize && multipartChunkSize <= kMaxPartSize,
          "TransferConfig.multipartChunkSize", "must be between 5 MiB and 5 GiB (S3's part size limits)");
  v.check(maxConcurrency >= 1 && maxConcurrency <= 64, "TransferConfig.maxConcurrency", "must be between 1 and 64");
}

std::optional<std::uint64_t> partSizeFor(std::uint64_t size, std::uint64_t chunkSize) {
  std::uint64_t partSize = std::clamp(chunkSize, kMinPartSize, kMaxPartSize);
  while ((size + partSize - 1) / partSize > static_cast<std::uint64_t>(kMaxParts) && partSize < kMaxPartSize)
    partSize = std::min(partSize * 2, kMaxPartSize);
  if ((size + partSize - 1) / partSize > static_cast<std::uint64_t>(kMaxParts)) return std::nullopt;
  return partSize;
}

void UploadFileRequest::validate(Validator& v) const {
  rules::bucketName(v, bucket_);
  rules::objectKey(v, key_);
  rules::readableFile(v, "File", file_);
  validateAttributes(v);
}

void DownloadFileRequest::validate(Validator& v) const {
  rules::bucketName(v, bucket_);
  rules::objectKey(v, key_);
  rules::writableFile(v, "File", file_);
}

}  // namespace s3

namespace detail {

void TransferProgress::report(std::size_t part, std::uint64_t done) {
  if (!callback_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (done <= partDone_[part]) return;
  done_ += done - partDone_[part];
  partDone_[part] = done;
  callback_(done_, total_);
}

void TransferProgress::finish() {
  if (!callback_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (done_ != total_ || total_ == 0) callback_(total_, total_);
  done_ = total_;
}

}  // namespace detail

Outcome<s3::UploadFileResult> S3Transfer::uploadFile(const s3::UploadFileRequest& request) {
  const std::string operation = s3::UploadFileRequest::operation;
  Validator validator;
  request.validate(validator);
  config_.validate(validator);
  struct stat info{};
  std::uint64_t size = 0;
  if (::stat(request.file_.c_str(), &info) == 0) size = static_cast<std::uint64_t>(info.st_size);
  std::optional<std::uint64_t> partSize = s3::partSizeFor(size, config_.multipartChunkSize);
  validator.check(partSize.has_value(), "File", "is larger than 10,000 parts of 5 GiB, S3's largest object");
  if (!validator.ok()) return validator.error("s3", operation);

  if (size < config_.multipartThreshold) return uploadInOneRequest(request, size);
  return uploadInParts(request, size, *partSize);
}

namespace detail {

// What is wrong with a downloaded part, if anything: its byte count, and for a ranged part the
// Content-Range S3 answered with ("bytes FIRST-LAST/SIZE").
AWSDIRECT_DECL std::optional<Error> partProblem(const s3::GetObjectResult& got, bool ranged, std::uint64_t first,
                                                std::uint64_t length, std::uint64_t size, std::uint64_t received,
                                                std::size_t part) {
  const std::string which = "part " + std::to_string(part + 1);
  if (ranged) {
    const std::string expected =
        "bytes " + std::to_string(first) + "-" + std::to_string(first + length - 1) + "/" + std::to_string(size);
    if (got.contentRange != expected)
      return makeError(ErrorKind::Integrity, "UnexpectedRange",
                       which + " came with Content-Range " + quote(got.contentRange) + ", not " + quote(expected) +
                           " (a proxy or server that ignores Range?)");
  }
  if (received != length)
    return makeError(ErrorKind::Integrity, "UnexpectedLength",
                     which + " brought " + std::to_string(received) + " of its " + std::to_string(length) + " bytes");
  return std::nullopt;
}

}  // namespace detail

Outcome<s3::DownloadFileResult> S3Transfer::downloadFile(const s3::DownloadFileRequest& request) {
  const std::string operation = s3::DownloadFileRequest::operation;
  Validator validator;
  request.validate(validator);
  config_.validate(validator);
  if (!validator.ok()) return validator.error("s3", operation);

  s3::HeadObjectRequest head = S3::headObject().bucket(*request.bucket_).key(*request.key_);
  if (request.versionId_) head.versionId(*request.versionId_);
  auto object = s3_.send(head);
  if (!object) return object.error();
  const std::uint64_t size = object.value().contentLength;
  const std::string eTag = object.value().eTag;
  // The object's checksum, when S3 keeps one of the whole object (HeadObject asks for it).
  const s3::Checksums& kept = object.value().checksums;
  const std::optional<ChecksumAlgorithm> algorithm = object.value().wholeObjectChecksum();

  try {
    detail::DownloadTarget target(request.file_);
    const bool inParts = size >= config_.multipartThreshold;
    const std::uint64_t partSize =
        inParts ? s3::partSizeFor(size, config_.multipartChunkSize).value_or(s3::kMaxPartSize) : std::max<std::uint64_t>(size, 1);
    const std::size_t parts = inParts ? static_cast<std::size_t>((size + partSize - 1) / partSize) : 1;
    detail::TransferProgress progress(request.progress_, size, parts);
    // Each part's CRC, computed as it arrives, to combine into the whole file's.
    const bool combine = inParts && algorithm && Checksum(*algorithm).combinable();
    std::vector<std::optional<Checksum>> partChecksums(parts);
    std::string verified;
    auto error = detail::runParts(parts, static_cast<std::size_t>(config_.maxConcurrency),
                                  [&](std::size_t part) -> std::optional<Error> {
      const std::uint64_t first = part * partSize;
      const std::uint64_t length = std::min(partSize, size - first);
      // Every part is checked: exactly its bytes, and (ranged) the range asked for. A part that
      // arrives short, long or from the wrong range is fetched again, twice at most, then fails:
      // never a corrupt file reported as a success.
      std::optional<Error> problem;
      for (int attempt = 0; attempt < 3; ++attempt) {
        s3::GetObjectRequest get = S3::getObject().bucket(*request.bucket_).key(*request.key_);
        if (request.versionId_) get.versionId(*request.versionId_);
        // The same object from the first part to the last: a part of another version fails
        // (412) instead of splicing two objects together.
        if (!eTag.empty()) get.ifMatch(eTag);
        if (inParts) get.range(first, first + length - 1);
        if (algorithm) get.expectChecksum(*algorithm);
        std::uint64_t received = 0;
        get.toSink([&, part, first, length](std::uint64_t offset, const char* data, std::size_t n) {
          if (offset + n > length)  // more than asked for (a proxy that ignored Range): write none of it
            throwError(makeError(ErrorKind::Integrity, "UnexpectedLength",
                                 "part " + std::to_string(part + 1) + " brought more than its " +
                                     std::to_string(length) + " bytes"));
          target.writeAt(first + offset, data, n);
          if (combine) {
            if (offset == 0) partChecksums[part].emplace(*algorithm);
            partChecksums[part]->update(data, n);
          }
          received = offset + n;
          progress.report(part, offset + n);
        });
        auto got = s3_.send(get);
        if (!got) {
          if (got.error().kind != ErrorKind::Integrity) return got.error();
          problem = got.error();
          continue;
        }
        problem = detail::partProblem(got.value(), inParts, first, length, size, received, part);
        if (!problem && !inParts) verified = got.value().verifiedChecksum;
        if (!problem) return std::nullopt;
      }
      problem->message += " (after 3 attempts)";
      return problem;
    });
    if (error) return *error;
    if (inParts && algorithm) {
      // The whole file against the object's checksum: the parts' CRCs combined, or (a SHA) one
      // more read of the file.
      Checksum whole(*algorithm);
      if (combine)
        for (const auto& part : partChecksums) whole.append(*part);
      else
        target.readBack(size, [&](const char* data, std::size_t n) { whole.update(data, n); });
      if (auto mismatch = s3::detail::checksumMismatch(*algorithm, kept[*algorithm], whole.value(),
                                                       "s3://" + *request.bucket_ + "/" + *request.key_))
        return *mismatch;
      verified = std::string(checksumAlgorithmName(*algorithm)) + " " + kept[*algorithm];
    }
    target.commit(size);
    progress.finish();
    return s3::DownloadFileResult{size, eTag, inParts ? static_cast<int>(parts) : 0, verified};
  } catch (const Exception& e) {
    return detail::withContext(e.error(), s3_.core().service(), "GetObject");
  }
}

std::optional<ChecksumAlgorithm> S3Transfer::uploadChecksum(const s3::UploadFileRequest& request) const {
  if (request.checksumAlgorithm_) return request.checksumAlgorithm_;
  if (s3_.requestChecksumCalculation() == ChecksumPolicy::WhenSupported) return ChecksumAlgorithm::Crc32;
  return std::nullopt;
}

Outcome<s3::UploadFileResult> S3Transfer::uploadInOneRequest(const s3::UploadFileRequest& request, std::uint64_t size) {
  s3::PutObjectRequest put = S3::putObject().bucket(request.bucket_).key(request.key_).bodyFromFile(request.file_);
  request.copyAttributesTo(put);
  if (auto checksum = uploadChecksum(request)) put.checksumAlgorithm(*checksum);
  detail::TransferProgress progress(request.progress_, size, 1);
  put.onProgress([&](std::uint64_t done, std::uint64_t) { progress.report(0, done); });
  auto result = s3_.send(put);
  if (!result) return result.error();
  progress.finish();
  return s3::UploadFileResult{result.value().eTag, result.value().versionId, size, 0, 0};
}

Outcome<s3::UploadFileResult> S3Transfer::uploadInParts(const s3::UploadFileRequest& request, std::uint64_t size, std::uint64_t partSize) {
  s3::CreateMultipartUploadRequest create = S3::createMultipartUpload().bucket(request.bucket_).key(request.key_);
  request.copyAttributesTo(create);
  const std::optional<ChecksumAlgorithm> checksum = uploadChecksum(request);
  if (checksum) create.checksumAlgorithm(*checksum);
  auto created = s3_.send(create);
  if (!created) return created.error();
  const std::string uploadId = created.value().uploadId;

  const std::size_t parts = static_cast<std::size_t>((size + partSize - 1) / partSize);
  std::vector<s3::CompletedPart> completed(parts);
  detail::TransferProgress progress(request.progress_, size, parts);
  auto error = detail::runParts(parts, static_cast<std::size_t>(config_.maxConcurrency),
                                [&](std::size_t part) -> std::optional<Error> {
    const std::uint64_t offset = part * partSize;
    const std::uint64_t length = std::min(partSize, size - offset);
    s3::UploadPartRequest upload = S3::uploadPart()
                                       .bucket(request.bucket_)
                                       .key(request.key_)
                                       .uploadId(uploadId)
                                       .partNumber(static_cast<int>(part + 1))
                                       .bodyFromFile(request.file_, offset, length)
                                       .onProgress([&, part](std::uint64_t done, std::uint64_t) { progress.report(part, done); });
    if (checksum) upload.checksumAlgorithm(*checksum);
    // The client retries a failed part itself (hashing it afresh at every attempt).
    auto uploaded = s3_.send(upload);
    if (!uploaded) return uploaded.error();
    completed[part] = {static_cast<int>(part + 1), uploaded.value().eTag, uploaded.value().checksums};
    return std::nullopt;
  });
  if (error) return abandon(request, uploadId, *error);

  auto done = s3_.send(S3::completeMultipartUpload()
                           .bucket(request.bucket_)
                           .key(request.key_)
                           .uploadId(uploadId)
                           .parts(std::move(completed)));
  if (!done) return abandon(request, uploadId, done.error());
  progress.finish();
  return s3::UploadFileResult{done.value().eTag, done.value().versionId, size, static_cast<int>(parts), partSize};
}

Error S3Transfer::abandon(const s3::UploadFileRequest& request, const std::string& uploadId, Error error) {
  auto aborted = s3_.send(S3::abortMultipartUpload().bucket(request.bucket_).key(request.key_).uploadId(uploadId));
  if (aborted) {
    error.message += " (multipart upload " + uploadId + " aborted)";
  } else {
    error.message += " (aborting multipart upload " + uploadId + " failed too: " + aborted.error().describe() +
                     "; abort it with AbortMultipartUpload, or a lifecycle rule, to stop paying for its parts)";
  }
  return error;
}

}  // namespace awsdirect
