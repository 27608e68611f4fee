#include "engine/net/fetcher.h"

#include <utility>

namespace assay::engine::net {

std::string_view fetch_failure_name(FetchFailure failure) noexcept {
  switch (failure) {
    case FetchFailure::kNone: return "none";
    case FetchFailure::kConnect: return "connect";
    case FetchFailure::kTimeout: return "timeout";
    case FetchFailure::kHttpStatus: return "http_status";
    case FetchFailure::kTooLarge: return "too_large";
    case FetchFailure::kTruncated: return "truncated";
    case FetchFailure::kBadEncoding: return "bad_encoding";
    case FetchFailure::kRedirectRefused: return "redirect_refused";
    case FetchFailure::kTooManyRedirects: return "too_many_redirects";
    case FetchFailure::kTls: return "tls";
    case FetchFailure::kCancelled: return "cancelled";
    case FetchFailure::kNotInMirror: return "not_in_mirror";
    case FetchFailure::kIo: return "io";
    case FetchFailure::kOther: return "other";
  }
  return "other";
}

FetchCallback take_on_done(FetchRequest& request, FetchCallback done) {
  if (!request.on_done) return done;
  // The per-request hook runs first, then the caller's callback.
  return [on_done = std::exchange(request.on_done, nullptr), next = std::move(done)](FetchResult r) {
    on_done(r);
    if (next) next(std::move(r));
  };
}

Result<std::string> fetch_body(Fetcher& fetcher, const std::string& url) {
  FetchRequest request;
  request.url = url;
  auto results = fetcher.fetch_all({std::move(request)});
  FetchResult& r = results.at(0);
  if (r.error) return std::unexpected(std::move(*r.error));
  if (r.not_modified) return fail(Code::kInternal, url + ": unexpected 304 without validators");
  return std::move(r.body);
}

}  // namespace assay::engine::net
