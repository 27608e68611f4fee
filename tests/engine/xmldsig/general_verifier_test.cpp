// The general XML-DSig verifier (engine/xmldsig/general_verifier.h) on enveloped, enveloping and
// detached signatures, Manifests and counter-signatures made by the enveloped signer and the
// template signer, and on hand-made attacks (wrapping, duplicate Ids, XSLT, RetrievalMethod,
// external URIs): every refusal names its finding, nothing is fetched.
#include "engine/xmldsig/general_verifier.h"

#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/template_signer.h"
#include "tests/engine/xmldsig/general_fixture.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"

namespace assay::engine::xmldsig::testing {
namespace {

// The facts only: the Nodes in the result point into a document freed on return.
DocumentSignatures verify(std::string_view xml, std::vector<DetachedContent> detached = {}) {
  auto doc = xml::Document::parse(xml);
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message());
  GeneralVerifyOptions options;
  options.detached = std::move(detached);
  auto result = verify_signatures(**doc, options);
  EXPECT_TRUE(result.has_value());
  return result ? std::move(*result) : DocumentSignatures{};
}

TEST(GeneralVerifier, EnvelopedSignatureFromTheStrictSignerVerifies) {
  const auto& s = rsa_signer();
  const auto result = verify(sign(kList, s));
  ASSERT_EQ(result.signatures.size(), 1u);
  const auto& sig = result.signatures[0];
  EXPECT_TRUE(sig.findings.empty());
  ASSERT_EQ(sig.references.size(), 2u);
  EXPECT_EQ(sig.references[0].target, ReferenceTarget::kWholeDocument);
  EXPECT_TRUE(sig.references[0].found && sig.references[0].intact);
  EXPECT_EQ(sig.references[1].target, ReferenceTarget::kElement);
  EXPECT_TRUE(sig.references[1].found && sig.references[1].intact);
  ASSERT_EQ(sig.key_info_certificates.size(), 1u);
  EXPECT_EQ(sig.verifying_certificate, 0u);
  EXPECT_FALSE(sig.parent.has_value());
}

TEST(GeneralVerifier, ChangedContentByteBreaksOnlyThatReference) {
  std::string doc = sign(kList, rsa_signer());
  doc.replace(doc.find("GoodCorp"), 8, "GoodCorq");
  const auto result = verify(doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  const auto& sig = result.signatures[0];
  EXPECT_TRUE(sig.references[0].found);
  EXPECT_FALSE(sig.references[0].intact);
  EXPECT_EQ(sig.references[0].reason, reason::kReferenceDigestMismatch);
  EXPECT_TRUE(sig.references[1].intact);
  EXPECT_EQ(sig.verifying_certificate, 0u);  // SignedInfo itself is untouched
}

TEST(GeneralVerifier, DocumentWithoutSignatureGivesAnEmptyList) {
  const auto result = verify(kList);
  EXPECT_TRUE(result.signatures.empty());
  EXPECT_TRUE(result.findings.empty());
}

TEST(GeneralVerifier, EnvelopingSignatureWithBase64Object) {
  const std::string data = base64_encode("plain bytes");
  const std::string tmpl = signature_template(
      "sig", {ref("#obj", {kExcC14n}), ref("#b64", {"http://www.w3.org/2000/09/xmldsig#base64"})},
      rsa_signer().cert, "<ds:Object Id=\"obj\"><doc>hello</doc></ds:Object><ds:Object Id=\"b64\">" + data + "</ds:Object>");
  const std::string signed_doc = sign_ok(tmpl, rsa_signer().key);
  const auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  const auto& sig = result.signatures[0];
  EXPECT_TRUE(sig.findings.empty()) << sig.findings.front().message;
  ASSERT_EQ(sig.references.size(), 2u);
  for (const auto& r : sig.references) {
    EXPECT_EQ(r.target, ReferenceTarget::kElement);
    EXPECT_TRUE(r.found && r.intact) << r.message;
  }
  EXPECT_EQ(sig.verifying_certificate, 0u);
}

TEST(GeneralVerifier, DetachedContentByNameNeverFetched) {
  const std::string tmpl = signature_template("sig", {ref("doc%20one.txt", {})}, rsa_signer().cert);
  const std::string signed_doc = sign_ok(tmpl, rsa_signer().key, {{"doc one.txt", "the content"}});

  auto good = verify(signed_doc, {{"doc one.txt", "the content"}});
  ASSERT_EQ(good.signatures.size(), 1u);
  EXPECT_EQ(good.signatures[0].references[0].target, ReferenceTarget::kDetached);
  EXPECT_TRUE(good.signatures[0].references[0].intact);
  EXPECT_EQ(good.signatures[0].verifying_certificate, 0u);

  auto missing = verify(signed_doc);
  EXPECT_FALSE(missing.signatures[0].references[0].found);
  EXPECT_EQ(missing.signatures[0].references[0].reason, reason::kDetachedContentMissing);
  EXPECT_EQ(missing.signatures[0].verifying_certificate, 0u);  // SignedInfo still verifies

  auto changed = verify(signed_doc, {{"/some/dir/doc one.txt", "the contenT"}});
  EXPECT_TRUE(changed.signatures[0].references[0].found);
  EXPECT_FALSE(changed.signatures[0].references[0].intact);
}

TEST(GeneralVerifier, ExternalUriIsNotFetched) {
  const std::string tmpl = signature_template("sig", {ref("http://127.0.0.1:9/x.xml", {})}, rsa_signer().cert);
  const auto signed_doc = sign_template(tmpl, rsa_signer().key);
  EXPECT_FALSE(signed_doc.has_value());  // the signer cannot resolve it either
  // A hand-filled template: the verifier reports the reference unresolved.
  std::string doc = tmpl;
  const auto result = verify(doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  EXPECT_FALSE(result.signatures[0].references[0].found);
  EXPECT_EQ(result.signatures[0].references[0].reason, reason::kDetachedContentMissing);
}

TEST(GeneralVerifier, ManifestReferencesAreCheckedSeparately) {
  const std::string manifest =
      "<ds:Object><ds:Manifest Id=\"man\">" + reference_xml(ref("#a", {kExcC14n})) + reference_xml(ref("#b", {kExcC14n})) +
      "</ds:Manifest></ds:Object><ds:Object><x Id=\"a\">A</x><x Id=\"b\">B</x></ds:Object>";
  Ref to_manifest = ref("#man", {});
  to_manifest.type = "http://www.w3.org/2000/09/xmldsig#Manifest";
  std::string signed_doc = sign_ok(signature_template("sig", {to_manifest}, rsa_signer().cert, manifest), rsa_signer().key);
  auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  const auto& outer = result.signatures[0].references.at(0);
  EXPECT_TRUE(outer.intact);
  ASSERT_EQ(outer.manifest.size(), 2u);
  EXPECT_TRUE(outer.manifest[0].intact && outer.manifest[1].intact);

  signed_doc.replace(signed_doc.find(">B<"), 3, ">C<");
  result = verify(signed_doc);
  const auto& changed = result.signatures[0].references.at(0);
  EXPECT_TRUE(changed.intact);  // the Manifest element itself is unchanged
  EXPECT_TRUE(changed.manifest[0].intact);
  EXPECT_FALSE(changed.manifest[1].intact);
  EXPECT_EQ(result.signatures[0].verifying_certificate, 0u);
}

TEST(GeneralVerifier, CounterSignatureSignsTheParentSignatureValue) {
  const std::string counter = signature_template(
      "counter", {[] { Ref r = ref("#sig-value", {kExcC14n}); r.type = "http://uri.etsi.org/01903#CountersignedSignature"; return r; }()},
      rsa_signer().cert);
  const std::string object =
      "<ds:Object><xades:QualifyingProperties xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" Target=\"#sig\">"
      "<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:CounterSignature>" +
      counter + "</xades:CounterSignature></xades:UnsignedSignatureProperties></xades:UnsignedProperties>"
      "</xades:QualifyingProperties></ds:Object><ds:Object Id=\"obj\">data</ds:Object>";
  const std::string signed_doc =
      sign_ok(signature_template("sig", {ref("#obj", {})}, rsa_signer().cert, object, "sig-value"), rsa_signer().key);
  const auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 2u);
  EXPECT_EQ(result.signatures[0].verifying_certificate, 0u);
  EXPECT_EQ(result.signatures[1].id, "counter");
  EXPECT_EQ(result.signatures[1].parent, 0u);
  EXPECT_TRUE(result.signatures[1].references[0].intact);
  EXPECT_EQ(result.signatures[1].verifying_certificate, 0u);
  EXPECT_EQ(result.signatures[1].references[0].element_path, "/Signature/SignatureValue");
}

// XPath Filter 2.0 (xmldsig-filter2): what DSS and others sign instead of enveloped-signature.
std::string filter2_document(const std::string& xpaths) {
  constexpr std::string_view kFilter2 = "http://www.w3.org/2002/06/xmldsig-filter2";
  std::string tmpl = "<root><data>signed</data><other>free</other>" +
                     signature_template("sig", {ref("", {kFilter2, kExcC14n})}, rsa_signer().cert) + "</root>";
  const std::string empty = "<ds:Transform Algorithm=\"" + std::string(kFilter2) + "\"/>";
  tmpl.replace(tmpl.find(empty), empty.size(),
               "<ds:Transform Algorithm=\"" + std::string(kFilter2) + "\">" + xpaths + "</ds:Transform>");
  return tmpl;
}

TEST(GeneralVerifier, XPathFilter2SubtractTheSignature) {
  const std::string xpath =
      "<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"subtract\">/descendant::ds:Signature</f:XPath>";
  std::string signed_doc = sign_ok(filter2_document(xpath), rsa_signer().key);
  auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  EXPECT_TRUE(result.signatures[0].references[0].found) << result.signatures[0].references[0].message;
  EXPECT_TRUE(result.signatures[0].references[0].intact);
  EXPECT_EQ(result.signatures[0].verifying_certificate, 0u);
  signed_doc.replace(signed_doc.find(">free<"), 6, ">fref<");
  result = verify(signed_doc);
  EXPECT_FALSE(result.signatures[0].references[0].intact);
}

TEST(GeneralVerifier, XPathFilter2IntersectCoversOnlyTheSelectedSubtree) {
  const std::string xpath =
      "<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"intersect\">//data</f:XPath>";
  std::string signed_doc = sign_ok(filter2_document(xpath), rsa_signer().key);
  std::string outside = signed_doc;
  outside.replace(outside.find(">free<"), 6, ">fref<");
  EXPECT_TRUE(verify(outside).signatures.at(0).references[0].intact);
  std::string inside = signed_doc;
  inside.replace(inside.find(">signed<"), 8, ">signee<");
  EXPECT_FALSE(verify(inside).signatures.at(0).references[0].intact);
}

TEST(GeneralVerifierAttack, BadXPathFilter2IsATransformFailure) {
  for (const std::string& xpath : std::vector<std::string>
       {"<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"xor\">//data</f:XPath>",
        "<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"union\">count(//*)</f:XPath>",
        "<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"union\">here()</f:XPath>",
        "<f:XPath xmlns:f=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"union\">//x:y</f:XPath>", std::string()}) {
    const auto result = verify(filter2_document(xpath));
    ASSERT_EQ(result.signatures.size(), 1u);
    EXPECT_FALSE(result.signatures[0].references[0].found) << xpath;
    EXPECT_EQ(result.signatures[0].references[0].reason, reason::kTransformFailed) << xpath;
  }
}

// --- attacks -------------------------------------------------------------------------------

TEST(GeneralVerifierAttack, DuplicateIdMakesTheReferenceAmbiguous) {
  std::string signed_doc = sign_ok(
      signature_template("sig", {ref("#obj", {kExcC14n})}, rsa_signer().cert, "<ds:Object Id=\"obj\">x</ds:Object>"),
      rsa_signer().key);
  // The attacker adds a second element with the same Id before the signature.
  signed_doc.insert(signed_doc.find("<ds:Signature"), "<wrapper><evil Id=\"obj\">y</evil></wrapper>");
  signed_doc = "<root>" + signed_doc.substr(signed_doc.find("<wrapper>")) + "</root>";
  const auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  EXPECT_EQ(result.findings.at(0).id, reason::kDuplicateId);
  EXPECT_FALSE(result.signatures[0].references[0].found);
  EXPECT_EQ(result.signatures[0].references[0].reason, reason::kReferenceAmbiguous);
}

TEST(GeneralVerifierAttack, MovedElementIsReportedWhereItReallyIs) {
  // Signed: <data Id="d">pay 10</data> at /root/data. The attacker moves it into a ds:Object of
  // the signature and puts <data>pay 1000</data> (no Id) in its place: the digest still matches,
  // and the reference reports the element it really covered, inside the signature.
  const std::string tmpl = "<root><data Id=\"d\">pay 10</data>" +
                           signature_template("sig", {ref("#d", {kExcC14n})}, rsa_signer().cert) + "</root>";
  std::string signed_doc = sign_ok(tmpl, rsa_signer().key);
  signed_doc.replace(signed_doc.find("<data Id=\"d\">pay 10</data>"), 26, "<data>pay 1000</data>");
  signed_doc.replace(signed_doc.find("</ds:Signature>"), 15,
                     "<ds:Object><data Id=\"d\">pay 10</data></ds:Object></ds:Signature>");
  const auto result = verify(signed_doc);
  ASSERT_EQ(result.signatures.size(), 1u);
  const auto& r = result.signatures[0].references[0];
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.element_path, "/root/Signature/Object/data");
}

TEST(GeneralVerifierAttack, LimitsOnSignaturesAndTransforms) {
  const std::string one = signature_template("s1", {ref("#o1", {})}, rsa_signer().cert, "<ds:Object Id=\"o1\">x</ds:Object>");
  const std::string two = signature_template("s2", {ref("#o2", {})}, rsa_signer().cert, "<ds:Object Id=\"o2\">x</ds:Object>");
  auto doc = xml::Document::parse("<root>" + one + two + "</root>");
  ASSERT_TRUE(doc);
  GeneralVerifyOptions options;
  options.max_signatures = 1;
  auto result = verify_signatures(**doc, options);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->signatures.size(), 1u);
  EXPECT_EQ(result->findings.at(0).id, reason::kTooManySignatures);

