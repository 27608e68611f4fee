// Row <-> record conversions and the catalogue queries shared by Store's methods. Private.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/store.h"

namespace assay::engine::store::internal {

std::optional<std::string> time_text(const std::optional<UtcTime>& t);

Result<bool> document_exists(sqlite3* db, std::string_view sha256_hex);
// url = nullopt selects every entry (ordered by url).
Result<std::vector<InForceRecord>> select_in_force(sqlite3* db, std::optional<std::string_view> url);
// Versions whose url or territory (per `key`) is `value`, newest first.
Result<std::vector<VersionRecord>> select_versions(sqlite3* db, VersionKey key, std::string_view value);
// Fetches of `url`, newest first; when `sha256` is given, only the successful ones (no error)
// that stored that body; at most `limit` (-1: all).
Result<std::vector<FetchRecord>> select_fetches(sqlite3* db, std::string_view url,
                                               std::optional<std::string_view> sha256 = std::nullopt, int limit = -1);
Result<std::optional<RunRecord>> select_run(sqlite3* db, std::int64_t run_id);

}  // namespace assay::engine::store::internal
