#include "engine/version.h"

// ASSAY_VERSION is defined for this file only (engine/CMakeLists.txt), so a version change
// recompiles one file.
namespace assay::engine {

std::string_view assay_version() { return ASSAY_VERSION; }

}  // namespace assay::engine
