// RFC 3161 time-stamp token validation per EN 319 102-1 5.4: the token's CMS signature, its
// message imprint against the bytes it must cover, the TSA's signing certificate reference
// (ESSCertID / ESSCertIDv2), the TSA certificate validated at genTime (validate_certificate),
// the cryptographic constraints, and whether it is a qualified time-stamp (a TSA/QTST service
// granted at genTime in the trusted lists).
//
// This header is the seam between the time-stamp work (engine/cms/*, validation/signature/
// timestamp_validation.cpp) and the processes that use time-stamps as proof of existence.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/digest.h"
#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/certificate_validator.h"

namespace assay::tsl {
class TrustSnapshot;
}

namespace assay::validation {

struct TimestampValidationReport {
  Indication indication = Indication::kIndeterminate;  // PASSED / INDETERMINATE / FAILED
  // EN 319 102-1 sub-indication name when not passed ("HASH_FAILURE", "SIG_CRYPTO_FAILURE",
  // "FORMAT_FAILURE", "NO_CERTIFICATE_CHAIN_FOUND", ...), "" when passed.
  std::string subindication;
  std::optional<engine::UtcTime> gen_time;       // TSTInfo genTime (when the token parsed)
  std::optional<std::chrono::milliseconds> accuracy;
  std::string policy_oid;                        // TSTInfo policy
  std::string serial_hex;                        // TSTInfo serialNumber
  std::string imprint_algorithm;                 // "SHA-256"
  bool imprint_matches = false;
  bool signature_valid = false;
  engine::CertificatePtr tsa_certificate;        // the signer, when identified
  std::optional<CertificateValidationReport> tsa_validation;  // at genTime
  bool qualified = false;                        // QTST granted at genTime
  std::string qualification_evidence;            // list / service / state, one sentence
  engine::Sha256 token_sha256{};
  engine::Findings findings;                     // stable ids, why each check failed
};

struct TimestampValidationContext {
  CertificateValidationContext certificates;     // anchors, revocation, online, policy
  const tsl::TrustSnapshot* snapshot = nullptr;  // for the QTST check; null = not qualified
  // Extra certificates that may complete the TSA's path (the signature's embedded ones).
  std::vector<engine::CertificatePtr> extra_certificates;
  // False when the caller cannot compute what the imprint covers (legacy CAdES archive-time-stamp
  // v1/v2): the token is validated otherwise, the imprint is not compared, and the time-stamp is
  // at best INDETERMINATE / SIGNED_DATA_NOT_FOUND — never a proof of existence.
  bool check_imprint = true;
};

// Validates `token_der` against `covered_bytes`. Never throws; every outcome is a report.
TimestampValidationReport validate_timestamp(std::string_view token_der, std::string_view covered_bytes,
                                             const TimestampValidationContext& context);

}  // namespace assay::validation
