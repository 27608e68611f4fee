#include "service/json/qualification_json.h"

#include "engine/digest.h"
#include "service/json/timeline_json.h"
#include "tsl/qualification/explain.h"
#include "tsl/vocabulary.h"

namespace assay::service::json {
namespace {

namespace bj = boost::json;

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

bj::array findings_json(const engine::Findings& findings) {
  bj::array a;
  for (const auto& f : findings) {
    a.push_back(bj::object{{"id", f.id}, {"severity", std::string(engine::severity_name(f.severity))}, {"message", f.message},
                           {"subject", f.path}});
  }
  return a;
}

bj::object rule_json(const tsl::Rule& r) { return {{"id", r.id}, {"text", r.text}}; }

bj::value opt_hex(const std::optional<std::string>& v) { return v ? bj::value(engine::to_hex(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(v->data()), v->size()))) : bj::value(nullptr); }

bj::object candidate_json(const tsl::QualificationResult* r, const tsl::CandidateService& c, std::uint32_t index) {
  bj::object o{{"index", index},
               {"territory", c.timeline->version->territory},
               {"list_sequence", c.timeline->version->sequence},
               {"list_sha256", c.timeline->version->sha256},
               {"list_url", c.list->url},
               {"tsp", c.timeline->tsp_name()},
               {"service", c.timeline->name()},
               {"service_id", c.timeline->id},
               {"service_type", c.timeline->type()},
               {"chain_element", c.chain_index},
               {"matched_by", std::string(tsl::candidate_match_name(c.how))},
               {"signature_verified", c.signature_verified}};
  if (r) o["text"] = tsl::describe_candidate(*r, c);
  return o;
}

bj::object state_json(const tsl::StateEvaluation& s) {
  bj::object o{{"candidate", s.candidate}};
  if (s.state) {
    o["state"] = bj::object{{"status", s.state->state->status},
                            {"type", s.state->state->type},
                            {"start", engine::format_utc_time(s.state->start)},
                            {"end", s.state->end ? bj::value(engine::format_utc_time(*s.state->end)) : bj::value(nullptr)},
                            {"history_index", s.state->history_index},
                            {"additional_service_information", strings(s.state->state->extensions.additional_service_information)}};
  } else {
    o["state"] = nullptr;
  }
  bj::array matched;
  for (const auto& m : s.matched) {
    matched.push_back(bj::object{{"element", m.element}, {"qualifiers", strings(m.qualifiers)}, {"criteria", m.criteria}});
  }
  o["matched_elements"] = std::move(matched);
  o["unmatched_criteria"] = strings(s.unmatched_criteria);
  o["undetermined_criteria"] = strings(s.undetermined_criteria);
  o["findings"] = findings_json(s.findings);
  o["qualifiers_applied"] = strings(s.qualifiers);
  o["granted"] = s.granted;
  if (s.excluded_id.empty()) {
    o["excluded"] = nullptr;
  } else {
    o["excluded"] = bj::object{{"id", s.excluded_id}, {"text", s.excluded_text}};
  }
  if (s.answer) {
    o["answer"] = bj::object{{"qc", std::string(tsl::qc_status_name(s.answer->qc))},
                             {"type", std::string(tsl::qc_use_name(s.answer->type))},
                             {"qscd", std::string(tsl::qscd_status_name(s.answer->qscd))},
                             {"rules", bj::object{{"qc", rule_json(s.qc_rule)}, {"type", rule_json(s.type_rule)},
                                                  {"qscd", rule_json(s.qscd_rule)}}}};
  }
  return o;
}

bj::object answer_json(const tsl::QualificationAnswer& a) {
  return {{"qualified", a.qc == tsl::QcStatus::kYes},
          {"qc", std::string(tsl::qc_status_name(a.qc))},
          {"type", std::string(tsl::qc_use_name(a.type))},
          {"qscd", a.qscd == tsl::QscdStatus::kYes},
          {"qscd_status", std::string(tsl::qscd_status_name(a.qscd))},
          {"label", std::string(tsl::eu_label(a))}};
}

bj::object trust_json(const tsl::TrustProvenance& t) {
  bj::object o{{"trust_time", engine::format_utc_time(t.trust_time)}};
  o["lotl"] = t.lotl ? bj::value(list_version_json(*t.lotl)) : bj::value(nullptr);
  bj::array lists;
  for (const auto& l : t.lists_used) lists.push_back(list_version_json(l));
  o["lists_used"] = std::move(lists);
  return o;
}

}  // namespace

