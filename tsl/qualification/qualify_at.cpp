// The per-instant procedure (QUALIFICATION.md steps 1-9; TS 119 615 4.4).
#include <algorithm>

#include "tsl/qualification/criteria.h"
#include "tsl/qualification/internal/facts.h"
#include "tsl/qualification/qualification.h"
#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl {
namespace {

using namespace internal;
using engine::Severity;

std::string short_status(const TimelineState& s) { return std::string(vocabulary::short_name(s.state->status)); }

std::string describe_service(const CandidateService& c) {
  return "'" + c.timeline->name() + "' (" + c.list->list().scheme.territory + ", " + c.timeline->tsp_name() + ")";
}

std::string qualifier_names(std::uint32_t bits, const std::vector<std::string>& uris) {
  std::string out;
  for (const auto& u : uris) {
    if (!(qualifier_bit(u) & bits)) continue;
    if (!out.empty()) out += " + ";
    out += vocabulary::short_name(u);
  }
  return out;
}

// Step 7: a contradictory qualifier set; returns the reason id or nullptr.
const char* inconsistency(std::uint32_t q, std::uint32_t asi, std::uint32_t* culprits) {
  const std::uint32_t with = kWithQscd | kQscdManaged | kWithSscd;
  const std::uint32_t no = kNoQscd | kNoSscd;
  const std::uint32_t as_in_cert = kQscdAsInCert | kSscdAsInCert;
  if ((q & kQcStatement) && (q & kNotQualified)) return *culprits = kQcStatement | kNotQualified, reason::kDroppedQcStatementWithNotQualified;
  if ((q & with) && (q & no)) return *culprits = q & (with | no), reason::kDroppedQscdContradiction;
  if ((q & as_in_cert) && (q & (with | no))) return *culprits = q & (as_in_cert | with | no), reason::kDroppedAsInCertWithExplicit;
  if (popcount(q & kUsageBits) > 1) return *culprits = q & kUsageBits, reason::kDroppedTwoUsages;
  if ((q & kLegalPerson) && (q & kForESig)) return *culprits = kLegalPerson | kForESig, reason::kDroppedLegalPersonWithESig;
  if (((q & kForESig) && !(asi & kAsiESig)) || ((q & kForESeal) && !(asi & kAsiESeal)) ||
      ((q & kForWsa) && !(asi & kAsiWsa))) {
    return *culprits = q & kUsageBits, reason::kDroppedUsageWithoutAsi;
  }
  return nullptr;
}

// Step 3: does the state concern a certificate of this type?
bool covers_type(QcUse type, std::uint32_t q, std::uint32_t asi) {
  const std::uint32_t usage = q & kUsageBits;
  if (popcount(usage) == 1) {  // the qualifiers overrule the type, with the matching ASI
    if ((usage == kForESig && (asi & kAsiESig)) || (usage == kForESeal && (asi & kAsiESeal)) ||
        (usage == kForWsa && (asi & kAsiWsa))) {
      return true;
    }
  }
  switch (type) {
    case QcUse::kESig: return (asi & kAsiESig) && !(q & kLegalPerson);
    case QcUse::kESeal: return asi & kAsiESeal;
    case QcUse::kWsa: return asi & kAsiWsa;
    case QcUse::kUnknown: return true;
  }
  return true;
}

std::string_view use_text(QcUse u) {
  switch (u) {
    case QcUse::kESig: return "eSig";
    case QcUse::kESeal: return "eSeal";
    case QcUse::kWsa: return "web site authentication";
    case QcUse::kUnknown: return "unknown use";
  }
  return "?";
}

Rule own_type_rule(const CertificateFacts& f, const char* context) {
  std::string text = std::string(context) + "the certificate's own type: ";
  if (f.own_type_rule == reason::kTypeFromQcType) text += "its single QcType is " + std::string(use_text(f.own_type));
  else if (f.own_type_rule == reason::kTypeSeveralQcTypes) text += "several QcType values, so unknown";
  else if (f.own_type_rule == reason::kTypeDefaultESig) text += "no QcType on a QC-declaring certificate means eSig";
  else text += "no QcType and no QcCompliance, so unknown";
  return {f.own_type_rule, std::move(text)};
}

// Steps 6-8 for one state that survived steps 1-4.
void decide(StateEvaluation& s, const CertificateFacts& f, std::uint32_t q, std::uint32_t asi) {
  QualificationAnswer a{QcStatus::kNo, f.own_type, QscdStatus::kNotApplicable};
  auto not_qc = [&](const char* id, std::string text) {
    s.qc_rule = {id, std::move(text)};
    s.type_rule = own_type_rule(f, "not a QC, so ");
    s.qscd_rule = {reason::kQscdNotQc, "not a QC: QSCD does not apply"};
    s.answer = a;
  };
  const char* why = nullptr;
  s.granted = granted_for_regime(*s.state, &why);
  if (!s.granted) {
    s.excluded_id = why;
    s.excluded_text = why == reason::kFilteredRegimeMismatch
                          ? "status '" + short_status(*s.state) + "' does not belong to the regime of the period's start (" +
                                engine::format_utc_time(s.state->start) + "): not granted-equivalent"
                          : "status '" + short_status(*s.state) + "' is not granted-equivalent";
    not_qc(reason::kQcNoGrantedState, "no granted state: " + s.excluded_text);
    return;
  }
  std::uint32_t culprits = 0;
  if (const char* bad = inconsistency(q, asi, &culprits)) {
    s.excluded_id = bad;
    s.excluded_text = "the applicable qualifiers contradict each other (" + qualifier_names(culprits, s.qualifiers) +
                      (bad == reason::kDroppedUsageWithoutAsi ? " without the matching additional service information" : "") +
                      "): the state is dropped";
    not_qc(bad, "no consistent granted state: " + s.excluded_text);
    return;
  }
  // QC.
  if (q & kNotQualified) {
    not_qc(reason::kQcNotQualifiedQualifier, "the list overrules: NotQualified applies");
    return;
  }
  if (q & kQcStatement) {
    s.qc_rule = {reason::kQcStatementQualifier, "the list overrules: QCStatement applies, so QC"};
  } else if (f.cc_legislation) {
    not_qc(reason::kQcCcLegislation, "QcCClegislation: qualified under a non-EU legislation, not an EU QC");
    return;
  } else if (f.compliance) {
    s.qc_rule = {reason::kQcFromCertificate, "the certificate declares QcCompliance"};
  } else if (!f.post_eidas && (f.qcp || f.qcp_plus)) {
    s.qc_rule = {reason::kQcPreEidasPolicy,
                 std::string("pre-eIDAS certificate with policy ") + (f.qcp_plus ? "QCP+ (0.4.0.1456.1.1)" : "QCP (0.4.0.1456.1.2)")};
  } else {
    not_qc(reason::kQcNoCompliance, f.post_eidas ? "the certificate has no QcCompliance statement"
                                                 : "the certificate has neither QcCompliance nor a QCP/QCP+ policy");
    return;
  }
  a.qc = QcStatus::kYes;
  // Type.
  const bool pre_state = !vocabulary::is_post_eidas(s.state->start);
  const std::uint32_t usage = q & kUsageBits;
  if (pre_state) {
    a.type = QcUse::kESig;
    s.type_rule = {reason::kTypePreEidasState, "the granted state started before eIDAS: eSig"};
  } else if (usage) {
    a.type = usage == kForESig ? QcUse::kESig : usage == kForESeal ? QcUse::kESeal : QcUse::kWsa;
    s.type_rule = {reason::kTypeQualifier, "the list overrules the type: " + qualifier_names(usage, s.qualifiers)};
  } else {
    a.type = f.own_type;
    s.type_rule = own_type_rule(f, "");
  }
  // QSCD.
  const bool cert_qscd = f.sscd || (!f.post_eidas && f.qcp_plus);
  const std::string cert_text = f.sscd ? "the certificate declares QcSSCD"
                                : cert_qscd ? "pre-eIDAS certificate with policy QCP+"
                                            : "the certificate declares no QcSSCD";
  if (a.type == QcUse::kWsa) {
    a.qscd = QscdStatus::kNo;
    s.qscd_rule = {reason::kQscdWebHasNone, "web site authentication certificates have no QSCD"};
  } else {
    const std::uint32_t yes = pre_state ? kWithSscd : (kWithQscd | kQscdManaged);
    const std::uint32_t no = pre_state ? kNoSscd : kNoQscd;
    const std::uint32_t as_cert = pre_state ? kSscdAsInCert : kQscdAsInCert;
    if (q & yes) {
      a.qscd = QscdStatus::kYes;
      s.qscd_rule = {reason::kQscdQualifier, "the list says " + qualifier_names(q & yes, s.qualifiers)};
    } else if (q & no) {
      a.qscd = QscdStatus::kNo;
      s.qscd_rule = {reason::kQscdQualifier, "the list says " + qualifier_names(q & no, s.qualifiers)};
    } else if (q & as_cert) {
      a.qscd = cert_qscd ? QscdStatus::kYes : QscdStatus::kNo;
      s.qscd_rule = {reason::kQscdAsInCertQualifier,
                     "the list says " + qualifier_names(q & as_cert, s.qualifiers) + ": " + cert_text};
    } else {
      a.qscd = cert_qscd ? QscdStatus::kYes : QscdStatus::kNo;
      s.qscd_rule = {reason::kQscdFromCertificate, cert_text};
    }
  }
  s.answer = a;
}

}  // namespace

