// Stable reason ids for enveloped-signature verification (engine/xmldsig/verifier.h).
// They appear in reports, APIs and golden files: add freely, never rename.
#pragma once

#include <string_view>

namespace assay::engine::xmldsig::reason {

// Structure of the document and of the signature.
inline constexpr std::string_view kUnsigned = "xmldsig.unsigned";
inline constexpr std::string_view kMultipleSignatures = "xmldsig.multiple_signatures";
inline constexpr std::string_view kSignatureNotChildOfRoot = "xmldsig.signature_not_child_of_root";
inline constexpr std::string_view kMalformedSignature = "xmldsig.malformed_signature";
inline constexpr std::string_view kDuplicateId = "xmldsig.duplicate_id";
inline constexpr std::string_view kUnexpectedObject = "xmldsig.unexpected_object";

// References and transforms (XMLDSig 4.4.3).
inline constexpr std::string_view kReferenceNotAllowed = "xmldsig.reference_not_allowed";
inline constexpr std::string_view kReferenceUnresolved = "xmldsig.reference_unresolved";
inline constexpr std::string_view kWrapped = "xmldsig.wrapped";
inline constexpr std::string_view kDocumentReferenceMissing = "xmldsig.document_reference_missing";
inline constexpr std::string_view kTransformNotAllowed = "xmldsig.transform_not_allowed";
inline constexpr std::string_view kSignedPropertiesMissing = "xmldsig.signed_properties_missing";
// General verifier (general_verifier.h).
inline constexpr std::string_view kReferenceAmbiguous = "xmldsig.reference_ambiguous";
inline constexpr std::string_view kDetachedContentMissing = "xmldsig.detached_content_missing";
inline constexpr std::string_view kTransformUnsupported = "xmldsig.transform_unsupported";
inline constexpr std::string_view kTransformFailed = "xmldsig.transform_failed";
inline constexpr std::string_view kTooManySignatures = "xmldsig.too_many_signatures";
inline constexpr std::string_view kTooManyReferences = "xmldsig.too_many_references";
inline constexpr std::string_view kSignatureValueUnreadable = "xmldsig.signature_value_unreadable";

// Algorithms and keys.
inline constexpr std::string_view kHmacNotAllowed = "xmldsig.hmac_not_allowed";
inline constexpr std::string_view kUnsupportedAlgorithm = "xmldsig.unsupported_algorithm";
inline constexpr std::string_view kRetrievalMethod = "xmldsig.retrieval_method";
inline constexpr std::string_view kNoSignerCertificate = "xmldsig.no_signer_certificate";
inline constexpr std::string_view kMultipleKeyInfoCertificates = "xmldsig.multiple_key_info_certificates";
inline constexpr std::string_view kSignerCertificateUnreadable = "xmldsig.signer_certificate_unreadable";

// Core verification (XMLDSig 3.2).
inline constexpr std::string_view kReferenceDigestMismatch = "xmldsig.reference_digest_mismatch";
inline constexpr std::string_view kSignatureValueInvalid = "xmldsig.signature_value_invalid";

// XAdES signed properties (EN 319 132-1 5.2).
inline constexpr std::string_view kSigningCertificateMissing = "xmldsig.signing_certificate_missing";
inline constexpr std::string_view kSigningCertificateMismatch = "xmldsig.signing_certificate_mismatch";
inline constexpr std::string_view kSigningTimeMissing = "xmldsig.signing_time_missing";
inline constexpr std::string_view kSigningTimeOutsideValidity = "xmldsig.signing_time_outside_certificate_validity";

}  // namespace assay::engine::xmldsig::reason
