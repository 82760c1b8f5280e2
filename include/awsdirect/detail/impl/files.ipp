// Definitions of <awsdirect/detail/files.hpp>.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "../../transport.hpp"

namespace awsdirect {
namespace detail {

FileSource::~FileSource() { ::close(fd_); }

Error localFileError(const std::string& what, const std::string& path, int error) {
  Error e = transportError(TransportFailure::Other, what + " " + path + ": " + std::strerror(error));
  e.code = "LocalFileError";
  return e;
}

FileSource::FileSource(std::string path)
    : path_(std::move(path)) {
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

std::size_t FileSource::readAt(std::uint64_t offset, char* buffer, std::size_t capacity) const {
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

StreamedBody FileSource::region(std::shared_ptr<const FileSource> file, std::uint64_t offset, std::uint64_t length, std::function<void(std::uint64_t)> progress) {
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

DownloadTarget::DownloadTarget(std::string path)
    : path_(std::move(path)) {
  std::mt19937_64 random{std::random_device{}()};
  for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x.awsdirect", static_cast<unsigned>(random()));
    temporary_ = path_ + suffix;
    fd_ = ::open(temporary_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) throwError(localFileError("cannot create a file next to", path_, errno));
}

void DownloadTarget::writeAt(std::uint64_t offset, const char* data, std::size_t size) const {
  while (size > 0) {
    ssize_t written = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) throwError(localFileError("cannot write", temporary_, written < 0 ? errno : ENOSPC));
    data += written;
    size -= static_cast<std::size_t>(written);
    offset += static_cast<std::uint64_t>(written);
  }
}

void DownloadTarget::readBack(std::uint64_t size, const std::function<void(const char*, std::size_t)>& piece) const {
  std::string buffer(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1 << 20)), '\0');
  for (std::uint64_t offset = 0; offset < size;) {
    const std::size_t wanted = static_cast<std::size_t>(std::min<std::uint64_t>(size - offset, buffer.size()));
    ssize_t got = ::pread(fd_, &buffer[0], wanted, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throwError(localFileError("cannot read back", temporary_, got < 0 ? errno : EIO));
    piece(buffer.data(), static_cast<std::size_t>(got));
    offset += static_cast<std::uint64_t>(got);
  }
}

void DownloadTarget::commit(std::uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) throwError(localFileError("cannot size", temporary_, errno));
  if (::close(fd_) != 0) {
    fd_ = -1;
    throwError(localFileError("cannot write", temporary_, errno));
  }
  fd_ = -1;
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) throwError(localFileError("cannot rename onto", path_, errno));
  temporary_.clear();
}

void DownloadTarget::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
  temporary_.clear();
}

}  // namespace detail
}  // namespace awsdirect
