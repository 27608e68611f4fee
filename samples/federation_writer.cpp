// Atomic output of the federation: a temporary folder beside the destination, renamed into place.
#include <fstream>
#include <random>
#include <system_error>

#include "samples/federation.h"

namespace assay::samples {
namespace {

namespace fs = std::filesystem;
using engine::Code;

std::string random_suffix() {
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 12; ++i) out += kHex[device() % 16];
  return out;
}

// kInvalidArgument when `out` cannot be (re)placed, before any work is done.
engine::Result<void> check_destination(const fs::path& out, Overwrite overwrite) {
  std::error_code ec;
  const auto status = fs::status(out, ec);
  // A missing path (or one below a file) is left to the creation step, which names the culprit.
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    return engine::fail(Code::kUnavailable, "cannot inspect " + out.string() + ": " + ec.message());
  }
  if (!fs::exists(status)) return {};
  if (!fs::is_directory(status)) return engine::fail(Code::kInvalidArgument, out.string() + " exists and is not a directory");
  const bool empty = fs::is_empty(out, ec);
  if (ec) return engine::fail(Code::kUnavailable, "cannot read " + out.string() + ": " + ec.message());
  if (!empty && overwrite == Overwrite::kRefuse) {
    return engine::fail(Code::kInvalidArgument, out.string() + " is not empty (use --force to replace it)");
  }
  return {};
}

engine::Result<void> write_all(const Federation& federation, const fs::path& root) {
  for (const auto& [file, bytes] : federation.files) {
    const fs::path path = root / file;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return engine::fail(Code::kUnavailable, "cannot create " + path.parent_path().string() + ": " + ec.message());
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream.close();
    if (!stream) return engine::fail(Code::kUnavailable, "cannot write " + path.string());
  }
  return {};
}

}  // namespace

engine::Result<void> write_federation(const Federation& federation, const fs::path& out_arg, Overwrite overwrite) {
  std::error_code ec;
  const fs::path out = fs::absolute(out_arg, ec).lexically_normal();
  if (ec || out.filename().empty()) return engine::fail(Code::kInvalidArgument, "unusable output path '" + out_arg.string() + "'");
  if (auto r = check_destination(out, overwrite); !r) return r;

  const fs::path parent = out.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return engine::fail(Code::kUnavailable, "cannot create " + parent.string() + ": " + ec.message());
  const std::string name = out.filename().string();
  const fs::path temp = parent / ("." + name + ".tmp-" + random_suffix());
  if (!fs::create_directory(temp, ec) || ec) {
    return engine::fail(Code::kUnavailable, "cannot write into " + parent.string() + ": " +
                                                 (ec ? ec.message() : std::string("temporary folder exists")));
  }
  if (auto r = write_all(federation, temp); !r) {
    fs::remove_all(temp, ec);
    return r;
  }

  // Move an existing destination aside, put the new one in place, then drop the old one; on a
  // failed rename the old folder is restored.
  fs::path old;
  if (fs::exists(out, ec)) {
    old = parent / ("." + name + ".old-" + random_suffix());
    fs::rename(out, old, ec);
    if (ec) {
      fs::remove_all(temp, ec);
      return engine::fail(Code::kUnavailable, "cannot replace " + out.string());
    }
  }
  fs::rename(temp, out, ec);
  if (ec) {
    const std::string message = ec.message();
    fs::remove_all(temp, ec);
    if (!old.empty()) fs::rename(old, out, ec);
    return engine::fail(Code::kUnavailable, "cannot move the federation into " + out.string() + ": " + message);
  }
  if (!old.empty()) fs::remove_all(old, ec);
  return {};
}

engine::Result<void> generate_federation(const fs::path& out, engine::UtcTime now, Overwrite overwrite) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(out, ec);
  if (ec) return engine::fail(Code::kInvalidArgument, "unusable output path '" + out.string() + "'");
  if (auto r = check_destination(absolute, overwrite); !r) return r;
  auto federation = build_federation(now);
  if (!federation) return std::unexpected(federation.error());
  return write_federation(*federation, out, overwrite);
}

}  // namespace assay::samples
