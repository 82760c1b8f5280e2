#pragma once
// The transport of a client whose config names none: curl, unless the program chose another
// setup for all its clients (the fixtures' useFixturesFromEnvironment(), fixtures/switch.hpp).
// Nothing but curl is compiled into a client for this: a program links the fixtures only when it
// names them.
#include "config.hpp"
#include "detail/build_mode.hpp"

namespace awsdirect {

// Gives a config that names neither ClientConfig::transport nor ClientConfig::transportFactory
// its transport (and whatever else that transport needs of the config).
using DefaultClientSetup = ClientConfig (*)(ClientConfig config);

// Makes `setup` the default of every client the process makes from then on; nullptr restores
// curl. Process-wide, so that a program opts in once, in main(), and every client of every
// library it uses follows.
AWSDIRECT_DECL void setDefaultClientSetup(DefaultClientSetup setup);

// Returns `config` with its transport chosen when it names none: by the setup the program chose,
// else curl.
AWSDIRECT_DECL ClientConfig withDefaultTransport(ClientConfig config);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/default_transport.ipp"
#endif
