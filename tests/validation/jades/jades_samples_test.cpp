// expected-validation-jades.tsv through validate_document: the sample federation is generated
// into a temporary folder (the committed one may predate the JAdES samples), its trusted lists
// are authenticated from the LOTL anchor and are the only trust source; offline, the default
// policy, no revocation data but what each document embeds. Every row must give the expected
// level, indication, sub-indication and qualification. The table is hand-written
// (samples/internal/jades_samples.cpp).
#include <gtest/gtest.h>

#include <filesystem>

#include "samples/federation.h"
#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/document/document_validator.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;

class JadesSamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("assay-jades-samples-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const auto now = *engine::parse_utc_time(samples::kDefaultNow);
    auto r = samples::generate_federation(*dir_, now, samples::Overwrite::kRefuse);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    snapshot_ = new tsl::TrustSnapshotPtr(
        federation_snapshot(*dir_ / "urls.tsv", *dir_ / "oj/old-anchor.pem", "https://federation.assay.invalid/lotl.xml", now));
  }
  static void TearDownTestSuite() {
    if (dir_ != nullptr) fs::remove_all(*dir_);
    delete dir_;
    delete snapshot_;
    dir_ = nullptr;
    snapshot_ = nullptr;
  }
  static fs::path* dir_;
  static tsl::TrustSnapshotPtr* snapshot_;
};

fs::path* JadesSamples::dir_ = nullptr;
tsl::TrustSnapshotPtr* JadesSamples::snapshot_ = nullptr;

TEST_F(JadesSamples, ExpectedValidationJadesTsvPassesEntirely) {
  ASSERT_NE(snapshot_, nullptr);
  ASSERT_NE(*snapshot_, nullptr);
  const auto anchors = TrustedListAnchors::build(*snapshot_);
  const auto rows = read_tsv(*dir_ / "expected-validation-jades.tsv", true);
  ASSERT_GE(rows.size(), 8u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 8u);
    std::vector<DetachedFile> detached;
    if (row[2] != "-") detached.push_back({fs::path(row[2]).filename().string(), slurp(*dir_ / row[2])});
    SignatureValidationContext context;
    context.certificates.anchors.push_back(anchors.get());
    context.snapshot = snapshot_->get();
    context.at = *engine::parse_utc_time(row[3]);
    auto report = validate_document(slurp(*dir_ / row[1]), detached, context);
    ASSERT_TRUE(report.has_value()) << row[7] << ": " << report.error().message();
    ASSERT_EQ(report->signatures.size(), 1u) << row[7];
    const auto& s = report->signatures.front();
    const std::string sub = s.subindication.empty() ? "-" : s.subindication;
    EXPECT_EQ(s.format, SignatureFormat::kJAdES) << row[7];
    EXPECT_EQ(s.level, row[0]) << row[7];
    EXPECT_EQ(main_indication_name(s.indication), row[4]) << row[7];
    EXPECT_EQ(sub, row[5]) << row[7];
    EXPECT_EQ(s.qualification.label, row[6]) << row[7];
    // T and up: the sample TSA's tokens cover what TS 119 182-1 says (sigTst: the base64url
    // signature; arcTst: header, payload, signature and the earlier etsiU elements), so each
    // time-stamp validates with an intact imprint.
    const std::size_t expected_tsts = row[0].ends_with("LTA") ? 2 : row[0].ends_with("-T") || row[0].ends_with("LT") ? 1 : 0;
    EXPECT_EQ(s.timestamps.size(), expected_tsts) << row[7];
    for (const auto& t : s.timestamps) {
      EXPECT_TRUE(t.report.imprint_matches) << row[7] << " " << t.id;
      if (row[4] == "TOTAL_PASSED") {
        EXPECT_EQ(t.report.indication, Indication::kPassed) << row[7] << " " << t.id << " " << t.report.subindication;
      }
    }
    if (main_indication_name(s.indication) != row[4] || sub != row[5]) {
      for (const auto& e : s.errors()) ADD_FAILURE() << row[7] << " failed constraint: " << e.id << " " << e.message;
    }
  }
}

}  // namespace
}  // namespace assay::validation
