// Definitions of <awsdirect/detail/process.hpp>.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <thread>

#include "../../error.hpp"

extern "C" {
extern char** environ;  // what a credential_process inherits, as with Python's subprocess
}

namespace awsdirect {
namespace detail {

// Closes its file descriptor when it goes.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd = -1) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string describeDuration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

CommandResult runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, std::size_t maxOutput, const std::string& what) {
  auto fail = [&](const std::string& code, const std::string& message) {
    return CredentialsError(credentialsError(code, what + " " + message));
  };
  int outPipe[2], errPipe[2];
  if (::pipe2(outPipe, O_CLOEXEC) != 0)
    throw fail("CredentialProcessFailed", "could not start: pipe: " + std::string(std::strerror(errno)));
  FileDescriptor outRead(outPipe[0]), outWrite(outPipe[1]);
  if (::pipe2(errPipe, O_CLOEXEC) != 0)
    throw fail("CredentialProcessFailed", "could not start: pipe: " + std::string(std::strerror(errno)));
  FileDescriptor errRead(errPipe[0]), errWrite(errPipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outWrite.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, errWrite.get(), STDERR_FILENO);
  // As Python's subprocess: the child starts with default SIGPIPE handling and no blocked signals.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults, none;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGXFSZ);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<std::string> arguments = argv;
  std::vector<char*> pointers;
  for (auto& argument : arguments) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  pid_t pid = 0;
  int spawnError = ::posix_spawnp(&pid, pointers[0], &actions, &attributes, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  outWrite.reset();
  errWrite.reset();
  if (spawnError != 0)
    throw fail("CredentialProcessFailed", "could not start: " + std::string(std::strerror(spawnError)));

  ::fcntl(outRead.get(), F_SETFL, ::fcntl(outRead.get(), F_GETFL) | O_NONBLOCK);
  ::fcntl(errRead.get(), F_SETFL, ::fcntl(errRead.get(), F_GETFL) | O_NONBLOCK);

  CommandResult result;
  int status = 0;
  bool exited = false;
  auto reap = [&](int flags) {
    for (;;) {
      pid_t reaped = ::waitpid(pid, &status, flags);
      if (reaped == pid) return true;
      if (reaped < 0 && errno == EINTR) continue;
      if (reaped < 0 && errno == ECHILD) {
        result.exitStatusKnown = false;
        return true;
      }
      return false;
    }
  };
  auto stop = [&] {
    if (!exited) {
      ::kill(pid, SIGKILL);
      reap(0);
      exited = true;
    }
  };
  const std::size_t maxError = 16 * 1024;
  // Reads what is available now, keeping at most `keep` bytes; closes `fd` at end of file.
  auto drain = [&](FileDescriptor& fd, std::string& into, std::size_t keep) {
    char buffer[4096];
    while (fd.get() >= 0) {
      ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
      if (n > 0) {
        std::size_t room = into.size() < keep ? keep - into.size() : 0;
        into.append(buffer, std::min(room, static_cast<std::size_t>(n)));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      fd.reset();  // end of file, or an error that ends reading
    }
  };

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto timedOut = [&] {
    stop();
    return fail("CredentialProcessTimeout", "did not finish within " + describeDuration(timeout) + " and was stopped");
  };
  while (outRead.get() >= 0 || errRead.get() >= 0) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (remaining.count() <= 0) throw timedOut();
    pollfd fds[2];
    nfds_t count = 0;
    for (int fd : {outRead.get(), errRead.get()})
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    // Wake now and then: a command that exited may have left a child holding the pipes open.
    int waitMs = static_cast<int>(std::min<std::int64_t>(remaining.count(), 100));
    if (::poll(fds, count, waitMs) < 0 && errno != EINTR) {
      stop();
      throw fail("CredentialProcessFailed", "could not be read: poll: " + std::string(std::strerror(errno)));
    }
    drain(outRead, result.out, maxOutput + 1);
    drain(errRead, result.err, maxError);
    if (result.out.size() > maxOutput) {
      stop();
      throw fail("CredentialProcessFailed",
                 "printed more than " + std::to_string(maxOutput) + " bytes and was stopped");
    }
    if (!exited && reap(WNOHANG)) {
      exited = true;
      drain(outRead, result.out, maxOutput + 1);
      drain(errRead, result.err, maxError);
      break;
    }
  }
  while (!exited) {  // the pipes closed before the command exited
    if (reap(WNOHANG)) {
      exited = true;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) throw timedOut();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (result.out.size() > maxOutput)
    throw fail("CredentialProcessFailed", "printed more than " + std::to_string(maxOutput) + " bytes");
  if (result.exitStatusKnown) {
    if (WIFEXITED(status)) result.exitStatus = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace detail
}  // namespace awsdirect
