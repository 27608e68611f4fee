// Helpers shared by the certificate, CRL and OCSP builders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/x509/certificate.h"

namespace assay::engine::x509_internal {

// Bytes of an even- or odd-length hex string; nullopt on a non-hex character or empty input.
std::optional<std::string> hex_decode(std::string_view hex);
// RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING contents.
std::string key_identifier(std::string_view spki_der);
// The issuer's SKI if it has one, else the identifier computed from its key.
std::string authority_key_identifier(const Certificate& issuer);
// SEQUENCE {tbs, signatureAlgorithm, signatureValue} signed by `key` (RFC 5280 4.1, 5.1).
Result<std::string> sign_structure(std::string_view tbs_without_algorithm_prefix, const PrivateKey& key,
                                   DigestAlgorithm digest);
// An Extension (RFC 5280 4.1): SEQUENCE {extnID, critical (only when true), extnValue}.
Result<std::string> extension(std::string_view oid, bool critical, std::string_view value);

}  // namespace assay::engine::x509_internal
