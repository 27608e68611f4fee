// The identity keys of an X.509 certificate — subject Name DER, SubjectPublicKeyInfo DER and the
// subjectKeyIdentifier — read with a minimal DER walk and no copies. For indexing thousands of
// trusted-list certificates (tsl/trust_snapshot.h), where a full `Certificate::parse_der`
// (names, extensions, QcStatements, fingerprint) costs several times more than needed.
#pragma once

#include <optional>
#include <string_view>

#include "engine/error.h"

namespace assay::engine {

// Views into the DER given to extract_certificate_keys; valid as long as those bytes are.
struct CertificateKeys {
  std::string_view subject_der;            // the complete subject Name TLV
  std::string_view spki_der;               // the complete SubjectPublicKeyInfo TLV
  std::optional<std::string_view> ski;     // keyIdentifier bytes of extension 2.5.29.14, if present
};

// Reads the keys of one DER certificate (RFC 5280 4.1). kMalformed when the outer structure or
// the TBSCertificate up to the SPKI is not valid DER; a malformed extension block only leaves
// `ski` empty. Does not check the signature or anything else. Thread-safe, allocation-free.
Result<CertificateKeys> extract_certificate_keys(std::string_view der);

}  // namespace assay::engine
