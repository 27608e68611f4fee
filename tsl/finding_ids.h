// Stable finding ids of the trusted-list parser. They appear in JSON output and golden files:
// add new ones freely, never rename. docs/findings.md describes each.
#pragma once

namespace assay::tsl::finding {

// Scheme information
inline constexpr char kMissingElement[] = "tsl.structure.missing_element";
inline constexpr char kUnsupportedVersion[] = "tsl.scheme.unsupported_version";
inline constexpr char kBadNumber[] = "tsl.structure.bad_number";
inline constexpr char kBadDate[] = "tsl.structure.bad_date";
inline constexpr char kDateWithoutZone[] = "tsl.structure.date_without_zone";
inline constexpr char kBadBase64[] = "tsl.structure.bad_base64";
inline constexpr char kUnknownTslType[] = "tsl.scheme.unknown_tsl_type";
inline constexpr char kMissingTslTag[] = "tsl.scheme.missing_tsl_tag";
inline constexpr char kPointerWithoutLocation[] = "tsl.pointer.missing_location";
inline constexpr char kPointerWithoutCertificates[] = "tsl.pointer.no_certificates";
// An element the TS 119 612 schema allows once occurs more than once under its parent.
inline constexpr char kDuplicateElement[] = "tsl.structure.duplicate_element";

// Providers and services
inline constexpr char kEmptyTsp[] = "tsl.tsp.no_services";
inline constexpr char kUnknownServiceType[] = "tsl.service.unknown_type";
inline constexpr char kUnknownStatus[] = "tsl.service.unknown_status";
inline constexpr char kStatusRegimeMismatch[] = "tsl.service.status_regime_mismatch";
inline constexpr char kHistoryOutOfOrder[] = "tsl.service.history_out_of_order";
inline constexpr char kHistoryDuplicateTime[] = "tsl.service.history_duplicate_time";
inline constexpr char kDuplicateService[] = "tsl.service.duplicate";
inline constexpr char kNoDigitalId[] = "tsl.service.no_digital_identity";
inline constexpr char kUnknownQualifier[] = "tsl.service.unknown_qualifier";
inline constexpr char kUnknownAsi[] = "tsl.service.unknown_additional_information";
inline constexpr char kUnknownCriterion[] = "tsl.service.unknown_criterion";
inline constexpr char kBadCriteriaAssert[] = "tsl.service.bad_criteria_assert";
inline constexpr char kBadKeyUsageBit[] = "tsl.service.bad_key_usage_bit";

}  // namespace assay::tsl::finding

namespace assay::tsl::finding {

// Authentication and freshness (tsl/authentication.h)
inline constexpr char kExpired[] = "tsl.freshness.expired";
inline constexpr char kIssuedAfterTrustTime[] = "tsl.freshness.issued_after_trust_time";
inline constexpr char kSignerExpiredAtTrustTime[] = "tsl.auth.signer_expired_at_trust_time";
inline constexpr char kV6WithoutSigningCertificateV2[] = "tsl.auth.v6_without_signing_certificate_v2";
inline constexpr char kSignerNotTrusted[] = "tsl.auth.signer_not_trusted";
inline constexpr char kTerritoryMismatch[] = "tsl.auth.territory_mismatch";
inline constexpr char kTypeMismatch[] = "tsl.auth.type_mismatch";
// A value authentication relies on (version, sequence, type, territory, dates) occurs twice in
// the signed content: which one is signed "the" value is ambiguous, so the list is rejected.
inline constexpr char kAmbiguousSignedValue[] = "tsl.auth.ambiguous_signed_value";
inline constexpr char kPivotSkipped[] = "tsl.pivot.skipped";
inline constexpr char kPivotRestartedFromAnchors[] = "tsl.pivot.restarted_from_anchors";
inline constexpr char kPivotChainBroken[] = "tsl.pivot.chain_broken";
inline constexpr char kTooManyPivots[] = "tsl.pivot.too_many";

}  // namespace assay::tsl::finding

namespace assay::tsl::finding {

// Refresh (tsl/refresh.h)
inline constexpr char kSequenceRegression[] = "tsl.refresh.sequence_regression";
inline constexpr char kSameSequenceNewContent[] = "tsl.refresh.same_sequence_new_content";
inline constexpr char kNotAList[] = "tsl.refresh.not_a_list";
inline constexpr char kStoreFailure[] = "tsl.refresh.store_failure";
inline constexpr char kInForceNoLongerTrusted[] = "tsl.refresh.in_force_no_longer_trusted";

}  // namespace assay::tsl::finding
