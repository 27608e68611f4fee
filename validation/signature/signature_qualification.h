// Signature qualification (ETSI TS 119 172-4 as DSS reports it; VALIDATION.md §10): the
// certificate's qualification from the trusted lists at its issuance and at best-signature-time,
// crossed with the AdES result. It never changes the indication.
#pragma once

#include <optional>
#include <span>

#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "tsl/qualification/qualification.h"
#include "validation/signature/signature_report.h"

namespace assay::validation {

// The label of the matrix in VALIDATION.md §10 step 4. `certificate` is the combined
// certificate qualification, nullopt when not applicable (no trusted-list record, no list,
// a conflict).
SignatureQualification signature_label(const std::optional<tsl::QualificationAnswer>& certificate,
                                       MainIndication indication);

// Qualifies the signing certificate (chain: signing certificate first, then candidates) at its
// issuance and at `best_signature_time` with `snapshot`, and labels the signature. A null
// snapshot or certificate gives N/A (Not AdES when TOTAL_FAILED).
SignatureQualification qualify_signature(const tsl::TrustSnapshot* snapshot,
                                         std::span<const engine::CertificatePtr> chain,
                                         engine::UtcTime best_signature_time, MainIndication indication);

}  // namespace assay::validation
