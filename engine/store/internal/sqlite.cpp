#include "engine/store/internal/sqlite.h"

namespace assay::engine::store::internal {

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  Code code = Code::kInternal;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = Code::kUnavailable;
      message += " (the store is locked by another writer)";
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = Code::kMalformed; break;
    case SQLITE_FULL: code = Code::kResourceExhausted; break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM: code = Code::kUnavailable; break;
    case SQLITE_CONSTRAINT: code = Code::kInvalidArgument; break;
    default: break;
  }
  return Error(code, std::move(message));
}

Result<void> exec(sqlite3* db, const char* sql) {
  char* raw = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &raw);
  CHandle<char, sqlite3_free> message(raw);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db, rc, "executing SQL"));
  return {};
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  SqliteStmt stmt(raw);  // owns the statement from here
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db, rc, "preparing SQL"));
  return Statement(db, std::move(stmt));
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_.get(), index, value);
  if (rc != SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_.get(), index);
  if (rc != SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Result<bool> Statement::step() {
  if (bind_rc_ != SQLITE_OK) return std::unexpected(sqlite_error(db_, bind_rc_, "binding SQL parameters"));
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(sqlite_error(db_, rc, "running SQL"));
}

Result<void> Statement::run() {
  while (true) {
    auto more = step();
    if (!more) return std::unexpected(std::move(more.error()));
    if (!*more) return {};
  }
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_.get(), column);
  const int n = sqlite3_column_bytes(stmt_.get(), column);
  return p != nullptr ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

Result<Transaction> Transaction::begin(sqlite3* db) {
  if (auto r = exec(db, "BEGIN IMMEDIATE"); !r) return std::unexpected(std::move(r.error()));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit() {
  auto r = exec(db_, "COMMIT");
  if (r) db_ = nullptr;
  return r;
}

}  // namespace assay::engine::store::internal
