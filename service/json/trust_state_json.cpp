#include "service/json/json_values.h"
#include "service/json/trust_state_json.h"

#include "service/json/authentication_json.h"
#include "service/json/trusted_list_json.h"

namespace assay::service::json {
boost::json::object list_state_json(const tsl::ListState& l) {
  boost::json::object o;
  o["url"] = l.url;
  o["territory"] = l.territory;
  o["sequence"] = l.in_force_sequence();
  o["sha256"] = l.in_force_sha256();
  o["status"] = l.in_force ? tsl::auth_status_name(l.in_force_authentication.status) : std::string_view("missing");
  o["outcome"] = tsl::refresh_outcome_name(l.outcome);
  o["attempt_status"] = tsl::auth_status_name(l.attempt_status);
  o["reason"] = l.reason;
  o["in_force_since"] = time_or_null(l.in_force_since);
  o["stale_since"] = time_or_null(l.stale_since);
  if (l.in_force) {
    o["issued"] = time_or_null(l.in_force->list->scheme.issue_date_time);
    o["next_update"] = time_or_null(l.in_force->list->scheme.next_update);
  }
  o["signer_sha256"] = l.in_force_authentication.signer_sha256;
  o["detail"] = l.in_force_authentication.detail;
  engine::Findings all = l.in_force_authentication.findings;
  all.insert(all.end(), l.findings.begin(), l.findings.end());
  o["findings"] = findings_json(all);
  return o;
}

boost::json::object trust_state_json(const tsl::TrustState& state) {
  boost::json::object lotl = list_state_json(state.lotl);
  boost::json::array pivots;
  for (const auto& p : state.pivots) pivots.push_back(pivot_step_json(p));
  lotl["pivots"] = std::move(pivots);
  lotl["signers"] = string_array(state.lotl_signers);

  boost::json::array lists;
  std::size_t authenticated = 0, stale = 0, missing = 0;
  for (const auto& l : state.lists) {
    lists.push_back(list_state_json(l));
    if (l.in_force && l.in_force_authentication.authenticated()) ++authenticated;
    if (l.stale_since) ++stale;
    if (!l.in_force) ++missing;
  }
  return boost::json::object{
      {"trust_time", engine::format_utc_time(state.trust_time)},
      {"refreshed_at", engine::format_utc_time(state.refreshed_at)},
      {"run_id", state.run_id},
      {"lotl", std::move(lotl)},
      {"lists", std::move(lists)},
      {"summary",
       {{"lists", state.lists.size()}, {"authenticated", authenticated}, {"stale", stale}, {"missing", missing}}}};
}

}  // namespace assay::service::json
