// validate_timestamp (EN 319 102-1 5.4) on tokens from the builder and from `openssl ts`.
#include "validation/signature/timestamp_validation.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "engine/cms/cms_findings.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/cms/timestamp_token.h"
#include "engine/base64.h"
#include "engine/file.h"
#include "samples/internal/pki.h"
#include "samples/internal/timestamps.h"
#include "tests/engine/cms/tst_fixture.h"
#include "tests/tsl/support/list_fixture.h"
#include "tsl/parser.h"
#include "tsl/trust_snapshot.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/explicit_anchors.h"

namespace assay::validation {
namespace {

using engine::cms::TimestampTokenSpec;
using engine::testing_cms::at;
using engine::testing_cms::TsaFixture;
namespace ids = engine::cms_findings;

bool has_finding(const engine::Findings& findings, std::string_view id) {
  return std::any_of(findings.begin(), findings.end(), [&](const engine::Finding& f) { return f.id == id; });
}

class TimestampValidationTest : public ::testing::Test {
 protected:
  TimestampValidationReport validate(const TsaFixture& f, const std::string& token, std::string_view covered) {
    ExplicitTrustAnchors anchors{{f.root}};
    TimestampValidationContext ctx;
    ctx.certificates.anchors = {&anchors};
    ctx.certificates.revocation = &checker_;
    ctx.extra_certificates = extra_;
    return validate_timestamp(token, covered, ctx);
  }
  std::string build(const TsaFixture& f, const TimestampTokenSpec& spec) {
    auto der = engine::cms::build_timestamp_token(spec, *f.tsa, f.tsa_key);
    EXPECT_TRUE(der) << der.error().message();
    return der ? *der : std::string();
  }

  testing::ScriptedChecker checker_;
  std::vector<engine::CertificatePtr> extra_;
};

TEST_F(TimestampValidationTest, GoodTokenPasses) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("the signature value");
  spec.accuracy = engine::cms::Accuracy{0, 250, 0};
  const auto r = validate(f, build(f, spec), "the signature value");
  EXPECT_EQ(r.indication, Indication::kPassed) << r.subindication << " " << (r.findings.empty() ? "" : r.findings[0].message);
  EXPECT_EQ(r.subindication, "");
  EXPECT_TRUE(r.imprint_matches);
  EXPECT_TRUE(r.signature_valid);
  EXPECT_EQ(r.gen_time, at("2025-06-01T12:00:00Z"));
  EXPECT_EQ(r.accuracy, std::chrono::milliseconds(250));
  EXPECT_EQ(r.policy_oid, "0.4.0.2023.1.1");
  EXPECT_EQ(r.imprint_algorithm, "SHA-256");
  ASSERT_TRUE(r.tsa_certificate);
  EXPECT_EQ(r.tsa_certificate->der(), f.tsa->der());
  ASSERT_TRUE(r.tsa_validation);
  EXPECT_EQ(r.tsa_validation->indication, Indication::kPassed);
  EXPECT_EQ(r.tsa_validation->validation_time, at("2025-06-01T12:00:00Z"));
  EXPECT_FALSE(r.qualified);  // no trusted lists given
  EXPECT_FALSE(r.qualification_evidence.empty());
}

TEST_F(TimestampValidationTest, WrongImprintIsHashFailure) {
  TsaFixture f;
  const auto r = validate(f, build(f, f.spec("what was stamped")), "something else");
  EXPECT_EQ(r.indication, Indication::kFailed);
  EXPECT_EQ(r.subindication, "HASH_FAILURE");
  EXPECT_FALSE(r.imprint_matches);
  EXPECT_TRUE(r.signature_valid);
  EXPECT_TRUE(has_finding(r.findings, ids::kImprintMismatch));
}

TEST_F(TimestampValidationTest, BadSignatureIsSigCryptoFailure) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.corrupt_signature = true;
  const auto r = validate(f, build(f, spec), "data");
  EXPECT_EQ(r.indication, Indication::kFailed);
  EXPECT_EQ(r.subindication, "SIG_CRYPTO_FAILURE");
  EXPECT_TRUE(has_finding(r.findings, ids::kSignatureInvalid));
}

