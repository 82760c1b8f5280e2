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

#include <awsdirect/endpoints.hpp>
#include <awsdirect/error.hpp>
#include <awsdirect/sigv4.hpp>
#include <awsdirect/time.hpp>

// The suite's request format: one reader shared with the suite tests, so both read it alike.
#include "../tests/support/raw_request.hpp"
#include "support/arguments.hpp"

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

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::cerr << "sigv4: " << message << "\n";
  std::exit(code);
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

int sign(const std::string&, const tool::Arguments& args) {
  args.require({"--region", "--service", "--time"});
  // The scope's parts as AWS spells them: a region is one DNS label, a service's signing name
  // lowercase letters, digits and hyphens.
  const std::string region = args.value("--region"), service = args.value("--service");
  if (!awsdirect::detail::isValidRegion(region))
    throw tool::UsageError("--region: \"" + region + "\" is not a region (letters, digits and hyphens, such as us-east-1)");
  if (service.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    throw tool::UsageError("--service: \"" + service + "\" is not a signing name (lowercase letters, digits and hyphens, such as iam)");
  const auto time = awsdirect::parseAmzDate(args.value("--time"));
  if (!time) throw tool::UsageError("--time: \"" + args.value("--time") + "\" is not YYYYMMDDTHHMMSSZ");
  std::optional<long long> presignSeconds;
  if (args.has("--presign")) presignSeconds = args.number("--presign", 0, 1, 999999999999LL);

  awsdirect::Credentials credentials(environment("AWS_ACCESS_KEY_ID"), environment("AWS_SECRET_ACCESS_KEY"),
                                     environment("AWS_SESSION_TOKEN"));
  if (credentials.accessKeyId.empty() || credentials.secretAccessKey.empty())
    fail("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");

  awsdirect::SigningParams params;
  params.region = region;
  params.service = service;
  params.time = *time;
  if (service == "s3") {
    params.normalizePath = false;
    params.encodePathAgain = false;
  } else {
    params.normalizePath = !args.on("--no-normalize");
  }
  params.addContentSha256Header = args.on("--sign-body");
  params.omitSessionToken = args.on("--omit-session-token");
  if (args.on("--unsigned-payload")) params.payloadHash = std::string(awsdirect::kUnsignedPayload);

  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  try {
    awsdirect_test::RawRequest raw = awsdirect_test::parseRawRequest(text);
    awsdirect::SignatureDetails details;
    const awsdirect::Signer signer;
    if (presignSeconds)
      signer.presign(raw.request, credentials, params, std::chrono::seconds(*presignSeconds), &details);
    else
      signer.sign(raw.request, credentials, params, &details);
    if (args.on("--verbose"))
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

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") return std::cout << kUsage, 0;
  return tool::runTool({"sigv4", false,
                        [](const std::string&) {
                          return tool::ArgumentSpec{{"--region", "--service", "--time", "--presign"},
                                                    {},
                                                    {"--no-normalize", "--sign-body", "--unsigned-payload",
                                                     "--omit-session-token", "--verbose"}};
                        },
                        {}, sign, [] { return std::cerr << kUsage, 2; }},
                       argc, argv);
}
