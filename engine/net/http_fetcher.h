// Asynchronous HTTP(S) fetcher: libcurl's multi interface driven by Boost.Asio through the
// socket-action API. curl tells us which sockets to watch and when to time out; Asio waits on
// them (posix::stream_descriptor) and on one steady_timer. No thread per request, no polling.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "engine/net/fetcher.h"
#include "engine/version.h"

namespace assay::engine::net {

enum class TlsVerification { kOn, kOff };

// Settings of an HttpFetcher. Defaults suit fetching trusted lists from public servers; tests use
// short timeouts.
struct HttpFetcherOptions {
  std::size_t max_concurrency = 8;  // requests in flight at once (a request keeps its slot while
                                    // it waits to retry); further requests queue in order
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{120'000};  // per attempt
  // A transfer slower than `low_speed_limit` bytes/s for `low_speed_time` is aborted (timeout).
  long low_speed_limit = 64;
  std::chrono::seconds low_speed_time{30};
  std::size_t max_body_bytes = std::size_t{32} << 20;  // decoded body; also vs Content-Length
  long max_redirects = 5;
  // Transient failures (connect errors, timeouts, 5xx, 429) are retried up to this many attempts
  // in total, with exponential backoff (initial * 2^n, capped) and jitter in [50%, 100%].
  int max_attempts = 3;
  std::chrono::milliseconds backoff_initial{500};
  std::chrono::milliseconds backoff_max{30'000};
  // A Retry-After (seconds, or an HTTP-date relative to the response's Date) is honoured up to
  // this cap; beyond it the cap is used.
  std::chrono::milliseconds retry_after_max{120'000};
  std::uint64_t random_seed = 0x6173736179;  // jitter source, injectable for reproducible tests
  TlsVerification tls_verification = TlsVerification::kOn;
  std::string ca_bundle;  // PEM file of trust anchors; empty = the system default
  std::string user_agent = "assay/" + std::string(assay_version()) + " (+trusted-list fetcher)";
};

// Fetches over HTTP(S). Behaviour per request:
// - only http and https; redirects are followed up to `max_redirects`, never from https to http
//   (FetchFailure::kRedirectRefused, "redirect from https to http refused");
// - gzip/deflate accepted and decoded; a bad encoding is kMalformed/kBadEncoding;
// - conditional GET from FetchRequest::etag/last_modified; 304 sets `not_modified`;
// - the body limit aborts the transfer as soon as it is exceeded or announced (kResourceExhausted);
// - a body shorter than Content-Length is kMalformed/kTruncated;
// - 404/410 is kNotFound; 5xx, 429, connect errors and timeouts are retried, then kUnavailable /
//   kDeadlineExceeded with a message such as "HTTP 503 after 3 attempts".
// Threading: fetch() and cancel_all() may be called from any thread (they post to the
// io_context); callbacks run on the io_context's thread. fetch_all() blocks: with an owned
// context it runs the context on the calling thread; with a borrowed context another thread must
// be running it (calling it from that thread fails every request with kInternal). Destroy the
// fetcher on the context's thread or when the context is not running.
class HttpFetcher final : public Fetcher {
 public:
  // Uses (borrows) `io`, which must outlive the fetcher.
  HttpFetcher(boost::asio::io_context& io, HttpFetcherOptions options);
  // Owns a private io_context, driven by fetch_all() or run().
  explicit HttpFetcher(HttpFetcherOptions options);
  ~HttpFetcher() override;
  HttpFetcher(const HttpFetcher&) = delete;
  HttpFetcher& operator=(const HttpFetcher&) = delete;

  void fetch(FetchRequest request, FetchCallback done) override;
  std::vector<FetchResult> fetch_all(std::vector<FetchRequest> requests) override;
  void cancel_all() override;

  // Owned context only: runs it on the calling thread until every started request is finished.
  void run();

  const HttpFetcherOptions& options() const noexcept { return options_; }

 private:
  class Impl;
  HttpFetcherOptions options_;
  std::unique_ptr<boost::asio::io_context> owned_io_;
  boost::asio::io_context& io_;
  std::shared_ptr<Impl> impl_;
};

}  // namespace assay::engine::net