  std::vector<std::string> many(9, std::string(kExcC14n));
  const auto transformed = verify(signature_template("s", {ref("#o", many)}, rsa_signer().cert, "<ds:Object Id=\"o\">x</ds:Object>"));
  EXPECT_EQ(transformed.signatures.at(0).references[0].reason, reason::kTransformNotAllowed);
}

TEST(GeneralVerifierAttack, XsltIsNeverRun) {
  const std::string doc = signature_template(
      "sig", {ref("#obj", {"http://www.w3.org/TR/1999/REC-xslt-19991116"})}, rsa_signer().cert,
      "<ds:Object Id=\"obj\">x</ds:Object>");
  const auto result = verify(doc);
  EXPECT_FALSE(result.signatures.at(0).references[0].found);
  EXPECT_EQ(result.signatures[0].references[0].reason, reason::kTransformNotAllowed);
}

TEST(GeneralVerifierAttack, XPathTransformIsRefused) {
  const std::string doc = signature_template(
      "sig", {ref("", {"http://www.w3.org/TR/1999/REC-xpath-19991116"})}, rsa_signer().cert);
  const auto result = verify(doc);
  EXPECT_FALSE(result.signatures.at(0).references[0].found);
  EXPECT_EQ(result.signatures[0].references[0].reason, reason::kTransformUnsupported);
}

