// Classifying a case's observed answer (classification.h). The conditions are computed once per
// case; the rule table only decides which of the conditions that hold wins and what it is called,
// so a scheme that rates, say, a wrong sub-indication as an Observation changes data, not code.
#include "service/audit/classification.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace assay::service::audit {
namespace {

using engine::Code;

constexpr std::array<std::string_view, 9> kRuleIds = {
    "no-answer",        "conforming",       "tolerated",           "accepts-invalid",    "qualification-over-claim",
    "rejects-valid",    "wrong-indication", "wrong-subindication", "wrong-qualification",
};

bool is_passed(std::string_view indication) { return indication == "TOTAL_PASSED" || indication == "PASSED"; }

bool known_indication(Question q, std::string_view i) {
  if (q == Question::kSignature) return i == "TOTAL_PASSED" || i == "TOTAL_FAILED" || i == "INDETERMINATE";
  return i == "PASSED" || i == "FAILED" || i == "INDETERMINATE";
}

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::string upper_snake(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '-' || c == ' ') {
      out += '_';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The facts about one answered case that the rules test.
struct Facts {
  bool answered = false;
  bool indication_equal = false;
  bool subindication_equal = false;
  bool qualification_equal = false;
  bool subindication_tolerated = false;
  bool qualification_tolerated = false;
  bool accepts_invalid = false;
  bool over_claim = false;
  bool rejects_valid = false;
};

Facts facts_of(const SuiteCase& c, const Observation& o) {
  Facts f;
  f.answered = o.status == Observation::Status::kAnswered;
  if (!f.answered) return f;
  const ExpectedOutcome& e = c.expected;
  f.indication_equal = e.indication.empty() || e.indication == o.indication || contains(e.also_indications, o.indication);
  // An expected sub-indication left empty on a non-passed indication is "not asserted"; the
  // alternatives (also_subindications) are as right as the one named.
  if (!e.also_subindications.empty()) {
    f.subindication_equal = (!e.subindication.empty() && e.subindication == o.subindication) ||
                            contains(e.also_subindications, o.subindication);
  } else {
    f.subindication_equal = e.subindication.empty() ? (!is_passed(e.indication) || o.subindication.empty())
                                                    : e.subindication == o.subindication;
  }
  f.qualification_equal = e.qualification.empty() || e.qualification == o.qualification;
  f.subindication_tolerated = f.subindication_equal || contains(c.tolerance.subindications, o.subindication);
  f.qualification_tolerated = f.qualification_equal || contains(c.tolerance.qualifications, o.qualification);
  f.accepts_invalid = !e.indication.empty() && !is_passed(e.indication) && is_passed(o.indication);
  if (!e.qualification.empty() && !f.qualification_equal) {
    const int expected = qualification_strength(e.qualification);
    const int observed = qualification_strength(o.qualification);
    f.over_claim = expected >= 0 && observed > expected;
  }
  f.rejects_valid = is_passed(e.indication) && !is_passed(o.indication);
  return f;
}

bool holds(std::string_view rule, const Facts& f) {
  if (rule == "no-answer") return !f.answered;
  if (!f.answered) return false;
  if (rule == "conforming") return f.indication_equal && f.subindication_equal && f.qualification_equal;
  if (rule == "tolerated") return f.indication_equal && f.subindication_tolerated && f.qualification_tolerated;
  if (rule == "accepts-invalid") return f.accepts_invalid;
  if (rule == "qualification-over-claim") return f.over_claim;
  if (rule == "rejects-valid") return f.rejects_valid;
  if (rule == "wrong-indication") return !f.indication_equal;
  if (rule == "wrong-subindication") return !f.subindication_equal;
  if (rule == "wrong-qualification") return !f.qualification_equal;
  return false;
}

std::string outcome_text(std::string_view indication, std::string_view sub, std::string_view qualification) {
  std::string s = indication.empty() ? std::string("(indication not asserted)") : std::string(indication);
  if (!sub.empty()) s += " / " + std::string(sub);
  if (!qualification.empty()) s += ", qualification " + std::string(qualification);
  return s;
}

std::string_view why(std::string_view rule) {
  if (rule == "no-answer") return "no usable answer";
  if (rule == "conforming") return "the answer is the expected one";
  if (rule == "tolerated") return "a difference the requirement allows (case tolerance)";
  if (rule == "accepts-invalid") return "accepts what must be rejected";
  if (rule == "qualification-over-claim") return "claims a qualification the evidence does not support";
  if (rule == "rejects-valid") return "rejects what is valid";
  if (rule == "wrong-indication") return "the wrong main indication";
  if (rule == "wrong-subindication") return "the right main indication with the wrong sub-indication";
  if (rule == "wrong-qualification") return "the wrong qualification";
  return "";
}

std::string_view status_text(Observation::Status s) {
  switch (s) {
    case Observation::Status::kAnswered: return "answered";
    case Observation::Status::kServiceError: return "service error";
    case Observation::Status::kTimeout: return "time-out";
    case Observation::Status::kUnparseable: return "unparseable answer";
    case Observation::Status::kNoSignature: return "no signature found";
    case Observation::Status::kNotAsked: return "not asked";
  }
  return "service error";
}

engine::Result<Classification> classification_from_name(std::string_view name) {
  for (Classification c : {Classification::kConforming, Classification::kMinorNonConformity,
                           Classification::kMajorNonConformity, Classification::kObservation}) {
    if (classification_name(c) == name) return c;
  }
  return engine::fail(Code::kInvalidArgument, "'" + std::string(name) +
                                                  "': expected \"Conforming\", \"Minor non-conformity\", "
                                                  "\"Major non-conformity\" or \"Observation\"");
}

}  // namespace

std::string_view classification_name(Classification c) noexcept {
  switch (c) {
    case Classification::kConforming: return "Conforming";
    case Classification::kMinorNonConformity: return "Minor non-conformity";
    case Classification::kMajorNonConformity: return "Major non-conformity";
    case Classification::kObservation: return "Observation";
    case Classification::kNotAssessed: return "Not assessed";
  }
  return "Observation";
}

// TS 119 172-4 / QUALIFICATION.md labels by what they assert: qualified with a QSCD (6), qualified
// (4), advanced (2), nothing (0). "Indeterminate X" ranks just below X: it still claims more than
// the next lower definite level. "Not AdES ..." claims no usable signature whatever the
// certificate, so it ranks with N/A.
int qualification_strength(std::string_view label) noexcept {
  constexpr std::string_view kIndeterminate = "Indeterminate ";
  if (label.starts_with(kIndeterminate)) {
    const int definite = qualification_strength(label.substr(kIndeterminate.size()));
    return definite > 0 ? definite - 1 : definite;
  }
  if (label == "QESig" || label == "QESeal" || label == "Unknown-QC-QSCD") return 6;
  if (label == "AdESig-QC" || label == "AdESeal-QC" || label == "Unknown-QC") return 4;
  if (label == "AdESig" || label == "AdESeal" || label == "Unknown") return 2;
  if (label == "N/A" || label == "Not AdES" || label == "Not AdES but QC" || label == "Not AdES but QC with QSCD") return 0;
  return -1;
}

const RuleTable& default_rule_table() {
  static const RuleTable table = {
      {"no-answer", Classification::kObservation},
      {"conforming", Classification::kConforming},
      {"tolerated", Classification::kObservation},
      {"accepts-invalid", Classification::kMajorNonConformity},
      {"qualification-over-claim", Classification::kMajorNonConformity},
      {"rejects-valid", Classification::kMinorNonConformity},
      {"wrong-indication", Classification::kMinorNonConformity},
      {"wrong-subindication", Classification::kMinorNonConformity},
      {"wrong-qualification", Classification::kMinorNonConformity},
  };
  return table;
}

engine::Result<RuleTable> parse_rule_table(std::string_view toml_text, const std::string& origin) {
  toml::table table;
  try {
    table = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return engine::fail(Code::kMalformed, origin + ": " + std::string(e.description()) + " (line " +
                                              std::to_string(e.source().begin.line) + ")");
  }
  for (const auto& [k, v] : table) {
    if (k.str() != "rule") return engine::fail(Code::kInvalidArgument, origin + ": " + std::string(k.str()) + ": unknown key");
  }
  const auto* rules = table.get_as<toml::array>("rule");
  if (rules == nullptr) return engine::fail(Code::kInvalidArgument, origin + ": rule: expected [[rule]] tables");
  RuleTable out;
  std::set<std::string> seen;
  for (const auto& node : *rules) {
    const auto* t = node.as_table();
    const std::string where = origin + ": rule " + std::to_string(out.size() + 1);
    if (t == nullptr) return engine::fail(Code::kInvalidArgument, where + ": expected a table");
    for (const auto& [k, v] : *t) {
      if (k.str() != "id" && k.str() != "classification") {
        return engine::fail(Code::kInvalidArgument, where + ": " + std::string(k.str()) + ": unknown key");
      }
    }
    auto id = t->get_as<std::string>("id");
    auto cls = t->get_as<std::string>("classification");
    if (id == nullptr || cls == nullptr) return engine::fail(Code::kInvalidArgument, where + ": needs id and classification");
    if (std::find(kRuleIds.begin(), kRuleIds.end(), id->get()) == kRuleIds.end()) {
      return engine::fail(Code::kInvalidArgument, where + ": unknown rule id '" + id->get() + "'");
    }
    if (!seen.insert(id->get()).second) return engine::fail(Code::kInvalidArgument, where + ": '" + id->get() + "' twice");
    auto c = classification_from_name(cls->get());
    if (!c) return std::unexpected(std::move(c.error()).with_context(where));
    out.push_back({id->get(), *c});
  }
  for (std::string_view id : kRuleIds) {
    if (!seen.contains(std::string(id))) {
      return engine::fail(Code::kInvalidArgument, origin + ": rule '" + std::string(id) + "' missing (each rule exactly once)");
    }
  }
  return out;
}

AuditFinding classify(const SuiteCase& c, Observation observed) { return classify(c, std::move(observed), default_rule_table()); }

AuditFinding classify(const SuiteCase& c, Observation observed, const RuleTable& rules) {
  const RuleTable& table = rules.empty() ? default_rule_table() : rules;
  if (observed.status == Observation::Status::kAnswered) {
    observed.indication = normalise_indication(observed.indication);
    observed.subindication = normalise_indication(observed.subindication);
    observed.qualification = normalise_qualification(observed.qualification);
    // An indication outside EN 319 102-1's vocabulary is not an answer one can hold the service to.
    if (!known_indication(c.question, observed.indication) &&
        !(c.question == Question::kQualification && c.expected.indication.empty())) {
      observed.status = Observation::Status::kUnparseable;
      if (observed.detail.empty()) observed.detail = "the indication '" + observed.indication + "' is not an EN 319 102-1 indication";
    }
  }
  AuditFinding finding;
  finding.case_id = c.id;
  finding.requirement = c.requirement;
  finding.expected = c.expected;
  if (observed.status == Observation::Status::kNotAsked) {
    // Outside the rule table: nothing was observed, so nothing can be classified as conforming
    // or not (classification.h).
    finding.rule = "not-asked";
    finding.classification = Classification::kNotAssessed;
    finding.explanation = "Not asked: " + (observed.detail.empty() ? std::string("this target cannot be asked this case") : observed.detail) + ".";
    finding.observed = std::move(observed);
    return finding;
  }
  const Facts facts = facts_of(c, observed);
  for (const auto& rule : table) {
    if (!holds(rule.id, facts)) continue;
    finding.rule = rule.id;
    finding.classification = rule.classification;
    break;
  }
  if (finding.rule.empty()) {
    // A table that names every condition always matches; keep the default meaning regardless.
    finding.rule = facts.answered ? "wrong-indication" : "no-answer";
    finding.classification = facts.answered ? Classification::kMinorNonConformity : Classification::kObservation;
  }
  std::string observed_text = facts.answered
                                  ? outcome_text(observed.indication, observed.subindication, observed.qualification)
                                  : std::string(status_text(observed.status)) +
                                        (observed.detail.empty() ? "" : " (" + observed.detail + ")");
  finding.explanation = "Expected " + outcome_text(c.expected.indication, c.expected.subindication, c.expected.qualification) +
                        ", observed " + observed_text + ": " + std::string(why(finding.rule)) + ".";
  finding.observed = std::move(observed);
  return finding;
}

std::string normalise_indication(std::string_view value) {
  if (auto colon = value.rfind(':'); colon != std::string_view::npos) value = value.substr(colon + 1);  // URN form
  std::string out = upper_snake(value);
  return out;
}

std::string normalise_qualification(std::string_view value) {
  if (auto colon = value.rfind(':'); colon != std::string_view::npos) value = value.substr(colon + 1);
  struct Pair {
    std::string_view enum_name, uri_tail, label;
  };
  static constexpr Pair kPairs[] = {
      {"QESIG", "QESig", "QESig"},
      {"QESEAL", "QESeal", "QESeal"},
      {"UNKNOWN_QC_QSCD", "UnknownQCwithQSCD", "Unknown-QC-QSCD"},
      {"ADESIG_QC", "AdESigQC", "AdESig-QC"},
      {"ADESEAL_QC", "AdESealQC", "AdESeal-QC"},
      {"UNKNOWN_QC", "UnknownQC", "Unknown-QC"},
      {"ADESIG", "AdESig", "AdESig"},
      {"ADESEAL", "AdESeal", "AdESeal"},
      {"UNKNOWN", "Unknown", "Unknown"},
      {"NA", "notApplicable", "N/A"},
      {"NOT_ADES_QC_QSCD", "notAdESbutQCwithQSCD", "Not AdES but QC with QSCD"},
      {"NOT_ADES_QC", "notAdESbutQC", "Not AdES but QC"},
      {"NOT_ADES", "notAdES", "Not AdES"},
  };
  std::string v(value);
  for (const auto& p : kPairs) {
    if (v == p.label) return v;
  }
  const std::string upper = upper_snake(v == "N/A" ? "NA" : v);
  for (const auto& p : kPairs) {
    if (upper == p.enum_name || v == p.uri_tail) return std::string(p.label);
    if (upper == "INDETERMINATE_" + std::string(p.enum_name) || v == "indeterminate" + std::string(p.uri_tail)) {
      return "Indeterminate " + std::string(p.label);
    }
  }
  return v;
}

}  // namespace assay::service::audit
