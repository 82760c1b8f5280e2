#pragma once
// Local files that S3 streams from and into: a file read by position, so parts of it travel at
// once, and a download target that appears under its name only when the whole object arrived.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "../error.hpp"
#include "../http.hpp"
#include "build_mode.hpp"

namespace awsdirect {
namespace detail {

// A TransportError (code LocalFileError) for a local file that cannot be used.
AWSDIRECT_DECL Error localFileError(const std::string& what, const std::string& path, int error);

// A file opened for reading, shared by the bodies that stream parts of it; reads are positional
// (pread), so threads read their own parts at once.
class FileSource {
 public:
  // Opens `path`; throws TransportError (LocalFileError) when it cannot.
  AWSDIRECT_DECL explicit FileSource(std::string path);
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  AWSDIRECT_DECL ~FileSource();

  const std::string& path() const { return path_; }
  std::uint64_t size() const { return size_; }

  // Reads up to `capacity` bytes at `offset`; at least one unless the file ended early, which
  // (the file shrank since it was opened) is an error.
  AWSDIRECT_DECL std::size_t readAt(std::uint64_t offset, char* buffer, std::size_t capacity) const;

  // `length` bytes from `offset` as a request body; `progress`, when set, hears how far the
  // body has been sent (the furthest byte read, so a resend never counts twice).
  AWSDIRECT_DECL static StreamedBody region(std::shared_ptr<const FileSource> file, std::uint64_t offset, std::uint64_t length,
                             std::function<void(std::uint64_t)> progress = {});

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

// A download's destination: a temporary file next to `path`, renamed over it only when the
// whole object has arrived, so a failed download never leaves half a file under the real name.
class DownloadTarget {
 public:
  AWSDIRECT_DECL explicit DownloadTarget(std::string path);
  DownloadTarget(const DownloadTarget&) = delete;
  DownloadTarget& operator=(const DownloadTarget&) = delete;
  ~DownloadTarget() { discard(); }

  // Writes `size` bytes at `offset` (positional, so parts land in place whatever their order).
  AWSDIRECT_DECL void writeAt(std::uint64_t offset, const char* data, std::size_t size) const;

  // Cuts the file to `size` bytes (a retried part may have left a longer tail) and renames it
  // over the destination.
  AWSDIRECT_DECL void commit(std::uint64_t size);

  // Reads the first `size` bytes written back, in pieces (to check them against a checksum).
  AWSDIRECT_DECL void readBack(std::uint64_t size, const std::function<void(const char*, std::size_t)>& piece) const;

  // Removes the temporary file; nothing is left behind.
  AWSDIRECT_DECL void discard();

 private:
  std::string path_, temporary_;
  int fd_ = -1;
};

// The Content-MD5 header's value: base64 of the body's MD5, which S3 requires for DeleteObjects

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/files.ipp"
#endif
