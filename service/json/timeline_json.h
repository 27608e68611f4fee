// JSON views of timelines, list histories and list diffs, shared by the CLI and the HTTP API.
// Shapes are documented in docs/timelines.md.
#pragma once

#include <boost/json.hpp>

#include <optional>

#include "tsl/list_diff.h"
#include "tsl/list_history.h"
#include "tsl/timeline.h"

namespace assay::service::json {

// {territory, sequence, sha256, issued}
boost::json::object list_version_json(const tsl::ListVersion& version);
// {start, end (null = open), status, type, names, history_index, identities, asi, qualifiers}
boost::json::object timeline_state_json(const tsl::TimelineState& state);
// {id, tsp, name, type, version, states: [...], in_force_at (when `at` is given: the state's
// start or null)}
boost::json::object service_timeline_json(const tsl::ServiceTimeline& timeline, std::optional<engine::UtcTime> at);
// {source, sequence, sha256, issued, in_force_from, in_force_to (null = still in force), tsps, services}
boost::json::object history_version_json(const tsl::HistoryVersion& version);
// The diff document: older, newer, scheme_changes, tsps_added, tsps_removed, added_services,
// removed_services, status_changes [{service, from, to, since}], identity_changes,
// asi_changes, qualifier_changes, name_changes, pointer_changes.
boost::json::object list_diff_json(const tsl::ListDiff& diff);

}  // namespace assay::service::json