InstantResult qualify_at(const engine::Certificate& certificate, std::span<const CandidateService> candidates,
                         UtcTime at) {
  InstantResult r;
  r.at = at;
  const CertificateFacts f = certificate_facts(certificate);
  const QualificationAnswer not_qc{QcStatus::kNo, f.own_type, QscdStatus::kNotApplicable};
  auto conclude_not_qc = [&](const char* id, std::string text) {
    r.answer = not_qc;
    r.qc_rule = {id, text};
    r.type_rule = own_type_rule(f, "not a QC, so ");
    r.qscd_rule = {reason::kQscdNotQc, "not a QC: QSCD does not apply"};
    r.reasons.push_back({id, Severity::kInfo, std::move(text), ""});
    return r;
  };
  if (candidates.empty()) {
    return conclude_not_qc(reason::kNoListedService, "no trust service of the snapshot matches the certificate's chain");
  }
  // Step 1: the state in force at T.
  r.states.resize(candidates.size());
  bool any_in_force = false, any_ca_qc = false;
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    auto& s = r.states[i];
    s.candidate = i;
    s.state = candidates[i].timeline->at(at);
    if (!s.state) {
      s.excluded_id = reason::kNoStateInForce;
      s.excluded_text = "the service " + describe_service(candidates[i]) + " had no state in force at " +
                        engine::format_utc_time(at) + " (first listed " +
                        engine::format_utc_time(candidates[i].timeline->states.front().start) + ")";
      continue;
    }
    any_in_force = true;
    if (s.state->state->type == kCaQc) any_ca_qc = true;
  }
  if (!any_in_force) {
    return conclude_not_qc(reason::kNoStateInForce, "no candidate service had a state in force at " + engine::format_utc_time(at));
  }
  // Step 2: CA/QC states only.
  for (auto& s : r.states) {
    if (s.state && s.excluded_id.empty() && s.state->state->type != kCaQc) {
      s.excluded_id = reason::kFilteredNotCaQc;
      s.excluded_text = "the state in force is of type '" + std::string(vocabulary::short_name(s.state->state->type)) +
                        "', not CA/QC";
    }
  }
  if (!any_ca_qc) {
    return conclude_not_qc(reason::kNoCaQcService, "no candidate service was a CA/QC service at " + engine::format_utc_time(at));
  }
  // Step 4 (needed by step 3's overrules): the qualifiers of every matching element.
  std::vector<std::uint32_t> qbits(candidates.size(), 0), abits(candidates.size(), 0);
  for (auto& s : r.states) {
    if (!s.excluded_id.empty()) continue;
    const auto& ext = s.state->state->extensions;
    abits[s.candidate] = asi_bits(ext.additional_service_information);
    for (std::uint32_t e = 0; e < ext.qualifications.size(); ++e) {
      const auto& element = ext.qualifications[e];
      std::string trace;
      if (!criteria_match(element.criteria, certificate, &trace)) {
        s.unmatched_criteria.push_back(std::move(trace));
        continue;
      }
      for (const auto& uri : element.qualifiers) {
        qbits[s.candidate] |= qualifier_bit(uri);
        if (std::find(s.qualifiers.begin(), s.qualifiers.end(), uri) == s.qualifiers.end()) s.qualifiers.push_back(uri);
      }
      s.matched.push_back({e, element.qualifiers, std::move(trace)});
    }
  }
  // Step 3: type filter, post-eIDAS certificates of a known type only.
  bool any_left = false;
  for (auto& s : r.states) {
    if (!s.excluded_id.empty()) continue;
    if (f.post_eidas && f.own_type != QcUse::kUnknown && !covers_type(f.own_type, qbits[s.candidate], abits[s.candidate])) {
      s.excluded_id = reason::kFilteredTypeNotCovered;
      s.excluded_text = "the service's additional information does not cover a " + std::string(use_text(f.own_type)) +
                        " certificate" + ((qbits[s.candidate] & kLegalPerson) ? " (QCForLegalPerson applies)" : "") +
                        " and no qualifier overrules the type";
      continue;
    }
    any_left = true;
  }
  if (!any_left) {
    return conclude_not_qc(reason::kNoServiceForType, "no CA/QC service in force at " + engine::format_utc_time(at) +
                                                          " covers a " + std::string(use_text(f.own_type)) + " certificate");
  }
  // Steps 6-8 per state; step 5 compares the answers of the states that decide.
  const StateEvaluation* decisive = nullptr;
  const StateEvaluation* fallback = nullptr;
  for (auto& s : r.states) {
    if (!s.excluded_id.empty()) continue;
    decide(s, f, qbits[s.candidate], abits[s.candidate]);
    if (!fallback) fallback = &s;
    if (!s.excluded_id.empty()) continue;  // not granted or inconsistent: says "not qualified" only if alone
    if (decisive && *decisive->answer != *s.answer) r.conflict = true;
    if (!decisive) decisive = &s;
  }
  if (r.conflict) {
    r.answer = {QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable};
    std::string who;
    for (const auto& s : r.states) {
      if (!s.excluded_id.empty() || !s.answer) continue;
      r.conflicting.push_back(s.candidate);
      who += (who.empty() ? "" : "; ") + describe_service(candidates[s.candidate]) + " says QC " +
             std::string(qc_status_name(s.answer->qc)) + ", " + std::string(qc_use_name(s.answer->type)) + ", QSCD " +
             std::string(qscd_status_name(s.answer->qscd));
    }
    const std::string text = "services in force at " + engine::format_utc_time(at) + " lead to different answers: " + who;
    r.qc_rule = r.type_rule = r.qscd_rule = {reason::kConflict, text};
    r.reasons.push_back({reason::kConflict, Severity::kWarning, text, ""});
    return r;
  }
  const StateEvaluation* chosen = decisive ? decisive : fallback;
  r.answer = *chosen->answer;
  r.qc_rule = chosen->qc_rule;
  r.type_rule = chosen->type_rule;
  r.qscd_rule = chosen->qscd_rule;
  if (!decisive) {
    r.reasons.push_back({chosen->qc_rule.id, Severity::kInfo, chosen->qc_rule.text, ""});
  }
  return r;
}

}  // namespace assay::tsl
