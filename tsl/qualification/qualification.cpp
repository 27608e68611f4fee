#include "tsl/qualification/qualification.h"

#include <algorithm>

#include "engine/check.h"
#include "tsl/qualification/internal/facts.h"
#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl {
namespace {

using engine::Severity;

void add_list(TrustProvenance& trust, const ListVersion& v) {
  for (const auto& l : trust.lists_used) {
    if (l.sha256 == v.sha256) return;
  }
  trust.lists_used.push_back(v);
}

TrustProvenance provenance(const TrustSnapshot& snapshot, std::span<const CandidateService> candidates) {
  TrustProvenance t;
  t.trust_time = snapshot.trust_time();
  if (snapshot.lotl() && snapshot.lotl()->list) t.lotl = list_version_of(*snapshot.lotl()->list);
  for (const auto& c : candidates) add_list(t, *c.timeline->version);
  return t;
}

void trust_reasons(const TrustSnapshot& snapshot, std::span<const CandidateService> candidates, UtcTime at,
                   const QualificationOptions& options, engine::Findings& reasons) {
  if (at > snapshot.trust_time() + options.trust_time_tolerance) {
    reasons.push_back({reason::kTrustSnapshotOld, Severity::kWarning,
                       "the trust snapshot was built for " + engine::format_utc_time(snapshot.trust_time()) +
                           ", before the asked time " + engine::format_utc_time(at) +
                           ": list changes after the trust time are not known to this answer",
                       ""});
  }
  std::vector<const SnapshotList*> seen;
  for (const auto& c : candidates) {
    if (std::find(seen.begin(), seen.end(), c.list) != seen.end()) continue;
    seen.push_back(c.list);
    const auto& next = c.list->list().scheme.next_update;
    if (next && *next < snapshot.trust_time()) {
      reasons.push_back({reason::kTrustListExpired, Severity::kWarning,
                         "the list " + c.list->list().scheme.territory + " (sequence " +
                             std::to_string(c.list->list().scheme.sequence_number) + ") was past its NextUpdate (" +
                             engine::format_utc_time(*next) + ") at the trust time; it is the last good version",
                         c.list->url});
    }
  }
}

}  // namespace

std::string_view qc_status_name(QcStatus s) noexcept {
  switch (s) {
    case QcStatus::kYes: return "yes";
    case QcStatus::kNo: return "no";
    case QcStatus::kNotApplicable: return "na";
  }
  return "?";
}

std::string_view qc_use_name(QcUse u) noexcept {
  switch (u) {
    case QcUse::kESig: return "esig";
    case QcUse::kESeal: return "eseal";
    case QcUse::kWsa: return "wsa";
    case QcUse::kUnknown: return "unknown";
  }
  return "?";
}

std::string_view qscd_status_name(QscdStatus s) noexcept {
  switch (s) {
    case QscdStatus::kYes: return "yes";
    case QscdStatus::kNo: return "no";
    case QscdStatus::kNotApplicable: return "na";
  }
  return "?";
}

std::string_view eu_label(const QualificationAnswer& a) noexcept {
  if (a.qc == QcStatus::kNotApplicable) return "N/A";
  if (a.type == QcUse::kWsa) return "Not AdES";
  if (a.qc == QcStatus::kYes) {
    const bool qscd = a.qscd == QscdStatus::kYes;
    switch (a.type) {
      case QcUse::kESig: return qscd ? "QESig" : "AdESig-QC";
      case QcUse::kESeal: return qscd ? "QESeal" : "AdESeal-QC";
      default: return qscd ? "Unknown-QC-QSCD" : "Unknown-QC";
    }
  }
  switch (a.type) {
    case QcUse::kESig: return "AdESig";
    case QcUse::kESeal: return "AdESeal";
    default: return "Unknown";
  }
}

QualificationAnswer combine(const QualificationAnswer& issuance, const QualificationAnswer& at, Rule* rule) {
  if (issuance == at) {
    if (rule) *rule = {reason::kCombinedEqual, "the answers at issuance and at the asked time are equal"};
    return at;
  }
  if (issuance.qc == QcStatus::kNotApplicable || at.qc == QcStatus::kNotApplicable) {
    if (rule) *rule = {reason::kCombinedNotApplicable, "one of the two instants is not applicable (conflict), so the result is too"};
    return {QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable};
  }
  QualificationAnswer r;
  r.qc = issuance.qc == QcStatus::kYes && at.qc == QcStatus::kYes ? QcStatus::kYes : QcStatus::kNo;
  r.type = issuance.type == at.type ? at.type : QcUse::kUnknown;
  r.qscd = r.qc == QcStatus::kYes ? at.qscd : QscdStatus::kNotApplicable;
  if (rule) {
    *rule = {reason::kCombinedDiffer,
             "the instants differ: QC only if QC at both (" + std::string(qc_status_name(issuance.qc)) + " at issuance, " +
                 std::string(qc_status_name(at.qc)) + " at the asked time); type kept only if equal; QSCD from the asked time"};
  }
  return r;
}

