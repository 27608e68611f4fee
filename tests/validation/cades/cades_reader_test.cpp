// The CAdES reader (validation/cades) through validate_document, on signatures built in process
// (engine/cms/cades_builder.h) at every baseline level, and the cross-checks with other
// implementations: `openssl cms -sign -cades` output validates as CAdES-BASELINE-B (attached and
// detached; the wrong detached content is TOTAL_FAILED / HASH_FAILURE) and an `openssl ts` reply
// over its signature value is a valid signature-time-stamp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "engine/cms/cades_attributes.h"
#include "engine/cms/cades_builder.h"
#include "engine/file.h"
#include "engine/x509/revocation_builder.h"
#include "tests/engine/cms/tst_fixture.h"
#include "tests/validation/validation_test_pki.h"
#include "validation/cades/cades_reader.h"
#include "validation/document/document_validator.h"
#include "validation/explicit_anchors.h"
#include "validation/validation_policy.h"

namespace assay::validation {
namespace {

using testing::day;
namespace cms = engine::cms;

class CadesTest : public ::testing::Test {
 protected:
  DocumentValidationReport validate(const std::string& bytes, std::vector<DetachedFile> detached = {},
                                    engine::UtcTime at = day(2025, 7, 1)) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = at;
    auto report = validate_document(bytes, detached, ctx);
    EXPECT_TRUE(report.has_value()) << report.error().message();
    return report ? *report : DocumentValidationReport{};
  }
  static std::string outcome(const DocumentValidationReport& r) {
    if (r.signatures.empty()) return "none";
    const auto& s = r.signatures.front();
    return std::string(main_indication_name(s.indication)) + "/" + s.subindication;
  }
  cms::CadesSpec spec(std::string content = "a contract\n") const {
    cms::CadesSpec s;
    s.content = std::move(content);
    s.signing_time = day(2025, 5, 1);
    s.chain = {pki_.ca};
    return s;
  }
  std::string build(const cms::CadesSpec& s) const { return *cms::build_cades(s, *pki_.ee, testing::test_key(3)); }
  cms::Tsa tsa() const {
    return [this](std::string_view covered) { return cms::build_timestamp_token(tsa_.spec(std::string(covered)), *tsa_.tsa, tsa_.tsa_key); };
  }

