// Stable finding ids of certificate validation (validation/). They appear in the JSON answer
// and in golden files: add freely, never rename.
#pragma once

#include <string_view>

namespace assay::validation::findings {

// Path building (validation/path_builder.h).
inline constexpr std::string_view kNoIssuer = "validation.path.no_issuer_found";
inline constexpr std::string_view kDepthLimit = "validation.path.depth_limit";
inline constexpr std::string_view kCandidateLimit = "validation.path.candidate_limit";
inline constexpr std::string_view kWorkLimit = "validation.path.work_limit";
inline constexpr std::string_view kLoop = "validation.path.loop";

// RFC 5280 6.1.3 / 6.1.4 / 6.1.5 path processing (validation/path_validation.h).
inline constexpr std::string_view kSignature = "validation.path.signature_invalid";
inline constexpr std::string_view kSignatureUnverifiable = "validation.path.signature_unverifiable";
inline constexpr std::string_view kNotYetValid = "validation.path.not_yet_valid";
inline constexpr std::string_view kExpired = "validation.path.expired";
inline constexpr std::string_view kIssuerName = "validation.path.issuer_name_mismatch";
inline constexpr std::string_view kNotCa = "validation.path.not_a_ca";
inline constexpr std::string_view kPathLength = "validation.path.path_length_exceeded";
inline constexpr std::string_view kKeyCertSign = "validation.path.key_cert_sign_missing";
inline constexpr std::string_view kUnknownCritical = "validation.path.unknown_critical_extension";
inline constexpr std::string_view kMalformedExtension = "validation.path.malformed_extension";
inline constexpr std::string_view kPolicyTree = "validation.path.policy_tree_empty";
inline constexpr std::string_view kPolicyMappingAny = "validation.path.policy_mapping_any_policy";
inline constexpr std::string_view kNameConstraints = "validation.path.name_constraints_violated";
inline constexpr std::string_view kNameConstraintsUnsupported = "validation.path.name_constraints_unsupported";

// Revocation (as path validation interprets the checker's evidence).
inline constexpr std::string_view kRevoked = "validation.revocation.revoked";
inline constexpr std::string_view kOnHold = "validation.revocation.on_hold";
inline constexpr std::string_view kRevocationMissing = "validation.revocation.no_acceptable_data";
inline constexpr std::string_view kRevocationNotFresh = "validation.revocation.not_fresh";
inline constexpr std::string_view kRevocationDepth = "validation.revocation.depth_limit";
inline constexpr std::string_view kRevocationSignerRevoked = "validation.revocation.signer_revoked";
// EN 319 102-1 5.2.6 (RevocationIssuerNotExpired): the signing certificate's revocation data was
// issued by a certificate that is outside its validity at the validation time.
inline constexpr std::string_view kRevocationIssuerOutOfBounds = "validation.revocation.issuer_out_of_bounds";

// Cryptographic constraints (TS 119 312) applied by validation/crypto_constraints.h.
inline constexpr std::string_view kAlgorithmExpired = "validation.crypto.algorithm_expired";
inline constexpr std::string_view kAlgorithmUnknown = "validation.crypto.algorithm_unknown";
inline constexpr std::string_view kKeyTooSmall = "validation.crypto.key_too_small";

// Anchors.
inline constexpr std::string_view kAnchorNotAtTime = "validation.anchor.not_trusted_at_time";

}  // namespace assay::validation::findings
