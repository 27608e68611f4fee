// The list conformance checker on the real EU sets: findings that can be explained from the
// documents (see docs/lint-eu-2026-08.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/file.h"
#include "tests/support/corpus.h"
#include "tsl/authentication.h"
#include "tsl/lint/lint_ids.h"
#include "tsl/lint/linter.h"

namespace assay::testing {
namespace {

namespace fs = std::filesystem;
namespace id = tsl::lint::id;
using ::testing::Contains;
using ::testing::Not;

// Territory -> lint result for every .xml file of a corpus folder.
std::map<std::string, tsl::lint::LintedList> lint_folder(const fs::path& folder, const char* trust_time) {
  std::vector<tsl::LoadedList> lists;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().extension() == ".xml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    auto loaded = tsl::load_list(p.string(), read_bytes(p));
    EXPECT_TRUE(loaded.has_value()) << p;
    if (loaded) lists.push_back(std::move(*loaded));
  }
  tsl::lint::LintListsOptions options;
  options.rules.trust_time = *engine::parse_utc_time(trust_time);
  std::map<std::string, tsl::lint::LintedList> out;
  for (auto& l : tsl::lint::lint_lists(lists, options)) out.emplace(l.list->scheme.territory, std::move(l));
  return out;
}

std::vector<std::string> ids_of(const tsl::lint::LintedList& l) {
  std::vector<std::string> out;
  for (const auto& f : l.findings) out.push_back(f.id);
  return out;
}

int count(const tsl::lint::LintedList& l, const std::string& finding_id) {
  return static_cast<int>(std::count_if(l.findings.begin(), l.findings.end(),
                                        [&](const auto& f) { return f.id == finding_id; }));
}

TEST(LintCorpus, Eu2026Set) {
  ASSAY_REQUIRE_SHARED();
  const auto lists = lint_folder(shared_dir() / "corpus/eu-2026-08", "2026-08-21T00:00:00Z");
  ASSERT_EQ(lists.size(), 30u);

  // HR: sequence 52, v5, NextUpdate 2024-12-17, signed by a certificate the LOTL no longer announces.
  const auto& hr = lists.at("HR");
  EXPECT_THAT(ids_of(hr), Contains(id::kNextUpdatePassed));
  EXPECT_THAT(ids_of(hr), Contains(id::kV5InForceAfterDeadline));
  const auto& lotl = lists.at("EU");
  ASSERT_EQ(count(lotl, id::kPointedListNotSignedByPointer), 1);
  for (const auto& f : lotl.findings) {
    if (f.id == id::kPointedListNotSignedByPointer) {
      EXPECT_THAT(f.message, ::testing::HasSubstr("HR.xml"));
    }
  }

  // Every v5 list still in force after 2026-04-28T22:00Z gets the warning; no v6 list does.
  for (const auto& [territory, l] : lists) {
    const bool v5 = l.list->scheme.version == 5;
    EXPECT_EQ(count(l, id::kV5InForceAfterDeadline), v5 ? 1 : 0) << territory;
  }
  EXPECT_EQ(lists.at("AT").list->scheme.version, 5);

  // UK: the closed list.
  EXPECT_THAT(ids_of(lists.at("UK")), Contains(id::kClosedList));
  // FR announces status changes dated 2027.
  EXPECT_GE(count(lists.at("FR"), id::kStartInFuture), 1);
  // LT identifies CA/QC services by OCSP responder certificates.
  EXPECT_GE(count(lists.at("LT"), id::kCertNotCa), 1);
  // A healthy list: SE has no error at all.
  EXPECT_FALSE(lists.at("SE").has_errors());
}

}  // namespace
}  // namespace assay::testing
