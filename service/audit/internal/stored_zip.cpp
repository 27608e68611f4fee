// Stored-only ZIP (stored_zip.h), after APPNOTE.TXT 6.3.x sections 4.3.7 (local file header),
// 4.3.12 (central directory header) and 4.3.16 (end of central directory record).
#include "service/audit/internal/stored_zip.h"

#include <array>
#include <cstdint>
#include <limits>
#include <set>

namespace assay::service::audit::internal {
namespace {

using engine::Code;

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr std::uint16_t kVersion = 20;       // 2.0: stored members
constexpr std::uint16_t kFlags = 0x0800;     // bit 11: names are UTF-8
constexpr std::uint16_t kDosTime = 0;        // fixed: packages of the same campaign are byte-identical
constexpr std::uint16_t kDosDate = 0x21;     // 1980-01-01
constexpr std::size_t kLocalSize = 30, kCentralSize = 46, kEndSize = 22;

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v & 0xffff));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}
std::uint16_t get16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}
std::uint32_t get32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(get16(b, at)) | (static_cast<std::uint32_t>(get16(b, at + 2)) << 16);
}

bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 1024 || name.front() == '/' || name.back() == '/') return false;
  if (name.find('\\') != std::string_view::npos || name.find('\0') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string header(std::uint32_t sig, const ZipMember& m, std::uint32_t crc, std::uint32_t offset) {
  std::string h;
  put32(h, sig);
  if (sig == kCentralSig) put16(h, kVersion);  // version made by
  put16(h, kVersion);
  put16(h, kFlags);
  put16(h, 0);  // method: stored
  put16(h, kDosTime);
  put16(h, kDosDate);
  put32(h, crc);
  put32(h, static_cast<std::uint32_t>(m.bytes.size()));
  put32(h, static_cast<std::uint32_t>(m.bytes.size()));
  put16(h, static_cast<std::uint16_t>(m.name.size()));
  put16(h, 0);  // extra
  if (sig == kCentralSig) {
    put16(h, 0);  // comment
    put16(h, 0);  // disk
    put16(h, 0);  // internal attributes
    put32(h, 0);  // external attributes
    put32(h, offset);
  }
  return h + m.name;
}

engine::Error malformed(std::size_t offset, const std::string& what) {
  return engine::Error(Code::kMalformed, "not an assay evidence container at byte " + std::to_string(offset) + ": " + what);
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) noexcept {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xffffffffu;
  for (char ch : bytes) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

engine::Result<std::string> write_stored_zip(const std::vector<ZipMember>& members) {
  if (members.size() > 0xffff) return engine::fail(Code::kResourceExhausted, "more than 65535 members");
  std::set<std::string_view> names;
  std::string out, central;
  for (const auto& m : members) {
    if (!safe_name(m.name)) return engine::fail(Code::kInvalidArgument, "unsafe member name '" + m.name + "'");
    if (!names.insert(m.name).second) return engine::fail(Code::kInvalidArgument, "duplicate member '" + m.name + "'");
    if (m.bytes.size() >= 0xffffffffu || out.size() + m.bytes.size() + kLocalSize + m.name.size() >= 0xffffffffu) {
      return engine::fail(Code::kResourceExhausted, "the package exceeds 4 GiB (ZIP64 is not written)");
    }
    const std::uint32_t crc = crc32(m.bytes);
    const auto offset = static_cast<std::uint32_t>(out.size());
    out += header(kLocalSig, m, crc, 0);
    out += m.bytes;
    central += header(kCentralSig, m, crc, offset);
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, kEndSig);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint16_t>(members.size()));
  put16(out, static_cast<std::uint16_t>(members.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

engine::Result<std::vector<ZipMember>> read_stored_zip(std::string_view b, std::size_t max_members) {
  if (b.size() < kEndSize) return std::unexpected(malformed(0, "shorter than a ZIP end record"));
  const std::size_t end = b.size() - kEndSize;
  if (get32(b, end) != kEndSig || get16(b, end + 4) != 0 || get16(b, end + 6) != 0 || get16(b, end + 20) != 0) {
    return std::unexpected(malformed(end, "no end record without comment at the end"));
  }
  const std::size_t count = get16(b, end + 10);
  const std::size_t cd_size = get32(b, end + 12);
  const std::size_t cd_offset = get32(b, end + 16);
  if (get16(b, end + 8) != count) return std::unexpected(malformed(end, "inconsistent member counts"));
  if (count > max_members) return engine::fail(Code::kResourceExhausted, "more than " + std::to_string(max_members) + " members");
  if (cd_offset > end || end - cd_offset != cd_size) return std::unexpected(malformed(end, "the central directory is not right before the end record"));

  std::vector<ZipMember> out;
  std::set<std::string> names;
  std::size_t cd = cd_offset, next_local = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (end - cd < kCentralSize || get32(b, cd) != kCentralSig) return std::unexpected(malformed(cd, "bad central directory header"));
    const std::size_t name_len = get16(b, cd + 28);
    if (get16(b, cd + 4) != kVersion || get16(b, cd + 6) != kVersion || get16(b, cd + 8) != kFlags || get16(b, cd + 10) != 0 ||
        get16(b, cd + 12) != kDosTime || get16(b, cd + 14) != kDosDate || get16(b, cd + 30) != 0 || get16(b, cd + 32) != 0 ||
        get16(b, cd + 34) != 0 || get16(b, cd + 36) != 0 || get32(b, cd + 38) != 0) {
      return std::unexpected(malformed(cd, "a central directory field assay does not write"));
    }
    const std::uint32_t crc = get32(b, cd + 16);
    const std::size_t size = get32(b, cd + 20);
    if (get32(b, cd + 24) != size) return std::unexpected(malformed(cd, "compressed and stored sizes differ"));
    const std::size_t local = get32(b, cd + 42);
    if (end - cd - kCentralSize < name_len) return std::unexpected(malformed(cd, "name past the central directory"));
    ZipMember m;
    m.name = std::string(b.substr(cd + kCentralSize, name_len));
    cd += kCentralSize + name_len;
    if (!safe_name(m.name)) return std::unexpected(malformed(cd, "unsafe member name '" + m.name + "'"));
    if (!names.insert(m.name).second) return std::unexpected(malformed(cd, "duplicate member '" + m.name + "'"));
    // Members are contiguous from offset 0: no bytes hide between or before them.
    if (local != next_local) return std::unexpected(malformed(local, "member '" + m.name + "' is not where the previous one ends"));
    if (cd_offset - local < kLocalSize + name_len || cd_offset - local - kLocalSize - name_len < size) {
      return std::unexpected(malformed(local, "member '" + m.name + "' runs past the central directory"));
    }
    const ZipMember probe{m.name, std::string()};
    std::string expected = header(kLocalSig, probe, crc, 0);
    // Sizes were written from the member; patch them in for the comparison.
    expected.replace(18, 4, b.substr(local + 18, 4));
    expected.replace(22, 4, b.substr(local + 22, 4));
    if (b.substr(local, kLocalSize + name_len) != expected || get32(b, local + 18) != size || get32(b, local + 22) != size) {
      return std::unexpected(malformed(local, "the local header of '" + m.name + "' differs from the central directory"));
    }
    m.bytes = std::string(b.substr(local + kLocalSize + name_len, size));
    if (crc32(m.bytes) != crc) return std::unexpected(malformed(local, "member '" + m.name + "' fails its CRC-32"));
    next_local = local + kLocalSize + name_len + size;
    out.push_back(std::move(m));
  }
  if (next_local != cd_offset) return std::unexpected(malformed(next_local, "bytes between the last member and the central directory"));
  if (cd != end) return std::unexpected(malformed(cd, "bytes after the central directory"));
  return out;
}

}  // namespace assay::service::audit::internal
