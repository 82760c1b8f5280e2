#pragma once
// Where a service is reached: AWS partitions, the standard endpoint of a service in a region
// (botocore's rules, IAM's global endpoints, STS and S3's legacy global ones), and the checks an
// endpoint URL from the user must pass.
#include <string>
#include <string_view>

#include "detail/build_mode.hpp"

namespace awsdirect {

struct ServiceInfo {
  std::string serviceId;       // botocore serviceId: "Redshift", "IAM", "EC2", "STS", "RDS", "S3"
  std::string endpointPrefix;  // "redshift", "iam", ...
  std::string signingName;     // "redshift", ...
  std::string apiVersion;      // "2012-12-01"
  bool global = false;         // one endpoint per partition (IAM: iam.amazonaws.com signed for us-east-1)
};

// An AWS partition, from botocore's partitions.json.
struct Partition {
  std::string id;                    // "aws"
  std::string dnsSuffix;             // "amazonaws.com"
  std::string implicitGlobalRegion;  // "us-east-1"
};

// The partition of `region`: the first whose pseudo-region or region pattern matches, else "aws"
// (botocore's aws.partition).
AWSDIRECT_DECL const Partition& partitionOf(const std::string& region);

// What the shared files and the environment say about legacy global endpoints.
struct EndpointSettings {
  bool stsRegional = true;         // sts_regional_endpoints = regional (botocore's default)
  bool s3UsEast1Regional = false;  // s3 us_east_1_regional_endpoint = regional (default legacy)
};

struct StandardEndpoint {
  std::string url;            // "https://redshift.us-east-1.amazonaws.com"
  std::string signingRegion;  // "us-east-1"
};

// The endpoint botocore resolves for `service` in `region` when none is configured.
AWSDIRECT_DECL StandardEndpoint standardEndpoint(const ServiceInfo& service, const std::string& region,
                                                 const EndpointSettings& settings = {});

namespace detail {

// A region must be one DNS label (botocore's validate_region_name), so it cannot change the host
// name it is put into.
AWSDIRECT_DECL bool isValidRegion(const std::string& region);

// Checks an endpoint URL and returns it normalized (lowercase scheme, no trailing slash):
// http or https, a DNS name, IPv4 or [IPv6] host, an optional port and path; no user
// information, query or fragment. `source` names where it came from in the ConfigError.
AWSDIRECT_DECL std::string normalizeEndpointUrl(const std::string& url, const std::string& source);

// "https://host:port/base" split into what an HttpRequest needs.
struct EndpointParts {
  std::string scheme;
  std::string authority;  // without the scheme's default port, as the Host header is sent
  std::string basePath;   // "" or "/base" (no trailing slash)
};
AWSDIRECT_DECL EndpointParts splitEndpoint(const std::string& url);

// botocore's names of a service's endpoint settings: "AWS_ENDPOINT_URL_REDSHIFT" for serviceId
// "Redshift", and "redshift" for its key in a [services NAME] section.
AWSDIRECT_DECL std::string serviceEndpointVariable(const ServiceInfo& service);
AWSDIRECT_DECL std::string servicesSectionKey(const ServiceInfo& service);

}  // namespace detail
}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/endpoints.ipp"
#endif