  testing::TestPki pki_;
  engine::testing_cms::TsaFixture tsa_;
  ExplicitTrustAnchors anchors_{{pki_.root, tsa_.root}};
  testing::ScriptedChecker checker_;
};

TEST_F(CadesTest, BaselineBAttachedPassesWithItsAttributes) {
  auto s = spec();
  s.signature_policy_oid = "1.2.3.4.5";
  s.commitment_type_oids = {"1.2.840.113549.1.9.16.6.1"};
  s.content_hints = "a contract";
  s.claimed_roles = {"Director"};
  const auto cades = build(s);
  auto read = cades::read_cades(cades);
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_EQ(read->signatures.size(), 1u);
  const auto& sig = read->signatures[0];
  EXPECT_EQ(sig.format, SignatureFormat::kCAdES);
  EXPECT_EQ(sig.level, "CAdES-BASELINE-B");
  EXPECT_EQ(sig.attributes.signature_policy_id, "1.2.3.4.5");
  EXPECT_EQ(sig.attributes.commitment_types, std::vector<std::string>{"1.2.840.113549.1.9.16.6.1"});
  EXPECT_EQ(sig.attributes.claimed_roles, std::vector<std::string>{"Director"});
  ASSERT_EQ(sig.attributes.content_hints.size(), 1u);
  EXPECT_TRUE(sig.attributes.signing_certificate_digest_matches);
  EXPECT_TRUE(sig.attributes.signing_certificate_issuer_serial_matches);
  ASSERT_EQ(sig.scope.size(), 1u);
  EXPECT_EQ(sig.scope[0].kind, "full");
  EXPECT_EQ(outcome(validate(cades)), "TOTAL_PASSED/");
}

TEST_F(CadesTest, DetachedNeedsItsContent) {
  auto s = spec();
  s.detached = true;
  const auto cades = build(s);
  EXPECT_EQ(outcome(validate(cades, {{"contract.txt", "a contract\n"}})), "TOTAL_PASSED/");
  EXPECT_EQ(outcome(validate(cades, {{"contract.txt", "another contract\n"}})), "TOTAL_FAILED/HASH_FAILURE");
  EXPECT_EQ(outcome(validate(cades)), "INDETERMINATE/SIGNED_DATA_NOT_FOUND");
  // Several candidates: the one the message-digest names is used.
  const auto r = validate(cades, {{"other.txt", "x"}, {"contract.txt", "a contract\n"}});
  EXPECT_EQ(outcome(r), "TOTAL_PASSED/");
  EXPECT_EQ(r.signatures.at(0).scope.at(0).name, "contract.txt");
}

TEST_F(CadesTest, BrokenSignatureAndWrongCertificateReference) {
  auto corrupt = spec();
  corrupt.corrupt_signature = true;
  EXPECT_EQ(outcome(validate(build(corrupt))), "TOTAL_FAILED/SIG_CRYPTO_FAILURE");
  auto wrong = spec();
  wrong.signing_certificate_hashed_der = pki_.ca->der();
  EXPECT_EQ(outcome(validate(build(wrong))), "INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND");
}

TEST_F(CadesTest, LevelsTLtLtaWithTheirTimestamps) {
  const auto b = build(spec());
  auto t = cms::add_signature_timestamp(b, tsa());
  ASSERT_TRUE(t) << t.error().message();
  engine::CrlSpec crl_spec;
  crl_spec.this_update = day(2025, 5, 1);
  crl_spec.next_update = day(2025, 8, 1);
  const auto crl = engine::build_crl(crl_spec, *pki_.ca, testing::test_key(2));
  ASSERT_TRUE(crl);
  auto only_certs = cms::add_validation_data(*t, {pki_.root, tsa_.tsa}, {}, {});
  ASSERT_TRUE(only_certs);
  auto certs_read = cades::read_cades(*only_certs);
  ASSERT_TRUE(certs_read);
  EXPECT_EQ(certs_read->signatures.at(0).level, "CAdES-BASELINE-T");  // no revocation data yet
  auto lt = cms::add_validation_data(*only_certs, {}, {*crl}, {});
  ASSERT_TRUE(lt) << lt.error().message();
  auto lta = cms::add_archive_timestamp_v3(*lt, tsa());
  ASSERT_TRUE(lta) << lta.error().message();
  const std::pair<const std::string*, std::string_view> levels[] = {
      {&b, "CAdES-BASELINE-B"}, {&*t, "CAdES-BASELINE-T"}, {&*lt, "CAdES-BASELINE-LT"}, {&*lta, "CAdES-BASELINE-LTA"}};
  for (const auto& [bytes, level] : levels) {
    auto read = cades::read_cades(*bytes);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->signatures.at(0).level, level);
  }
  EXPECT_EQ(cades::read_cades(*lta)->signatures.at(0).crls.size(), 1u);

  const auto report = validate(*lta);
  ASSERT_EQ(report.signatures.size(), 1u);
  const auto& sig = report.signatures[0];
  EXPECT_EQ(outcome(report), "TOTAL_PASSED/");
  ASSERT_EQ(sig.timestamps.size(), 2u);
  for (const auto& ts : sig.timestamps) {
    EXPECT_EQ(ts.report.indication, Indication::kPassed) << ts.id << " " << ts.report.subindication;
    EXPECT_TRUE(ts.report.imprint_matches) << ts.id;
  }
  EXPECT_EQ(sig.timestamps[1].kind, EmbeddedTimestamp::Kind::kArchive);
}

TEST_F(CadesTest, ArchiveTimestampCoversTheDetachedContentAndTheIndex) {
  auto s = spec();
  s.detached = true;
  const std::string content = "a contract\n";
  auto lta = cms::add_archive_timestamp_v3(*cms::add_signature_timestamp(build(s), tsa()), tsa(), content);
  ASSERT_TRUE(lta) << lta.error().message();
  const auto good = validate(*lta, {{"contract.txt", content}});
  ASSERT_EQ(good.signatures.size(), 1u);
  ASSERT_EQ(good.signatures[0].timestamps.size(), 2u);
  EXPECT_TRUE(good.signatures[0].timestamps[1].report.imprint_matches);
  // Other content: the signature is HASH_FAILURE and the archive time-stamp's imprint (which
  // hashes the content) no longer matches.
  const auto bad = validate(*lta, {{"contract.txt", "another contract\n"}});
  ASSERT_EQ(bad.signatures.size(), 1u);
  EXPECT_EQ(outcome(bad), "TOTAL_FAILED/HASH_FAILURE");
  EXPECT_FALSE(bad.signatures[0].timestamps.at(1).report.imprint_matches);
  // A certificate added to the SignedData after the archive time-stamp: the imprint input is
  // unchanged (the index is what was hashed), and the index still lists what was there.
  auto later = cms::add_validation_data(*lta, {tsa_.root}, {}, {});
  ASSERT_TRUE(later);
  auto read = cades::read_cades(*later, {{{"contract.txt", content}}});
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->signatures.at(0).timestamps.at(1).findings.empty());
}

