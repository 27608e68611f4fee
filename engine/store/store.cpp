#include "engine/store/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "engine/store/internal/records.h"
#include "engine/store/internal/schema.h"
#include "engine/store/internal/sqlite.h"

namespace assay::engine::store {

using internal::Statement;
using internal::Transaction;

void Store::DbCloser::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }

Store::LockFd::~LockFd() {
  if (fd_ >= 0) ::close(fd_);
}

Store::Store(std::filesystem::path dir, std::unique_ptr<sqlite3, DbCloser> db, LockFd lock)
    : dir_(std::move(dir)), blobs_(dir_ / "blobs"), lock_(std::move(lock)), db_(std::move(db)) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir) {
  const std::string where = "store " + dir.string();
  std::error_code ec;
  std::filesystem::create_directories(dir / "blobs", ec);
  if (ec) return fail(Code::kUnavailable, where + ": cannot create: " + ec.message());

  // An advisory lock makes a second writer fail fast and clearly instead of on some later
  // SQLITE_BUSY; the kernel drops it when the process dies, so a crash never leaves it stale.
  const auto lock_path = dir / "lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return fail(Code::kUnavailable, where + ": not writable: " + std::strerror(errno));
  LockFd lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return fail(Code::kUnavailable, where + " is locked by another process or Store");
    return fail(Code::kUnavailable, where + ": cannot lock: " + std::strerror(errno));
  }

  const auto catalogue = dir / "catalogue.sqlite";
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(catalogue.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<sqlite3, DbCloser> db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return std::unexpected(internal::sqlite_error(db.get(), rc, where + ": opening catalogue"));
  sqlite3_busy_timeout(db.get(), 5000);
  sqlite3_extended_result_codes(db.get(), 1);

  // WAL: readers never block the writer and a crash mid-transaction rolls back on reopen.
  // synchronous=FULL rather than NORMAL: in WAL mode NORMAL survives process crashes but may lose
  // the last commits on power loss; catalogue writes are few (one refresh), and an auditor must
  // be able to rely on "recorded" meaning "on disk", so the extra fsync per commit is worth it.
  auto configure = [&]() -> Result<void> {
    {  // scoped: the statement must be finished before migrate() commits
      auto mode = Statement::prepare(db.get(), "PRAGMA journal_mode=WAL");
      if (!mode) return std::unexpected(std::move(mode.error()));
      auto row = mode->step();
      if (!row) return std::unexpected(std::move(row.error()));
      if (!*row || mode->text(0) != "wal") return fail(Code::kUnavailable, "cannot switch the catalogue to WAL mode");
    }
    if (auto r = internal::exec(db.get(), "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !r) return r;
    return internal::migrate(db.get());
  };
  if (auto r = configure(); !r) {
    return std::unexpected(std::move(r.error()).with_context(where + ": catalogue " + catalogue.string()));
  }
  auto store = std::unique_ptr<Store>(new Store(dir, std::move(db), std::move(lock)));
  store->blobs_.sweep_temporaries();
  return store;
}

Result<void> Store::ensure_document(std::string_view sha, std::size_t size, UtcTime seen) {
  auto insert = Statement::prepare(db_.get(), "INSERT OR IGNORE INTO documents(sha256, size, first_seen) VALUES (?,?,?)");
  if (!insert) return std::unexpected(std::move(insert.error()));
  return insert->bind(1, sha).bind(2, static_cast<std::int64_t>(size)).bind(3, format_utc_time(seen)).run();
}

Result<std::string> Store::put_blob(std::string_view bytes, UtcTime seen) {
  std::lock_guard lock(mutex_);
  auto name = blobs_.put(bytes);
  if (!name) return name;
  // The file is durable before the row exists (BlobStore::put fsyncs), never the other way round.
  if (auto r = ensure_document(*name, bytes.size(), seen); !r) return std::unexpected(std::move(r.error()));
  return name;
}

Result<std::string> Store::get_blob(std::string_view sha, std::size_t max_bytes) const {
  return blobs_.get(sha, max_bytes);
}

bool Store::has_blob(std::string_view sha) const { return blobs_.exists(sha); }

namespace {

// The INSERTs shared by the single and the batched forms; the caller holds the store's mutex.
Result<std::int64_t> insert_fetch(sqlite3* db, const FetchRecord& f) {
  auto insert = Statement::prepare(db,
                                   "INSERT INTO fetches(url, time, http_status, etag, last_modified, size, sha256, "
                                   "duration_ms, error) VALUES (?,?,?,?,?,?,?,?,?)");
  if (!insert) return std::unexpected(std::move(insert.error()));
  insert->bind(1, f.url).bind(2, format_utc_time(f.time)).bind(3, std::int64_t{f.http_status}).bind(4, f.etag);
  insert->bind(5, f.last_modified).bind(6, f.size).bind(7, f.sha256).bind(8, f.duration_ms).bind(9, f.error);
  if (auto r = insert->run(); !r) return std::unexpected(std::move(r.error()).with_context("recording fetch"));
  return sqlite3_last_insert_rowid(db);
}

Result<void> insert_pivot_step(sqlite3* db, const PivotStepRecord& p) {
  auto insert = Statement::prepare(db,
                                   "INSERT INTO pivot_steps(run_id, position, url, sequence, signer_sha256, verdict, "
                                   "signer_set_json) VALUES (?,?,?,?,?,?,?)");
  if (!insert) return std::unexpected(std::move(insert.error()));
  insert->bind(1, p.run_id).bind(2, std::int64_t{p.position}).bind(3, p.url).bind(4, p.sequence);
  insert->bind(5, p.signer_sha256).bind(6, p.verdict).bind(7, p.signer_set_json);
  if (auto r = insert->run(); !r) return std::unexpected(std::move(r.error()).with_context("recording pivot step"));
  return {};
}

// Inserts every item in one transaction (all or none); the caller holds the store's mutex.
template <class T, class Insert>
Result<void> insert_all(sqlite3* db, const std::vector<T>& items, Insert insert) {
  if (items.empty()) return {};
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(std::move(tx.error()));
  for (const T& item : items) {
    if (auto r = insert(db, item); !r) return std::unexpected(std::move(r.error()));
  }
  return tx->commit();
}

}  // namespace

Result<std::int64_t> Store::record_fetch(const FetchRecord& f) {
  std::lock_guard lock(mutex_);
  return insert_fetch(db_.get(), f);
}

Result<void> Store::record_fetches(const std::vector<FetchRecord>& fetches) {
  std::lock_guard lock(mutex_);
  return insert_all(db_.get(), fetches, insert_fetch);
}

Result<void> Store::record_pivot_steps(const std::vector<PivotStepRecord>& steps) {
  std::lock_guard lock(mutex_);
  return insert_all(db_.get(), steps, insert_pivot_step);
}

Result<std::int64_t> Store::record_version(const VersionRecord& v) {
  std::lock_guard lock(mutex_);
  auto known = internal::document_exists(db_.get(), v.sha256);
  if (!known) return std::unexpected(std::move(known.error()));
  if (!*known) return fail(Code::kInvalidArgument, "version of " + v.url + " refers to unstored blob " + v.sha256);
  auto insert = Statement::prepare(db_.get(),
                                   "INSERT INTO versions(url, territory, kind, sequence, issued, next_update, sha256, "
                                   "auth_status, findings_json, trust_time, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!insert) return std::unexpected(std::move(insert.error()));
  insert->bind(1, v.url).bind(2, v.territory).bind(3, v.kind).bind(4, v.sequence);
  insert->bind(5, internal::time_text(v.issued)).bind(6, internal::time_text(v.next_update)).bind(7, v.sha256);
  insert->bind(8, v.auth_status).bind(9, v.findings_json).bind(10, internal::time_text(v.trust_time));
  insert->bind(11, format_utc_time(v.recorded_at));
  if (auto r = insert->run(); !r) return std::unexpected(std::move(r.error()).with_context("recording version"));
  return sqlite3_last_insert_rowid(db_.get());
}

Result<void> Store::record_pivot_step(const PivotStepRecord& p) {
  std::lock_guard lock(mutex_);
  return insert_pivot_step(db_.get(), p);
}

Result<void> Store::set_in_force(const std::vector<InForceRecord>& entries) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::begin(db_.get());
  if (!tx) return std::unexpected(std::move(tx.error()));
  for (const auto& e : entries) {
    auto known = internal::document_exists(db_.get(), e.sha256);
    if (!known) return std::unexpected(std::move(known.error()));
    if (!*known) return fail(Code::kInvalidArgument, "in-force entry for " + e.url + " refers to unstored blob " + e.sha256);
    auto upsert = Statement::prepare(db_.get(),
                                     "INSERT INTO in_force(url, sha256, since, stale_since, reason) VALUES (?,?,?,?,?) "
                                     "ON CONFLICT(url) DO UPDATE SET sha256=excluded.sha256, since=excluded.since, "
                                     "stale_since=excluded.stale_since, reason=excluded.reason");
    if (!upsert) return std::unexpected(std::move(upsert.error()));
    upsert->bind(1, e.url).bind(2, e.sha256).bind(3, format_utc_time(e.since));
    upsert->bind(4, internal::time_text(e.stale_since)).bind(5, e.reason);
    if (auto r = upsert->run(); !r) return std::unexpected(std::move(r.error()).with_context("setting in force"));
  }
  return tx->commit();
}

Result<std::optional<InForceRecord>> Store::in_force(std::string_view url) const {
  std::lock_guard lock(mutex_);
  auto rows = internal::select_in_force(db_.get(), url);
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (rows->empty()) return std::optional<InForceRecord>();
  return std::optional<InForceRecord>(std::move(rows->front()));
}

Result<std::vector<InForceRecord>> Store::all_in_force() const {
  std::lock_guard lock(mutex_);
  return internal::select_in_force(db_.get(), std::nullopt);
}

Result<std::vector<VersionRecord>> Store::versions_for(VersionKey key, std::string_view value) const {
  std::lock_guard lock(mutex_);
  return internal::select_versions(db_.get(), key, value);
}

Result<std::optional<FetchRecord>> Store::latest_fetch_of(std::string_view url, std::string_view sha256) const {
  std::lock_guard lock(mutex_);
  auto rows = internal::select_fetches(db_.get(), url, sha256, 1);
  if (!rows) return std::unexpected(std::move(rows.error()));
  if (rows->empty()) return std::optional<FetchRecord>();
  return std::optional<FetchRecord>(std::move(rows->front()));
}

Result<std::vector<FetchRecord>> Store::fetches_for(std::string_view url) const {
  std::lock_guard lock(mutex_);
  return internal::select_fetches(db_.get(), url);
}

Result<std::int64_t> Store::begin_run(UtcTime started, std::optional<UtcTime> trust_time) {
  std::lock_guard lock(mutex_);
  auto insert = Statement::prepare(db_.get(), "INSERT INTO runs(started, trust_time) VALUES (?,?)");
  if (!insert) return std::unexpected(std::move(insert.error()));
  if (auto r = insert->bind(1, format_utc_time(started)).bind(2, internal::time_text(trust_time)).run(); !r) {
    return std::unexpected(std::move(r.error()).with_context("beginning run"));
  }
  return sqlite3_last_insert_rowid(db_.get());
}

Result<void> Store::finish_run(std::int64_t run_id, UtcTime finished, std::string_view summary_json) {
  std::lock_guard lock(mutex_);
  auto update = Statement::prepare(db_.get(), "UPDATE runs SET finished=?, summary_json=? WHERE id=?");
  if (!update) return std::unexpected(std::move(update.error()));
  if (auto r = update->bind(1, format_utc_time(finished)).bind(2, summary_json).bind(3, run_id).run(); !r) {
    return std::unexpected(std::move(r.error()).with_context("finishing run"));
  }
  if (sqlite3_changes(db_.get()) == 0) return fail(Code::kNotFound, "no run " + std::to_string(run_id));
  return {};
}

Result<std::optional<RunRecord>> Store::run(std::int64_t run_id) const {
  std::lock_guard lock(mutex_);
  return internal::select_run(db_.get(), run_id);
}

}  // namespace assay::engine::store
