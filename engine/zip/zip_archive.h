// Reading a ZIP archive (APPNOTE 6.3) from memory with libzip, for ASiC containers (EN 319 162-1
// / -2): every entry's name and bytes, nothing written to disk, under hard limits that turn a
// hostile archive into a clear error instead of memory exhaustion or a path traversal.
//
// Refused (never partially read): more entries than the limit, an entry or a total larger than
// the limit once inflated, a compression ratio beyond the limit (zip bombs), a name with a `..`
// segment, an absolute or drive path, a backslash or a NUL, two entries with the same name,
// encrypted entries, and sizes the central directory states that differ from what the entry
// inflates to (libzip's consistency check plus our own bounded read). Never throws; thread-safe
// (each call owns its libzip handle).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::engine::zip {

struct ZipLimits {
  std::size_t max_entries = 1000;
  std::uint64_t max_entry_bytes = 64u << 20;   // one inflated entry
  std::uint64_t max_total_bytes = 256u << 20;  // all inflated entries
  std::uint64_t max_ratio = 200;               // inflated / compressed, for entries over 1 MiB
  std::size_t max_name_bytes = 1024;
};

struct ZipEntry {
  std::string name;          // as stored (UTF-8 or CP437 as libzip decodes it)
  std::string bytes;         // inflated contents ("" for directories)
  bool directory = false;    // the name ends with '/'
  bool stored = false;       // compression method 0 (no compression)
  bool has_extra_field = false;  // the central directory entry carries an extra field
};

struct ZipArchive {
  std::vector<ZipEntry> entries;  // in central directory order
  std::string comment;

  const ZipEntry* find(std::string_view name) const;
};

// kMalformed for an unreadable or inconsistent archive, kUnsupported for encrypted entries or
// unknown compression methods, kResourceExhausted over `limits`, kMalformed for forbidden names
// and duplicates; each message names the entry.
Result<ZipArchive> read_zip(std::string_view bytes, const ZipLimits& limits = {});

// Writes a ZIP archive in memory (for the sample containers, tests and benchmarks): entries in
// the order given, each stored or deflated. kInvalidArgument for a forbidden name; kInternal when
// libzip fails.
struct ZipWriteEntry {
  std::string name;
  std::string bytes;
  bool stored = false;
};
Result<std::string> write_zip(const std::vector<ZipWriteEntry>& entries);

// True when `bytes` start with a ZIP local file header signature ("PK\3\4").
bool looks_like_zip(std::string_view bytes) noexcept;

}  // namespace assay::engine::zip