boost::json::object certificate_summary_json(const engine::Certificate& c) {
  const auto& q = c.qc_statements();
  bj::array types;
  for (const auto& t : q.type_oids) types.emplace_back(t);
  bj::object qc{{"present", q.present},
                {"well_formed", q.well_formed},
                {"compliance", q.compliance},
                {"sscd", q.sscd},
                {"types", std::move(types)},
                {"cc_legislation", q.cc_legislation_present ? bj::value(strings(q.cc_legislation)) : bj::value(nullptr)},
                {"psd2", q.psd2.has_value()},
                {"statements", [&] {
                   bj::array a;
                   for (const auto& s : q.statements) a.emplace_back(s.oid);
                   return a;
                 }()}};
  bj::array pds;
  for (const auto& p : q.pds) pds.push_back(bj::object{{"url", p.url}, {"language", p.language}});
  qc["pds"] = std::move(pds);
  bj::array ku;
  for (auto n : c.key_usage().names()) ku.emplace_back(std::string(n));
  return {{"subject", c.subject().rfc4514},
          {"issuer", c.issuer().rfc4514},
          {"serial", c.serial_hex()},
          {"sha256", c.fingerprint_hex()},
          {"not_before", engine::format_utc_time(c.not_before())},
          {"not_after", engine::format_utc_time(c.not_after())},
          {"post_eidas", tsl::vocabulary::is_post_eidas(c.not_before())},
          {"qc_statements", std::move(qc)},
          {"policies", strings(c.policies())},
          {"key_usage", std::move(ku)},
          {"extended_key_usage", strings(c.extended_key_usages())},
          {"ski", opt_hex(c.subject_key_id())},
          {"aki", opt_hex(c.authority_key_id())},
          {"findings", findings_json(c.findings())}};
}

boost::json::object instant_json(const tsl::QualificationResult& r, const tsl::InstantResult& in) {
  bj::object o = answer_json(in.answer);
  o["at"] = engine::format_utc_time(in.at);
  o["rules"] = bj::object{{"qc", rule_json(in.qc_rule)}, {"type", rule_json(in.type_rule)}, {"qscd", rule_json(in.qscd_rule)}};
  o["conflict"] = in.conflict;
  o["not_applicable"] = in.not_applicable;
  bj::array conflicting;
  for (auto c : in.conflicting) conflicting.push_back(candidate_json(&r, r.candidates[c], c));
  o["conflicting"] = std::move(conflicting);
  bj::array states;
  for (const auto& s : in.states) states.push_back(state_json(s));
  o["states"] = std::move(states);
  o["reasons"] = findings_json(in.reasons);
  return o;
}

boost::json::object qualification_json(const tsl::QualificationResult& r) {
  bj::object o;
  o["certificate"] = certificate_summary_json(r.certificate());
  bj::array chain;
  for (std::size_t i = 0; i < r.chain.elements.size(); ++i) {
    const auto& e = r.chain.elements[i];
    chain.push_back(bj::object{{"position", i},
                               {"input_position", e.input_position},
                               {"subject", e.certificate->subject().rfc4514},
                               {"sha256", e.certificate->fingerprint_hex()},
                               {"link", i == 0 ? "end-entity" : "signature-verified"}});
  }
  o["chain"] = std::move(chain);
  o["chain_reordered"] = r.chain.reordered;
  bj::array candidates;
  for (std::uint32_t i = 0; i < r.candidates.size(); ++i) candidates.push_back(candidate_json(&r, r.candidates[i], i));
  o["candidates"] = std::move(candidates);
  o["at_issuance"] = instant_json(r, r.at_issuance);
  o["at_time"] = instant_json(r, r.at_time);
  o["result"] = answer_json(r.result);
  o["combination"] = rule_json(r.combination);
  o["reasons"] = findings_json(r.reasons);
  o["evidence"] = strings(tsl::explain(r));
  o["trust_state"] = trust_json(r.trust);
  return o;
}

boost::json::object timestamp_qualification_json(const tsl::TimestampQualification& r) {
  bj::array candidates;
  for (std::uint32_t i = 0; i < r.candidates.size(); ++i) candidates.push_back(candidate_json(nullptr, r.candidates[i], i));
  bj::array states;
  for (const auto& s : r.states) states.push_back(state_json(s));
  return {{"qualified", r.qualified},     {"at", engine::format_utc_time(r.at)}, {"rule", rule_json(r.rule)},
          {"candidates", std::move(candidates)}, {"states", std::move(states)},  {"reasons", findings_json(r.reasons)},
          {"evidence", strings(tsl::explain(r))}};
}

}  // namespace assay::service::json
