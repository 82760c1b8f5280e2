#pragma once
// awsdirect: AWS's REST and Query APIs from C++17, header-only, on libcurl, OpenSSL and pugixml.
// Include this for everything, or the focused headers under awsdirect/ for less.
#include "awsdirect/client.hpp"
#include "awsdirect/config.hpp"
#include "awsdirect/credentials.hpp"
#include "awsdirect/curl_transport.hpp"
#include "awsdirect/error.hpp"
#include "awsdirect/http.hpp"
#include "awsdirect/query.hpp"
#include "awsdirect/redshift.hpp"
#include "awsdirect/retry.hpp"
#include "awsdirect/secret.hpp"
#include "awsdirect/sigv4.hpp"
#include "awsdirect/transport.hpp"
#include "awsdirect/uri.hpp"
#include "awsdirect/validate.hpp"
#include "awsdirect/waiter.hpp"
#include "awsdirect/xml.hpp"
