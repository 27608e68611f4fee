// Request and refresh metrics in Prometheus text exposition format (version 0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "engine/time.h"

namespace assay::service::http {

struct TrustSnapshotBundle;

// Counters and latency histograms. Every method is thread-safe (one short mutex per update).
class Metrics {
 public:
  // Latency histogram bucket upper bounds in seconds (plus +Inf).
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  // One finished request: `route` is the route pattern ("/api/v1/lists/{territory}"), never the
  // raw path, so the label set stays bounded.
  void record_request(const std::string& route, const std::string& method, unsigned status, double seconds);
  // One refresh run; `ok` false when the refresh returned an error or the LOTL did not
  // authenticate. `message` is the reason of the failure; it stays visible (last_refresh_error)
  // until a refresh succeeds.
  void record_refresh(bool ok, engine::UtcTime at, const std::string& message);

  std::uint64_t refresh_runs() const;
  std::uint64_t refresh_failures() const;
  std::string last_refresh_error() const;

  // The exposition text: refresh counters, per-list gauges of `bundle` (may be null) relative to
  // `now`, request counters and histograms.
  std::string render(const TrustSnapshotBundle* bundle, engine::UtcTime now) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                           // per route
  std::uint64_t refresh_runs_ = 0;
  std::uint64_t refresh_failures_ = 0;
  std::optional<engine::UtcTime> last_refresh_success_;
  std::optional<engine::UtcTime> last_refresh_attempt_;
  std::string last_refresh_error_;
};

}  // namespace assay::service::http
