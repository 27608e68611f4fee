#include "tests/engine/support/test_http_server.h"

#include <zlib.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace assay::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Generated for these tests only (openssl req -x509, P-256, valid until 2126).
constexpr std::string_view kCertificatePem = R"(
-----BEGIN CERTIFICATE-----
MIIBqjCCAVGgAwIBAgIUadyB8SZS+bVBpizCHA9mSm9A5g4wCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRYXNzYXkgdGVzdCBzZXJ2ZXIwIBcNMjYxMTI4MTI0MjQ2WhgP
MjEyNjExMDQxMjQyNDZaMBwxGjAYBgNVBAMMEWFzc2F5IHRlc3Qgc2VydmVyMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE5+XbNTW5Qe2BpNnjqDC+bCQwvkxGlsZW
ggL3hzqYadvJ3nLTUrmsMWyKHx7U7h0PCrEFA76JCqf4FVgVNpAc/KNvMG0wHQYD
VR0OBBYEFD5UdVPPD5MGZbcwKq1XmdKue0hcMB8GA1UdIwQYMBaAFD5UdVPPD5MG
ZbcwKq1XmdKue0hcMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAPBgNVHRMB
Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIAoxdkDSWpJaAV0FCa3XaZ0JpwbE
oIJJGzguyweN8shuAiACwscMat767S6VjpL8D5ixtjH0m8eTb3+md0QBijmhhg==
-----END CERTIFICATE-----
)";

constexpr std::string_view kPrivateKeyPem = R"(
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgtgktJRah0kGFOCG0
0lv9q02rHURN7HOj1SCshR0wjrihRANCAATn5ds1NblB7YGk2eOoML5sJDC+TEaW
xlaCAveHOphp28nectNSuawxbIofHtTuHQ8KsQUDvokKp/gVWBU2kBz8
-----END PRIVATE KEY-----
)";

