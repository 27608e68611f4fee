// LOTL pointer rules and the --signer authentication: lists signed in the test.
#include "engine/xmldsig/signer.h"
#include "tests/tsl/lint/lint_test_support.h"

namespace assay::testing {
namespace {

namespace id = tsl::lint::id;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

struct Signer {
  engine::PrivateKey key;
  engine::CertificatePtr certificate;
};

Signer make_signer(const char* cn, const char* not_after = "2030-01-01T00:00:00Z") {
  auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256).value();
  engine::CertificateSpec spec;
  spec.subject = {{"C", "XA"}, {"O", "Sample operator"}, {"CN", cn}};
  spec.not_before = at("2019-01-01T00:00:00Z");
  spec.not_after = at(not_after);
  spec.ca = false;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kNonRepudiation});
  auto c = make_certificate(spec, &key);
  return Signer{std::move(key), c};
}

std::string sign(const std::string& xml, const Signer& s) {
  engine::xmldsig::SignOptions options;
  options.signing_time = at("2026-01-01T00:00:00Z");
  auto signed_xml = engine::xmldsig::sign_enveloped(xml, s.key, s.certificate->der(), options);
  EXPECT_TRUE(signed_xml.has_value()) << (signed_xml ? "" : signed_xml.error().message());
  return signed_xml.value_or("");
}

// A LOTL whose only pointer announces `announced` for territory XA.
std::string lotl_xml(const engine::CertificatePtr& announced) {
  ListFixture f;
  f.type = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
  f.territory = "EU";
  f.pointers = "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity>" + certificate_id(announced) +
               "</ServiceDigitalIdentity></ServiceDigitalIdentities><TSLLocation>https://example.invalid/XA.xml</TSLLocation>"
               "<AdditionalInformation><OtherInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric"
               "</TSLType></OtherInformation><OtherInformation><SchemeTerritory>XA</SchemeTerritory></OtherInformation>"
               "<OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation>"
               "</AdditionalInformation></OtherTSLPointer>";
  return f.xml();
}

std::vector<tsl::lint::LintedList> lint_all(const std::vector<std::string>& xmls, const tsl::SignerSet* signers = nullptr) {
  std::vector<tsl::LoadedList> lists;
  for (std::size_t i = 0; i < xmls.size(); ++i) {
    auto l = tsl::load_list("list" + std::to_string(i) + ".xml", xmls[i]);
    EXPECT_TRUE(l.has_value());
    if (l) lists.push_back(std::move(*l));
  }
  tsl::lint::LintListsOptions options;
  options.rules.trust_time = default_trust_time();
  options.signers = signers;
  return tsl::lint::lint_lists(lists, options);
}

TEST(LintPointers, PointedListSignedByAnAnnouncedCertificate) {
  const auto xa = make_signer("XA signer");
  const auto results = lint_all({lotl_xml(xa.certificate), sign(xml_of(clean_fixture()), xa)});
  EXPECT_THAT(ids(results[0]), Not(Contains(id::kPointedListNotSignedByPointer)));
  EXPECT_THAT(ids(results[0]), Not(Contains(id::kPointedListSignatureInvalid)));
  EXPECT_THAT(error_ids(results[1]), ::testing::IsEmpty());
}

TEST(LintPointers, PointedListSignedBySomeoneElse) {
  const auto announced = make_signer("XA signer");
  const auto actual = make_signer("XA intruder");
  const auto results = lint_all({lotl_xml(announced.certificate), sign(xml_of(clean_fixture()), actual)});
  const auto* f = find(results[0], id::kPointedListNotSignedByPointer);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->value, actual.certificate->fingerprint_hex());
  EXPECT_EQ(f->path, "/TrustServiceStatusList/SchemeInformation/PointersToOtherTSL/OtherTSLPointer");
}

TEST(LintPointers, UnsignedPointedList) {
  const auto announced = make_signer("XA signer");
  const auto results = lint_all({lotl_xml(announced.certificate), xml_of(clean_fixture())});
  EXPECT_THAT(ids(results[0]), Contains(id::kPointedListSignatureInvalid));
}

TEST(LintPointers, ExpiredPointerCertificateIsAWarning) {
  const auto old = make_signer("XA old signer", "2025-01-01T00:00:00Z");
  const auto results = lint_all({lotl_xml(old.certificate)});
  const auto* f = find(results[0], id::kPointerCertExpired);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, engine::Severity::kWarning);
  EXPECT_EQ(f->value, "2025-01-01T00:00:00Z");
}

TEST(LintAuthentication, ReportsTheResultAgainstGivenSigners) {
  const auto xa = make_signer("XA signer");
  const auto other = make_signer("Other signer");
  const std::string signed_xml = sign(xml_of(clean_fixture()), xa);

  const auto good = tsl::SignerSet::from_der({xa.certificate->der()});
  auto results = lint_all({signed_xml}, &good);
  ASSERT_TRUE(results[0].authentication.has_value());
  EXPECT_TRUE(results[0].authentication->authenticated());
  EXPECT_THAT(error_ids(results[0]), ::testing::IsEmpty());

  const auto wrong = tsl::SignerSet::from_der({other.certificate->der()});
  results = lint_all({signed_xml}, &wrong);
  EXPECT_FALSE(results[0].authentication->authenticated());
  EXPECT_THAT(error_ids(results[0]), Contains(id::kNotAuthenticated));
}

}  // namespace
}  // namespace assay::testing
