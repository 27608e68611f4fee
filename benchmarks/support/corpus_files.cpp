#include "benchmarks/support/corpus_files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace assay::bench {

std::filesystem::path shared_dir_or_exit() {
  std::filesystem::path dir = std::filesystem::path(ASSAY_SOURCE_DIR) / ".." / "shared";
  if (const char* env = std::getenv("ASSAY_CORPUS"); env != nullptr && *env != '\0') dir = env;
  if (!std::filesystem::is_directory(dir / "corpus")) {
    std::fprintf(stderr, "benchmark needs the shared corpus at %s (set ASSAY_CORPUS)\n", dir.c_str());
    std::exit(2);
  }
  return dir;
}

std::vector<LoadedFile> load_xml_files(const std::filesystem::path& dir) {
  std::vector<LoadedFile> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".xml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back({e.path().filename().string(), s.str()});
  }
  std::sort(out.begin(), out.end(), [](const LoadedFile& a, const LoadedFile& b) { return a.name < b.name; });
  return out;
}

std::size_t total_bytes(const std::vector<LoadedFile>& files) {
  std::size_t n = 0;
  for (const auto& f : files) n += f.bytes.size();
  return n;
}

}  // namespace assay::bench
