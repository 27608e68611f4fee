// Background refresh for the server: refreshes at start-up, then every `interval` and at the
// earliest upcoming NextUpdate of the lists in force, and whenever trigger() is called. Each
// successful run publishes a new bundle (TrustState + TrustSnapshot) atomically; a failed run
// keeps the previous bundle, counts the failure in Metrics and reports it through `log`.
// Requests never wait for a refresh.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "service/http/context.h"
#include "service/http/metrics.h"
#include "tsl/refresh.h"

namespace assay::service::http {

struct RefreshServiceOptions {
  tsl::RefreshOptions refresh;  // trust_time is replaced by `trust_time()` on every run
  // The trust time of each run: the pinned --trust-time, or the wall clock.
  std::function<engine::UtcTime()> trust_time;
  // The wall clock used for scheduling (and recorded refresh times).
  std::function<engine::UtcTime()> wall_clock;
  std::chrono::seconds interval{3600};
  std::chrono::seconds min_pause{60};  // never run again sooner than this after a run, unless triggered
  std::function<void(const std::string&)> log;  // one line per run (may be null)
};

class RefreshService {
 public:
  // `refresher`, `holder` and `metrics` (may be null) must outlive the service.
  RefreshService(tsl::Refresher& refresher, SnapshotHolder& holder, Metrics* metrics, RefreshServiceOptions options);
  ~RefreshService();  // stop(no wait) + join
  RefreshService(const RefreshService&) = delete;
  RefreshService& operator=(const RefreshService&) = delete;

  // Starts the worker thread; the first refresh begins at once.
  void start();
  // Asks for a refresh as soon as the current one (if any) is done. False when one is already
  // pending. Thread-safe.
  bool trigger();
  // Runs one refresh on the calling thread (tests; also what the worker calls).
  void run_once();
  // Stops the worker: returns true when it finished within `wait` (a running refresh cannot be
  // interrupted); false when it is still running (the thread is then detached; the caller must
  // end the process without destroying what the refresh uses).
  bool stop(std::chrono::milliseconds wait);

 private:
  void loop();
  std::chrono::system_clock::time_point next_run_after(engine::UtcTime finished) const;

  tsl::Refresher& refresher_;
  SnapshotHolder& holder_;
  Metrics* metrics_;
  RefreshServiceOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = true;
  bool stop_ = false;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace assay::service::http
