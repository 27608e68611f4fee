// The sealed evidence package (service/audit/evidence_package.h): what it holds, that it reads
// back, and that any change of any byte, a seal by another certificate, or a key that is not the
// certificate's is refused with the member or the seal named.
#include "service/audit/evidence_package.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/x509/certificate_builder.h"
#include "service/audit/audit_report.h"
#include "service/audit/internal/stored_zip.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;

std::string pem_of(const std::string& der) {
  const std::string b64 = engine::base64_encode(der);
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END CERTIFICATE-----\n";
}

struct Sealer {
  fs::path key, cert;
  std::string cert_der;
};

Sealer make_sealer(const fs::path& dir, const std::string& name, engine::KeyAlgorithm algorithm, bool tsa = false) {
  auto key = engine::PrivateKey::generate(algorithm);
  EXPECT_TRUE(key);
  engine::CertificateSpec spec;
  spec.subject = {{"CN", name}, {"O", "Audit body"}, {"C", "XA"}};
  if (tsa) spec.extended_key_usages = {"1.3.6.1.5.5.7.3.8"};  // id-kp-timeStamping (RFC 3161 2.3)
  spec.not_before = engine::parse_utc_time("2026-01-01T00:00:00Z").value();
  spec.not_after = engine::parse_utc_time("2028-01-01T00:00:00Z").value();
  auto cert = engine::build_self_signed(spec, *key);
  EXPECT_TRUE(cert) << cert.error().message();
  Sealer s{dir / (name + ".key"), dir / (name + ".pem"), (*cert)->der()};
  std::ofstream(s.key) << key->to_pem().value();
  std::ofstream(s.cert) << pem_of(s.cert_der);
  return s;
}

class EvidencePackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-package-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "suite/cases");
    fs::create_directories(dir_ / "suite/inputs");
    std::ofstream(dir_ / "suite/suite.toml") << "[suite]\nname = \"pkg\"\nversion = \"1\"\n";
    std::ofstream(dir_ / "suite/inputs/doc with space.xml") << "<doc/>";
    std::ofstream(dir_ / "suite/cases/01.toml") << R"(id = "sig-1"
question = "signature"
document = "inputs/doc with space.xml"
at = "2026-06-01T00:00:00Z"
[expected]
indication = "TOTAL_FAILED"
subindication = "REVOKED"
[requirement]
clause = "EN 319 102-1 5.2.6"
text = "A revoked signer is rejected."
)";
    auto suite = read_suite(dir_ / "suite");
    ASSERT_TRUE(suite) << suite.error().message();
    suite_ = *suite;
    result_.suite_name = "pkg";
    result_.suite_version = "1";
    result_.suite_sha256 = engine::to_hex(suite_.sha256);
    result_.target = "dss:http://127.0.0.1:1/services/rest";
    result_.assay_version = "assay 0.1.0";
    result_.trust_state.trust_time = "2026-01-15T00:00:00Z";
    result_.trust_state.lists = {{"EU", 2, std::string(64, 'a')}, {"XA", 7, std::string(64, 'b')}};
    result_.started = engine::parse_utc_time("2026-06-02T10:00:00Z").value();
    result_.finished = engine::parse_utc_time("2026-06-02T10:00:05Z").value();
    Observation o;
    o.status = Observation::Status::kAnswered;
    o.indication = "TOTAL_PASSED";
    o.evidence = {{"evidence/sig-1/request-1.json", "{\"signedDocument\":{}}"},
                  {"evidence/sig-1/response-1.json", "{\"<script>\":\"x\"}"}};
    result_.findings.push_back(classify(suite_.cases[0], o));
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  Suite suite_;
  CampaignResult result_;
};

