#pragma once
// Starts tests/support/http_test_server.py on a free loopback port for the length of a test, and
// runs short helper programs (openssl). Every wait is bounded: a test never hangs on a child.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "skip.hpp"

extern char** environ;

namespace awsdirect_test {

namespace detail {

using Clock = std::chrono::steady_clock;

// A pipe whose ends are closed on exec, so other children never inherit them (the server's
// stdin must reach end of file when this process closes its end).
struct Pipe {
  int readEnd = -1;
  int writeEnd = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    readEnd = fds[0];
    writeEnd = fds[1];
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    closeRead();
    closeWrite();
  }
  void closeRead() {
    if (readEnd >= 0) ::close(readEnd);
    readEnd = -1;
  }
  void closeWrite() {
    if (writeEnd >= 0) ::close(writeEnd);
    writeEnd = -1;
  }
};

struct SpawnFileActions {
  posix_spawn_file_actions_t actions;
  SpawnFileActions() { posix_spawn_file_actions_init(&actions); }
  SpawnFileActions(const SpawnFileActions&) = delete;
  SpawnFileActions& operator=(const SpawnFileActions&) = delete;
  ~SpawnFileActions() { posix_spawn_file_actions_destroy(&actions); }
};

// Starts `argv` (looked up on PATH). Returns the pid, or -1 with `error` set to errno when the
// program could not be started at all (ENOENT: not installed).
inline pid_t spawn(const std::vector<std::string>& argv, SpawnFileActions& files, int& error) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  error = posix_spawnp(&pid, args[0], &files.actions, nullptr, args.data(), environ);
  return error == 0 ? pid : -1;
}

// Waits for `pid` until `deadline`; true (and `status` set) when it exited.
inline bool waitUntil(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Ends `pid`: SIGTERM, a bounded wait, then SIGKILL (which cannot be ignored).
inline void terminate(pid_t pid) {
  int status = 0;
  kill(pid, SIGTERM);
  if (waitUntil(pid, Clock::now() + std::chrono::seconds(3), status)) return;
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
}

}  // namespace detail

// How a short helper program ended.
struct ProgramResult {
  bool started = false;   // false: not installed (or not executable)
  bool timedOut = false;  // killed after the timeout
  int exitCode = -1;      // when it exited on its own
  bool succeeded() const { return started && !timedOut && exitCode == 0; }
};

// Runs `argv` to completion with its output discarded, killing it after `timeout`.
inline ProgramResult runProgram(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ProgramResult result;
  detail::SpawnFileActions files;
  posix_spawn_file_actions_addopen(&files.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files.actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files.actions, 2, "/dev/null", O_WRONLY, 0);
  int error = 0;
  pid_t pid = detail::spawn(argv, files, error);
  if (pid < 0) return result;
  result.started = true;
  int status = 0;
  if (!detail::waitUntil(pid, detail::Clock::now() + timeout, status)) {
    result.timedOut = true;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return result;
  }
  if (WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  return result;
}

struct TestServerOptions {
  std::string certFile;  // both set: serve HTTPS with this certificate and key
  std::string keyFile;
#ifdef AWSDIRECT_SOURCE_DIR
  std::string script = AWSDIRECT_SOURCE_DIR "/tests/support/http_test_server.py";
#else
  std::string script = "tests/support/http_test_server.py";
#endif
  std::vector<std::string> arguments;  // passed to the script
  std::chrono::milliseconds startupTimeout{std::chrono::seconds(15)};
};

// A running http_test_server.py; stopped (and reaped) by the destructor.
class TestServer {
 public:
  using Options = TestServerOptions;

  // Thrown when python3 itself cannot be started (as opposed to a server that fails).
  class PythonUnavailable : public std::runtime_error {
    using std::runtime_error::runtime_error;
  };

  // Starts the server and waits until it prints its port. Throws PythonUnavailable when there is
  // no python3, std::runtime_error when the server does not come up in time.
  explicit TestServer(const Options& options = Options()) : tls_(!options.certFile.empty()) {
    std::vector<std::string> argv{"python3", options.script};
    if (tls_) argv.insert(argv.end(), {"--cert", options.certFile, "--key", options.keyFile});
    argv.insert(argv.end(), options.arguments.begin(), options.arguments.end());

    detail::SpawnFileActions files;
    posix_spawn_file_actions_adddup2(&files.actions, stdin_.readEnd, 0);
    posix_spawn_file_actions_adddup2(&files.actions, stdout_.writeEnd, 1);
    int error = 0;
    pid_ = detail::spawn(argv, files, error);
    if (pid_ < 0) throw PythonUnavailable("python3 could not be started: " + std::string(std::strerror(error)));
    stdin_.closeRead();
    stdout_.closeWrite();
    try {
      port_ = readPort(options.startupTimeout);
    } catch (...) {
      stop();
      throw;
    }
  }

  // Starts a server, or records a skip and returns null when python3 cannot be started.
  static std::unique_ptr<TestServer> startOrSkip(const Options& options = Options()) {
    try {
      return std::make_unique<TestServer>(options);
    } catch (const PythonUnavailable& e) {
      skip(e.what());
      return nullptr;
    }
  }

  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;
  ~TestServer() { stop(); }

  int port() const { return port_; }
  std::string authority() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string scheme() const { return tls_ ? "https" : "http"; }

 private:
  int readPort(std::chrono::milliseconds timeout) {
    const auto deadline = detail::Clock::now() + timeout;
    std::string output;
    while (output.find('\n') == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - detail::Clock::now());
      if (left.count() <= 0) throw std::runtime_error("the test server did not report its port in time");
      pollfd readable{stdout_.readEnd, POLLIN, 0};
      int ready = poll(&readable, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) continue;
      char buffer[256];
      ssize_t n = ::read(stdout_.readEnd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("the test server exited before reporting its port: " + output);
      output.append(buffer, static_cast<std::size_t>(n));
    }
    if (output.compare(0, 5, "PORT ") != 0) throw std::runtime_error("unexpected test server output: " + output);
    return std::stoi(output.substr(5));
  }

  void stop() {
    stdin_.closeWrite();  // the server exits on end of file too, should a signal be missed
    stdout_.closeRead();
    if (pid_ > 0) detail::terminate(pid_);
    pid_ = -1;
  }

  bool tls_;
  detail::Pipe stdin_;
  detail::Pipe stdout_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace awsdirect_test
