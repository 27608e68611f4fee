// Store::check() and Store::gc(): verification and pruning, kept apart from the write path.
#include <sqlite3.h>

#include <set>

#include "engine/store/internal/sqlite.h"
#include "engine/store/store.h"

namespace assay::engine::store {

using internal::Statement;
using internal::Transaction;

namespace {

// Runs a query returning one text column and collects it.
Result<std::vector<std::string>> column_of(sqlite3* db, const char* sql) {
  auto q = Statement::prepare(db, sql);
  if (!q) return std::unexpected(std::move(q.error()));
  std::vector<std::string> out;
  while (true) {
    auto row = q->step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) return out;
    out.push_back(q->text(0));
  }
}

}  // namespace

Result<std::vector<std::string>> Store::check() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> problems;
  auto integrity = column_of(db_.get(), "PRAGMA integrity_check");
  if (!integrity) {
    // A catalogue too damaged to be checked is itself the finding.
    problems.push_back("catalogue integrity_check failed: " + integrity.error().message());
    return problems;
  }
  for (const auto& line : *integrity) {
    if (line != "ok") problems.push_back("catalogue integrity: " + line);
  }
  auto foreign = Statement::prepare(db_.get(), "PRAGMA foreign_key_check");
  if (!foreign) return std::unexpected(std::move(foreign.error()));
  while (true) {
    auto row = foreign->step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) break;
    problems.push_back("catalogue foreign key: row " + std::to_string(foreign->int64(1)) + " of " + foreign->text(0) +
                       " refers to a missing " + foreign->text(2));
  }

  for (const auto& name : blobs_.list()) {
    if (auto problem = blobs_.verify(name); !problem.empty()) problems.push_back(std::move(problem));
  }

  struct Reference {
    const char* what;
    const char* sql;
  };
  static constexpr Reference kReferences[] = {
      {"document", "SELECT sha256 FROM documents"},
      {"version", "SELECT DISTINCT sha256 FROM versions"},
      {"in-force entry", "SELECT DISTINCT sha256 FROM in_force"},
      {"fetch", "SELECT DISTINCT sha256 FROM fetches WHERE sha256 IS NOT NULL AND body_pruned=0"},
  };
  for (const auto& ref : kReferences) {
    auto shas = column_of(db_.get(), ref.sql);
    if (!shas) return std::unexpected(std::move(shas.error()));
    for (const auto& sha : *shas) {
      if (!blobs_.exists(sha)) problems.push_back(std::string(ref.what) + " refers to missing blob " + sha);
    }
  }
  return problems;
}

Result<GcReport> Store::gc(std::size_t keep_per_url) {
  std::lock_guard lock(mutex_);
  GcReport report;
  {
    auto tx = Transaction::begin(db_.get());
    if (!tx) return std::unexpected(std::move(tx.error()));
    // Newest N per URL survive; so does any version whose (url, sha256) is in force.
    auto prune = Statement::prepare(db_.get(), R"sql(
      DELETE FROM versions WHERE id IN (
        SELECT id FROM (
          SELECT id, url, sha256,
                 ROW_NUMBER() OVER (PARTITION BY url ORDER BY recorded_at DESC, id DESC) AS rank
          FROM versions) AS ranked
        WHERE rank > ?
          AND NOT EXISTS (SELECT 1 FROM in_force f WHERE f.url = ranked.url AND f.sha256 = ranked.sha256)))sql");
    if (!prune) return std::unexpected(std::move(prune.error()));
    if (auto r = prune->bind(1, static_cast<std::int64_t>(keep_per_url)).run(); !r) return std::unexpected(std::move(r.error()));
    report.versions_removed = static_cast<std::size_t>(sqlite3_changes(db_.get()));

    // Documents no version and no in-force entry refers to: their fetches are marked pruned, then
    // the rows go, in two set-wise statements rather than two per document.
    if (auto r = internal::exec(db_.get(), R"sql(
      UPDATE fetches SET body_pruned=1 WHERE sha256 IN (
        SELECT sha256 FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM versions)
                                       AND sha256 NOT IN (SELECT sha256 FROM in_force));
      DELETE FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM versions)
                              AND sha256 NOT IN (SELECT sha256 FROM in_force);)sql");
        !r) {
      return std::unexpected(std::move(r.error()));
    }
    if (auto r = tx->commit(); !r) return std::unexpected(std::move(r.error()));
  }
  // Files go only after the rows are committed: a crash in between leaves orphan files, which the
  // next gc removes below, never rows without files.
  auto known = column_of(db_.get(), "SELECT sha256 FROM documents");
  if (!known) return std::unexpected(std::move(known.error()));
  const std::set<std::string> keep(known->begin(), known->end());
  for (const auto& name : blobs_.list()) {
    if (keep.contains(name)) continue;
    if (auto r = blobs_.remove(name); !r) return std::unexpected(std::move(r.error()));
    ++report.blobs_removed;
  }
  report.temporaries_removed = blobs_.sweep_temporaries();
  return report;
}

}  // namespace assay::engine::store
