// JSON view of a certificate validation report (validation/certificate_validator.h), shared by
// `assay certificates validate --json`, `assay qualify` and POST /api/v1/certificates/validation.
// Shape (docs/certificate-validation.md):
// {indication, subindication (null when passed), validation_time,
//  path: [{sha256, subject, issuer, serial, not_before, not_after,
//          revocation: {status, source, sha256, this_update, next_update, produced_at,
//                       revocation_time, reason, findings}}],
//  anchor: {sha256, subject, source: "explicit"|"trusted_list",
//           list: {territory, sequence, sha256}, service: {provider, name, type, status,
//           status_start, status_end}} | null,
//  revocation_time, out_of_bounds_time, crypto_expiry,
//  paths_tried: [{certificates, anchor, rejected_by, reason}],
//  findings: [{id, severity, message, path}]}
#pragma once

#include <boost/json.hpp>

#include "validation/certificate_validator.h"

namespace assay::service::json {

// The whole report. Thread-safe (reads only); never throws beyond allocation failure.
boost::json::object certificate_validation_json(const validation::CertificateValidationReport& report);

// {status, source, sha256, this_update, next_update, produced_at, revocation_time, reason, findings}
boost::json::object revocation_evidence_json(const validation::RevocationEvidence& evidence);

// {sha256, subject, source, list?, service?}
boost::json::object trust_anchor_json(const validation::TrustAnchor& anchor);

}  // namespace assay::service::json
