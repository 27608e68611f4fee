// UTC instants. Time is always an input: nothing here reads the clock except `system_now`,
// which only service/ may call.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"

namespace assay::engine {

using UtcTime = std::chrono::sys_seconds;

// Parses an xsd:dateTime / RFC 3339 instant ("2026-08-03T13:16:38Z", "...+02:00",
// fractional seconds dropped). A value without a zone is taken as UTC and `assumed_utc` is set.
// Fails with kMalformed on anything else, including impossible dates.
Result<UtcTime> parse_utc_time(std::string_view text, bool* assumed_utc = nullptr);

// Formats as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc_time(UtcTime t);
std::string format_utc_time(const std::optional<UtcTime>& t, std::string_view if_absent);

// The wall clock, for service/ and the CLI only (libraries take time as a parameter).
UtcTime system_now();

}  // namespace assay::engine
