// Qualified-status timelines of trust services (TS 119 612 5.5 + 5.6, ServiceInformation and
// ServiceHistory): per service, the states it went through, each in force over a half-open UTC
// interval [start, end), plus a stable service id that survives list versions.
//
// A timeline references the `ServiceState`s of the parsed model; it does not copy them. Keep the
// `shared_ptr<const TrustedList>` alive as long as the timelines (ListTimelines holds it).
// Everything here is immutable once built and safe to read from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/digest.h"
#include "engine/finding.h"
#include "engine/flat_hash_map.h"
#include "engine/time.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

// The list version a state was read from (what an auditor cites).
struct ListVersion {
  std::string territory;
  std::uint64_t sequence = 0;
  std::string sha256;                     // hex SHA-256 of the document bytes
  std::optional<UtcTime> issued;          // ListIssueDateTime
};

ListVersion list_version_of(const TrustedList& list);

// One state of a service with the interval it is in force: [start, end); `end` absent = open.
struct TimelineState {
  const ServiceState* state = nullptr;  // into the TrustedList; never null in a built timeline
  UtcTime start{};
  std::optional<UtcTime> end;
  // Where it came from: -1 = ServiceInformation (current), n >= 0 = ServiceHistoryInstance n
  // (document order).
  int history_index = -1;

  bool contains(UtcTime t) const { return start <= t && (!end || t < *end); }
  bool is_current() const { return history_index < 0; }
};

// The timeline of one TSPService: states oldest first, contiguous and non-overlapping
// (states[i].end == states[i+1].start; the last one is open).
struct ServiceTimeline {
  std::string id;                        // stable service id (see stable_service_id), 16 hex chars
  const TrustServiceProvider* tsp = nullptr;
  const TspService* service = nullptr;
  const ListVersion* version = nullptr;  // owned by the enclosing ListTimelines
  std::uint32_t tsp_index = 0;           // position in the list (document order)
  std::uint32_t service_index = 0;       // position within the TSP
  std::vector<TimelineState> states;

  const std::string& tsp_name() const { return preferred(tsp->names); }
  const std::string& name() const { return preferred(service->current.names); }
  const std::string& type() const { return service->current.type; }
  // The state in force at `t` (binary search), or nullptr before the first start.
  const TimelineState* at(UtcTime t) const;
};

// All timelines of one list, with the list they reference (kept alive here).
struct ListTimelines {
  std::shared_ptr<const TrustedList> list;
  std::unique_ptr<ListVersion> version;  // stable address: timelines point at it
  std::vector<ServiceTimeline> services;  // document order
  engine::Findings findings;              // tsl.timeline.* findings (timeline_findings.h)

  // The timeline with this stable id, or nullptr.
  const ServiceTimeline* find(std::string_view id) const;
};

// Memo of SHA-256 digests of certificate DER strings of a model, keyed by the string's address
// (no content hashing): when timelines and indexes are built together each listed certificate
// string is hashed once. The strings must outlive the cache. Not thread-safe; one per build.
class DerDigestCache {
 public:
  engine::Sha256 get(const std::string& der);

 private:
  engine::FlatHashMap<const std::string*, engine::Sha256> digests_;
};

// Builds the timelines of every service of `list` (national lists; a LOTL has none). Never fails:
// out-of-order or duplicate history is repaired and reported, a state without a parsable start is
// reported and skipped. Pure function.
// `digests` (optional) shares certificate digests with a caller that needs them too.
std::shared_ptr<const ListTimelines> build_timelines(std::shared_ptr<const TrustedList> list,
                                                     DerDigestCache* digests = nullptr);

// The identity part of a stable service id: "c:" + SHA-256 hex of the first X509Certificate,
// else "k:" + hex of the first X509SKI, else "s:" + the first X509SubjectName, else "" .
std::string identity_key(const ServiceDigitalIdentity& identity, DerDigestCache* digests = nullptr);

// Stable id of a service across list versions: the first 16 hex characters of
// SHA-256(territory | TSP preferred name | service type URI | identity_key). Two services of one
// list with the same id get "-2", "-3", ... appended in document order (and a finding).
std::string stable_service_id(std::string_view territory, std::string_view tsp_name, std::string_view type,
                              std::string_view identity);

}  // namespace assay::tsl
