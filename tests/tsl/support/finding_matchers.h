// Matchers that name the finding a test expects.
#pragma once

#include <gmock/gmock.h>

#include <algorithm>
#include <string>

#include "engine/finding.h"

namespace assay::testing {

MATCHER_P(HasFinding, id, "has a finding with id " + std::string(id)) {
  const engine::Findings& findings = arg;
  const bool found = std::any_of(findings.begin(), findings.end(), [&](const engine::Finding& f) { return f.id == id; });
  if (!found) {
    *result_listener << "findings are:";
    for (const auto& f : findings) *result_listener << " [" << f.id << " at " << f.path << "]";
  }
  return found;
}

inline int count_findings(const engine::Findings& findings, const std::string& id) {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const engine::Finding& f) { return f.id == id; }));
}

}  // namespace assay::testing
