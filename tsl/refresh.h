// Refreshing the trust backbone (TRUSTED-LISTS.md "Failure semantics"): fetch the LOTL (with its
// pivots) and every XML list it points to, store every body before parsing it, authenticate, and
// move a list's "in force" version only forward: a new version replaces the one in force only if
// it authenticates and its sequence number is not lower. Everything else keeps the last good
// version in force and says why. The result is one immutable TrustState, published at the end.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/net/fetcher.h"
#include "engine/store/store.h"
#include "tsl/federation_authentication.h"

namespace assay::tsl {

// What happened to one document in a refresh.
enum class RefreshOutcome {
  kUpdated,       // a new version was authenticated and is now in force
  kUnchanged,     // the version in force was served again (304 or the same bytes)
  kKeptPrevious,  // the new version (or the fetch) failed; the previous version stays in force
  kMissing,       // nothing was ever authenticated for this URL
};
std::string_view refresh_outcome_name(RefreshOutcome outcome) noexcept;

// A list (or the LOTL) after a refresh: the latest attempt and the version in force.
struct ListState {
  std::string url;
  std::string territory;  // of the version in force, else the pointer's
  RefreshOutcome outcome = RefreshOutcome::kMissing;
  AuthStatus attempt_status = AuthStatus::kNotAvailable;  // of this run's attempt
  std::string reason;                                     // why, in one sentence (empty when updated/unchanged)
  std::optional<LoadedList> in_force;                     // the version in force (parsed), if any
  Authentication in_force_authentication;                 // its authentication at this trust time
  std::optional<engine::UtcTime> in_force_since;
  std::optional<engine::UtcTime> stale_since;             // first failed refresh while an older version stays
  engine::Findings findings;                              // of this attempt (sequence regression, ...)

  std::string in_force_sha256() const { return in_force ? in_force->list->sha256 : std::string(); }
  std::uint64_t in_force_sequence() const { return in_force ? in_force->list->scheme.sequence_number : 0; }
};

// The outcome of one refresh: immutable once published.
struct TrustState {
  engine::UtcTime trust_time{};
  engine::UtcTime refreshed_at{};
  std::int64_t run_id = 0;
  ListState lotl;
  std::vector<PivotStep> pivots;
  std::vector<std::string> lotl_signers;  // fingerprints the LOTL was checked against
  std::vector<ListState> lists;           // every XML pointer of the LOTL in force, pointer order

  bool lotl_authenticated() const { return lotl.in_force.has_value() && lotl.in_force_authentication.authenticated(); }
};

struct RefreshProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::uint64_t bytes = 0;
  std::string current;  // the URL that just finished
};

struct RefreshOptions {
  std::string lotl_url;
  SignerSet anchors;
  engine::UtcTime trust_time{};
  std::size_t max_pivots = 10;
  unsigned threads = 2;  // parse + verify workers, overlapping with downloads
  ParseOptions parse;
  // The wall clock for recording fetch times (injected; tests pin it).
  std::function<engine::UtcTime()> clock;
  // Called after each document finishes (from a worker or fetcher thread; keep it cheap).
  std::function<void(const RefreshProgress&)> progress;
};

// Runs refreshes against one store and keeps what it has already parsed and verified, so that a
// later refresh does not parse or verify unchanged documents again. One refresh at a time per
// Refresher (calls are serialised); `current()` may be read from any thread at any time.
class Refresher {
 public:
  Refresher(engine::net::Fetcher& fetcher, engine::store::Store& store) : fetcher_(fetcher), store_(store) {}

  // Refreshes everything and publishes the new state. Store failures of individual records are
  // reported as findings; an Error only when the store cannot be used at all.
  engine::Result<std::shared_ptr<const TrustState>> refresh(const RefreshOptions& options);

  // The last published state (null before the first refresh).
  std::shared_ptr<const TrustState> current() const;

  // How many documents this Refresher has parsed and signature-checked so far (cache misses; the
  // LOTL's pivots are not counted). For statistics and tests: a refresh in which nothing changed
  // adds none. Any thread.
  std::size_t documents_parsed() const noexcept { return documents_parsed_.load(); }

 private:
  struct Cached {
    LoadedList loaded;
    SignatureCheck signature;
  };
  struct LotlWalk {
    std::string lotl_sha256;
    std::string anchors_key;
    LotlAuthentication walk;
  };
  friend class RefreshRun;

  engine::net::Fetcher& fetcher_;
  engine::store::Store& store_;
  std::mutex refresh_mutex_;
  mutable std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const Cached>> parsed_;  // sha256 -> parsed document
  std::shared_ptr<const LotlWalk> lotl_walk_;                    // the last pivot walk
  std::shared_ptr<const TrustState> current_;                    // guarded by cache_mutex_
  std::atomic<std::size_t> documents_parsed_{0};
};

}  // namespace assay::tsl
