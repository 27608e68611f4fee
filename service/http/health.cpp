// GET /ready: trust-aware readiness. Ready means: an authenticated snapshot exists, its LOTL is
// authenticated, and at least `readiness_min_fraction` of the lists the LOTL points to have an
// authenticated version in force (an expired one counts, flagged). The body always names every
// list that is missing, rejected, stale or expired, with the reason, ready or not.
#include <cmath>

#include "service/http/internal/routes.h"
#include "service/http/metrics.h"

namespace assay::service::http::internal {
namespace {

boost::json::object problem(const tsl::ListState& l, std::string_view kind, std::string reason) {
  return {{"territory", l.territory}, {"url", l.url}, {"problem", kind}, {"reason", std::move(reason)}};
}

void list_problems(const tsl::ListState& l, engine::UtcTime now, boost::json::array& out) {
  if (!l.in_force) {
    out.push_back(problem(l, "missing", l.reason.empty() ? "no version was ever authenticated" : l.reason));
    return;
  }
  if (!l.in_force_authentication.authenticated()) {
    out.push_back(problem(l, "rejected",
                          "version in force no longer authenticates (" +
                              std::string(tsl::auth_status_name(l.in_force_authentication.status)) +
                              "): " + l.in_force_authentication.detail));
  } else if (l.outcome == tsl::RefreshOutcome::kKeptPrevious) {
    out.push_back(problem(l, "rejected",
                          "latest attempt " + std::string(tsl::auth_status_name(l.attempt_status)) +
                              " (previous version kept): " + l.reason));
  }
  if (l.stale_since) {
    out.push_back(problem(l, "stale", "refreshes failing since " + engine::format_utc_time(*l.stale_since) +
                                          (l.reason.empty() ? std::string() : ": " + l.reason)));
  }
  const auto& next = l.in_force->list->scheme.next_update;
  if (next && *next < now) {
    out.push_back(problem(l, "expired", "NextUpdate " + engine::format_utc_time(*next) + " has passed"));
  }
}

}  // namespace

Response get_ready(const Request& req, const Context& ctx) {
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  boost::json::object body;
  if (ctx.metrics != nullptr) {
    body["refresh"] = {{"runs", ctx.metrics->refresh_runs()},
                       {"failures", ctx.metrics->refresh_failures()},
                       {"last_error", ctx.metrics->last_refresh_error()}};
  }
  if (!bundle || !bundle->state) {
    body["ready"] = false;
    body["reason"] = "no trust snapshot yet: the first refresh has not finished";
    auto res = json_response(req, 503, body);
    res.set(beast_http::field::retry_after, "5");
    return res;
  }
  const auto& state = *bundle->state;
  const auto now = ctx.now ? ctx.now() : state.trust_time;
  boost::json::array problems;
  std::size_t in_force = 0;
  for (const auto& l : state.lists) {
    if (l.in_force && l.in_force_authentication.authenticated()) ++in_force;
    list_problems(l, now, problems);
  }
  const std::size_t expected = state.lists.size();
  const auto required = static_cast<std::size_t>(std::ceil(ctx.readiness_min_fraction * static_cast<double>(expected) - 1e-9));
  body["lotl"] = {{"url", state.lotl.url},
                  {"authenticated", state.lotl_authenticated()},
                  {"sequence", state.lotl.in_force_sequence()},
                  {"sha256", state.lotl.in_force_sha256()},
                  {"status", state.lotl.in_force ? tsl::auth_status_name(state.lotl.in_force_authentication.status)
                                                 : std::string_view("missing")},
                  {"reason", state.lotl.in_force ? state.lotl.in_force_authentication.detail : state.lotl.reason}};
  body["lists_expected"] = expected;
  body["lists_in_force"] = in_force;
  body["lists_required"] = required;
  body["min_fraction"] = ctx.readiness_min_fraction;
  body["trust_time"] = engine::format_utc_time(state.trust_time);
  body["refreshed_at"] = engine::format_utc_time(state.refreshed_at);
  body["checked_at"] = engine::format_utc_time(now);
  body["problems"] = std::move(problems);
  std::string reason;
  if (!state.lotl_authenticated()) {
    reason = "the LOTL is not authenticated: " +
             (state.lotl.reason.empty() ? state.lotl.in_force_authentication.detail : state.lotl.reason);
  } else if (in_force < required) {
    reason = std::to_string(in_force) + " of " + std::to_string(expected) + " lists in force; at least " +
             std::to_string(required) + " required";
  }
  body["ready"] = reason.empty();
  body["reason"] = reason.empty() ? std::string("ready") : reason;
  return json_response(req, reason.empty() ? 200 : 503, body);
}

}  // namespace assay::service::http::internal