QualificationResult qualify(const TrustSnapshot& snapshot, std::span<const engine::CertificatePtr> chain, UtcTime at,
                            const QualificationOptions& options) {
  ASSAY_CHECK(!chain.empty());
  QualificationResult r;
  r.chain = order_chain(chain, options.cache);
  r.reasons = r.chain.reasons;
  const engine::Certificate& c = r.certificate();
  for (const auto& f : c.findings()) {
    r.reasons.push_back({reason::kCertificateMalformedExtension, Severity::kWarning,
                         "the certificate has malformed content (" + f.id + ": " + f.message +
                             "); the answer uses what could be read",
                         f.path});
  }
  r.candidates = find_candidates(snapshot, r.chain, options.cache, r.reasons);
  if (r.candidates.empty()) {
    r.reasons.push_back({reason::kNoListedService, Severity::kInfo,
                         "no trust service of the snapshot matches '" + c.subject().rfc4514 + "' or its verified chain",
                         ""});
  }
  r.issuance = c.not_before();
  if (at < c.not_before()) {
    r.reasons.push_back({reason::kTimeBeforeIssuance, Severity::kWarning,
                         "the asked time is before the certificate's notBefore", ""});
  } else if (at > c.not_after()) {
    r.reasons.push_back({reason::kTimeAfterExpiry, Severity::kInfo, "the asked time is after the certificate's notAfter", ""});
  }
  trust_reasons(snapshot, r.candidates, at, options, r.reasons);
  r.at_issuance = qualify_at(c, r.candidates, r.issuance);
  r.at_time = qualify_at(c, r.candidates, at);
  r.result = combine(r.at_issuance.answer, r.at_time.answer, &r.combination);
  r.label = eu_label(r.result);
  r.trust = provenance(snapshot, r.candidates);
  return r;
}

TimestampQualification qualify_timestamp(const TrustSnapshot& snapshot, std::span<const engine::CertificatePtr> chain,
                                         UtcTime generation_time, const QualificationOptions& options) {
  ASSAY_CHECK(!chain.empty());
  TimestampQualification r;
  r.at = generation_time;
  r.chain = order_chain(chain, options.cache);
  r.reasons = r.chain.reasons;
  r.candidates = find_candidates(snapshot, r.chain, options.cache, r.reasons);
  bool any_qtst = false;
  for (std::uint32_t i = 0; i < r.candidates.size(); ++i) {
    StateEvaluation s;
    s.candidate = i;
    s.state = r.candidates[i].timeline->at(generation_time);
    if (!s.state) {
      s.excluded_id = reason::kNoStateInForce;
      s.excluded_text = "no state in force at " + engine::format_utc_time(generation_time);
    } else if (s.state->state->type != internal::kTsaQtst) {
      s.excluded_id = reason::kFilteredNotCaQc;
      s.excluded_text = "the state in force is of type '" + std::string(vocabulary::short_name(s.state->state->type)) +
                        "', not TSA/QTST";
    } else {
      any_qtst = true;
      const char* why = nullptr;
      s.granted = internal::granted_for_regime(*s.state, &why);
      if (!s.granted) {
        s.excluded_id = why;
        s.excluded_text = "status '" + std::string(vocabulary::short_name(s.state->state->status)) + "' is not granted-equivalent";
      } else if (!r.qualified) {
        r.qualified = true;
        r.rule = {reason::kTstGranted, "the TSA matches the TSA/QTST service '" + r.candidates[i].timeline->name() + "' (" +
                                           r.candidates[i].list->list().scheme.territory + "), " +
                                           std::string(vocabulary::short_name(s.state->state->status)) + " since " +
                                           engine::format_utc_time(s.state->start)};
      }
    }
    r.states.push_back(std::move(s));
  }
  if (!r.qualified) {
    r.rule = any_qtst ? Rule{reason::kTstNotGranted, "no matching TSA/QTST service was granted at " +
                                                         engine::format_utc_time(generation_time)}
                      : Rule{reason::kTstNoQtstService, "no TSA/QTST service matching the TSA certificate was in force at " +
                                                            engine::format_utc_time(generation_time)};
  }
  return r;
}

}  // namespace assay::tsl
