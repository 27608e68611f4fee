// The XAdES reader (validation/xades/xades_reader.h): signatures made by the enveloped signer and
// by the template signer with hand-written XAdES properties, read into SignatureUnderValidation.
#include "validation/xades/xades_reader.h"

#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/xmldsig/general_verifier.h"
#include "tests/engine/xmldsig/general_fixture.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"
#include "validation/xades/xades_findings.h"

namespace assay::validation::xades {
namespace {

using namespace engine::xmldsig::testing;
using engine::KeyAlgorithm;
using engine::xmldsig::kExcC14n;
using engine::xmldsig::SignOptions;
using engine::xmldsig::SigningCertificateForm;
using Kind = EmbeddedTimestamp::Kind;

XadesDocument read(std::string_view xml, std::vector<engine::xmldsig::DetachedContent> detached = {}) {
  XadesReadOptions options;
  options.detached = std::move(detached);
  auto result = read_xades(xml, options);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message());
  return result ? std::move(*result) : XadesDocument{};
}

bool has_finding(const SignatureUnderValidation& s, std::string_view id) {
  for (const auto& f : s.format_check.findings) {
    if (f.id == id) return true;
  }
  return false;
}

TEST(XadesReader, EnvelopedBaselineB) {
  const auto& signer = rsa_signer();
  const auto doc = read(sign(kList, signer));
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_EQ(s.id, "signature");
  EXPECT_EQ(s.level, "XAdES-BASELINE-B");
  EXPECT_TRUE(s.format_check.findings.empty()) << s.format_check.findings.front().id;
  ASSERT_NE(s.signing_certificate, nullptr);
  EXPECT_EQ(s.signing_certificate->der(), signer.cert);
  EXPECT_TRUE(s.attributes.signing_certificate_reference_present);
  EXPECT_TRUE(s.attributes.signing_certificate_digest_matches);
  EXPECT_EQ(s.attributes.signing_time, signing_time());
  EXPECT_TRUE(s.signature_value_checked);
  EXPECT_TRUE(s.signature_value_valid);
  EXPECT_EQ(s.signature_algorithm, "RSA-SHA256");
  EXPECT_EQ(s.digest_algorithm, "SHA-256");
  ASSERT_EQ(s.references.size(), 2u);
  for (const auto& r : s.references) EXPECT_TRUE(r.found && r.intact) << r.uri;
  ASSERT_EQ(s.scope.size(), 1u);
  EXPECT_EQ(s.scope[0].kind, "full");
  EXPECT_EQ(s.scope[0].description, "The whole XML document, except its signature");
  EXPECT_TRUE(s.scope[0].sha256.has_value());
  EXPECT_TRUE(s.timestamps.empty());
}

TEST(XadesReader, SigningCertificateV1IssuerSerial) {
  SignOptions options = default_options();
  options.signing_certificate = SigningCertificateForm::kV1;
  const auto doc = read(sign(kList, signer_for(KeyAlgorithm::kEcP256), options));
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_TRUE(s.attributes.signing_certificate_digest_matches);
  EXPECT_TRUE(s.attributes.signing_certificate_issuer_serial_present);
  EXPECT_TRUE(s.attributes.signing_certificate_issuer_serial_matches);
  EXPECT_TRUE(s.signature_value_valid);
  EXPECT_EQ(s.signature_algorithm, "ECDSA-SHA256");
}

TEST(XadesReader, ChangedContentIsAReferenceNotIntact) {
  std::string signed_doc = sign(kList, rsa_signer());
  signed_doc.replace(signed_doc.find(">Operator<"), 10, ">Operatos<");
  const auto doc = read(signed_doc);
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_TRUE(s.references[0].found);
  EXPECT_FALSE(s.references[0].intact);
  EXPECT_TRUE(s.signature_value_valid);
}

TEST(XadesReader, NoSignatureIsAnEmptyList) {
  const auto doc = read(kList);
  EXPECT_TRUE(doc.signatures.empty());
}

TEST(XadesReader, UnusableInputIsAnError) {
  EXPECT_EQ(read_xades(std::string_view("<!DOCTYPE a><a/>")).error().code(), engine::Code::kUnsupported);
  EXPECT_EQ(read_xades(std::string_view("<a>")).error().code(), engine::Code::kMalformed);
}

// A XAdES signature over `#obj` with every property kind; `unsigned_properties` chooses the level.
std::string xades_template(const std::string& cert, const std::string& unsigned_properties,
                           const std::string& cert_digest_override = "") {
  const std::string digest =
      cert_digest_override.empty() ? engine::base64_encode(*engine::xmldsig::digest_with(kSha256, cert)) : cert_digest_override;
  const std::string x = "http://uri.etsi.org/01903/v1.3.2#";
  const std::string qp =
      "<ds:Object><xades:QualifyingProperties xmlns:xades=\"" + x + "\" xmlns:xades141=\"http://uri.etsi.org/01903/v1.4.1#\" Target=\"#sig\">"
      "<xades:SignedProperties Id=\"sp\"><xades:SignedSignatureProperties>"
      "<xades:SigningTime>2026-03-01T10:00:00Z</xades:SigningTime>"
      "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" + std::string(kSha256) +
      "\"/><ds:DigestValue>" + digest + "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
      "<xades:SignaturePolicyIdentifier><xades:SignaturePolicyImplied/></xades:SignaturePolicyIdentifier>"
      "<xades:SignatureProductionPlaceV2><xades:City>Luxembourg</xades:City><xades:CountryName>LU</xades:CountryName>"
      "</xades:SignatureProductionPlaceV2>"
      "<xades:SignerRoleV2><xades:ClaimedRoles><xades:ClaimedRole>Auditor</xades:ClaimedRole></xades:ClaimedRoles></xades:SignerRoleV2>"
      "</xades:SignedSignatureProperties><xades:SignedDataObjectProperties>"
      "<xades:DataObjectFormat ObjectReference=\"#r-obj\"><xades:MimeType>text/xml</xades:MimeType></xades:DataObjectFormat>"
      "<xades:CommitmentTypeIndication><xades:CommitmentTypeId><xades:Identifier>http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin"
      "</xades:Identifier></xades:CommitmentTypeId><xades:AllSignedDataObjects/></xades:CommitmentTypeIndication>"
      "<xades:AllDataObjectsTimeStamp><xades:EncapsulatedTimeStamp>AAEC</xades:EncapsulatedTimeStamp></xades:AllDataObjectsTimeStamp>"
      "</xades:SignedDataObjectProperties></xades:SignedProperties>"
      "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>" + unsigned_properties +
      "</xades:UnsignedSignatureProperties></xades:UnsignedProperties></xades:QualifyingProperties></ds:Object>"
      "<ds:Object Id=\"obj\"><data>content</data></ds:Object>";
  Ref obj = ref("#obj", {kExcC14n});
  obj.id = "r-obj";
  Ref sp = ref("#sp", {kExcC14n});
  sp.type = "http://uri.etsi.org/01903#SignedProperties";
  return signature_template("sig", {obj, sp}, cert, qp, "sig-value");
}

const std::string kSigTs =
    "<xades:SignatureTimeStamp Id=\"ts1\"><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
    "<xades:EncapsulatedTimeStamp>AAECAw==</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>";

std::string lt_values(const std::string& cert) {
  return "<xades:CertificateValues><xades:EncapsulatedX509Certificate>" + engine::base64_encode(cert) +
         "</xades:EncapsulatedX509Certificate></xades:CertificateValues><xades:RevocationValues><xades:OCSPValues>"
         "<xades:EncapsulatedOCSPValue>MAMKAQE=</xades:EncapsulatedOCSPValue></xades:OCSPValues></xades:RevocationValues>";
}

const std::string kArchiveTs =
    "<xades141:ArchiveTimeStamp><xades:EncapsulatedTimeStamp>BAUG</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>";

TEST(XadesReader, PropertiesAndLevels) {
  const auto& signer = rsa_signer();
  const struct {
    std::string unsigned_properties;
    std::string level;
  } cases[] = {{"", "XAdES-BASELINE-B"},
               {kSigTs, "XAdES-BASELINE-T"},
               {kSigTs + lt_values(signer.cert), "XAdES-BASELINE-LT"},
               {kSigTs + lt_values(signer.cert) + kArchiveTs, "XAdES-BASELINE-LTA"},
               {"<xades:CompleteCertificateRefs/>", "XAdES-C"}};
  for (const auto& c : cases) {
    const auto doc = read(sign_ok(xades_template(signer.cert, c.unsigned_properties), signer.key));
    ASSERT_EQ(doc.signatures.size(), 1u);
    EXPECT_EQ(doc.signatures[0].level, c.level) << c.unsigned_properties;
    EXPECT_TRUE(doc.signatures[0].signature_value_valid);
  }
}

TEST(XadesReader, SignedPropertiesAndTimestampImprints) {
  const auto& signer = rsa_signer();
  const std::string signed_doc =
      sign_ok(xades_template(signer.cert, kSigTs + lt_values(signer.cert) + kArchiveTs), signer.key);
  const auto doc = read(signed_doc);
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_TRUE(s.format_check.findings.empty()) << s.format_check.findings.front().message;
  EXPECT_EQ(s.attributes.signature_policy_id, "implied");
  EXPECT_EQ(s.attributes.production_place, "Luxembourg, LU");
  EXPECT_EQ(s.attributes.claimed_roles, std::vector<std::string>{"Auditor"});
  EXPECT_EQ(s.attributes.data_object_formats, std::vector<std::string>{"text/xml"});
  EXPECT_EQ(s.attributes.commitment_types, std::vector<std::string>{"http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin"});
  EXPECT_EQ(s.certificates.size(), 2u);  // KeyInfo + CertificateValues
  EXPECT_EQ(s.ocsp_responses, std::vector<std::string>{*engine::base64_decode("MAMKAQE=")});
  ASSERT_EQ(s.scope.size(), 1u);
  EXPECT_EQ(s.scope[0].kind, "partial");

  ASSERT_EQ(s.timestamps.size(), 3u);
  auto parsed = engine::xml::Document::parse(signed_doc);
  ASSERT_TRUE(parsed);
  auto verified = engine::xmldsig::verify_signatures(**parsed);
  ASSERT_TRUE(verified);
  const auto& g = verified->signatures[0];

  EXPECT_EQ(s.timestamps[0].kind, Kind::kContent);
  EXPECT_EQ(s.timestamps[0].covered_bytes, "<ds:Object xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"obj\"><data>content</data></ds:Object>");
  EXPECT_EQ(s.timestamps[1].kind, Kind::kSignature);
  EXPECT_EQ(s.timestamps[1].id, "ts1");
  EXPECT_EQ(s.timestamps[1].token_der, std::string("\x00\x01\x02\x03", 4));
  EXPECT_EQ(s.timestamps[1].covered_bytes,
            *engine::xmldsig::canonicalize_element(**parsed, g.signature_value_element, kExcC14n));
  EXPECT_TRUE(s.timestamps[1].covered_bytes.starts_with("<ds:SignatureValue"));
  EXPECT_EQ(s.timestamps[2].kind, Kind::kArchive);
  // EN 319 132-1 5.5.2.2: the signed data first, then SignedInfo, SignatureValue, KeyInfo, ...
  const std::string& archive = s.timestamps[2].covered_bytes;
  EXPECT_TRUE(archive.starts_with(s.timestamps[0].covered_bytes));
  EXPECT_NE(archive.find("<ds:SignedInfo"), std::string::npos);
  EXPECT_NE(archive.find("<xades:SignatureTimeStamp"), std::string::npos);
  EXPECT_NE(archive.find("<xades:RevocationValues"), std::string::npos);
  EXPECT_EQ(archive.find("ArchiveTimeStamp"), std::string::npos);
}

TEST(XadesReader, SigningCertificateReferenceToAnotherCertificate) {
  const auto& signer = rsa_signer();
  const std::string other = signer_for(KeyAlgorithm::kEcP256).cert;
  // The property names a different certificate: digest mismatch, the KeyInfo certificate still
  // verifies the value and is identified.
  const auto doc = read(sign_ok(xades_template(signer.cert, "", engine::base64_encode(
                                                                   *engine::xmldsig::digest_with(kSha256, other))),
                                signer.key));
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_FALSE(s.attributes.signing_certificate_digest_matches);
  ASSERT_NE(s.signing_certificate, nullptr);
  EXPECT_TRUE(s.signature_value_valid);
}

// The reader takes the general verifier's answer for a KeyInfo certificate instead of verifying
// the SignatureValue again: a value that does not verify must still be reported as such.
TEST(XadesReader, TamperedSignatureValueDoesNotVerify) {
  const auto& signer = rsa_signer();
  std::string signed_doc = sign_ok(xades_template(signer.cert, ""), signer.key);
  const auto value = signed_doc.find('>', signed_doc.find("<ds:SignatureValue")) + 1;
  signed_doc[value] = signed_doc[value] == 'A' ? 'B' : 'A';
  const auto doc = read(signed_doc);
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  ASSERT_NE(s.signing_certificate, nullptr);
  EXPECT_EQ(s.signing_certificate->der(), signer.cert);
  EXPECT_TRUE(s.signature_value_checked);
  EXPECT_FALSE(s.signature_value_valid);
}

// A signing certificate found only in CertificateValues (KeyInfo names another key) is still
// verified against the SignatureValue.
TEST(XadesReader, SigningCertificateOnlyInCertificateValuesIsVerified) {
  const auto& signer = rsa_signer();
  const std::string other = signer_for(KeyAlgorithm::kEcP256).cert;
  const std::string digest = engine::base64_encode(*engine::xmldsig::digest_with(kSha256, signer.cert));
  const auto doc = read(sign_ok(xades_template(other, lt_values(signer.cert), digest), signer.key));
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_TRUE(s.attributes.signing_certificate_digest_matches);
  ASSERT_NE(s.signing_certificate, nullptr);
  EXPECT_EQ(s.signing_certificate->der(), signer.cert);
  EXPECT_TRUE(s.signature_value_valid);
}

TEST(XadesReader, NoKeyInfoAndNoMatchingCertificate) {
  const auto& signer = rsa_signer();
  std::string tmpl = xades_template(signer.cert, "", "AAAA");
  const auto start = tmpl.find("<ds:KeyInfo>");
  tmpl.erase(start, tmpl.find("</ds:KeyInfo>") + 13 - start);
  const auto doc = read(sign_ok(tmpl, signer.key));
  ASSERT_EQ(doc.signatures.size(), 1u);
  const auto& s = doc.signatures[0];
  EXPECT_EQ(s.signing_certificate, nullptr);
  EXPECT_FALSE(s.signature_value_checked);
  EXPECT_TRUE(has_finding(s, finding::kSigningCertificateNotFound));
}

TEST(XadesReader, CounterSignatureIsAttachedToItsParent) {
  const auto& signer = rsa_signer();
  Ref countersigned = ref("#sig-value", {kExcC14n});
  countersigned.type = "http://uri.etsi.org/01903#CountersignedSignature";
  const std::string counter = "<xades:CounterSignature>" + signature_template("counter", {countersigned}, signer.cert) +
                              "</xades:CounterSignature>";
  const auto doc = read(sign_ok(xades_template(signer.cert, counter), signer.key));
  ASSERT_EQ(doc.signatures.size(), 1u);
  ASSERT_EQ(doc.signatures[0].counter_signatures.size(), 1u);
  const auto& c = doc.signatures[0].counter_signatures[0];
  EXPECT_EQ(c.id, "counter");
  EXPECT_EQ(c.level, "XML-DSig");
  EXPECT_TRUE(c.signature_value_valid);
  ASSERT_EQ(c.scope.size(), 1u);
  EXPECT_EQ(c.scope[0].kind, "counter-signature");
}

// Hostile inputs: every truncation and a sweep of single-byte changes of a B-LTA document read
// without crashing, each one either an Error (unusable XML) or signatures with findings.
TEST(XadesReader, TruncatedAndCorruptedDocumentsNeverCrash) {
  const auto& signer = rsa_signer();
  Ref countersigned = ref("#sig-value", {kExcC14n});
  countersigned.type = "http://uri.etsi.org/01903#CountersignedSignature";
  const std::string counter = "<xades:CounterSignature>" + signature_template("counter", {countersigned}, signer.cert) +
                              "</xades:CounterSignature>";
  const std::string good =
      sign_ok(xades_template(signer.cert, kSigTs + lt_values(signer.cert) + counter + kArchiveTs), signer.key);
  int readable = 0;
  for (std::size_t cut = 0; cut < good.size(); cut += 97) {
    if (read_xades(std::string_view(good).substr(0, cut))) ++readable;
  }
  EXPECT_EQ(readable, 0);  // a truncated document is never well-formed
  const char replacements[] = {'<', '>', '"', 'A', '#', '/', '\0'};
  for (std::size_t i = 0, k = 0; i < good.size(); i += 53, ++k) {
    std::string bad = good;
    bad[i] = replacements[k % sizeof(replacements)];
    auto doc = read_xades(bad);
    if (!doc) continue;
    for (const auto& s : doc->signatures) {
      // Whatever changed, the reader never claims more than the bytes support.
      if (s.signature_value_valid) {
        EXPECT_NE(s.signing_certificate, nullptr);
      }
    }
  }
}

TEST(XadesReader, DetachedSignature) {
  const auto& signer = rsa_signer();
  const std::string signed_doc =
      sign_ok(signature_template("sig", {ref("invoice.pdf", {})}, signer.cert), signer.key, {{"invoice.pdf", "%PDF-1.7"}});
  const auto doc = read(signed_doc, {{"invoice.pdf", "%PDF-1.7"}});
  ASSERT_EQ(doc.signatures.size(), 1u);
  EXPECT_EQ(doc.signatures[0].scope.at(0).kind, "detached");
  EXPECT_TRUE(doc.signatures[0].references[0].intact);
  const auto missing = read(signed_doc);
  EXPECT_FALSE(missing.signatures.at(0).references[0].found);
}

}  // namespace
}  // namespace assay::validation::xades
