// Every fuzz target (fuzz/TARGET.cpp, compiled here with ASSAY_FUZZ_REGRESSION) over its
// regression inputs, tests/fuzz/regressions/TARGET/ (each an input a fuzzer once crashed on,
// kept after the fix), and over its committed seeds (fuzz/seeds/TARGET/). Label `unit`, so the
// sanitizer pass of ./test.sh runs them under ASan + UBSan. docs/fuzzing.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/support/fuzz_target.h"

namespace assay::fuzz {

namespace {

std::map<std::string, TargetFn>& registry() {
  static std::map<std::string, TargetFn> targets;
  return targets;
}

std::vector<std::string> target_names() {
  std::vector<std::string> names;
  std::istringstream in(ASSAY_FUZZ_TARGET_NAMES);  // "tl_parse,tl_signature,..." (ASSAY_FUZZ_TARGETS)
  for (std::string name; std::getline(in, name, ',');) names.push_back(name);
  return names;
}

// The files of `dir`, sorted (none when it does not exist).
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int run(TargetFn fn, const std::string& bytes) {
  return fn(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

class FuzzRegressionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegressionTest, RunsOverItsRegressionInputsAndSeeds) {
  const auto it = registry().find(GetParam());
  ASSERT_NE(it, registry().end()) << "fuzz/" << GetParam() << ".cpp is not compiled into this test";
  EXPECT_EQ(run(it->second, ""), 0);
  EXPECT_EQ(run(it->second, std::string(1, '\0')), 0);
  const std::filesystem::path source(ASSAY_SOURCE_DIR);
  for (const auto& dir : {source / "tests" / "fuzz" / "regressions" / GetParam(), source / "fuzz" / "seeds" / GetParam()}) {
    for (const auto& file : files_in(dir)) {
      SCOPED_TRACE(file.string());
      EXPECT_EQ(run(it->second, read_all(file)), 0);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegressionTest, ::testing::ValuesIn(target_names()),
                         [](const auto& info) { return info.param; });

TEST(FuzzRegression, EveryCompiledTargetIsListed) {
  const auto names = target_names();
  for (const auto& [name, fn] : registry()) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_EQ(registry().size(), names.size());
}

}  // namespace

bool register_target(const char* name, TargetFn fn) {
  registry().emplace(name, fn);
  return true;
}

}  // namespace assay::fuzz