TEST_F(TimestampValidationTest, WrongEssCertIdIsNoSigningCertificateFound) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.ess_hashed_certificate_der = f.root->der();
  const auto r = validate(f, build(f, spec), "data");
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_SIGNING_CERTIFICATE_FOUND");
  EXPECT_TRUE(has_finding(r.findings, ids::kEssCertIdMismatch));
}

TEST_F(TimestampValidationTest, MissingEssCertIdIsFormatFailure) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.ess = TimestampTokenSpec::EssVersion::kNone;
  const auto r = validate(f, build(f, spec), "data");
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "FORMAT_FAILURE");
  EXPECT_TRUE(has_finding(r.findings, ids::kEssCertIdMissing));
}

TEST_F(TimestampValidationTest, EssCertIdV1Passes) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.ess = TimestampTokenSpec::EssVersion::kV1;
  EXPECT_EQ(validate(f, build(f, spec), "data").indication, Indication::kPassed);
}

TEST_F(TimestampValidationTest, TsaWithoutTimeStampingEkuIsChainConstraintsFailure) {
  TsaFixture f(engine::KeyAlgorithm::kEcP256, /*time_stamping_eku=*/false);
  const auto r = validate(f, build(f, f.spec("data")), "data");
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "CHAIN_CONSTRAINTS_FAILURE");
  EXPECT_TRUE(has_finding(r.findings, ids::kTsaExtendedKeyUsage));
}

TEST_F(TimestampValidationTest, TsaCertificateIsValidatedAtGenTime) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.gen_time = at("2031-01-01T00:00:00Z");  // after the TSA certificate's notAfter
  const auto r = validate(f, build(f, spec), "data");
  EXPECT_NE(r.indication, Indication::kPassed);
  EXPECT_TRUE(has_finding(r.findings, ids::kTsaCertificateInvalid));
  ASSERT_TRUE(r.tsa_validation);
  EXPECT_EQ(r.tsa_validation->validation_time, at("2031-01-01T00:00:00Z"));
}

TEST_F(TimestampValidationTest, UnknownAnchorIsNoCertificateChainFound) {
  TsaFixture f;
  const std::string token = build(f, f.spec("data"));
  testing::TestPki unrelated;  // a root with another name: no path reaches an anchor
  ExplicitTrustAnchors anchors{{unrelated.root}};
  TimestampValidationContext ctx;
  ctx.certificates.anchors = {&anchors};
  ctx.certificates.revocation = &checker_;
  const auto r = validate_timestamp(token, "data", ctx);
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND");
}

TEST_F(TimestampValidationTest, NoAnchorsAtAllIsNoCertificateChainFound) {
  TsaFixture f;
  TimestampValidationContext ctx;  // no anchor source, no revocation, no trusted lists
  const auto r = validate_timestamp(build(f, f.spec("data")), "data", ctx);
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "NO_CERTIFICATE_CHAIN_FOUND");
  EXPECT_TRUE(r.imprint_matches);
  EXPECT_TRUE(r.signature_valid);
  EXPECT_TRUE(has_finding(r.findings, ids::kTsaCertificateInvalid));
}

TEST_F(TimestampValidationTest, TsaCertificateMayComeFromTheSignature) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.include_tsa_certificate = false;
  const std::string token = build(f, spec);
  const auto missing = validate(f, token, "data");
  EXPECT_EQ(missing.indication, Indication::kIndeterminate);
  EXPECT_EQ(missing.subindication, "NO_SIGNING_CERTIFICATE_FOUND");
  EXPECT_TRUE(has_finding(missing.findings, ids::kTsaCertificateNotFound));
  extra_ = {f.tsa};
  EXPECT_EQ(validate(f, token, "data").indication, Indication::kPassed);
}

TEST_F(TimestampValidationTest, HostileTokensAreFormatFailures) {
  TsaFixture f;
  const std::string good = build(f, f.spec("data"));
  for (const std::string& bad : {std::string(), std::string("garbage"), good.substr(0, good.size() / 2),
                                 good + "x", std::string("\x30\x80", 2) + good.substr(4) + std::string(2, '\0')}) {
    const auto r = validate(f, bad, "data");
    EXPECT_EQ(r.indication, Indication::kIndeterminate);
    EXPECT_EQ(r.subindication, "FORMAT_FAILURE");
    EXPECT_TRUE(has_finding(r.findings, ids::kTokenMalformed));
  }
}

