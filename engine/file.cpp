#include "engine/file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace assay::engine {

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return fail(Code::kNotFound, "no such file: " + path.string());
  }
  if (!std::filesystem::is_regular_file(status)) {
    return fail(Code::kInvalidArgument, "not a regular file: " + path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Code::kUnavailable, "cannot stat " + path.string() + ": " + ec.message());
  if (size > max_bytes) {
    return fail(Code::kResourceExhausted, path.string() + " is " + std::to_string(size) +
                                              " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kUnavailable, "cannot open " + path.string() + ": " + std::strerror(errno));
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    return fail(Code::kUnavailable, "short read of " + path.string());
  }
  return bytes;
}

}  // namespace assay::engine
