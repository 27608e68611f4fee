// The EU qualification test cases (../shared/conformance/eu-qualification): every case's label
// must equal the expected one. Prints a per-case table.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/tsl/qualification/federation_snapshot.h"
#include "tsl/qualification/explain.h"
#include "tsl/qualification/qualification.h"

namespace assay::tsl {
namespace {

using namespace testing_support;

TEST(QualificationConformance, EveryEuCaseGetsItsExpectedLabel) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "conformance/eu-qualification";
  const auto snapshot = federation_snapshot(dir / "lists/urls.tsv", dir / "lists/LOTL-3-signer.pem",
                                            "https://eidas.ec.europa.eu/efda/api/v2/validation-tests/testcase/tl/LOTL-3.xml",
                                            *engine::parse_utc_time("2025-11-01T00:00:00Z"));
  ASSERT_NE(snapshot, nullptr);
  ASSERT_EQ(snapshot->lists().size(), 6u);
  const auto rows = read_tsv(dir / "cases.tsv", false);
  ASSERT_EQ(rows.size(), 28u);
  SignatureCache cache;
  QualificationOptions options;
  options.cache = &cache;
  int passed = 0;
  std::printf("%-7s %-16s %-16s %s\n", "id", "expected", "got", "scenario");
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 5u);
    const auto chain = read_chain(dir / row[1]);
    ASSERT_FALSE(chain.empty()) << row[0];
    const auto at = engine::parse_utc_time(row[2]);
    ASSERT_TRUE(at.has_value());
    const auto result = qualify(*snapshot, chain, *at, options);
    const bool ok = result.label == row[3];
    passed += ok;
    std::printf("%-7s %-16s %-16s %s%s\n", row[0].c_str(), row[3].c_str(), result.label.c_str(), row[4].c_str(),
                ok ? "" : "   <-- MISMATCH");
    if (!ok) {
      for (const auto& s : explain(result)) std::printf("        %s\n", s.c_str());
    }
    EXPECT_EQ(result.label, row[3]) << row[0] << " " << row[4];
  }
  std::printf("%d/%zu cases pass\n", passed, rows.size());
}

}  // namespace
}  // namespace assay::tsl
