// Converting conformance sets into suites (service/audit/suite_conversion.h) on small synthetic
// sets: the kind is detected from the header, the inputs are copied into the suite (which reads
// back), and a set that names a missing file, an unknown header, a path leaving the set or an
// occupied output folder is refused with the reason named.
#include "service/audit/suite_conversion.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "service/audit/suite.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

class SuiteConversionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-convert-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "set/certs");
    fs::create_directories(dir_ / "set/crls");
    for (const char* f : {"certs/TrustAnchorRootCertificate.crt", "certs/EE.crt", "certs/CA.crt", "crls/TrustAnchorRootCRL.crl",
                          "crls/CA.crl"}) {
      std::ofstream(dir_ / "set" / f) << "bytes of " << f;
    }
    std::ofstream(dir_ / "set/cases.tsv") << "# comment\nid\tend_entity\tintermediates\tcrls\texpected\n"
                                          << "40101_one\tEE.crt\tCA.crt\tCA.crl\tvalid\n"
                                          << "40102_two\tEE.crt\tCA.crt\tCA.crl\tinvalid\n"
                                          << "40103_three\tEE.crt\t-\t-\trevoked\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  const engine::UtcTime now_ = engine::parse_utc_time("2026-01-15T00:00:00Z").value();
};

TEST_F(SuiteConversionTest, APkitsSetBecomesASelfContainedSuite) {
  auto kind = detect_conversion_kind(dir_ / "set");
  ASSERT_TRUE(kind) << kind.error().message();
  EXPECT_EQ(*kind, ConversionKind::kPkits);
  auto converted = convert_suite(dir_ / "set", dir_ / "out", std::nullopt, now_);
  ASSERT_TRUE(converted) << converted.error().message();
  EXPECT_EQ(converted->cases, 3);
  // The certificates themselves are not parsed by the reader, only the files checked.
  auto suite = read_suite(dir_ / "out");
  ASSERT_TRUE(suite) << suite.error().message();
  ASSERT_EQ(suite->cases.size(), 3u);
  EXPECT_EQ(suite->name, "pkits");
  EXPECT_FALSE(suite->policy.empty());
  ASSERT_EQ(suite->trust.anchors.size(), 1u);
  EXPECT_EQ(suite->trust.anchors[0].filename(), "TrustAnchorRootCertificate.crt");
  const SuiteCase& valid = suite->cases[0];
  EXPECT_EQ(valid.id, "40101_one");
  EXPECT_EQ(valid.question, Question::kCertificate);
  EXPECT_EQ(valid.expected.indication, "PASSED");
  ASSERT_EQ(valid.certificates.size(), 2u);
  EXPECT_EQ(valid.certificates[0].filename(), "EE.crt");
  EXPECT_EQ(valid.crls.size(), 2u);  // the anchor's CRL, always supplied, and the case's
  EXPECT_TRUE(valid.certificates[0].string().starts_with(fs::absolute(dir_ / "out").string()));
  const SuiteCase& invalid = suite->cases[1];
  EXPECT_EQ(invalid.expected.indication, "FAILED");
  EXPECT_EQ(invalid.expected.also_indications, std::vector<std::string>{"INDETERMINATE"});
  EXPECT_TRUE(invalid.expected.subindication.empty());
  const SuiteCase& revoked = suite->cases[2];
  EXPECT_EQ(revoked.expected.subindication, "REVOKED_NO_POE");
  EXPECT_FALSE(revoked.expected.also_subindications.empty());
  EXPECT_EQ(revoked.certificates.size(), 1u);
  // An occupied output folder is refused.
  auto again = convert_suite(dir_ / "set", dir_ / "out", ConversionKind::kPkits, now_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), engine::Code::kInvalidArgument);
}

TEST_F(SuiteConversionTest, BadSetsAreRefusedNamingTheReason) {
  fs::remove(dir_ / "set/crls/CA.crl");
  auto missing = convert_suite(dir_ / "set", dir_ / "out1", std::nullopt, now_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), engine::Code::kNotFound);
  EXPECT_NE(missing.error().message().find("CA.crl"), std::string::npos) << missing.error().message();
  EXPECT_FALSE(fs::exists(dir_ / "out1"));  // nothing half-written left behind

  std::ofstream(dir_ / "set/cases.tsv") << "id\tend_entity\tintermediates\tcrls\texpected\nx\t../../etc/passwd\t-\t-\tvalid\n";
  auto leaving = convert_suite(dir_ / "set", dir_ / "out2", std::nullopt, now_);
  ASSERT_FALSE(leaving);
  EXPECT_NE(leaving.error().message().find("leaves the conformance set"), std::string::npos) << leaving.error().message();

  std::ofstream(dir_ / "set/cases.tsv") << "id\tsomething\telse\n";
  auto unknown = convert_suite(dir_ / "set", dir_ / "out3", std::nullopt, now_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), engine::Code::kInvalidArgument);
  EXPECT_NE(unknown.error().message().find("--kind"), std::string::npos) << unknown.error().message();

  auto none = detect_conversion_kind(dir_ / "nowhere");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), engine::Code::kNotFound);
  EXPECT_FALSE(parse_conversion_kind("pkit"));
  EXPECT_EQ(parse_conversion_kind("eu-qualification").value(), ConversionKind::kEuQualification);
}

}  // namespace
}  // namespace assay::service::audit
