#include "engine/store/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "engine/digest.h"
#include "engine/file.h"

namespace assay::engine::store {
namespace {

constexpr std::string_view kTempPrefix = ".tmp-";

std::string errno_text(int err) { return std::strerror(err); }

// Closes a POSIX fd on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Result<void> fsync_dir(const std::filesystem::path& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0) return fail(Code::kUnavailable, "cannot open " + dir.string() + ": " + errno_text(errno));
  if (::fsync(d.fd) != 0) return fail(Code::kUnavailable, "fsync " + dir.string() + ": " + errno_text(errno));
  return {};
}

Result<void> write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(Code::kUnavailable, "write " + path.string() + ": " + errno_text(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace

bool BlobStore::is_valid_name(std::string_view name) {
  if (name.size() != 64) return false;
  for (const char c : name) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::filesystem::path BlobStore::path_of(std::string_view name) const {
  return root_ / std::string(name.substr(0, 2)) / std::string(name);
}

bool BlobStore::exists(std::string_view name) const {
  std::error_code ec;
  return is_valid_name(name) && std::filesystem::is_regular_file(path_of(name), ec);
}

Result<std::string> BlobStore::put(std::string_view bytes) const {
  std::string name = sha256_hex(bytes);
  const auto final_path = path_of(name);
  if (exists(name)) return name;  // content-addressed: same name, same bytes
  const auto dir = final_path.parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(Code::kUnavailable, "cannot create " + dir.string() + ": " + ec.message());

  std::string temp = (dir / (std::string(kTempPrefix) + name + "-XXXXXX")).string();
  Fd file{::mkostemp(temp.data(), O_CLOEXEC)};
  if (file.fd < 0) return fail(Code::kUnavailable, "cannot create a temporary in " + dir.string() + ": " + errno_text(errno));
  auto cleanup_on_error = [&](Error e) -> Result<std::string> {
    ::unlink(temp.c_str());
    return std::unexpected(std::move(e));
  };
  if (auto w = write_all(file.fd, bytes, temp); !w) return cleanup_on_error(std::move(w.error()));
  // The data must be on disk before the name points at it, or a crash could expose a short blob.
  if (::fsync(file.fd) != 0) return cleanup_on_error(Error(Code::kUnavailable, "fsync " + temp + ": " + errno_text(errno)));
  ::close(file.fd);
  file.fd = -1;
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    return cleanup_on_error(Error(Code::kUnavailable, "rename to " + final_path.string() + ": " + errno_text(errno)));
  }
  // And the directory entry must be durable before the catalogue refers to it.
  if (auto d = fsync_dir(dir); !d) return std::unexpected(std::move(d.error()));
  return name;
}

Result<std::string> BlobStore::get(std::string_view name, std::size_t max_bytes) const {
  if (!is_valid_name(name)) return fail(Code::kInvalidArgument, "not a SHA-256 hex name: " + std::string(name));
  return read_file(path_of(name), max_bytes);
}

std::string BlobStore::verify(std::string_view name) const {
  if (!is_valid_name(name)) return "not a SHA-256 hex name: " + std::string(name);
  // Hashed in chunks: a check must not hold a stray multi-gigabyte file in memory.
  std::ifstream in(path_of(name), std::ios::binary);
  if (!in) return "blob " + std::string(name) + ": cannot open " + path_of(name).string();
  Sha256Stream hash;
  std::string chunk(1 << 20, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    hash.update(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return "blob " + std::string(name) + ": read error";
  const Sha256 digest = hash.finish();
  const std::string actual = to_hex(digest);
  if (actual != name) return "blob " + std::string(name) + " is corrupt: its bytes hash to " + actual;
  return {};
}

Result<void> BlobStore::remove(std::string_view name) const {
  if (!is_valid_name(name)) return fail(Code::kInvalidArgument, "not a SHA-256 hex name: " + std::string(name));
  std::error_code ec;
  std::filesystem::remove(path_of(name), ec);
  if (ec) return fail(Code::kUnavailable, "cannot remove blob " + std::string(name) + ": " + ec.message());
  return {};
}

std::vector<std::string> BlobStore::list() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& fan : std::filesystem::directory_iterator(root_, ec)) {
    if (!fan.is_directory()) continue;
    std::error_code inner;
    for (const auto& entry : std::filesystem::directory_iterator(fan.path(), inner)) {
      const std::string name = entry.path().filename().string();
      if (is_valid_name(name)) out.push_back(name);
    }
  }
  return out;
}

std::size_t BlobStore::sweep_temporaries() const {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& fan : std::filesystem::directory_iterator(root_, ec)) {
    if (!fan.is_directory()) continue;
    std::error_code inner;
    for (const auto& entry : std::filesystem::directory_iterator(fan.path(), inner)) {
      if (entry.path().filename().string().starts_with(kTempPrefix)) {
        std::error_code rm;
        if (std::filesystem::remove(entry.path(), rm)) ++removed;
      }
    }
  }
  return removed;
}

}  // namespace assay::engine::store
