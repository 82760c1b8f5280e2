#pragma once
// Our loopback Redshift Data API (redshift_data_server.py) for a test: started on a free port,
// and what reached it.
#include <memory>
#include <string>
#include <vector>

#include <awsdirect/curl_transport.hpp>
#include <awsdirect/detail/json.hpp>

#include "test_server.hpp"

namespace awsdirect_test {

// The server, or null (the test skipped) without python3.
inline std::unique_ptr<TestServer> startDataApi() {
  TestServer::Options options;
  options.script = AWSDIRECT_SOURCE_DIR "/tests/support/redshift_data_server.py";
  return TestServer::startOrSkip(options);
}

// Every call that reached it, in order: {"target": "RedshiftData.ExecuteStatement", "input": {...}}.
inline std::vector<awsdirect::detail::JsonValue> callsTo(const TestServer& server) {
  awsdirect::HttpRequest request;
  request.scheme = "http";
  request.host = server.authority();
  request.path = "/_log";
  const std::string body = awsdirect::CurlTransport().send(request).body;
  std::vector<awsdirect::detail::JsonValue> calls;
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = body.find('\n', start);
    calls.push_back(awsdirect::detail::JsonValue::parse(body.substr(start, end - start)));
    start = end + 1;
  }
  return calls;
}

}  // namespace awsdirect_test
