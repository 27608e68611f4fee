#include "engine/store/store_fetcher.h"

namespace assay::engine::store {

net::FetchResult StoreFetcher::fetch_one(const net::FetchRequest& request) const {
  net::FetchResult r;
  r.url = request.url;
  r.final_url = request.url;
  r.attempts = 1;
  auto in_force = store_.in_force(request.url);
  if (!in_force) {
    r.error = in_force.error();
    r.failure = net::FetchFailure::kIo;
    return r;
  }
  if (!in_force->has_value()) {
    r.error = Error(Code::kNotFound, "no version in force in the store for " + request.url);
    r.failure = net::FetchFailure::kNotInMirror;
    return r;
  }
  const std::string etag = "\"" + (*in_force)->sha256 + "\"";
  r.etag = etag;
  if (request.etag && *request.etag == etag) {
    r.http_status = 304;
    r.not_modified = true;
    return r;
  }
  auto body = store_.get_blob((*in_force)->sha256, request.max_body_bytes.value_or(std::size_t{1} << 30));
  if (!body) {
    r.error = body.error();
    r.failure = net::FetchFailure::kIo;
    return r;
  }
  r.http_status = 200;
  r.body = std::move(*body);
  return r;
}

void StoreFetcher::fetch(net::FetchRequest request, net::FetchCallback done) {
  done = net::take_on_done(request, std::move(done));
  if (done) done(fetch_one(request));
}

std::vector<net::FetchResult> StoreFetcher::fetch_all(std::vector<net::FetchRequest> requests) {
  std::vector<net::FetchResult> out;
  out.reserve(requests.size());
  for (auto& r : requests) {
    out.push_back(fetch_one(r));
    if (r.on_done) r.on_done(out.back());
  }
  return out;
}

}  // namespace assay::engine::store
