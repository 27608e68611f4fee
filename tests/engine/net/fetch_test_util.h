// Shared helpers for the engine/net tests: short timeouts so every test ends in seconds.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/net/http_fetcher.h"
#include "tests/engine/support/test_http_server.h"

namespace assay::engine::net::testutil {

using namespace std::chrono_literals;

inline HttpFetcherOptions fast_options() {
  HttpFetcherOptions o;
  o.connect_timeout = 2000ms;
  o.total_timeout = 5000ms;
  o.low_speed_time = std::chrono::seconds(5);
  o.max_attempts = 3;
  o.backoff_initial = 10ms;
  o.backoff_max = 40ms;
  o.retry_after_max = 1500ms;
  o.random_seed = 42;
  return o;
}

inline FetchResult fetch_one(const HttpFetcherOptions& options, FetchRequest request) {
  HttpFetcher fetcher(options);
  std::vector<FetchRequest> batch;
  batch.push_back(std::move(request));
  return std::move(fetcher.fetch_all(std::move(batch)).front());
}

inline FetchResult fetch_one(const HttpFetcherOptions& options, const std::string& url) {
  FetchRequest r;
  r.url = url;
  return fetch_one(options, std::move(r));
}

// Writes the test server's certificate to a file usable as a CA bundle.
inline std::string write_test_ca() {
  const auto path = std::filesystem::temp_directory_path() /
                    ("assay-test-ca-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(path) << assay::testing::TestHttpServer::certificate_pem();
  return path.string();
}

}  // namespace assay::engine::net::testutil
