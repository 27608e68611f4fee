// The `assay lists inspect` command as a user runs it: exit codes, one-line errors, JSON shape.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"
#include "tests/tsl/support/list_fixture.h"

namespace assay::service {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

testing::RunResult run_assay(const std::string& args, bool merge_stderr = false) {
  return testing::run_assay(ASSAY_BINARY, args, merge_stderr ? testing::Stderr::kMerge : testing::Stderr::kDiscard);
}

class CliInspect : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write("good.xml", testing::ListFixture{}.xml());
    write("empty.xml", "");
    write("html.xml", "<html><body>502 Bad Gateway</body></html>");
    write("laughs.xml", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><l>&b;</l>");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& bytes) { std::ofstream(dir_ / name, std::ios::binary) << bytes; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_F(CliInspect, GoodFilePrintsASummary) {
  auto r = run_assay("lists inspect " + path("good.xml"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("territory XA"));
  EXPECT_THAT(r.out, HasSubstr("sequence 7"));
  EXPECT_THAT(r.out, HasSubstr("1 TSPs, 1 services"));
}

TEST_F(CliInspect, BadFilesExitTwoWithOneLineErrorsAndTheRestStillProcessed) {
  auto r = run_assay("lists inspect " + path("empty.xml") + " " + path("html.xml") + " " + path("laughs.xml") + " " +
                         path("missing.xml") + " " + path("good.xml"),
                     true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.out, HasSubstr(path("empty.xml") + ": empty document"));
  EXPECT_THAT(r.out, HasSubstr(path("html.xml") + ": root element is {}html, not a trusted list"));
  EXPECT_THAT(r.out, HasSubstr(path("laughs.xml") + ": DOCTYPE declarations are not allowed"));
  EXPECT_THAT(r.out, HasSubstr(path("missing.xml") + ": no such file"));
  EXPECT_THAT(r.out, HasSubstr("territory XA"));
}

TEST_F(CliInspect, JsonHasOneObjectPerFile) {
  auto r = run_assay("lists inspect --json " + path("good.xml") + " " + path("empty.xml"));
  EXPECT_EQ(r.exit_code, 2);
  auto v = boost::json::parse(r.out);
  const auto& a = v.as_array();
  ASSERT_EQ(a.size(), 2u);
  const auto& good = a[0].as_object();
  EXPECT_EQ(good.at("file").as_string(), path("good.xml"));
  EXPECT_EQ(good.at("territory").as_string(), "XA");
  EXPECT_EQ(good.at("sequence").to_number<std::uint64_t>(), 7u);
  EXPECT_EQ(good.at("next_update").as_string(), "2026-07-01T00:00:00Z");
  EXPECT_EQ(good.at("services").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(good.at("sha256").as_string().size(), 64u);
  EXPECT_TRUE(good.at("findings").as_array().empty());
  EXPECT_EQ(a[1].as_object().at("error").as_object().at("code").as_string(), "malformed");
}

TEST_F(CliInspect, UsageErrorsExitTwo) {
  EXPECT_EQ(run_assay("lists inspect").exit_code, 2);
  EXPECT_EQ(run_assay("no-such-command").exit_code, 2);
  EXPECT_EQ(run_assay("--help").exit_code, 0);
}

TEST(CliInspectCorpus, ClosedListHasNullNextUpdate) {
  ASSAY_REQUIRE_SHARED();
  auto r = run_assay("lists inspect --json " + (testing::shared_dir() / "corpus/eu-2026-08/UK.xml").string());
  ASSERT_EQ(r.exit_code, 0);
  auto v = boost::json::parse(r.out);
  EXPECT_TRUE(v.as_array()[0].as_object().at("next_update").is_null());
}

}  // namespace
}  // namespace assay::service