TEST_F(TimestampValidationTest, Sha1TokenFailsCryptoConstraints) {
  TsaFixture f;
  TimestampTokenSpec spec = f.spec("data");
  spec.digest = engine::DigestAlgorithm::kSha1;
  spec.imprint_digest = engine::DigestAlgorithm::kSha1;
  const auto r = validate(f, build(f, spec), "data");
  EXPECT_EQ(r.indication, Indication::kIndeterminate);
  EXPECT_EQ(r.subindication, "CRYPTO_CONSTRAINTS_FAILURE_NO_POE");
  EXPECT_TRUE(has_finding(r.findings, ids::kCryptoConstraints));
}

// A trusted list with one TSA/QTST service whose digital identity is the TSA certificate.
tsl::TrustSnapshotPtr qtst_snapshot(const engine::Certificate& tsa, const std::string& status, const std::string& since) {
  assay::testing::ListFixture list;
  const std::string identity =
      "<DigitalId><X509Certificate>" + engine::base64_encode(tsa.der()) + "</X509Certificate></DigitalId>";
  list.providers = assay::testing::provider_xml(
      "Unit TSP", assay::testing::service_xml("TSA/QTST", status, since, "", "", identity));
  auto parsed = tsl::parse_trusted_list(list.xml());
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().message());
  tsl::SnapshotInput in;
  in.trust_time = at("2026-01-15T00:00:00Z");
  in.lists.push_back({"https://example.invalid/tl.xml", *parsed, "authenticated", {}});
  return tsl::TrustSnapshot::build(std::move(in));
}

TEST_F(TimestampValidationTest, QualifiedWhenAQtstServiceIsGrantedAtGenTime) {
  TsaFixture f;
  const auto snapshot = qtst_snapshot(*f.tsa, "granted", "2024-06-01T00:00:00Z");
  ExplicitTrustAnchors anchors{{f.root}};
  TimestampValidationContext ctx;
  ctx.certificates.anchors = {&anchors};
  ctx.certificates.revocation = &checker_;
  ctx.snapshot = snapshot.get();
  const auto r = validate_timestamp(build(f, f.spec("data")), "data", ctx);  // genTime 2025-06-01
  EXPECT_EQ(r.indication, Indication::kPassed);
  EXPECT_TRUE(r.qualified);
  EXPECT_NE(r.qualification_evidence.find("qual.tst.qtst_granted"), std::string::npos) << r.qualification_evidence;

  TimestampTokenSpec early = f.spec("data");
  early.gen_time = at("2024-03-01T00:00:00Z");  // before the service was listed
  const auto before = validate_timestamp(build(f, early), "data", ctx);
  EXPECT_EQ(before.indication, Indication::kPassed);
  EXPECT_FALSE(before.qualified);
  EXPECT_TRUE(has_finding(before.findings, ids::kNotQualified));

  const auto withdrawn_snapshot = qtst_snapshot(*f.tsa, "withdrawn", "2024-06-01T00:00:00Z");
  ctx.snapshot = withdrawn_snapshot.get();
  const auto withdrawn = validate_timestamp(build(f, f.spec("data")), "data", ctx);
  EXPECT_FALSE(withdrawn.qualified);
  EXPECT_NE(withdrawn.qualification_evidence.find("qual.tst.not_granted"), std::string::npos)
      << withdrawn.qualification_evidence;
}

// The sample federation's TSA unit signs tokens that validate under its issuing CA (the QTST
// answer itself is covered by expected-tsa.tsv through the qualification tests).
TEST_F(TimestampValidationTest, SampleFederationTsaMakesValidTokens) {
  auto pki = samples::build_pki();
  ASSERT_TRUE(pki) << pki.error().message();
  const engine::UtcTime gen_time = at("2025-06-01T00:00:00Z");
  auto token = samples::sample_timestamp(*pki, "signature value", gen_time, "5a01");
  ASSERT_TRUE(token) << token.error().message();
  ExplicitTrustAnchors anchors{{pki->authorities.at(std::string(samples::kSampleTsaIssuer)).certificate}};
  TimestampValidationContext ctx;
  ctx.certificates.anchors = {&anchors};
  ctx.certificates.revocation = &checker_;
  const auto r = validate_timestamp(*token, "signature value", ctx);
  EXPECT_EQ(r.indication, Indication::kPassed) << r.subindication << ": " << (r.findings.empty() ? "" : r.findings.front().message);
  EXPECT_EQ(r.gen_time, gen_time);
  EXPECT_EQ(r.serial_hex, "5a01");
  // The sample TSA's EKU is not critical: a warning, not a failure.
  EXPECT_TRUE(has_finding(r.findings, ids::kTsaExtendedKeyUsage));
}

