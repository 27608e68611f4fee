// `assay validate` run as a user would: XAdES signatures made in the test (the enveloped signer and
// the template signer, self-signed RSA signer valid 2025..2030, signed 2026-03-01), with the
// signer's certificate as --anchor. Exit codes 0/1/2, the JSON shape, the ETSI report file
// (schema-checked when ../shared/standards is there), no signature, unsupported input, detached
// content present and missing, stdout/stderr separation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "engine/cms/timestamp_builder.h"
#include "engine/x509/revocation_builder.h"
#include "engine/xml/schema.h"
#include "engine/zip/zip_archive.h"
#include "tests/engine/cms/tst_fixture.h"
#include "tests/engine/xmldsig/general_fixture.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"
#include "tests/support/corpus.h"
#include "tests/support/run_assay.h"

namespace assay::testing {
namespace {

namespace fs = std::filesystem;
using namespace engine::xmldsig::testing;

constexpr const char* kAt = " --at 2026-06-01T00:00:00Z";

// A detached XAdES-BASELINE-B template over "invoice.pdf": SigningTime and SigningCertificateV2
// in the SignedProperties, which a second reference covers.
std::string detached_xades_template(const std::string& cert) {
  const std::string digest = engine::base64_encode(*engine::xmldsig::digest_with(kSha256, cert));
  const std::string qp =
      "<ds:Object><xades:QualifyingProperties xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" Target=\"#sig\">"
      "<xades:SignedProperties Id=\"sp\"><xades:SignedSignatureProperties>"
      "<xades:SigningTime>2026-03-01T10:00:00Z</xades:SigningTime>"
      "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" + std::string(kSha256) +
      "\"/><ds:DigestValue>" + digest + "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
      "</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>";
  Ref sp = ref("#sp", {engine::xmldsig::kExcC14n});
  sp.type = "http://uri.etsi.org/01903#SignedProperties";
  return signature_template("sig", {ref("invoice.pdf", {}), sp}, cert, qp);
}

class ValidateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("assay-validate-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const auto& signer = rsa_signer();
    const std::string good = sign(kList, signer);
    write("signed.xml", good);
    write("signer.der", signer.cert);
    std::string tampered = good;
    tampered.replace(tampered.find(">GoodCorp<"), 10, ">BadCorp!<");
    write("tampered.xml", tampered);
    write("unsigned.xml", std::string(kList));
    write("not-xml.bin", std::string("GIF89a not a format assay reads\n"));
    write("invoice.pdf", std::string("%PDF-1.7 invoice 42"));
    write("detached.xml", sign_ok(detached_xades_template(signer.cert), signer.key,
                                  {{"invoice.pdf", "%PDF-1.7 invoice 42"}}));
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string anchor() const { return " --anchor " + path("signer.der"); }
  RunResult validate(const std::string& file, const std::string& extra, Stderr mode = Stderr::kDiscard) const {
    return run_assay(ASSAY_BINARY, "validate " + path(file) + extra, mode);
  }

  fs::path dir_;
};

boost::json::value parse(const RunResult& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.out, ec);
  EXPECT_FALSE(ec) << "not JSON: " << r.out;
  return v;
}

TEST_F(ValidateCli, GoodSignatureWithItsAnchorIsTotalPassed) {
  const auto r = validate("signed.xml", anchor() + kAt + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto v = parse(r);
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.at("signatures_count"), 1);
  EXPECT_EQ(v.at("valid_signatures_count"), 1);
  EXPECT_EQ(v.at("validation_time"), "2026-06-01T00:00:00Z");
  EXPECT_TRUE(v.at("policy").is_string());
  EXPECT_FALSE(v.as_object().contains("detailed"));
  const auto& s = v.at("signatures").at(0);
  EXPECT_EQ(s.at("indication"), "TOTAL_PASSED") << r.out;
  EXPECT_TRUE(s.at("subindication").is_null());
  EXPECT_EQ(s.at("format"), "XAdES");
  EXPECT_EQ(s.at("level"), "XAdES-BASELINE-B");
  EXPECT_EQ(s.at("signing_time"), "2026-03-01T10:00:00Z");
  EXPECT_TRUE(s.at("signed_by").as_string().find("Test Signer") != std::string::npos) << s.at("signed_by");
  for (const char* key : {"id", "best_signature_time", "qualification", "scope", "errors", "warnings", "timestamps"}) {
    EXPECT_TRUE(s.as_object().contains(key)) << key;
  }
  EXPECT_EQ(s.at("scope").at(0).at("kind"), "full");
  EXPECT_TRUE(s.at("errors").as_array().empty()) << s.at("errors");
}

TEST_F(ValidateCli, DetailedAddsTheDetailedPart) {
  const auto r = validate("signed.xml", anchor() + kAt + " --json --detailed");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto v = parse(r);
  const auto& d = v.at("detailed").at(0);
  EXPECT_FALSE(d.at("blocks").as_array().empty());
  EXPECT_FALSE(d.at("processes").as_array().empty());
  EXPECT_TRUE(d.at("certificate").is_object());
}

TEST_F(ValidateCli, NoAnchorIsNoCertificateChainFoundWithANote) {
  const auto r = validate("signed.xml", std::string(kAt) + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const auto s = parse(r).at("signatures").at(0);  // the note is not in the JSON
  EXPECT_EQ(s.at("indication"), "INDETERMINATE");
  EXPECT_EQ(s.at("subindication"), "NO_CERTIFICATE_CHAIN_FOUND");
  const auto merged = validate("signed.xml", kAt, Stderr::kMerge);
  EXPECT_NE(merged.out.find("note: no --anchor and no trust source"), std::string::npos) << merged.out;
  // stderr alone (stdout dropped; run_assay's own redirection then applies to `cat`).
  const auto only_stderr =
      run_assay(ASSAY_BINARY, "validate " + path("signed.xml") + kAt + " --json 2>&1 >/dev/null | cat");
  EXPECT_NE(only_stderr.out.find("no trust anchor"), std::string::npos) << only_stderr.out;
}

TEST_F(ValidateCli, TamperedContentIsHashFailure) {
  const auto r = validate("tampered.xml", anchor() + kAt + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const auto s = parse(r).at("signatures").at(0);
  EXPECT_EQ(s.at("indication"), "TOTAL_FAILED");
  EXPECT_EQ(s.at("subindication"), "HASH_FAILURE");
  EXPECT_FALSE(s.at("errors").as_array().empty());
}

TEST_F(ValidateCli, TextSummary) {
  const auto r = validate("signed.xml", anchor() + kAt);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  for (const char* want : {"1 signature(s), 1 TOTAL_PASSED", "indication:          TOTAL_PASSED",
                           "format / level:      XAdES / XAdES-BASELINE-B", "signed by:", "Test Signer",
                           "signing time:        2026-03-01T10:00:00Z", "best-signature-time:", "qualification:",
                           "scope:", "time-stamps:         none"}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << "\n" << r.out;
  }
  const auto failed = validate("tampered.xml", anchor() + kAt);
  EXPECT_NE(failed.out.find("TOTAL_FAILED / HASH_FAILURE"), std::string::npos) << failed.out;
  EXPECT_NE(failed.out.find("errors:"), std::string::npos) << failed.out;
}

TEST_F(ValidateCli, DocumentWithoutSignatureIsExitOneAndAnEmptyList) {
  const auto r = validate("unsigned.xml", anchor() + kAt + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const auto v = parse(r);
  EXPECT_TRUE(v.at("signatures").as_array().empty());
  EXPECT_EQ(v.at("signatures_count"), 0);
  const auto merged = validate("unsigned.xml", anchor() + kAt, Stderr::kMerge);
  EXPECT_NE(merged.out.find("no signature found"), std::string::npos) << merged.out;
}

// A time-stamp-only ASiC-S (EN 319 162-1 4.3.3.1): no signature, one document time-stamp over
// the data object; valid → exit 0 with a line for it, data changed after time-stamping → exit 1.
TEST_F(ValidateCli, TimestampOnlyContainerIsJudgedByItsTimestamp) {
  engine::testing_cms::TsaFixture tsa;
  const auto container = [&](const std::string& data) {
    const auto token = engine::cms::build_timestamp_token(tsa.spec("a deed\n"), *tsa.tsa, tsa.tsa_key);
    return *engine::zip::write_zip({{"mimetype", "application/vnd.etsi.asic-s+zip", true},
                                    {"deed.txt", data, false},
                                    {"META-INF/timestamp.tst", *token, false}});
  };
  write("stamped.asics", container("a deed\n"));
  write("changed.asics", container("a deed, amended\n"));
  write("tsa-root.der", tsa.root->der());
  engine::CrlSpec crl;
  crl.this_update = engine::testing_cms::at("2025-05-31T00:00:00Z");
  crl.next_update = engine::testing_cms::at("2025-07-01T00:00:00Z");
  write("tsa-root.crl", *engine::build_crl(crl, *tsa.root, tsa.root_key));
  const std::string trust = " --anchor " + path("tsa-root.der") + " --crl " + path("tsa-root.crl") +
                            " --at 2025-06-15T00:00:00Z";
  const auto good = validate("stamped.asics", trust);
  EXPECT_EQ(good.exit_code, 0) << good.out;
  for (const char* want : {"ASiC-S container, 0 signature(s), 0 TOTAL_PASSED, 1 document time-stamp(s), 1 PASSED",
                           "document time-stamp 1: META-INF/timestamp.tst [asic-timestamp]: PASSED, genTime 2025-06-01T12:00:00Z",
                           "- deed.txt [full]"}) {
    EXPECT_NE(good.out.find(want), std::string::npos) << want << "\n" << good.out;
  }
  const auto json = validate("stamped.asics", trust + " --json");
  EXPECT_EQ(json.exit_code, 0);
  const auto v = parse(json);
  EXPECT_EQ(v.at("timestamps_count"), 1);
  EXPECT_EQ(v.at("timestamps").at(0).at("indication"), "PASSED");
  const auto bad = validate("changed.asics", trust);
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_NE(bad.out.find("FAILED / HASH_FAILURE"), std::string::npos) << bad.out;
  // No trust in the TSA: not shown valid.
  EXPECT_EQ(validate("stamped.asics", " --at 2025-06-15T00:00:00Z").exit_code, 1);
}

TEST_F(ValidateCli, DetachedContent) {
  const auto with = validate("detached.xml", anchor() + kAt + " --detached " + path("invoice.pdf") + " --json");
  EXPECT_EQ(with.exit_code, 0) << with.out;
  EXPECT_EQ(parse(with).at("signatures").at(0).at("scope").at(0).at("kind"), "detached") << with.out;
  const auto without = validate("detached.xml", anchor() + kAt + " --json");
  EXPECT_EQ(without.exit_code, 1) << without.out;
  EXPECT_NE(parse(without).at("signatures").at(0).at("indication"), "TOTAL_PASSED");
  fs::create_directories(dir_ / "other");
  write("other/invoice.pdf", "%PDF-1.7 invoice 43");
  const auto changed = validate("detached.xml", anchor() + kAt + " --detached " + path("other/invoice.pdf") + " --json");
  EXPECT_EQ(changed.exit_code, 1) << changed.out;
  EXPECT_EQ(parse(changed).at("signatures").at(0).at("subindication"), "HASH_FAILURE") << changed.out;
}

TEST_F(ValidateCli, UnusableInputIsExitTwo) {
  const auto missing_detached = validate("detached.xml", anchor() + kAt + " --detached " + path("nope.pdf"), Stderr::kMerge);
  EXPECT_EQ(missing_detached.exit_code, 2) << missing_detached.out;
  EXPECT_NE(missing_detached.out.find("nope.pdf"), std::string::npos) << missing_detached.out;
  const auto unsupported = validate("not-xml.bin", anchor() + kAt, Stderr::kMerge);
  EXPECT_EQ(unsupported.exit_code, 2) << unsupported.out;
  EXPECT_NE(unsupported.out.find("not a format assay validates"), std::string::npos) << unsupported.out;
  EXPECT_EQ(validate("absent.xml", anchor() + kAt).exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + " --at yesterday").exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + kAt + " --detailed").exit_code, 2);  // needs --json
  EXPECT_EQ(validate("signed.xml", " --anchor " + path("absent.pem") + kAt).exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + kAt + " --crl " + path("not-xml.bin")).exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + kAt + " --policy " + path("absent.toml")).exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + kAt + " --online --offline").exit_code, 2);
  EXPECT_EQ(validate("signed.xml", anchor() + kAt + " --etsi-report " + path("no/such/dir/r.xml")).exit_code, 2);
  write("broken.xml", "<a><b></a>");
  EXPECT_EQ(validate("broken.xml", anchor() + kAt).exit_code, 2);
}

