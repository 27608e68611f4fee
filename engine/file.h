// Whole-file reads with a size limit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "engine/error.h"

namespace assay::engine {

// Reads a regular file into memory. kNotFound when missing, kResourceExhausted when larger than
// `max_bytes` (checked before reading), kUnavailable on other I/O errors.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace assay::engine
