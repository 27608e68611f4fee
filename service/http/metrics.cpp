#include "service/http/metrics.h"

#include <cstdio>
#include <tuple>

#include "service/http/context.h"

namespace assay::service::http {
namespace {

// Prometheus label values escape backslash, double quote and newline.
std::string label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

double epoch_seconds(engine::UtcTime t) { return static_cast<double>(t.time_since_epoch().count()); }

}  // namespace

void Metrics::record_request(const std::string& route, const std::string& method, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::record_refresh(bool ok, engine::UtcTime at, const std::string& message) {
  std::lock_guard lock(mutex_);
  ++refresh_runs_;
  last_refresh_attempt_ = at;
  if (ok) {
    last_refresh_success_ = at;
    last_refresh_error_.clear();  // the failure count stays; the message describes the current state
  } else {
    ++refresh_failures_;
    last_refresh_error_ = message;
  }
}

std::uint64_t Metrics::refresh_runs() const {
  std::lock_guard lock(mutex_);
  return refresh_runs_;
}
std::uint64_t Metrics::refresh_failures() const {
  std::lock_guard lock(mutex_);
  return refresh_failures_;
}
std::string Metrics::last_refresh_error() const {
  std::lock_guard lock(mutex_);
  return last_refresh_error_;
}

std::string Metrics::render(const TrustSnapshotBundle* bundle, engine::UtcTime now) const {
  std::string out;
  out.reserve(8192);
  auto line = [&out](const std::string& s) { out += s, out += '\n'; };
  {
    std::lock_guard lock(mutex_);
    line("# HELP assay_refresh_runs_total Refresh runs since start.");
    line("# TYPE assay_refresh_runs_total counter");
    line("assay_refresh_runs_total " + std::to_string(refresh_runs_));
    line("# HELP assay_refresh_failures_total Refresh runs that failed or left the LOTL unauthenticated.");
    line("# TYPE assay_refresh_failures_total counter");
    line("assay_refresh_failures_total " + std::to_string(refresh_failures_));
    line("# HELP assay_refresh_last_success_timestamp_seconds End of the last successful refresh (0: none).");
    line("# TYPE assay_refresh_last_success_timestamp_seconds gauge");
    line("assay_refresh_last_success_timestamp_seconds " +
         number(last_refresh_success_ ? epoch_seconds(*last_refresh_success_) : 0));
  }

  if (bundle != nullptr && bundle->state) {
    const auto& state = *bundle->state;
    line("# HELP assay_lotl_authenticated 1 when the LOTL in force is authenticated.");
    line("# TYPE assay_lotl_authenticated gauge");
    line("assay_lotl_authenticated{url=\"" + label(state.lotl.url) + "\"} " + (state.lotl_authenticated() ? "1" : "0"));
    // Prometheus wants each family's samples in one group: one pass over the lists per family.
    auto family = [&](const char* name, const char* type_help, auto value) {
      line(std::string("# HELP ") + name + " " + type_help);
      line(std::string("# TYPE ") + name + " gauge");
      for (const auto& l : state.lists) {
        line(std::string(name) + "{territory=\"" + label(l.territory) + "\",url=\"" + label(l.url) + "\"" + value(l));
      }
    };
    family("assay_list_sequence", "Sequence number of the list version in force (0: none).",
           [](const tsl::ListState& l) { return "} " + std::to_string(l.in_force_sequence()); });
    family("assay_list_next_update_timestamp_seconds", "NextUpdate of the version in force (0: none or closed).",
           [](const tsl::ListState& l) {
             const auto next = l.in_force ? l.in_force->list->scheme.next_update : std::nullopt;
             return "} " + number(next ? epoch_seconds(*next) : 0);
           });
    family("assay_list_seconds_since_last_good",
           "Seconds since a refresh last fetched or confirmed the version in force (-1: never).",
           [&](const tsl::ListState& l) {
             auto good = bundle->last_good.find(l.url);
             return "} " + number(good == bundle->last_good.end() ? -1.0
                                                                  : epoch_seconds(now) - epoch_seconds(good->second));
           });
    family("assay_list_status", "1 for the list's status (authenticated, missing, signature_invalid, ...).",
           [](const tsl::ListState& l) {
             const std::string_view status =
                 l.in_force ? tsl::auth_status_name(l.in_force_authentication.status) : std::string_view("missing");
             return ",status=\"" + label(status) + "\"} 1";
           });
    family("assay_list_stale", "1 while refreshes fail and an older version stays in force.",
           [](const tsl::ListState& l) { return std::string("} ") + (l.stale_since ? "1" : "0"); });
  }

  std::lock_guard lock(mutex_);
  line("# HELP assay_http_requests_total HTTP requests by route pattern, method and status.");
  line("# TYPE assay_http_requests_total counter");
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    line("assay_http_requests_total{route=\"" + label(route) + "\",method=\"" + label(method) + "\",code=\"" +
         std::to_string(status) + "\"} " + std::to_string(count));
  }
  line("# HELP assay_http_request_duration_seconds Time from a complete request to its response, by route pattern.");
  line("# TYPE assay_http_request_duration_seconds histogram");
  for (const auto& [route, h] : latency_) {
    const std::string r = label(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      line("assay_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" + number(kBuckets[i]) + "\"} " +
           std::to_string(h.buckets[i]));
    }
    line("assay_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " + std::to_string(h.count));
    line("assay_http_request_duration_seconds_sum{route=\"" + r + "\"} " + number(h.sum));
    line("assay_http_request_duration_seconds_count{route=\"" + r + "\"} " + std::to_string(h.count));
  }
  return out;
}

}  // namespace assay::service::http
