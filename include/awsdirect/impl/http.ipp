// Definitions of <awsdirect/http.hpp>.
#include <algorithm>
#include <stdexcept>

#include "../detail/text.hpp"

namespace awsdirect {

const std::string* HttpHeaders::get(const std::string& name) const {
  for (const auto& entry : entries_)
    if (detail::equalsIgnoreCase(entry.first, name)) return &entry.second;
  return nullptr;
}

void HttpHeaders::set(const std::string& name, std::string value) {
  remove(name);
  entries_.emplace_back(name, std::move(value));
}

void HttpHeaders::remove(const std::string& name) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const Entry& e) { return detail::equalsIgnoreCase(e.first, name); }),
                 entries_.end());
}

std::string HttpRequest::url() const { return scheme + "://" + host + path + (query.empty() ? "" : "?" + query); }

const char* httpReasonPhrase(int status) {
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

std::string readStreamedBody(const StreamedBody& streamed) {
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