// EN 319 122-1 5.5.2: every unsigned attribute hash the ats-hash-index-v3 lists must still match
// an unsigned attribute; one removed or changed after archiving fails the archive time-stamp,
// one added after archiving is not listed and allowed.
TEST_F(CadesTest, ArchiveTimestampIndexCoversTheUnsignedAttributes) {
  const std::string note_oid = "1.2.3.4.99";  // a private attribute, present when archiving
  const std::string before = std::string("\x04\x06") + "before", after = std::string("\x04\x06") + "after!";
  auto t = cms::add_signature_timestamp(build(spec()), tsa());
  ASSERT_TRUE(t);
  auto noted = cms::add_unsigned_attribute(*t, 0, note_oid, before);
  ASSERT_TRUE(noted);
  auto lta = cms::add_archive_timestamp_v3(*noted, tsa());
  ASSERT_TRUE(lta) << lta.error().message();
  const auto archive = [&](const DocumentValidationReport& r) -> const TimestampResult& {
    return r.signatures.at(0).timestamps.at(1);
  };
  const auto has_finding = [](const TimestampResult& ts, std::string_view text) {
    return std::any_of(ts.report.findings.begin(), ts.report.findings.end(), [&](const engine::Finding& f) {
      return f.id == "cades.ats_hash_index.unsigned_attribute" && f.message.find(text) != std::string::npos;
    });
  };

  const auto good = validate(*lta);
  ASSERT_EQ(good.signatures.size(), 1u);
  ASSERT_EQ(good.signatures[0].timestamps.size(), 2u);
  EXPECT_EQ(archive(good).report.indication, Indication::kPassed) << archive(good).report.subindication;
  EXPECT_EQ(outcome(good), "TOTAL_PASSED/");

  // Added after archiving: not in the index, allowed.
  auto added = cms::add_unsigned_attribute(*lta, 0, "1.2.3.4.100", before);
  ASSERT_TRUE(added);
  const auto added_report = validate(*added);
  EXPECT_EQ(archive(added_report).report.indication, Indication::kPassed) << archive(added_report).report.subindication;

  // Changed after archiving: the listed hash matches nothing, the attribute is named.
  auto removed_note = cms::remove_unsigned_attribute(*lta, 0, note_oid);
  ASSERT_TRUE(removed_note);
  auto changed = cms::add_unsigned_attribute(*removed_note, 0, note_oid, after);
  ASSERT_TRUE(changed);
  const auto changed_report = validate(*changed);
  EXPECT_EQ(archive(changed_report).report.indication, Indication::kFailed);
  EXPECT_EQ(archive(changed_report).report.subindication, "HASH_FAILURE");
  EXPECT_FALSE(archive(changed_report).report.imprint_matches);
  EXPECT_TRUE(has_finding(archive(changed_report), "attribute 1.2.3.4.99"));

  // Removed after archiving: the signature-time-stamp (now timestamps[0] is the archive one).
  auto removed = cms::remove_unsigned_attribute(*lta, 0, cms::kOidSignatureTimestamp);
  ASSERT_TRUE(removed);
  const auto removed_report = validate(*removed);
  ASSERT_EQ(removed_report.signatures.at(0).timestamps.size(), 1u);
  const auto& ats = removed_report.signatures[0].timestamps[0];
  EXPECT_EQ(ats.kind, EmbeddedTimestamp::Kind::kArchive);
  EXPECT_EQ(ats.report.indication, Indication::kFailed);
  EXPECT_EQ(ats.report.subindication, "HASH_FAILURE");
  EXPECT_TRUE(has_finding(ats, "removed or changed after archiving"));
  // The reader alone marks it, and untouched archives are not marked.
  EXPECT_TRUE(cades::read_cades(*removed)->signatures.at(0).timestamps.at(0).covered_data_altered);
  EXPECT_FALSE(cades::read_cades(*lta)->signatures.at(0).timestamps.at(1).covered_data_altered);
}

