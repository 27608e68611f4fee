#include "engine/store/internal/records.h"

#include "engine/store/internal/sqlite.h"

namespace assay::engine::store::internal {
namespace {

// Times are written by this module in canonical form, so a parse failure means the file was
// edited by hand or corrupted: reported as kMalformed.
Result<UtcTime> time_at(const Statement& s, int column) {
  auto t = parse_utc_time(s.text(column));
  if (!t) return std::unexpected(std::move(t.error()).with_context("catalogue time column"));
  return *t;
}

Result<std::optional<UtcTime>> optional_time_at(const Statement& s, int column) {
  if (s.is_null(column)) return std::optional<UtcTime>();
  auto t = time_at(s, column);
  if (!t) return std::unexpected(std::move(t.error()));
  return std::optional<UtcTime>(*t);
}

}  // namespace

std::optional<std::string> time_text(const std::optional<UtcTime>& t) {
  if (!t) return std::nullopt;
  return format_utc_time(*t);
}

Result<bool> document_exists(sqlite3* db, std::string_view sha) {
  auto q = Statement::prepare(db, "SELECT 1 FROM documents WHERE sha256=?");
  if (!q) return std::unexpected(std::move(q.error()));
  return q->bind(1, sha).step();
}

Result<std::vector<InForceRecord>> select_in_force(sqlite3* db, std::optional<std::string_view> url) {
  auto q = Statement::prepare(db, url ? "SELECT url, sha256, since, stale_since, reason FROM in_force WHERE url=?"
                                      : "SELECT url, sha256, since, stale_since, reason FROM in_force ORDER BY url");
  if (!q) return std::unexpected(std::move(q.error()));
  if (url) q->bind(1, *url);
  std::vector<InForceRecord> out;
  while (true) {
    auto row = q->step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) break;
    InForceRecord r;
    r.url = q->text(0);
    r.sha256 = q->text(1);
    auto since = time_at(*q, 2);
    auto stale = optional_time_at(*q, 3);
    if (!since) return std::unexpected(std::move(since.error()));
    if (!stale) return std::unexpected(std::move(stale.error()));
    r.since = *since;
    r.stale_since = *stale;
    r.reason = q->text(4);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<VersionRecord>> select_versions(sqlite3* db, VersionKey key, std::string_view value) {
  const std::string sql =
      "SELECT id, url, territory, kind, sequence, issued, next_update, sha256, auth_status, findings_json, "
      "trust_time, recorded_at FROM versions WHERE " +
      std::string(key == VersionKey::kUrl ? "url" : "territory") + "=? ORDER BY recorded_at DESC, id DESC";
  auto q = Statement::prepare(db, sql);
  if (!q) return std::unexpected(std::move(q.error()));
  q->bind(1, value);
  std::vector<VersionRecord> out;
  while (true) {
    auto row = q->step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) break;
    VersionRecord v;
    v.id = q->int64(0);
    v.url = q->text(1);
    v.territory = q->text(2);
    v.kind = q->text(3);
    v.sequence = q->optional_int64(4);
    auto issued = optional_time_at(*q, 5);
    auto next = optional_time_at(*q, 6);
    auto trust = optional_time_at(*q, 10);
    auto recorded = time_at(*q, 11);
    if (!issued || !next || !trust || !recorded) return fail(Code::kMalformed, "bad time in versions row " + std::to_string(v.id));
    v.issued = *issued;
    v.next_update = *next;
    v.sha256 = q->text(7);
    v.auth_status = q->text(8);
    v.findings_json = q->text(9);
    v.trust_time = *trust;
    v.recorded_at = *recorded;
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<FetchRecord>> select_fetches(sqlite3* db, std::string_view url,
                                               std::optional<std::string_view> sha256, int limit) {
  auto q = Statement::prepare(db,
                              "SELECT id, url, time, http_status, etag, last_modified, size, sha256, duration_ms, "
                              "error, body_pruned FROM fetches WHERE url=? AND (?2 IS NULL OR (sha256=?2 AND error IS NULL)) "
                              "ORDER BY time DESC, id DESC LIMIT ?3");
  if (!q) return std::unexpected(std::move(q.error()));
  q->bind(1, url).bind(2, sha256 ? std::optional<std::string>(std::string(*sha256)) : std::nullopt);
  q->bind(3, std::int64_t{limit});
  std::vector<FetchRecord> out;
  while (true) {
    auto row = q->step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) break;
    FetchRecord f;
    f.id = q->int64(0);
    f.url = q->text(1);
    auto time = time_at(*q, 2);
    if (!time) return std::unexpected(std::move(time.error()));
    f.time = *time;
    f.http_status = static_cast<int>(q->int64(3));
    f.etag = q->optional_text(4);
    f.last_modified = q->optional_text(5);
    f.size = q->optional_int64(6);
    f.sha256 = q->optional_text(7);
    f.duration_ms = q->int64(8);
    f.error = q->optional_text(9);
    f.body_pruned = q->int64(10) != 0;
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::optional<RunRecord>> select_run(sqlite3* db, std::int64_t run_id) {
  auto q = Statement::prepare(db, "SELECT id, started, finished, trust_time, summary_json FROM runs WHERE id=?");
  if (!q) return std::unexpected(std::move(q.error()));
  q->bind(1, run_id);
  auto row = q->step();
  if (!row) return std::unexpected(std::move(row.error()));
  if (!*row) return std::optional<RunRecord>();
  RunRecord r;
  r.id = q->int64(0);
  auto started = time_at(*q, 1);
  auto finished = optional_time_at(*q, 2);
  auto trust = optional_time_at(*q, 3);
  if (!started || !finished || !trust) return fail(Code::kMalformed, "bad time in runs row " + std::to_string(r.id));
  r.started = *started;
  r.finished = *finished;
  r.trust_time = *trust;
  r.summary_json = q->optional_text(4);
  return std::optional<RunRecord>(std::move(r));
}

}  // namespace assay::engine::store::internal
