// Signature verification over arbitrary signed bytes (CRL tbsCertList, OCSP tbsResponseData)
// with a signer's public key and the AlgorithmIdentifier the signed structure names.
// Private to engine/x509.
#pragma once

#include <string_view>

#include "engine/error.h"
#include "engine/x509/certificate.h"
#include "engine/x509/internal/openssl_util.h"

struct evp_pkey_st;

namespace assay::engine::x509_internal {

// True when `signature` is a valid signature of `data` by `key` under `algorithm` (PKCS#1 v1.5,
// RSASSA-PSS with its parameters, ECDSA, EdDSA, DSA); false when it is not (including a key of
// the wrong type). kUnsupported when the algorithm or its digest cannot be checked.
Result<bool> verify_signature(evp_pkey_st* key, const SignatureAlgorithm& algorithm, std::string_view signature,
                              std::string_view data);

// The public key of a SubjectPublicKeyInfo DER (the whole input), or null when OpenSSL cannot
// decode it (its error queue then says why). RSA keys are read directly from their PKCS#1
// RSAPublicKey: OpenSSL 3.0's d2i_PUBKEY runs the provider decoder framework, which costs
// more than the RSA verification the key is decoded for (a third of a validation's time).
ossl::EvpPkeyPtr decode_public_key(std::string_view spki_der);

// Same with a SubjectPublicKeyInfo DER (a name + key trust anchor). kUnsupported when OpenSSL
// cannot decode the key.
Result<bool> verify_signature_spki(std::string_view spki_der, const SignatureAlgorithm& algorithm,
                                   std::string_view signature, std::string_view data);

}  // namespace assay::engine::x509_internal
