#include "validation/online/store_online_source.h"

#include <algorithm>
#include <utility>

#include "engine/base64.h"
#include "engine/version.h"

namespace assay::validation {

engine::net::HttpFetcherOptions online_fetcher_options() {
  engine::net::HttpFetcherOptions o;
  o.max_concurrency = 8;
  o.connect_timeout = std::chrono::milliseconds(5'000);
  o.total_timeout = std::chrono::milliseconds(20'000);
  o.low_speed_time = std::chrono::seconds(10);
  o.max_body_bytes = std::size_t{16} << 20;
  o.max_attempts = 2;
  o.backoff_initial = std::chrono::milliseconds(250);
  o.backoff_max = std::chrono::milliseconds(2'000);
  o.retry_after_max = std::chrono::milliseconds(5'000);
  o.user_agent = "assay/" + std::string(engine::assay_version()) + " (+certificate validation)";
  return o;
}

std::string ocsp_get_url(std::string_view responder_url, std::string_view request_der) {
  // RFC 6960 A.1: "{url}/{url-encoding of base-64 encoding of the DER encoding of the
  // OCSPRequest}". Base64 is URL-safe except '+', '/' and '='.
  std::string url(responder_url);
  if (url.empty() || url.back() != '/') url.push_back('/');
  for (const char c : engine::base64_encode(request_der)) {
    switch (c) {
      case '+': url += "%2B"; break;
      case '/': url += "%2F"; break;
      case '=': url += "%3D"; break;
      default: url.push_back(c);
    }
  }
  return url;
}

StoreOnlineSource::StoreOnlineSource(engine::net::Fetcher& fetcher, engine::store::Store* store,
                                     std::function<engine::UtcTime()> now, StoreOnlineSourceOptions options)
    : fetcher_(fetcher), store_(store), now_(std::move(now)), options_(options) {}

std::optional<engine::store::FetchRecord> StoreOnlineSource::last_stored_fetch(const std::string& url) const {
  if (store_ == nullptr) return std::nullopt;
  auto fetches = store_->fetches_for(url);
  if (!fetches) return std::nullopt;
  for (auto& f : *fetches) {  // newest first
    if (f.sha256 && !f.body_pruned && !f.error && store_->has_blob(*f.sha256)) return std::move(f);
  }
  return std::nullopt;
}

engine::net::FetchRequest StoreOnlineSource::to_fetch_request(const OnlineRequest& request) const {
  engine::net::FetchRequest out;
  switch (request.kind) {
    case OnlineKind::kCrl:
      out.url = request.url;
      out.max_body_bytes = options_.max_crl_bytes;
      break;
    case OnlineKind::kOcsp:
      out.url = request.ocsp_request_der.empty() ? request.url : ocsp_get_url(request.url, request.ocsp_request_der);
      out.max_body_bytes = options_.max_ocsp_bytes;
      break;
    case OnlineKind::kCaIssuers:
      out.url = request.url;
      out.max_body_bytes = options_.max_certificate_bytes;
      break;
  }
  // Conditional on what the store already holds: a 304 answers with the stored body. OCSP GET
  // URLs name one request, so a cached response is revalidated the same way.
  if (auto last = last_stored_fetch(out.url)) {
    out.etag = last->etag;
    out.last_modified = last->last_modified;
  }
  return out;
}

// Stores the body and records the fetch; returns the bytes to answer with (the stored body on
// a 304 or, when allowed, after a failure).
engine::Result<std::string> StoreOnlineSource::settle(const engine::net::FetchResult& result) const {
  const engine::UtcTime now = now_ ? now_() : engine::UtcTime{};
  engine::store::FetchRecord record;
  record.url = result.url;
  record.time = now;
  record.http_status = result.http_status;
  record.etag = result.etag;
  record.last_modified = result.last_modified;
  record.duration_ms = result.duration.count();
  engine::Result<std::string> answer = std::string();
  if (result.ok() && !result.not_modified && result.body.empty()) {
    // An empty 200 is a failure, never "no revocation data" (TRUSTED-LISTS.md: empty bodies).
    answer = engine::fail(engine::Code::kMalformed, result.url + ": empty body");
  } else if (result.ok() && !result.not_modified) {
    answer = result.body;
  } else if (result.not_modified) {
    if (auto last = last_stored_fetch(result.url)) {
      auto body = store_->get_blob(*last->sha256, options_.max_crl_bytes);
      if (body) answer = std::move(*body);
      else answer = std::unexpected(std::move(body.error()).with_context(result.url + " (304, stored body)"));
    } else {
      answer = engine::fail(engine::Code::kInternal, result.url + ": 304 without a stored body");
    }
  } else {
    answer = std::unexpected(*result.error);
  }
  if (answer && store_ != nullptr) {
    auto sha = store_->put_blob(*answer, now);
    if (sha) {
      record.sha256 = *sha;
      record.size = static_cast<std::int64_t>(answer->size());
    }
  }
  if (!answer) record.error = answer.error().message();
  if (store_ != nullptr) (void)store_->record_fetch(record);  // a record that cannot be written loses no data
  if (!answer && options_.stale_on_failure && answer.error().code() != engine::Code::kResourceExhausted) {
    // The network failed: answer with the newest stored body; its thisUpdate/nextUpdate tell the
    // checker how stale it is. Oversized answers are not papered over.
    if (auto last = last_stored_fetch(result.url)) {
      if (auto body = store_->get_blob(*last->sha256, options_.max_crl_bytes)) return std::move(*body);
    }
  }
  return answer;
}

std::vector<OnlineResponse> StoreOnlineSource::fetch(std::span<const OnlineRequest> requests) const {
  std::vector<OnlineResponse> out(requests.size());
  std::vector<engine::net::FetchRequest> batch;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    out[i].url = requests[i].url;
    const std::string_view url = requests[i].url;
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
      // CRL DPs also carry ldap:// URLs (RFC 5280 4.2.1.13); we do not speak LDAP.
      out[i].body = engine::fail(engine::Code::kUnsupported, requests[i].url + ": only http and https are fetched");
      continue;
    }
    if (batch.size() >= options_.max_requests) {
      out[i].body = engine::fail(engine::Code::kResourceExhausted,
                                 requests[i].url + ": more than " + std::to_string(options_.max_requests) +
                                     " online requests in one validation");
      continue;
    }
    batch.push_back(to_fetch_request(requests[i]));
    positions.push_back(i);
  }
  if (batch.empty()) return out;
  std::lock_guard lock(mutex_);
  auto results = fetcher_.fetch_all(std::move(batch));
  for (std::size_t k = 0; k < results.size() && k < positions.size(); ++k) {
    out[positions[k]].body = settle(results[k]);
  }
  return out;
}

}  // namespace assay::validation
