// Content-addressed files: every body is stored once, under its SHA-256, and never modified.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::engine::store {

// Blobs live at ROOT/ab/abcdef... (two-hex-digit fan-out). A write goes to a temporary file in
// the same folder, is fsynced, renamed into place and the folder fsynced, so a crash leaves either
// no blob or the complete blob (plus, at worst, a stray ".tmp-" file that sweep_temporaries()
// removes). Thread safety: concurrent put() of the same bytes is safe (rename is atomic and the
// content identical); the class holds no mutable state.
class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores `bytes` unless already present; returns the lower-case hex SHA-256. kUnavailable on
  // I/O errors (disk full, permissions) with the path and errno text.
  Result<std::string> put(std::string_view bytes) const;
  // Reads a blob. kNotFound when absent, kResourceExhausted over `max_bytes`, kInvalidArgument for
  // a name that is not 64 lower-case hex digits. The bytes are NOT re-hashed (see verify()).
  Result<std::string> get(std::string_view sha256_hex, std::size_t max_bytes) const;
  bool exists(std::string_view sha256_hex) const;
  // Re-hashes a blob: empty when it matches its name, else a problem description.
  std::string verify(std::string_view sha256_hex) const;
  // Deletes a blob (idempotent).
  Result<void> remove(std::string_view sha256_hex) const;
  // Names of all blobs present (temporaries excluded), unsorted.
  std::vector<std::string> list() const;
  // Deletes leftover temporaries from interrupted writes; returns how many.
  std::size_t sweep_temporaries() const;

  std::filesystem::path path_of(std::string_view sha256_hex) const;
  static bool is_valid_name(std::string_view sha256_hex);

 private:
  std::filesystem::path root_;
};

}  // namespace assay::engine::store
