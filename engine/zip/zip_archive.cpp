#include "engine/zip/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "engine/c_handle.h"

namespace assay::engine::zip {
namespace {

constexpr std::uint64_t kRatioFloor = 1u << 20;  // small entries may compress very well

std::unexpected<Error> zip_error(Code code, std::string what) { return fail(code, "ZIP: " + std::move(what)); }

// APPNOTE 4.4.17: names are relative, '/'-separated; anything that could escape a directory or
// be read differently on another system is refused.
std::optional<std::string> name_problem(std::string_view name, std::size_t max_bytes) {
  if (name.empty()) return "an entry has an empty name";
  if (name.size() > max_bytes) return "an entry name is longer than the limit";
  if (name.find('\0') != std::string_view::npos) return "an entry name contains NUL";
  if (name.find('\\') != std::string_view::npos) return "entry '" + std::string(name) + "' uses a backslash";
  if (name.front() == '/') return "entry '" + std::string(name) + "' has an absolute path";
  if (name.size() >= 2 && name[1] == ':') return "entry '" + std::string(name) + "' has a drive letter";
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return "entry '" + std::string(name) + "' has a '..' segment";
    start = end + 1;
  }
  return std::nullopt;
}

struct ZipCloser {
  void operator()(::zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(::zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

const ZipEntry* ZipArchive::find(std::string_view name) const {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == name; });
  return it == entries.end() ? nullptr : &*it;
}

bool looks_like_zip(std::string_view bytes) noexcept { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

Result<ZipArchive> read_zip(std::string_view bytes, const ZipLimits& limits) {
  ::zip_error_t error;
  zip_error_init(&error);
  ::zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return zip_error(Code::kInternal, "cannot create a source: " + why);
  }
  // ZIP_CHECKCONS: libzip compares the central directory with the local headers.
  std::unique_ptr<::zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return zip_error(Code::kMalformed, "not a readable archive: " + why);
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  if (count < 0) return zip_error(Code::kMalformed, "cannot count the entries");
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    return zip_error(Code::kResourceExhausted, std::to_string(count) + " entries, over the limit of " +
                                                   std::to_string(limits.max_entries));
  }
  ZipArchive out;
  std::set<std::string, std::less<>> names;
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    ::zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
      return zip_error(Code::kMalformed, "entry " + std::to_string(i) + " is unreadable");
    }
    ZipEntry entry;
    entry.name = st.name;
    if (auto problem = name_problem(entry.name, limits.max_name_bytes)) return zip_error(Code::kMalformed, *problem);
    if (!names.insert(entry.name).second) return zip_error(Code::kMalformed, "entry '" + entry.name + "' appears twice");
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      return zip_error(Code::kUnsupported, "entry '" + entry.name + "' is encrypted");
    }
    if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
      return zip_error(Code::kUnsupported, "entry '" + entry.name + "' uses compression method " + std::to_string(st.comp_method));
    }
    entry.stored = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
    entry.directory = entry.name.back() == '/';
    entry.has_extra_field = zip_file_extra_fields_count(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_CENTRAL) > 0;
    const std::uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if (size > limits.max_entry_bytes) {
      return zip_error(Code::kResourceExhausted, "entry '" + entry.name + "' inflates to " + std::to_string(size) +
                                                     " bytes, over the limit");
    }
    if (size > kRatioFloor && size / std::max<std::uint64_t>(compressed, 1) > limits.max_ratio) {
      return zip_error(Code::kResourceExhausted, "entry '" + entry.name + "' has a compression ratio over " +
                                                     std::to_string(limits.max_ratio) + " (a zip bomb?)");
    }
    total += size;
    if (total > limits.max_total_bytes) return zip_error(Code::kResourceExhausted, "the entries inflate to more than the limit");
    if (!entry.directory) {
      std::unique_ptr<::zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
      if (!file) {
        return zip_error(Code::kMalformed, "entry '" + entry.name + "' cannot be opened: " + zip_strerror(archive.get()));
      }
      // Read at most one byte more than declared: a central directory that under-states a size
      // is caught without inflating the rest; libzip checks the CRC at the end.
      entry.bytes.resize(static_cast<std::size_t>(size) + 1);
      std::size_t got = 0;
      while (got < entry.bytes.size()) {
        const zip_int64_t n = zip_fread(file.get(), entry.bytes.data() + got, entry.bytes.size() - got);
        if (n < 0) {
          return zip_error(Code::kMalformed, "entry '" + entry.name + "' does not inflate: " + zip_file_strerror(file.get()));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
      }
      if (got != size) {
        return zip_error(Code::kMalformed, "entry '" + entry.name + "' inflates to a size other than the " +
                                               std::to_string(size) + " bytes the central directory states");
      }
      entry.bytes.resize(got);
    }
    out.entries.push_back(std::move(entry));
  }
  int comment_length = 0;
  if (const char* comment = zip_get_archive_comment(archive.get(), &comment_length, 0); comment && comment_length > 0) {
    out.comment.assign(comment, static_cast<std::size_t>(comment_length));
  }
  return out;
}

Result<std::string> write_zip(const std::vector<ZipWriteEntry>& entries) {
  ::zip_error_t error;
  zip_error_init(&error);
  ::zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (buffer == nullptr) return zip_error(Code::kInternal, "cannot create a buffer");
  zip_source_keep(buffer);  // read back after zip_close
  std::unique_ptr<::zip_source_t, decltype(&zip_source_free)> keep(buffer, &zip_source_free);
  zip_error_init(&error);
  ::zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) return zip_error(Code::kInternal, "cannot open a new archive");
  for (const auto& e : entries) {
    if (auto problem = name_problem(e.name, 1024)) {
      zip_discard(archive);
      return zip_error(Code::kInvalidArgument, *problem);
    }
    ::zip_source_t* data = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t index = data ? zip_file_add(archive, e.name.c_str(), data, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (data) zip_source_free(data);
      zip_discard(archive);
      return zip_error(Code::kInternal, "cannot add '" + e.name + "'");
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), e.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
  }
  if (zip_close(archive) != 0) {
    std::string why = zip_strerror(archive);
    zip_discard(archive);
    return zip_error(Code::kInternal, "cannot write the archive: " + why);
  }
  ::zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer, &st) != 0 || zip_source_open(buffer) != 0) return zip_error(Code::kInternal, "cannot read back");
  std::string out(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) return zip_error(Code::kInternal, "short read back");
  return out;
}

}  // namespace assay::engine::zip
