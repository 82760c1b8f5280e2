// Definitions of <awsdirect/curl_transport.hpp>: the one file of awsdirect that includes curl.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../detail/text.hpp"
#include "../error.hpp"

namespace awsdirect {
namespace detail {

// libcurl's global state is initialized once, on first use, without the user having to call
// anything; a function-local static makes that thread-safe. It is never cleaned up: another part
// of the program may still use curl (or OpenSSL) when ours is done, and the OS reclaims it at exit.
AWSDIRECT_DECL void ensureCurlInitialized() {
  static const CURLcode initResult = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initResult != CURLE_OK)
    throw TransportError(transportError(TransportFailure::Other,
                                        std::string("libcurl could not be initialized: ") +
                                            curl_easy_strerror(initResult)));
}

AWSDIRECT_DECL TransportFailure classifyCurlError(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportFailure::Dns;
    case CURLE_COULDNT_CONNECT:
      return TransportFailure::Connect;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:  // also CURLE_SSL_CACERT, an alias since 7.62
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
#if LIBCURL_VERSION_NUM >= 0x074700  // 7.71.0
    case CURLE_SSL_CLIENTCERT:
#endif
      return TransportFailure::Tls;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::Timeout;
    case CURLE_SEND_ERROR:
    case CURLE_SEND_FAIL_REWIND:
      return TransportFailure::Send;
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:  // the peer answered with something that is not HTTP
      return TransportFailure::Receive;
    case CURLE_TOO_MANY_REDIRECTS:
      return TransportFailure::TooManyRedirects;
    default:
      return TransportFailure::Other;
  }
}

AWSDIRECT_DECL const char* describeFailure(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::Dns: return "could not resolve the host name";
    case TransportFailure::Connect: return "could not connect";
    case TransportFailure::Tls: return "TLS failed";
    case TransportFailure::Timeout: return "timed out";
    case TransportFailure::Send: return "failed sending the request";
    case TransportFailure::Receive: return "failed receiving the response";
    case TransportFailure::TooManyRedirects: return "too many redirects";
    case TransportFailure::None:
    case TransportFailure::Other: break;
  }
  return "failed";
}

// "host:port" for error messages, the default port filled in: "s3.amazonaws.com:443", "[::1]:80".
AWSDIRECT_DECL std::string hostAndPort(const HttpRequest& request) {
  const std::string& host = request.host;
  std::size_t lastColon = host.rfind(':');
  std::size_t closingBracket = host.rfind(']');
  bool hasPort = lastColon != std::string::npos && (closingBracket == std::string::npos || lastColon > closingBracket);
  if (hasPort) return host;
  return host + (equalsIgnoreCase(request.scheme, "http") ? ":80" : ":443");
}

// A header line for CURLOPT_HTTPHEADER. curl reads "Name:" as "remove this header", so an empty
// value is written "Name;", curl's way of sending a header with no value.
AWSDIRECT_DECL std::string curlHeaderLine(const std::string& name, const std::string& value) {
  if (value.empty()) return name + ";";
  return name + ": " + value;
}

