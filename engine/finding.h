// Findings: validation outcomes as data. Ids are stable strings ("tsl.scheme.missing_element");
// they appear in APIs and golden files, so new ones may be added but none renamed.
#pragma once

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

}  // namespace assay::engine
