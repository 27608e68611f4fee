// The EN 319 102-1 5.2 building blocks as the processes (signature_validator.cpp) run them.
// Internal to validation/signature.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "validation/certificate_validator.h"
#include "validation/crypto_constraints.h"
#include "validation/signature/signature_input.h"
#include "validation/signature/signature_report.h"
#include "validation/signature/signature_validator.h"

namespace assay::validation::signature_internal {

// Appends constraints to a block and concludes it: the first NOT OK check at FAIL level gives
// the block its indication (VALIDATION.md §2 "check chains").
class Block {
 public:
  explicit Block(std::string name) { result_.name = std::move(name); }
  void ok(std::string_view id, std::string message) { add(id, ConstraintStatus::kOk, std::move(message)); }
  void warn(std::string_view id, std::string message) { add(id, ConstraintStatus::kWarning, std::move(message)); }
  void inform(std::string_view id, std::string message) { add(id, ConstraintStatus::kInformation, std::move(message)); }
  // Records a failed FAIL-level check and concludes the block with it (when not concluded yet).
  void fail(std::string_view id, std::string message, Indication indication, std::string_view subindication) {
    add(id, ConstraintStatus::kNotOk, std::move(message));
    if (result_.indication != Indication::kPassed) return;
    result_.indication = indication;
    result_.subindication = std::string(subindication);
  }
  bool passed() const { return result_.indication == Indication::kPassed; }
  BlockResult& result() { return result_; }

 private:
  void add(std::string_view id, ConstraintStatus status, std::string message) {
    result_.constraints.push_back(ConstraintResult{std::string(id), status, std::move(message)});
  }
  BlockResult result_;
};

// 5.2.2 Format checking.
BlockResult run_fc(const SignatureUnderValidation& signature);
// 5.2.3 Identification of the signing certificate.
BlockResult run_isc(const SignatureUnderValidation& signature);
// 5.2.4 Validation context initialisation.
BlockResult run_vci(const SignatureUnderValidation& signature);
// 5.2.7 Cryptographic verification (the reader's reference and signature-value facts).
BlockResult run_cv(const SignatureUnderValidation& signature);

// 5.2.6 X.509 certificate validation of the signing certificate at `at`, with the signature's
// embedded certificates as path candidates and `revocation` (caller's and embedded data).
struct XcvOutcome {
  BlockResult block;
  std::optional<CertificateValidationReport> report;
};
XcvOutcome run_xcv(const SignatureUnderValidation& signature, const SignatureValidationContext& context,
                   const RevocationChecker* revocation, engine::UtcTime at, std::string_view block_name = "XCV");

// The cryptographic constraints on the signature value (its digest and the signer's key) at `at`.
CryptoCheck signature_crypto(const SignatureUnderValidation& signature, const ValidationPolicy& policy,
                             engine::UtcTime at);

// 5.2.8 Signature acceptance validation at `at` (content time-stamps are checked by the caller).
BlockResult run_sav(const SignatureUnderValidation& signature, const ValidationPolicy& policy, engine::UtcTime at);

// The XAdES SignedProperties reference Type (EN 319 132-1 4.3.2).
inline constexpr std::string_view kSignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

}  // namespace assay::validation::signature_internal

namespace assay::validation::signature_internal {

// What the processes share for one signature: the inputs, the time-stamps validated once, and
// the blocks run at the validation time.
struct ProcessState {
  const SignatureUnderValidation& signature;
  const SignatureValidationContext& context;
  const ValidationPolicy& policy;
  const RevocationChecker* revocation = nullptr;  // caller's + embedded data
  SignatureValidationReport& report;
  bool sav_ran = false;  // basic reached SAV
};

// 5.3, 5.5, 5.6. LTV and archival append their result to report.processes (the caller appends
// basic's) and return nullopt when they do not run (the earlier conclusion stands).
BlockResult run_basic(ProcessState& state);
std::optional<BlockResult> run_ltv(ProcessState& state, const BlockResult& basic);
std::optional<BlockResult> run_archival(ProcessState& state, const BlockResult& ltv);

}  // namespace assay::validation::signature_internal
