// JSON Web Signature primitives (RFC 7515, RFC 7518) for JAdES (ETSI TS 119 182-1): strict
// base64url, the asymmetric "alg" values, and the check of a JWS signature over its signing
// input with a certificate's key. The JSON structure (headers, serialisations, JAdES components)
// is read in validation/jades; this layer only knows bytes and keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/x509/certificate.h"

namespace assay::engine::jws {

// RFC 7515 2 / RFC 4648 5: base64url without padding. nullopt for any '=', white space, a
// character outside [A-Za-z0-9-_], a length of 1 mod 4 or non-zero unused bits in the last
// character (two texts must never decode to the same bytes).
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

// RFC 7518 3.1 asymmetric algorithms. "none" and the HMAC family are not signatures by a
// certificate holder and are never accepted (RFC 7518 3.6, TS 119 182-1 5.1.2).
enum class Algorithm { kRS256, kRS384, kRS512, kPS256, kPS384, kPS512, kES256, kES384, kES512 };

// "RS256" → kRS256; nullopt for anything else ("none", "HS256", "EdDSA", lower case, ...).
std::optional<Algorithm> parse_algorithm(std::string_view alg);
std::string_view algorithm_name(Algorithm alg) noexcept;  // "RS256"
std::string_view digest_name(Algorithm alg) noexcept;     // "SHA-256"
// A readable description, e.g. "RSA-SHA256", "RSASSA-PSS-SHA256", "ECDSA-SHA384".
std::string_view description(Algorithm alg) noexcept;

// True when `signature` (the decoded JWS Signature; ECDSA as the fixed-width r||s of RFC 7518
// 3.4) is a valid signature of `signing_input` under `alg` with `certificate`'s public key.
// False for a wrong value, a key of another type, or an ECDSA value of the wrong width (RFC 7518
// 3.4: 64 / 96 / 132 bytes for P-256 / P-384 / P-521). kUnsupported when the key cannot be
// decoded; kInternal for library failures. Thread-safe.
Result<bool> verify(Algorithm alg, const Certificate& certificate, std::string_view signing_input,
                    std::string_view signature);

// The digest of `bytes` under "SHA-1", "SHA-224", "SHA-256", "SHA-384" or "SHA-512" (sigD
// hashV, x5t#o); nullopt for other names or a library failure.
std::optional<std::string> digest(std::string_view digest_name, std::string_view bytes);

// Signs `signing_input` (samples and tests). kInvalidArgument when the key does not suit `alg`.
Result<std::string> sign(Algorithm alg, const PrivateKey& key, std::string_view signing_input);

}  // namespace assay::engine::jws
