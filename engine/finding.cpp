#include "engine/finding.h"

namespace assay::engine {

std::string_view severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

}  // namespace assay::engine
