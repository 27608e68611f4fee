// `assay refresh` → `assay lists` → `assay store check` on the real 2026 backbone, as a user runs
// them (the "done when"), plus the offline refresh and usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace assay::service {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

testing::RunResult assay(const std::string& args) { return testing::run_assay(ASSAY_BINARY, args, testing::Stderr::kMerge); }

class CliRefresh : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = fs::temp_directory_path() / ("assay-cli-refresh-" + std::to_string(::getpid()));
    fs::remove_all(store_);
  }
  void TearDown() override { fs::remove_all(store_); }
  fs::path store_;
};

TEST_F(CliRefresh, RealBackboneThenListsThenStoreCheck) {
  ASSAY_REQUIRE_SHARED();
  const auto corpus = testing::shared_dir() / "corpus";
  const std::string common = " --oj " + (corpus / "oj-2019").string() + " --trust-time 2026-08-21T00:00:00Z --store " +
                             store_.string();
  auto refresh = assay("refresh --json --mirror " + (corpus / "eu-2026-08/urls.tsv").string() + common);
  ASSERT_EQ(refresh.exit_code, 0) << refresh.out;
  const auto state = boost::json::parse(refresh.out).as_object();
  EXPECT_EQ(state.at("lotl").as_object().at("status").as_string(), "authenticated");
  EXPECT_EQ(state.at("lotl").as_object().at("pivots").as_array().size(), 5u);
  EXPECT_EQ(state.at("summary").as_object().at("authenticated").to_number<int>(), 28);

  auto lists = assay("lists --json --store " + store_.string());
  ASSERT_EQ(lists.exit_code, 0) << lists.out;
  int in_force = 0;
  std::string hr_status;
  const boost::json::value view = boost::json::parse(lists.out);
  for (const auto& l : view.as_object().at("lists").as_array()) {
    if (!l.as_object().at("in_force_sha256").is_null()) ++in_force;
    if (l.as_object().at("territory").as_string() == "HR") hr_status = l.as_object().at("status").as_string().c_str();
  }
  EXPECT_EQ(in_force, 28);
  EXPECT_EQ(hr_status, "signer_not_trusted");

  auto check = assay("store check --store " + store_.string());
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_THAT(check.out, HasSubstr(": ok"));

  // Offline: the same trust re-derived from the store alone.
  auto offline = assay("refresh --offline --json" + common);
  ASSERT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_EQ(boost::json::parse(offline.out).as_object().at("summary").as_object().at("authenticated").to_number<int>(), 28);
}

// An older, validly signed BE served after the current one: kept out (sequence regression), yet
// stored, so `assay diff BE@67 BE@81` compares the two versions from the store.
TEST_F(CliRefresh, OlderVersionIsStoredNotTakenAndDiffableFromTheStore) {
  ASSAY_REQUIRE_SHARED();
  const auto corpus = testing::shared_dir() / "corpus";
  const std::string common = " --oj " + (corpus / "oj-2019").string() + " --trust-time 2026-08-21T00:00:00Z --store " +
                             store_.string();
  ASSERT_EQ(assay("refresh --mirror " + (corpus / "eu-2026-08/urls.tsv").string() + common).exit_code, 0);
  // The same map with BE pointing at sequence 67 and every path made absolute.
  fs::create_directories(store_ / "mirror");
  std::ifstream in(corpus / "eu-2026-08/urls.tsv");
  std::ofstream out(store_ / "mirror/urls.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    std::string target = line.substr(tab + 1);
    target = target == "BE.xml" ? (corpus / "tl-history/BE-seq67.xml").string() : (corpus / "eu-2026-08" / target).string();
    out << line.substr(0, tab) << '\t' << target << '\n';
  }
  out.close();
  auto second = assay("refresh --json --mirror " + (store_ / "mirror/urls.tsv").string() + common);
  ASSERT_EQ(second.exit_code, 0) << second.out;
  const boost::json::value state = boost::json::parse(second.out);
  bool seen = false;
  for (const auto& l : state.as_object().at("lists").as_array()) {
    if (l.as_object().at("territory").as_string() != "BE") continue;
    seen = true;
    EXPECT_EQ(l.as_object().at("sequence").to_number<int>(), 81);
    EXPECT_EQ(l.as_object().at("outcome").as_string(), "kept_previous");
    EXPECT_THAT(std::string(l.as_object().at("reason").as_string()), HasSubstr("sequence 67 is lower"));
  }
  EXPECT_TRUE(seen);
  auto diff = assay("diff BE@67 BE@81 --json --store " + store_.string());
  ASSERT_EQ(diff.exit_code, 0) << diff.out;
  const boost::json::value d = boost::json::parse(diff.out);
  EXPECT_EQ(d.as_object().at("added_services").as_array().size(), 34u);
  EXPECT_EQ(d.as_object().at("status_changes").as_array().size(), 23u);
  auto missing = assay("diff BE@1 BE@81 --store " + store_.string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.out, HasSubstr("no version of BE with sequence 1"));
}

TEST_F(CliRefresh, UsageErrorsExitTwoWithAClearMessage) {
  auto bad_time = assay("refresh --offline --trust-time yesterday --store " + store_.string());
  EXPECT_EQ(bad_time.exit_code, 2);
  EXPECT_THAT(bad_time.out, HasSubstr("--trust-time 'yesterday' is not an RFC 3339 time"));
  auto bad_anchor = assay("refresh --offline --oj /nonexistent.pem --store " + store_.string());
  EXPECT_EQ(bad_anchor.exit_code, 2);
  EXPECT_THAT(bad_anchor.out, HasSubstr("neither a certificate file"));
  auto bad_config = assay("refresh --config /nonexistent.toml --store " + store_.string());
  EXPECT_EQ(bad_config.exit_code, 2);
  EXPECT_THAT(bad_config.out, HasSubstr("no such file"));
}

TEST_F(CliRefresh, EmptyStoreHasNothingInForce) {
  auto lists = assay("lists --store " + store_.string());
  EXPECT_EQ(lists.exit_code, 1);
  EXPECT_THAT(lists.out, HasSubstr("run `assay refresh` first"));
}

}  // namespace
}  // namespace assay::service
