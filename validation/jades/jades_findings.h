// Stable finding ids of the JAdES reader (validation/jades/jades_reader.h). They appear in
// reports and golden files: add freely, never rename. kError ones make the signature a
// FORMAT_FAILURE (EN 319 102-1 5.2.2); the others are reported as warnings.
#pragma once

#include <string_view>

namespace assay::validation::jades::finding {

// RFC 7515 / RFC 7797 / TS 119 182-1 5.1: the JWS structure and its protected header.
inline constexpr std::string_view kProtectedHeaderMissing = "jades.protected_header_missing";
inline constexpr std::string_view kProtectedHeaderMalformed = "jades.protected_header_malformed";
inline constexpr std::string_view kHeaderNamesNotDisjoint = "jades.header_names_not_disjoint";
inline constexpr std::string_view kAlgorithmUnsupported = "jades.algorithm_unsupported";
inline constexpr std::string_view kCritMalformed = "jades.crit_malformed";
inline constexpr std::string_view kCritUnknown = "jades.crit_unknown";
inline constexpr std::string_view kCritIncomplete = "jades.crit_incomplete";
inline constexpr std::string_view kB64Malformed = "jades.b64_malformed";
inline constexpr std::string_view kPayloadMalformed = "jades.payload_malformed";
inline constexpr std::string_view kSignatureValueMalformed = "jades.signature_value_malformed";
inline constexpr std::string_view kHeaderParameterMalformed = "jades.header_parameter_malformed";
inline constexpr std::string_view kSigningTimeMalformed = "jades.signing_time_malformed";
inline constexpr std::string_view kCertificateUnreadable = "jades.certificate_unreadable";
inline constexpr std::string_view kSigningCertificateNotFound = "jades.signing_certificate_not_found";
inline constexpr std::string_view kSigningCertificateReferenceMultiple = "jades.signing_certificate_reference_multiple";
// TS 119 182-1 5.2.8: sigD, the detached-payload mechanisms.
inline constexpr std::string_view kSigDMalformed = "jades.sigd_malformed";
inline constexpr std::string_view kSigDMechanismUnsupported = "jades.sigd_mechanism_unsupported";
inline constexpr std::string_view kDetachedWithoutSigD = "jades.detached_payload_without_sigd";
// TS 119 182-1 5.3: etsiU unsigned components.
inline constexpr std::string_view kUnsignedMalformed = "jades.etsiu_malformed";
inline constexpr std::string_view kUnsignedMixedEncoding = "jades.etsiu_mixed_encoding";
// A cSig (TS 119 182-1 5.3.2) that is not one JWS, or nested too deep: the counter-signature is
// not read (the countersigned signature is validated without it).
inline constexpr std::string_view kCounterSignatureUnreadable = "jades.counter_signature.unreadable";
inline constexpr std::string_view kUnsignedUnknown = "jades.etsiu_component_unknown";
inline constexpr std::string_view kTimestampUnreadable = "jades.timestamp_unreadable";
inline constexpr std::string_view kArchiveTimestampClearJson = "jades.archive_timestamp_clear_json";
inline constexpr std::string_view kValidationDataUnreadable = "jades.validation_data_unreadable";

}  // namespace assay::validation::jades::finding