// TS 101 733 archive-time-stamp v1 / v2 (RFC 5126 6.4.1): read and validated as tokens, but their
// imprint input is not computed, so they are reported as not supported as POE — never FAILED
// for an imprint assay did not compute, never a proof of existence.
TEST_F(CadesTest, LegacyArchiveTimestampsAreReportedButGiveNoPoe) {
  auto t = cms::add_signature_timestamp(build(spec()), tsa());
  ASSERT_TRUE(t);
  for (const auto oid : {cms::kOidArchiveTimestampV1, cms::kOidArchiveTimestampV2}) {
    // Its token as a v3 would carry it; what it covers does not matter to the reader.
    auto token = tsa()("legacy archive time-stamp imprint input");
    ASSERT_TRUE(token);
    auto legacy = cms::add_unsigned_attribute(*t, 0, oid, *token);
    ASSERT_TRUE(legacy) << legacy.error().message();
    auto read = cades::read_cades(*legacy);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->signatures.at(0).level, "CAdES-A");
    const auto report = validate(*legacy);
    ASSERT_EQ(report.signatures.size(), 1u);
    ASSERT_EQ(report.signatures[0].timestamps.size(), 2u);
    const auto& ats = report.signatures[0].timestamps[1];
    EXPECT_EQ(ats.kind, EmbeddedTimestamp::Kind::kArchive);
    EXPECT_EQ(ats.report.indication, Indication::kIndeterminate) << oid;
    EXPECT_EQ(ats.report.subindication, "SIGNED_DATA_NOT_FOUND");
    EXPECT_FALSE(ats.used_as_poe);
    EXPECT_TRUE(ats.report.signature_valid);  // the token itself was checked
    EXPECT_TRUE(std::any_of(ats.report.findings.begin(), ats.report.findings.end(), [](const engine::Finding& f) {
      return f.id == "cades.timestamp.unsupported" && f.message.find("not supported as proof of existence") != std::string::npos;
    }));
    // The signature stands on its signature time-stamp.
    EXPECT_EQ(outcome(report), "TOTAL_PASSED/");
  }
}

TEST_F(CadesTest, CounterSignatureIsReadAndChecked) {
  auto counter_cert = *engine::build_certificate(testing::ee_spec("Bob"), testing::test_key(4).public_key_der(), *pki_.ca,
                                                 testing::test_key(2));
  auto with = cms::add_counter_signature(build(spec()), *counter_cert, testing::test_key(4), day(2025, 5, 2));
  ASSERT_TRUE(with) << with.error().message();
  const auto report = validate(*with);
  ASSERT_EQ(report.signatures.size(), 1u);
  ASSERT_EQ(report.signatures[0].counter_signatures.size(), 1u);
  const auto& c = report.signatures[0].counter_signatures[0];
  EXPECT_EQ(c.indication, MainIndication::kTotalPassed) << c.subindication;
  EXPECT_EQ(c.scope.at(0).kind, "counter-signature");
}

// ---- Cross-checks with OpenSSL's own CMS / CAdES and TSA ---------------------------------------

