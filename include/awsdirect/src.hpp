// Every definition of awsdirect, for the one source file of a program that compiles them when
// AWSDIRECT_SEPARATE_COMPILATION is defined (the CMake option AWSDIRECT_SEPARATE_COMPILATION=ON
// makes that file for you):
//
//   // awsdirect.cpp, compiled once, with -DAWSDIRECT_SEPARATE_COMPILATION like every other file
//   #include <awsdirect/src.hpp>
//
// Every other source file includes the headers as usual and sees declarations only.
#if !defined(AWSDIRECT_SEPARATE_COMPILATION)
#error "<awsdirect/src.hpp> is for AWSDIRECT_SEPARATE_COMPILATION: define it for every file of the program"
#endif

// Every header first (in this mode none includes its definitions), then every definition.
#include "assume_role.hpp"
#include "client.hpp"
#include "config.hpp"
#include "credentials.hpp"
#include "credentials_file.hpp"
#include "credentials/chain.hpp"
#include "credentials/default_chain.hpp"
#include "credentials/metadata.hpp"
#include "credentials/process.hpp"
#include "credentials/sso.hpp"
#include "credentials/web_identity.hpp"
#include "checksum.hpp"
#include "crypto.hpp"
#include "curl_transport.hpp"
#include "default_transport.hpp"
#include "detail/build_mode.hpp"
#include "detail/files.hpp"
#include "detail/ini.hpp"
#include "detail/ip.hpp"
#include "detail/json.hpp"
#include "detail/process.hpp"
#include "detail/text.hpp"
#include "ec2.hpp"
#include "endpoints.hpp"
#include "environment.hpp"
#include "error.hpp"
#include "fixtures.hpp"
#include "fixtures/file.hpp"
#include "fixtures/matching.hpp"
#include "fixtures/redaction.hpp"
#include "fixtures/switch.hpp"
#include "fixtures/transports.hpp"
#include "http.hpp"
#include "iac/resources.hpp"
#include "iac/stack.hpp"
#include "iam.hpp"
#include "log.hpp"
#include "pipeline.hpp"
#include "policy.hpp"
#include "query.hpp"
#include "rds.hpp"
#include "redshift.hpp"
#include "request.hpp"
#include "rest_xml.hpp"
#include "rate_limiter.hpp"
#include "retry.hpp"
#include "s3.hpp"
#include "s3/buckets.hpp"
#include "s3/client.hpp"
#include "s3/common.hpp"
#include "s3/configuration.hpp"
#include "s3/multipart.hpp"
#include "s3/object_attributes.hpp"
#include "s3/objects.hpp"
#include "s3/transfer.hpp"
#include "s3/versions.hpp"
#include "secret.hpp"
#include "shared_config.hpp"
#include "sigv4.hpp"
#include "sts.hpp"
#include "time.hpp"
#include "transport.hpp"
#include "uri.hpp"
#include "validate.hpp"
#include "version.hpp"
#include "waiter.hpp"
#include "xml.hpp"

// basics
#include "detail/impl/text.ipp"
#include "detail/impl/ip.ipp"
#include "impl/error.ipp"
#include "impl/http.ipp"
#include "impl/transport.ipp"
#include "impl/uri.ipp"
#include "impl/time.ipp"
#include "impl/validate.ipp"
#include "impl/log.ipp"
#include "detail/impl/json.ipp"

// crypto and signing
#include "impl/crypto.ipp"
#include "impl/checksum.ipp"
#include "impl/sigv4.ipp"

// environment and shared config files
#include "impl/environment.ipp"
#include "detail/impl/ini.ipp"
#include "impl/shared_config.ipp"
#include "impl/credentials_file.ipp"

// credentials
#include "impl/credentials.ipp"
#include "detail/impl/process.ipp"
#include "credentials/impl/process.ipp"
#include "credentials/impl/chain.ipp"

// client configuration and endpoints
#include "impl/endpoints.ipp"
#include "impl/config.ipp"

// transport
#include "impl/curl_transport.ipp"
#include "fixtures/impl/redaction.ipp"
#include "fixtures/impl/file.ipp"
#include "fixtures/impl/matching.ipp"
#include "fixtures/impl/transports.ipp"
#include "fixtures/impl/switch.ipp"
#include "impl/default_transport.ipp"

// credentials from the network
#include "credentials/impl/metadata.ipp"
#include "credentials/impl/sso.ipp"

// protocols and the pipeline
#include "impl/xml.ipp"
#include "impl/request.ipp"
#include "impl/query.ipp"
#include "impl/rest_xml.ipp"
#include "impl/rate_limiter.ipp"
#include "impl/retry.ipp"
#include "impl/policy.ipp"
#include "impl/pipeline.ipp"
#include "impl/assume_role.ipp"
#include "credentials/impl/web_identity.ipp"
#include "credentials/impl/default_chain.ipp"
#include "impl/client.ipp"

// services
#include "redshift/impl/common.ipp"
#include "impl/redshift.ipp"
#include "impl/iam.ipp"
#include "impl/sts.ipp"
#include "ec2/impl/common.ipp"
#include "impl/ec2.ipp"
#include "rds/impl/common.ipp"
#include "impl/rds.ipp"
#include "detail/impl/files.ipp"
#include "s3/impl/common.ipp"
#include "s3/impl/buckets.ipp"
#include "s3/impl/objects.ipp"
#include "s3/impl/multipart.ipp"
#include "s3/impl/versions.ipp"
#include "s3/impl/configuration.ipp"
#include "s3/impl/client.ipp"

// tooling
#include "impl/fixtures.ipp"
#include "s3/impl/transfer.ipp"
#include "iac/impl/resources.ipp"
#include "iac/impl/stack.ipp"
