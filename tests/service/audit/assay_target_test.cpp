// The in-process target against the sample federation: a suite built from the federation's own
// expectations (expected-validation.tsv, expected.tsv) has no finding, and expectations that are
// wrong on purpose are classified as the default rules say.
#include "service/audit/assay_target.h"

#include <gtest/gtest.h>

#include <set>

#include <fstream>
#include <random>
#include <sstream>

#include "service/audit/builtin_suites.h"
#include "service/audit/campaign.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

const fs::path kFed = fs::path(ASSAY_SOURCE_DIR) / "samples/federation";

std::vector<std::vector<std::string>> read_tsv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> row;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, '\t')) row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

class AssayTargetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-target-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "cases");
    fs::copy(kFed, dir_ / "federation", fs::copy_options::recursive);
    std::ofstream(dir_ / "suite.toml") << R"([suite]
name = "federation"
version = "test"
[trust]
mirror = "federation/urls.tsv"
lotl_url = "https://federation.assay.invalid/lotl.xml"
oj_anchors = ["federation/oj/old-anchor.pem"]
trust_time = "2026-01-15T00:00:00Z"
)";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void add_case(const std::string& id, const std::string& body) {
    std::ofstream(dir_ / "cases" / (id + ".toml")) << "id = \"" << id << "\"\n" << body << R"(
[requirement]
clause = "EN 319 102-1 5.2.6"
text = "The federation's expected answer."
)";
  }

  fs::path dir_;
};

TEST_F(AssayTargetTest, TheFederationsOwnExpectationsGiveNoFinding) {
  int n = 0;
  for (const auto& row : read_tsv(kFed / "expected-validation.tsv")) {
    std::string revocation;
    if (row[2] == "ocsp") revocation = "ocsp = [\"federation/revocation/" + row[0] + ".ocsp\"]\n";
    if (row[2] == "crl") continue;  // the CRL file is named by the certificate's distribution point
    add_case("cert-" + std::to_string(++n), "question = \"certificate\"\ncertificates = [\"federation/validation/" + row[0] +
                                                ".pem\"]\nat = \"" + row[1] + "\"\n" + revocation +
                                                "[expected]\nindication = \"" + row[3] + "\"\n" +
                                                (row[4] == "-" ? "" : "subindication = \"" + row[4] + "\"\n"));
  }
  int q = 0;
  for (const auto& row : read_tsv(kFed / "expected.tsv")) {
    if (!fs::exists(kFed / "certs" / (row[0] + ".pem")) || ++q > 12) continue;
    add_case("qual-" + row[0], "question = \"qualification\"\ncertificates = [\"federation/certs/" + row[0] + ".pem\"]\nat = \"" +
                                   row[1] + "\"\n[expected]\nqualification = \"" + row[8] + "\"\n");
  }
  ASSERT_GT(n, 3);
  ASSERT_GT(q, 3);
  auto suite = read_suite(dir_);
  ASSERT_TRUE(suite) << suite.error().message();
  auto trust = SuiteTrust::open(*suite);
  ASSERT_TRUE(trust) << trust.error().message();
  ASSERT_NE((*trust)->snapshot(), nullptr);
  ASSERT_GE((*trust)->record().lists.size(), 2u);
  EXPECT_EQ((*trust)->record().trust_time, "2026-01-15T00:00:00Z");
  EXPECT_EQ((*trust)->record().lists[0].sha256.size(), 64u);
  std::shared_ptr<const SuiteTrust> shared(std::move(*trust));
  AssayTarget target(shared);
  const CampaignResult r = run_campaign(*suite, target, shared->record(), {});
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.classification, Classification::kConforming) << f.case_id << ": " << f.explanation << " " << f.observed.detail;
    EXPECT_FALSE(f.observed.evidence.empty()) << f.case_id;
  }
  EXPECT_TRUE(r.no_findings());
}

