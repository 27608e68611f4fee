// `assay qualify` as a new user runs it on the sample federation: the corrected rules show in the
// evidence, and a trust source that yields no list says why (issue 13, item 7).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>

#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace assay::service {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kFederation = fs::path(ASSAY_SOURCE_DIR) / "samples" / "federation";
constexpr const char* kLotl = "https://federation.assay.invalid/lotl.xml";

class CliQualify : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-cli-qualify-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `assay qualify certs/<name>.pem --at <at>` against the sample federation through `mirror`.
  testing::RunResult qualify(const std::string& name, const std::string& at, const std::string& extra,
                             const fs::path& mirror = kFederation / "urls.tsv") {
    const std::string store = (dir_ / ("store-" + std::to_string(++runs_))).string();
    return testing::run_assay(ASSAY_BINARY,
                              "qualify " + (kFederation / "certs" / (name + ".pem")).string() + " --at " + at + " --mirror " +
                                  mirror.string() + " --oj " + (kFederation / "oj/old-anchor.pem").string() +
                                  " --trust-time 2026-01-15T00:00:00Z --store " + store + " " + extra,
                              testing::Stderr::kMerge);
  }

  // urls.tsv with some URLs mapped to other files (absolute paths).
  fs::path mirror_with(const std::map<std::string, std::string>& overrides) {
    std::ifstream in(kFederation / "urls.tsv");
    std::ostringstream out;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      const std::string url = line.substr(0, tab);
      const auto o = overrides.find(url);
      out << url << '\t' << (kFederation / (o != overrides.end() ? o->second : line.substr(tab + 1))).string() << '\n';
    }
    const fs::path path = dir_ / "mirror.tsv";
    std::ofstream(path) << out.str();
    return path;
  }

  fs::path dir_;
  int runs_ = 0;
};

TEST_F(CliQualify, MirrorWithoutItsLotlUrlSaysWhatIsMissingAndWhatToDo) {
  const auto r = qualify("esig-qscd", "2025-06-01T00:00:00Z", "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("no list could be authenticated: the LOTL https://"));
  EXPECT_THAT(r.out, HasSubstr("is not in the mirror map " + (kFederation / "urls.tsv").string()));
  EXPECT_THAT(r.out, HasSubstr("these naming a LOTL: " + std::string(kLotl)));
  EXPECT_THAT(r.out, HasSubstr("--lotl-url"));
}

TEST_F(CliQualify, EveryListFailingGivesEachListsReason) {
  const auto mirror = mirror_with({{"https://federation.assay.invalid/lists/XA.xml", "damaged/XA-broken-signature.xml"},
                                   {"https://federation.assay.invalid/lists/XB.xml", "damaged/XA-unannounced-signer.xml"},
                                   {"https://federation.assay.invalid/lists/XC.xml", "damaged/XC-unsigned.xml"}});
  const auto r = qualify("esig-qscd", "2025-06-01T00:00:00Z", std::string("--lotl-url ") + kLotl, mirror);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("was authenticated, but none of its 3 list(s) was"));
  EXPECT_THAT(r.out, HasSubstr("lists/XA.xml (XA) signature_invalid"));
  EXPECT_THAT(r.out, HasSubstr("lists/XC.xml (XC) unsigned"));
  EXPECT_THAT(r.out, Not(HasSubstr("not in the mirror map")));
}

TEST_F(CliQualify, CorrectedRulesShowInTheEvidence) {
  const std::string lotl = std::string("--lotl-url ") + kLotl;
  auto qscd = qualify("consistency-qscd-contradiction", "2025-06-01T00:00:00Z", lotl);
  EXPECT_EQ(qscd.exit_code, 0) << qscd.out;
  EXPECT_THAT(qscd.out, HasSubstr("AdESig-QC: QC yes, type esig, QSCD no"));
  EXPECT_THAT(qscd.out, HasSubstr("[qual.consistency.qscd_with_noqscd]"));
  auto stale = qualify("coherence-accredited-after-eidas", "2018-01-01T00:00:00Z", lotl);
  EXPECT_EQ(stale.exit_code, 1) << stale.out;
  EXPECT_THAT(stale.out, HasSubstr("N/A: QC na"));
  EXPECT_THAT(stale.out, HasSubstr("[qual.coherence.pre_eidas_status_after_eidas]"));
  auto unknown = qualify("criteria-unknown-bit-decides", "2025-06-01T00:00:00Z", lotl + " --json");
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out;
  EXPECT_THAT(unknown.out, HasSubstr("qual.criteria.unknown_key_usage_bit"));
  EXPECT_THAT(unknown.out, HasSubstr("qual.criteria.undetermined"));
}

}  // namespace
}  // namespace assay::service
