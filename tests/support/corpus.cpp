#include "tests/support/corpus.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace assay::testing {
namespace {

std::filesystem::path candidate() {
  if (const char* env = std::getenv("ASSAY_CORPUS"); env != nullptr && *env != '\0') return env;
  return std::filesystem::path(ASSAY_SOURCE_DIR) / ".." / "shared";
}

}  // namespace

std::filesystem::path shared_dir() {
  const auto dir = candidate();
  std::error_code ec;
  if (std::filesystem::is_directory(dir / "corpus", ec)) return std::filesystem::weakly_canonical(dir, ec);
  return {};
}

std::string shared_missing_reason() {
  return "no shared corpus at " + candidate().string() +
         " (set ASSAY_CORPUS to the folder holding corpus/ and conformance/)";
}

bool corpus_required() {
  const char* env = std::getenv("ASSAY_REQUIRE_CORPUS");
  return env != nullptr && std::string(env) == "1";
}

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace assay::testing
