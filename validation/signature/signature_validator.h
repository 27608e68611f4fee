// The ETSI EN 319 102-1 signature validation processes over a format-neutral
// SignatureUnderValidation (signature_input.h), in the order and vocabulary of VALIDATION.md:
//   - 5.3 validation process for basic signatures: FC, ISC, VCI, XCV (validate_certificate with
//     the signature's embedded certificates and revocation data), CV (from the reader's facts),
//     SAV (signed attributes, the policy's cryptographic constraints at the validation time);
//   - 5.5 validation process for signatures with time and long-term data: signature time-stamps
//     as proof of existence (best-signature-time), revocation and validity against it, the
//     algorithms at best-signature-time;
//   - 5.6 validation process for signatures providing long-term availability and integrity:
//     POE from archive time-stamps, past certificate validation at the lowest POE, algorithm
//     expiry covered by a POE before it.
// Then the signature qualification (TS 119 172-4) from the trusted lists, when a snapshot is given.
//
// Never throws; every input, however broken, gives a report. Thread-safe as its inputs are.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "engine/time.h"
#include "validation/certificate_validator.h"
#include "validation/signature/signature_input.h"
#include "validation/signature/signature_report.h"
#include "validation/signature/timestamp_validation.h"

namespace assay::tsl {
class TrustSnapshot;
}

namespace assay::validation {

// Validates one RFC 3161 token against the bytes it covers (the signature of
// validate_timestamp in timestamp_validation.h; tests pass a stub).
using TimestampValidator = std::function<TimestampValidationReport(
    std::string_view token_der, std::string_view covered_bytes, const TimestampValidationContext& context)>;

struct SignatureValidationContext {
  // Anchors, revocation data given by the caller, network, policy. No anchor source at all is
  // allowed: every chain is then NO_CERTIFICATE_CHAIN_FOUND.
  CertificateValidationContext certificates;
  // Trusted lists for the qualification of the signer and of time-stamps; null = N/A.
  const tsl::TrustSnapshot* snapshot = nullptr;
  // EN 319 102-1 "current time": the time of the validation (a pinned time in tests).
  engine::UtcTime at{};
  // The time-stamp validator (normally validate_timestamp). Null: time-stamps are reported as
  // not validated and give no proof of existence.
  TimestampValidator validate_timestamp;
};

// Validates one signature (and its counter-signatures, each on its own).
SignatureValidationReport validate_signature(const SignatureUnderValidation& signature,
                                             const SignatureValidationContext& context);

// Validates every signature of a document; none is a clear answer (an empty list).
DocumentValidationReport validate_signatures(std::span<const SignatureUnderValidation> signatures,
                                             const SignatureValidationContext& context);

}  // namespace assay::validation