TEST_F(ValidateCli, EtsiReportIsWrittenAndSchemaValid) {
  const auto r = validate("signed.xml", anchor() + kAt + " --json --etsi-report " + path("report.xml"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  parse(r);  // stdout stays pure JSON
  std::ifstream in(dir_ / "report.xml", std::ios::binary);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(xml.find("ValidationReport"), std::string::npos) << xml.substr(0, 400);
  EXPECT_NE(xml.find("urn:etsi:019102:mainindication:total-passed"), std::string::npos) << xml.substr(0, 2000);
  const auto empty = validate("unsigned.xml", anchor() + kAt + " --etsi-report " + path("empty.xml"));
  EXPECT_EQ(empty.exit_code, 1);
  ASSERT_TRUE(fs::exists(dir_ / "empty.xml"));

  const auto shared = shared_dir();
  const auto schema = shared.empty() ? fs::path{} : shared / "standards" / "ts119102-2" / "1910202xmlSchema.xsd";
  if (schema.empty() || !fs::exists(schema)) {
    if (corpus_required()) FAIL() << "missing " << schema;
    GTEST_SKIP() << "schema check skipped: " << schema << " is absent";
  }
  for (const char* name : {"report.xml", "empty.xml"}) {
    std::ifstream f(dir_ / name, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto errors = engine::xml::validate_with_schema(text, schema);
    ASSERT_TRUE(errors.has_value()) << errors.error().message();
    for (const auto& e : *errors) ADD_FAILURE() << name << ": " << e;
  }
}

TEST_F(ValidateCli, HelpExplainsTrustOutputAndExitCodes) {
  const auto r = run_assay(ASSAY_BINARY, "validate --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* want : {"--detached", "--anchor", "--etsi-report", "--detailed", "--online", "--offline",
                           "NO_CERTIFICATE_CHAIN_FOUND", "Exit codes", "TOTAL_PASSED"}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want;
  }
}

}  // namespace
}  // namespace assay::testing
