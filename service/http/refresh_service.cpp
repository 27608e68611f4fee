#include "service/http/refresh_service.h"

namespace assay::service::http {

RefreshService::RefreshService(tsl::Refresher& refresher, SnapshotHolder& holder, Metrics* metrics,
                               RefreshServiceOptions options)
    : refresher_(refresher), holder_(holder), metrics_(metrics), options_(std::move(options)) {}

RefreshService::~RefreshService() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
}

void RefreshService::start() { thread_ = std::thread([this] { loop(); }); }

bool RefreshService::trigger() {
  {
    std::lock_guard lock(mutex_);
    if (pending_) return false;
    pending_ = true;
  }
  wake_.notify_all();
  return true;
}

bool RefreshService::stop(std::chrono::milliseconds wait) {
  if (!thread_.joinable()) return true;
  std::unique_lock lock(mutex_);
  stop_ = true;
  wake_.notify_all();
  const bool done = wake_.wait_for(lock, wait, [this] { return finished_; });
  lock.unlock();
  if (done) thread_.join();
  else thread_.detach();
  return done;
}

void RefreshService::run_once() {
  const auto wall = options_.wall_clock ? options_.wall_clock() : engine::system_now();
  auto opts = options_.refresh;
  if (options_.trust_time) opts.trust_time = options_.trust_time();
  auto state = refresher_.refresh(opts);
  const auto finished = options_.wall_clock ? options_.wall_clock() : engine::system_now();
  if (!state) {
    if (metrics_ != nullptr) metrics_->record_refresh(false, finished, state.error().message());
    if (options_.log) options_.log("refresh failed: " + state.error().message() + " (the previous trust state stays in force)");
    return;
  }
  const auto previous = holder_.current();
  auto bundle = make_bundle(*state, previous.get());
  const auto& s = *bundle->state;
  std::size_t in_force = 0;
  for (const auto& l : s.lists) in_force += (l.in_force && l.in_force_authentication.authenticated()) ? 1 : 0;
  const bool ok = s.lotl_authenticated();
  const std::string summary = std::string(ok ? "LOTL authenticated" : "LOTL NOT authenticated") + " (sequence " +
                              std::to_string(s.lotl.in_force_sequence()) + "), " + std::to_string(in_force) + "/" +
                              std::to_string(s.lists.size()) + " lists in force, " +
                              std::to_string(bundle->snapshot->services().size()) + " services";
  holder_.publish(std::move(bundle));
  if (metrics_ != nullptr) {
    metrics_->record_refresh(ok, finished, ok ? std::string() : "LOTL not authenticated: " +
                                                                  (s.lotl.reason.empty() ? s.lotl.in_force_authentication.detail : s.lotl.reason));
  }
  if (options_.log) {
    options_.log("refresh " + std::to_string(s.run_id) + " in " +
                 std::to_string(std::chrono::duration_cast<std::chrono::seconds>(finished - wall).count()) + " s: " + summary);
  }
}

std::chrono::system_clock::time_point RefreshService::next_run_after(engine::UtcTime finished) const {
  auto next = finished + options_.interval;
  // The earliest NextUpdate still ahead (on the wall clock) brings the next run forward, but not
  // sooner than min_pause: a list whose NextUpdate passed without a new version must not make
  // the loop spin.
  if (auto bundle = holder_.current(); bundle && bundle->state) {
    for (const auto& l : bundle->state->lists) {
      if (!l.in_force || !l.in_force->list->scheme.next_update) continue;
      const auto nu = *l.in_force->list->scheme.next_update;
      if (nu > finished && nu < next) next = nu;
    }
  }
  return std::max(next, finished + options_.min_pause);
}

void RefreshService::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stop_) break;
      if (!pending_) {
        const auto now = options_.wall_clock ? options_.wall_clock() : engine::system_now();
        const auto when = next_run_after(now);
        // Real-time wait: the deadline is a wall-clock instant (NextUpdate).
        wake_.wait_until(lock, when, [this] { return pending_ || stop_; });
        if (stop_) break;
      }
      pending_ = false;
    }
    run_once();
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
  wake_.notify_all();
}

}  // namespace assay::service::http
