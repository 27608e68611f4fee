// The OnlineSource of `--online` validation: CRLs from CRL distribution points, OCSP responses
// from AIA OCSP responders (RFC 6960 A.1, GET), issuer certificates from AIA caIssuers, fetched
// through engine/net's Fetcher with a body limit per kind, every body stored content-addressed
// in the store and every attempt recorded as a fetch, as the trusted lists are
// (engine/store/store.h). The store doubles as a cache: a request is conditional on the last
// stored fetch of its URL (ETag / Last-Modified), and when the network fails the newest stored
// body of that URL is answered instead (the revocation checker then judges its freshness, and
// the fetch record says the network failed).
//
// Time limits are the fetcher's (HttpFetcherOptions: connect, total and low-speed timeouts);
// callers building one for validation should use short ones (see online_fetcher_options()).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "engine/net/fetcher.h"
#include "engine/net/http_fetcher.h"
#include "engine/store/store.h"
#include "engine/time.h"
#include "validation/online_source.h"

namespace assay::validation {

struct StoreOnlineSourceOptions {
  std::size_t max_crl_bytes = std::size_t{16} << 20;      // real CRLs reach a few MiB
  std::size_t max_ocsp_bytes = std::size_t{64} << 10;     // a response is a few KiB
  std::size_t max_certificate_bytes = std::size_t{64} << 10;  // caIssuers: a certificate or a small bundle
  std::size_t max_requests = 64;  // per fetch() call; the rest answer kResourceExhausted
  // Use the newest stored body of a URL when fetching it fails.
  bool stale_on_failure = true;
};

// HttpFetcher settings for revocation fetching: short timeouts (a validation waits on them),
// two attempts, a 16 MiB hard body limit.
engine::net::HttpFetcherOptions online_fetcher_options();

// The OCSP GET URL of RFC 6960 A.1: the responder URL, '/', and the percent-encoded base64 of
// the DER OCSPRequest.
std::string ocsp_get_url(std::string_view responder_url, std::string_view request_der);

class StoreOnlineSource final : public OnlineSource {
 public:
  // `fetcher` and `store` must outlive this object; `store` may be null (nothing cached or
  // recorded). `now` gives the fetch records' time (the wall clock in service/, pinned in tests).
  StoreOnlineSource(engine::net::Fetcher& fetcher, engine::store::Store* store, std::function<engine::UtcTime()> now,
                    StoreOnlineSourceOptions options = {});

  // Fetches every request (concurrently, through the fetcher) and answers in request order.
  // Thread-safe: calls are serialised on the fetcher.
  std::vector<OnlineResponse> fetch(std::span<const OnlineRequest> requests) const override;

 private:
  engine::net::FetchRequest to_fetch_request(const OnlineRequest& request) const;
  engine::Result<std::string> settle(const engine::net::FetchResult& result) const;
  std::optional<engine::store::FetchRecord> last_stored_fetch(const std::string& url) const;

  engine::net::Fetcher& fetcher_;
  engine::store::Store* store_;
  std::function<engine::UtcTime()> now_;
  StoreOnlineSourceOptions options_;
  mutable std::mutex mutex_;
};

}  // namespace assay::validation
