// TS 119 612 Annex C (XML schema): elements that may occur only once under their parent. A
// repeated one is ambiguous: this reader uses the first, another may use the last, and both would
// claim the same signature covers "the" value (issue 21).
#pragma once

#include <string>
#include <vector>

#include "tsl/internal/reader.h"

namespace assay::tsl::internal {

// Reports every schema singleton of the list (root, scheme information, pointers, providers,
// services, history instances) that occurs more than once: one finding::kDuplicateElement per
// parent and name. Returns the local names of the repeated ones that authentication relies on
// (kReliedOnSingletons). Linear in the number of elements.
std::vector<std::string> check_singletons(Reader& reader, const Node& root);

}  // namespace assay::tsl::internal