TEST_F(EvidencePackageTest, ASealedPackageVerifiesAndReadsBack) {
  const Sealer sealer = make_sealer(dir_, "Auditor seal", engine::KeyAlgorithm::kEcP256);
  auto package = write_evidence_package(result_, suite_, {sealer.key, sealer.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_TRUE(package) << package.error().message();
  auto members = internal::read_stored_zip(*package);
  ASSERT_TRUE(members) << members.error().message();
  std::vector<std::string> names;
  for (const auto& m : *members) names.push_back(m.name);
  const std::vector<std::string> expected = {"mimetype", "META-INF/manifest.xml", "report.json", "report.html",
                                             "suite/cases/01.toml", "suite/inputs/doc with space.xml", "suite/suite.toml",
                                             "evidence/sig-1/request-1.json", "evidence/sig-1/response-1.json",
                                             "META-INF/signatures001.xml"};
  EXPECT_EQ(names, expected);
  // A hostile target's text is escaped in the HTML.
  EXPECT_EQ((*members)[3].bytes.find("<script>"), std::string::npos);

  auto check = verify_evidence_package(*package, sealer.cert_der);
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_TRUE(check->intact) << check->failure;
  EXPECT_NE(check->sealed_by.find("Auditor seal"), std::string::npos) << check->sealed_by;
  ASSERT_TRUE(check->result);
  ASSERT_EQ(check->result->findings.size(), 1u);
  const AuditFinding& f = check->result->findings[0];
  EXPECT_EQ(f.classification, Classification::kMajorNonConformity);
  EXPECT_EQ(f.rule, "accepts-invalid");
  EXPECT_EQ(f.requirement.clause, "EN 319 102-1 5.2.6");
  ASSERT_EQ(f.observed.evidence.size(), 2u);
  EXPECT_EQ(f.observed.evidence[1].bytes, "{\"<script>\":\"x\"}");
  EXPECT_EQ(check->result->trust_state.lists.size(), 2u);
  EXPECT_EQ(check->result->target, result_.target);
  EXPECT_EQ(campaign_summary_line(*check->result), "1 cases: 0 Conforming, 1 Major non-conformity");
}

// B-T (EN 319 132-1 5.3, 6.3): a local time-stamping unit adds a SignatureTimeStamp over the
// seal's SignatureValue; verify reports the level and the time-stamp's time and TSA, and a
// time-stamp moved onto another seal, or changed, is refused.
TEST_F(EvidencePackageTest, ATimeStampedSealIsBaselineT) {
  const Sealer sealer = make_sealer(dir_, "Auditor seal", engine::KeyAlgorithm::kEcP256);
  const Sealer tsa = make_sealer(dir_, "Audit TSA", engine::KeyAlgorithm::kEcP256, true);
  SealOptions options{sealer.key, sealer.cert, "", tsa.key, tsa.cert, std::chrono::seconds(5), ""};
  auto package = write_evidence_package(result_, suite_, options);
  ASSERT_TRUE(package) << package.error().message();
  auto check = verify_evidence_package(*package, sealer.cert_der);
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_TRUE(check->intact) << check->failure;
  EXPECT_EQ(check->seal_level, "XAdES-BASELINE-T");
  ASSERT_TRUE(check->timestamp_time);
  EXPECT_EQ(*check->timestamp_time, result_.finished);
  EXPECT_NE(check->timestamp_tsa.find("Audit TSA"), std::string::npos) << check->timestamp_tsa;

  // Without a TSA the same seal is B-B.
  auto plain = write_evidence_package(result_, suite_, {sealer.key, sealer.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_TRUE(plain) << plain.error().message();
  auto plain_check = verify_evidence_package(*plain);
  ASSERT_TRUE(plain_check);
  EXPECT_TRUE(plain_check->intact) << plain_check->failure;
  EXPECT_EQ(plain_check->seal_level, "XAdES-BASELINE-B");
  EXPECT_FALSE(plain_check->timestamp_time);

  // The time-stamp of one seal moved into another (same key, another signature value): refused.
  auto members = internal::read_stored_zip(*package);
  auto plain_members = internal::read_stored_zip(*plain);
  ASSERT_TRUE(members && plain_members);
  const std::string& stamped = members->back().bytes;
  std::string& target = plain_members->back().bytes;
  const auto from = stamped.find("<xades:UnsignedProperties>");
  const auto to = stamped.find("</xades:QualifyingProperties>");
  ASSERT_NE(from, std::string::npos);
  target.insert(target.find("</xades:QualifyingProperties>"), stamped.substr(from, to - from));
  auto rezipped = internal::write_stored_zip(*plain_members);
  ASSERT_TRUE(rezipped);
  auto moved = verify_evidence_package(*rezipped);
  ASSERT_TRUE(moved);
  EXPECT_FALSE(moved->intact);
  EXPECT_NE(moved->failure.find("not over this seal's SignatureValue"), std::string::npos) << moved->failure;

  // A TSA key that is not its certificate's, a TSA without a seal, a TSA URL with a local unit, a
  // URL that is not http(s), and a service that does not answer are refused (remote_tsa_test.cpp
  // has the service's hostile answers).
  EXPECT_FALSE(write_evidence_package(result_, suite_, {sealer.key, sealer.cert, "", sealer.key, tsa.cert, std::chrono::seconds(5), ""}));
  EXPECT_FALSE(check_seal({"", "", "", tsa.key, tsa.cert, std::chrono::seconds(5), ""}));
  EXPECT_FALSE(check_seal({"", "", "http://127.0.0.1:1/tsa", {}, {}, std::chrono::seconds(5), ""}));
  EXPECT_FALSE(check_seal({sealer.key, sealer.cert, "http://127.0.0.1:1/tsa", tsa.key, tsa.cert, std::chrono::seconds(5), ""}));
  EXPECT_FALSE(check_seal({sealer.key, sealer.cert, "ftp://127.0.0.1/tsa", {}, {}, std::chrono::seconds(5), ""}));
  auto url = check_seal({sealer.key, sealer.cert, "http://127.0.0.1:1/tsa", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().code(), engine::Code::kUnavailable);
  EXPECT_NE(url.error().message().find("time-stamping service http://127.0.0.1:1/tsa"), std::string::npos) << url.error().message();
}

TEST_F(EvidencePackageTest, AnyChangedByteIsRefused) {
  const Sealer sealer = make_sealer(dir_, "Auditor seal", engine::KeyAlgorithm::kEcP256);
  auto package = write_evidence_package(result_, suite_, {sealer.key, sealer.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_TRUE(package) << package.error().message();
  // Every byte would take minutes; a prime stride hits every member, header and the directory.
  int checked = 0;
  for (std::size_t i = 0; i < package->size(); i += 13) {
    std::string changed = *package;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    auto check = verify_evidence_package(changed);
    ASSERT_TRUE(check) << i;
    EXPECT_FALSE(check->intact) << "byte " << i << " changed, still intact";
    EXPECT_FALSE(check->failure.empty()) << i;
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST_F(EvidencePackageTest, AChangedMemberIsNamed) {
  const Sealer sealer = make_sealer(dir_, "Auditor seal", engine::KeyAlgorithm::kRsa2048);
  auto package = write_evidence_package(result_, suite_, {sealer.key, sealer.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_TRUE(package) << package.error().message();
  auto members = internal::read_stored_zip(*package);
  ASSERT_TRUE(members);
  for (auto& m : *members) {
    if (m.name == "evidence/sig-1/response-1.json") m.bytes = "{\"forged\":true}";
  }
  auto rezipped = internal::write_stored_zip(*members);  // a consistent container, with a changed member
  ASSERT_TRUE(rezipped);
  auto check = verify_evidence_package(*rezipped);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->intact);
  EXPECT_NE(check->failure.find("evidence/sig-1/response-1.json: changed since it was sealed"), std::string::npos) << check->failure;

  // An extra member nobody sealed.
  members = internal::read_stored_zip(*package);
  members->push_back({"evidence/extra.json", "{}"});
  auto extra = verify_evidence_package(*internal::write_stored_zip(*members));
  ASSERT_TRUE(extra);
  EXPECT_FALSE(extra->intact);
  EXPECT_NE(extra->failure.find("evidence/extra.json: not covered by the seal"), std::string::npos) << extra->failure;
}

TEST_F(EvidencePackageTest, ASealByAnotherCertificateIsRejected) {
  const Sealer mine = make_sealer(dir_, "Auditor seal", engine::KeyAlgorithm::kEcP256);
  const Sealer other = make_sealer(dir_, "Someone else", engine::KeyAlgorithm::kEcP256);
  auto package = write_evidence_package(result_, suite_, {other.key, other.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_TRUE(package);
  auto check = verify_evidence_package(*package, mine.cert_der);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->intact);
  EXPECT_NE(check->failure.find("not by the certificate given"), std::string::npos) << check->failure;
  // And writing with a key that is not the certificate's is refused.
  auto mismatch = write_evidence_package(result_, suite_, {other.key, mine.cert, "", {}, {}, std::chrono::seconds(5), ""});
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code(), engine::Code::kInvalidArgument);
  EXPECT_NE(mismatch.error().message().find("not the key of the seal certificate"), std::string::npos);
}

TEST_F(EvidencePackageTest, UnsealedAndGarbagePackagesAreNotIntact) {
  auto unsealed = write_evidence_package(result_, suite_, {});
  ASSERT_TRUE(unsealed) << unsealed.error().message();
  auto check = verify_evidence_package(*unsealed);
  ASSERT_TRUE(check);
  EXPECT_FALSE(check->intact);
  EXPECT_NE(check->failure.find("not sealed"), std::string::npos) << check->failure;
  // Still readable for `audit show`, which flags it as not authenticated.
  ASSERT_TRUE(check->result.has_value());
  EXPECT_EQ(check->result->findings.size(), 1u);
  for (const std::string& garbage : {std::string(), std::string("PK\x03\x04"), std::string(100000, 'A'), unsealed->substr(0, 50)}) {
    auto g = verify_evidence_package(garbage);
    ASSERT_TRUE(g);
    EXPECT_FALSE(g->intact);
    EXPECT_FALSE(g->failure.empty());
  }
}

}  // namespace
}  // namespace assay::service::audit
