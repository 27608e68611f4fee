// Certificate rules: certificates built in the test, placed in the digital identity of a
// service of a conformant fixture list.
#include "engine/x509/certificate_builder.h"
#include "tests/tsl/lint/lint_test_support.h"

namespace assay::testing {
namespace {

namespace id = tsl::lint::id;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A 1024-bit RSA key (generated once with `openssl genpkey -algorithm RSA -pkeyopt
// rsa_keygen_bits:1024`; the engine refuses to generate such keys).
constexpr char kRsa1024Pem[] = R"(
-----BEGIN PRIVATE KEY-----
MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAK1sxjXXX/+thM/U
jqlO4dSQSN+JpCUgWeZGI7Vr/UoSISNvCkNDgZCw/8oBrTq73XWV9Fv8/d1GP2/t
f50r4fvr0JyqbLIX0Jilv56aW82aMZHNyI37/0YoR9Duy2nXGQktAaVWMcXe7t7d
aEdg31c3GQzkwB4Ev/VkBxNhhuMTAgMBAAECgYEAlREGXok+DvsLSckexxDytE9B
FEOvP+pK29A2KV8lXGGw8lAjtiV0XPaHJw/B4tZQSR4X6GnRnD0hkgfGxUZO+10J
I18Qfx+xZloiHA07ONcRTFEM0oxl0/UYaaiPSEnqsXfOsBi3qSBRLScBOiTemmGw
z5KoSKp2phhZze4rr0ECQQDaIq6SAVDPX64KeKHCDRdiiqygfE40MSKU8WM86Nrw
uhkEzDMF/8GB8rXRFAztYPYF7RkhOC+1aGQbmCRuY1GZAkEAy4dIKosgfvRQxMsq
8nyspTgH3jNPklLyBwCPwYOFIgRu0+q8UYFa+zID0aPJuF3TjFZ29Nkwe7xX76Jw
d71diwJBAJCTvhqdbp8TrnnYPHYuURqKCSKRYQ/spRwM5ZZgS4SUA7MPWJ4YRnxH
jsRVwr+urUF+RVKkN9LHrtovO65Ce7kCQDQrji0RkpfYSmfXaD/WA28qaKHlZy0r
w8xVsYO6EcNBfaMmlXUTAl5HWMFBCbEPo+1iMIXcslfVVHkhm1CmIrcCQQCepvB8
sXLEzDmwyYjnsWv74IhEVUmU6J2Gm8UIk4e5Oe45vUIBMDIRjWPGEanrrHYVdTZt
02w2MfCagTtsczZs
-----END PRIVATE KEY-----)";

engine::CertificateSpec ca_spec() {
  engine::CertificateSpec spec;
  spec.ca = true;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kKeyCertSign, engine::KeyUsageBit::kCrlSign});
  return spec;
}

engine::CertificateSpec end_entity_spec(std::vector<std::string> ekus = {}) {
  engine::CertificateSpec spec;
  spec.ca = false;
  spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature});
  spec.extended_key_usages = std::move(ekus);
  return spec;
}

ListFixture with_service(const std::string& type, const std::string& identity,
                         const std::string& extensions = asi_xml("ForeSignatures"), const std::string& start = "2020-01-01T00:00:00Z") {
  auto f = clean_fixture();
  f.providers = provider_xml("Sample TSP", service_xml(type, "granted", start, type == "CA/QC" ? extensions : "", "", identity));
  return f;
}

TEST(LintCertificates, ProperCertificatesHaveNoFinding) {
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(ca_spec())))))), IsEmpty());
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("TSA/QTST", certificate_id(make_certificate(end_entity_spec({"1.3.6.1.5.5.7.3.8"}))))))),
              IsEmpty());
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("Certstatus/OCSP/QC", certificate_id(make_certificate(end_entity_spec({"1.3.6.1.5.5.7.3.9"}))))))),
              IsEmpty());
}

TEST(LintCertificates, Unparsable) {
  const std::string garbage = "<DigitalId><X509Certificate>" + engine::base64_encode("not a certificate") + "</X509Certificate></DigitalId>";
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_service("CA/QC", garbage)))), ElementsAre(id::kCertUnparsable));
}

TEST(LintCertificates, SkiBesideTheCertificateDiffers) {
  const auto identity = certificate_id(make_certificate(ca_spec())) + "<DigitalId><X509SKI>AQIDBA==</X509SKI></DigitalId>";
  const auto l = lint_xml(xml_of(with_service("CA/QC", identity)));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kCertSkiMismatch));
  EXPECT_EQ(find(l, id::kCertSkiMismatch)->value, "01020304");
}

TEST(LintCertificates, SubjectNameBesideTheCertificate) {
  const auto cert = certificate_id(make_certificate(ca_spec()));
  auto subject = [](const char* name) { return std::string("<DigitalId><X509SubjectName>") + name + "</X509SubjectName></DigitalId>"; };
  // Order, spacing, case and hex-encoded values do not matter.
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("CA/QC", cert + subject("CN=Sample CA, O=Sample TSP, C=XA"))))), IsEmpty());
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("CA/QC", cert + subject("c=xa,o=sample  tsp,CN=#0c0953616d706c65204341"))))), IsEmpty());
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_service("CA/QC", cert + subject("C=XA,O=Sample TSP,CN=Other CA"))))),
              ElementsAre(id::kCertSubjectMismatch));
}

