#pragma once
// Credentials of the compute the program runs on, as botocore fetches them:
//   - EC2 instance metadata (IMDSv2: a session token by PUT, then the role's credentials), and
//   - the container credentials endpoint (ECS task roles, EKS Pod Identity).
// Both fetch when credentials are first needed and again before they expire (RefreshTiming), are
// thread-safe, and bound every request by a timeout.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "../credentials.hpp"
#include "../detail/build_mode.hpp"
#include "../environment.hpp"
#include "../log.hpp"
#include "../secret.hpp"
#include "../shared_config.hpp"
#include "../transport.hpp"

namespace awsdirect {

// Where and how the instance metadata service is asked (botocore's IMDSFetcher settings).
struct InstanceMetadataOptions {
  std::string endpoint = "http://169.254.169.254";
  std::chrono::milliseconds timeout{std::chrono::seconds(1)};  // per request
  int attempts = 1;
  bool v1Disabled = false;  // never fall back to IMDSv1 (requests without a token)
  // The transport to ask with; else a curl transport made for each fetch, with `timeout`.
  std::shared_ptr<Transport> transport;
  Logger logger;
  RefreshTiming refresh;

  // From the environment and the profile, as botocore: AWS_EC2_METADATA_SERVICE_ENDPOINT or
  // ec2_metadata_service_endpoint; AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE or
  // ec2_metadata_service_endpoint_mode (IPv6: http://[fd00:ec2::254]); AWS_METADATA_SERVICE_TIMEOUT
  // and AWS_METADATA_SERVICE_NUM_ATTEMPTS (or metadata_service_timeout, metadata_service_num_attempts);
  // AWS_EC2_METADATA_V1_DISABLED or ec2_metadata_v1_disabled. nullopt, with `whyNot`, when
  // AWS_EC2_METADATA_DISABLED=true. Throws ConfigError for a setting that is not valid.
  AWSDIRECT_DECL static std::optional<InstanceMetadataOptions> fromConfig(const Environment& environment,
                                                                          const ProfileSettings& profile,
                                                                          std::string& whyNot);
};

namespace detail {
struct InstanceMetadataState;
}

// The credentials of the IAM role attached to this EC2 instance. IMDSv2: PUT /latest/api/token,
// then GET /latest/meta-data/iam/security-credentials/ (the role) and .../ROLE with the token.
// Falls back to IMDSv1 only where botocore does (the token request answered 403, 404 or 405, or
// timed out once connected) and never when v1Disabled. When the service cannot be reached near
// expiry, the current credentials are kept for 5 to 10 minutes more (as botocore), not dropped.
// credentials() throws CredentialsError when the service cannot be reached, has no role for this
// instance, or answers with something that is not credentials.
class InstanceMetadataCredentialsProvider final : public FetchingCredentialsProvider<detail::InstanceMetadataState> {
 public:
  AWSDIRECT_DECL explicit InstanceMetadataCredentialsProvider(InstanceMetadataOptions options = {});
  // The role the credentials are of; "" before the first fetch.
  AWSDIRECT_DECL std::string roleName() const;
  AWSDIRECT_DECL std::string describe() const override;
  // The time left before a deadline bounds the next fetch (the chain sets it).
  AWSDIRECT_DECL void setDeadline(std::chrono::steady_clock::time_point deadline);
};

// Where and how the container credentials endpoint is asked (botocore's ContainerMetadataFetcher).
struct ContainerCredentialsOptions {
  std::string url;  // http://169.254.170.2/v2/credentials/..., or a full URI
  // Sent as Authorization: the file (read at each fetch) wins over the token.
  std::string authorizationTokenFile;
  Secret authorizationToken;
  std::chrono::milliseconds timeout{std::chrono::seconds(2)};  // per request
  int attempts = 3;
  std::chrono::milliseconds pause{std::chrono::seconds(1)};  // between attempts
  std::shared_ptr<Transport> transport;  // else a curl transport made for each fetch
  Logger logger;
  RefreshTiming refresh;

  // AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on http://169.254.170.2) or
  // AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
  // AWS_CONTAINER_AUTHORIZATION_TOKEN. nullopt, with `whyNot`, when neither URI is set. Throws
  // ConfigError for a full URI over plain HTTP to a host other than loopback, 169.254.170.2,
  // 169.254.170.23 or fd00:ec2::23 (EKS Pod Identity).
  AWSDIRECT_DECL static std::optional<ContainerCredentialsOptions> fromEnvironment(const Environment& environment,
                                                                                   std::string& whyNot);
};

namespace detail {
struct ContainerState;
}

// The credentials of an ECS task's role or an EKS pod identity, from the container endpoint.
class ContainerCredentialsProvider final : public FetchingCredentialsProvider<detail::ContainerState> {
 public:
  AWSDIRECT_DECL explicit ContainerCredentialsProvider(ContainerCredentialsOptions options);
  AWSDIRECT_DECL std::string describe() const override;
  AWSDIRECT_DECL void setDeadline(std::chrono::steady_clock::time_point deadline);
};

namespace detail {
// A deadline for a provider's next fetch only: the default chain's first search is bounded by
// its deadline, later refreshes are not. Thread-safe.
class NextFetchDeadline {
 public:
  void set(std::chrono::steady_clock::time_point deadline) {
    std::lock_guard<std::mutex> lock(mutex_);
    deadline_ = deadline;
  }
  std::optional<std::chrono::steady_clock::time_point> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto deadline = deadline_;
    deadline_.reset();
    return deadline;
  }

 private:
  std::mutex mutex_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

// AccessKeyId, SecretAccessKey, Token and Expiration of a metadata or container answer; throws
// CredentialsError naming `what` and the missing field (or the Code and Message it carries).
AWSDIRECT_DECL Credentials parseMetadataCredentials(const std::string& body, const std::string& what);
// `timeout`, shortened to what is left before `deadline`; throws CredentialsError
// (CredentialsTimeout) naming `what` when nothing is left.
AWSDIRECT_DECL std::chrono::milliseconds boundedTimeout(std::chrono::milliseconds timeout,
                                                        const std::optional<std::chrono::steady_clock::time_point>& deadline,
                                                        const std::string& what);
// Sends with `transport`, or with a curl transport made for this request with `timeout`.
AWSDIRECT_DECL HttpResponse sendMetadataRequest(const std::shared_ptr<Transport>& transport, const HttpRequest& request,
                                                std::chrono::milliseconds timeout);
// Whether `url` may carry a container authorization token: HTTPS anywhere, plain HTTP only to
// loopback and the container hosts.
AWSDIRECT_DECL bool isAllowedContainerUrl(const std::string& url);
}  // namespace detail

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/metadata.ipp"
#endif
