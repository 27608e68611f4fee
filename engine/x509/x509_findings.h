// Stable finding ids reported on certificates by engine/x509 (never rename; add freely).
// A finding's `path` holds the extension OID (or the structure) it is about.
#pragma once

#include <string_view>

namespace assay::engine::x509_findings {

// The qcStatements extension (RFC 3739 3.2.6 / EN 319 412-5 4) is not a SEQUENCE OF
// QCStatement; nothing of it is used.
inline constexpr std::string_view kQcStatementsMalformed = "x509.qcstatements.malformed";
// One statement's statementInfo does not match its EN 319 412-5 syntax (QcType, QcPDS,
// QcCClegislation, QcRetentionPeriod, QcLimitValue, PSD2); the statement id is still recorded.
inline constexpr std::string_view kQcStatementInfoMalformed = "x509.qcstatements.statement_malformed";
// A statement id appears twice.
inline constexpr std::string_view kQcStatementDuplicate = "x509.qcstatements.duplicate_statement";
// The qcStatements extension holds more statements than kMaxQcStatements (qc_statements.h): a
// hostile size, not a real certificate; nothing of it is used (issue 21).
inline constexpr std::string_view kQcStatementsTooMany = "x509.qcstatements.too_many";
// A list-valued extension (certificatePolicies, extKeyUsage, subjectAltName, issuerAltName,
// cRLDistributionPoints, authorityInfoAccess) holds more entries than its cap; it is not used.
inline constexpr std::string_view kExtensionTooManyEntries = "x509.extension.too_many_entries";
// More findings than kMaxCertificateFindings (certificate.h): the rest are tallied in this one
// ("and N more").
inline constexpr std::string_view kFindingsTruncated = "x509.findings.truncated";
// A known extension's value does not decode (its fields are then reported as absent).
inline constexpr std::string_view kExtensionMalformed = "x509.extension.malformed";
// The same extension OID appears twice (RFC 5280 4.2); the first one is used.
inline constexpr std::string_view kExtensionDuplicate = "x509.extension.duplicate";
// A critical extension this reader does not interpret (RFC 5280 4.2 would reject the path).
inline constexpr std::string_view kExtensionUnknownCritical = "x509.extension.unknown_critical";
// TBSCertificate.signature differs from Certificate.signatureAlgorithm (RFC 5280 4.1.1.2).
inline constexpr std::string_view kSignatureAlgorithmMismatch = "x509.signature_algorithm.mismatch";
// Extensions in a certificate whose version is not v3 (RFC 5280 4.1.2.1).
inline constexpr std::string_view kVersionMismatch = "x509.version.extensions_without_v3";

}  // namespace assay::engine::x509_findings
