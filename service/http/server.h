// The HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines): keep-alive and pipelining, request
// limits, a bounded worker pool for CPU work, a connection cap, and graceful shutdown. Requests
// are answered by the plain function `handle` (handler.h); this file only moves bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "engine/error.h"
#include "service/http/context.h"

namespace assay::service::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see Server::listen's result)
  std::size_t max_body_bytes = std::size_t{8} << 20;    // larger bodies: 413 and close
  std::size_t max_header_bytes = std::size_t{16} << 10;  // larger headers: 400 and close
  // Time allowed from the connection (or the end of the previous response) to the end of the
  // request header: idle and trickling clients give their slot back quickly. (The smaller of
  // this and request_timeout applies.)
  std::chrono::milliseconds header_timeout{10'000};
  // Time allowed to receive one request; after its header, the body gets this long again. A
  // slower client is disconnected.
  std::chrono::milliseconds request_timeout{30'000};
  std::size_t max_connections = 512;  // beyond: the reserve below, else closed
  // Connections from one peer address at once; beyond: 503 and close. Behind a reverse proxy
  // every client is the proxy's address: raise it there.
  std::size_t max_connections_per_peer = 128;
  // Extra short-lived slots used when the caps above are reached: each reads one header (within
  // reserve_timeout) and answers GET/HEAD /health and /ready, anything else 503, then closes, so
  // liveness probes never fail on a full server. Beyond the reserve, connections are closed.
  std::size_t reserve_connections = 16;
  std::chrono::milliseconds reserve_timeout{1'000};
  std::size_t max_inflight = 256;     // pool requests queued or running; beyond: 429
  unsigned workers = 2;               // worker threads for CPU-bound routes
  std::chrono::milliseconds drain_timeout{10'000};  // after a stop, in-flight requests get this long
  bool handle_signals = false;        // stop gracefully on SIGINT/SIGTERM
};

// One server. listen() binds; run() serves on the calling thread until stop() (or a signal) and
// every in-flight request has been answered. `context` must outlive the server. stop() may be
// called from any thread; everything else from one thread.
class Server {
 public:
  Server(const Context& context, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns "HOST:PORT" actually bound (the port chosen when 0 was asked).
  // kInvalidArgument for a bad host, kUnavailable when the address cannot be bound.
  engine::Result<std::string> listen();
  // Serves until stopped and drained: stops accepting, closes idle connections, lets in-flight
  // requests finish (each answered with Connection: close), then returns.
  void run();
  // Begins the graceful stop. Thread-safe, idempotent.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6). kInvalidArgument when malformed.
engine::Result<std::pair<std::string, unsigned short>> parse_listen_address(std::string_view text);

}  // namespace assay::service::http