class OpenSslCadesTest : public CadesTest {
 protected:
  void SetUp() override {
    if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "the openssl command is not installed";
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("assay-cades-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    write("data.txt", "signed by openssl cms\n");
    write("ext.cnf", "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                     "[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n"
                     "[tsa]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                     "extendedKeyUsage=critical,timeStamping\n");
    ASSERT_TRUE(run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem "
                    "-subj '/C=LU/O=Assay Test/CN=OpenSSL CMS Root' -days 30 "
                    "-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"))
        << read("log.txt");
    for (const char* who : {"leaf", "tsa"}) {
      ASSERT_TRUE(run(std::string("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ") + who +
                      ".key -out " + who + ".csr -subj '/C=LU/O=Assay Test/CN=OpenSSL " + who + "'"))
          << read("log.txt");
      ASSERT_TRUE(run(std::string("openssl x509 -req -in ") + who + ".csr -CA ca.pem -CAkey ca.key -set_serial 0x" +
                      (std::string(who) == "leaf" ? "2001" : "2002") + " -days 10 -extfile ext.cnf -extensions " + who +
                      " -out " + who + ".pem"))
          << read("log.txt");
    }
    auto ca = engine::Certificate::parse_pem_chain(read("ca.pem"));
    ASSERT_TRUE(ca && !ca->empty());
    openssl_anchors_ = std::make_unique<ExplicitTrustAnchors>(std::vector<engine::CertificatePtr>{(*ca)[0]});
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
  DocumentValidationReport validate_now(const std::string& bytes, std::vector<DetachedFile> detached = {}) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(openssl_anchors_.get());
    ctx.certificates.revocation = &checker_;
    ctx.at = engine::system_now();  // the certificates were made now, valid for days
    auto report = validate_document(bytes, detached, ctx);
    EXPECT_TRUE(report.has_value()) << report.error().message();
    return report ? *report : DocumentValidationReport{};
  }
  std::filesystem::path dir_;
  std::unique_ptr<ExplicitTrustAnchors> openssl_anchors_;
};

TEST_F(OpenSslCadesTest, OpenSslCmsCadesValidatesAsBaselineB) {
  ASSERT_TRUE(run("openssl cms -sign -cades -binary -md sha256 -in data.txt -signer leaf.pem -inkey leaf.key "
                  "-certfile ca.pem -nodetach -outform DER -out attached.p7m"))
      << read("log.txt");
  ASSERT_TRUE(run("openssl cms -sign -cades -binary -md sha256 -in data.txt -signer leaf.pem -inkey leaf.key "
                  "-certfile ca.pem -outform DER -out detached.p7s"))
      << read("log.txt");
  const auto attached = validate_now(read("attached.p7m"));
  ASSERT_EQ(attached.signatures.size(), 1u);
  EXPECT_EQ(attached.signatures[0].level, "CAdES-BASELINE-B");
  EXPECT_EQ(outcome(attached), "TOTAL_PASSED/");
  const auto detached = validate_now(read("detached.p7s"), {{"data.txt", read("data.txt")}});
  EXPECT_EQ(outcome(detached), "TOTAL_PASSED/");
  EXPECT_EQ(outcome(validate_now(read("detached.p7s"), {{"data.txt", "not what was signed\n"}})),
            "TOTAL_FAILED/HASH_FAILURE");
}

TEST_F(OpenSslCadesTest, OpenSslTsReplyIsAValidSignatureTimestamp) {
  ASSERT_TRUE(run("openssl cms -sign -cades -binary -md sha256 -in data.txt -signer leaf.pem -inkey leaf.key "
                  "-certfile ca.pem -nodetach -outform DER -out attached.p7m"))
      << read("log.txt");
  const std::string cades = read("attached.p7m");
  auto sd = cms::SignedData::parse_der(cades);
  ASSERT_TRUE(sd) << sd.error().message();
  write("sigvalue.bin", sd.value()->signer_infos().at(0).signature);
  write("serial", "01\n");
  write("ts.cnf", "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\ndir = .\nserial = ./serial\ncrypto_device = builtin\n"
                  "signer_cert = ./tsa.pem\ncerts = ./ca.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n"
                  "default_policy = 1.2.3.4.1\ndigests = sha256\nclock_precision_digits = 0\n"
                  "ess_cert_id_chain = no\ness_cert_id_alg = sha256\n");
  ASSERT_TRUE(run("openssl ts -query -data sigvalue.bin -sha256 -cert -out query.tsq")) << read("log.txt");
  ASSERT_TRUE(run("openssl ts -reply -config ts.cnf -queryfile query.tsq -token_out -out token.der")) << read("log.txt");
  auto t = cms::add_unsigned_attribute(cades, 0, cms::kOidSignatureTimestamp, read("token.der"));
  ASSERT_TRUE(t) << t.error().message();
  const auto report = validate_now(*t);
  ASSERT_EQ(report.signatures.size(), 1u);
  EXPECT_EQ(report.signatures[0].level, "CAdES-BASELINE-T");
  ASSERT_EQ(report.signatures[0].timestamps.size(), 1u);
  const auto& ts = report.signatures[0].timestamps[0].report;
  EXPECT_EQ(ts.indication, Indication::kPassed) << ts.subindication << ": " << (ts.findings.empty() ? "" : ts.findings[0].message);
  EXPECT_TRUE(ts.imprint_matches);
  EXPECT_EQ(outcome(report), "TOTAL_PASSED/");
}

}  // namespace
}  // namespace assay::validation
