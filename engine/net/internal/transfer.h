// One HTTP request as the HttpFetcher drives it: the curl easy handle of the current attempt,
// what the callbacks collected, and the rules that turn curl's outcome into a FetchResult or a
// retry. Private to engine/net.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "engine/c_handle.h"
#include "engine/net/fetcher.h"
#include "engine/net/http_fetcher.h"

namespace assay::engine::net::internal {

using CurlEasy = CHandle<CURL, curl_easy_cleanup>;
using CurlSlist = CHandle<curl_slist, curl_slist_free_all>;

// Headers of the latest response seen during an attempt (reset at every status line, so after
// redirects they belong to the final response).
struct ResponseHeaders {
  std::optional<std::string> content_type;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::string> retry_after;
  std::optional<std::string> date;
  std::optional<std::string> location;
  std::optional<std::uint64_t> content_length;
};

struct Transfer {
  std::uint64_t id = 0;
  FetchRequest request;
  FetchCallback done;
  std::chrono::steady_clock::time_point started;
  int attempts = 0;
  std::size_t body_limit = 0;

  // State of the current attempt, reset by prepare_attempt().
  CurlEasy easy;
  CurlSlist request_headers;
  std::string body;
  ResponseHeaders headers;
  bool over_limit = false;       // the write callback refused bytes beyond body_limit
  bool downgrade_refused = false;  // the header callback saw an https -> http redirect
  char error_buffer[CURL_ERROR_SIZE] = {};
};

// Creates the easy handle for the next attempt of `t` with every option set; kInternal when curl
// refuses an option (an unusable libcurl build).
Result<void> prepare_attempt(Transfer& t, const HttpFetcherOptions& options);

// What to do after an attempt finished.
struct Verdict {
  bool retry = false;
  std::optional<std::chrono::milliseconds> retry_after;  // server-requested delay, capped
};

// Classifies the finished attempt: fills `out` (status, headers, body or error) and says whether
// the failure is transient. Moves the body out of `t`.
Verdict classify(Transfer& t, CURLcode code, const HttpFetcherOptions& options, FetchResult& out);

// Appends " after N attempts" to transient failures once retries are exhausted.
void note_attempts(FetchResult& out);

// Backoff before attempt `attempts + 1`: initial * 2^(attempts-1), capped at backoff_max, scaled
// by a jitter factor drawn uniformly from [0.5, 1.0].
std::chrono::milliseconds backoff_delay(int attempts, const HttpFetcherOptions& options, std::mt19937_64& rng);

}  // namespace assay::engine::net::internal
