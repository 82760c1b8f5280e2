#pragma once
// The HTTP request and response every layer passes around: services build one, the signer adds
// to it, a Transport sends it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace awsdirect {

namespace detail {
inline bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}
}  // namespace detail

// Headers in the order they were added, looked up case-insensitively; a name may repeat.
class HttpHeaders {
 public:
  using Entry = std::pair<std::string, std::string>;

  // The first value of `name`, or nullptr.
  const std::string* get(const std::string& name) const {
    for (const auto& entry : entries_)
      if (detail::equalsIgnoreCase(entry.first, name)) return &entry.second;
    return nullptr;
  }
  bool has(const std::string& name) const { return get(name) != nullptr; }
  // Replaces every value of `name` with one.
  void set(const std::string& name, std::string value) {
    remove(name);
    entries_.emplace_back(name, std::move(value));
  }
  void add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }
  void remove(const std::string& name) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const Entry& e) { return detail::equalsIgnoreCase(e.first, name); }),
                   entries_.end());
  }
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

  std::string url() const { return scheme + "://" + host + path + (query.empty() ? "" : "?" + query); }
};

// The reason phrase of a status, as Python's http.client names it (botocore's message for an
// error response without a body); "" for a status it does not know.
inline const char* httpReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 416: return "Requested Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
  bool bodyStreamed = false;  // the body went to the request's responseSink instead of `body`
};

// The whole of a streamed body, for a transport that only sends bodies from memory (a test
// double, a recorder). Real transports stream it instead.
inline std::string readStreamedBody(const StreamedBody& streamed) {
  std::string out(static_cast<std::size_t>(streamed.size), '\0');
  std::uint64_t offset = 0;
  while (offset < streamed.size) {
    const std::size_t got = streamed.readAt(offset, &out[static_cast<std::size_t>(offset)],
                                            static_cast<std::size_t>(streamed.size - offset));
    if (got == 0) throw std::runtime_error("a streamed request body ended before its declared size");
    offset += got;
  }
  return out;
}

}  // namespace awsdirect