// Names and values go on the wire as they are, so a line break would let one header smuggle in
// others. Checked before anything is sent; the message names the header, never its value.
AWSDIRECT_DECL void checkHeaderIsSendable(const std::string& name, const std::string& value) {
  auto invalidNameChar = [](char c) { return c == ':' || c == ';' || c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\0'; };
  auto lineBreakOrNul = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
  std::string problem;
  if (name.empty())
    problem = "an HTTP header has an empty name";
  else if (std::any_of(name.begin(), name.end(), invalidNameChar))
    problem = "the name of HTTP header '" + name + "' holds a character not allowed in a header name";
  else if (std::any_of(value.begin(), value.end(), lineBreakOrNul))
    problem = "the value of HTTP header '" + name + "' holds a line break or NUL";
  if (!problem.empty()) throw ValidationError(makeError(ErrorKind::Validation, "InvalidHeader", problem));
}

AWSDIRECT_DECL long clampToCurlMilliseconds(std::chrono::milliseconds duration) {
  // curl reads 0 as "no timeout" (or its 300 s connect default); a timeout is always set.
  auto count = duration.count();
  if (count < 1) return 1L;
  if (count > LONG_MAX) return LONG_MAX;
  return static_cast<long>(count);
}

// Whether a request with this method carries a Content-Length even when its body is empty.
AWSDIRECT_DECL bool methodAlwaysHasBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

struct CurlEasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct CurlHeaderListDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlHeaderList = std::unique_ptr<curl_slist, CurlHeaderListDeleter>;

AWSDIRECT_DECL void appendHeaderLine(CurlHeaderList& list, const std::string& line) {
  curl_slist* extended = curl_slist_append(list.get(), line.c_str());
  if (!extended) throw std::bad_alloc();
  list.release();
  list.reset(extended);
}

// What the write and header callbacks fill in during one transfer. A 2xx body goes to the
// request's responseSink when it has one; any other body is kept, to be read as an error.
struct CurlResponseSink {
  HttpResponse response;
  bool outOfMemory = false;
  const ResponseBodySink* streamTo = nullptr;
  int status = 0;                  // of the latest status line
  std::uint64_t streamedBytes = 0;
  std::exception_ptr sinkFailure;  // what the responseSink threw

  void addHeaderLine(const char* data, std::size_t size) {
    std::string line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) return;  // the blank line that ends a header block
    // Each response's status line starts its header block. Interim 1xx responses (100 Continue)
    // arrive first; only the final response's headers are kept.
    if (line.compare(0, 5, "HTTP/") == 0) {
      response.headers.clear();
      std::size_t space = line.find(' ');
      status = space == std::string::npos ? 0 : std::atoi(line.c_str() + space + 1);
      return;
    }
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    if (isSpace(line.front())) return;  // obsolete line folding, which HTTP/1.1 forbids; skipped
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) return;
    std::size_t valueStart = colon + 1;
    while (valueStart < line.size() && isSpace(line[valueStart])) ++valueStart;
    std::size_t valueEnd = line.size();
    while (valueEnd > valueStart && isSpace(line[valueEnd - 1])) --valueEnd;
    response.headers.add(line.substr(0, colon), line.substr(valueStart, valueEnd - valueStart));
  }

  // C callbacks: no exception may cross back into curl. Returning a short count aborts the transfer.
  static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* userdata) noexcept {
    auto* sink = static_cast<CurlResponseSink*>(userdata);
    if (sink->streamTo && sink->status >= 200 && sink->status < 300) {
      try {
        (*sink->streamTo)(sink->streamedBytes, data, size * count);
        sink->streamedBytes += size * count;
        sink->response.bodyStreamed = true;
        return size * count;
      } catch (...) {
        sink->sinkFailure = std::current_exception();
        return 0;
      }
    }
    try {
      sink->response.body.append(data, size * count);
      return size * count;
    } catch (...) {
      sink->outOfMemory = true;
      return 0;
    }
  }
  static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* userdata) noexcept {
    auto* sink = static_cast<CurlResponseSink*>(userdata);
    try {
      sink->addHeaderLine(data, size * count);
      return size * count;
    } catch (...) {
      sink->outOfMemory = true;
      return 0;
    }
  }
};

// Feeds a StreamedBody to curl as it sends; curl may rewind it (to resend on a fresh connection).
struct CurlBodyReader {
  const StreamedBody* body = nullptr;
  std::uint64_t offset = 0;
  std::exception_ptr failure;  // what readAt threw

  static std::size_t onRead(char* buffer, std::size_t size, std::size_t count, void* userdata) noexcept {
    auto* reader = static_cast<CurlBodyReader*>(userdata);
    const std::uint64_t left = reader->body->size - reader->offset;
    const std::size_t capacity = size * count < left ? size * count : static_cast<std::size_t>(left);
    if (capacity == 0) return 0;
    try {
      const std::size_t got = reader->body->readAt(reader->offset, buffer, capacity);
      if (got == 0 || got > capacity)
        throw TransportError(transportError(TransportFailure::Send, "a streamed request body ended before its size"));
      reader->offset += got;
      return got;
    } catch (...) {
      reader->failure = std::current_exception();
      return CURL_READFUNC_ABORT;
    }
  }
  static int onSeek(void* userdata, curl_off_t offset, int origin) noexcept {
    auto* reader = static_cast<CurlBodyReader*>(userdata);
    if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > reader->body->size)
      return CURL_SEEKFUNC_CANTSEEK;
    reader->offset = static_cast<std::uint64_t>(offset);
    return CURL_SEEKFUNC_OK;
  }
};

