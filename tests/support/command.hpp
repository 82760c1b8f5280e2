#pragma once
// Runs a shell command from a test (an example program, the AWS CLI) and captures what it printed.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace awsdirect_test {

struct CommandResult {
  int status = -1;  // the exit status, -1 when the command did not exit normally
  std::string out;  // stdout (with runCommandMerged: stdout and stderr together)
  std::string err;  // stderr
};

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace detail {
inline CommandResult runShell(const std::string& command) {
  // A command that clears the environment drops what doctest_main.cpp set for every test; it
  // must set the loopback-only and no-instance-metadata defaults again itself.
  if (command.find("env -i") != std::string::npos &&
      command.find("env -i AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true") == std::string::npos)
    throw std::logic_error("a test runs 'env -i' without AWSDIRECT_LOOPBACK_ONLY=1 AWS_EC2_METADATA_DISABLED=true: " +
                           command);
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.out.append(buffer.data(), n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}
}  // namespace detail

// Runs `command` through the shell with stdout and stderr kept apart.
inline CommandResult runCommand(const std::string& command) {
  char errPath[] = "/tmp/awsdirect-test-stderr-XXXXXX";
  int fd = mkstemp(errPath);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  CommandResult result = detail::runShell(command + " 2>" + errPath);
  result.err = readFile(errPath);
  unlink(errPath);
  return result;
}

// Runs `command` through the shell with stderr merged into `out`, in the order printed.
inline CommandResult runCommandMerged(const std::string& command) { return detail::runShell(command + " 2>&1"); }

// The Python executable that imports `module` (python3's own, not a version manager's shim);
// empty when python3 does not import it.
inline std::string pythonImporting(const std::string& module) {
  std::string python =
      detail::runShell("python3 -c 'import " + module + ", sys; print(sys.executable)' 2>/dev/null").out;
  while (!python.empty() && (python.back() == '\n' || python.back() == ' ')) python.pop_back();
  return python.find(' ') == std::string::npos ? python : std::string();
}

// The command that runs the AWS CLI: `aws`, answered by tests/support/aws_cli.py's server (awscli
// imported once, a fork per command: a fifth of the CPU of a new `aws` each time) when the Python
// that has awscli is found, else `aws` itself. Used as `awsCli() + " s3api list-buckets"`.
inline const std::string& awsCli() {
  static const std::string command = [] {
    const std::string python = pythonImporting("awscli");
    if (python.empty()) return std::string("aws");
    return python + " -S " + std::string(AWSDIRECT_SOURCE_DIR) + "/tests/support/aws_cli.py";
  }();
  return command;
}

}  // namespace awsdirect_test
