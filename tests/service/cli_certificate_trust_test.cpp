// `assay certificates validate` and `assay qualify` with the trusted lists as trust source, on
// the sample federation (mirror map, OJ anchor, pinned trust time, a temporary store): anchors
// from the lists with their evidence, the sunset of a withdrawn CA, --online fetching the CRL
// named by the certificate through the mirror into the store, and qualify's path validation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/run_assay.h"

namespace assay::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kFed = fs::path(ASSAY_SOURCE_DIR) / "samples/federation";

class CertificateTrustCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-cert-trust-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // One mirror map for the lists and for the CRL distribution points / caIssuers.
    std::ofstream map(dir_ / "mirror.tsv");
    for (const char* tsv : {"urls.tsv", "revocation-urls.tsv"}) {
      std::ifstream in(kFed / tsv);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        map << line.substr(0, tab) << '\t' << (kFed / line.substr(tab + 1)).string() << '\n';
      }
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string trust_flags() const {
    return " --mirror " + (dir_ / "mirror.tsv").string() + " --oj " + (kFed / "oj/old-anchor.pem").string() +
           " --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z --store " +
           (dir_ / "store").string();
  }
  RunResult validate(const std::string& certificate, const std::string& extra) const {
    return run_assay(ASSAY_BINARY, "certificates validate " + (kFed / "validation" / certificate).string() + extra +
                                       trust_flags() + " --json");
  }

  fs::path dir_;
};

boost::json::value parse(const RunResult& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.out, ec);
  EXPECT_FALSE(ec) << r.out;
  return v;
}

TEST_F(CertificateTrustCli, TrustedListAnchorWithEvidence) {
  const auto r = validate("valid-good.pem", " --at 2026-01-15T00:00:00Z --crl " + (kFed / "revocation/xa-qc-esig-ca.crl").string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto v = parse(r);
  EXPECT_EQ(v.at("indication"), "PASSED") << r.out;
  const auto& anchor = v.at("anchor");
  EXPECT_EQ(anchor.at("source"), "trusted_list");
  EXPECT_EQ(anchor.at("list").at("territory"), "XA");
  EXPECT_TRUE(anchor.at("service").at("status").as_string().ends_with("/granted"));
}

TEST_F(CertificateTrustCli, WithdrawnCaIsASunsetAnchor) {
  const auto crl = " --crl " + (kFed / "revocation/xa-qc-withdrawn-ca.crl").string();
  const auto after = validate("valid-withdrawn-ca.pem", " --at 2026-01-15T00:00:00Z" + crl);
  EXPECT_EQ(after.exit_code, 1) << after.out;
  EXPECT_EQ(parse(after).at("subindication"), "NO_CERTIFICATE_CHAIN_FOUND_NO_POE") << after.out;
  const auto before = validate("valid-withdrawn-ca.pem", " --at 2024-06-01T00:00:00Z" + crl);
  EXPECT_EQ(before.exit_code, 0) << before.out;
}

TEST_F(CertificateTrustCli, OnlineFetchesTheCrlDistributionPointIntoTheStore) {
  const auto offline = validate("valid-revoked.pem", " --at 2026-01-15T00:00:00Z");
  EXPECT_EQ(offline.exit_code, 1) << offline.out;
  EXPECT_EQ(parse(offline).at("subindication"), "CERTIFICATE_CHAIN_GENERAL_FAILURE") << offline.out;
  const auto online = validate("valid-revoked.pem", " --at 2026-01-15T00:00:00Z --online");
  EXPECT_EQ(online.exit_code, 1) << online.out;
  const auto v = parse(online);
  EXPECT_EQ(v.at("subindication"), "REVOKED_NO_POE") << online.out;
  EXPECT_EQ(v.at("path").at(0).at("revocation").at("status"), "revoked") << online.out;
  // The fetched CRL is in the store, content-addressed.
  bool stored = false;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "store" / "blobs")) stored = stored || e.is_regular_file();
  EXPECT_TRUE(stored);
  EXPECT_EQ(run_assay(ASSAY_BINARY, "certificates validate x.pem --online --offline").exit_code, 2);
}

TEST_F(CertificateTrustCli, QualifyReportsThePathValidation) {
  const auto r = run_assay(ASSAY_BINARY, "qualify " + (kFed / "validation/valid-good.pem").string() +
                                             " --at 2026-01-15T00:00:00Z --crl " +
                                             (kFed / "revocation/xa-qc-esig-ca.crl").string() + trust_flags() + " --json");
  const auto v = parse(r);
  ASSERT_TRUE(v.as_object().contains("path_validation")) << r.out;
  EXPECT_EQ(v.at("path_validation").at("indication"), "PASSED") << r.out;
  EXPECT_TRUE(v.as_object().contains("usable_qc"));
}

}  // namespace
}  // namespace assay::testing
