// Loopback helpers for server tests: a Server running on its own thread (127.0.0.1, port 0) and a
// blocking raw client that can send any bytes, including hostile ones.
#pragma once

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cerrno>
#include <chrono>
#include <optional>
#include <string_view>
#include <thread>

#include "service/http/server.h"

namespace assay::service::http {

// A running server on its own thread; stopped and joined at destruction.
class RunningServer {
 public:
  RunningServer(const Context& context, ServerOptions options) : server_(context, [&] {
    options.host = "127.0.0.1";
    options.port = 0;
    return options;
  }()) {
    auto bound = server_.listen();
    EXPECT_TRUE(bound.has_value());
    port_ = static_cast<unsigned short>(std::stoi(bound->substr(bound->rfind(':') + 1)));
    thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  unsigned short port() const { return port_; }

 private:
  Server server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

// A blocking client connection.
class Client {
 public:
  // Connects from `source` (any 127.0.0.0/8 address, to appear as another peer).
  explicit Client(unsigned short port, const char* source = "127.0.0.1") : socket_(ioc_) {
    socket_.open(boost::asio::ip::tcp::v4());
    socket_.bind(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(source), 0));
    socket_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }
  void send(std::string_view bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes.data(), bytes.size())); }
  // Reads one response; nullopt when the connection closed first.
  std::optional<Response> read() {
    beast_http::response_parser<beast_http::string_body> parser;
    parser.body_limit(64u << 20);
    boost::system::error_code ec;
    beast_http::read(socket_, buffer_, parser, ec);
    if (ec) return std::nullopt;
    return parser.release();
  }
  // True when the server closed the connection (EOF or reset) before `limit`.
  bool closed_within(std::chrono::milliseconds limit) {
    socket_.non_blocking(false);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    struct timeval tv{static_cast<long>(limit.count() / 1000), static_cast<long>((limit.count() % 1000) * 1000)};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char c;
    for (;;) {
      const auto n = ::recv(socket_.native_handle(), &c, 1, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
      if (std::chrono::steady_clock::now() > deadline) return false;
    }
  }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace assay::service::http
