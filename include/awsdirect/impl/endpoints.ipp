// Definitions of <awsdirect/endpoints.hpp>.
#include <charconv>
#include <optional>
#include <system_error>

#include "../detail/ip.hpp"
#include "../detail/text.hpp"
#include "../error.hpp"

namespace awsdirect {
namespace detail {

// A partition and the regions it holds: "PREFIX-WORD-DIGITS" for one of its prefixes (botocore's
// regionRegex, such as ^us\-gov\-\w+\-\d+$), or its pseudo-region for global endpoints.
struct PartitionRule {
  Partition partition;
  const char* prefixes[10];  // up to the first nullptr
  const char* globalRegion;
};

AWSDIRECT_DECL const PartitionRule* partitionRules(std::size_t& count) {
  static const PartitionRule rules[] = {
      {{"aws", "amazonaws.com", "us-east-1"}, {"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"}, "aws-global"},
      {{"aws-cn", "amazonaws.com.cn", "cn-northwest-1"}, {"cn"}, "aws-cn-global"},
      {{"aws-eusc", "amazonaws.eu", "eusc-de-east-1"}, {"eusc-de"}, "aws-eusc-global"},
      {{"aws-iso", "c2s.ic.gov", "us-iso-east-1"}, {"us-iso"}, "aws-iso-global"},
      {{"aws-iso-b", "sc2s.sgov.gov", "us-isob-east-1"}, {"us-isob"}, "aws-iso-b-global"},
      {{"aws-iso-e", "cloud.adc-e.uk", "eu-isoe-west-1"}, {"eu-isoe"}, "aws-iso-e-global"},
      {{"aws-iso-f", "csp.hci.ic.gov", "us-isof-south-1"}, {"us-isof"}, "aws-iso-f-global"},
      {{"aws-us-gov", "amazonaws.com", "us-gov-west-1"}, {"us-gov"}, "aws-us-gov-global"},
  };
  count = sizeof rules / sizeof rules[0];
  return rules;
}

// Whether `region` is `prefix` + "-" + a word (letters, digits, '_') + "-" + digits.
AWSDIRECT_DECL bool regionMatches(std::string_view region, std::string_view prefix) {
  if (region.size() <= prefix.size() + 1 || region.substr(0, prefix.size()) != prefix || region[prefix.size()] != '-')
    return false;
  const std::string_view rest = region.substr(prefix.size() + 1);
  const std::size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 == rest.size()) return false;
  for (char c : rest.substr(0, dash))
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  for (char c : rest.substr(dash + 1))
    if (c < '0' || c > '9') return false;
  return true;
}

AWSDIRECT_DECL std::optional<StandardEndpoint> knownGlobalEndpoint(const std::string& endpointPrefix,
                                                           const std::string& partition) {
  struct Known {
    const char* prefix;
    const char* partition;
    const char* url;
    const char* signingRegion;
  };
  static const Known known[] = {
      {"iam", "aws", "https://iam.amazonaws.com", "us-east-1"},
      {"iam", "aws-cn", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {"iam", "aws-us-gov", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {"iam", "aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
      {"iam", "aws-iso-b", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
      {"iam", "aws-iso-e", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
      {"iam", "aws-iso-f", "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
      {"iam", "aws-eusc", "https://iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"},
  };
  for (const auto& entry : known)
    if (endpointPrefix == entry.prefix && partition == entry.partition)
      return StandardEndpoint{entry.url, entry.signingRegion};
  return std::nullopt;
}

// The regions whose STS calls go to sts.amazonaws.com when sts_regional_endpoints = legacy.
AWSDIRECT_DECL bool isLegacyGlobalStsRegion(const std::string& region) {
  static const char* const regions[] = {"ap-northeast-1", "ap-south-1",   "ap-southeast-1", "ap-southeast-2",
                                        "aws-global",     "ca-central-1", "eu-central-1",   "eu-north-1",
                                        "eu-west-1",      "eu-west-2",    "eu-west-3",      "sa-east-1",
                                        "us-east-1",      "us-east-2",    "us-west-1",      "us-west-2"};
  for (const char* legacy : regions)
    if (region == legacy) return true;
  return false;
}

bool isValidRegion(const std::string& region) {
  if (region.empty() || region.size() > 63 || region.front() == '-' || region.back() == '-') return false;
  bool allDigits = true;
  for (char c : region) {
    bool digit = c >= '0' && c <= '9';
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!digit && !letter && c != '-') return false;
    allDigits = allDigits && digit;
  }
  return !allDigits;
}

std::string normalizeEndpointUrl(const std::string& url, const std::string& source) {
  auto fail = [&](const std::string& why, bool quote = true) {
    return ConfigError(configError("InvalidEndpointUrl", "the endpoint URL " + (quote ? printable(url) + " " : "") +
                                                             "from " + source + " is not valid: " + why));
  };
  if (url.find('@') != std::string::npos) throw fail("it must not contain a user name or password", false);
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) throw fail("it contains a space or a control character");
  std::size_t schemeEnd = url.find("://");
  std::string scheme = schemeEnd == std::string::npos ? "" : toLower(url.substr(0, schemeEnd));
  if (scheme != "http" && scheme != "https") throw fail("it must start with http:// or https://");
  std::size_t authorityStart = schemeEnd + 3;
  std::size_t authorityEnd = url.find_first_of("/?#", authorityStart);
  if (authorityEnd == std::string::npos) authorityEnd = url.size();
  std::string authority = url.substr(authorityStart, authorityEnd - authorityStart);
  std::string rest = url.substr(authorityEnd);
  if (rest.find_first_of("?#") != std::string::npos) throw fail("it must not have a query or a fragment");

  std::string host, port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) throw fail("its IPv6 address has no closing ']'");
    host = authority.substr(0, close + 1);
    if (!isIpv6Address(authority.substr(1, close - 1))) throw fail("its IPv6 address is malformed");
    std::string after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw fail("unexpected text after the IPv6 address");
      port = after.substr(1);
      if (port.empty()) throw fail("the port is empty");
    }
  } else {
    std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) throw fail("the port is empty");
    }
    if (host.empty()) throw fail("it has no host");
    if (!isDnsName(host)) throw fail("the host is not a valid host name or address");
  }
  if (!port.empty()) {
    int value = 0;
    auto parsed = std::from_chars(port.data(), port.data() + port.size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != port.data() + port.size() || port.size() > 5 || value < 1 ||
        value > 65535)
      throw fail("the port must be a number from 1 to 65535");
  }
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  return scheme + "://" + authority + rest;
}