// Larger buffers than curl's 16 KiB default when a big body streams, so a transfer costs fewer
// callbacks and system calls; in-memory bodies keep the defaults.
constexpr long kStreamingBufferSize = 512 * 1024;

// The request's headers, then what keeps curl from adding its own.
AWSDIRECT_DECL CurlHeaderList headerList(const HttpRequest& request) {
  CurlHeaderList list;
  for (const auto& header : request.headers) {
    checkHeaderIsSendable(header.first, header.second);
    appendHeaderLine(list, curlHeaderLine(header.first, header.second));
  }
  // curl derives Host from the URL and drops a default port ("h:443" becomes "h"); the
  // signature covers request.host, so that is what is sent.
  if (!request.headers.has("Host")) {
    checkHeaderIsSendable("Host", request.host);
    appendHeaderLine(list, "Host: " + request.host);
  }
  // "Name:" tells curl not to send its default: Expect: 100-continue on larger bodies (an
  // extra round trip, and a header that was not signed), Content-Type:
  // application/x-www-form-urlencoded on every body, Accept: */* on every request.
  for (const char* name : {"Expect", "Content-Type", "Accept"})
    if (!request.headers.has(name)) appendHeaderLine(list, std::string(name) + ":");
  return list;
}

// The read timeout: no byte in either direction for that long, once connected (curl's own
// low-speed check averages over several seconds, so a stall after a burst would go unnoticed).
struct IdleWatch {
  CURL* curl;
  std::chrono::milliseconds limit;
  std::chrono::steady_clock::time_point lastByte = std::chrono::steady_clock::now();
  curl_off_t down = 0, up = 0;
  bool fired = false;

  static int onProgress(void* self, curl_off_t, curl_off_t downloaded, curl_off_t, curl_off_t uploaded) {
    auto& watch = *static_cast<IdleWatch*>(self);
    const auto now = std::chrono::steady_clock::now();
    curl_off_t connected = 0;  // microseconds to connect; 0 while connecting (the connect timeout's time)
    curl_easy_getinfo(watch.curl, CURLINFO_CONNECT_TIME_T, &connected);
    if (connected == 0 || downloaded != watch.down || uploaded != watch.up) {
      watch.down = downloaded;
      watch.up = uploaded;
      watch.lastByte = now;
      return 0;
    }
    if (now - watch.lastByte < watch.limit) return 0;
    watch.fired = true;
    return 1;  // aborts the transfer
  }
};

// TransportOptions::loopbackOnly: any address but loopback fails as a connection failure, after
// name resolution, so a name that resolves elsewhere is refused too.
AWSDIRECT_DECL curl_socket_t openLoopbackSocket(void* refused, curlsocktype, curl_sockaddr* address) {
  bool loopback = false;
  if (address->family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address->addr);
    loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  } else if (address->family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
    loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
  }
  if (!loopback) {
    *static_cast<bool*>(refused) = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

AWSDIRECT_DECL void configureConnection(CURL* curl, const TransportOptions& options, char* errorText) {
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: threads stay safe
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, clampToCurlMilliseconds(options.connectTimeout));
  if (options.requestTimeout)
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, clampToCurlMilliseconds(*options.requestTimeout));
  // HTTP/1.1, as botocore speaks it: the headers on the wire are the ones that were signed.
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  // Only HTTP(S): a request URL can never make curl read a file or speak another protocol.
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  // Redirects are AWS's to explain (S3's region redirects); the layer above handles them.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options.verifyTls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options.verifyTls ? 2L : 0L);
  if (!options.caBundle.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.caBundle.c_str());
  if (!options.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, options.proxy.c_str());
  // A proxy's CONNECT response is not the service's: keep its headers out of the response.
  curl_easy_setopt(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
}

AWSDIRECT_DECL void configureRequest(CURL* curl, const HttpRequest& request, curl_slist* headers) {
  const std::string url = request.url();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());  // curl copies the string
  // Send the path as written: curl would otherwise remove "/./" and "/../" segments, which
  // S3 keys may contain and the signature covers.
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  const std::string& method = request.method;
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);  // no response body will follow
    return;                                       // a HEAD request carries no body
  }
  if (request.streamedBody) return;  // configureStreamedBody sets the method and the body
  if (!request.body.empty() || methodAlwaysHasBody(method)) {
    // The body is sent from the request's own buffer, with an exact Content-Length (no
    // chunked encoding); it outlives the transfer because send() holds the request.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    return;
  }
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    return;
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
}

