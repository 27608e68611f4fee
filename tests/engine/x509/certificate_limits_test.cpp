// Issue 21, defects 2 and 3: certificate parsing must stay linear and bounded on hostile input
// (thousands of extensions, QcStatements or list entries) and report a bounded set of findings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "engine/x509/certificate_builder.h"
#include "engine/x509/internal/der.h"
#include "engine/x509/x509_findings.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using ::testing::HasSubstr;
using testing_x509::ec_key;

std::size_t count_findings(const Certificate& c, std::string_view id) {
  std::size_t n = 0;
  for (const auto& f : c.findings()) n += f.id == id;
  return n;
}

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST(CertificateLimits, ThousandsOfDistinctQcStatementsAreRefusedQuicklyWithOneFinding) {
  QcStatementsSpec qc;
  qc.compliance = true;
  for (int i = 0; i < 6000; ++i) qc.extra.push_back({"1.2.3.4." + std::to_string(i + 1), ""});
  CertificateSpec s = testing_x509::ca_spec("Many QC");
  s.qc_statements = qc;
  const auto start = std::chrono::steady_clock::now();
  auto c = build_self_signed(s, ec_key());
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(1500));
  const auto& q = (*c)->qc_statements();
  EXPECT_EQ(count_findings(**c, x509_findings::kQcStatementsTooMany), 1u);
  // Nothing of a refused extension is used: the certificate does not claim compliance.
  EXPECT_FALSE(q.compliance);
  EXPECT_TRUE(q.statements.empty());
}

TEST(CertificateLimits, RepeatedQcStatementGivesOneFinding) {
  QcStatementsSpec qc;
  qc.compliance = true;
  for (int i = 0; i < 20; ++i) qc.extra.push_back({std::string(qc_oid::kCompliance), ""});
  CertificateSpec s = testing_x509::ca_spec("Repeated QC");
  s.qc_statements = qc;
  auto c = build_self_signed(s, ec_key());
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(count_findings(**c, x509_findings::kQcStatementDuplicate), 1u);
}

TEST(CertificateLimits, TooManyExtensionsIsAnError) {
  CertificateSpec s = testing_x509::ca_spec("Many extensions");
  for (int i = 0; i < 3000; ++i) s.raw_extensions.push_back({"1.2.3.5." + std::to_string(i + 1), false, "\x05\x00"});
  const auto start = std::chrono::steady_clock::now();
  auto c = build_self_signed(s, ec_key());
  EXPECT_LT(elapsed_since(start), std::chrono::milliseconds(1500));
  ASSERT_FALSE(c.has_value());
  EXPECT_THAT(c.error().message(), HasSubstr("more than 64 extensions"));
}

TEST(CertificateLimits, OversizedCertificateIsAnError) {
  CertificateSpec s = testing_x509::ca_spec("Huge");
  s.raw_extensions.push_back({"1.2.3.6", false, der::octet_string(std::string(70000, 'x'))});
  auto c = build_self_signed(s, ec_key());
  ASSERT_FALSE(c.has_value());
  EXPECT_THAT(c.error().message(), HasSubstr("limit of 65536 bytes"));
}

TEST(CertificateLimits, TooManyPolicyEntriesIsAFinding) {
  CertificateSpec s = testing_x509::ca_spec("Many policies");
  for (int i = 0; i < 200; ++i) s.policies.push_back("1.2.3.7." + std::to_string(i + 1));
  auto c = build_self_signed(s, ec_key());
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(count_findings(**c, x509_findings::kExtensionTooManyEntries), 1u);
  EXPECT_TRUE((*c)->policies().empty());
}

TEST(CertificateLimits, FindingsPerCertificateAreCappedWithATally) {
  CertificateSpec s = testing_x509::ca_spec("Many findings");
  for (int i = 0; i < 50; ++i) s.raw_extensions.push_back({"1.2.3.8." + std::to_string(i + 1), true, "\x05\x00"});
  auto c = build_self_signed(s, ec_key());
  ASSERT_TRUE(c.has_value()) << c.error().message();
  const auto& f = (*c)->findings();
  ASSERT_EQ(f.size(), kMaxCertificateFindings + 1);
  EXPECT_EQ(f.back().id, x509_findings::kFindingsTruncated);
  EXPECT_THAT(f.back().message, HasSubstr("and 18 more"));
}

}  // namespace
}  // namespace assay::engine