TEST(GeneralVerifierAttack, RetrievalMethodIsReportedNotFollowed) {
  std::string doc = signature_template("sig", {ref("#obj", {})}, rsa_signer().cert, "<ds:Object Id=\"obj\">x</ds:Object>");
  doc.replace(doc.find("<ds:X509Data>"), 13,
              "<ds:RetrievalMethod URI=\"#sig\" Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/><ds:X509Data>");
  const std::string signed_doc = sign_ok(doc, rsa_signer().key);
  const auto result = verify(signed_doc);
  EXPECT_TRUE(result.signatures.at(0).has_finding(reason::kRetrievalMethod));
  EXPECT_EQ(result.signatures[0].verifying_certificate, 0u);
}

TEST(GeneralVerifierAttack, HmacIsRefused) {
  std::string doc = signature_template("sig", {ref("#obj", {})}, rsa_signer().cert, "<ds:Object Id=\"obj\">x</ds:Object>");
  doc.replace(doc.find(kRsaSha256), kRsaSha256.size(), "http://www.w3.org/2000/09/xmldsig#hmac-sha1");
  const auto result = verify(doc);
  EXPECT_TRUE(result.signatures.at(0).has_finding(reason::kHmacNotAllowed));
  EXPECT_FALSE(result.signatures[0].verifying_certificate.has_value());
}

