// Stable finding ids of the CAdES reader (validation/cades/cades_reader.h). They appear in
// reports and golden files: add freely, never rename. Engine-level CMS ids ("cms.*",
// engine/cms/cms_findings.h) are passed through unchanged.
#pragma once

#include <string_view>

namespace assay::validation::cades::finding {

// The CMS was BER-encoded (indefinite lengths, constructed OCTET STRINGs) outside what is
// signed; it was read after DER normalisation (information).
inline constexpr std::string_view kBerEncoded = "cades.ber_encoded";
// The CMS is followed by zero bytes (padding), ignored (warning).
inline constexpr std::string_view kTrailingPadding = "cades.trailing_padding";
// RFC 5652 5.4 / EN 319 122-1 4: the signed attributes use BER where DER is required.
inline constexpr std::string_view kSignedAttributesBer = "cades.signed_attributes.ber";
// EN 319 122-1 5.2.2: signing-certificate(-v2) present more than once, or both forms disagreeing.
inline constexpr std::string_view kSigningCertificateMultiple = "cades.signing_certificate.multiple";
// A signed attribute EN 319 122-1 defines does not decode (FORMAT_FAILURE).
inline constexpr std::string_view kSignedAttributeMalformed = "cades.signed_attribute.malformed";
// An unsigned attribute does not decode (ignored, warning).
inline constexpr std::string_view kUnsignedAttributeMalformed = "cades.unsigned_attribute.malformed";
// A time-stamp attribute's token or the bytes it covers cannot be read / computed.
inline constexpr std::string_view kTimestampUnreadable = "cades.timestamp.unreadable";
// A legacy time-stamp form whose imprint input is not computed (archive-time-stamp v1/v2,
// CAdES-C-time-stamp, time-stamped-certs-crls-references).
inline constexpr std::string_view kTimestampUnsupported = "cades.timestamp.unsupported";
// No certificate of the CMS is the one the SignerInfo (and its signing-certificate) names.
inline constexpr std::string_view kSigningCertificateNotFound = "cades.signing_certificate.not_found";
// An embedded certificate does not parse.
inline constexpr std::string_view kCertificateUnreadable = "cades.certificate.unreadable";
// The ats-hash-index(-v3) of an archive-time-stamp-v3 names a certificate or CRL hash that is not
// in the SignedData (EN 319 122-1 5.5.2: the index must list what was time-stamped).
inline constexpr std::string_view kAtsHashIndexMismatch = "cades.ats_hash_index.mismatch";
// The ats-hash-index(-v3) of an archive-time-stamp-v3 lists an unsigned attribute hash that no
// unsigned attribute of the SignerInfo has any more: one was removed or changed after archiving
// (EN 319 122-1 5.5.2 / 5.5.3); the archive time-stamp is FAILED / HASH_FAILURE.
inline constexpr std::string_view kAtsHashIndexUnsignedAttribute = "cades.ats_hash_index.unsigned_attribute";

}  // namespace assay::validation::cades::finding
