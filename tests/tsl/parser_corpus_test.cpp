// Every real trusted list in ../shared parses; the 2026 set matches the independently computed
// facts file (xmllint XPath counts).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "engine/file.h"
#include "tests/support/corpus.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tsl/finding_ids.h"
#include "tsl/parser.h"

namespace assay::tsl {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const TrustedList> load(const fs::path& path) {
  auto bytes = engine::read_file(path, 64u << 20);
  EXPECT_TRUE(bytes.has_value()) << path;
  if (!bytes) return nullptr;
  auto list = parse_trusted_list(*bytes);
  EXPECT_TRUE(list.has_value()) << path << ": " << (list ? "" : list.error().message());
  return list ? *list : nullptr;
}

bool is_deliberately_unreadable(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.find("_not-parsable") != std::string::npos || name.find("_empty") != std::string::npos ||
         name.find("_not-conform") != std::string::npos;
}

TEST(ParserCorpus, EveryRealListParses) {
  ASSAY_REQUIRE_SHARED();
  int parsed = 0;
  for (const char* top : {"corpus", "conformance"}) {
    for (const auto& entry : fs::recursive_directory_iterator(testing::shared_dir() / top)) {
      if (entry.path().extension() != ".xml" || is_deliberately_unreadable(entry.path())) continue;
      auto list = load(entry.path());
      ASSERT_TRUE(list) << entry.path();
      EXPECT_GT(list->scheme.sequence_number, 0u) << entry.path();
      EXPECT_FALSE(list->scheme.territory.empty()) << entry.path();
      ++parsed;
    }
  }
  EXPECT_GT(parsed, 130);
}

TEST(ParserCorpus, DeliberatelyBrokenVariantsGiveSpecificErrors) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus/eu-2019-09/variants";
  for (const auto& [file, expected] : std::map<std::string, std::string>{
           {"CZ_empty.xml", "empty document"},
           {"tl_pivot_247_mp_empty.xml", "empty document"},
           {"CZ_not-parsable.xml", "Opening and ending tag mismatch"},
           {"CZ_not-conform.xml", "Opening and ending tag mismatch"},
           {"eu-lotl_not-parsable.xml", "Opening and ending tag mismatch"},
           {"tl_pivot_191_mp_not-parsable.xml", "Opening and ending tag mismatch"},
           {"tl_pivot_247_mp_not-parsable.xml", "Opening and ending tag mismatch"}}) {
    auto bytes = engine::read_file(dir / file, 64u << 20);
    ASSERT_TRUE(bytes.has_value()) << file;
    auto list = parse_trusted_list(*bytes);
    ASSERT_FALSE(list.has_value()) << file;
    EXPECT_EQ(list.error().code(), engine::Code::kMalformed) << file;
    EXPECT_THAT(list.error().message(), ::testing::HasSubstr(expected)) << file;
    if (expected != "empty document") {
      EXPECT_THAT(list.error().message(), ::testing::HasSubstr("line ")) << file;
    }
  }
  // Schema-level damage still parses, with the missing element named.
  auto not_compliant = load(dir / "CZ_not-compliant.xml");
  ASSERT_TRUE(not_compliant);
  EXPECT_THAT(not_compliant->findings, testing::HasFinding(finding::kMissingElement));
  auto lotl = load(dir / "eu-lotl_non-compliant.xml");
  ASSERT_TRUE(lotl);
  EXPECT_THAT(lotl->findings, testing::HasFinding(finding::kMissingElement));
}

std::string date_or_dash(const std::optional<engine::UtcTime>& t) { return engine::format_utc_time(t, "-"); }

TEST(ParserCorpus, Eu2026CountsMatchTheFactsFile) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus";
  std::ifstream facts(dir / "facts-2026.tsv");
  ASSERT_TRUE(facts.good());
  std::string line;
  std::getline(facts, line);  // header
  int rows = 0;
  while (std::getline(facts, line)) {
    std::istringstream row(line);
    std::string file, sequence, issued, next_update, tsps, services, history, bytes;
    std::getline(row, file, '\t');
    std::getline(row, sequence, '\t');
    std::getline(row, issued, '\t');
    std::getline(row, next_update, '\t');
    std::getline(row, tsps, '\t');
    std::getline(row, services, '\t');
    std::getline(row, history, '\t');
    std::getline(row, bytes, '\t');
    auto list = load(dir / "eu-2026-08" / file);
    ASSERT_TRUE(list) << file;
    EXPECT_EQ(std::to_string(list->scheme.sequence_number), sequence) << file;
    EXPECT_EQ(date_or_dash(list->scheme.issue_date_time), issued) << file;
    EXPECT_EQ(date_or_dash(list->scheme.next_update), next_update) << file;
    EXPECT_EQ(std::to_string(list->tsps.size()), tsps) << file;
    EXPECT_EQ(std::to_string(list->service_count()), services) << file;
    EXPECT_EQ(std::to_string(list->history_instance_count()), history) << file;
    EXPECT_EQ(std::to_string(list->byte_size), bytes) << file;
    ++rows;
  }
  EXPECT_EQ(rows, 30);
}

TEST(ParserCorpus, LotlPointersAndRealQuirks) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus/eu-2026-08";
  auto lotl = load(dir / "eu-lotl.xml");
  ASSERT_TRUE(lotl);
  EXPECT_EQ(lotl->kind(), ListKind::kLotl);
  EXPECT_EQ(lotl->scheme.pointers.size(), 43u);
  std::size_t certs = 0;
  for (const auto& p : lotl->scheme.pointers) certs += p.signer_certificates_der.size();
  EXPECT_EQ(certs, 147u);
  auto uk = load(dir / "UK.xml");
  ASSERT_TRUE(uk);
  EXPECT_FALSE(uk->scheme.next_update.has_value()) << "UK is a closed list";
  auto hr = load(dir / "HR.xml");
  ASSERT_TRUE(hr);
  EXPECT_EQ(hr->scheme.sequence_number, 52u);
  // A real HR history entry has an empty ServiceDigitalIdentity: reported, not fatal.
  EXPECT_THAT(hr->findings, testing::HasFinding(finding::kNoDigitalId));
}

}  // namespace
}  // namespace assay::tsl
