// Stable finding ids of the XAdES reader (validation/xades/xades_reader.h). They appear in
// reports and golden files: add freely, never rename. Engine-level XML-DSig ids
// ("xmldsig.*", engine/xmldsig/findings.h) are passed through unchanged.
#pragma once

#include <string_view>

namespace assay::validation::xades::finding {

// EN 319 132-1 4 / 5: structure of the XAdES properties.
inline constexpr std::string_view kQualifyingPropertiesMultiple = "xades.qualifying_properties_multiple";
inline constexpr std::string_view kQualifyingPropertiesTarget = "xades.qualifying_properties_target";
inline constexpr std::string_view kSignedPropertiesNotSigned = "xades.signed_properties_not_signed";
inline constexpr std::string_view kSigningTimeMalformed = "xades.signing_time_malformed";
inline constexpr std::string_view kSigningCertificateMultiple = "xades.signing_certificate_multiple";
inline constexpr std::string_view kCertificateUnreadable = "xades.certificate_unreadable";
inline constexpr std::string_view kEncapsulatedValueUnreadable = "xades.encapsulated_value_unreadable";
inline constexpr std::string_view kTimestampUnreadable = "xades.timestamp_unreadable";
inline constexpr std::string_view kTimestampUnsupported = "xades.timestamp_unsupported";
inline constexpr std::string_view kManifestReferenceFailed = "xades.manifest_reference_failed";
inline constexpr std::string_view kSigningCertificateNotFound = "xades.signing_certificate_not_found";

}  // namespace assay::validation::xades::finding
