// Stable finding ids reported by revocation checking (never rename; add freely). They appear in
// RevocationEvidence::findings and so in the JSON "findings" of certificate validation.
#pragma once

#include <string_view>

namespace assay::validation::revocation_findings {

// No CRL or OCSP response the checker holds is about this certificate.
inline constexpr std::string_view kNoData = "revocation.no_data";
// A CRL's nextUpdate is before the validation time (RFC 5280 6.3.3 (a)): not used.
inline constexpr std::string_view kCrlStale = "revocation.crl.stale";
// A CRL issued after the certificate expired, without ExpiredCertsOnCRL, does not list the
// certificate: its silence is no information about it (RFC 5280 3.3 lets entries of expired
// certificates be dropped; EN 319 102-1 5.2.6 needs data about the certificate). Not used.
inline constexpr std::string_view kCrlExpiredCertificateNotCovered = "revocation.crl.expired_certificate_not_covered";
// A CRL carries a critical CRL or entry extension that is not processed (RFC 5280 5.2, 5.3).
inline constexpr std::string_view kCrlUnknownCriticalExtension = "revocation.crl.unknown_critical_extension";
// No key of a certificate that may issue this CRL verifies its signature (RFC 5280 6.3.3 (f), (g)).
inline constexpr std::string_view kCrlSignatureInvalid = "revocation.crl.signature_invalid";
// The certificate whose key signed the CRL has no valid path (RFC 5280 6.3.3 (f)).
inline constexpr std::string_view kCrlSignerPathInvalid = "revocation.crl.signer_path_invalid";
// The certificate whose separate key signed the CRL is itself revoked (PKITS 4.4.21): the CA's
// CRL signing key is revoked, so nothing it signed tells this certificate's status. The finding's
// path is the revocation time (RFC 3339), so path validation can report REVOKED_CA_NO_POE.
inline constexpr std::string_view kCrlSignerRevoked = "revocation.crl.signer_revoked";
// The issuer may not sign CRLs (keyUsage without cRLSign, RFC 5280 4.2.1.3).
inline constexpr std::string_view kCrlSignerNotAuthorized = "revocation.crl.signer_not_authorized";
// A delta CRL in scope exists but is stale or does not verify: the complete CRL is not used alone.
inline constexpr std::string_view kCrlDeltaUnusable = "revocation.crl.delta_unusable";
// The CRLs in scope do not cover every reason code (RFC 5280 6.3.3 (k): status UNDETERMINED).
inline constexpr std::string_view kCrlReasonsIncomplete = "revocation.crl.reasons_incomplete";
// CRLs by this certificate's issuer exist but none covers its distribution point / scope.
inline constexpr std::string_view kCrlOutOfScope = "revocation.crl.out_of_scope";
// The revocation (or suspension) date is after the validation time: good at that time.
inline constexpr std::string_view kRevokedAfterTime = "revocation.revoked_after_validation_time";
// The OCSP responder answered with a status other than successful (RFC 6960 4.2.1).
inline constexpr std::string_view kOcspResponseStatus = "revocation.ocsp.response_status";
// A SingleResponse names this serial but hashes another issuer name or key (RFC 6960 4.1.1).
inline constexpr std::string_view kOcspCertIdMismatch = "revocation.ocsp.cert_id_mismatch";
// No certificate matching the responderID may sign for this CA (RFC 6960 4.2.2.2).
inline constexpr std::string_view kOcspResponderNotFound = "revocation.ocsp.responder_not_found";
// The response signature does not verify with the responder's key.
inline constexpr std::string_view kOcspSignatureInvalid = "revocation.ocsp.signature_invalid";
// A delegated responder certificate is not issued by the CA or lacks id-kp-OCSPSigning.
inline constexpr std::string_view kOcspResponderNotAuthorized = "revocation.ocsp.responder_not_authorized";
// The delegated responder's certificate has no valid path.
inline constexpr std::string_view kOcspResponderPathInvalid = "revocation.ocsp.responder_path_invalid";
// The SingleResponse's nextUpdate is before the validation time.
inline constexpr std::string_view kOcspStale = "revocation.ocsp.stale";
// A critical response or single extension that is not processed.
inline constexpr std::string_view kOcspUnknownCriticalExtension = "revocation.ocsp.unknown_critical_extension";
// The responder says "unknown" for this certificate (RFC 6960 2.2).
inline constexpr std::string_view kOcspStatusUnknown = "revocation.ocsp.status_unknown";
// A responder certificate with id-pkix-ocsp-nocheck: its own revocation is not checked
// (RFC 6960 4.2.2.2.1).
inline constexpr std::string_view kOcspNoCheck = "revocation.ocsp.nocheck";
// Fetching revocation data online failed, or what came back does not parse.
inline constexpr std::string_view kOnlineFetchFailed = "revocation.online.fetch_failed";
inline constexpr std::string_view kOnlineUnparseable = "revocation.online.unparseable";

}  // namespace assay::validation::revocation_findings
