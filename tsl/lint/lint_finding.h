// What the list conformance checker reports: one finding per broken rule, with the rule it
// checks and the offending value, so that every point can be proved from the document.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.h"
#include "engine/time.h"

namespace assay::tsl::lint {

// One conformance finding. Plain value type.
struct LintFinding {
  std::string id;  // stable id (lint_ids.h, or a parser id from tsl/finding_ids.h)
  engine::Severity severity = engine::Severity::kError;
  std::string rule;     // short rule reference, e.g. "TS 119 612 5.3.2"
  std::string path;     // element path from the root, "[n]" where an element has same-named siblings
  std::string value;    // the offending value as found (may be empty when the problem is an absence)
  std::string message;  // one sentence a person can read
  // Where the finding belongs, for grouping (1-based; 0 = list level / provider level). Filled
  // from `path` by lint_lists.
  int tsp = 0;
  int service = 0;
};

using LintFindings = std::vector<LintFinding>;

// Inputs every rule may use. Time is a parameter: nothing in the checker reads the clock.
struct LintOptions {
  engine::UtcTime trust_time{};
};

}  // namespace assay::tsl::lint
