// A Fetcher that answers from the store: the version in force for each URL. Used by
// `refresh --offline` so that the same refresh code re-derives trust from what is on disk.
#pragma once

#include "engine/net/fetcher.h"
#include "engine/store/store.h"

namespace assay::engine::store {

// Serves the in-force body of every URL that has one (HTTP-like status 200, ETag "<sha256>");
// other URLs fail with kNotFound. Synchronous; safe to call from several threads (the store is).
class StoreFetcher final : public net::Fetcher {
 public:
  explicit StoreFetcher(const Store& store) : store_(store) {}

  void fetch(net::FetchRequest request, net::FetchCallback done) override;
  std::vector<net::FetchResult> fetch_all(std::vector<net::FetchRequest> requests) override;
  void cancel_all() override {}

 private:
  net::FetchResult fetch_one(const net::FetchRequest& request) const;
  const Store& store_;
};

}  // namespace assay::engine::store
