#include "awsdirect/config.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

using namespace awsdirect;

namespace {

const ServiceInfo redshiftService{"Redshift", "redshift", "redshift", "2012-12-01", false};
const ServiceInfo iamService{"IAM", "iam", "iam", "2010-05-08", true};
const ServiceInfo ec2Service{"EC2", "ec2", "ec2", "2016-11-15", false};
const ServiceInfo stsService{"STS", "sts", "sts", "2011-06-15", false};
const ServiceInfo rdsService{"RDS", "rds", "rds", "2014-10-31", false};
const ServiceInfo s3Service{"S3", "s3", "s3", "2006-03-01", false};

// A HOME under /tmp with its own ~/.aws, and an environment that points at nothing else.
struct Home {
  std::string path;
  std::map<std::string, std::string> variables;

  Home() {
    char pattern[] = "/tmp/awsdirect-config-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path = pattern;
    ::mkdir((path + "/.aws").c_str(), 0700);
    variables["HOME"] = path;
  }
  ~Home() { std::system(("rm -rf '" + path + "'").c_str()); }

  std::string configPath() const { return path + "/.aws/config"; }
  std::string credentialsPath() const { return path + "/.aws/credentials"; }
  Home& config(const std::string& text) {
    std::ofstream(configPath()) << text;
    return *this;
  }
  Home& credentials(const std::string& text) {
    std::ofstream(credentialsPath()) << text;
    return *this;
  }
  Home& set(const std::string& name, const std::string& value) {
    variables[name] = value;
    return *this;
  }
  ClientConfig client() const { return ClientConfig().withEnvironment(Environment::fromMap(variables)); }
  ResolvedConfig resolve(const ServiceInfo& service = redshiftService) const { return resolveConfig(client(), service); }
  ResolvedConfig resolve(const ClientConfig& config, const ServiceInfo& service = redshiftService) const {
    return resolveConfig(config, service);
  }
};

template <class F>
std::string configFailure(F&& action) {
  try {
    action();
  } catch (const ConfigError& e) {
    return e.error().message;
  }
  FAIL("expected a ConfigError");
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Compared by name: doctest's unqualified toString() would pick awsdirect::toString(RetryMode) by ADL.
std::string modeName(RetryMode mode) { return retryModeName(mode); }
std::string modeName(const std::optional<RetryMode>& mode) { return mode ? retryModeName(*mode) : "unset"; }

}  // namespace

TEST_CASE("regions map to partitions as botocore's partitions.json") {
  CHECK(partitionOf("us-east-1").id == "aws");
  CHECK(partitionOf("ap-southeast-7").id == "aws");
  CHECK(partitionOf("mx-central-1").id == "aws");
  CHECK(partitionOf("aws-global").id == "aws");
  CHECK(partitionOf("cn-north-1").id == "aws-cn");
  CHECK(partitionOf("cn-north-1").dnsSuffix == "amazonaws.com.cn");
  CHECK(partitionOf("aws-cn-global").id == "aws-cn");
  CHECK(partitionOf("us-gov-west-1").id == "aws-us-gov");
  CHECK(partitionOf("us-gov-east-1").dnsSuffix == "amazonaws.com");
  CHECK(partitionOf("us-iso-east-1").id == "aws-iso");
  CHECK(partitionOf("us-isob-east-1").dnsSuffix == "sc2s.sgov.gov");
  CHECK(partitionOf("eu-isoe-west-1").dnsSuffix == "cloud.adc-e.uk");
  CHECK(partitionOf("us-isof-south-1").dnsSuffix == "csp.hci.ic.gov");
  CHECK(partitionOf("eusc-de-east-1").dnsSuffix == "amazonaws.eu");
  CHECK(partitionOf("xx-fake-9").id == "aws");  // unknown regions fall back to aws
}

TEST_CASE("standard endpoints match what botocore resolves") {
  struct Case {
    const ServiceInfo* service;
    const char* region;
    const char* endpoint;
    const char* signingRegion;
  };
  const Case cases[] = {
      {&redshiftService, "us-east-1", "https://redshift.us-east-1.amazonaws.com", "us-east-1"},
      {&redshiftService, "cn-north-1", "https://redshift.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {&redshiftService, "us-gov-west-1", "https://redshift.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
      {&redshiftService, "us-iso-east-1", "https://redshift.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
      {&redshiftService, "eusc-de-east-1", "https://redshift.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"},
      {&ec2Service, "eu-west-1", "https://ec2.eu-west-1.amazonaws.com", "eu-west-1"},
      {&ec2Service, "cn-northwest-1", "https://ec2.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
      {&rdsService, "us-isob-east-1", "https://rds.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
      {&rdsService, "ap-southeast-7", "https://rds.ap-southeast-7.amazonaws.com", "ap-southeast-7"},
      // IAM: one endpoint per partition.
      {&iamService, "us-east-1", "https://iam.amazonaws.com", "us-east-1"},
      {&iamService, "eu-west-1", "https://iam.amazonaws.com", "us-east-1"},
      {&iamService, "aws-global", "https://iam.amazonaws.com", "us-east-1"},
      {&iamService, "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {&iamService, "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {&iamService, "us-gov-west-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {&iamService, "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
      {&iamService, "us-iso-west-1", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
      {&iamService, "eu-isoe-west-1", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
      // STS: regional by default (sts_regional_endpoints = regional).
      {&stsService, "us-east-1", "https://sts.us-east-1.amazonaws.com", "us-east-1"},
      {&stsService, "eu-west-1", "https://sts.eu-west-1.amazonaws.com", "eu-west-1"},
      {&stsService, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {&stsService, "aws-global", "https://sts.amazonaws.com", "us-east-1"},
      // S3: us-east-1 keeps the legacy global endpoint by default.
      {&s3Service, "us-east-1", "https://s3.amazonaws.com", "us-east-1"},
      {&s3Service, "us-west-2", "https://s3.us-west-2.amazonaws.com", "us-west-2"},
      {&s3Service, "cn-north-1", "https://s3.cn-north-1.amazonaws.com.cn", "cn-north-1"},
      {&s3Service, "aws-global", "https://s3.amazonaws.com", "us-east-1"},
  };
  Home home;
  for (const auto& c : cases) {
    CAPTURE(c.service->serviceId);
    CAPTURE(c.region);
    auto resolved = home.resolve(home.client().withRegion(c.region), *c.service);
    CHECK(resolved.endpoint == c.endpoint);
    CHECK(resolved.signingRegion == c.signingRegion);
    CHECK(resolved.region == c.region);
    CHECK_FALSE(resolved.endpointOverridden);
    CHECK(resolved.endpointSource.empty());
  }
  // A global service without a table entry uses the partition's DNS suffix and global region.
  ServiceInfo route53{"Route 53", "route53", "route53", "2013-04-01", true};
  auto resolved = home.resolve(home.client().withRegion("cn-north-1"), route53);
  CHECK(resolved.endpoint == "https://route53.amazonaws.com.cn");
  CHECK(resolved.signingRegion == "cn-northwest-1");
  CHECK(resolved.partition == "aws-cn");
}

TEST_CASE("sts_regional_endpoints and the S3 us-east-1 setting are honoured") {
  Home home;
  home.set("AWS_STS_REGIONAL_ENDPOINTS", "legacy");
  auto legacySts = home.resolve(home.client().withRegion("eu-west-1"), stsService);
  CHECK(legacySts.endpoint == "https://sts.amazonaws.com");
  CHECK(legacySts.signingRegion == "us-east-1");
  // Regions newer than the legacy list stay regional.
  CHECK(home.resolve(home.client().withRegion("ap-east-1"), stsService).endpoint == "https://sts.ap-east-1.amazonaws.com");
  home.set("AWS_STS_REGIONAL_ENDPOINTS", "sometimes");
  CHECK(configFailure([&] { home.resolve(home.client().withRegion("eu-west-1"), stsService); }) ==
        "'sometimes' from AWS_STS_REGIONAL_ENDPOINTS is not valid: use legacy or regional");
  CHECK(home.resolve(home.client().withRegion("eu-west-1"), redshiftService).endpoint ==
        "https://redshift.eu-west-1.amazonaws.com");  // read only for STS

  Home nested;
  nested.config("[default]\ns3 =\n  us_east_1_regional_endpoint = regional\n");
  CHECK(nested.resolve(nested.client().withRegion("us-east-1"), s3Service).endpoint == "https://s3.us-east-1.amazonaws.com");
  Home flat;
  flat.config("[default]\ns3_us_east_1_regional_endpoint = regional\n");
  CHECK(flat.resolve(flat.client().withRegion("us-east-1"), s3Service).endpoint == "https://s3.us-east-1.amazonaws.com");
  flat.set("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "legacy");
  CHECK(flat.resolve(flat.client().withRegion("us-east-1"), s3Service).endpoint == "https://s3.amazonaws.com");
}

TEST_CASE("region: code, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile") {
  Home home;
  home.config("[default]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-2\n");
  auto region = [&](const ClientConfig& config) {
    auto resolved = home.resolve(config);
    return resolved.region + " from " + resolved.regionSource;
  };
  CHECK(region(home.client()) == "eu-west-1 from region of profile 'default' in " + home.configPath());
  CHECK(region(home.client().withProfile("dev")) == "eu-west-2 from region of profile 'dev' in " + home.configPath());
  home.set("AWS_DEFAULT_REGION", "us-west-1");
  CHECK(region(home.client()) == "us-west-1 from AWS_DEFAULT_REGION");
  home.set("AWS_REGION", "");  // empty counts as unset
  CHECK(region(home.client()) == "us-west-1 from AWS_DEFAULT_REGION");
  home.set("AWS_REGION", "us-west-2");
  CHECK(region(home.client()) == "us-west-2 from AWS_REGION");
  CHECK(region(home.client().withRegion("ca-central-1")) == "ca-central-1 from ClientConfig::region");

  // botocore merges the credentials file into the profile, so a region there counts too.
  Home credentialsOnly;
  credentialsOnly.credentials("[default]\nregion = sa-east-1\n");
  auto resolved = credentialsOnly.resolve();
  CHECK(resolved.region == "sa-east-1");
  CHECK(resolved.regionSource == "region of profile 'default' in " + credentialsOnly.credentialsPath());
}

TEST_CASE("no region is a ConfigError that says where it looked") {
  Home home;
  CHECK(configFailure([&] { home.resolve(); }) ==
        "no AWS region configured for Redshift: looked at ClientConfig::region, AWS_REGION, AWS_DEFAULT_REGION "
        "and region of profile 'default' in the config file " +
            home.configPath() + " (not found) and the credentials file " + home.credentialsPath() + " (not found)");
  home.config("[profile dev]\noutput = json\n").set("AWS_PROFILE", "dev");
  std::string message = configFailure([&] { home.resolve(); });
  CHECK(contains(message, "region of profile 'dev' in the config file " + home.configPath() + " and the credentials"));

  // As botocore, IAM and STS reach their global endpoints and S3 us-east-1 without a region.
  auto global = home.resolve(iamService);
  CHECK(global.region == "aws-global");
  CHECK(global.endpoint == "https://iam.amazonaws.com");
  CHECK(global.signingRegion == "us-east-1");
  CHECK(home.resolve(stsService).endpoint == "https://sts.amazonaws.com");
  auto s3Default = home.resolve(s3Service);
  CHECK(s3Default.region == "us-east-1");
  CHECK(s3Default.endpoint == "https://s3.amazonaws.com");
  // With an endpoint of its own, a global service needs a region to sign with.
  CHECK(contains(configFailure([&] { home.resolve(home.client().withEndpointUrl("http://localhost:5000"), iamService); }),
                 "no AWS region configured for IAM"));
}

TEST_CASE("a region must be a host label, so it cannot inject into the host name") {
  Home home;
  for (const char* bad :
       {"us-east-1.evil.com", "us-east-1/", "us east 1", "-us-east-1", "us-east-1-", "123", "us-east-1@evil", "a\nb"}) {
    CAPTURE(bad);
    home.set("AWS_REGION", bad);
    CHECK(contains(configFailure([&] { home.resolve(); }), "from AWS_REGION is not a valid region name"));
  }
  CHECK(configFailure([&] { home.resolve(home.client().withRegion("x.y")); }) ==
        "region 'x.y' from ClientConfig::region is not a valid region name (letters, digits and hyphens, such as "
        "us-east-1)");
  home.set("AWS_REGION", "");
  home.config("[default]\nregion = us-west-2 # a comment botocore keeps\n");
  CHECK(contains(configFailure([&] { home.resolve(); }),
                 "region 'us-west-2 # a comment botocore keeps' from region of profile 'default'"));
}

TEST_CASE("profile: code, then AWS_DEFAULT_PROFILE, then AWS_PROFILE, then default") {
  Home home;
  home.config("[default]\nregion = us-east-1\n[profile a]\nregion = eu-west-1\n[profile b]\nregion = eu-west-2\n")
      .credentials("[c]\nregion = eu-west-3\n");
  CHECK(home.resolve().profileName == "default");
  home.set("AWS_PROFILE", "a");
  CHECK(home.resolve().region == "eu-west-1");
  home.set("AWS_DEFAULT_PROFILE", "b");  // botocore reads AWS_DEFAULT_PROFILE first
  CHECK(home.resolve().region == "eu-west-2");
  auto inCode = home.resolve(home.client().withProfile("c"));  // a profile only in the credentials file
  CHECK(inCode.profileName == "c");
  CHECK(inCode.region == "eu-west-3");
}

TEST_CASE("a profile named in code or the environment must exist") {
  Home home;
  home.config("[profile real]\nregion = us-east-1\n");
  CHECK(configFailure([&] { home.resolve(home.client().withProfile("typo")); }) ==
        "profile 'typo' (from the client configuration) was not found in the config file " + home.configPath() +
            " and the credentials file " + home.credentialsPath() + " (not found)");
  home.set("AWS_PROFILE", "missing");
  CHECK(contains(configFailure([&] { home.resolve(); }), "profile 'missing' (from AWS_PROFILE) was not found"));
  // "default" named explicitly must exist too; left implicit it need not.
  home.set("AWS_PROFILE", "default");
  CHECK(contains(configFailure([&] { home.resolve(); }), "profile 'default' (from AWS_PROFILE)"));
  Home empty;
  CHECK(empty.resolve(empty.client().withRegion("us-east-1")).profileSettings.empty());
}

TEST_CASE("the endpoint's environment variable and services key derive from the serviceId") {
  CHECK(detail::serviceEndpointVariable(redshiftService) == "AWS_ENDPOINT_URL_REDSHIFT");
  CHECK(detail::serviceEndpointVariable(iamService) == "AWS_ENDPOINT_URL_IAM");
  CHECK(detail::serviceEndpointVariable({"Elastic Beanstalk", "elasticbeanstalk", "", "", false}) ==
        "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK");
  CHECK(detail::serviceEndpointVariable({"Redshift-Serverless", "redshift-serverless", "", "", false}) ==
        "AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS");
  CHECK(detail::servicesSectionKey({"Elastic Beanstalk", "elasticbeanstalk", "", "", false}) == "elastic_beanstalk");
  CHECK(detail::servicesSectionKey(redshiftService) == "redshift");
}

TEST_CASE("endpoint: code, the service's variable, AWS_ENDPOINT_URL, the services section, endpoint_url") {
  Home home;
  home.config(
      "[default]\nregion = us-east-1\nservices = local\nendpoint_url = http://profile:1\n"
      "[services local]\nredshift =\n  endpoint_url = http://services-section:2\n"
      "iam =\n  endpoint_url = http://iam-section:3\n");
  auto endpoint = [&](const ClientConfig& config, const ServiceInfo& service = redshiftService) {
    auto resolved = home.resolve(config, service);
    CHECK(resolved.endpointOverridden);
    return resolved.endpoint + " from " + resolved.endpointSource;
  };
  CHECK(endpoint(home.client()) ==
        "http://services-section:2 from redshift.endpoint_url of [services local] in " + home.configPath());
  CHECK(endpoint(home.client(), ec2Service) ==
        "http://profile:1 from endpoint_url of profile 'default' in " + home.configPath());
  home.set("AWS_ENDPOINT_URL", "http://global-variable:4");
  CHECK(endpoint(home.client()) == "http://global-variable:4 from AWS_ENDPOINT_URL");
  home.set("AWS_ENDPOINT_URL_REDSHIFT", "http://service-variable:5/");
  CHECK(endpoint(home.client()) == "http://service-variable:5 from AWS_ENDPOINT_URL_REDSHIFT");
  CHECK(endpoint(home.client(), iamService) == "http://global-variable:4 from AWS_ENDPOINT_URL");
  CHECK(endpoint(home.client().withEndpointUrl("http://127.0.0.1:5000")) ==
        "http://127.0.0.1:5000 from ClientConfig::endpointUrl");

  // With an override, requests are signed for the client's region, IAM's included.
  auto iamOverride = home.resolve(home.client().withRegion("us-west-2").withEndpointUrl("http://127.0.0.1:5000"), iamService);
  CHECK(iamOverride.signingRegion == "us-west-2");
}

TEST_CASE("ignore_configured_endpoint_urls ignores every configured URL but the one in code") {
  Home home;
  home.config("[default]\nregion = us-east-1\nendpoint_url = http://profile:1\n");
  home.set("AWS_ENDPOINT_URL", "http://variable:2");
  CHECK(home.resolve(home.client().withIgnoreConfiguredEndpointUrls(true)).endpoint ==
        "https://redshift.us-east-1.amazonaws.com");
  home.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
  CHECK_FALSE(home.resolve().endpointOverridden);
  CHECK(home.resolve(home.client().withIgnoreConfiguredEndpointUrls(false)).endpoint == "http://variable:2");
  CHECK(home.resolve(home.client().withEndpointUrl("http://code:3")).endpoint == "http://code:3");
  home.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes");  // only "true" counts, as botocore's ensure_boolean
  CHECK(home.resolve().endpoint == "http://variable:2");

  Home fromProfile;
  fromProfile.config(
      "[default]\nregion = us-east-1\nendpoint_url = http://profile:1\nignore_configured_endpoint_urls = true\n");
  CHECK_FALSE(fromProfile.resolve().endpointOverridden);
}

TEST_CASE("a profile's services section must exist once it is needed") {
  Home home;
  home.config("[default]\nregion = us-east-1\nservices = nowhere\n");
  CHECK(configFailure([&] { home.resolve(); }) ==
        "profile 'default' uses services section 'nowhere', which " + home.configPath() + " does not have");
  home.set("AWS_ENDPOINT_URL", "http://variable:2");  // found before the section is consulted, as botocore
  CHECK(home.resolve().endpoint == "http://variable:2");
}

TEST_CASE("endpoint URLs are validated, naming where they came from") {
  Home home;
  home.set("AWS_REGION", "us-east-1");
  auto normalized = [&](const std::string& url) { return home.resolve(home.client().withEndpointUrl(url)).endpoint; };
  CHECK(normalized("http://127.0.0.1:5000/") == "http://127.0.0.1:5000");
  CHECK(normalized("HTTPS://Example.com") == "https://Example.com");
  CHECK(normalized("http://localhost:4566/prefix//") == "http://localhost:4566/prefix");
  CHECK(normalized("http://[::1]:5000") == "http://[::1]:5000");
  CHECK(normalized("https://host.example.com.") == "https://host.example.com.");

  auto failure = [&](const std::string& variable, const std::string& url) {
    home.set(variable, url);
    std::string message = configFailure([&] { home.resolve(); });
    home.variables.erase(variable);
    return message;
  };
  CHECK(failure("AWS_ENDPOINT_URL", "ftp://host") ==
        "the endpoint URL 'ftp://host' from AWS_ENDPOINT_URL is not valid: it must start with http:// or https://");
  CHECK(contains(failure("AWS_ENDPOINT_URL_REDSHIFT", "localhost:5000"), "from AWS_ENDPOINT_URL_REDSHIFT"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://"), "it has no host"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://:80"), "it has no host"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://bad_host"), "not a valid host name"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://host:99999"), "port must be a number from 1 to 65535"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://host:"), "the port is empty"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://host/?a=b"), "query or a fragment"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://host /x"), "space or a control character"));
  CHECK(contains(failure("AWS_ENDPOINT_URL", "http://[::1"), "no closing ']'"));
  std::string withPassword = failure("AWS_ENDPOINT_URL", "http://user:hunter2@host");
  CHECK(withPassword ==
        "the endpoint URL from AWS_ENDPOINT_URL is not valid: it must not contain a user name or password");

  home.config("[default]\nendpoint_url = nope\n");
  CHECK(contains(configFailure([&] { home.resolve(); }),
                 "'nope' from endpoint_url of profile 'default' in " + home.configPath()));
}

TEST_CASE("CA bundle: transport options, then AWS_CA_BUNDLE, then ca_bundle") {
  Home home;
  home.set("AWS_REGION", "us-east-1").config("[default]\nca_bundle = /profile/ca.pem\n");
  CHECK(home.resolve().transportOptions.caBundle == "/profile/ca.pem");
  home.set("AWS_CA_BUNDLE", "/variable/ca.pem");
  CHECK(home.resolve().transportOptions.caBundle == "/variable/ca.pem");
  TransportOptions options;
  options.connectTimeout = std::chrono::seconds(5);
  auto resolved = home.resolve(home.client().withTransportOptions(options).withCaBundle("/code/ca.pem"));
  CHECK(resolved.transportOptions.caBundle == "/code/ca.pem");
  CHECK(resolved.transportOptions.connectTimeout == std::chrono::seconds(5));
}

TEST_CASE("retries: code, then AWS_RETRY_MODE / AWS_MAX_ATTEMPTS, then the profile, then standard with 3") {
  Home home;
  home.set("AWS_REGION", "us-east-1");
  auto defaults = home.resolve();
  CHECK(modeName(defaults.retryMode) == "standard");
  CHECK(defaults.maxAttempts == 3);

  home.config("[default]\nretry_mode = legacy\n");
  CHECK(modeName(home.resolve().retryMode) == "legacy");
  CHECK(home.resolve().maxAttempts == 5);  // botocore's legacy default
  home.config("[default]\nretry_mode = adaptive\nmax_attempts = 7\n");
  CHECK(modeName(home.resolve().retryMode) == "adaptive");
  CHECK(home.resolve().maxAttempts == 7);
  home.set("AWS_RETRY_MODE", "standard").set("AWS_MAX_ATTEMPTS", " 4 ");
  CHECK(modeName(home.resolve().retryMode) == "standard");
  CHECK(home.resolve().maxAttempts == 4);
  auto inCode = home.resolve(home.client().withRetryMode(RetryMode::Legacy).withMaxAttempts(2));
  CHECK(modeName(inCode.retryMode) == "legacy");
  CHECK(inCode.maxAttempts == 2);

  home.set("AWS_RETRY_MODE", "aggressive");
  CHECK(configFailure([&] { home.resolve(); }) ==
        "retry mode 'aggressive' from AWS_RETRY_MODE is not valid: use legacy, standard or adaptive");
  home.set("AWS_RETRY_MODE", "standard").set("AWS_MAX_ATTEMPTS", "0");
  CHECK(configFailure([&] { home.resolve(); }) ==
        "max attempts '0' from AWS_MAX_ATTEMPTS is not valid: use a whole number of at least 1");
  home.set("AWS_MAX_ATTEMPTS", "3.5");
  CHECK(contains(configFailure([&] { home.resolve(); }), "'3.5' from AWS_MAX_ATTEMPTS"));
  home.variables.erase("AWS_MAX_ATTEMPTS");
  home.config("[default]\nmax_attempts = many\n");
  CHECK(contains(configFailure([&] { home.resolve(); }), "'many' from max_attempts of profile 'default'"));
  CHECK(contains(configFailure([&] { home.resolve(home.client().withMaxAttempts(0)); }),
                 "ClientConfig::maxAttempts is 0"));
  CHECK(std::string(retryModeName(RetryMode::Adaptive)) == "adaptive");
}

TEST_CASE("profile settings are flattened, and secrets left out") {
  Home home;
  home.config("[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n")
      .credentials("[default]\naws_access_key_id = AKID\naws_secret_access_key = s3cr3t\naws_session_token = t0k3n\n");
  auto resolved = home.resolve();
  CHECK(resolved.profileSettings == std::map<std::string, std::string>{
                                        {"region", "us-east-1"},
                                        {"s3.addressing_style", "path"},
                                        {"aws_access_key_id", "AKID"},
                                    });
}

TEST_CASE("credentials: the one in code, else the default chain, resolved at first use") {
  Home home;
  home.set("AWS_REGION", "us-east-1");
  auto provider = std::make_shared<StaticCredentialsProvider>("CODE", "s");
  CHECK(home.resolve(home.client().withCredentialsProvider(provider)).credentials == provider);
  CHECK(home.resolve(home.client().withCredentials(Credentials("FIXED", "s"))).credentials->credentials().accessKeyId ==
        "FIXED");

  // A credential_process that would fail is not run by resolveConfig.
  home.config(
      "[default]\ncredential_process = /bin/false\n[profile keys]\naws_access_key_id = PROFILE\n"
      "aws_secret_access_key = s\n");
  auto resolved = home.resolve();
  REQUIRE(resolved.credentials);
  CHECK_THROWS_AS(resolved.credentials->credentials(), CredentialsError);
  // The chain uses the resolved profile; a profile chosen in code skips the environment's keys.
  home.set("AWS_ACCESS_KEY_ID", "ENV").set("AWS_SECRET_ACCESS_KEY", "e");
  CHECK(home.resolve().credentials->credentials().accessKeyId == "ENV");
  CHECK(home.resolve(home.client().withProfile("keys")).credentials->credentials().accessKeyId == "PROFILE");
}

TEST_CASE("a malformed shared file is a ConfigError when the client is configured") {
  Home home;
  home.set("AWS_REGION", "us-east-1").credentials("aws_access_key_id = AKID\n");
  CHECK(contains(configFailure([&] { home.resolve(); }), "cannot parse " + home.credentialsPath() + ", line 1"));
}

TEST_CASE("setters chain on a temporary and on a named config") {
  auto temporary = ClientConfig()
                       .withRegion("us-east-1")
                       .withProfile("p")
                       .withEndpointUrl("http://e")
                       .withRetryMode(RetryMode::Adaptive)
                       .withMaxAttempts(4)
                       .withCaBundle("/ca.pem")
                       .withIgnoreConfiguredEndpointUrls(true)
                       .withEnvironment(Environment::fromMap({}));
  CHECK(temporary.region == "us-east-1");
  CHECK(temporary.profile == "p");
  CHECK(temporary.endpointUrl == "http://e");
  CHECK(modeName(temporary.retryMode) == "adaptive");
  CHECK(temporary.maxAttempts == 4);
  CHECK(temporary.transportOptions.caBundle == "/ca.pem");
  CHECK(temporary.ignoreConfiguredEndpointUrls == true);
  CHECK_FALSE(temporary.environment.get("HOME"));
  ClientConfig named;
  named.withRegion("eu-west-1").withTransport(nullptr).withCredentials(Credentials("A", "B"));
  CHECK(named.region == "eu-west-1");
  CHECK(named.credentialsProvider);
}
