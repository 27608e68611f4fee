#include "engine/finding.h"

#include <set>
#include <utility>

namespace assay::engine {

std::string_view severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

void limit_findings(Findings& findings, std::size_t max, std::string_view truncated_id) {
  std::set<std::pair<std::string, std::string>> seen;  // copies: the findings are moved below
  Findings kept;
  std::size_t dropped = 0;
  Severity worst_dropped = Severity::kInfo;
  for (auto& f : findings) {
    if (!seen.emplace(f.id, f.path).second) continue;
    if (kept.size() < max) {
      kept.push_back(std::move(f));
      continue;
    }
    ++dropped;
    if (static_cast<int>(f.severity) < static_cast<int>(worst_dropped)) worst_dropped = f.severity;
  }
  if (dropped != 0) {
    kept.push_back(Finding{std::string(truncated_id), worst_dropped,
                           "and " + std::to_string(dropped) + " more findings not listed (at most " + std::to_string(max) +
                               " are reported per object)",
                           ""});
  }
  findings = std::move(kept);
}

}  // namespace assay::engine
