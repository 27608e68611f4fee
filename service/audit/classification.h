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
#pragma once

#include <string>
#include <vector>

#include "service/audit/suite.h"
#include "service/audit/target.h"

namespace assay::service::audit {

enum class Classification { kConforming, kMinorNonConformity, kMajorNonConformity, kObservation };

// "Conforming", "Minor non-conformity", "Major non-conformity", "Observation".
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

}  // namespace assay::service::audit
