// JSON view of a refresh result / the trust state in force (CLI refresh, lists, HTTP API).
#pragma once

#include <boost/json.hpp>

#include "tsl/refresh.h"

namespace assay::service::json {

// {url, territory, sequence, sha256, status, outcome, reason, in_force_since, stale_since,
//  issued, next_update, signer_sha256, detail, findings}
boost::json::object list_state_json(const tsl::ListState& list);

// {"trust_time", "refreshed_at", "run_id", "lotl": {...list_state..., "pivots": [...], "signers": [...]},
//  "lists": [...], "summary": {lists, authenticated, stale, missing, rejected}}
boost::json::object trust_state_json(const tsl::TrustState& state);

}  // namespace assay::service::json
