// One synchronous HTTP(S) request/response exchange with everything kept, for clients that must
// show what was said (the audit runner's HTTP targets, issue 17): the raw response header block,
// the body (bounded), the outcome of the transfer as a kind and a sentence, and for HTTPS the
// server's certificate chain as presented (CURLOPT_CERTINFO). Unlike HttpFetcher it never
// retries and never follows redirects: the caller decides and records every attempt.
//
// Plain HTTP exchanges made through one HttpSession reuse its connection (HTTP/1.1 keep-alive)
// when the server keeps it open: a campaign of hundreds of requests to one service then costs one
// TCP handshake per worker, not one per request. HTTPS exchanges always get a connection and a
// handshake of their own, so every answer carries the chain the server presented for it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/version.h"

namespace assay::engine::net {

// One certificate of the chain the server presented, leaf first.
struct PeerCertificate {
  std::string subject;  // as OpenSSL prints it through libcurl ("CN = host, O = ...")
  std::string issuer;
  std::string sha256;   // lowercase hex of the DER; "" when libcurl gave no PEM for it
};

struct HttpExchangeOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  // The whole exchange (connect, send, wait, receive): a slow-drip answer ends here at the latest.
  std::chrono::milliseconds total_timeout{30'000};
  // Aborted earlier when slower than `low_speed_limit` bytes/s for `low_speed_time`.
  long low_speed_limit = 16;
  std::chrono::seconds low_speed_time{10};
  std::size_t max_body_bytes = std::size_t{16} << 20;  // response body; beyond it: kTooLarge
  std::string ca_bundle;                               // PEM trust anchors; empty: the system's
  std::string user_agent = "assay-audit/" + std::string(assay_version());
};

enum class ExchangeFailure { kNone, kConnect, kTimeout, kTooLarge, kTls, kOther };

// "none", "connect", "timeout", "too_large", "tls", "other".
std::string_view exchange_failure_name(ExchangeFailure f) noexcept;

struct HttpExchangeResult {
  ExchangeFailure failure = ExchangeFailure::kNone;
  std::string error;             // one sentence when failure != kNone
  int status = 0;                // HTTP status (0 when no response line arrived)
  std::string response_headers;  // the raw header block as received (status line included)
  std::string body;              // complete only when failure == kNone
  std::vector<PeerCertificate> peer_chain;  // HTTPS only, leaf first
  bool reused_connection = false;           // sent over a connection an earlier exchange opened
  std::chrono::milliseconds elapsed{0};
};

// A sequence of exchanges by one thread at a time (not thread-safe; one per worker). Never throws.
class HttpSession {
 public:
  HttpSession();
  ~HttpSession();
  HttpSession(HttpSession&&) noexcept;
  HttpSession& operator=(HttpSession&&) noexcept;
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // POSTs `body` to `url` (http or https only) with the given extra header lines
  // ("Content-Type: application/json").
  HttpExchangeResult post(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                          const HttpExchangeOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One exchange on a connection of its own (HttpSession::post on a fresh session). Never throws;
// thread-safe.
HttpExchangeResult http_post(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                             const HttpExchangeOptions& options);

}  // namespace assay::engine::net
