// Document-level time-stamps: the token validated by the context's time-stamp validator, then
// what the reader found about the data the imprint stands for.
#include "validation/signature/document_timestamp.h"

#include <algorithm>

namespace assay::validation {
namespace {

namespace ids = document_timestamp_finding;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

}  // namespace

DocumentTimestampResult validate_document_timestamp(const DocumentTimestampUnderValidation& timestamp,
                                                    const SignatureValidationContext& context) {
  DocumentTimestampResult result;
  result.id = timestamp.id;
  result.kind = timestamp.kind;
  result.scope = timestamp.scope;
  result.findings = timestamp.findings;
  auto& report = result.report;
  if (!context.validate_timestamp) {
    report.indication = Indication::kIndeterminate;
    report.subindication = "NO_POE";
    report.findings.push_back(engine::Finding{std::string(ids::kNotValidated), engine::Severity::kWarning,
                                              "No time-stamp validator is configured; the time-stamp was not validated.",
                                              timestamp.id});
  } else {
    // EN 319 102-1 5.4: the TSA at genTime, with the caller's anchors, revocation data and lists.
    TimestampValidationContext ts;
    ts.certificates = context.certificates;
    ts.snapshot = context.snapshot;
    ts.extra_certificates = timestamp.certificates;
    report = context.validate_timestamp(timestamp.token_der, timestamp.covered_bytes, ts);
  }

  // EN 319 162-1 A.6 / EN 319 102-1 5.4.2: the imprint covers the manifest, whose references
  // stand for the files; a file that changed since makes the time-stamp prove nothing for it.
  if (!timestamp.changed.empty()) {
    result.findings.push_back(engine::Finding{std::string(ids::kCoveredDataChanged), engine::Severity::kError,
                                              "the time-stamped data changed after time-stamping: " +
                                                  joined(timestamp.changed) + " no longer match their digest",
                                              timestamp.id});
    if (report.indication != Indication::kFailed || report.subindication != "HASH_FAILURE") {
      report.indication = Indication::kFailed;
      report.subindication = "HASH_FAILURE";
    }
    report.imprint_matches = false;
  }
  if (!timestamp.missing.empty()) {
    result.findings.push_back(engine::Finding{std::string(ids::kCoveredDataMissing), engine::Severity::kError,
                                              "the time-stamped data is incomplete: " + joined(timestamp.missing) +
                                                  " are not in the document",
                                              timestamp.id});
    if (report.indication == Indication::kPassed) {
      report.indication = Indication::kIndeterminate;
      report.subindication = "SIGNED_DATA_NOT_FOUND";
    }
  }
  const bool format_error = std::any_of(timestamp.findings.begin(), timestamp.findings.end(),
                                        [](const engine::Finding& f) { return f.severity == engine::Severity::kError; });
  if (format_error && report.indication == Indication::kPassed) {
    report.indication = Indication::kIndeterminate;
    report.subindication = "FORMAT_FAILURE";
    report.findings.push_back(engine::Finding{std::string(ids::kFormat), engine::Severity::kError,
                                              "the document around the time-stamp is not conformant (see its findings)",
                                              timestamp.id});
  }
  return result;
}

bool all_document_timestamps_passed(const DocumentValidationReport& report) {
  return std::all_of(report.timestamps.begin(), report.timestamps.end(),
                     [](const DocumentTimestampResult& t) { return t.report.indication == Indication::kPassed; });
}

}  // namespace assay::validation
