// The built-in suites (issue 17 item 1), written from the sample federation with the answers the
// federation's expectation files state: "certificates" (expected-validation.tsv: EN 319 102-1
// certificate validation with CRL, OCSP or no revocation data) and "trusted-list-usage"
// (expected.tsv: qualification answers that depend on reading the lists right — withdrawn,
// granted later, QSCD and type overrules, conflicts, criteria) and "signatures" (every sample
// signed document — XAdES, CAdES, JAdES, ASiC-S/E, every level, the failing ones — against
// expected-signatures.tsv, expected-validation-cades-asic.tsv and expected-validation-jades.tsv).
// Each suite folder carries its own copy of the federation, so it is self-contained evidence.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::audit {

// Writes DIR/<suite>/ for every built-in suite; returns the suite folders written. `now` is the
// federation's reference instant (samples::kDefaultNow for the committed one). kInvalidArgument
// when DIR exists and is not empty.
engine::Result<std::vector<std::filesystem::path>> generate_builtin_suites(const std::filesystem::path& dir, engine::UtcTime now);

}  // namespace assay::service::audit
