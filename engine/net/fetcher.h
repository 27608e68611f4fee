// The fetcher interface: "give me the bytes behind this URL", asynchronous, with per-request
// results. Implemented by the libcurl/Asio HTTP fetcher (engine/net/http_fetcher.h) and by the
// mirror-map fetcher (engine/net/mirror_fetcher.h), so the layers above never know whether the
// bytes came from the network or from a local mirror.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::engine::net {

// One document to fetch. The validators make the request conditional (RFC 9110 13.1.2, 13.1.3):
// when the server answers 304 the result has `not_modified` set and an empty body.
struct FetchRequest {
  std::string url;
  std::optional<std::string> etag;           // sent as If-None-Match (verbatim, quotes included)
  std::optional<std::string> last_modified;  // sent as If-Modified-Since (an HTTP-date, verbatim)
  // Overrides the fetcher's body limit for this request (never raises it above the hard maximum
  // the fetcher was configured with).
  std::optional<std::size_t> max_body_bytes;
  // Called as soon as this request has finished, before fetch_all() returns (on the thread that
  // completes requests); lets callers start work on early results. Keep it short and thread-safe.
  // It may move from the result (the body, above all): the caller then takes each body here and
  // not from what fetch_all() returns, and a refresh holds one copy of every document, not two.
  std::function<void(struct FetchResult&)> on_done;
};

// Why a fetch failed, finer than the canonical error code; stable for logs and tests.
enum class FetchFailure {
  kNone,
  kConnect,           // could not resolve or connect, or the connection dropped (transient)
  kTimeout,           // connect, total or low-speed timeout (transient)
  kHttpStatus,        // the final response had a non-success status
  kTooLarge,          // the body (announced or received) exceeded the limit
  kTruncated,         // fewer bytes than Content-Length, or a cut chunked body
  kBadEncoding,       // undecodable Content-Encoding (bad gzip/deflate)
  kRedirectRefused,   // https -> http downgrade, or a scheme other than http/https
  kTooManyRedirects,  // redirect chain longer than allowed, or a loop
  kTls,               // certificate verification or handshake failure
  kCancelled,         // cancel_all() was called while the request was pending
  kNotInMirror,       // MirrorFetcher: the URL is not in the map
  kIo,                // MirrorFetcher: the mapped file could not be read
  kOther,
};

std::string_view fetch_failure_name(FetchFailure failure) noexcept;

// The outcome of one request. Either `error` is empty and `body` holds the complete (decoded)
// body, or `not_modified` is set, or `error` says what went wrong (with `failure` as the reason).
struct FetchResult {
  std::string url;        // as requested
  std::string final_url;  // after redirects (the mirror file path for a MirrorFetcher file)
  int http_status = 0;    // last response status; 0 when there was no HTTP response
  // Response headers of interest (of the final response), verbatim.
  std::optional<std::string> content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> retry_after;
  std::string body;
  bool not_modified = false;
  int attempts = 0;  // requests made, retries included
  std::chrono::milliseconds duration{0};  // from start to completion, backoff included
  std::optional<Error> error;
  FetchFailure failure = FetchFailure::kNone;

  bool ok() const noexcept { return !error.has_value(); }
};

// Callback receiving a finished request; called exactly once per fetch().
using FetchCallback = std::function<void(FetchResult)>;

// For Fetcher implementations: moves `request.on_done` out of the request (so that a delegate
// handed the request does not run it a second time) and returns `done` preceded by it.
FetchCallback take_on_done(FetchRequest& request, FetchCallback done);

// Abstract fetcher. Implementations say on which thread `done` runs and how fetch() may be called
// concurrently; none of them throws.
class Fetcher {
 public:
  virtual ~Fetcher() = default;

  // Starts fetching `request`; `done` is called exactly once with the result (possibly before
  // fetch() returns, for synchronous implementations).
  virtual void fetch(FetchRequest request, FetchCallback done) = 0;

  // Fetches every request and blocks until all are finished; results are in request order.
  virtual std::vector<FetchResult> fetch_all(std::vector<FetchRequest> requests) = 0;

  // Cancels every pending request: each completes with FetchFailure::kCancelled.
  virtual void cancel_all() = 0;
};

// Fetches one URL and returns its body, or the request's error (a 304 is an error here: callers
// that send validators use fetch() and look at `not_modified`). Blocks like fetch_all().
Result<std::string> fetch_body(Fetcher& fetcher, const std::string& url);

}  // namespace assay::engine::net
