// Process-wide verdicts of certificate signature checks. A check is a pure function of the
// certificate's bytes and the issuer's key, and a validation service checks the same few
// signatures again and again: every request that carries a chain through one CA re-parses that CA's
// certificate (a new Certificate, whose own SignatureMemo starts empty) and would verify its
// signature once more — an ECDSA or RSA operation of 50 to 500 us each time. Here the verdict is
// kept under (SHA-256 of the certificate DER, SHA-256 of the SubjectPublicKeyInfo DER), so a
// certificate seen before with a key seen before costs two hashes and a lookup.
//
// Only definite verdicts (valid / not valid) are kept, never "could not check". Bounded: the
// table is emptied when full. Thread-safe. Private to engine/.
#pragma once

#include <optional>
#include <string_view>

#include "engine/digest.h"

namespace assay::engine::ossl {

// The verdict reached for the certificate with fingerprint `certificate` under the key
// `spki_der`, if one is known.
std::optional<bool> find_certificate_verdict(const Sha256& certificate, std::string_view spki_der);
void remember_certificate_verdict(const Sha256& certificate, std::string_view spki_der, bool verdict);

// Forgets every verdict (with clear_decode_caches: the "cold" benchmark row, tests).
void clear_certificate_verdicts();

}  // namespace assay::engine::ossl