TEST(LintCertificates, CaQcIdentifiedByAnEndEntityCertificate) {
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(end_entity_spec())))))),
              ElementsAre(id::kCertNotCa));
}

TEST(LintCertificates, TsaWithoutTimeStampingEku) {
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_service("TSA/QTST", certificate_id(make_certificate(end_entity_spec())))))),
              ElementsAre(id::kCertNoTimeStampingEku));
}

TEST(LintCertificates, OcspWithoutOcspSigningEku) {
  EXPECT_THAT(error_ids(lint_xml(xml_of(with_service("Certstatus/OCSP/QC", certificate_id(make_certificate(end_entity_spec({"1.3.6.1.5.5.7.3.8"}))))))),
              ElementsAre(id::kCertNoOcspSigningEku));
}

TEST(LintCertificates, Rsa1024KeyInAGrantedServiceIsAnError) {
  auto key = engine::PrivateKey::from_pem(kRsa1024Pem);
  ASSERT_TRUE(key.has_value()) << key.error().message();
  const auto l = lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(ca_spec(), &*key)))));
  EXPECT_THAT(error_ids(l), ElementsAre(id::kCertWeakRsaKey));
  EXPECT_EQ(find(l, id::kCertWeakRsaKey)->value, "RSA-1024");
  EXPECT_THAT(find(l, id::kCertWeakRsaKey)->message, ::testing::HasSubstr("2011-01-01"));
}

TEST(LintCertificates, Sha1SignedCertificateIsAWarningWithItsDate) {
  auto root_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kRsa2048).value();
  auto root_spec = ca_spec();
  root_spec.subject = {{"C", "XA"}, {"O", "Sample TSP"}, {"CN", "Sample Root"}};
  const auto root = make_certificate(root_spec, &root_key);
  auto sub_key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256).value();
  auto sub_spec = ca_spec();
  sub_spec.subject = {{"C", "XA"}, {"O", "Sample TSP"}, {"CN", "Sample CA"}};
  sub_spec.not_before = at("2019-01-01T00:00:00Z");
  sub_spec.not_after = at("2030-01-01T00:00:00Z");
  sub_spec.digest = engine::DigestAlgorithm::kSha1;
  auto sub = engine::build_certificate(sub_spec, sub_key.public_key_der(), *root, root_key);
  ASSERT_TRUE(sub.has_value()) << sub.error().message();
  const auto l = lint_xml(xml_of(with_service("CA/QC", certificate_id(*sub))));
  EXPECT_THAT(ids(l), ElementsAre(id::kCertSha1Signature));
  EXPECT_EQ(find(l, id::kCertSha1Signature)->severity, engine::Severity::kError);  // granted and valid now
  EXPECT_THAT(find(l, id::kCertSha1Signature)->message, ::testing::HasSubstr("2016-01-01"));
}

TEST(LintCertificates, NotValidAtTheGrantedStatusStart) {
  auto spec = ca_spec();
  spec.not_before = at("2021-01-01T00:00:00Z");
  const auto l = lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(spec)))));
  EXPECT_THAT(ids(l), ElementsAre(id::kCertNotValidAtStatusStart));
  EXPECT_EQ(find(l, id::kCertNotValidAtStatusStart)->severity, engine::Severity::kWarning);
}

TEST(LintCertificates, ExpiredWhileTheServiceIsStillGranted) {
  auto spec = ca_spec();
  spec.not_after = at("2025-12-31T00:00:00Z");
  const auto l = lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(spec)))));
  EXPECT_THAT(ids(l), ElementsAre(id::kCertExpiredWhileGranted));
  EXPECT_EQ(find(l, id::kCertExpiredWhileGranted)->value, "2025-12-31T00:00:00Z");
}

TEST(LintCertificates, OrganisationUnrelatedToTheProvider) {
  auto spec = ca_spec();
  spec.subject = {{"C", "XA"}, {"O", "Unrelated Holdings"}, {"CN", "Sample CA"}};
  const auto l = lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(spec)))));
  EXPECT_THAT(ids(l), ElementsAre(id::kCertOrganisationMismatch));
  // Legal forms and case do not matter: "SAMPLE GmbH" shares "sample" with "Sample TSP".
  spec.subject = {{"C", "XA"}, {"O", "SAMPLE GmbH"}, {"CN", "Sample CA"}};
  EXPECT_THAT(ids(lint_xml(xml_of(with_service("CA/QC", certificate_id(make_certificate(spec)))))), IsEmpty());
}

TEST(LintCertificates, SameCertificateForTwoProviders) {
  const auto cert = certificate_id(make_certificate(ca_spec()));
  auto f = clean_fixture();
  const auto service = service_xml("CA/QC", "granted", "2020-01-01T00:00:00Z", asi_xml("ForeSignatures"), "", cert);
  f.providers = provider_xml("Sample TSP", service) + provider_xml("Sample TSP Two", service);
  const auto l = lint_xml(xml_of(f));
  EXPECT_THAT(ids(l), ElementsAre(id::kCertSharedBetweenServices));
  EXPECT_EQ(find(l, id::kCertSharedBetweenServices)->tsp, 2);
}

}  // namespace
}  // namespace assay::testing
