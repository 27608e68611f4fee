// Real certificates: the EU qualification test-suite chains and the 2019 Official Journal
// certificates. Expected values were read with `openssl x509 -text` / `openssl asn1parse`.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "engine/x509/certificate.h"
#include "tests/support/corpus.h"

namespace assay::engine {
namespace {

namespace fs = std::filesystem;

std::vector<CertificatePtr> load(const fs::path& path) {
  auto chain = Certificate::parse_pem_chain(testing::read_bytes(path));
  EXPECT_TRUE(chain.has_value()) << path << ": " << (chain ? "" : chain.error().message());
  return chain ? *chain : std::vector<CertificatePtr>{};
}

fs::path cases_dir() { return testing::shared_dir() / "conformance" / "eu-qualification" / "cases"; }

std::string hex(std::string_view s) { return to_hex(std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size())); }

TEST(CertificateCorpus, EveryQualificationCaseChainParsesAndVerifies) {
  ASSAY_REQUIRE_SHARED();
  int files = 0;
  for (const auto& entry : fs::directory_iterator(cases_dir())) {
    if (entry.path().extension() != ".pem") continue;
    ++files;
    auto chain = load(entry.path());
    ASSERT_FALSE(chain.empty()) << entry.path();
    for (const auto& c : chain) EXPECT_TRUE(c->findings().empty()) << entry.path() << ": " << c->findings()[0].id;
    if (chain.size() == 2) {
      // The README says end-entity first; 3.1.2.pem has the CA first (a quirk of the data).
      const bool reversed = entry.path().filename() == "3.1.2.pem";
      const Certificate& ee = *chain[reversed ? 1 : 0];
      const Certificate& ca = *chain[reversed ? 0 : 1];
      EXPECT_TRUE(ee.issued_by_name(ca)) << entry.path();
      EXPECT_FALSE(ca.issued_by_name(ee)) << entry.path();
      EXPECT_EQ(ee.verify_signed_by(ca), true) << entry.path();
      EXPECT_EQ(ca.verify_signed_by(ee), false) << entry.path();
      EXPECT_EQ(ca.verify_signed_by(ca), true) << entry.path();
    }
  }
  EXPECT_EQ(files, 28);
}

TEST(CertificateCorpus, Case321EndEntityIsQcWithQscdForESig) {
  ASSAY_REQUIRE_SHARED();
  auto chain = load(cases_dir() / "3.2.1.pem");
  ASSERT_EQ(chain.size(), 2u);
  const Certificate& ee = *chain[0];
  EXPECT_EQ(ee.fingerprint_hex(), "f179f59110969811efdcbe48015fcd4468accfdb30a2565772f70101c915dec2");
  EXPECT_EQ(ee.serial_hex(), "0f");
  EXPECT_EQ(ee.subject().rfc4514, "C=LU,OU=PKI-TEST,O=TL3 Organization,CN=CERT-TEST-3.2.1");
  EXPECT_EQ(ee.issuer().rfc4514, "C=LU,OU=PKI-TEST,O=TSP-3.2 Name,CN=SDI-3.2.1");
  EXPECT_EQ(format_utc_time(ee.not_before()), "2024-10-25T23:00:06Z");
  EXPECT_EQ(format_utc_time(ee.not_after()), "2026-10-26T00:00:06Z");
  EXPECT_TRUE(ee.key_usage().critical);
  EXPECT_EQ(ee.key_usage().names(), std::vector<std::string_view>{"nonRepudiation"});
  EXPECT_FALSE(ee.basic_constraints().present);
  EXPECT_TRUE(ee.qc_statements().compliance);
  EXPECT_TRUE(ee.qc_statements().sscd);
  EXPECT_EQ(ee.qc_statements().types, std::vector<QcType>{QcType::kESign});
  EXPECT_FALSE(ee.qc_statements().cc_legislation_present);
  EXPECT_TRUE(ee.policies().empty());
  EXPECT_EQ(hex(*ee.subject_key_id()), "0935bffb487f81229f4731ac81d7988a0b4fc590");
  EXPECT_FALSE(ee.authority_key_id().has_value());
  EXPECT_EQ(ee.crl_distribution_points(),
            std::vector<std::string>{"https://eidas.ec.europa.eu/efda/api/v2/validation-tests/crl/SDI-3.2.1.crl"});
  EXPECT_EQ(ee.ca_issuer_urls(),
            std::vector<std::string>{"https://eidas.ec.europa.eu/efda/api/v2/validation-tests/crt/SDI-3.2.1.crt"});
  EXPECT_TRUE(ee.ocsp_urls().empty());
  EXPECT_EQ(ee.public_key().algorithm, "RSA");
  EXPECT_EQ(ee.public_key().bits, 2048);
  EXPECT_EQ(ee.signature_algorithm().name, "sha256WithRSAEncryption");
  const Certificate& ca = *chain[1];
  EXPECT_TRUE(ca.is_ca());
  EXPECT_TRUE(ca.basic_constraints().critical);
  EXPECT_EQ(ca.key_usage().names(), (std::vector<std::string_view>{"keyCertSign", "cRLSign"}));
  EXPECT_EQ(ca.verify_signed_by(ca), true);  // self-signed
  EXPECT_FALSE(ca.qc_statements().present);
}

TEST(CertificateCorpus, PolicyAndTypeCases) {
  ASSAY_REQUIRE_SHARED();
  auto qcp_plus = load(cases_dir() / "4.1.2.pem");  // pre-eIDAS QCP+ only, no QcStatements
  ASSERT_FALSE(qcp_plus.empty());
  EXPECT_EQ(qcp_plus[0]->policies(), std::vector<std::string>{"0.4.0.1456.1.1"});
  EXPECT_FALSE(qcp_plus[0]->qc_statements().present);
  EXPECT_EQ(format_utc_time(qcp_plus[0]->not_before()), "2013-10-25T23:00:32Z");

  auto both = load(cases_dir() / "4.1.7.pem");
  ASSERT_FALSE(both.empty());
  EXPECT_EQ(both[0]->policies(), (std::vector<std::string>{"0.4.0.1456.1.2", "0.4.0.1456.1.1"}));

  auto seal = load(cases_dir() / "4.2.1.pem");  // QcCompliance + QcType eseal, no SSCD
  ASSERT_FALSE(seal.empty());
  const auto& q = seal[0]->qc_statements();
  EXPECT_TRUE(q.compliance);
  EXPECT_FALSE(q.sscd);
  EXPECT_EQ(q.types, std::vector<QcType>{QcType::kESeal});

  auto sscd_only = load(cases_dir() / "4.1.3.pem");  // QCP + QcSSCD, no QcCompliance
  ASSERT_FALSE(sscd_only.empty());
  EXPECT_FALSE(sscd_only[0]->qc_statements().compliance);
  EXPECT_TRUE(sscd_only[0]->qc_statements().sscd);
  EXPECT_FALSE(sscd_only[0]->qc_statements().type_present);

  auto ku = load(cases_dir() / "4.3.5.pem");
  ASSERT_FALSE(ku.empty());
  EXPECT_EQ(ku[0]->key_usage().names(),
            (std::vector<std::string_view>{"digitalSignature", "nonRepudiation", "keyCertSign"}));
}

TEST(CertificateCorpus, OfficialJournal2019CertificatesParseWithKnownFingerprints) {
  ASSAY_REQUIRE_SHARED();
  const std::set<std::string> expected{
      "5400ab712c41aaf0c40b505e264d5494d8af4180f8f62955d16223b3290f97c3",
      "9c1a3b646eaf132398ef319e41c8e7ed725b64d5772580ae125d59c0f6845630",
      "59a1bf290b818b177ad61ac4b3e6dcddd46da6d5be9579f8564adea6f2cf073e",
      "8e508f03b132500c3403db66e9dd39cd78f4657c840958a77d34e7bd621468e7",
      "c1a37db48cd5e0479b97f4de32e3a7470c52aafb94c1656ef56f97503992c8a7",
      "d2064fdd70f6982dcc516b86d9d5c56aea939417c624b2e478c0b29de54f8474",
      "435504bfd802edf4db08cbd7c7729a0d45b227797b727e4e6ea1d31684166342",
      "ccd879b36bb553685becbd12901c7f41f7bd3e07f898fcbbe1eec456b03d7589"};
  std::set<std::string> seen;
  for (const auto& entry : fs::directory_iterator(testing::shared_dir() / "corpus" / "oj-2019")) {
    if (entry.path().extension() != ".cer") continue;
    auto chain = load(entry.path());
    ASSERT_EQ(chain.size(), 1u) << entry.path();
    EXPECT_TRUE(chain[0]->findings().empty()) << entry.path();
    seen.insert(chain[0]->fingerprint_hex());
  }
  EXPECT_EQ(seen, expected);
}

TEST(CertificateCorpus, OfficialJournalQcStatementDetails) {
  ASSAY_REQUIRE_SHARED();
  const fs::path dir = testing::shared_dir() / "corpus" / "oj-2019";
  auto dnie = load(dir / "ec.europa.eu.5.cer");  // Spanish DNIe: PDS in two languages, retention
  ASSERT_EQ(dnie.size(), 1u);
  const auto& q5 = dnie[0]->qc_statements();
  EXPECT_TRUE(q5.compliance);
  EXPECT_TRUE(q5.sscd);
  EXPECT_EQ(q5.types, std::vector<QcType>{QcType::kESign});
  EXPECT_EQ(q5.pds, (std::vector<PdsLocation>{{"https://www.dnie.es/pds", "en"}, {"https://www.dnie.es/pds", "es"}}));
  EXPECT_EQ(q5.retention_period_years, 15);
  EXPECT_EQ(dnie[0]->serial_hex(), "6840f8b48ba5a8725b83d468c557cafa");
  EXPECT_EQ(dnie[0]->ocsp_urls(), std::vector<std::string>{"http://ocsp.dnie.es"});
  EXPECT_EQ(dnie[0]->subject().find("serialNumber"), "38144654M");

  auto seal = load(dir / "ec.europa.eu.7.cer");  // QuoVadis seal: RFC 3739 semantics id + eseal
  ASSERT_EQ(seal.size(), 1u);
  const auto& q7 = seal[0]->qc_statements();
  EXPECT_EQ(q7.types, std::vector<QcType>{QcType::kESeal});
  EXPECT_EQ(q7.unknown_oids, std::vector<std::string>{"1.3.6.1.5.5.7.11.2"});
  EXPECT_EQ(q7.pds, (std::vector<PdsLocation>{{"https://www.quovadisglobal.com/repository", "en"}}));
  EXPECT_EQ(seal[0]->policies(), (std::vector<std::string>{"1.3.6.1.4.1.8024.1.400", "0.4.0.194112.1.3"}));
  EXPECT_EQ(seal[0]->extended_key_usages(),
            (std::vector<std::string>{"1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.10.3.12"}));
  EXPECT_EQ(seal[0]->subject().find("organizationIdentifier"), "VATBE-0949.383.342");

  auto old = load(dir / "ec.europa.eu.1.cer");  // Belgian eID 2015: SHA-1 signature
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0]->signature_algorithm().name, "sha1WithRSAEncryption");
  EXPECT_EQ(old[0]->signature_algorithm().digest, "SHA-1");
  EXPECT_EQ(old[0]->serial_hex(), "1000000000001fac8f5ef9d5c6a70470");
  EXPECT_EQ(hex(*old[0]->authority_key_id()), "6a6f51e5cc275d6509eea81b129403f040a008f2");

  auto lux = load(dir / "ec.europa.eu.2.cer");  // 8-byte SKI, non-critical key usage
  ASSERT_EQ(lux.size(), 1u);
  EXPECT_EQ(hex(*lux[0]->subject_key_id()), "47c3b10901b1822b");
  EXPECT_FALSE(lux[0]->key_usage().critical);
  EXPECT_TRUE(lux[0]->basic_constraints().present);
  EXPECT_FALSE(lux[0]->is_ca());
}

}  // namespace
}  // namespace assay::engine
