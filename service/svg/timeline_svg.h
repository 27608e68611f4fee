// A timeline chart of services as SVG: one row per service, its status periods as coloured bars
// on a UTC time axis with year ticks, a legend and a title. Pure function of its inputs (no
// clock: open periods run to the end of the axis, which the caller may pin).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "tsl/timeline.h"

namespace assay::service::svg {

struct TimelineSvgOptions {
  std::string title;                      // e.g. "A-Trust GmbH — AT, sequence 72"
  std::string subtitle;                   // e.g. the list version
  std::optional<engine::UtcTime> at;      // draws a marker line at this instant
  std::optional<engine::UtcTime> axis_end;  // default: a year after the latest start (or `at`)
};

// Renders `services` (in the order given; consecutive services of one provider are grouped under
// a provider heading). Returns a complete SVG document (UTF-8).
std::string render_timeline_svg(std::span<const tsl::ServiceTimeline* const> services,
                                const TimelineSvgOptions& options);

// The subtitle naming the list version a chart shows: "trusted list AT sequence 72, issued ...,
// sha256 0123456789abcdef…".
std::string version_subtitle(const tsl::ListVersion& version);

// The fill colour used for a status URI (granted green, withdrawn grey, pre-eIDAS blues, ...).
std::string_view status_colour(std::string_view status_uri);

}  // namespace assay::service::svg
