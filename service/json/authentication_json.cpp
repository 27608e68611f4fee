#include "service/json/json_values.h"
#include "service/json/authentication_json.h"

#include "service/json/trusted_list_json.h"

namespace assay::service::json {
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
                             {"next_signers", string_array(step.next_signers)}};
}

}  // namespace assay::service::json
