// Names and URIs of the EN 319 102-1 indications (VALIDATION.md §1) and report queries.
#include "validation/signature/signature_report.h"

#include <algorithm>

namespace assay::validation {

std::string_view main_indication_name(MainIndication indication) noexcept {
  switch (indication) {
    case MainIndication::kTotalPassed: return "TOTAL_PASSED";
    case MainIndication::kTotalFailed: return "TOTAL_FAILED";
    case MainIndication::kIndeterminate: break;
  }
  return "INDETERMINATE";
}

std::string main_indication_uri(MainIndication indication) {
  switch (indication) {
    case MainIndication::kTotalPassed: return "urn:etsi:019102:mainindication:total-passed";
    case MainIndication::kTotalFailed: return "urn:etsi:019102:mainindication:total-failed";
    case MainIndication::kIndeterminate: break;
  }
  return "urn:etsi:019102:mainindication:indeterminate";
}

std::string indication_uri(Indication indication) {
  switch (indication) {
    case Indication::kPassed: return "urn:etsi:019102:mainindication:passed";
    case Indication::kFailed: return "urn:etsi:019102:mainindication:failed";
    case Indication::kIndeterminate: break;
  }
  return "urn:etsi:019102:mainindication:indeterminate";
}

std::string subindication_uri(std::string_view name) {
  if (name.empty()) return {};
  return "urn:etsi:019102:subindication:" + std::string(name);
}

std::string_view constraint_status_name(ConstraintStatus status) noexcept {
  switch (status) {
    case ConstraintStatus::kOk: return "OK";
    case ConstraintStatus::kNotOk: return "NOT OK";
    case ConstraintStatus::kWarning: return "WARNING";
    case ConstraintStatus::kInformation: break;
  }
  return "INFORMATION";
}

namespace {

std::vector<ConstraintResult> with_status(const SignatureValidationReport& r, ConstraintStatus status) {
  std::vector<ConstraintResult> out;
  const auto scan = [&](const std::vector<BlockResult>& list) {
    for (const auto& b : list) {
      for (const auto& c : b.constraints) {
        if (c.status != status) continue;
        // The same check may appear in a block and in the process that took its conclusion.
        const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.id == c.id && o.message == c.message; });
        if (!seen) out.push_back(c);
      }
    }
  };
  scan(r.blocks);
  scan(r.processes);
  return out;
}

}  // namespace

std::vector<ConstraintResult> SignatureValidationReport::errors() const { return with_status(*this, ConstraintStatus::kNotOk); }
std::vector<ConstraintResult> SignatureValidationReport::warnings() const { return with_status(*this, ConstraintStatus::kWarning); }

const BlockResult* SignatureValidationReport::block(std::string_view name) const {
  for (const auto& b : blocks) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const BlockResult* SignatureValidationReport::process(std::string_view name) const {
  for (const auto& p : processes) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::size_t DocumentValidationReport::valid_signatures() const {
  return static_cast<std::size_t>(std::count_if(signatures.begin(), signatures.end(), [](const auto& s) {
    return s.indication == MainIndication::kTotalPassed;
  }));
}

}  // namespace assay::validation
