// The per-instant procedure (QUALIFICATION.md steps 1-9; TS 119 615 4.4).
#include <algorithm>

#include "tsl/qualification/criteria.h"
#include "tsl/qualification/internal/decide.h"
#include "tsl/qualification/internal/facts.h"
#include "tsl/qualification/qualification.h"
#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl {
namespace {

using namespace internal;
using engine::Severity;

// More undetermined elements than this in one state are not enumerated: the state is "not
// applicable" at once (2^n evaluations otherwise; real lists have a handful of elements).
constexpr std::size_t kMaxUndeterminedElements = 6;

std::string describe_service(const CandidateService& c) {
  return "'" + c.timeline->name() + "' (" + c.list->list().scheme.territory + ", " + c.timeline->tsp_name() + ")";
}

std::string answer_text(const QualificationAnswer& a) {
  return "QC " + std::string(qc_status_name(a.qc)) + ", " + std::string(qc_use_name(a.type)) + ", QSCD " +
         std::string(qscd_status_name(a.qscd));
}

void set_not_applicable(StateEvaluation& s, const char* id, std::string text) {
  s.answer = kNotApplicableAnswer;
  s.qc_rule = s.type_rule = s.qscd_rule = {id, std::move(text)};
}

// Step 4's elements of one state, sorted by outcome.
struct Applied {
  std::uint32_t bits = 0;                  // qualifiers of the matching elements
  std::vector<std::uint32_t> undetermined;  // indices of elements that could not be decided
};

Applied evaluate_elements(StateEvaluation& s, const CandidateService& c, const engine::Certificate& certificate) {
  Applied out;
  const auto& ext = s.state->state->extensions;
  std::vector<std::string> unknown_seen;
  for (std::uint32_t e = 0; e < ext.qualifications.size(); ++e) {
    const auto& element = ext.qualifications[e];
    auto eval = evaluate_criteria(element.criteria, certificate);
    for (const auto& name : eval.unknown_key_usage_bits) {
      if (std::find(unknown_seen.begin(), unknown_seen.end(), name) != unknown_seen.end()) continue;
      unknown_seen.push_back(name);
      s.findings.push_back({reason::kUnknownKeyUsageBit, Severity::kWarning,
                            "the service " + describe_service(c) + " names KeyUsageBit '" + name +
                                "' in a criteria list: not one of TS 119 612's nine names (digitalSignature, "
                                "nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, crlSign, "
                                "encipherOnly, decipherOnly), so that bit cannot be checked",
                            ""});
    }
    switch (eval.outcome) {
      case CriteriaOutcome::kFalse: s.unmatched_criteria.push_back(std::move(eval.trace)); break;
      case CriteriaOutcome::kUndetermined:
        s.undetermined_criteria.push_back(std::move(eval.trace));
        out.undetermined.push_back(e);
        break;
      case CriteriaOutcome::kTrue:
        for (const auto& uri : element.qualifiers) {
          out.bits |= qualifier_bit(uri);
          if (std::find(s.qualifiers.begin(), s.qualifiers.end(), uri) == s.qualifiers.end()) s.qualifiers.push_back(uri);
        }
        s.matched.push_back({e, element.qualifiers, std::move(eval.trace)});
        break;
    }
  }
  return out;
}

// Step 3, then steps 6-8, for a copy of `base` to which the qualifiers `uris` (bits `q`) apply.
StateEvaluation judge(const StateEvaluation& base, const CertificateFacts& f, std::vector<std::string> uris,
                      std::uint32_t q, std::uint32_t asi) {
  StateEvaluation s = base;
  s.qualifiers = std::move(uris);
  if (f.post_eidas && f.own_type != QcUse::kUnknown && !covers_type(f.own_type, q, asi)) {
    s.excluded_id = reason::kFilteredTypeNotCovered;
    s.excluded_text = "the service's additional information does not cover a " + std::string(use_text(f.own_type)) +
                      " certificate" + ((q & kLegalPerson) ? " (QCForLegalPerson applies)" : "") +
                      " and no qualifier overrules the type";
    return s;
  }
  decide_state(s, f, q, asi);
  return s;
}

bool same_outcome(const StateEvaluation& a, const StateEvaluation& b) {
  const bool fa = a.excluded_id == reason::kFilteredTypeNotCovered;
  const bool fb = b.excluded_id == reason::kFilteredTypeNotCovered;
  return fa || fb ? fa == fb : a.answer == b.answer;
}

// Steps 3 and 6-8 for one state, honest about undetermined elements: their qualifiers may or may
// not apply, so every combination is judged; the state keeps its answer only when all agree.
StateEvaluation judge_state(const StateEvaluation& s, const Applied& applied, const CertificateFacts& f,
                            std::uint32_t asi) {
  StateEvaluation base = judge(s, f, s.qualifiers, applied.bits, asi);
  if (applied.undetermined.empty()) return base;
  const auto& elements = s.state->state->extensions.qualifications;
  bool differs = applied.undetermined.size() > kMaxUndeterminedElements;
  std::string with;
  for (std::uint32_t mask = 1; !differs && mask < (1u << applied.undetermined.size()); ++mask) {
    std::vector<std::string> uris = s.qualifiers;
    std::uint32_t q = applied.bits;
    for (std::size_t i = 0; i < applied.undetermined.size(); ++i) {
      if (!(mask & (1u << i))) continue;
      for (const auto& uri : elements[applied.undetermined[i]].qualifiers) {
        q |= qualifier_bit(uri);
        if (std::find(uris.begin(), uris.end(), uri) == uris.end()) uris.push_back(uri);
      }
    }
    const StateEvaluation alt = judge(s, f, uris, q, asi);
    if (!same_outcome(base, alt)) {
      differs = true;
      with = alt.answer ? answer_text(*alt.answer) : "set aside by the type filter";
    }
  }
  if (!differs) return base;
  StateEvaluation out = base;
  out.excluded_id.clear();
  out.excluded_text.clear();
  const std::string without = base.answer ? answer_text(*base.answer) : "set aside by the type filter";
  set_not_applicable(out, reason::kCriteriaUndetermined,
                     "whether " + std::to_string(applied.undetermined.size()) +
                         " qualification element(s) apply cannot be decided (unknown KeyUsageBit name), and the answer "
                         "differs with their qualifiers (" + (with.empty() ? "too many to enumerate" : with) +
                         ") and without them (" + without + "): not applicable");
  return out;
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
  // Step 1: the state in force at T, and its coherence.
  r.states.resize(candidates.size());
  std::vector<bool> decided(candidates.size(), false);  // answer already fixed by step 1
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
    if (incoherent_status_at(*s.state, at)) {
      const std::string text = "the service " + describe_service(candidates[i]) + " is still '" +
                               std::string(vocabulary::short_name(s.state->state->status)) + "' (since " +
                               engine::format_utc_time(s.state->start) + ") at " + engine::format_utc_time(at) +
                               ", after eIDAS replaced that status by granted or withdrawn on " +
                               engine::format_utc_time(vocabulary::eidas_start()) +
                               ": the list is incoherent for this service, not applicable";
      s.findings.push_back({reason::kIncoherentStatusAfterEidas, Severity::kWarning, text, ""});
      set_not_applicable(s, reason::kIncoherentStatusAfterEidas, text);
      decided[i] = true;
    }
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
  // Step 4 (step 3's overrules need it), step 3, then steps 6-8 per state.
  bool any_left = false;
  for (auto& s : r.states) {
    if (!s.excluded_id.empty()) continue;
    if (!decided[s.candidate]) {
      const Applied applied = evaluate_elements(s, candidates[s.candidate], certificate);
      s = judge_state(s, applied, f, asi_bits(s.state->state->extensions.additional_service_information));
    }
    if (s.excluded_id != reason::kFilteredTypeNotCovered) any_left = true;
  }
  if (!any_left) {
    return conclude_not_qc(reason::kNoServiceForType, "no CA/QC service in force at " + engine::format_utc_time(at) +
                                                          " covers a " + std::string(use_text(f.own_type)) + " certificate");
  }
  // Step 5: every state left after the type filter takes part, granted or not. A state whose own
  // answer is "not applicable" makes the instant so; differing answers are a conflict.
  const StateEvaluation* first = nullptr;  // the first with a definite answer
  const StateEvaluation* granted = nullptr;
  const StateEvaluation* not_applicable = nullptr;
  for (const auto& s : r.states) {
    if (!s.answer) continue;
    if (s.answer->qc == QcStatus::kNotApplicable) {
      if (!not_applicable) not_applicable = &s;
      continue;
    }
    if (!first) first = &s;
    if (!granted && s.granted) granted = &s;
    if (*s.answer != *first->answer) r.conflict = true;
  }
  if (not_applicable) {
    r.not_applicable = true;
    r.answer = kNotApplicableAnswer;
    const std::string text = "the service " + describe_service(candidates[not_applicable->candidate]) +
                             " answers 'not applicable' at " + engine::format_utc_time(at) + ": " + not_applicable->qc_rule.text;
    r.qc_rule = r.type_rule = r.qscd_rule = {not_applicable->qc_rule.id, text};
    r.reasons.push_back({reason::kStateNotApplicable, Severity::kWarning, text, ""});
    return r;
  }
  if (r.conflict) {
    r.not_applicable = true;
    r.answer = kNotApplicableAnswer;
    std::string who;
    for (const auto& s : r.states) {
      if (!s.answer) continue;  // (no state is "not applicable" here)
      r.conflicting.push_back(s.candidate);
      who += (who.empty() ? "" : "; ") + describe_service(candidates[s.candidate]) + " (" +
             std::string(vocabulary::short_name(s.state->state->status)) + ") says " + answer_text(*s.answer);
    }
    const std::string text = "services in force at " + engine::format_utc_time(at) + " lead to different answers: " + who;
    r.qc_rule = r.type_rule = r.qscd_rule = {reason::kConflict, text};
    r.reasons.push_back({reason::kConflict, Severity::kWarning, text, ""});
    return r;
  }
  const StateEvaluation* chosen = granted ? granted : first;
  r.answer = *chosen->answer;
  r.qc_rule = chosen->qc_rule;
  r.type_rule = chosen->type_rule;
  r.qscd_rule = chosen->qscd_rule;
  if (!granted) r.reasons.push_back({chosen->qc_rule.id, Severity::kInfo, chosen->qc_rule.text, ""});
  return r;
}

}  // namespace assay::tsl
