// The history of one trusted list across its versions: which version was in force when, and
// what that version said about a service at a given instant.
//
// A version is in force from its ListIssueDateTime until the next version's issue time
// (half-open, like service states). Versions come from a `VersionSource` — files today, the
// document store (engine/store) for acquisition — so the logic here never reads files itself.
// A built ListHistory is immutable and safe to share across threads.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "tsl/timeline.h"

namespace assay::engine::store {
class Store;
}

namespace assay::tsl {

// One version as loaded: where it came from and the parsed list.
struct LoadedVersion {
  std::string source;  // file path, or "store:<sha256>"
  std::shared_ptr<const TrustedList> list;
  // From the store: the authentication status recorded for the document ("authenticated",
  // "signer_not_trusted", ...; authenticated when any run authenticated it). Empty for files,
  // which are taken as the caller gives them.
  std::string auth_status;

  // Files, and stored versions assay authenticated. A rejected version was never in force, and
  // no history, timeline or diff is built from unauthenticated data.
  bool trusted() const { return auth_status.empty() || auth_status == "authenticated"; }
};
using LoadedVersions = std::vector<LoadedVersion>;

// Where versions come from. Implementations: files (load_versions_from_files) and the store
// (load_versions_from_store). Kept as plain functions returning LoadedVersions so a caller can
// swap one for the other.
// Reads and parses each file; keeps those of `territory` (all when empty). A file that cannot be
// read or parsed is an Error (kNotFound / kMalformed) naming the file.
engine::Result<LoadedVersions> load_versions_from_files(const std::vector<std::filesystem::path>& files,
                                                        std::string_view territory = {});
// Every version the store recorded for `territory` (its blob parsed), newest recorded first,
// rejected ones included with their status. kNotFound when the store has none. With `sequences`,
// only the versions the catalogue records with one of those sequence numbers are read and parsed
// (picking two versions for a diff must not parse the whole history).
engine::Result<LoadedVersions> load_versions_from_store(const engine::store::Store& store, std::string_view territory,
                                                        std::span<const std::uint64_t> sequences = {});

// The national lists in force in the store (the versions the refreshes accepted, each one
// authenticated), only those of `territory` when it is given. kNotFound when there are none.
engine::Result<LoadedVersions> load_in_force_from_store(const engine::store::Store& store,
                                                        std::string_view territory = {});

// Each territory with a national list in force in the store (only `territory` when given), read
// as it was in force at `at`: the authenticated version of that time (ListHistory::in_force_at).
// Territories whose first version is newer than `at` are left out; kNotFound when none remains.
engine::Result<LoadedVersions> load_in_force_at_from_store(const engine::store::Store& store, UtcTime at,
                                                           std::string_view territory = {});

// The trusted version of `territory` with `sequence` (the first of `versions` when several
// documents share it). kNotFound when no version has that sequence, kUnsupported (naming the
// authentication status) when only versions rejected by authentication do.
engine::Result<std::shared_ptr<const TrustedList>> trusted_version_with_sequence(const LoadedVersions& versions,
                                                                                std::string_view territory,
                                                                                std::uint64_t sequence);

// A version in the history with its in-force interval [from, to) (to absent: still in force).
struct HistoryVersion {
  LoadedVersion loaded;
  std::shared_ptr<const ListTimelines> timelines;
  UtcTime from{};
  std::optional<UtcTime> to;

  const TrustedList& list() const { return *loaded.list; }
  bool contains(UtcTime t) const { return from <= t && (!to || t < *to); }
};

// What list X said about service S at time D.
struct ServiceAnswer {
  const HistoryVersion* version = nullptr;    // the version in force at D
  const ServiceTimeline* timeline = nullptr;  // the service in that version (nullptr: not listed)
  const TimelineState* state = nullptr;       // its state at D (nullptr: not yet started)
};

class ListHistory {
 public:
  // Orders versions by issue time (then sequence). A stored version that authentication
  // rejected is reported (tsl.history.unauthenticated_version) and left out: it was never in
  // force. A version without ListIssueDateTime is reported (tsl.history.no_issue_date) and left
  // out; the same document twice is kept once
  // (tsl.history.duplicate_version); two versions with the same issue time keep the higher
  // sequence (tsl.history.same_issue_date); a sequence lower than its predecessor's is reported
  // (tsl.history.sequence_regression). Never fails.
  static ListHistory build(LoadedVersions versions);

  const std::vector<HistoryVersion>& versions() const { return versions_; }  // oldest first
  const engine::Findings& findings() const { return findings_; }

  // The version in force at `t`, or nullptr before the first issue time.
  const HistoryVersion* in_force_at(UtcTime t) const;
  // The version with this sequence number, or nullptr.
  const HistoryVersion* with_sequence(std::uint64_t sequence) const;
  // "What did the list say about service `service_id` at `t`": version in force at t, then that
  // version's timeline state at t. `version` is null before the first version.
  ServiceAnswer service_at(std::string_view service_id, UtcTime t) const;

 private:
  std::vector<HistoryVersion> versions_;
  engine::Findings findings_;
};

}  // namespace assay::tsl
