// Document-level time-stamps (EN 319 102-1 5.4 applied to a time-stamp that is not part of any
// signature): an ASiC-S time-stamp token over the data object (EN 319 162-1 4.3.3.1), an
// ASiCManifest / ASiCArchiveManifest time-stamp (4.4.3, A.6), a PAdES document time-stamp
// (EN 319 142-1 5.4). The format reader says what the token's imprint covers; this validates the
// token against those bytes with the configured time-stamp validator (validate_timestamp) and
// folds in what the reader checked itself (a manifest's DataObjectReference digests).
//
// The seam between the format readers that find such tokens (validation/asic, PAdES) and
// DocumentValidationReport::timestamps (signature_report.h). Never throws.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.h"
#include "validation/signature/signature_input.h"
#include "validation/signature/signature_report.h"
#include "validation/signature/signature_validator.h"

namespace assay::validation {

// Stable finding ids of document time-stamps (reports, golden files: add, never rename).
namespace document_timestamp_finding {
// A file the time-stamped manifest lists changed after time-stamping (FAILED / HASH_FAILURE).
inline constexpr std::string_view kCoveredDataChanged = "document_timestamp.covered_data.changed";
// A file the time-stamped manifest lists is missing (INDETERMINATE / SIGNED_DATA_NOT_FOUND).
inline constexpr std::string_view kCoveredDataMissing = "document_timestamp.covered_data.missing";
// The reader found a format error around the token (FORMAT_FAILURE when nothing worse).
inline constexpr std::string_view kFormat = "document_timestamp.format";
// No time-stamp validator is configured (INDETERMINATE / NO_POE).
inline constexpr std::string_view kNotValidated = "document_timestamp.not_validated";
}  // namespace document_timestamp_finding

// One document time-stamp as a reader hands it over.
struct DocumentTimestampUnderValidation {
  std::string id;              // member name ("META-INF/timestamp.tst"), or the PDF field name
  std::string kind;            // "asic-timestamp", "asic-archive-manifest", "pdf-document-timestamp"
  std::string token_der;       // the RFC 3161 TimeStampToken, DER
  std::string covered_bytes;   // the message imprint input (a data file, a manifest's bytes, ...)
  std::vector<ScopeEntry> scope;  // what the imprint stands for, one entry per covered file
  // Covered objects the reader checked itself, by name, that no longer match their digest (the
  // time-stamp then proves nothing for them) or are missing.
  std::vector<std::string> changed;
  std::vector<std::string> missing;
  // The reader's findings (container rules, unreadable manifest, ...). Any kError is a format
  // failure of the time-stamp.
  engine::Findings findings;
  std::vector<engine::CertificatePtr> certificates;  // extra candidates for the TSA's path
};

// Validates the token at its genTime (TSA path, ESSCertID, signature, crypto constraints,
// qualification) against `covered_bytes`, then: a changed covered object → FAILED / HASH_FAILURE;
// a missing one → INDETERMINATE / SIGNED_DATA_NOT_FOUND; a reader error → INDETERMINATE /
// FORMAT_FAILURE; each unless the token's own validation already failed harder.
DocumentTimestampResult validate_document_timestamp(const DocumentTimestampUnderValidation& timestamp,
                                                    const SignatureValidationContext& context);

// True when every document time-stamp is PASSED (also for none).
bool all_document_timestamps_passed(const DocumentValidationReport& report);

}  // namespace assay::validation
