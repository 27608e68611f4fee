// Small input helpers of the timeline, history and diff commands.
#pragma once

#include <string>

#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::cli {

// An instant given as RFC 3339, a bare date (YYYY-MM-DD = 00:00:00Z that day) or "now".
engine::Result<engine::UtcTime> parse_instant_or_date(const std::string& text, const char* flag_name);

}  // namespace assay::service::cli
