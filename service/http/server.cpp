#include "service/http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <csignal>
#include <list>
#include <map>

#include "service/http/framing.h"
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
      boost::system::error_code peer_ec;
      const auto peer = socket.remote_endpoint(peer_ec).address();
      if (peer_ec) continue;  // already gone; the socket closes here
      const auto held = per_peer_.find(peer);
      const bool full = connections_.size() >= options_.max_connections;
      const bool peer_full = held != per_peer_.end() && held->second >= options_.max_connections_per_peer;
      if (full || peer_full) {
        // Beyond the reserve the socket is closed unanswered: answering costs a slot too.
        if (reserved_ >= options_.reserve_connections) continue;
        ++reserved_;
        asio::co_spawn(ioc_, reserve_session(std::move(socket), full ? Refusal::kServerFull : Refusal::kPeerFull),
                       asio::detached);
        continue;
      }
      ++per_peer_[peer];
      asio::co_spawn(ioc_, session(std::move(socket), peer), asio::detached);
    }
  }

  enum class Refusal { kServerFull, kPeerFull };

  // A reserve slot: answers a liveness or readiness probe (so an orchestrator never restarts a
  // healthy but busy service), refuses anything else with 503, and closes. Bounded by
  // reserve_connections and reserve_timeout.
  awaitable<void> reserve_session(tcp::socket socket, Refusal why) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(options_.reserve_timeout);
    beast::flat_buffer buffer;
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(4096);
    auto [read_ec, read_n] = co_await beast_http::async_read_header(stream, buffer, parser, kNoThrow);
    (void)read_n;
    std::optional<Response> answer;
    if (!read_ec && !check_request_header(parser.get()) && parser.is_done()) {
      const auto route = classify(parser.get());
      if (route.pattern == "/health" || route.pattern == "/ready") {
        answer = handle(parser.get(), context_);
        answer->keep_alive(false);
        record(route.pattern, std::string(parser.get().method_string()), answer->result_int(), 0);
      }
    }
    if (!answer) {
      answer = why == Refusal::kServerFull
                   ? error_response(503, "too_many_connections", "the server is at its connection limit; retry later", 11, false)
                   : error_response(503, "too_many_connections_from_peer",
                                    "this address already holds " + std::to_string(options_.max_connections_per_peer) +
                                        " connections, the limit per peer; retry later",
                                    11, false);
      answer->set(beast_http::field::retry_after, "1");
      record("other", "-", answer->result_int(), 0);
    }
    stream.expires_after(std::chrono::seconds(2));
    co_await beast_http::async_write(stream, *answer, kNoThrow);
    co_await close_gracefully(stream);
    --reserved_;
  }

  // Half-closes, then discards what the client still sends for a moment, so that unread input
  // does not turn the close into a reset that destroys the response before the client reads it.
  awaitable<void> close_gracefully(beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::milliseconds(250));
    std::array<char, 4096> sink;
    for (std::size_t drained = 0; drained < (std::size_t{64} << 10);) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kNoThrow);
      if (ec) break;
      drained += n;
    }
    stream.socket().close(ignored);
  }

  awaitable<Response> run_on_pool(const Request& request) {
    co_return co_await asio::co_spawn(
        pool_, [&request, this]() -> awaitable<Response> { co_return handle(request, context_); }, use_awaitable);
  }

  // The answer to a read error, if one is owed (framing is lost after a parse error).
  std::optional<Response> read_error_answer(const boost::system::error_code& read_ec) const {
    if (read_ec == beast_http::error::body_limit) {
      return error_response(413, "payload_too_large",
                            "the request body exceeds " + std::to_string(options_.max_body_bytes) + " bytes", 11, false);
    }
    if (read_ec == beast_http::error::header_limit) {
      return error_response(400, "header_too_large", "the request header is too large", 11, false);
    }
    if (read_ec.category() == beast_http::make_error_code(beast_http::error::end_of_stream).category() &&
        read_ec != beast_http::error::end_of_stream && read_ec != beast_http::error::partial_message) {
      return error_response(400, "bad_request", "malformed HTTP request", 11, false);
    }
    return std::nullopt;
  }

  awaitable<void> session(tcp::socket socket, asio::ip::address peer) {
    beast::tcp_stream stream(std::move(socket));
    connections_.push_back({&stream, true});
    auto self = std::prev(connections_.end());
    beast::flat_buffer buffer;
    bool graceful = false;  // close with a drain (after an error answer)
    for (;;) {
      if (stopping_) break;
      beast_http::request_parser<beast_http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
      parser.body_limit(options_.max_body_bytes);
      // The header (and the wait for it on a kept-alive connection) gets the short timeout; only
      // a client that has sent a whole header gets the longer one for its body.
      stream.expires_after(std::min(options_.header_timeout, options_.request_timeout));
      self->idle = buffer.size() == 0;
      auto [read_ec, read_n] = co_await beast_http::async_read_header(stream, buffer, parser, kNoThrow);
      self->idle = false;
      (void)read_n;
      std::optional<Response> refusal;
      if (!read_ec) refusal = check_request_header(parser.get());
      if (!read_ec && !refusal) {
        stream.expires_after(options_.request_timeout);
        // RFC 9110 10.1.1: never to an HTTP/1.0 client; only when a body is still to come.
        if (!parser.is_done() && parser.get().version() >= 11 && expects_continue(parser.get())) {
          beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, parser.get().version()};
          co_await beast_http::async_write(stream, go_on, kNoThrow);
        }
        auto [body_ec, body_n] = co_await beast_http::async_read(stream, buffer, parser, kNoThrow);
        (void)body_n;
        read_ec = body_ec;
      }
      if (read_ec && !refusal) refusal = read_error_answer(read_ec);
      if (read_ec || refusal) {
        if (refusal && !stopping_) {
          stream.expires_after(std::chrono::seconds(5));
          co_await beast_http::async_write(stream, *refusal, kNoThrow);
          record("other", "-", refusal->result_int(), 0);
          graceful = true;
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
    if (graceful) {
      co_await close_gracefully(stream);
    } else {
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
    connections_.erase(self);
    if (auto it = per_peer_.find(peer); it != per_peer_.end() && --it->second == 0) per_peer_.erase(it);
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
  std::map<asio::ip::address, std::size_t> per_peer_;  // open sessions per peer address
  std::size_t reserved_ = 0;                            // reserve slots in use
  std::size_t inflight_ = 0;  // I/O thread only
  bool stopping_ = false;     // I/O thread only
};

Server::Server(const Context& context, ServerOptions options) : impl_(std::make_unique<Impl>(context, std::move(options))) {}
Server::~Server() = default;
engine::Result<std::string> Server::listen() { return impl_->listen(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace assay::service::http
