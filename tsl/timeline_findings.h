// Stable finding ids of timelines, snapshots and list histories (docs/findings.md). Add freely,
// never rename.
#pragma once

namespace assay::tsl::finding {

// Timelines (tsl/timeline.h)
inline constexpr char kTimelineRepairedOrder[] = "tsl.timeline.repaired_order";
inline constexpr char kTimelineZeroLengthState[] = "tsl.timeline.zero_length_state";
inline constexpr char kTimelineMissingStart[] = "tsl.timeline.missing_start";
inline constexpr char kTimelineNoState[] = "tsl.timeline.no_state";
inline constexpr char kTimelineDuplicateServiceId[] = "tsl.timeline.duplicate_service_id";

// Snapshots (tsl/trust_snapshot.h)
inline constexpr char kSnapshotBadCertificate[] = "tsl.snapshot.bad_certificate";

// List histories (tsl/list_history.h)
inline constexpr char kHistoryNoIssueDate[] = "tsl.history.no_issue_date";
inline constexpr char kHistoryDuplicateVersion[] = "tsl.history.duplicate_version";
inline constexpr char kHistorySameIssueDate[] = "tsl.history.same_issue_date";
inline constexpr char kHistorySequenceRegression[] = "tsl.history.sequence_regression";
inline constexpr char kHistoryUnauthenticatedVersion[] = "tsl.history.unauthenticated_version";

}  // namespace assay::tsl::finding
