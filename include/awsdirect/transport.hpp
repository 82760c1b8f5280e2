#pragma once
// The one seam between awsdirect and the network. The curl transport implements it; tests,
// fixture recording and replay, and users' own HTTP stacks substitute their own.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "detail/build_mode.hpp"
#include "error.hpp"
#include "http.hpp"

namespace awsdirect {

// How a transport talks to the network. Timeouts are always set: nothing waits forever.
// As botocore: a connect timeout, and a read timeout between bytes (a slow but steady transfer
// never times out; a stalled one does), both 60 s; a deadline on the whole exchange only when set.
struct TransportOptions {
  std::chrono::milliseconds connectTimeout{std::chrono::seconds(60)};  // botocore's connect_timeout
  // botocore's read_timeout: the longest wait for the next byte, in either direction (whole
  // seconds; less than one is one).
  std::chrono::milliseconds readTimeout{std::chrono::seconds(60)};
  std::optional<std::chrono::milliseconds> requestTimeout;  // the whole exchange; unset: no such bound
  bool verifyTls = true;   // turned off only by an explicit choice of the user
  std::string caBundle;    // CA file; AWS_CA_BUNDLE or the profile's ca_bundle when empty
  std::string proxy;       // empty: curl's own proxy environment variables apply
  // Connect to loopback addresses only. AWSDIRECT_LOOPBACK_ONLY=1 in a client's environment turns
  // it on for that client, and in the process environment for every curl transport: awsdirect's
  // tests set it, so that no test, forgotten setting or example they run can reach AWS or the
  // instance metadata and container addresses.
  bool loopbackOnly = false;
};

// Sends requests. A transport given to a client may be called by several threads at once.
class Transport {
 public:
  virtual ~Transport() = default;
  // Sends the request and returns whatever HTTP response arrived, error statuses included.
  // Throws TransportError when no response arrived.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

// Makes a client's transport from its resolved options (the CA bundle found in the profile).
using TransportFactory = std::function<std::shared_ptr<Transport>(const TransportOptions& options)>;

// A TransportError for `failure` with a message that says what failed.
AWSDIRECT_DECL Error transportError(TransportFailure failure, std::string message);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/transport.ipp"
#endif