// ---- Tokens made by `openssl ts` ----------------------------------------------------------------

class OpenSslTsTest : public TimestampValidationTest {
 protected:
  void SetUp() override {
    if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "the openssl command is not installed";
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("assay-ts-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }
  bool run(const std::string& command) {
    const std::string cmd = "cd '" + dir_.string() + "' && " + command + " >>log.txt 2>&1";
    return std::system(cmd.c_str()) == 0;
  }
  std::string read(const std::string& name) {
    auto bytes = engine::read_file(dir_ / name, 1u << 20);
    return bytes ? *bytes : std::string();
  }
  std::filesystem::path dir_;
};

TEST_F(OpenSslTsTest, TokenFromOpenSslTsVerifies) {
  write("ext.cnf",
        "[tsa_ext]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
  write("ts.cnf",
        "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\ndir = .\nserial = ./serial\ncrypto_device = builtin\n"
        "signer_cert = ./tsa.pem\ncerts = ./ca.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n"
        "default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.5\ndigests = sha256, sha384, sha512\n"
        "accuracy = secs:1, millisecs:500, microsecs:100\nclock_precision_digits = 0\nordering = yes\n"
        "tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n");
  write("serial", "01\n");
  write("data.bin", "a document to time-stamp\n");
  ASSERT_TRUE(run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem "
                  "-subj '/C=LU/O=Assay Test/CN=OpenSSL TS Root' -days 30 "
                  "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"))
      << read("log.txt");
  ASSERT_TRUE(run("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa.key -out tsa.csr "
                  "-subj '/C=LU/O=Assay Test/CN=OpenSSL TSA'"))
      << read("log.txt");
  ASSERT_TRUE(run("openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -set_serial 0x1001 -days 10 "
                  "-extfile ext.cnf -extensions tsa_ext -out tsa.pem"))
      << read("log.txt");
  ASSERT_TRUE(run("openssl ts -query -data data.bin -sha256 -cert -out query.tsq")) << read("log.txt");
  ASSERT_TRUE(run("openssl ts -reply -config ts.cnf -queryfile query.tsq -token_out -out token.der")) << read("log.txt");

  const std::string token = read("token.der");
  ASSERT_FALSE(token.empty());
  auto parsed = engine::cms::TimestampToken::parse_der(token);
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ((*parsed)->tst_info().policy_oid, "1.2.3.4.1");
  EXPECT_TRUE((*parsed)->tst_info().ordering);
  EXPECT_TRUE((*parsed)->tst_info().nonce);
  ASSERT_TRUE((*parsed)->tst_info().accuracy);
  EXPECT_EQ((*parsed)->tst_info().accuracy->millis, 500);

  auto ca = engine::Certificate::parse_pem_chain(read("ca.pem"));
  ASSERT_TRUE(ca);
  ExplicitTrustAnchors anchors{{(*ca)[0]}};
  TimestampValidationContext ctx;
  ctx.certificates.anchors = {&anchors};
  ctx.certificates.revocation = &checker_;
  const std::string data = read("data.bin");
  const auto r = validate_timestamp(token, data, ctx);
  EXPECT_EQ(r.indication, Indication::kPassed) << r.subindication << ": "
                                               << (r.findings.empty() ? "" : r.findings.front().message);
  EXPECT_TRUE(r.imprint_matches);
  EXPECT_TRUE(r.signature_valid);
  EXPECT_FALSE(has_finding(r.findings, ids::kTsaExtendedKeyUsage));  // critical and alone: no warning

  const auto wrong = validate_timestamp(token, data + "!", ctx);
  EXPECT_EQ(wrong.subindication, "HASH_FAILURE");
  // One flipped byte inside the TSA's signature value (the token's last bytes).
  std::string tampered = token;
  tampered[tampered.size() - 5] = static_cast<char>(tampered[tampered.size() - 5] ^ 0x01);
  const auto bad = validate_timestamp(tampered, data, ctx);
  EXPECT_NE(bad.indication, Indication::kPassed);
}

}  // namespace
}  // namespace assay::validation
