// Authentication rules on hand-written, freshly signed lists: signer trust, expectations from
// the pointer, freshness, and the pivot walk.
#include "tsl/authentication.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "engine/base64.h"
#include "tests/tsl/support/finding_matchers.h"
#include "tests/tsl/support/list_fixture.h"
#include "tests/tsl/support/signed_fixture.h"
#include "tsl/finding_ids.h"
#include "tsl/lotl_authentication.h"

namespace assay::tsl {
namespace {

using testing::HasFinding;
using testing::ListFixture;
using testing::sign_xml;
using testing::test_signer;
using ::testing::Not;

const engine::UtcTime kTrustTime = *engine::parse_utc_time("2026-02-01T00:00:00Z");

LoadedList load(const std::string& xml, const std::string& url = "https://x.invalid/XA.xml") {
  auto loaded = load_list(url, xml);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message());
  return *loaded;
}

SignerSet only(const testing::TestSigner& s) {
  SignerSet set;
  set.add_certificate(s.certificate);
  return set;
}

TEST(Authentication, SignedByTheTrustedSignerIsAuthenticated) {
  const auto& signer = test_signer("XA signer");
  const auto a = authenticate_list(load(sign_xml(ListFixture{}.xml(), signer)), only(signer), kTrustTime);
  EXPECT_EQ(a.status, AuthStatus::kAuthenticated) << a.detail;
  EXPECT_EQ(a.signer_sha256, signer.certificate->fingerprint_hex());
  EXPECT_THAT(a.findings, Not(HasFinding(finding::kExpired)));
}

TEST(Authentication, ReSignedByAnotherKeyIsNotTrusted) {
  const auto& good = test_signer("XA signer");
  const auto& attacker = test_signer("XA signer (attacker)");
  const auto a = authenticate_list(load(sign_xml(ListFixture{}.xml(), attacker)), only(good), kTrustTime);
  EXPECT_EQ(a.status, AuthStatus::kSignerNotTrusted);
  EXPECT_EQ(a.signer_sha256, attacker.certificate->fingerprint_hex());
  EXPECT_THAT(a.findings, HasFinding(finding::kSignerNotTrusted));
}

TEST(Authentication, ReissuedCertificateMatchesBySubjectAndKey) {
  const auto& signer = test_signer("XA signer");
  SignerSet set;
  set.add_certificate(testing::reissued_certificate(signer));
  const auto a = authenticate_list(load(sign_xml(ListFixture{}.xml(), signer)), set, kTrustTime);
  EXPECT_EQ(a.status, AuthStatus::kAuthenticated) << a.detail;
  EXPECT_THAT(a.detail, ::testing::HasSubstr("subject and public key"));
}

TEST(Authentication, FingerprintAnchorsMatchTheExactCertificate) {
  const auto& signer = test_signer("XA signer");
  SignerSet set;
  ASSERT_TRUE(set.add_fingerprint(signer.certificate->fingerprint_hex()).has_value());
  EXPECT_TRUE(authenticate_list(load(sign_xml(ListFixture{}.xml(), signer)), set, kTrustTime).authenticated());
  EXPECT_FALSE(set.add_fingerprint("abc").has_value());
  EXPECT_FALSE(set.add_fingerprint(std::string(64, 'z')).has_value());
}

TEST(Authentication, UnsignedAndTamperedListsAreRejected) {
  const auto& signer = test_signer("XA signer");
  EXPECT_EQ(authenticate_list(load(ListFixture{}.xml()), only(signer), kTrustTime).status, AuthStatus::kUnsigned);
  std::string tampered = sign_xml(ListFixture{}.xml(), signer);
  tampered.replace(tampered.find("Sample TSP"), 10, "Sample TSQ");
  const auto a = authenticate_list(load(tampered), only(signer), kTrustTime);
  EXPECT_EQ(a.status, AuthStatus::kSignatureInvalid);
  EXPECT_THAT(a.detail, ::testing::HasSubstr("URI=\"\""));
}

TEST(Authentication, CommentInsideSignedTextStaysValidAndReadsCanonically) {
  const auto& signer = test_signer("XA signer");
  std::string xml = sign_xml(ListFixture{}.xml(), signer);
  xml.replace(xml.find("Sample TSP"), 10, "Sample<!-- inserted --> TSP");
  const LoadedList loaded = load(xml);
  EXPECT_TRUE(authenticate_list(loaded, only(signer), kTrustTime).authenticated());
  EXPECT_EQ(loaded.list->tsps.at(0).names.at(0).value, "Sample TSP");
}

TEST(Authentication, PointerExpectationsAreChecked) {
  const auto& signer = test_signer("XA signer");
  const LoadedList loaded = load(sign_xml(ListFixture{}.xml(), signer));
  const auto wrong_territory = authenticate_list(loaded, only(signer), kTrustTime, Expectations{"XB", ""});
  EXPECT_EQ(wrong_territory.status, AuthStatus::kTerritoryMismatch);
  EXPECT_THAT(wrong_territory.findings, HasFinding(finding::kTerritoryMismatch));
  const auto wrong_type = authenticate_list(
      loaded, only(signer), kTrustTime, Expectations{"XA", "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists"});
  EXPECT_EQ(wrong_type.status, AuthStatus::kTypeMismatch);

  OtherTslPointer pointer;
  pointer.location = "https://x.invalid/XA.xml";
  pointer.territory = "XA";
  pointer.tsl_type = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric";
  pointer.signer_certificates_der = {signer.certificate->der()};
  EXPECT_TRUE(authenticate_pointed_list(loaded, pointer, kTrustTime).authenticated());
  pointer.signer_certificates_der = {test_signer("someone else").certificate->der()};
  EXPECT_EQ(authenticate_pointed_list(loaded, pointer, kTrustTime).status, AuthStatus::kSignerNotTrusted);
}

TEST(Authentication, FreshnessIsReportedButNeverRejects) {
  const auto& signer = test_signer("XA signer");
  ListFixture f;
  f.next_update = "<dateTime>2026-01-15T00:00:00Z</dateTime>";
  auto a = authenticate_list(load(sign_xml(f.xml(), signer)), only(signer), kTrustTime);
  EXPECT_TRUE(a.authenticated());
  EXPECT_THAT(a.findings, HasFinding(finding::kExpired));

  f = ListFixture{};
  f.issued = "2026-03-01T00:00:00Z";
  a = authenticate_list(load(sign_xml(f.xml(), signer)), only(signer), kTrustTime);
  EXPECT_TRUE(a.authenticated());
  EXPECT_THAT(a.findings, HasFinding(finding::kIssuedAfterTrustTime));
}

TEST(Authentication, VersionRules) {
  const auto& signer = test_signer("XA signer");
  ListFixture f;
  f.version = "4";
  EXPECT_EQ(authenticate_list(load(sign_xml(f.xml(), signer)), only(signer), kTrustTime).status,
            AuthStatus::kUnsupportedVersion);
  engine::xmldsig::SignOptions v1;
  v1.signing_certificate = engine::xmldsig::SigningCertificateForm::kV1;
  const auto a = authenticate_list(load(sign_xml(ListFixture{}.xml(), signer, v1)), only(signer), kTrustTime);
  EXPECT_TRUE(a.authenticated());
  EXPECT_THAT(a.findings, HasFinding(finding::kV6WithoutSigningCertificateV2));
}

// --- the pivot walk, on generated LOTLs ---

constexpr char kLotlType[] = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";

// A LOTL whose own pointer announces `next_signer` and whose SchemeInformationURI lists `pivots`.
std::string lotl_xml(const std::string& sequence, const testing::TestSigner& next_signer,
                     const std::vector<std::string>& pivots) {
  ListFixture f;
  f.type = kLotlType;
  f.territory = "EU";
  f.sequence = sequence;
  f.pointers = "<OtherTSLPointer><ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId><X509Certificate>" +
               engine::base64_encode(next_signer.certificate->der()) +
               "</X509Certificate></DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>"
               "<TSLLocation>https://lotl.invalid/lotl.xml</TSLLocation><AdditionalInformation><OtherInformation><TSLType>" +
               std::string(kLotlType) + "</TSLType></OtherInformation></AdditionalInformation></OtherTSLPointer>";
  std::string xml = f.xml();
  std::string uris;
  for (const auto& p : pivots) uris += "<URI xml:lang=\"en\">" + p + "</URI>";
  uris += "<URI xml:lang=\"en\">https://oj.invalid/notice</URI>";
  const std::string old_uri = "<URI xml:lang=\"en\">https://example.invalid/tl</URI>";
  xml.replace(xml.find(old_uri), old_uri.size(), uris);
  return xml;
}

struct Federation {
  std::map<std::string, std::string> documents;
  DocumentSource source() {
    return [this](const std::string& url) -> engine::Result<std::string> {
      auto it = documents.find(url);
      if (it == documents.end()) return engine::fail(engine::Code::kNotFound, "not here: " + url);
      return it->second;
    };
  }
};

LotlAuthentication walk(Federation& fed, const std::string& lotl, const testing::TestSigner& anchor,
                        std::size_t max_pivots = 10) {
  LotlOptions options;
  options.trust_time = kTrustTime;
  options.max_pivots = max_pivots;
  return authenticate_lotl(load(lotl, "https://lotl.invalid/lotl.xml"), only(anchor), fed.source(), options);
}

TEST(PivotWalk, NewKeyAnnouncedByAPivotSignedWithTheOldKey) {
  const auto& old_key = test_signer("LOTL old");
  const auto& new_key = test_signer("LOTL new");
  Federation fed;
  fed.documents["https://lotl.invalid/pivot-1.xml"] = sign_xml(lotl_xml("10", new_key, {}), old_key);
  const std::string current = sign_xml(lotl_xml("11", new_key, {"https://lotl.invalid/pivot-1.xml"}), new_key);
  const auto r = walk(fed, current, old_key);
  ASSERT_TRUE(r.lotl.authenticated()) << r.lotl.detail;
  ASSERT_EQ(r.pivots.size(), 1u);
  EXPECT_EQ(r.pivots[0].signer_sha256, old_key.certificate->fingerprint_hex());
  EXPECT_EQ(r.pivots[0].next_signers, std::vector<std::string>{new_key.certificate->fingerprint_hex()});
  // Without the pivot the new key is not trusted: the chain is what authenticates it.
  fed.documents.clear();
  EXPECT_EQ(walk(fed, current, old_key).lotl.status, AuthStatus::kPivotChainBroken);
}

TEST(PivotWalk, ALotlNeverAuthenticatesItselfWithItsOwnPointer) {
  const auto& anchor = test_signer("LOTL old");
  const auto& attacker = test_signer("LOTL attacker");
  Federation fed;
  // Signed by the attacker and announcing the attacker in its own pointer; lists itself as a pivot.
  const std::string forged = sign_xml(lotl_xml("12", attacker, {"https://lotl.invalid/lotl.xml"}), attacker);
  fed.documents["https://lotl.invalid/lotl.xml"] = forged;
  const auto r = walk(fed, forged, anchor);
  EXPECT_EQ(r.lotl.status, AuthStatus::kSignerNotTrusted);
  EXPECT_TRUE(r.pivots.empty());
}

TEST(PivotWalk, AForgedPivotNeverExtendsTrust) {
  const auto& anchor = test_signer("LOTL old");
  const auto& attacker = test_signer("LOTL attacker");
  Federation fed;
  fed.documents["https://lotl.invalid/pivot-evil.xml"] = sign_xml(lotl_xml("10", attacker, {}), attacker);
  const std::string current = sign_xml(lotl_xml("11", attacker, {"https://lotl.invalid/pivot-evil.xml"}), attacker);
  const auto r = walk(fed, current, anchor);
  EXPECT_EQ(r.lotl.status, AuthStatus::kPivotChainBroken);
  ASSERT_EQ(r.pivots.size(), 1u);
  EXPECT_EQ(r.pivots[0].verdict, AuthStatus::kSignerNotTrusted);
  EXPECT_THAT(r.lotl.findings, HasFinding(finding::kPivotSkipped));
}

TEST(PivotWalk, TamperedPivotIsSkippedAndRecorded) {
  const auto& old_key = test_signer("LOTL old");
  const auto& new_key = test_signer("LOTL new");
  Federation fed;
  std::string pivot = sign_xml(lotl_xml("10", new_key, {}), old_key);
  pivot.replace(pivot.find("<TSLSequenceNumber>10"), 21, "<TSLSequenceNumber>19");
  fed.documents["https://lotl.invalid/pivot-1.xml"] = pivot;
  const auto r = walk(fed, sign_xml(lotl_xml("11", new_key, {"https://lotl.invalid/pivot-1.xml"}), new_key), old_key);
  EXPECT_EQ(r.lotl.status, AuthStatus::kPivotChainBroken);
  EXPECT_EQ(r.pivots.at(0).verdict, AuthStatus::kSignatureInvalid);
}

TEST(PivotWalk, TooManyPivotsIsABrokenChain) {
  const auto& key = test_signer("LOTL old");
  Federation fed;
  std::vector<std::string> many;
  for (int i = 0; i < 4; ++i) many.push_back("https://lotl.invalid/p" + std::to_string(i) + ".xml");
  const auto r = walk(fed, sign_xml(lotl_xml("11", key, many), key), key, 3);
  EXPECT_EQ(r.lotl.status, AuthStatus::kPivotChainBroken);
  EXPECT_THAT(r.lotl.findings, HasFinding(finding::kTooManyPivots));
}

}  // namespace
}  // namespace assay::tsl
