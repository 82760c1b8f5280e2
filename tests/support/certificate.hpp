#pragma once
// A throwaway self-signed certificate for 127.0.0.1, made with the openssl program, for TLS tests.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include <stdlib.h>

#include "test_server.hpp"

namespace awsdirect_test {

// A throwaway self-signed certificate for 127.0.0.1 in a fresh temporary folder, deleted after.
class SelfSignedCertificate {
 public:
  SelfSignedCertificate() {
    std::string pattern = (std::filesystem::temp_directory_path() / "awsdirect-tls-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    certFile = (dir_ / "cert.pem").string();
    keyFile = (dir_ / "key.pem").string();
    auto result = awsdirect_test::runProgram(
        {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
         keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
        std::chrono::seconds(20));
    available = result.started;
    if (available && !result.succeeded()) throw std::runtime_error("openssl could not create a certificate");
  }
  SelfSignedCertificate(const SelfSignedCertificate&) = delete;
  SelfSignedCertificate& operator=(const SelfSignedCertificate&) = delete;
  ~SelfSignedCertificate() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  bool available = false;  // false when there is no openssl program
  std::string certFile;
  std::string keyFile;

 private:
  std::filesystem::path dir_;
};

}  // namespace awsdirect_test
