// Classifying an observed answer against the expected one, as a certification scheme classifies
// audit findings (issue 17 item 3): Conforming, Minor non-conformity, Major non-conformity,
// Observation. The rule table is data (docs/audit.md lists the defaults; a suite or the command
// line may replace it), evaluated first match wins.
//
// Default rules:
//   accepting what must be rejected (TOTAL_PASSED / PASSED where the expected outcome is not, or
//     a qualification the evidence does not support)                          → Major NC
//   rejecting a valid signature / certificate; the right main indication with the wrong
//     sub-indication; a wrong qualification that is not an over-claim          → Minor NC
//   no answer, an unparseable answer, a time-out, a service error, or a difference the case's
//     tolerance allows                                                         → Observation
//   everything equal                                                           → Conforming
// A case the target was not asked (Observation::Status::kNotAsked) is "Not assessed", before and
// outside the rule table: it says nothing of the target, only of the audit's scope, and the
// reports list it apart with its reason.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

#include "service/audit/suite.h"
#include "service/audit/target.h"

namespace assay::service::audit {

enum class Classification { kConforming, kMinorNonConformity, kMajorNonConformity, kObservation, kNotAssessed };

// "Conforming", "Minor non-conformity", "Major non-conformity", "Observation", "Not assessed".
std::string_view classification_name(Classification c) noexcept;

struct AuditFinding {
  std::string case_id;
  Classification classification = Classification::kConforming;
  std::string rule;             // the rule that matched ("accepts-invalid", ...)
  std::string explanation;      // one sentence: expected X, observed Y, because ...
  Requirement requirement;
  ExpectedOutcome expected;
  Observation observed;         // evidence files included
};

// The qualification labels ordered by strength, for "over-claim" decisions (QESig > AdESig-QC >
// AdESig > Not AdES ...); Indeterminate forms rank below their definite form.
int qualification_strength(std::string_view label) noexcept;

AuditFinding classify(const SuiteCase& c, Observation observed);

// The rule table (docs/audit.md "Classification rules"): an ordered list of (rule id,
// classification); the first rule whose condition holds classifies the case. The conditions are
// fixed and named by id: "no-answer", "conforming", "tolerated", "accepts-invalid",
// "qualification-over-claim", "rejects-valid", "wrong-indication", "wrong-subindication",
// "wrong-qualification". A table must name each of them exactly once.
struct ClassificationRule {
  std::string id;
  Classification classification = Classification::kObservation;
};
using RuleTable = std::vector<ClassificationRule>;

// The defaults listed at the top of this header, in that order.
const RuleTable& default_rule_table();

// Reads a rule table from TOML ([[rule]] id = "...", classification = "Major non-conformity").
// kMalformed / kInvalidArgument naming `origin` and the offending rule.
engine::Result<RuleTable> parse_rule_table(std::string_view toml_text, const std::string& origin);

// classify() with another table (an empty table means the defaults).
AuditFinding classify(const SuiteCase& c, Observation observed, const RuleTable& rules);

// Normalisation of what targets answer (VALIDATION-APIS.md §3): indications to the EN 319 102-1
// names ("TOTAL-PASSED", "total_passed" → "TOTAL_PASSED"; URNs by their last segment),
// qualification enum names and URIs to assay's labels ("QESIG" → "QESig", "NA" → "N/A",
// "INDETERMINATE_ADESIG_QC" → "Indeterminate AdESig-QC"). Unknown values come back unchanged.
std::string normalise_indication(std::string_view value);
std::string normalise_qualification(std::string_view value);

}  // namespace assay::service::audit
