// Findings: validation outcomes as data. Ids are stable strings ("tsl.scheme.missing_element");
// they appear in APIs and golden files, so new ones may be added but none renamed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assay::engine {

enum class Severity { kError, kWarning, kInfo };

std::string_view severity_name(Severity severity) noexcept;

struct Finding {
  std::string id;        // stable identifier, e.g. "tsl.service.unknown_status"
  Severity severity = Severity::kError;
  std::string message;   // one sentence a person can read
  std::string path;      // where: an element path such as "/TrustServiceStatusList/..."
};

using Findings = std::vector<Finding>;

// Bounds the findings of one object: keeps one finding per (id, path), the first, then keeps the
// first `max` and replaces the rest by one finding `truncated_id` whose message says "and N more"
// (its severity is the worst of those dropped). Linear time. Hostile input can produce a finding
// per element; without this, one small request could produce a response of many megabytes.
void limit_findings(Findings& findings, std::size_t max, std::string_view truncated_id);

}  // namespace assay::engine