TEST(GeneralVerifierAttack, NonBase64SignatureValue) {
  std::string signed_doc = sign_ok(
      signature_template("sig", {ref("#obj", {})}, rsa_signer().cert, "<ds:Object Id=\"obj\">x</ds:Object>"),
      rsa_signer().key);
  const auto start = signed_doc.find("<ds:SignatureValue>") + 19;
  signed_doc.insert(start, "!!");
  const auto result = verify(signed_doc);
  EXPECT_TRUE(result.signatures.at(0).has_finding(reason::kSignatureValueUnreadable));
  EXPECT_FALSE(result.signatures[0].verifying_certificate.has_value());
}

TEST(GeneralVerifier, CanonicalizeElementUsesTheNamedMethod) {
  auto doc = xml::Document::parse("<a xmlns:p=\"urn:p\"><b>x<!--c--></b></a>");
  ASSERT_TRUE(doc);
  const auto b = (*doc)->root().first_child_element();
  EXPECT_EQ(*canonicalize_element(**doc, b, ""), "<b xmlns:p=\"urn:p\">x</b>");
  EXPECT_EQ(*canonicalize_element(**doc, b, kExcC14n), "<b>x</b>");
  EXPECT_EQ(canonicalize_element(**doc, b, "urn:nope").error().code(), Code::kUnsupported);
}

}  // namespace
}  // namespace assay::engine::xmldsig::testing
