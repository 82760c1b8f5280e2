// sigv4: signs a raw HTTP request with AWS Signature Version 4, the way awsdirect signs what it
// sends. Run it when AWS answers SignatureDoesNotMatch, and compare its --verbose canonical request
// and string to sign with the ones AWS returned.
//
//   export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... [AWS_SESSION_TOKEN=...]
//   sigv4 --region us-east-1 --service iam --time 20150830T123600Z [options] < request.txt
//
// The request is read in the format of the AWS SigV4 test suite's request.txt (request line,
// headers, blank line, body); the signed request is printed in the same format.
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <awsdirect/error.hpp>
#include <awsdirect/sigv4.hpp>
#include <awsdirect/time.hpp>

// The suite's request format: one reader shared with the suite tests, so both read it alike.
#include "../tests/support/raw_request.hpp"

namespace {

constexpr const char* kUsage =
    "usage: sigv4 --region R --service S --time YYYYMMDDTHHMMSSZ [--presign SECONDS] [--no-normalize]\n"
    "             [--sign-body] [--unsigned-payload] [--omit-session-token] [--verbose] < request.txt\n"
    "  --presign SECONDS     sign by query (a presigned URL valid SECONDS) instead of by header\n"
    "  --no-normalize        sign the path without removing dot segments and repeated slashes\n"
    "  --sign-body           add X-Amz-Content-Sha256 with the body's SHA-256 (header signing)\n"
    "  --unsigned-payload    sign UNSIGNED-PAYLOAD instead of the body's hash (S3 presigned URLs)\n"
    "  --omit-session-token  send AWS_SESSION_TOKEN without signing it\n"
    "  --verbose             print the canonical request and the string to sign on stderr\n"
    "  Service s3 signs the path exactly as sent: not normalized, not encoded again.\n"
    "  Credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.\n";

struct Options {
  std::string region, service;
  std::optional<std::chrono::system_clock::time_point> time;
  std::optional<long long> presignSeconds;
  bool noNormalize = false, signBody = false, unsignedPayload = false, omitSessionToken = false, verbose = false;
};

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::cerr << "sigv4: " << message << "\n";
  std::exit(code);
}

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(std::string(arg) + " needs a value (see --help)", 2);
      return argv[++i];
    };
    if (arg == "--region") options.region = value();
    else if (arg == "--service") options.service = value();
    else if (arg == "--time") {
      const std::string text = value();
      options.time = awsdirect::parseAmzDate(text);
      if (!options.time) fail("--time '" + text + "' is not YYYYMMDDTHHMMSSZ", 2);
    } else if (arg == "--presign") {
      const std::string text = value();
      if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
        fail("--presign '" + text + "' is not a number of seconds", 2);
      options.presignSeconds = std::stoll(text);
    } else if (arg == "--no-normalize") options.noNormalize = true;
    else if (arg == "--sign-body") options.signBody = true;
    else if (arg == "--unsigned-payload") options.unsignedPayload = true;
    else if (arg == "--omit-session-token") options.omitSessionToken = true;
    else if (arg == "--verbose") options.verbose = true;
    else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else fail("unknown option '" + std::string(arg) + "' (see --help)", 2);
  }
  if (options.region.empty() || options.service.empty() || !options.time)
    fail("--region, --service and --time are required (see --help)", 2);
  return options;
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parseOptions(argc, argv);

  awsdirect::Credentials credentials(environment("AWS_ACCESS_KEY_ID"), environment("AWS_SECRET_ACCESS_KEY"),
                                     environment("AWS_SESSION_TOKEN"));
  if (credentials.accessKeyId.empty() || credentials.secretAccessKey.empty())
    fail("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");

  awsdirect::SigningParams params;
  params.region = options.region;
  params.service = options.service;
  params.time = *options.time;
  if (options.service == "s3") {
    params.normalizePath = false;
    params.encodePathAgain = false;
  } else {
    params.normalizePath = !options.noNormalize;
  }
  params.addContentSha256Header = options.signBody;
  params.omitSessionToken = options.omitSessionToken;
  if (options.unsignedPayload) params.payloadHash = std::string(awsdirect::kUnsignedPayload);

  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  try {
    awsdirect_test::RawRequest raw = awsdirect_test::parseRawRequest(text);
    awsdirect::SignatureDetails details;
    const awsdirect::Signer signer;
    if (options.presignSeconds)
      signer.presign(raw.request, credentials, params, std::chrono::seconds(*options.presignSeconds), &details);
    else
      signer.sign(raw.request, credentials, params, &details);
    if (options.verbose)
      std::cerr << "Canonical request:\n" << details.canonicalRequest << "\n\nString to sign:\n"
                << details.stringToSign << "\n\nSignature: " << details.signature << "\n";
    std::cout << awsdirect_test::formatRawRequest(raw.request, raw.httpVersion);
  } catch (const std::invalid_argument& e) {
    fail(std::string("bad request: ") + e.what());
  } catch (const awsdirect::Exception& e) {
    fail(e.what());
  }
  return 0;
}