TEST_F(AssayTargetTest, WrongExpectationsAreClassified) {
  add_case("revoked-expected-passed", R"(question = "certificate"
certificates = ["federation/validation/valid-revoked.pem"]
ocsp = ["federation/revocation/valid-revoked.ocsp"]
at = "2026-01-15T00:00:00Z"
[expected]
indication = "PASSED"
)");
  add_case("good-expected-failed", R"(question = "certificate"
certificates = ["federation/validation/valid-good.pem"]
ocsp = ["federation/revocation/valid-good.ocsp"]
at = "2026-01-15T00:00:00Z"
[expected]
indication = "FAILED"
subindication = "REVOKED"
)");
  add_case("qualification-under", R"(question = "qualification"
certificates = ["federation/certs/esig-no-qscd.pem"]
at = "2025-06-01T00:00:00Z"
[expected]
qualification = "AdESig"
)");
  add_case("not-a-certificate", R"(question = "certificate"
certificates = ["federation/urls.tsv"]
at = "2026-01-15T00:00:00Z"
[expected]
indication = "PASSED"
)");
  auto suite = read_suite(dir_);
  ASSERT_TRUE(suite) << suite.error().message();
  auto target = make_target("assay", *suite, {});
  ASSERT_TRUE(target) << target.error().message();
  const CampaignResult r = run_campaign(*suite, **target, {}, {});
  ASSERT_EQ(r.findings.size(), 4u);
  // File-name order.
  EXPECT_EQ(r.findings[0].case_id, "good-expected-failed");
  EXPECT_EQ(r.findings[0].classification, Classification::kMajorNonConformity) << r.findings[0].explanation;
  EXPECT_EQ(r.findings[1].case_id, "not-a-certificate");
  EXPECT_EQ(r.findings[1].classification, Classification::kObservation) << r.findings[1].explanation;
  EXPECT_EQ(r.findings[2].case_id, "qualification-under");
  EXPECT_EQ(r.findings[2].classification, Classification::kMajorNonConformity) << r.findings[2].explanation;
  EXPECT_EQ(r.findings[2].rule, "qualification-over-claim");
  EXPECT_EQ(r.findings[3].case_id, "revoked-expected-passed");
  EXPECT_EQ(r.findings[3].classification, Classification::kMinorNonConformity) << r.findings[3].explanation;
  EXPECT_EQ(r.findings[3].rule, "rejects-valid");
}

TEST(MakeTarget, SpecsAreRecognisedOrRefusedWithTheAcceptedForms) {
  Suite suite;
  auto bad = make_target("dds:http://x", suite, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), engine::Code::kInvalidArgument);
  EXPECT_NE(bad.error().message().find("dss:BASE"), std::string::npos);
}

}  // namespace
}  // namespace assay::service::audit

namespace assay::service::audit {
namespace {

// Issue 17 check: a campaign of every built-in suite against assay has no findings.
TEST(BuiltinSuites, EveryBuiltinSuiteAgainstAssayHasNoFinding) {
  const fs::path dir = fs::temp_directory_path() / ("assay-builtin-suites-" + std::to_string(std::random_device{}()));
  auto written = generate_builtin_suites(dir, engine::parse_utc_time("2026-01-15T00:00:00Z").value());
  ASSERT_TRUE(written) << written.error().message();
  ASSERT_EQ(written->size(), 3u);
  for (const auto& suite_dir : *written) {
    auto suite = read_suite(suite_dir);
    ASSERT_TRUE(suite) << suite.error().message();
    EXPECT_GT(suite->cases.size(), 10u) << suite_dir;
    if (suite->name == "signatures") {
      // Every signed sample but the refusals (the ZIP bomb, the hostile PDFs: no indication), the
      // document time-stamp rows and the PAdES file with two signatures: 28 XAdES, 15 CAdES /
      // ASiC, 8 JAdES, 33 PAdES rows; each format, each main indication, qualification asserted.
      EXPECT_EQ(suite->cases.size(), 84u);
      std::set<std::string> extensions, indications;
      for (const auto& c : suite->cases) {
        EXPECT_EQ(c.question, Question::kSignature) << c.id;
        EXPECT_FALSE(c.expected.qualification.empty()) << c.id;
        extensions.insert(c.document.extension().string());
        indications.insert(c.expected.indication);
      }
      EXPECT_EQ(extensions, (std::set<std::string>{".xml", ".p7m", ".p7s", ".asics", ".asice", ".jws", ".json", ".pdf"}));
      EXPECT_EQ(indications, (std::set<std::string>{"TOTAL_PASSED", "TOTAL_FAILED", "INDETERMINATE"}));
    }
    auto target = make_target("assay", *suite, {});
    ASSERT_TRUE(target) << target.error().message();
    const CampaignResult r = run_campaign(*suite, **target, {}, {});
    for (const auto& f : r.findings) {
      EXPECT_EQ(f.classification, Classification::kConforming) << suite->name << " " << f.case_id << ": " << f.explanation;
    }
  }
  auto again = generate_builtin_suites(dir, engine::parse_utc_time("2026-01-15T00:00:00Z").value());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), engine::Code::kInvalidArgument);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace assay::service::audit
