// Hostile and damaged signed documents. Each case names the exact reason it must produce; these
// stay in the suite forever (signature wrapping, duplicate ids, transforms, key substitution...).
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/digest.h"
#include "engine/xmldsig/findings.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"

namespace assay::engine::xmldsig::testing {
namespace {

// One signed document per test, signed by the RSA test signer with default options.
class XmldsigAttack : public ::testing::Test {
 protected:
  void SetUp() override { signed_ = sign(kList, rsa_signer()); }

  // Asserts the primary reason and that the message mentions `detail` (when given).
  static void expect_reason(const SignatureReport& r, std::string_view id, std::string_view detail = {}) {
    EXPECT_FALSE(r.valid());
    EXPECT_EQ(r.reason, id) << r.message;
    if (!detail.empty()) {
      EXPECT_NE(r.message.find(detail), std::string::npos) << r.message;
    }
  }

  std::string signature_element() const {
    const auto b = signed_.find("<ds:Signature");
    const auto e = signed_.find("</ds:Signature>") + std::string_view("</ds:Signature>").size();
    return signed_.substr(b, e - b);
  }

  std::string signed_;
};

TEST_F(XmldsigAttack, BaselineIsValid) {
  const SignatureReport r = verify(signed_);
  EXPECT_TRUE(r.valid()) << r.reason << ": " << r.message;
}

TEST_F(XmldsigAttack, NoSignature) { expect_reason(verify(kList), reason::kUnsigned); }

TEST_F(XmldsigAttack, TwoSignatures) {
  SignOptions o = default_options();
  o.signature_id = "second";
  expect_reason(verify(sign(signed_, signer_for(KeyAlgorithm::kEcP256), o)), reason::kMultipleSignatures);
}

TEST_F(XmldsigAttack, SignedRootWrappedUnderANewRoot) {
  const auto body = signed_.substr(signed_.find("<tsl:TrustServiceStatusList"));
  expect_reason(verify("<Evil>" + body + "</Evil>"), reason::kSignatureNotChildOfRoot);
}

TEST_F(XmldsigAttack, RootIdSignatureMovedBesideTheSignedElement) {
  // Classic wrapping: with URI="#TSL-1" the signed element still digests correctly when it is
  // moved under a new root next to its signature; the verifier must see it is not the root.
  SignOptions o = default_options();
  o.document_reference = DocumentReference::kRootId;
  std::string doc = sign(kList, rsa_signer(), o);
  const auto b = doc.find("<ds:Signature");
  const auto e = doc.find("</ds:Signature>") + std::string_view("</ds:Signature>").size();
  const std::string sig = doc.substr(b, e - b);
  doc.erase(b, e - b);
  const std::string original = doc.substr(doc.find("<tsl:TrustServiceStatusList"));
  const SignatureReport r = verify("<tsl:Wrapper xmlns:tsl=\"http://uri.etsi.org/02231/v2#\">" + original + sig +
                                   "</tsl:Wrapper>");
  expect_reason(r, reason::kWrapped, "#TSL-1");
}

TEST_F(XmldsigAttack, DuplicatedIds) {
  expect_reason(verify(replace_once(signed_, "<tsl:TSLVersionIdentifier>", "<tsl:X Id=\"TSL-1\"/><tsl:TSLVersionIdentifier>")),
                reason::kDuplicateId, "TSL-1");
  // A decoy SignedProperties with the same Id as the real one.
  expect_reason(verify(replace_once(signed_, "<tsl:TSLVersionIdentifier>",
                                    "<tsl:X Id=\"signature-signed-properties\"/><tsl:TSLVersionIdentifier>")),
                reason::kDuplicateId);
}

TEST_F(XmldsigAttack, SecondRootLikeElementInsideTheSignature) {
  // Unsigned content hidden in the signature (excluded by the enveloped transform) is refused.
  const SignatureReport r = verify(replace_once(
      signed_, "<ds:Object>",
      "<ds:Object><tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\">evil"
      "</tsl:TrustServiceStatusList></ds:Object><ds:Object>"));
  expect_reason(r, reason::kUnexpectedObject);
}

TEST_F(XmldsigAttack, SecondRootLikeElementInsideTheList) {
  const SignatureReport r = verify(replace_once(
      signed_, "</tsl:TrustServiceProviderList>",
      "</tsl:TrustServiceProviderList><tsl:TrustServiceStatusList>evil</tsl:TrustServiceStatusList>"));
  expect_reason(r, reason::kReferenceDigestMismatch, "whole-document");
  EXPECT_EQ(r.signed_element_path, "/TrustServiceStatusList");
}

TEST_F(XmldsigAttack, IdReferencePointingAtANonRootElement) {
  SignOptions o = default_options();
  o.document_reference = DocumentReference::kRootId;
  const std::string doc = sign(kList, rsa_signer(), o);
  expect_reason(verify(replace_once(doc, "URI=\"#TSL-1\"", "URI=\"#SI-1\"")), reason::kWrapped, "#SI-1");
}

TEST_F(XmldsigAttack, ExtraReferenceToAnExternalUrl) {
  const std::string extra =
      "<ds:Reference URI=\"http://evil.example/list.xml\"><ds:DigestMethod "
      "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>";
  const SignatureReport r = verify(replace_once(signed_, "</ds:SignedInfo>", extra + "</ds:SignedInfo>"));
  expect_reason(r, reason::kReferenceNotAllowed, "http://evil.example/list.xml");
  ASSERT_EQ(r.references.size(), 3u);
  EXPECT_EQ(r.references[2].kind, ReferenceKind::kOther);
  EXPECT_EQ(r.references[0].result, ReferenceResult::kNotChecked);  // nothing was dereferenced
}

TEST_F(XmldsigAttack, ExtraReferenceToAnotherDocument) {
  const std::string extra =
      "<ds:Reference URI=\"other.xml#TSL-1\"><ds:DigestMethod "
      "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>";
  expect_reason(verify(replace_once(signed_, "</ds:SignedInfo>", extra + "</ds:SignedInfo>")),
                reason::kReferenceNotAllowed, "other.xml#TSL-1");
}

TEST_F(XmldsigAttack, XPointerReference) {
  expect_reason(verify(replace_once(signed_, "URI=\"\"", "URI=\"#xpointer(/)\"")), reason::kReferenceNotAllowed,
                "#xpointer(/)");
}

TEST_F(XmldsigAttack, XPathTransform) {
  const SignatureReport r = verify(replace_once(
      signed_, "<ds:Transforms>",
      "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
      "<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>"));
  expect_reason(r, reason::kTransformNotAllowed, "XPath");
}

TEST_F(XmldsigAttack, XsltTransform) {
  const SignatureReport r = verify(replace_once(
      signed_, "<ds:Transforms>",
      "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>"));
  expect_reason(r, reason::kTransformNotAllowed, "XSLT");
}

TEST_F(XmldsigAttack, MissingEnvelopedTransform) {
  const SignatureReport r = verify(replace_once(
      signed_, "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>", ""));
  expect_reason(r, reason::kTransformNotAllowed, "enveloped-signature");
}

TEST_F(XmldsigAttack, RetrievalMethodInKeyInfo) {
  const SignatureReport r = verify(replace_once(
      signed_, "<ds:KeyInfo>",
      "<ds:KeyInfo><ds:RetrievalMethod URI=\"http://evil.example/cert\" "
      "Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/>"));
  expect_reason(r, reason::kRetrievalMethod);
}

TEST_F(XmldsigAttack, HmacSignatureMethod) {
  const SignatureReport r = verify(replace_once(signed_, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                                "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"));
  expect_reason(r, reason::kHmacNotAllowed);
}

TEST_F(XmldsigAttack, UnsupportedSignatureMethod) {
  const SignatureReport r = verify(replace_once(signed_, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                                "http://www.w3.org/2009/xmldsig11#dsa-sha256"));
  expect_reason(r, reason::kUnsupportedAlgorithm, "dsa-sha256");
}

TEST_F(XmldsigAttack, KeyInfoCertificateSwapped) {
  const Signer& other = signer_for(KeyAlgorithm::kRsa2048, "Other Signer");
  const std::string cert = between(signed_, "<ds:X509Certificate>", "</ds:X509Certificate>");
  const SignatureReport r = verify(replace_once(signed_, cert, base64_encode(other.cert)));
  expect_reason(r, reason::kSigningCertificateMismatch);
  EXPECT_TRUE(r.has_finding(reason::kSignatureValueInvalid));
  EXPECT_EQ(r.signer_sha256, sha256_hex(other.cert));
}

TEST_F(XmldsigAttack, ResignedWithAnUntrustedKey) {
  // Core-valid, but the reported signer is the attacker's: the caller's trust check must catch it.
  const Signer& attacker = signer_for(KeyAlgorithm::kEcP256, "Attacker");
  std::string stripped = signed_;
  const auto b = stripped.find("<ds:Signature");
  stripped.erase(b, stripped.find("</ds:Signature>") + std::string_view("</ds:Signature>").size() - b);
  const SignatureReport r = verify(sign(stripped, attacker));
  EXPECT_TRUE(r.valid()) << r.reason;
  EXPECT_EQ(r.signer_sha256, sha256_hex(attacker.cert));
  EXPECT_NE(r.signer_sha256, sha256_hex(rsa_signer().cert));
}

TEST_F(XmldsigAttack, FlippedByteInSignedContent) {
  const SignatureReport r = verify(replace_once(signed_, "GoodCorp", "GoodCorq"));
  expect_reason(r, reason::kReferenceDigestMismatch, "whole-document reference (URI=\"\")");
  EXPECT_EQ(r.references[0].result, ReferenceResult::kDigestMismatch);
  EXPECT_EQ(r.references[1].result, ReferenceResult::kDigestMatches);
}

TEST_F(XmldsigAttack, FlippedByteInSignedInfo) {
  const SignatureReport r = verify(replace_once(signed_, "Type=\"http://uri.etsi.org/01903#SignedProperties\"",
                                                "Type=\"http://uri.etsi.org/01903#SignedPropertiez\""));
  expect_reason(r, reason::kSignatureValueInvalid);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST_F(XmldsigAttack, FlippedByteInSignatureValue) {
  const std::string value = between(signed_, "<ds:SignatureValue>", "</ds:SignatureValue>");
  std::string flipped = value;
  flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
  const SignatureReport r = verify(replace_once(signed_, value, flipped));
  expect_reason(r, reason::kSignatureValueInvalid);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST_F(XmldsigAttack, FlippedByteInSignedProperties) {
  const SignatureReport r = verify(replace_once(signed_, "2026-03-01T10:00:00Z", "2026-03-01T10:00:01Z"));
  expect_reason(r, reason::kReferenceDigestMismatch, "SignedProperties reference (URI=\"#signature-signed-properties\")");
  EXPECT_EQ(r.references[0].result, ReferenceResult::kDigestMatches);
  EXPECT_EQ(r.references[1].result, ReferenceResult::kDigestMismatch);
}

TEST_F(XmldsigAttack, WhitespaceInsertedInSignedContent) {
  expect_reason(verify(replace_once(signed_, "<tsl:TSPInformation>", "<tsl:TSPInformation> ")),
                reason::kReferenceDigestMismatch, "whole-document");
}

TEST_F(XmldsigAttack, CommentInsideSignedTextKeepsTheSignatureAndTheText) {
  // Comments are not signed content (XMLDSig 4.4.3.3), and Node::text() does not stop at them.
  const std::string doc = replace_once(signed_, "GoodCorp", "Good<!-- x -->Corp");
  const SignatureReport r = verify(doc);
  EXPECT_TRUE(r.valid()) << r.reason << ": " << r.message;
  auto parsed = xml::Document::parse(doc);
  ASSERT_TRUE(parsed.has_value());
  const xml::Node name = (*parsed)
                             ->root()
                             .child("http://uri.etsi.org/02231/v2#", "TrustServiceProviderList")
                             .child("http://uri.etsi.org/02231/v2#", "TrustServiceProvider")
                             .child("http://uri.etsi.org/02231/v2#", "TSPInformation")
                             .child("http://uri.etsi.org/02231/v2#", "TSPName")
                             .child("http://uri.etsi.org/02231/v2#", "Name");
  EXPECT_EQ(name.text(), "GoodCorp");
}

TEST_F(XmldsigAttack, SigningCertificateRemoved) {
  const std::string property = "<xades:SigningCertificateV2>" +
                               between(signed_, "<xades:SigningCertificateV2>", "</xades:SigningCertificateV2>") +
                               "</xades:SigningCertificateV2>";
  const SignatureReport r = verify(replace_once(signed_, property, ""));
  expect_reason(r, reason::kReferenceDigestMismatch, "SignedProperties");
  EXPECT_TRUE(r.has_finding(reason::kSigningCertificateMissing));
}

TEST_F(XmldsigAttack, SigningTimeRemoved) {
  const SignatureReport r = verify(replace_once(signed_, "<xades:SigningTime>2026-03-01T10:00:00Z</xades:SigningTime>", ""));
  expect_reason(r, reason::kReferenceDigestMismatch, "SignedProperties");
  EXPECT_TRUE(r.has_finding(reason::kSigningTimeMissing));
}

TEST_F(XmldsigAttack, SecondKeyInfoCertificate) {
  const Signer& other = signer_for(KeyAlgorithm::kEcP256);
  const SignatureReport r = verify(replace_once(
      signed_, "</ds:X509Data>", "<ds:X509Certificate>" + base64_encode(other.cert) + "</ds:X509Certificate></ds:X509Data>"));
  expect_reason(r, reason::kMultipleKeyInfoCertificates);
}

TEST_F(XmldsigAttack, NoKeyInfoCertificate) {
  const std::string data = "<ds:X509Data>" + between(signed_, "<ds:X509Data>", "</ds:X509Data>") + "</ds:X509Data>";
  expect_reason(verify(replace_once(signed_, data, "")), reason::kNoSignerCertificate);
}

TEST_F(XmldsigAttack, SignedPropertiesReferenceRemoved) {
  const auto b = signed_.find("<ds:Reference Type=");
  const auto e = signed_.find("</ds:Reference>", b) + std::string_view("</ds:Reference>").size();
  std::string doc = signed_;
  doc.erase(b, e - b);
  expect_reason(verify(doc), reason::kSignedPropertiesMissing);
}

TEST_F(XmldsigAttack, SignedPropertiesOutsideTheSignatureAreNotAccepted) {
  // The SignedProperties reference must resolve inside this signature, not to a planted copy.
  const std::string doc = replace_once(signed_, "URI=\"#signature-signed-properties\"", "URI=\"#SI-1\"");
  expect_reason(verify(doc), reason::kReferenceNotAllowed, "#SI-1");
}

TEST_F(XmldsigAttack, UnresolvableIdReference) {
  expect_reason(verify(replace_once(signed_, "URI=\"#signature-signed-properties\"", "URI=\"#nowhere\"")),
                reason::kReferenceUnresolved, "#nowhere");
}

TEST_F(XmldsigAttack, Sha1ReferenceDigestRejectedByDefault) {
  const SignatureReport r = verify(replace_once(signed_, "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>",
                                                "<ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>"));
  expect_reason(r, reason::kUnsupportedAlgorithm, "SHA-1");
}

}  // namespace
}  // namespace assay::engine::xmldsig::testing
