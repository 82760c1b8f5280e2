#pragma once
// The default Transport, on libcurl. Only its implementation (impl/curl_transport.ipp) includes
// <curl/curl.h>.
//
// It sends exactly what the request holds: its method, its URL with the path as written (no dot
// segment removal), its headers, its body; and nothing that would change what was signed: the
// Host header is request.host (curl would drop a default port from it), and curl's own Expect,
// Content-Type and Accept headers are suppressed unless the request sets them.
#include <memory>

#include "detail/build_mode.hpp"
#include "http.hpp"
#include "transport.hpp"

namespace awsdirect {

// A Transport over libcurl, safe to share between threads: concurrent send() calls run at once,
// each on an easy handle of a small pool. A handle keeps its connection alive after a call, and
// the next call takes the most recently used handle, so calls in sequence reuse one connection.
// The handles share a DNS cache; libcurl does not support sharing connections or TLS sessions
// between threads that run at once, so each handle keeps its own.
class CurlTransport : public Transport {
 public:
  AWSDIRECT_DECL explicit CurlTransport(TransportOptions options = {});
  AWSDIRECT_DECL ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  const TransportOptions& options() const { return options_; }

  AWSDIRECT_DECL HttpResponse send(const HttpRequest& request) override;

  // How many easy handles exist now (in use and idle): at most the most calls ever in flight.
  AWSDIRECT_DECL std::size_t handleCount() const;

 private:
  struct Pool;  // the share handle and the easy handles

  TransportOptions options_;
  std::unique_ptr<Pool> pool_;
};

// The curl transport, as the default transport factory makes it.
AWSDIRECT_DECL std::shared_ptr<Transport> makeCurlTransport(const TransportOptions& options);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/curl_transport.ipp"
#endif
