// Every XAdES case of ../shared/validation-conformance/dss-signatures (cases.tsv) validated end to
// end through validation::validate_document, with the setup its README gives: no trust anchors,
// no revocation data, no network, the default policy, validation time = now. The indication AND
// the sub-indication must equal DSS's; a per-case table (id, expected, got, level, why) is printed.
//
// Time: with no anchor, every chain ends NO_CERTIFICATE_CHAIN_FOUND at XCV, which EN 319 102-1
// 5.5.4 step 2 does not let the long-term process take up, so nothing after it (validity,
// revocation, algorithm dates, time-stamps) can change the outcome; FC, ISC and CV do not read
// the clock (VALIDATION.md §7, "No trust anchors"). The real current time is therefore used, as
// DSS does. Each case is run again at a pinned instant (2015-01-01: before several of the signing
// certificates were issued, so any time-dependent step would show) and must give the same answer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/support/corpus.h"
#include "validation/document/document_validator.h"

namespace assay::validation {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

// Why the signature ended as it did: the first failed constraint of the block that gave its
// sub-indication (the block, not XCV, for a signature whose CV failed), else the first error.
std::string why(const SignatureValidationReport& s) {
  for (const auto& b : s.blocks) {
    if (b.indication == Indication::kPassed || b.subindication != s.subindication) continue;
    for (const auto& c : b.constraints) {
      if (c.status == ConstraintStatus::kNotOk) return c.id + ": " + c.message;
    }
  }
  const auto errors = s.errors();
  if (!errors.empty()) return errors.front().id + ": " + errors.front().message;
  return "";
}

std::string outcome(const SignatureValidationReport& s) {
  return std::string(main_indication_name(s.indication)) + "/" + (s.subindication.empty() ? "-" : s.subindication);
}

engine::Result<DocumentValidationReport> validate_case(const fs::path& dir, const std::vector<std::string>& row,
                                                       engine::UtcTime at) {
  std::vector<DetachedFile> detached;
  if (row[2] != "-") detached.push_back({fs::path(row[2]).filename().string(), ::assay::testing::read_bytes(dir / row[2])});
  SignatureValidationContext context;  // no anchors, no revocation source, no online source
  context.at = at;
  return validate_document(::assay::testing::read_bytes(dir / row[1]), detached, context);
}

TEST(DssXadesConformance, EveryXadesCaseGivesDssIndicationAndSubIndication) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = ::assay::testing::shared_dir() / "validation-conformance/dss-signatures";
  if (!fs::exists(dir / "cases.tsv")) {
    if (::assay::testing::corpus_required()) FAIL() << "missing " << dir;
    GTEST_SKIP() << "no " << dir;
  }
  const auto now = engine::system_now();
  const auto pinned = *engine::parse_utc_time("2015-01-01T00:00:00Z");
  std::ifstream tsv(dir / "cases.tsv");
  std::string line;
  int cases = 0;
  int matched = 0;
  std::ostringstream table;
  table << "id\texpected\tgot\tlevel\twhy\n";
  while (std::getline(tsv, line)) {
    if (line.empty() || line.front() == '#' || line.starts_with("id\t")) continue;
    const auto row = split_tabs(line);
    ASSERT_GE(row.size(), 6u) << line;
    if (row[3] != "XAdES") continue;  // CAdES, JAdES, ASiC rows: their readers' issue
    ++cases;
    const std::string expected = row[4] + "/" + row[5];
    auto report = validate_case(dir, row, now);
    if (!report) {
      ADD_FAILURE() << row[0] << ": " << report.error().message();
      table << row[0] << '\t' << expected << "\terror\t-\t" << report.error().message() << '\n';
      continue;
    }
    ASSERT_FALSE(report->signatures.empty()) << row[0];
    // The case's outcome is its (first) signature's; DSS asserts the master signature.
    const auto& s = report->signatures.front();
    const std::string got = outcome(s);
    table << row[0] << '\t' << expected << '\t' << got << '\t' << s.level << '\t' << why(s) << '\n';
    EXPECT_EQ(got, expected) << row[0] << " (" << row[1] << "): " << why(s);
    if (got == expected) ++matched;
    // Every other signature and counter-signature of an intact case is as good as the first
    // (dss-v009: the counter-signature is valid too, so also INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND).
    if (row[5] == "NO_CERTIFICATE_CHAIN_FOUND") {
      for (const auto& other : report->signatures) {
        EXPECT_EQ(outcome(other), expected) << row[0] << " signature " << other.signature_id << ": " << why(other);
        for (const auto& c : other.counter_signatures) {
          EXPECT_EQ(outcome(c), expected) << row[0] << " counter-signature " << c.signature_id << ": " << why(c);
        }
      }
    }
    // The same answer at a pinned instant: the outcome does not depend on the clock.
    auto again = validate_case(dir, row, pinned);
    ASSERT_TRUE(again.has_value()) << row[0];
    ASSERT_FALSE(again->signatures.empty()) << row[0];
    EXPECT_EQ(outcome(again->signatures.front()), got) << row[0] << " at 2015-01-01";
  }
  std::cout << table.str() << "DSS XAdES cases: " << matched << "/" << cases << " match\n";
  EXPECT_GE(cases, 15);
}

}  // namespace
}  // namespace assay::validation