// A body sent from request.streamedBody, with an exact Content-Length (no chunked encoding).
AWSDIRECT_DECL void configureStreamedBody(CURL* curl, const HttpRequest& request, CurlBodyReader& reader) {
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.streamedBody->size));
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &CurlBodyReader::onRead);
  curl_easy_setopt(curl, CURLOPT_READDATA, static_cast<void*>(&reader));
  curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, &CurlBodyReader::onSeek);
  curl_easy_setopt(curl, CURLOPT_SEEKDATA, static_cast<void*>(&reader));
  curl_easy_setopt(curl, CURLOPT_UPLOAD_BUFFERSIZE, kStreamingBufferSize);
  // CURLOPT_UPLOAD means PUT; any other method is named as such.
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST,
                   request.method == "PUT" ? static_cast<const char*>(nullptr) : request.method.c_str());
}

// What failed and where, with curl's own explanation. Never a header value or the body: the
// Authorization header holds a signature. Only the host and port of the URL, since a
// presigned URL carries its signature in the query. Cold: made only when a transfer failed, so
// compiled for size, out of the way of the path that succeeds.
[[gnu::cold]] AWSDIRECT_DECL Error failureError(CURL* curl, const HttpRequest& request, CURLcode code,
                                  const TransportOptions& options, const char* errorText, bool refusedNonLoopback) {
  TransportFailure failure = classifyCurlError(code);
  // A timeout before the connection was made is a failure to connect: nothing was sent, and a
  // caller may tell an absent peer from a slow one (the instance metadata service's IMDSv1
  // fallback does).
  curl_off_t connectMicroseconds = 0;
  if (failure == TransportFailure::Timeout &&
      curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connectMicroseconds) == CURLE_OK && connectMicroseconds == 0)
    failure = TransportFailure::Connect;
  std::string message = request.method + " " + hostAndPort(request) + ": " + describeFailure(failure);
  if (code == CURLE_OPERATION_TIMEDOUT)
    message += " (connect timeout " + std::to_string(options.connectTimeout.count()) + " ms, read timeout " +
               std::to_string(options.readTimeout.count()) + " ms" +
               (options.requestTimeout ? ", request timeout " + std::to_string(options.requestTimeout->count()) + " ms"
                                       : std::string()) +
               ")";
  message += ": ";
  message += errorText[0] ? errorText : curl_easy_strerror(code);
  if (refusedNonLoopback)
    message += " (this transport connects to loopback addresses only: AWSDIRECT_LOOPBACK_ONLY)";
  return transportError(failure, std::move(message));
}

struct CurlShareDeleter {
  void operator()(CURLSH* share) const noexcept { curl_share_cleanup(share); }
};

}  // namespace detail

// The share handle (its DNS cache, locked for threads) and the easy handles. An idle handle
// remembers the thread that used it last: a thread takes its own back when it can (its memory is
// in that thread's cache, and calls in sequence keep one connection), else the one idle longest
// the least.
struct CurlTransport::Pool {
  static constexpr std::size_t kMaxIdle = 16;  // more idle handles than this are closed

  using Handle = std::unique_ptr<CURL, detail::CurlEasyDeleter>;
  struct Idle {
    Handle handle;
    std::thread::id lastUser;
  };

  std::mutex dnsMutex;  // guards the shared DNS cache
  std::unique_ptr<CURLSH, detail::CurlShareDeleter> share;
  mutable std::mutex mutex;  // guards the two below
  std::vector<Idle> idle;    // most recently used last
  std::size_t inUse = 0;

  static void lock(CURL*, curl_lock_data, curl_lock_access, void* pool) {
    static_cast<Pool*>(pool)->dnsMutex.lock();
  }
  static void unlock(CURL*, curl_lock_data, void* pool) { static_cast<Pool*>(pool)->dnsMutex.unlock(); }

