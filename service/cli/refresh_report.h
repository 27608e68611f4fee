// Human-readable tables of a trust state (after `refresh`, and for `lists`).
#pragma once

#include "tsl/refresh.h"

namespace assay::service::cli {

// LOTL, pivot steps, then one line per list: territory, sequence, status, outcome, findings, URL.
void print_refresh_report(const tsl::TrustState& state);

}  // namespace assay::service::cli
