// Cryptographic constraints (EN 319 102-1 5.2.8, TS 119 312): is an algorithm with a key of a
// given size acceptable at a time? Applied to each certificate's signature (digest and the
// issuer's key) at the validation time.
#pragma once

#include <optional>
#include <string>

#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "validation/validation_policy.h"

namespace assay::validation {

struct CryptoCheck {
  bool acceptable = true;
  std::optional<engine::UtcTime> expiry;  // the earliest expiry of a failing constraint
  engine::Findings findings;
};

// Checks the signature of `certificate` made with the key `issuer_key` at `at`.
// With settings.apply_expiry false, only unknown algorithms are reported (as warnings).
CryptoCheck check_certificate_crypto(const engine::Certificate& certificate, const engine::PublicKeyInfo& issuer_key,
                                     engine::UtcTime at, const CryptoSettings& settings);

// The same for any signature (a signature value, a time-stamp, revocation data): `digest` ("" for
// EdDSA) with a key `key` at `at`; `where` goes into the findings' path.
CryptoCheck check_algorithm_crypto(const std::string& digest, const engine::PublicKeyInfo& key, engine::UtcTime at,
                                   const CryptoSettings& settings, const std::string& where);

}  // namespace assay::validation
