// GET /api/v1/lists, /api/v1/lists/{territory}, .../versions, .../diff.
#include <cctype>

#include "service/json/json_values.h"
#include "service/http/internal/routes.h"
#include "service/http/metrics.h"
#include "service/json/timeline_json.h"
#include "service/json/trust_state_json.h"
#include "service/json/trusted_list_json.h"
#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/timeline.h"

namespace assay::service::http::internal {

using json::time_or_null;
namespace {

// Territory codes are two letters (ISO 3166-1 alpha-2, "EL" and "UK" included; EU for the LOTL).
std::optional<std::string> territory_code(std::string_view s) {
  if (s.size() != 2 || !std::isalpha(static_cast<unsigned char>(s[0])) || !std::isalpha(static_cast<unsigned char>(s[1]))) {
    return std::nullopt;
  }
  return std::string{static_cast<char>(std::toupper(static_cast<unsigned char>(s[0]))),
                     static_cast<char>(std::toupper(static_cast<unsigned char>(s[1])))};
}

Response bad_territory(const Request& req) {
  return error(req, 400, "bad_territory", "territory must be a two-letter code");
}

}  // namespace

const tsl::SnapshotList* find_list(const tsl::TrustSnapshot& snapshot, std::string_view territory) {
  for (const auto& l : snapshot.lists()) {
    if (l.list().scheme.territory == territory) return &l;
  }
  return nullptr;
}

boost::json::object trust_state_evidence(const TrustSnapshotBundle& bundle) {
  const auto& state = *bundle.state;
  boost::json::array lists;
  for (const auto& l : bundle.snapshot->lists()) {
    lists.push_back({{"territory", l.list().scheme.territory},
                     {"url", l.url},
                     {"sequence", l.list().scheme.sequence_number},
                     {"sha256", l.list().sha256}});
  }
  return {{"lotl",
           {{"url", state.lotl.url}, {"sequence", state.lotl.in_force_sequence()}, {"sha256", state.lotl.in_force_sha256()}}},
          {"lists", std::move(lists)},
          {"trust_time", engine::format_utc_time(state.trust_time)},
          {"refreshed_at", engine::format_utc_time(state.refreshed_at)},
          {"run_id", state.run_id}};
}

Response get_lists(const Request& req, const Context& ctx) {
  // The state is shown even when the LOTL did not authenticate: that is what an operator needs
  // to see. Only "nothing refreshed yet" is a 503.
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  if (!bundle || !bundle->state) return no_snapshot(req);
  auto body = json::trust_state_json(*bundle->state);
  body["snapshot"] = {{"trust_time", engine::format_utc_time(bundle->snapshot->trust_time())},
                      {"lists_in_snapshot", bundle->snapshot->lists().size()},
                      {"services", bundle->snapshot->services().size()},
                      {"certificates", bundle->snapshot->certificate_count()}};
  if (ctx.metrics != nullptr) {
    // Refresh failures are never hidden: the last error stays visible until a refresh succeeds.
    body["refresh"] = {{"runs", ctx.metrics->refresh_runs()},
                       {"failures", ctx.metrics->refresh_failures()},
                       {"last_error", ctx.metrics->last_refresh_error()}};
  }
  return json_response(req, 200, body);
}

Response get_list(const Request& req, const Context& ctx, std::string_view territory_text) {
  auto territory = territory_code(territory_text);
  if (!territory) return bad_territory(req);
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  const auto* l = find_list(*bundle->snapshot, *territory);
  if (l == nullptr) return error(req, 404, "not_found", "no authenticated list in force for territory " + *territory);
  const auto at = ctx.now ? ctx.now() : bundle->state->trust_time;
  boost::json::array tsps;
  const tsl::TrustServiceProvider* current_tsp = nullptr;
  boost::json::array services;
  auto flush = [&] {
    if (current_tsp != nullptr) {
      tsps.push_back({{"name", tsl::preferred(current_tsp->names)}, {"services", std::move(services)}});
      services = {};
    }
  };
  for (const auto& t : l->timelines->services) {
    if (t.tsp != current_tsp) flush(), current_tsp = t.tsp;
    services.push_back(json::service_timeline_json(t, at));
  }
  flush();
  boost::json::object body{{"url", l->url},
                           {"auth_status", l->auth_status},
                           {"version", json::list_version_json(*l->timelines->version)},
                           {"summary", json::list_summary_json(l->list())},
                           {"at", engine::format_utc_time(at)},
                           {"tsps", std::move(tsps)},
                           {"timeline_findings", json::findings_json(l->timelines->findings)},
                           {"trust_state", trust_state_evidence(*bundle)}};
  return json_response(req, 200, body);
}

Response get_list_versions(const Request& req, const Context& ctx, std::string_view territory_text) {
  auto territory = territory_code(territory_text);
  if (!territory) return bad_territory(req);
  if (ctx.store == nullptr) return error(req, 503, "no_store", "the document store is not available");
  auto records = ctx.store->versions_for(engine::store::VersionKey::kTerritory, *territory);
  if (!records) return error(req, 503, "store_unavailable", "the document store could not be read");
  if (records->empty()) return error(req, 404, "not_found", "the store has no version of territory " + *territory);
  boost::json::array versions;
  for (const auto& r : *records) {
    versions.push_back({{"url", r.url},
                        {"sequence", r.sequence ? boost::json::value(*r.sequence) : boost::json::value(nullptr)},
                        {"issued", time_or_null(r.issued)},
                        {"next_update", time_or_null(r.next_update)},
                        {"sha256", r.sha256},
                        {"auth_status", r.auth_status},
                        {"trust_time", time_or_null(r.trust_time)},
                        {"recorded_at", engine::format_utc_time(r.recorded_at)}});
  }
  return json_response(req, 200, {{"territory", *territory}, {"versions", std::move(versions)}});
}

Response get_list_diff(const Request& req, const Context& ctx, const Target& target, std::string_view territory_text) {
  auto territory = territory_code(territory_text);
  if (!territory) return bad_territory(req);
  const auto from_text = target.param("from"), to_text = target.param("to");
  if (!from_text || !to_text) return error(req, 400, "missing_parameter", "diff needs ?from=SEQUENCE&to=SEQUENCE");
  const auto from = parse_u64(*from_text), to = parse_u64(*to_text);
  if (!from || !to) return error(req, 400, "bad_parameter", "from and to must be sequence numbers");
  if (ctx.store == nullptr) return error(req, 503, "no_store", "the document store is not available");
  const std::uint64_t sequences[] = {*from, *to};
  auto loaded = tsl::load_versions_from_store(*ctx.store, *territory, sequences);
  if (!loaded) {
    if (loaded.error().code() == engine::Code::kNotFound) {
      return error(req, 404, "not_found", "the store has no version of territory " + *territory);
    }
    return error(req, 503, "store_unavailable", "a stored version could not be read");
  }
  // Several documents may share a sequence (e.g. a regression): the newest recorded trusted one.
  auto older = tsl::trusted_version_with_sequence(*loaded, *territory, *from);
  auto newer = tsl::trusted_version_with_sequence(*loaded, *territory, *to);
  for (const auto* picked : {&older, &newer}) {
    if (*picked) continue;
    if (picked->error().code() == engine::Code::kNotFound) return error(req, 404, "not_found", picked->error().message());
    return error(req, 409, "unauthenticated_version", picked->error().message());
  }
  const auto diff = tsl::diff_lists(*tsl::build_timelines(*older), *tsl::build_timelines(*newer));
  return json_response(req, 200, json::list_diff_json(diff));
}

}  // namespace assay::service::http::internal
