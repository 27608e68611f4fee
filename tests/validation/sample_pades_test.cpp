// samples/federation/expected-validation-pades.tsv through validation::validate_document: the
// federation is generated into a temporary folder, and every row (one per signature, "#N" the
// N-th signature of the file) must get the expected EN 319 102-1 main indication and
// sub-indication and TS 119 172-4 qualification, with the federation's trusted lists as the
// only anchors, offline; "ERROR" rows (hostile PDFs) must be refused with a clear error. No
// attack sample may be TOTAL_PASSED.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/validation/generated_federation.h"
#include "validation/document/document_validator.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;

class SamplePades : public testing_support::GeneratedFederationTest {};

TEST_F(SamplePades, EveryRowGivesItsExpectedOutcome) {
  const fs::path dir = this->dir();
  const auto snapshot = this->snapshot();
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot);
  const auto crl_checker = this->crl_checker({"revocation", "signatures-pades", "signatures-cades-asic"});
  ASSERT_NE(crl_checker, nullptr);
  const auto rows = read_tsv(dir / "expected-validation-pades.tsv", true);
  ASSERT_GE(rows.size(), 20u);
  int passed = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 8u);
    const auto path = dir / "signatures-pades" / row[0];
    ASSERT_TRUE(fs::exists(path)) << path;
    std::size_t index = 0;
    if (const auto hash = row[7].rfind('#'); hash != std::string::npos) index = std::stoul(row[7].substr(hash + 1)) - 1;
    SignatureValidationContext context;
    context.certificates.anchors.push_back(anchors.get());
    context.certificates.revocation = row[3] == "crl" ? crl_checker.get() : nullptr;
    context.snapshot = snapshot.get();
    context.at = *engine::parse_utc_time(row[2]);
    auto report = validate_document(slurp(path), {}, context);
    std::string got_indication = "ERROR", got_sub = "-", got_qualification = "-", level;
    if (report) {
      ASSERT_GT(report->signatures.size(), index) << row[0];
      const auto& s = report->signatures[index];
      got_indication = main_indication_name(s.indication);
      got_sub = s.subindication.empty() ? "-" : s.subindication;
      got_qualification = s.qualification.label;
      level = s.level;
      if (got_indication != row[4] || got_sub != row[5]) {
        for (const auto& e : s.errors()) std::printf("      %s: %s\n", e.id.c_str(), e.message.c_str());
      }
      if (row[0].starts_with("attack-")) {
        EXPECT_NE(s.indication, MainIndication::kTotalPassed) << row[0];
      }
    } else {
      std::printf("      error: %s\n", report.error().message().c_str());
      EXPECT_TRUE(report.error().code() == engine::Code::kMalformed ||
                  report.error().code() == engine::Code::kResourceExhausted)
          << row[0];
    }
    const bool ok = got_indication == row[4] && got_sub == row[5] && got_qualification == row[6];
    passed += ok;
    std::printf("%-40s %-4s %-13s %-24s %-26s %-20s %s\n", row[0].c_str(), row[3].c_str(), got_indication.c_str(),
                got_sub.c_str(), got_qualification.c_str(), level.c_str(),
                ok ? "" : ("<-- expected " + row[4] + " / " + row[5] + " / " + row[6]).c_str());
    EXPECT_TRUE(ok) << row[0] << " (" << row[7] << ")";
    for (const char* l : {"-b-b", "-b-t", "-b-lt", "-b-lta"}) {
      const std::string tag(l);
      if (row[0] == "pades" + tag + ".pdf" && row[4] == "TOTAL_PASSED") {
        std::string upper = tag.substr(3);
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        EXPECT_EQ(level, "PAdES-BASELINE-" + upper) << row[0];
      }
    }
  }
  std::printf("%d/%zu PAdES sample rows as expected\n", passed, rows.size());
}

}  // namespace
}  // namespace assay::validation
