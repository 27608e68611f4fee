// Stable reason ids of qualification answers (TS 119 615). Every answer, every filtered state and
// every decision carries one of these; they appear in the CLI's JSON, the HTTP API and auditors'
// files, so ids may be added but never renamed. docs/qualification.md explains each one.
#pragma once

namespace assay::tsl::reason {

// --- Certificate and chain ---------------------------------------------------------------
// The end-entity certificate has malformed content (QcStatements, extensions); answers are given
// from what could be read.
inline constexpr char kCertificateMalformedExtension[] = "qual.certificate.malformed_extension";
// The chain was given out of order; it was re-ordered by issuer/subject linkage.
inline constexpr char kChainReordered[] = "qual.chain.reordered";
// A chain certificate has the issuer's name (and AKI) but the issuer's key does not verify it.
inline constexpr char kChainSignatureMismatch[] = "qual.chain.signature_mismatch";
// A certificate of the input is not part of the end entity's chain.
inline constexpr char kChainUnlinkedCertificate[] = "qual.chain.unlinked_certificate";
// The issuer's signature could not be checked (unsupported algorithm, undecodable key).
inline constexpr char kChainSignatureUncheckable[] = "qual.chain.signature_uncheckable";
// No certificate of the chain, and no listed certificate, is the end entity's issuer.
inline constexpr char kChainIssuerUnknown[] = "qual.chain.issuer_unknown";
// A listed service certificate has the end entity's issuer name / key id, but its key does not
// verify the end entity: the names matched but the signature did not.
inline constexpr char kListedIssuerSignatureMismatch[] = "qual.chain.listed_issuer_signature_mismatch";

// --- Services ---------------------------------------------------------------------------------
// No service of the trust snapshot matches any certificate of the verified chain.
inline constexpr char kNoListedService[] = "qual.services.none_listed";
// A candidate service had no state in force at the instant (not listed yet).
inline constexpr char kNoStateInForce[] = "qual.state.none_in_force";
// The state in force is not of type CA/QC (step 2) while another candidate's is.
inline constexpr char kFilteredNotCaQc[] = "qual.filter.not_ca_qc";
// No candidate state in force is CA/QC: the certificate is not qualified (step 2).
inline constexpr char kNoCaQcService[] = "qual.services.no_ca_qc";
// Step 3: the state's additional service information does not cover the certificate's type and
// no qualifier overrules it.
inline constexpr char kFilteredTypeNotCovered[] = "qual.filter.type_not_covered";
// Step 3 left no state.
inline constexpr char kNoServiceForType[] = "qual.services.none_for_type";
// Step 6: the state's status is not granted-equivalent (or its regime does not match its start).
inline constexpr char kFilteredNotGranted[] = "qual.filter.not_granted";
inline constexpr char kFilteredRegimeMismatch[] = "qual.filter.status_regime_mismatch";
// Step 1 (status coherence): a pre-eIDAS granted-equivalent status (undersupervision,
// supervisionincessation, accredited) of a CA/QC service still in force on or after
// 2016-06-30T22:00:00Z: the list is incoherent for that service and its answer is "not applicable".
inline constexpr char kIncoherentStatusAfterEidas[] = "qual.coherence.pre_eidas_status_after_eidas";
// Step 7, decided one aspect at a time (the kDropped* names are historical: a contradiction no
// longer drops the state). The ids name the contradiction; the aspect it decides:
//   QC: QCStatement with NotQualified -> this state cannot make the certificate a QC.
inline constexpr char kDroppedQcStatementWithNotQualified[] = "qual.consistency.qcstatement_with_notqualified";
//   QSCD -> no: a with-QSCD qualifier with a no-QSCD one; a ...StatusAsInCert qualifier with an
//   explicit one; a post-eIDAS state whose only QSCD qualifiers are the pre-eIDAS SSCD ones.
inline constexpr char kDroppedQscdContradiction[] = "qual.consistency.qscd_with_noqscd";
inline constexpr char kDroppedAsInCertWithExplicit[] = "qual.consistency.statusasincert_with_explicit_qscd";
inline constexpr char kSscdQualifiersOnPostEidasState[] = "qual.consistency.sscd_qualifiers_on_post_eidas_state";
//   Type (usage) -> "not applicable": several usage qualifiers; QCForLegalPerson with QCForESig;
//   one usage qualifier on a state whose additional service information lacks the matching one.
inline constexpr char kDroppedTwoUsages[] = "qual.consistency.several_usage_qualifiers";
inline constexpr char kDroppedLegalPersonWithESig[] = "qual.consistency.legalperson_with_qcforesig";
inline constexpr char kDroppedUsageWithoutAsi[] = "qual.consistency.usage_without_asi";
// Step 5: the states lead to different answers: not applicable.
inline constexpr char kConflict[] = "qual.conflict";
// Step 5: a state whose own answer is "not applicable" (coherence, usage contradiction,
// undetermined criteria) makes the instant "not applicable".
inline constexpr char kStateNotApplicable[] = "qual.state.not_applicable";
// A criteria list holds a criterion the engine does not know: it never matches.
inline constexpr char kUnknownCriterion[] = "qual.criteria.unknown_criterion";
// Step 4: a KeyUsageBit name outside the TS 119 612 vocabulary (a list defect): that bit cannot be
// checked, so its KeyUsage criterion is neither true nor false.
inline constexpr char kUnknownKeyUsageBit[] = "qual.criteria.unknown_key_usage_bit";
// Step 4: whether a qualification element applies depends on such a bit, and the state's answer
// differs with and without its qualifiers: the state's answer is "not applicable".
inline constexpr char kCriteriaUndetermined[] = "qual.criteria.undetermined";

// --- Decisions (the rule behind QC / type / QSCD) ------------------------------------------
inline constexpr char kQcNoGrantedState[] = "qual.qc.no_granted_state";
inline constexpr char kQcNotQualifiedQualifier[] = "qual.qc.qualifier_notqualified";
inline constexpr char kQcStatementQualifier[] = "qual.qc.qualifier_qcstatement";
inline constexpr char kQcFromCertificate[] = "qual.qc.from_certificate";
inline constexpr char kQcPreEidasPolicy[] = "qual.qc.pre_eidas_policy";
inline constexpr char kQcNoCompliance[] = "qual.qc.no_compliance";
inline constexpr char kQcCcLegislation[] = "qual.qc.cclegislation";
inline constexpr char kQcConflict[] = "qual.qc.conflict";

inline constexpr char kTypePreEidasState[] = "qual.type.pre_eidas_state";
inline constexpr char kTypeQualifier[] = "qual.type.qualifier";
inline constexpr char kTypeFromQcType[] = "qual.type.from_qctype";
inline constexpr char kTypeDefaultESig[] = "qual.type.default_esig";
inline constexpr char kTypeUnknown[] = "qual.type.unknown";
inline constexpr char kTypeSeveralQcTypes[] = "qual.type.several_qctypes";
inline constexpr char kTypeNotQc[] = "qual.type.certificate_not_qc";

inline constexpr char kQscdQualifier[] = "qual.qscd.qualifier";
inline constexpr char kQscdAsInCertQualifier[] = "qual.qscd.qualifier_as_in_cert";
inline constexpr char kQscdFromCertificate[] = "qual.qscd.from_certificate";
inline constexpr char kQscdWebHasNone[] = "qual.qscd.web_has_none";
inline constexpr char kQscdNotQc[] = "qual.qscd.not_qc";

// --- Combination and trust --------------------------------------------------------------------
inline constexpr char kCombinedEqual[] = "qual.combine.equal";
inline constexpr char kCombinedNotApplicable[] = "qual.combine.not_applicable";
inline constexpr char kCombinedDiffer[] = "qual.combine.differ";
// The asked time is later than the snapshot's trust time by more than the tolerance: changes
// after the trust time are unknown to this answer.
inline constexpr char kTrustSnapshotOld[] = "qual.trust.snapshot_older_than_time";
// A list used for the answer was past its NextUpdate at the trust time (still in force, stale).
inline constexpr char kTrustListExpired[] = "qual.trust.list_expired";
// The asked time is before the certificate's notBefore.
inline constexpr char kTimeBeforeIssuance[] = "qual.time.before_issuance";
// The asked time is after the certificate's notAfter.
inline constexpr char kTimeAfterExpiry[] = "qual.time.after_expiry";

// --- Time-stamps (QTSA) -----------------------------------------------------------------------
inline constexpr char kTstGranted[] = "qual.tst.qtst_granted";
inline constexpr char kTstNoQtstService[] = "qual.tst.no_qtst_service";
inline constexpr char kTstNotGranted[] = "qual.tst.not_granted";

}  // namespace assay::tsl::reason
