// JSON views of authentication results (lists verify, refresh, the HTTP API).
#pragma once

#include <boost/json.hpp>

#include "tsl/federation_authentication.h"

namespace assay::service::json {

// {status, detail, signer_sha256, signer_subject, signing_time, findings}
boost::json::object authentication_json(const tsl::Authentication& a);

// {url, sequence, sha256, signer_sha256, verdict, detail, restarted_from_anchors, next_signers}
boost::json::object pivot_step_json(const tsl::PivotStep& step);

}  // namespace assay::service::json
