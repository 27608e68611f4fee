#include "engine/store/internal/schema.h"

#include <array>
#include <string>

#include "engine/store/internal/sqlite.h"

namespace assay::engine::store::internal {
namespace {

// Migration i (1-based) takes the schema from version i-1 to i. Append only; never edit one that
// has shipped. Times are "YYYY-MM-DDTHH:MM:SSZ" text, which sorts chronologically.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 1: the generic catalogue.
    R"sql(
CREATE TABLE documents (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  first_seen TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE fetches (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  time TEXT NOT NULL,
  http_status INTEGER NOT NULL DEFAULT 0,
  etag TEXT,
  last_modified TEXT,
  size INTEGER,
  sha256 TEXT,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  body_pruned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fetches_by_url ON fetches(url, time);
CREATE TABLE versions (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  territory TEXT NOT NULL,
  kind TEXT NOT NULL,
  sequence INTEGER,
  issued TEXT,
  next_update TEXT,
  sha256 TEXT NOT NULL REFERENCES documents(sha256),
  auth_status TEXT NOT NULL,
  findings_json TEXT NOT NULL DEFAULT '[]',
  trust_time TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX versions_by_url ON versions(url, recorded_at);
CREATE INDEX versions_by_territory ON versions(territory, recorded_at);
CREATE INDEX versions_by_sha256 ON versions(sha256);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  trust_time TEXT,
  summary_json TEXT
);
CREATE TABLE pivot_steps (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  position INTEGER NOT NULL,
  url TEXT NOT NULL,
  sequence INTEGER,
  signer_sha256 TEXT,
  verdict TEXT NOT NULL,
  signer_set_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, position)
);
CREATE TABLE in_force (
  url TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES documents(sha256),
  since TEXT NOT NULL,
  stale_since TEXT,
  reason TEXT NOT NULL DEFAULT ''
);
)sql",
};

}  // namespace

Result<void> migrate(sqlite3* db) {
  auto tx = Transaction::begin(db);
  if (!tx) return std::unexpected(std::move(tx.error()));
  if (auto r = exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); !r) return r;
  int current = 0;
  {  // scoped: an unfinished SELECT would make COMMIT fail with "statements in progress"
    auto read = Statement::prepare(db, "SELECT MAX(version) FROM schema_version");
    if (!read) return std::unexpected(std::move(read.error()));
    auto row = read->step();
    if (!row) return std::unexpected(std::move(row.error()));
    current = read->is_null(0) ? 0 : static_cast<int>(read->int64(0));
  }
  if (current > kSchemaVersion) {
    return fail(Code::kUnsupported, "catalogue schema version " + std::to_string(current) +
                                        " is newer than this build supports (" + std::to_string(kSchemaVersion) + ")");
  }
  for (int v = current + 1; v <= kSchemaVersion; ++v) {
    if (auto r = exec(db, kMigrations[static_cast<std::size_t>(v - 1)]); !r) {
      return std::unexpected(std::move(r.error()).with_context("migration to schema " + std::to_string(v)));
    }
  }
  if (current != kSchemaVersion) {
    if (auto r = exec(db, "DELETE FROM schema_version"); !r) return r;
    auto write = Statement::prepare(db, "INSERT INTO schema_version(version) VALUES (?)");
    if (!write) return std::unexpected(std::move(write.error()));
    if (auto r = write->bind(1, std::int64_t{kSchemaVersion}).run(); !r) return r;
  }
  return tx->commit();
}

}  // namespace assay::engine::store::internal
