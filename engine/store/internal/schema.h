// The catalogue schema and its migrations. Private to engine/store.
#pragma once

#include <sqlite3.h>

#include "engine/error.h"

namespace assay::engine::store::internal {

// The schema version this build writes.
inline constexpr int kSchemaVersion = 1;

// Brings the catalogue up to kSchemaVersion in one transaction: creates `schema_version` when
// absent, then applies each migration newer than the recorded version, in order. Fails with
// kUnsupported when the file was written by a newer build, and with the SQLite error otherwise
// (kMalformed for a file that is not a database).
Result<void> migrate(sqlite3* db);

}  // namespace assay::engine::store::internal
