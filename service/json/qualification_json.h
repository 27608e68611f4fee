// JSON view of a qualification answer (tsl/qualification), shared by `assay qualify --json` and
// the HTTP API. The shape is documented in docs/qualification.md:
// {certificate, chain, at_issuance, at_time, result, combination, evidence, reasons, trust_state}.
#pragma once

#include <boost/json.hpp>

#include "tsl/qualification/qualification.h"

namespace assay::service::json {

// The whole answer. `result` must come from tsl::qualify over a snapshot that is still alive.
// Never throws beyond allocation failure; thread-safe (reads only).
boost::json::object qualification_json(const tsl::QualificationResult& result);

// {subject, issuer, serial, sha256, not_before, not_after, post_eidas, qc_statements, policies,
//  key_usage, extended_key_usage, ski, aki, findings}
boost::json::object certificate_summary_json(const engine::Certificate& certificate);

// {at, qc, type, qscd, label, rules: {qc, type, qscd}, conflict, conflicting, states: [...], reasons}
boost::json::object instant_json(const tsl::QualificationResult& result, const tsl::InstantResult& instant);

// {qualified, at, rule, candidates, states, reasons, evidence}
boost::json::object timestamp_qualification_json(const tsl::TimestampQualification& result);

}  // namespace assay::service::json
