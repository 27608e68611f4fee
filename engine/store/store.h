// The document store: every fetched body, content-addressed on disk, and a SQLite catalogue of
// fetches, document versions, pivot steps, runs and what is in force. Generic: "kind",
// "territory", "auth_status" and the JSON columns are opaque strings chosen by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/error.h"
#include "engine/store/blob_store.h"
#include "engine/time.h"

struct sqlite3;

namespace assay::engine::store {

// One fetch attempt as the caller saw it (successful or not).
struct FetchRecord {
  std::string url;
  UtcTime time;
  int http_status = 0;
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  std::optional<std::int64_t> size;
  std::optional<std::string> sha256;  // the stored body, when there was one
  std::int64_t duration_ms = 0;
  std::optional<std::string> error;
  bool body_pruned = false;  // output only: gc() removed the body of this fetch
  std::int64_t id = 0;       // output only
};

// One version of a document (a stored blob) as interpreted by the caller.
struct VersionRecord {
  std::string url;
  std::string territory;
  std::string kind;
  std::optional<std::int64_t> sequence;
  std::optional<UtcTime> issued;
  std::optional<UtcTime> next_update;
  std::string sha256;  // must already be stored with put_blob()
  std::string auth_status;
  std::string findings_json = "[]";
  std::optional<UtcTime> trust_time;
  UtcTime recorded_at;
  std::int64_t id = 0;  // output only
};

// One step of a chain walk (e.g. a pivot chain) in a run.
struct PivotStepRecord {
  std::int64_t run_id = 0;
  int position = 0;
  std::string url;
  std::optional<std::int64_t> sequence;
  std::optional<std::string> signer_sha256;
  std::string verdict;
  std::string signer_set_json = "[]";
};

// The version of a URL currently in force, and why.
struct InForceRecord {
  std::string url;
  std::string sha256;  // must already be stored with put_blob()
  UtcTime since;
  std::optional<UtcTime> stale_since;  // set while refreshes fail and the old version stays
  std::string reason;
};

struct RunRecord {
  std::int64_t id = 0;
  UtcTime started;
  std::optional<UtcTime> finished;
  std::optional<UtcTime> trust_time;
  std::optional<std::string> summary_json;
};

struct GcReport {
  std::size_t versions_removed = 0;
  std::size_t blobs_removed = 0;
  std::size_t temporaries_removed = 0;
};

// Selects versions by URL or by territory.
enum class VersionKey { kUrl, kTerritory };

// A store in DIR: DIR/blobs/ab/ab... and DIR/catalogue.sqlite (WAL journal, synchronous=FULL,
// foreign keys on). Blobs are durable (fsync + rename + fsync dir) before any row refers to them,
// so a crash at any point leaves, at worst, an unreferenced blob.
// Exclusivity: open() takes an exclusive advisory lock on DIR/lock for the Store's lifetime; a
// second open (any process) fails with kUnavailable "store ... is locked".
// Thread safety: one SQLite connection per Store, guarded by a mutex: every method may be called
// from any thread; calls are serialised.
class Store {
 public:
  // Opens or creates the store. Errors: kUnavailable when DIR cannot be created or written, or is
  // locked by another Store; kMalformed when the catalogue is corrupt or not a database;
  // kUnsupported when it was written by a newer schema.
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores bytes (idempotent) and records the document (first_seen = `seen` on first store).
  // Returns the lower-case hex SHA-256.
  Result<std::string> put_blob(std::string_view bytes, UtcTime seen);
  // Reads a stored body; kNotFound when absent.
  Result<std::string> get_blob(std::string_view sha256_hex, std::size_t max_bytes = std::size_t{1} << 30) const;
  bool has_blob(std::string_view sha256_hex) const;

  // Appends records; return the new row id. record_version() and set_in_force() fail with
  // kInvalidArgument when the blob was never stored.
  Result<std::int64_t> record_fetch(const FetchRecord& fetch);
  // Records many fetches in one transaction (one durable commit instead of one per fetch).
  Result<void> record_fetches(const std::vector<FetchRecord>& fetches);
  // Records many pivot steps in one transaction.
  Result<void> record_pivot_steps(const std::vector<PivotStepRecord>& steps);
  Result<std::int64_t> record_version(const VersionRecord& version);
  Result<void> record_pivot_step(const PivotStepRecord& step);

  // Sets (inserts or replaces) the in-force entries, all or none in one transaction.
  Result<void> set_in_force(const std::vector<InForceRecord>& entries);
  Result<std::optional<InForceRecord>> in_force(std::string_view url) const;
  Result<std::vector<InForceRecord>> all_in_force() const;

  // Versions for a URL or territory, newest first (by recorded_at, then id).
  Result<std::vector<VersionRecord>> versions_for(VersionKey key, std::string_view value) const;
  // Fetches of a URL, newest first.
  Result<std::vector<FetchRecord>> fetches_for(std::string_view url) const;
  // The newest successful fetch of `url` that stored the body `sha256` (a fetch rejected as not a
  // list may have stored the same bytes; it does not count). Its validators make a conditional
  // request mean "still that version"); nullopt when there is none. One indexed row, however
  // long the history.
  Result<std::optional<FetchRecord>> latest_fetch_of(std::string_view url, std::string_view sha256) const;

  Result<std::int64_t> begin_run(UtcTime started, std::optional<UtcTime> trust_time);
  Result<void> finish_run(std::int64_t run_id, UtcTime finished, std::string_view summary_json);
  Result<std::optional<RunRecord>> run(std::int64_t run_id) const;

  // Verifies the store: PRAGMA integrity_check and foreign_key_check, every blob's bytes hash to
  // its name, every referenced sha256 (documents, versions, in_force, unpruned fetches) has its
  // blob. Returns the problems found (empty = healthy); an Error only when checking itself fails.
  Result<std::vector<std::string>> check() const;

  // Keeps the newest `keep_per_url` versions of each URL plus every version in force, deletes the
  // rest, then deletes blobs no version or in-force entry refers to (fetches keep their row with
  // body_pruned set) and leftover temporaries. Never removes anything in force.
  Result<GcReport> gc(std::size_t keep_per_url);

  const std::filesystem::path& dir() const noexcept { return dir_; }

 private:
  // Owns the SQLite connection (closed with sqlite3_close_v2).
  struct DbCloser {
    void operator()(sqlite3* db) const noexcept;
  };
  // Owns the lock file descriptor; closing it releases the advisory lock.
  class LockFd {
   public:
    explicit LockFd(int fd) : fd_(fd) {}
    LockFd(LockFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    LockFd(const LockFd&) = delete;
    LockFd& operator=(const LockFd&) = delete;
    LockFd& operator=(LockFd&&) = delete;
    ~LockFd();

   private:
    int fd_;
  };

  Store(std::filesystem::path dir, std::unique_ptr<sqlite3, DbCloser> db, LockFd lock);
  Result<void> ensure_document(std::string_view sha256_hex, std::size_t size, UtcTime seen);

  std::filesystem::path dir_;
  BlobStore blobs_;
  mutable std::mutex mutex_;
  LockFd lock_;
  std::unique_ptr<sqlite3, DbCloser> db_;  // declared after lock_: closed before the lock goes
};

}  // namespace assay::engine::store
