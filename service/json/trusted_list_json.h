// JSON views of trusted-list models, shared by the CLI and the HTTP API.
#pragma once

#include <boost/json.hpp>

#include "engine/finding.h"
#include "tsl/trusted_list.h"

namespace assay::service::json {

// [{id, severity, message, path}]
boost::json::array findings_json(const engine::Findings& findings);

// The summary of one list: sha256, territory, type, version, sequence, issued, next_update (null
// when closed), tsps, services, history_instances, pointers, findings.
boost::json::object list_summary_json(const tsl::TrustedList& list);

}  // namespace assay::service::json
