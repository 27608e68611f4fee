// Thin RAII helpers over the SQLite C API for engine/store. Private: no SQL leaves engine/store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/c_handle.h"
#include "engine/error.h"

namespace assay::engine::store::internal {

using SqliteDb = CHandle<sqlite3, sqlite3_close_v2>;
using SqliteStmt = CHandle<sqlite3_stmt, sqlite3_finalize>;

// Maps a SQLite result code to a canonical Error: busy/locked -> kUnavailable, corrupt/not a
// database -> kMalformed, full -> kResourceExhausted, read-only/cantopen/ioerr -> kUnavailable.
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

// Executes one or more statements without results.
Result<void> exec(sqlite3* db, const char* sql);

// A prepared statement with 1-based positional binding. Bind calls return *this for chaining;
// a failed bind is remembered and reported by step().
class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, std::string_view sql);

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind_null(int index);

  // Advances: true when a row is available, false when done.
  Result<bool> step();
  // Runs to completion, ignoring rows.
  Result<void> run();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;

 private:
  Statement(sqlite3* db, SqliteStmt stmt) : db_(db), stmt_(std::move(stmt)) {}
  sqlite3* db_;
  SqliteStmt stmt_;
  int bind_rc_ = SQLITE_OK;
};

// Begins a transaction (BEGIN IMMEDIATE: the write lock is taken at once, so a busy store fails
// early rather than at COMMIT) and rolls it back on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(sqlite3* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace assay::engine::store::internal
