// The strict TOML readers of audit suites (internal/suite_toml.h).
#include "service/audit/internal/suite_toml.h"

#include <algorithm>
#include <system_error>

#include "engine/file.h"

namespace assay::service::audit::internal {

namespace fs = std::filesystem;
using engine::Code;

namespace {
constexpr std::size_t kMaxTomlBytes = std::size_t{1} << 20;
}  // namespace

engine::Error bad(const fs::path& file, std::string_view key, std::string_view what) {
  return engine::Error(Code::kInvalidArgument, file.string() + ": " + std::string(key) + ": " + std::string(what));
}

engine::Result<toml::table> parse_toml(const fs::path& file) {
  auto bytes = engine::read_file(file, kMaxTomlBytes);
  if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(file.string()));
  try {
    return toml::parse(*bytes, file.string());
  } catch (const toml::parse_error& e) {
    return engine::fail(Code::kMalformed, file.string() + ": " + std::string(e.description()) + " (line " +
                                              std::to_string(e.source().begin.line) + ")");
  }
}

engine::Result<void> only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, const fs::path& file,
                               std::string_view prefix) {
  for (const auto& [k, v] : t) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end()) {
      return std::unexpected(bad(file, std::string(prefix) + std::string(k.str()), "unknown key"));
    }
  }
  return {};
}

engine::Result<std::string> text(const toml::table& t, std::string_view key, const fs::path& file, std::string_view prefix,
                                 bool required) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    if (required) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "missing"));
    return std::string();
  }
  auto s = n->value<std::string>();
  if (!s) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected a string"));
  return *s;
}

const toml::table* sub_table(const toml::table& t, std::string_view key, const fs::path& file, engine::Error* error) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return nullptr;
  if (const auto* tt = n->as_table()) return tt;
  *error = bad(file, key, "expected a table");
  return nullptr;
}

engine::Result<const toml::table*> required_table(const toml::table& t, std::string_view key, const fs::path& file,
                                                 std::string_view missing) {
  engine::Error error(engine::Code::kInternal, "");
  if (const toml::table* found = sub_table(t, key, file, &error)) return found;
  if (!error.message().empty()) return std::unexpected(std::move(error));
  return std::unexpected(bad(file, key, std::string(missing)));
}

engine::Result<fs::path> suite_path(const fs::path& dir, const std::string& value, const fs::path& file, std::string_view key) {
  if (value.empty()) return std::unexpected(bad(file, key, "empty path"));
  const fs::path p(value);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) {
    return std::unexpected(bad(file, key, "'" + value + "' is absolute; paths are relative to the suite folder"));
  }
  for (const auto& part : p) {
    if (part == "..") return std::unexpected(bad(file, key, "'" + value + "' leaves the suite folder"));
  }
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(dir / p, ec);
  if (ec) return std::unexpected(bad(file, key, "'" + value + "': " + ec.message()));
  auto [end, unused] = std::mismatch(dir.begin(), dir.end(), full.begin(), full.end());
  if (end != dir.end()) return std::unexpected(bad(file, key, "'" + value + "' resolves outside the suite folder"));
  if (!fs::is_regular_file(full, ec)) {
    return std::unexpected(engine::Error(Code::kNotFound, file.string() + ": " + std::string(key) + ": '" + value +
                                                              "' is not a file of the suite"));
  }
  return full;
}

engine::Result<std::vector<fs::path>> path_list(const fs::path& dir, const toml::table& t, std::string_view key,
                                                const fs::path& file, std::string_view prefix) {
  std::vector<fs::path> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const std::string where = std::string(prefix) + std::string(key);
  const auto* arr = n->as_array();
  if (arr == nullptr) return std::unexpected(bad(file, where, "expected an array of paths"));
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return std::unexpected(bad(file, where, "expected an array of strings"));
    auto p = suite_path(dir, *s, file, where);
    if (!p) return std::unexpected(p.error());
    out.push_back(std::move(*p));
  }
  return out;
}

engine::Result<std::vector<std::string>> string_list(const toml::table& t, std::string_view key, const fs::path& file,
                                                     std::string_view prefix) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const auto* arr = n->as_array();
  if (arr == nullptr) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected an array of strings"));
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected an array of strings"));
    out.push_back(*s);
  }
  return out;
}

}  // namespace assay::service::audit::internal
