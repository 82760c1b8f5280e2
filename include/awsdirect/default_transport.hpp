#pragma once
// The transport of a client whose config names none: what ClientConfig's transport factory is
// when left empty.
#include "config.hpp"
#include "detail/build_mode.hpp"

namespace awsdirect {

// Returns `config` with its transport chosen when it names neither ClientConfig::transport nor
// ClientConfig::transportFactory: curl; or, with AWSDIRECT_FIXTURES=record, curl recorded into
// the scenario's fixture file; or, with AWSDIRECT_FIXTURES=replay, that file replayed, the config
// then made offline (placeholder credentials, no shared files, us-east-1 unless a region is set),
// since replay looks nothing up. Throws ConfigError for a malformed AWSDIRECT_FIXTURES setting
// and FixtureMismatchError for a replayed scenario without a file.
AWSDIRECT_DECL ClientConfig withDefaultTransport(ClientConfig config);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/default_transport.ipp"
#endif
