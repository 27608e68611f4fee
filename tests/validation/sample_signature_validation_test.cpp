// samples/federation/expected-signatures.tsv through validation::validate_document: every row
// (signed document, detached content, validation time, revocation data) must get the expected
// EN 319 102-1 main indication and sub-indication and the TS 119 172-4 qualification, with the
// sample federation's trusted lists as the only anchors (trust time 2026-01-15), the default
// policy, offline. The table is hand-written (samples/internal/signature_samples.cpp).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "validation/document/document_validator.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace assay::validation {
namespace {

using namespace tsl::testing_support;

fs::path federation_dir() { return fs::path(ASSAY_SOURCE_DIR) / "samples/federation"; }

tsl::TrustSnapshotPtr sample_snapshot() {
  static const tsl::TrustSnapshotPtr snapshot =
      federation_snapshot(federation_dir() / "urls.tsv", federation_dir() / "oj/old-anchor.pem",
                          "https://federation.assay.invalid/lotl.xml", *engine::parse_utc_time("2026-01-15T00:00:00Z"));
  return snapshot;
}

// Every CRL of the federation (revocation/*.crl), as a relying party's cache would hold them.
std::vector<std::string> federation_crls() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(federation_dir() / "revocation")) {
    if (entry.path().extension() == ".crl") out.push_back(slurp(entry.path()));
  }
  return out;
}

TEST(SampleSignatures, ExpectedSignaturesTsvPassesEntirely) {
  const auto snapshot = sample_snapshot();
  ASSERT_NE(snapshot, nullptr);
  const auto anchors = TrustedListAnchors::build(snapshot);
  const auto rows = read_tsv(federation_dir() / "expected-signatures.tsv", true);
  ASSERT_GE(rows.size(), 20u);
  auto crl_checker = StandardRevocationChecker::from_der(federation_crls(), {});
  ASSERT_TRUE(crl_checker.has_value()) << crl_checker.error().message();
  int passed = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 8u);
    const std::string& document = row[0];
    const auto path = federation_dir() / "signatures" / (document + ".xml");
    ASSERT_TRUE(fs::exists(path)) << path;
    std::vector<DetachedFile> detached;
    if (row[1] != "-") detached.push_back({row[1], slurp(federation_dir() / "signatures" / row[1])});
    ASSERT_TRUE(row[3] == "crl" || row[3] == "none") << row[3];
    SignatureValidationContext context;
    context.certificates.anchors.push_back(anchors.get());
    context.certificates.revocation = row[3] == "crl" ? crl_checker->get() : nullptr;
    context.snapshot = snapshot.get();
    context.at = *engine::parse_utc_time(row[2]);
    auto report = validate_document(slurp(path), detached, context);
    ASSERT_TRUE(report.has_value()) << document << ": " << report.error().message();
    ASSERT_EQ(report->signatures.size(), 1u) << document;
    const auto& s = report->signatures.front();
    const std::string got_indication(main_indication_name(s.indication));
    const std::string got_sub = s.subindication.empty() ? "-" : s.subindication;
    const std::string& got_qualification = s.qualification.label;
    const std::string where = document + " at " + row[2] + " with " + row[3] + " (" + row[7] + ")";
    const bool ok = got_indication == row[4] && got_sub == row[5] && got_qualification == row[6];
    passed += ok;
    std::printf("%-31s %s %-4s %-13s %-34s %-26s %s\n", document.c_str(), row[2].substr(0, 10).c_str(), row[3].c_str(),
                got_indication.c_str(), got_sub.c_str(), got_qualification.c_str(),
                ok ? "" : ("<-- expected " + row[4] + " / " + row[5] + " / " + row[6]).c_str());
    if (std::getenv("ASSAY_SAMPLE_DETAIL") != nullptr) {
      for (const auto& p : s.processes) {
        for (const auto& c : p.constraints) {
          std::printf("      [%s] %s %s: %s\n", p.name.c_str(), std::string(constraint_status_name(c.status)).c_str(),
                      c.id.c_str(), c.message.c_str());
        }
      }
    }
    if (!ok) {
      for (const auto& e : s.errors()) std::printf("      %s: %s\n", e.id.c_str(), e.message.c_str());
      for (const auto& w : s.warnings()) std::printf("      (warning) %s: %s\n", w.id.c_str(), w.message.c_str());
      std::printf("      level %s, best-signature-time %s; %s\n", s.level.c_str(),
                  engine::format_utc_time(s.best_signature_time).c_str(), s.qualification.evidence.c_str());
    }
    EXPECT_EQ(got_indication, row[4]) << where;
    EXPECT_EQ(got_sub, row[5]) << where;
    EXPECT_EQ(got_qualification, row[6]) << where;
    // What passes passes on valid evidence: every time-stamp of it validated with a matching
    // imprint (the generator computed the EN 319 132-1 inputs independently of the reader), and
    // an archive time-stamp was taken into account by the archival process.
    if (row[4] == "TOTAL_PASSED") {
      for (const auto& t : s.timestamps) {
        EXPECT_EQ(t.report.indication, Indication::kPassed) << where << " time-stamp " << t.id;
        EXPECT_TRUE(t.report.imprint_matches) << where << " time-stamp " << t.id;
      }
      if (s.level == "XAdES-BASELINE-LTA") {
        const auto* archival = s.process("ARCHIVAL");
        ASSERT_NE(archival, nullptr) << where;
        EXPECT_EQ(archival->indication, Indication::kPassed) << where;
      }
    }
    // A wrapping attack or a changed document is never TOTAL_PASSED, whatever the table says.
    if (document.starts_with("wrapping-") || document.starts_with("tampered-")) {
      EXPECT_NE(s.indication, MainIndication::kTotalPassed) << where;
    }
  }
  std::printf("%d/%zu signature rows as expected\n", passed, rows.size());
}

// The level each sample reaches is the one its name announces (EN 319 132-1 6).
TEST(SampleSignatures, LevelsAreTheAnnouncedOnes) {
  const struct {
    const char* prefix;
    const char* level;
  } cases[] = {{"b-", "XAdES-BASELINE-B"}, {"t-", "XAdES-BASELINE-T"}, {"lt-", "XAdES-BASELINE-LT"}, {"lta-", "XAdES-BASELINE-LTA"}};
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(federation_dir() / "signatures")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".xml") continue;
    for (const auto& c : cases) {
      if (!name.starts_with(c.prefix)) continue;
      SignatureValidationContext context;
      context.at = *engine::parse_utc_time("2026-01-15T00:00:00Z");
      auto report = validate_document(slurp(entry.path()), {}, context);
      ASSERT_TRUE(report.has_value()) << name;
      ASSERT_EQ(report->signatures.size(), 1u) << name;
      EXPECT_EQ(report->signatures[0].level, c.level) << name;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 12);
}

}  // namespace
}  // namespace assay::validation
