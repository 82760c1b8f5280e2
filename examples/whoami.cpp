// whoami: the account, ARN and user id of the credentials this machine resolves, as
// `aws sts get-caller-identity` shows them. With a profile that assumes a role
// (AWS_PROFILE=assumed whoami), it shows the assumed role.
//
//   whoami             who the credentials are
//   whoami --explain   first, each source of the credential chain in order: what it said, how
//                      long it took, and which one answered (no secret is printed)
//   whoami --log debug what the chain and the STS call do, on stderr (error, warn, info, debug)
//
// Credentials, region and endpoint resolve as for the AWS CLI; STS is called at its regional
// endpoint (AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL aim it elsewhere).
#include <awsdirect/fixtures/switch.hpp>
#include <awsdirect/credentials/default_chain.hpp>
#include <awsdirect/sts.hpp>

#include "support/arguments.hpp"

#include <cstdio>
#include <iostream>
#include <string>

namespace {

constexpr const char* kUsage =
    "usage: whoami [--explain] [--log error|warn|info|debug]\n"
    "  (set AWS_PROFILE, AWS_REGION, ... as for the AWS CLI)\n";

void printExplanation(const awsdirect::CredentialsExplanation& explanation) {
  std::cout << "credential chain (profile " << explanation.profile << "):\n";
  int number = 0;
  for (const auto& step : explanation.sources) {
    const char* verdict = step.answered ? "ANSWERED" : step.failed ? "FAILED" : "-";
    char line[96];
    std::snprintf(line, sizeof line, "%3d. %-26s %-9s %6lld ms  ", ++number, step.source.c_str(), verdict,
                  static_cast<long long>(step.took.count()));
    std::cout << line << step.detail << "\n";
  }
  std::cout << "\n";
}

int whoami(const std::string&, const tool::Arguments& args) {
  awsdirect::ClientConfig config;
  if (args.has("--log")) {
    const std::string level = args.value("--log");
    awsdirect::LogLevel chosen = awsdirect::LogLevel::Off;
    for (auto candidate : {awsdirect::LogLevel::Error, awsdirect::LogLevel::Warn, awsdirect::LogLevel::Info,
                           awsdirect::LogLevel::Debug})
      if (level == awsdirect::logLevelName(candidate)) chosen = candidate;
    if (chosen == awsdirect::LogLevel::Off)
      throw tool::UsageError("--log: \"" + level + "\" is not a level (error, warn, info, debug)");
    config.logger = awsdirect::Logger::toStderr(chosen);
  }
  if (args.on("--explain")) {
    const awsdirect::CredentialsExplanation explanation = awsdirect::explainCredentials(config);
    printExplanation(explanation);
    if (explanation.error) {
      std::cerr << "whoami: " << explanation.error->describe() << "\n";
      return 1;
    }
    config.credentialsProvider = explanation.provider;  // resolved once
  }
  awsdirect::Sts sts(config);
  awsdirect::sts::CallerIdentity me = sts.callerIdentity().value();
  std::cout << "account:  " << me.account << "\n"
            << "arn:      " << me.arn << "\n"
            << "user id:  " << me.userId << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  awsdirect::useFixturesFromEnvironment();  // AWSDIRECT_FIXTURES=record|replay, for the fixture tests
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") return std::cerr << kUsage, 0;
  return tool::runTool({"whoami", false, [](const std::string&) { return tool::ArgumentSpec{{"--log"}, {}, {"--explain"}}; },
                        {}, whoami, [] { return std::cerr << kUsage, 2; }},
                       argc, argv);
}
