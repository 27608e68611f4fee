// A scriptable HTTP/1.1 (and HTTPS) server on 127.0.0.1, port 0, for tests: each path answers
// with a script (status, headers, body, delays, stalls, cuts, lying Content-Length, gzip,
// generated huge bodies, conditional 304s), so fetch behaviour can be tested without a network.
// Reusable beyond engine/net: serve real documents with injected faults.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace assay::testing {

// How a scripted response is delivered.
enum class Delivery {
  kNormal,         // headers then the whole body, then close
  kStall,          // never answer (the connection stays open until the server stops)
  kStallMidBody,   // headers and `cut_after` body bytes, then nothing
  kCloseMidBody,   // headers (full Content-Length, or chunked) and `cut_after` bytes, then close
  kAnnounceLonger, // Content-Length `announced_length`, the whole (shorter) body, then close
  kGenerated,      // `generated_bytes` of a pattern, produced on the fly in 64 KiB pieces
};

enum class Encoding {
  kIdentity,
  kGzip,        // body gzip-compressed, Content-Encoding: gzip
  kBrokenGzip,  // Content-Encoding: gzip with bytes that are not gzip
};

// One response. Fields beyond status/headers/body only matter for their Delivery.
struct HttpScript {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // before anything is sent
  Delivery delivery = Delivery::kNormal;
  Encoding encoding = Encoding::kIdentity;
  bool chunked = false;                // Transfer-Encoding: chunked instead of Content-Length
  std::size_t cut_after = 0;           // kStallMidBody, kCloseMidBody
  std::uint64_t announced_length = 0;  // kAnnounceLonger
  std::uint64_t generated_bytes = 0;   // kGenerated
  // Conditional GET: with an etag, a request whose If-None-Match equals it gets 304 (and the
  // ETag header is always sent); likewise last_modified with If-Modified-Since.
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;

  static HttpScript ok(std::string body, std::string content_type = "application/xml");
  static HttpScript status_only(int status);
  static HttpScript redirect(int status, std::string location);
};

// A request as received (header names lower-cased).
struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;
  std::string body;  // (beast's default request limit: 1 MiB)
};

class TestHttpServer {
 public:
  enum class Tls { kOff, kOn };
  using Handler = std::function<HttpScript(const RecordedRequest&)>;

  // Binds 127.0.0.1:0 and starts serving on a background thread.
  explicit TestHttpServer(Tls tls = Tls::kOff);
  // Stops: open connections (stalled ones included) are closed.
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT/path" (https with Tls::kOn).
  std::string url(std::string_view path) const;

  // The n-th request for `path` (query ignored) gets scripts[min(n, size-1)]. Unknown paths: 404.
  void route(const std::string& path, std::vector<HttpScript> scripts);
  void route(const std::string& path, HttpScript script) { route(path, std::vector<HttpScript>{std::move(script)}); }
  void route(const std::string& path, Handler handler);

  std::size_t hits(const std::string& path) const;
  std::vector<RecordedRequest> requests() const;
  // Largest number of requests being answered at the same time.
  int max_in_flight() const { return max_in_flight_.load(); }
  // Connections accepted.
  int connections() const { return connections_.load(); }

  // The self-signed certificate (CN "assay test server", SAN 127.0.0.1/localhost) the TLS mode
  // presents: use it as the client's CA bundle.
  static std::string_view certificate_pem();

 private:
  struct Impl;
  friend struct Impl;
  HttpScript pick(const RecordedRequest& request);

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<HttpScript>> scripts_;
  std::map<std::string, Handler> handlers_;
  std::map<std::string, std::size_t> hits_;
  std::vector<RecordedRequest> requests_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  std::atomic<int> connections_{0};
  std::uint16_t port_ = 0;
  bool tls_ = false;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
};

}  // namespace assay::testing
