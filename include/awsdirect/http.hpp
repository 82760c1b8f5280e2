#pragma once
// The HTTP request and response every layer passes around: services build one, the signer adds
// to it, a Transport sends it.
#include <algorithm>
#include <cstddef>
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

struct HttpRequest {
  std::string method = "GET";
  std::string scheme = "https";
  std::string host;        // authority as in the Host header: "redshift.us-east-1.amazonaws.com" or "127.0.0.1:5000"
  std::string path = "/";  // as sent on the wire, already URI-encoded
  std::string query;       // as sent on the wire, already encoded, without the '?'
  HttpHeaders headers;
  std::string body;

  std::string url() const { return scheme + "://" + host + path + (query.empty() ? "" : "?" + query); }
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
};

}  // namespace awsdirect
