// Real data (../shared): every CAdES and ASiC case of validation-conformance/dss-signatures
// (cases.tsv) through validate_document, with no trust anchors, as DSS ran them: the main
// indication and sub-indication of the first signature must be the expected ones. A per-case
// table (expected, got, level, format findings) is printed.
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

engine::UtcTime pinned_now() { return *engine::parse_utc_time("2026-12-01T00:00:00Z"); }

void run_cases(std::string_view format_prefix, int minimum) {
  const fs::path dir = ::assay::testing::shared_dir() / "validation-conformance/dss-signatures";
  if (!fs::exists(dir / "cases.tsv")) {
    if (::assay::testing::corpus_required()) FAIL() << "missing " << dir;
    GTEST_SKIP() << "no " << dir;
  }
  std::ifstream tsv(dir / "cases.tsv");
  std::string line;
  int checked = 0;
  std::ostringstream table;
  table << "case\tformat\texpected\tgot\tlevel\tfindings\n";
  while (std::getline(tsv, line)) {
    if (line.empty() || line.front() == '#' || line.starts_with("id\t")) continue;
    const auto f = split_tabs(line);
    ASSERT_GE(f.size(), 6u) << line;
    if (!f[3].starts_with(format_prefix)) continue;
    std::vector<DetachedFile> detached;
    if (f[2] != "-") detached.push_back({fs::path(f[2]).filename().string(), ::assay::testing::read_bytes(dir / f[2])});
    SignatureValidationContext ctx;
    ctx.at = pinned_now();
    auto report = validate_document(::assay::testing::read_bytes(dir / f[1]), detached, ctx);
    ++checked;
    std::string got, level, findings;
    if (!report) {
      got = "error: " + report.error().message();
    } else if (report->signatures.empty() && !report->timestamps.empty()) {
      // A time-stamp-only container (DSS: a detached time-stamp): its first document time-stamp,
      // compared in the time-stamp vocabulary (PASSED / FAILED / INDETERMINATE).
      const auto& t = report->timestamps.front();
      got = std::string(indication_name(t.report.indication)) + "/" + t.report.subindication;
      level = t.kind;
      for (const auto& e : t.findings) findings += e.id + " ";
      for (const auto& e : t.report.findings) findings += e.id + " ";
      if (f[4].starts_with("TOTAL_") && t.report.indication != Indication::kIndeterminate) got = "TOTAL_" + got;
    } else if (report->signatures.empty()) {
      got = "no signature";
    } else {
      const auto& s = report->signatures.front();
      got = std::string(main_indication_name(s.indication)) + "/" + s.subindication;
      level = s.level;
      for (const auto& e : s.errors()) findings += e.id + " ";
    }
    const std::string expected = f[4] + "/" + f[5];
    table << f[0] << '\t' << f[3] << '\t' << expected << '\t' << got << '\t' << level << '\t' << findings << '\n';
    EXPECT_EQ(got, expected) << f[0] << " " << f[1] << " (" << findings << ")";
  }
  std::cout << table.str();
  EXPECT_GE(checked, minimum);
}

TEST(DssConformance, EveryCadesCaseGivesTheExpectedIndication) {
  ASSAY_REQUIRE_SHARED();
  run_cases("CAdES", 9);
}

TEST(DssConformance, EveryAsicCaseGivesTheExpectedIndication) {
  ASSAY_REQUIRE_SHARED();
  run_cases("ASiC", 4);
}

}  // namespace
}  // namespace assay::validation
