#pragma once
// The HTTP request and response every layer passes around: services build one, the signer adds
// to it, a Transport sends it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"

namespace awsdirect {

// Headers in the order they were added, looked up case-insensitively; a name may repeat.
class HttpHeaders {
 public:
  using Entry = std::pair<std::string, std::string>;

  // The first value of `name`, or nullptr.
  AWSDIRECT_DECL const std::string* get(const std::string& name) const;
  bool has(const std::string& name) const { return get(name) != nullptr; }
  // Replaces every value of `name` with one.
  AWSDIRECT_DECL void set(const std::string& name, std::string value);
  void add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }
  AWSDIRECT_DECL void remove(const std::string& name);
  void clear() { entries_.clear(); }
  void reserve(std::size_t n) { entries_.reserve(n); }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  std::vector<Entry> entries_;
};

// A request body read piece by piece while it is sent (a file streamed to S3) instead of being
// held in HttpRequest::body. Reads are positional, so a retried request reads it again from the
// start, and several parts of one file can be sent at once.
struct StreamedBody {
  std::uint64_t size = 0;  // sent as Content-Length
  // Copies up to `capacity` bytes of the body from `offset` (< size) into `buffer` and returns how
  // many (at least 1). Throws an awsdirect::Exception when it cannot.
  std::function<std::size_t(std::uint64_t offset, char* buffer, std::size_t capacity)> readAt;
};

// Receives a successful (2xx) response's body piece by piece instead of HttpResponse::body, each
// piece with its offset in the body; a retried request delivers it again from offset 0. An error
// response's body still goes to HttpResponse::body, to be read as an error.
using ResponseBodySink = std::function<void(std::uint64_t offset, const char* data, std::size_t size)>;

struct HttpRequest {
  std::string method = "GET";
  std::string scheme = "https";
  std::string host;        // authority as in the Host header: "redshift.us-east-1.amazonaws.com" or "127.0.0.1:5000"
  std::string path = "/";  // as sent on the wire, already URI-encoded
  std::string query;       // as sent on the wire, already encoded, without the '?'
  HttpHeaders headers;
  std::string body;
  std::optional<StreamedBody> streamedBody;  // instead of `body`, for bodies too big to hold
  ResponseBodySink responseSink;             // when set, a 2xx body goes here, not to memory

  AWSDIRECT_DECL std::string url() const;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
  bool bodyStreamed = false;  // the body went to the request's responseSink instead of `body`
};

// The reason phrase of a status, as Python's http.client names it (botocore's message for an
// error response without a body); "" for a status it does not know.
AWSDIRECT_DECL const char* httpReasonPhrase(int status);

// The whole of a streamed body, for a transport that only sends bodies from memory (a test
// double, a recorder). Real transports stream it instead. Throws std::runtime_error when the
// body ends before its size.
AWSDIRECT_DECL std::string readStreamedBody(const StreamedBody& streamed);

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/http.ipp"
#endif
