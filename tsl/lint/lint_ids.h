// Stable finding ids of the list conformance checker (`assay lists lint`), with the clause each
// rule checks. Ids appear in JSON output and golden files: add new ones freely, never rename.
// docs/findings.md (section "Lint") describes each. Parser findings (tsl/finding_ids.h) are
// reported by the linter as they are and never re-raised under a lint id.
#pragma once

namespace assay::tsl::lint::id {

// Scheme information (scheme_rules.cpp, language_rules.cpp)
inline constexpr char kBadTslTag[] = "lint.scheme.bad_tsl_tag";
inline constexpr char kV5IssuedAfterDeadline[] = "lint.scheme.v5_issued_after_v6_deadline";
inline constexpr char kV5InForceAfterDeadline[] = "lint.scheme.v5_in_force_after_v6_deadline";
inline constexpr char kBadSequenceNumber[] = "lint.scheme.bad_sequence_number";
inline constexpr char kBadTslType[] = "lint.scheme.bad_tsl_type";
inline constexpr char kOperatorNameNoEnglish[] = "lint.scheme.operator_name_without_english";
inline constexpr char kOperatorAddressIncomplete[] = "lint.scheme.operator_address_incomplete";
inline constexpr char kSchemeNameWithoutTerritory[] = "lint.scheme.name_without_territory";
inline constexpr char kBadStatusDetermination[] = "lint.scheme.bad_status_determination_approach";
inline constexpr char kMissingCommunityRule[] = "lint.scheme.missing_community_rule";
inline constexpr char kBadHistoricalPeriod[] = "lint.scheme.bad_historical_information_period";
inline constexpr char kNoLotlPointer[] = "lint.scheme.no_lotl_pointer";
inline constexpr char kNextUpdateTooFar[] = "lint.scheme.next_update_too_far";
inline constexpr char kNextUpdatePassed[] = "lint.scheme.next_update_passed";
inline constexpr char kIssuedInFuture[] = "lint.scheme.issued_in_future";
inline constexpr char kClosedList[] = "lint.scheme.closed_list";
inline constexpr char kNoDistributionPoints[] = "lint.scheme.no_distribution_points";
inline constexpr char kBadLanguageTag[] = "lint.lang.bad_tag";

// Providers and services (service_rules.cpp, qualifier_rules.cpp)
inline constexpr char kNoRegistrationIdentifier[] = "lint.tsp.no_registration_identifier";
inline constexpr char kStartInFuture[] = "lint.service.start_in_future";
inline constexpr char kQualificationsNotCaQc[] = "lint.service.qualifications_not_ca_qc";
inline constexpr char kCaQcWithoutUsageAsi[] = "lint.service.ca_qc_without_usage_asi";
inline constexpr char kQcAndNotQualified[] = "lint.qualifier.qc_statement_and_not_qualified";
inline constexpr char kQscdConflict[] = "lint.qualifier.qscd_conflict";
inline constexpr char kAsInCertConflict[] = "lint.qualifier.as_in_cert_conflict";
inline constexpr char kMultipleUsages[] = "lint.qualifier.multiple_usages";
inline constexpr char kLegalPersonForESig[] = "lint.qualifier.legal_person_for_esig";
inline constexpr char kUsageWithoutAsi[] = "lint.qualifier.usage_without_asi";

// The providers' certificates (certificate_rules.cpp)
inline constexpr char kCertUnparsable[] = "lint.cert.unparsable";
inline constexpr char kCertSkiMismatch[] = "lint.cert.ski_mismatch";
inline constexpr char kCertSubjectMismatch[] = "lint.cert.subject_mismatch";
inline constexpr char kCertNotCa[] = "lint.cert.not_ca";
inline constexpr char kCertNoTimeStampingEku[] = "lint.cert.tsa_without_time_stamping_eku";
inline constexpr char kCertNoOcspSigningEku[] = "lint.cert.ocsp_without_ocsp_signing_eku";
inline constexpr char kCertWeakRsaKey[] = "lint.cert.weak_rsa_key";
inline constexpr char kCertSha1Signature[] = "lint.cert.sha1_signature";
inline constexpr char kCertNotValidAtStatusStart[] = "lint.cert.not_valid_at_status_start";
inline constexpr char kCertExpiredWhileGranted[] = "lint.cert.expired_while_granted";
inline constexpr char kCertOrganisationMismatch[] = "lint.cert.organisation_mismatch";
inline constexpr char kCertSharedBetweenServices[] = "lint.cert.shared_between_services";

// LOTL pointers (pointer_rules.cpp)
inline constexpr char kPointerCertUnparsable[] = "lint.pointer.unparsable_certificate";
inline constexpr char kPointerCertExpired[] = "lint.pointer.certificate_expired";
inline constexpr char kPointedListNotSignedByPointer[] = "lint.pointer.pointed_list_signer_not_announced";
inline constexpr char kPointedListSignatureInvalid[] = "lint.pointer.pointed_list_signature_invalid";

// Authentication against --signer (linter.cpp)
inline constexpr char kNotAuthenticated[] = "lint.auth.not_authenticated";

}  // namespace assay::tsl::lint::id