std::string reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string gzip(std::string_view input) {
  z_stream z{};
  // windowBits 15 + 16 selects the gzip wrapper.
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(input.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

// Decrements the in-flight count however the coroutine ends (even when destroyed at shutdown).
struct InFlight {
  std::atomic<int>& count;
  explicit InFlight(std::atomic<int>& c, std::atomic<int>& max) : count(c) {
    const int now = ++count;
    int seen = max.load();
    while (now > seen && !max.compare_exchange_weak(seen, now)) {
    }
  }
  ~InFlight() { --count; }
};

}  // namespace

HttpScript HttpScript::ok(std::string body, std::string content_type) {
  HttpScript s;
  s.body = std::move(body);
  s.headers.emplace_back("Content-Type", std::move(content_type));
  return s;
}

HttpScript HttpScript::status_only(int status) {
  HttpScript s;
  s.status = status;
  return s;
}

HttpScript HttpScript::redirect(int status, std::string location) {
  HttpScript s;
  s.status = status;
  s.headers.emplace_back("Location", std::move(location));
  return s;
}

std::string_view TestHttpServer::certificate_pem() { return kCertificatePem; }

struct TestHttpServer::Impl {
  TestHttpServer& owner;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::ssl::context ssl{asio::ssl::context::tls_server};

  explicit Impl(TestHttpServer& o) : owner(o) {}

  asio::awaitable<void> accept_loop() {
    while (true) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      ++owner.connections_;
      if (owner.tls_) {
        asio::co_spawn(io, serve_tls(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(io, serve(std::make_unique<tcp::socket>(std::move(socket))), asio::detached);
      }
    }
  }

  asio::awaitable<void> serve_tls(tcp::socket socket) {
    auto stream = std::make_unique<asio::ssl::stream<tcp::socket>>(std::move(socket), ssl);
    auto [ec] = co_await stream->async_handshake(asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    co_await serve(std::move(stream));
  }

  template <class Stream>
  asio::awaitable<void> send(Stream& stream, std::string data) {  // by value: lives in the frame
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(data.data(), data.size()),
                                              asio::as_tuple(asio::use_awaitable));
    (void)n;
    if (ec) throw boost::system::system_error(ec);
  }

  asio::awaitable<void> sleep(std::chrono::milliseconds d) {
    asio::steady_timer timer(io, d);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;
  }

  asio::awaitable<void> stall_forever() {
    while (true) co_await sleep(std::chrono::hours(1));
  }

  template <class Stream>
  asio::awaitable<void> serve(std::unique_ptr<Stream> stream) {
    try {
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      auto [ec, n] = co_await http::async_read(*stream, buffer, req, asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (ec) co_return;
      RecordedRequest recorded;
      recorded.method = std::string(req.method_string());
      recorded.target = std::string(req.target());
      recorded.body = req.body();
      for (const auto& field : req) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        recorded.headers[name] = std::string(field.value());
      }
      InFlight guard(owner.in_flight_, owner.max_in_flight_);
      HttpScript script = owner.pick(recorded);
      if (script.delay.count() > 0) co_await sleep(script.delay);
      if (script.delivery == Delivery::kStall) co_await stall_forever();
      co_await respond(*stream, script, recorded);
    } catch (const std::exception&) {
      // The client went away; nothing to do.
    }
  }

  template <class Stream>
  asio::awaitable<void> respond(Stream& stream, HttpScript& s, const RecordedRequest& req) {
    auto header = [&](const char* name) -> std::optional<std::string> {
      auto it = req.headers.find(name);
      if (it == req.headers.end()) return std::nullopt;
      return it->second;
    };
    std::string head;
    bool not_modified = (s.etag && header("if-none-match") == s.etag) ||
                        (s.last_modified && header("if-modified-since") == s.last_modified);
    const int status = not_modified ? 304 : s.status;
    head = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    for (const auto& [name, value] : s.headers) head += name + ": " + value + "\r\n";
    if (s.etag) head += "ETag: " + *s.etag + "\r\n";
    if (s.last_modified) head += "Last-Modified: " + *s.last_modified + "\r\n";
    head += "Connection: close\r\n";
    if (not_modified) {
      co_await send(stream, head + "\r\n");
      co_return;
    }
    std::string body = s.body;
    if (s.encoding == Encoding::kGzip) body = gzip(body);
    if (s.encoding == Encoding::kBrokenGzip) body = "\x1f\x8b this is not a gzip stream at all";
    if (s.encoding != Encoding::kIdentity) head += "Content-Encoding: gzip\r\n";

    if (s.delivery == Delivery::kGenerated) {
      head += s.chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + std::to_string(s.generated_bytes) + "\r\n";
      co_await send(stream, head + "\r\n");
      std::string piece(64 * 1024, '\0');
      for (std::size_t i = 0; i < piece.size(); ++i) piece[i] = static_cast<char>('a' + i % 26);
      std::uint64_t left = s.generated_bytes;
      while (left > 0) {
        const std::string_view part(piece.data(), static_cast<std::size_t>(std::min<std::uint64_t>(left, piece.size())));
        std::string out = s.chunked ? chunk(part) : std::string(part);
        co_await send(stream, std::move(out));
        left -= part.size();
      }
      if (s.chunked) co_await send(stream, "0\r\n\r\n");
      co_return;
    }
    if (s.delivery == Delivery::kAnnounceLonger) {
      head += "Content-Length: " + std::to_string(s.announced_length) + "\r\n\r\n";
      co_await send(stream, head + body);
      co_return;  // closing with bytes outstanding
    }
    head += s.chunked ? std::string("Transfer-Encoding: chunked\r\n") : "Content-Length: " + std::to_string(body.size()) + "\r\n";
    head += "\r\n";
    if (s.delivery == Delivery::kCloseMidBody || s.delivery == Delivery::kStallMidBody) {
      const std::string_view part = std::string_view(body).substr(0, std::min(s.cut_after, body.size()));
      // Named locals, not temporaries, around co_await: GCC 12 double-destroys temporaries of a
      // conditional expression inside a co_await full-expression.
      std::string out = head;
      out += s.chunked ? chunk(part) : std::string(part);
      co_await send(stream, std::move(out));
      if (s.delivery == Delivery::kStallMidBody) co_await stall_forever();
      co_return;
    }
    if (s.chunked) {
      std::string out = head;
      if (!body.empty()) out += chunk(body);
      out += "0\r\n\r\n";
      co_await send(stream, std::move(out));
    } else {
      co_await send(stream, head + body);
    }
  }
};

TestHttpServer::TestHttpServer(Tls tls) : tls_(tls == Tls::kOn), impl_(std::make_unique<Impl>(*this)) {
  if (tls_) {
    impl_->ssl.use_certificate_chain(asio::buffer(kCertificatePem.data(), kCertificatePem.size()));
    impl_->ssl.use_private_key(asio::buffer(kPrivateKeyPem.data(), kPrivateKeyPem.size()), asio::ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  thread_ = std::thread([this] { impl_->io.run(); });
}

TestHttpServer::~TestHttpServer() {
  impl_->io.stop();
  thread_.join();
  impl_.reset();  // destroys pending coroutines (stalled connections) and closes their sockets
}

std::string TestHttpServer::url(std::string_view path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void TestHttpServer::route(const std::string& path, std::vector<HttpScript> scripts) {
  std::lock_guard lock(mutex_);
  scripts_[path] = std::move(scripts);
}

void TestHttpServer::route(const std::string& path, Handler handler) {
  std::lock_guard lock(mutex_);
  handlers_[path] = std::move(handler);
}

HttpScript TestHttpServer::pick(const RecordedRequest& request) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    const std::size_t n = hits_[path]++;
    if (auto it = scripts_.find(path); it != scripts_.end() && !it->second.empty()) {
      return it->second[std::min(n, it->second.size() - 1)];
    }
    if (auto it = handlers_.find(path); it != handlers_.end()) handler = it->second;
  }
  if (handler) return handler(request);
  HttpScript missing = HttpScript::status_only(404);
  missing.body = "not found";
  return missing;
}

std::size_t TestHttpServer::hits(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = hits_.find(path);
  return it == hits_.end() ? 0 : it->second;
}

std::vector<RecordedRequest> TestHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

}  // namespace assay::testing
