#include "service/http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <csignal>
#include <list>

#include "service/http/handler.h"
#include "service/http/metrics.h"

namespace assay::service::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);

engine::Result<std::pair<std::string, unsigned short>> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return engine::fail(engine::Code::kInvalidArgument, "listen address must be HOST:PORT, got \"" + std::string(text) + "\"");
  }
  std::string host(text.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535 || port_text.empty()) {
    return engine::fail(engine::Code::kInvalidArgument, "bad port in listen address \"" + std::string(text) + "\"");
  }
  return std::pair{host, static_cast<unsigned short>(port)};
}

class Server::Impl {
 public:
  Impl(const Context& context, ServerOptions options)
      : context_(context), options_(std::move(options)), pool_(std::max(1u, options_.workers)), acceptor_(ioc_),
        signals_(ioc_), drain_timer_(ioc_) {}

  engine::Result<std::string> listen() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(options_.host, ec);
    if (ec) {
      tcp::resolver resolver(ioc_);
      auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
      if (ec || results.empty()) return engine::fail(engine::Code::kInvalidArgument, "cannot resolve listen host " + options_.host);
      address = results.begin()->endpoint().address();
    }
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return engine::fail(engine::Code::kUnavailable, "cannot listen on " + options_.host + ":" +
                                                                std::to_string(options_.port) + ": " + ec.message());
    const auto bound = acceptor_.local_endpoint();
    const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
    return host + ":" + std::to_string(bound.port());
  }

  void run() {
    if (options_.handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](const boost::system::error_code& ec, int) {
        if (!ec) begin_stop();
      });
    }
    asio::co_spawn(ioc_, accept_loop(), asio::detached);
    ioc_.run();
    pool_.join();
  }

  void stop() {
    asio::post(ioc_, [this] { begin_stop(); });
  }

 private:
  // A live connection, for closing idle ones at shutdown. Touched on the I/O thread only.
  struct Connection {
    beast::tcp_stream* stream = nullptr;
    bool idle = true;  // waiting for the next request
  };

  void begin_stop() {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    for (auto& c : connections_) {
      if (c.idle) c.stream->socket().cancel(ignored);
    }
    if (connections_.empty()) return;
    drain_timer_.expires_after(options_.drain_timeout);
    drain_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      boost::system::error_code ignored2;
      for (auto& c : connections_) c.stream->socket().close(ignored2);
    });
  }

  awaitable<void> accept_loop() {
    while (!stopping_) {
      auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
      if (ec) {
        if (stopping_ || ec == asio::error::operation_aborted) break;
        // Out of descriptors or a reset before accept: pause briefly instead of spinning.
        asio::steady_timer pause(ioc_, std::chrono::milliseconds(50));
        co_await pause.async_wait(kNoThrow);
        continue;
      }
      if (connections_.size() >= options_.max_connections) {
        asio::co_spawn(ioc_, reject(std::move(socket)), asio::detached);
        continue;
      }
      asio::co_spawn(ioc_, session(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> reject(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(2));
    auto res = error_response(503, "too_many_connections", "the server is at its connection limit; retry later", 11, false);
    res.set(beast_http::field::retry_after, "1");
    co_await beast_http::async_write(stream, res, kNoThrow);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  awaitable<Response> run_on_pool(const Request& request) {
    co_return co_await asio::co_spawn(
        pool_, [&request, this]() -> awaitable<Response> { co_return handle(request, context_); }, use_awaitable);
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    connections_.push_back({&stream, true});
    auto self = std::prev(connections_.end());
    beast::flat_buffer buffer;
    for (;;) {
      if (stopping_) break;
      beast_http::request_parser<beast_http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      parser.body_limit(options_.max_body_bytes);
      stream.expires_after(options_.request_timeout);
      self->idle = buffer.size() == 0;
      auto [read_ec, read_n] = co_await beast_http::async_read(stream, buffer, parser, kNoThrow);
      self->idle = false;
      (void)read_n;
      if (read_ec) {
        // Framing is lost after a parse error: answer it, then close.
        std::optional<Response> answer;
        if (read_ec == beast_http::error::body_limit) {
          answer = error_response(413, "payload_too_large",
                                  "the request body exceeds " + std::to_string(options_.max_body_bytes) + " bytes", 11, false);
        } else if (read_ec == beast_http::error::header_limit) {
          answer = error_response(400, "header_too_large", "the request header is too large", 11, false);
        } else if (read_ec.category() == beast_http::make_error_code(beast_http::error::end_of_stream).category() &&
                   read_ec != beast_http::error::end_of_stream && read_ec != beast_http::error::partial_message) {
          answer = error_response(400, "bad_request", "malformed HTTP request", 11, false);
        }
        if (answer && !stopping_) {
          stream.expires_after(std::chrono::seconds(5));
          co_await beast_http::async_write(stream, *answer, kNoThrow);
          record("other", "-", answer->result_int(), 0);
        }
        break;
      }
      Request request = parser.release();
      const auto started = std::chrono::steady_clock::now();
      const auto route = classify(request);
      Response response;
      if (route.work == Work::kPool) {
        if (inflight_ >= options_.max_inflight) {
          response = error_response(429, "too_many_requests", "the server is at its concurrency limit; retry later",
                                    request.version(), request.keep_alive());
          response.set(beast_http::field::retry_after, "1");
        } else {
          ++inflight_;
          response = co_await run_on_pool(request);
          --inflight_;
        }
      } else {
        response = handle(request, context_);
      }
      if (stopping_) response.keep_alive(false);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      stream.expires_after(options_.request_timeout);
      auto [write_ec, write_n] = co_await beast_http::async_write(stream, response, kNoThrow);
      (void)write_n;
      // Beast keeps any token as a method; only the verbs it knows become labels, so a client
      // cannot grow the metrics without bound by inventing methods.
      const std::string method =
          request.method() == beast_http::verb::unknown ? std::string("other") : std::string(request.method_string());
      record(route.pattern, method, response.result_int(), seconds);
      if (write_ec || !response.keep_alive()) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    connections_.erase(self);
    if (stopping_ && connections_.empty()) drain_timer_.cancel();
  }

  void record(const std::string& route, const std::string& method, unsigned status, double seconds) {
    if (context_.metrics != nullptr) context_.metrics->record_request(route, method, status, seconds);
  }

  const Context& context_;
  ServerOptions options_;
  asio::io_context ioc_{1};
  asio::thread_pool pool_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  std::list<Connection> connections_;
  std::size_t inflight_ = 0;  // I/O thread only
  bool stopping_ = false;     // I/O thread only
};

Server::Server(const Context& context, ServerOptions options) : impl_(std::make_unique<Impl>(context, std::move(options))) {}
Server::~Server() = default;
engine::Result<std::string> Server::listen() { return impl_->listen(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace assay::service::http
