// The ZIP container of the evidence package, written and read by assay alone: every member
// stored (no compression), UTF-8 names, fixed timestamps, no extra fields, no comment. The reader
// accepts exactly that layout and nothing else — contiguous members from offset 0, local headers
// identical to the central directory, CRC-32 checked, no duplicate, absolute or ".." names — so
// that a change of any byte of a package is either a refused container or a member whose digest
// the seal no longer matches. (General ZIP reading, with compression and its limits, is the ASiC
// reader's job in engine/zip; this is deliberately narrower.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::service::audit::internal {

struct ZipMember {
  std::string name;
  std::string bytes;
};

// Writes the members in the given order (ASiC: "mimetype" first). kInvalidArgument for an empty,
// duplicate or unsafe name, kResourceExhausted beyond the 32-bit ZIP limits.
engine::Result<std::string> write_stored_zip(const std::vector<ZipMember>& members);

// Reads a container written by write_stored_zip. kMalformed naming the offset or member that
// breaks the layout; kResourceExhausted past `max_members`.
engine::Result<std::vector<ZipMember>> read_stored_zip(std::string_view bytes, std::size_t max_members = 100000);

std::uint32_t crc32(std::string_view bytes) noexcept;

}  // namespace assay::service::audit::internal