  Handle take() {
    {
      std::lock_guard<std::mutex> guard(mutex);
      ++inUse;
      if (!idle.empty()) {
        auto mine = std::find_if(idle.rbegin(), idle.rend(),
                                 [](const Idle& i) { return i.lastUser == std::this_thread::get_id(); });
        auto chosen = mine != idle.rend() ? std::prev(mine.base()) : std::prev(idle.end());
        Handle handle = std::move(chosen->handle);
        idle.erase(chosen);
        return handle;
      }
    }
    Handle handle(curl_easy_init());
    if (!handle) {
      giveBack(nullptr);
      throw TransportError(transportError(TransportFailure::Other, "libcurl could not create an easy handle"));
    }
    return handle;
  }
  void giveBack(Handle handle) {
    std::lock_guard<std::mutex> guard(mutex);
    --inUse;
    if (handle && idle.size() < kMaxIdle) idle.push_back({std::move(handle), std::this_thread::get_id()});
  }
};

CurlTransport::CurlTransport(TransportOptions options) : options_(std::move(options)), pool_(std::make_unique<Pool>()) {
  const char* loopbackOnly = std::getenv("AWSDIRECT_LOOPBACK_ONLY");
  if (loopbackOnly && std::string(loopbackOnly) == "1") options_.loopbackOnly = true;
  detail::ensureCurlInitialized();
  pool_->share.reset(curl_share_init());
  if (!pool_->share)
    throw TransportError(transportError(TransportFailure::Other, "libcurl could not create a share handle"));
  curl_share_setopt(pool_->share.get(), CURLSHOPT_LOCKFUNC, &Pool::lock);
  curl_share_setopt(pool_->share.get(), CURLSHOPT_UNLOCKFUNC, &Pool::unlock);
  curl_share_setopt(pool_->share.get(), CURLSHOPT_USERDATA, static_cast<void*>(pool_.get()));
  curl_share_setopt(pool_->share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
}

// The easy handles go first: each must be closed before the share handle it uses.
CurlTransport::~CurlTransport() { pool_->idle.clear(); }

std::size_t CurlTransport::handleCount() const {
  std::lock_guard<std::mutex> guard(pool_->mutex);
  return pool_->idle.size() + pool_->inUse;
}

HttpResponse CurlTransport::send(const HttpRequest& request) {
  detail::CurlHeaderList headers = detail::headerList(request);
  detail::CurlResponseSink sink;
  if (request.responseSink) sink.streamTo = &request.responseSink;
  detail::CurlBodyReader bodyReader;
  if (request.streamedBody) bodyReader.body = &*request.streamedBody;

  // Every option is set afresh for each request, and cleared after it so the handle keeps no
  // pointer into this call's locals; a reset keeps the live connection.
  struct Borrowed {
    Pool& pool;
    Pool::Handle handle;
    ~Borrowed() {
      if (handle) curl_easy_reset(handle.get());
      pool.giveBack(std::move(handle));
    }
  } borrowed{*pool_, pool_->take()};
  CURL* curl = borrowed.handle.get();
  char errorText[CURL_ERROR_SIZE] = {};
  detail::configureConnection(curl, options_, errorText);
  detail::IdleWatch idle{curl, options_.readTimeout};
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &detail::IdleWatch::onProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, static_cast<void*>(&idle));
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  bool refusedNonLoopback = false;
  if (options_.loopbackOnly) {
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &detail::openLoopbackSocket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, static_cast<void*>(&refusedNonLoopback));
  }
  curl_easy_setopt(curl, CURLOPT_SHARE, pool_->share.get());
  detail::configureRequest(curl, request, headers.get());
  if (request.streamedBody) detail::configureStreamedBody(curl, request, bodyReader);
  if (request.responseSink) curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, detail::kStreamingBufferSize);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &detail::CurlResponseSink::onBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, static_cast<void*>(&sink));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &detail::CurlResponseSink::onHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, static_cast<void*>(&sink));

  const CURLcode result = curl_easy_perform(curl);
  if (sink.outOfMemory) throw std::bad_alloc();
  // A local failure (a file that cannot be read or written) says more than curl's abort code.
  if (bodyReader.failure) std::rethrow_exception(bodyReader.failure);
  if (sink.sinkFailure) std::rethrow_exception(sink.sinkFailure);
  if (result != CURLE_OK)
    throw TransportError(detail::failureError(curl, request, idle.fired ? CURLE_OPERATION_TIMEDOUT : result, options_,
                                              idle.fired ? "no byte arrived within the read timeout" : errorText,
                                              refusedNonLoopback));

  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  sink.response.status = static_cast<int>(status);
  return std::move(sink.response);
}

std::shared_ptr<Transport> makeCurlTransport(const TransportOptions& options) {
  return std::make_shared<CurlTransport>(options);
}

}  // namespace awsdirect
