#include "tsl/qualification/explain.h"

#include "tsl/qualification/reason_ids.h"
#include "tsl/vocabulary.h"

namespace assay::tsl {
namespace {

std::string interval(const TimelineState& s) {
  return "[" + engine::format_utc_time(s.start) + ", " + engine::format_utc_time(s.end, "open") + ")";
}

std::string element_name(const OrderedChain& chain, std::uint32_t index) {
  const auto& c = *chain.elements[index].certificate;
  return (index == 0 ? "the certificate itself" : "chain element " + std::to_string(index)) + " '" + c.subject().rfc4514 + "'";
}

std::string short_names(const std::vector<std::string>& uris) {
  std::string out;
  for (const auto& u : uris) out += (out.empty() ? "" : ", ") + std::string(vocabulary::short_name(u));
  return out;
}

}  // namespace

std::string describe_candidate(const QualificationResult& r, const CandidateService& c) {
  const auto& v = *c.timeline->version;
  std::string how;
  switch (c.how) {
    case CandidateMatch::kCertificate: how = "the listed certificate is " + element_name(r.chain, c.chain_index); break;
    case CandidateMatch::kSubjectAndKey: how = "a listed certificate has the subject and key of " + element_name(r.chain, c.chain_index); break;
    case CandidateMatch::kSki: how = "a listed SKI equals the SKI of " + element_name(r.chain, c.chain_index); break;
    case CandidateMatch::kListedIssuer: how = "a listed certificate's key verifies the signature of " + element_name(r.chain, c.chain_index); break;
  }
  return "Service '" + c.timeline->name() + "' of '" + c.timeline->tsp_name() + "' (" + v.territory + " list, sequence " +
         std::to_string(v.sequence) + ", SHA-256 " + v.sha256 + ", service id " + c.timeline->id + ", type " +
         std::string(vocabulary::short_name(c.timeline->type())) + "): " + how +
         (c.chain_index > 0 || c.how == CandidateMatch::kListedIssuer ? "; issuer signatures verified up to it." : ".");
}

std::vector<std::string> explain_instant(const QualificationResult& r, const InstantResult& in, std::string_view label) {
  std::vector<std::string> out;
  const std::string when = std::string(label) + " (" + engine::format_utc_time(in.at) + ")";
  for (const auto& s : in.states) {
    const auto& c = r.candidates[s.candidate];
    std::string line = when + ": service '" + c.timeline->name() + "' ";
    if (!s.state) {
      out.push_back(line + "had no state in force.");
      continue;
    }
    line += "was '" + std::string(vocabulary::short_name(s.state->state->status)) + "' over " + interval(*s.state) +
            (s.state->is_current() ? " (current information)" : " (history instance " + std::to_string(s.state->history_index) + ")");
    if (!s.matched.empty()) {
      line += "; qualifiers applied: " + short_names(s.qualifiers) + " (criteria:";
      for (const auto& m : s.matched) line += " " + m.criteria;
      line += ")";
    } else if (!s.unmatched_criteria.empty()) {
      line += "; no qualification element matched (";
      for (std::size_t i = 0; i < s.unmatched_criteria.size(); ++i) line += (i ? " " : "") + s.unmatched_criteria[i];
      line += ")";
    }
    if (!s.undetermined_criteria.empty()) {
      line += "; criteria that cannot be decided (";
      for (std::size_t i = 0; i < s.undetermined_criteria.size(); ++i) line += (i ? " " : "") + s.undetermined_criteria[i];
      line += ")";
    }
    if (!s.excluded_id.empty()) line += "; set aside [" + s.excluded_id + "]: " + s.excluded_text;
    if (s.answer && s.answer->qc == QcStatus::kNotApplicable) line += "; not applicable [" + s.qc_rule.id + "]";
    out.push_back(line + ".");
    for (const auto& f : s.findings) out.push_back(when + ": [" + f.id + "] " + f.message + ".");
  }
  for (const auto& f : in.reasons) {
    if (f.id != in.qc_rule.id && f.id != reason::kStateNotApplicable) out.push_back(when + ": [" + f.id + "] " + f.message + ".");
  }
  if (in.answer.qc == QcStatus::kNotApplicable) {
    out.push_back(when + ": QC, type and QSCD not applicable [" + in.qc_rule.id + "] " + in.qc_rule.text + ".");
    return out;
  }
  out.push_back(when + ": QC " + std::string(qc_status_name(in.answer.qc)) + " [" + in.qc_rule.id + "] " + in.qc_rule.text + ".");
  out.push_back(when + ": type " + std::string(qc_use_name(in.answer.type)) + " [" + in.type_rule.id + "] " +
                in.type_rule.text + ".");
  out.push_back(when + ": QSCD " + std::string(qscd_status_name(in.answer.qscd)) + " [" + in.qscd_rule.id + "] " +
                in.qscd_rule.text + ".");
  return out;
}

std::vector<std::string> explain(const QualificationResult& r) {
  std::vector<std::string> out;
  const auto& c = r.certificate();
  out.push_back("Certificate '" + c.subject().rfc4514 + "' issued by '" + c.issuer().rfc4514 + "', serial " + c.serial_hex() +
                ", SHA-256 " + c.fingerprint_hex() + ", valid from " + engine::format_utc_time(c.not_before()) + " to " +
                engine::format_utc_time(c.not_after()) + ".");
  for (std::size_t i = 1; i < r.chain.elements.size(); ++i) {
    out.push_back("Chain element " + std::to_string(i) + " '" + r.chain.elements[i].certificate->subject().rfc4514 +
                  "' verifies the signature of the element below it.");
  }
  for (const auto& f : r.reasons) out.push_back("[" + f.id + "] " + f.message + ".");
  for (const auto& cand : r.candidates) out.push_back(describe_candidate(r, cand));
  for (auto& s : explain_instant(r, r.at_issuance, "At issuance")) out.push_back(std::move(s));
  for (auto& s : explain_instant(r, r.at_time, "At the asked time")) out.push_back(std::move(s));
  out.push_back("Result: QC " + std::string(qc_status_name(r.result.qc)) + ", type " + std::string(qc_use_name(r.result.type)) +
                ", QSCD " + std::string(qscd_status_name(r.result.qscd)) + ", label " + r.label + " [" + r.combination.id +
                "] " + r.combination.text + ".");
  std::string trust = "Trust: snapshot at " + engine::format_utc_time(r.trust.trust_time);
  if (r.trust.lotl) trust += ", LOTL sequence " + std::to_string(r.trust.lotl->sequence) + " (SHA-256 " + r.trust.lotl->sha256 + ")";
  out.push_back(trust + ".");
  return out;
}

std::vector<std::string> explain(const TimestampQualification& r) {
  std::vector<std::string> out;
  out.push_back("TSA certificate '" + r.chain.elements.front().certificate->subject().rfc4514 + "' at " +
                engine::format_utc_time(r.at) + ".");
  for (const auto& f : r.reasons) out.push_back("[" + f.id + "] " + f.message + ".");
  for (const auto& s : r.states) {
    const auto& c = r.candidates[s.candidate];
    std::string line = "Service '" + c.timeline->name() + "' (" + c.timeline->version->territory + ")";
    if (s.state) line += " was '" + std::string(vocabulary::short_name(s.state->state->status)) + "' over " + interval(*s.state);
    if (!s.excluded_id.empty()) line += "; set aside [" + s.excluded_id + "]: " + s.excluded_text;
    out.push_back(line + ".");
  }
  out.push_back(std::string("Qualified time-stamp: ") + (r.qualified ? "yes" : "no") + " [" + r.rule.id + "] " + r.rule.text + ".");
  return out;
}

}  // namespace assay::tsl
