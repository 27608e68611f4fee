// Process-wide caches of the two OpenSSL 3 decodings that cost far more than the signature check
// they serve: a SubjectPublicKeyInfo into an EVP_PKEY (d2i_PUBKEY runs the provider decoder
// framework, tens of microseconds per call) and a certificate into an X509 (d2i_X509, which
// decodes the key too). Validation decodes the same few CA, responder, TSA and signer keys over
// and over — within one signature (path, OCSP, time-stamps) and across the documents a service
// validates — so each distinct DER is decoded once.
//
// Keyed by the exact input bytes, and only successful decodings that consumed the whole input are
// kept: a hit returns what decoding those bytes again would return. Bounded (the table is emptied
// when full). Thread-safe; the returned objects are shared and must be used read-only (signature
// verification only reads a key). Private to engine/.
#pragma once

#include <memory>
#include <string_view>

#include "engine/x509/internal/openssl_util.h"

namespace assay::engine::ossl {

// A new reference to the key of `spki_der` (exactly one SubjectPublicKeyInfo, no trailing bytes);
// null when OpenSSL cannot decode it (the error queue is drained).
EvpPkeyPtr decode_public_key(std::string_view spki_der);

// The X509 of `der` (exactly one certificate, no trailing bytes), shared; null when OpenSSL
// rejects it (the error queue is drained).
std::shared_ptr<X509> decode_certificate(std::string_view der);

// Empties both caches and the certificate signature verdicts (verdict_cache.h): the "cold"
// benchmark row, tests. Objects already handed out stay valid.
void clear_decode_caches();

}  // namespace assay::engine::ossl
