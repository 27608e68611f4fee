// JSON view of signature validation (validation/signature/signature_report.h), for
// `assay validate --json` and POST /api/v1/signatures/validation. Shape (issue 15, 5(b)):
// {signatures: [{id, format, level, indication, subindication (null when passed), signing_time,
//                best_signature_time, signed_by, qualification, scope: [{name, kind, description,
//                sha256}], errors: [{id, message}], warnings: [{id, message}],
//                timestamps: [{id, kind, indication, subindication, gen_time, qualified, used_as_poe,
//                              sha256}], counter_signatures: [same]}],
//  signatures_count, valid_signatures_count,
//  timestamps: [{id, kind, indication, subindication, gen_time, qualified, produced_by, sha256,
//                scope: [same as above], findings: [{id, severity, message, path}],
//                detailed?: {token_sha256, policy, serial, imprint_algorithm, imprint_matches,
//                            signature_valid, tsa, tsa_validation, qualification_evidence,
//                            findings}}]   (document-level time-stamps: ASiC, PAdES),
//  timestamps_count, valid_timestamps_count, container ("ASiC-S" | "ASiC-E" | null),
//  findings: [document-level findings: container rules, uncovered files], validation_time, policy,
//  detailed?: [{id, blocks: [{name, indication, subindication, proof_of_existence,
//                             constraints: [{id, status, message}]}], processes: [same],
//               certificate: <certificate_validation_json> | null, past_certificate: ... | null,
//               timestamps: [{id, kind, token_sha256, policy, serial, tsa, findings}],
//               qualification: {label, enum, uri, at_issuance, at_best_signature_time,
//                               combined, evidence, reasons}, counter_signatures: [same]}]}
// A document without a signature is {signatures: [], signatures_count: 0, ...}.
#pragma once

#include <boost/json.hpp>

#include "validation/signature/signature_report.h"

namespace assay::service::json {

// The simple view, plus the detailed part when `detailed`. Reads only; thread-safe.
boost::json::object signature_validation_json(const validation::DocumentValidationReport& report, bool detailed);

// One signature, simple view.
boost::json::object signature_summary_json(const validation::SignatureValidationReport& report);
// One signature, detailed view.
boost::json::object signature_detail_json(const validation::SignatureValidationReport& report);

// "content", "signature", "validation_data", "archive", "document".
std::string_view timestamp_kind_name(validation::EmbeddedTimestamp::Kind kind) noexcept;
// "XAdES", "CAdES", "JAdES", "PAdES".
std::string_view signature_format_name(validation::SignatureFormat format) noexcept;

}  // namespace assay::service::json
