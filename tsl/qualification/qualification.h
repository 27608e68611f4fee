// Certificate qualification from trusted lists (ETSI TS 119 615, TS 119 172-4; the procedure of
// docs QUALIFICATION.md): was an end-entity certificate a qualified certificate, for which use,
// with its key on a QSCD — at its issuance time and at a time T — and why.
//
// Everything here is a pure function of a TrustSnapshot and certificates. A result references the
// snapshot's timelines (service and state pointers): keep the snapshot alive as long as the
// result. Results are plain values, safe to read from any thread. Evidence is structured data
// (this header) and sentences (explain.h); reason ids are in reason_ids.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "tsl/qualification/chain.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {

// QC: yes, no, or not applicable (conflicting services; the EU test vocabulary's "N/A").
enum class QcStatus : std::uint8_t { kYes, kNo, kNotApplicable };
// The use the certificate is (qualified) for.
enum class QcUse : std::uint8_t { kESig, kESeal, kWsa, kUnknown };
// QSCD: yes / no; not applicable when the certificate is not a QC.
enum class QscdStatus : std::uint8_t { kYes, kNo, kNotApplicable };

std::string_view qc_status_name(QcStatus s) noexcept;   // "yes", "no", "na"
std::string_view qc_use_name(QcUse u) noexcept;         // "esig", "eseal", "wsa", "unknown"
std::string_view qscd_status_name(QscdStatus s) noexcept;  // "yes", "no", "na"

// The answer at one instant, or combined.
struct QualificationAnswer {
  QcStatus qc = QcStatus::kNo;
  QcUse type = QcUse::kUnknown;
  QscdStatus qscd = QscdStatus::kNotApplicable;
  bool operator==(const QualificationAnswer&) const = default;
};

// The EU signature-level label of an answer (QUALIFICATION.md): QESig, QESeal, Unknown-QC-QSCD,
// AdESig-QC, AdESeal-QC, Unknown-QC, Not AdES, AdESig, AdESeal, Unknown, N/A.
std::string_view eu_label(const QualificationAnswer& answer) noexcept;

// The rule that produced one part of an answer: a reason id and a sentence.
struct Rule {
  std::string id;
  std::string text;
};

// A qualification element whose criteria matched the certificate.
struct MatchedElement {
  std::uint32_t element = 0;          // index in the state's Qualifications
  std::vector<std::string> qualifiers;  // its qualifier URIs
  std::string criteria;               // what matched, e.g. "all[KeyUsage(nonRepudiation=true)]"
};

// One candidate's state at one instant and what the procedure did with it.
struct StateEvaluation {
  std::uint32_t candidate = 0;         // index into QualificationResult::candidates
  const TimelineState* state = nullptr;  // the state in force; nullptr = none in force
  std::vector<MatchedElement> matched;   // elements whose criteria matched (step 4)
  std::vector<std::string> qualifiers;   // union of their qualifiers (URIs, document order)
  std::vector<std::string> unmatched_criteria;  // elements whose criteria did not match (text)
  // Elements whose criteria could not be decided (an unknown KeyUsageBit name; step 4) (text).
  std::vector<std::string> undetermined_criteria;
  bool granted = false;                  // step 6
  // Empty when the state took part in the decision (steps 5-8); else the reason id
  // (kFiltered*, kNoStateInForce) and a sentence.
  std::string excluded_id;
  std::string excluded_text;
  // The answer this state alone leads to (steps 6-8), with its rules; set when the state took
  // part. qc == kNotApplicable when the list is incoherent for it (step 1 coherence, step 7
  // usage contradiction, undetermined criteria); the rules then name why.
  std::optional<QualificationAnswer> answer;
  Rule qc_rule, type_rule, qscd_rule;
  // List defects met for this state: step 7 contradictions (each with its qualifiers), unknown
  // KeyUsageBit names, status coherence.
  engine::Findings findings;
};

// The procedure at one instant (QUALIFICATION.md steps 1-9).
struct InstantResult {
  UtcTime at{};
  std::vector<StateEvaluation> states;  // one per candidate, candidate order
  QualificationAnswer answer;
  Rule qc_rule, type_rule, qscd_rule;   // the rules behind the answer
  bool conflict = false;                // step 5: states with different answers
  bool not_applicable = false;          // answer.qc == kNotApplicable (conflict or a state's own N/A)
  std::vector<std::uint32_t> conflicting;  // candidates that contributed to a conflict
  engine::Findings reasons;             // instant-level reasons (no CA/QC, conflict, ...)
};

// Where the trust came from (cited in the evidence).
struct TrustProvenance {
  UtcTime trust_time{};
  std::optional<ListVersion> lotl;
  std::vector<ListVersion> lists_used;  // lists of the candidate services, without duplicates
};

struct QualificationResult {
  OrderedChain chain;                      // chain[0] = end entity
  std::vector<CandidateService> candidates;
  UtcTime issuance{};                      // the end entity's notBefore
  InstantResult at_issuance;
  InstantResult at_time;
  QualificationAnswer result;              // the combination of both instants
  Rule combination;
  std::string label;                       // eu_label(result)
  engine::Findings reasons;                // certificate, chain, service and trust reasons
  TrustProvenance trust;

  const engine::Certificate& certificate() const { return *chain.elements.front().certificate; }
};

struct QualificationOptions {
  // The asked time may be later than the snapshot's trust time by this much before the answer is
  // flagged (kTrustSnapshotOld).
  std::chrono::seconds trust_time_tolerance{std::chrono::hours(24)};
  // Cache of issuer-signature checks and parsed listed certificates; optional. Shared across
  // calls (and threads) to avoid repeating public-key operations.
  SignatureCache* cache = nullptr;
};

// Qualifies the end entity of `chain` (PEM order or any order; the end entity is found by
// linkage) at its issuance and at `at`, and combines both (QUALIFICATION.md). `chain` must not
// be empty (CHECKed). Thread-safe when the cache is.
QualificationResult qualify(const TrustSnapshot& snapshot, std::span<const engine::CertificatePtr> chain, UtcTime at,
                            const QualificationOptions& options = {});

// The per-instant procedure alone (steps 1-9), for callers that already have the candidates.
// The candidates point into their snapshot, which must outlive the call.
InstantResult qualify_at(const engine::Certificate& certificate, std::span<const CandidateService> candidates,
                         UtcTime at);

// QUALIFICATION.md "Combining issuance time and time T".
QualificationAnswer combine(const QualificationAnswer& at_issuance, const QualificationAnswer& at_time, Rule* rule);

// --- Time-stamps ------------------------------------------------------------------------------

struct TimestampQualification {
  bool qualified = false;
  UtcTime at{};
  OrderedChain chain;
  std::vector<CandidateService> candidates;  // services matching the TSA certificate or its chain
  std::vector<StateEvaluation> states;       // state of each at `at`
  Rule rule;
  engine::Findings reasons;
};

// A time-stamp is qualified when its TSA certificate (chain[0] after ordering) matches a TSA/QTST
// service granted-equivalent at `generation_time` (QUALIFICATION.md "Timestamps").
TimestampQualification qualify_timestamp(const TrustSnapshot& snapshot, std::span<const engine::CertificatePtr> chain,
                                         UtcTime generation_time, const QualificationOptions& options = {});

}  // namespace assay::tsl