EndpointParts splitEndpoint(const std::string& url) {
  EndpointParts parts;
  std::size_t schemeEnd = url.find("://");
  std::size_t hostStart = schemeEnd == std::string::npos ? 0 : schemeEnd + 3;
  parts.scheme = schemeEnd == std::string::npos ? "https" : url.substr(0, schemeEnd);
  std::size_t pathStart = url.find('/', hostStart);
  parts.authority = url.substr(hostStart, pathStart == std::string::npos ? std::string::npos : pathStart - hostStart);
  // The Host header omits a default port, as curl sends it; the signature must cover the same.
  auto dropSuffix = [&](const char* suffix) {
    std::string s(suffix);
    if (parts.authority.size() > s.size() && parts.authority.compare(parts.authority.size() - s.size(), s.size(), s) == 0)
      parts.authority.erase(parts.authority.size() - s.size());
  };
  if (parts.scheme == "https") dropSuffix(":443");
  if (parts.scheme == "http") dropSuffix(":80");
  if (pathStart != std::string::npos) {
    parts.basePath = url.substr(pathStart);
    while (!parts.basePath.empty() && parts.basePath.back() == '/') parts.basePath.pop_back();
  }
  return parts;
}

// botocore's transformed service id: spaces and hyphens become underscores.
AWSDIRECT_DECL std::string snakeServiceId(const std::string& serviceId) {
  std::string out = serviceId;
  for (char& c : out)
    if (c == ' ' || c == '-') c = '_';
  return out;
}

std::string serviceEndpointVariable(const ServiceInfo& service) {
  std::string name = snakeServiceId(service.serviceId);
  for (char& c : name) c = asciiUpper(c);
  return "AWS_ENDPOINT_URL_" + name;
}

std::string servicesSectionKey(const ServiceInfo& service) { return toLower(snakeServiceId(service.serviceId)); }

}  // namespace detail

const Partition& partitionOf(const std::string& region) {
  std::size_t count = 0;
  const detail::PartitionRule* rules = detail::partitionRules(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (region == rules[i].globalRegion) return rules[i].partition;
    for (const char* const* prefix = rules[i].prefixes; *prefix; ++prefix)
      if (detail::regionMatches(region, *prefix)) return rules[i].partition;
  }
  return rules[0].partition;
}

StandardEndpoint standardEndpoint(const ServiceInfo& service, const std::string& region,
                                         const EndpointSettings& settings) {
  const Partition& partition = partitionOf(region);
  const std::string& prefix = service.endpointPrefix;
  if (service.global) {
    if (auto known = detail::knownGlobalEndpoint(prefix, partition.id)) return *known;
    return {"https://" + prefix + "." + partition.dnsSuffix, partition.implicitGlobalRegion};
  }
  if (prefix == "sts" && (region == "aws-global" || (!settings.stsRegional && detail::isLegacyGlobalStsRegion(region))))
    return {"https://sts.amazonaws.com", "us-east-1"};
  if (prefix == "s3" && (region == "aws-global" || (region == "us-east-1" && !settings.s3UsEast1Regional)))
    return {"https://s3.amazonaws.com", "us-east-1"};
  return {"https://" + prefix + "." + region + "." + partition.dnsSuffix, region};
}

}  // namespace awsdirect
