// The JAdES rows of ../shared/validation-conformance/dss-signatures/cases.tsv through
// validate_document: no trust anchors, no revocation data, the default policy, offline, as the
// set's README prescribes (validation time: now, like DSS). Each row must give the expected
// indication and sub-indication. Skips (or fails with ASSAY_REQUIRE_CORPUS=1) without ../shared.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/corpus.h"
#include "validation/document/document_validator.h"
#include "validation/jades/jades_reader.h"
#include "validation/signature/timestamp_validation.h"

namespace assay::validation {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) { return testing::read_bytes(p); }

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string cell;
  while (std::getline(s, cell, '\t')) out.push_back(cell);
  return out;
}

TEST(JadesConformance, DssCasesGiveTheExpectedIndication) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "validation-conformance/dss-signatures";
  std::ifstream cases(dir / "cases.tsv");
  ASSERT_TRUE(cases) << "cannot read cases.tsv";
  std::string line;
  int checked = 0;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#' || line.starts_with("id\t")) continue;
    const auto row = split(line);
    ASSERT_GE(row.size(), 6u) << line;
    if (row[3] != "JAdES") continue;
    std::vector<DetachedFile> detached;
    if (row[2] != "-") detached.push_back({fs::path(row[2]).filename().string(), slurp(dir / row[2])});
    SignatureValidationContext context;
    context.at = engine::system_now();
    context.validate_timestamp = &validate_timestamp;
    auto report = validate_document(slurp(dir / row[1]), detached, context);
    ASSERT_TRUE(report.has_value()) << row[0] << ": " << report.error().message();
    ASSERT_FALSE(report->signatures.empty()) << row[0];
    for (const auto& s : report->signatures) {
      EXPECT_EQ(main_indication_name(s.indication), row[4]) << row[0] << " " << row[1];
      EXPECT_EQ(s.subindication, row[5]) << row[0] << " " << row[1];
      EXPECT_EQ(s.format, SignatureFormat::kJAdES) << row[0];
    }
    // The reader's own facts: DSS's JAdES test signatures carry x5t#S256 and a kid that is the
    // signer's IssuerSerial (TS 119 182-1 5.1.4); both must be recognised when a signer is.
    if (row[5] != "NO_SIGNING_CERTIFICATE_FOUND") {
      auto read = jades::read_jades(slurp(dir / row[1]));
      ASSERT_TRUE(read.has_value()) << row[0];
      for (const auto& s : read->signatures) {
        EXPECT_NE(s.signing_certificate, nullptr) << row[0];
        EXPECT_TRUE(s.attributes.signing_certificate_digest_matches) << row[0];
        EXPECT_EQ(s.attributes.signing_certificate_issuer_serial_present, s.attributes.signing_certificate_issuer_serial_matches)
            << row[0];
        EXPECT_TRUE(s.level.starts_with("JAdES-BASELINE-")) << row[0] << " " << s.level;
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 1) << "cases.tsv has no JAdES row";
}

}  // namespace
}  // namespace assay::validation
