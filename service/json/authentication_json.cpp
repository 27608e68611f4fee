#include "service/json/authentication_json.h"

#include "service/json/trusted_list_json.h"

namespace assay::service::json {
namespace {

boost::json::value time_or_null(const std::optional<engine::UtcTime>& t) {
  return t ? boost::json::value(engine::format_utc_time(*t)) : boost::json::value(nullptr);
}

boost::json::array strings(const std::vector<std::string>& v) {
  boost::json::array out;
  for (const auto& s : v) out.push_back(boost::json::string(s));
  return out;
}

}  // namespace

boost::json::object authentication_json(const tsl::Authentication& a) {
  return boost::json::object{{"status", tsl::auth_status_name(a.status)},
                             {"detail", a.detail},
                             {"signer_sha256", a.signer_sha256},
                             {"signer_subject", a.signer_subject},
                             {"signing_time", time_or_null(a.signing_time)},
                             {"findings", findings_json(a.findings)}};
}

boost::json::object pivot_step_json(const tsl::PivotStep& step) {
  return boost::json::object{{"url", step.url},
                             {"sequence", step.sequence},
                             {"sha256", step.sha256},
                             {"signer_sha256", step.signer_sha256},
                             {"verdict", tsl::auth_status_name(step.verdict)},
                             {"detail", step.detail},
                             {"restarted_from_anchors", step.restarted_from_anchors},
                             {"next_signers", strings(step.next_signers)}};
}

boost::json::object federation_json(const tsl::FederationAuthentication& run, engine::UtcTime trust_time) {
  boost::json::object lotl = authentication_json(run.lotl.lotl);
  lotl["url"] = run.lotl_url;
  if (run.lotl_document) {
    const auto& s = run.lotl_document->list->scheme;
    lotl["territory"] = s.territory;
    lotl["sequence"] = s.sequence_number;
    lotl["sha256"] = run.lotl_document->list->sha256;
    lotl["issued"] = time_or_null(s.issue_date_time);
    lotl["next_update"] = time_or_null(s.next_update);
  }
  boost::json::array pivots;
  for (const auto& p : run.lotl.pivots) pivots.push_back(pivot_step_json(p));
  lotl["pivots"] = std::move(pivots);
  lotl["signers"] = strings(run.lotl.final_signer_fingerprints);

  boost::json::array lists;
  for (const auto& l : run.lists) {
    boost::json::object o = authentication_json(l.authentication);
    o["url"] = l.url;
    o["territory"] = l.territory();
    o["sequence"] = l.sequence();
    o["sha256"] = l.sha256();
    if (l.loaded) {
      o["issued"] = time_or_null(l.loaded->list->scheme.issue_date_time);
      o["next_update"] = time_or_null(l.loaded->list->scheme.next_update);
    }
    lists.push_back(std::move(o));
  }
  return boost::json::object{
      {"trust_time", engine::format_utc_time(trust_time)}, {"lotl", std::move(lotl)}, {"lists", std::move(lists)}};
}

}  // namespace assay::service::json
