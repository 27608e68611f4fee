// Sign/verify round trips for every algorithm combination, both SigningCertificate forms and
// both whole-document reference forms, cross-checked with the xmlsec1 command line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "engine/digest.h"
#include "engine/xmldsig/findings.h"
#include "tests/engine/xmldsig/xmldsig_fixture.h"

namespace assay::engine::xmldsig::testing {
namespace {

struct Combo {
  KeyAlgorithm key;
  RsaPadding padding;
  DigestAlgorithm digest;
  SigningCertificateForm form;
};

std::string name_of(const Combo& c) {
  std::string n;
  switch (c.key) {
    case KeyAlgorithm::kRsa2048: n = c.padding == RsaPadding::kPss ? "RsaPss" : "Rsa"; break;
    case KeyAlgorithm::kRsa3072: n = "Rsa3072"; break;
    case KeyAlgorithm::kRsa4096: n = "Rsa4096"; break;
    case KeyAlgorithm::kEcP256: n = "EcP256"; break;
    case KeyAlgorithm::kEcP384: n = "EcP384"; break;
  }
  switch (c.digest) {
    case DigestAlgorithm::kSha256: n += "Sha256"; break;
    case DigestAlgorithm::kSha384: n += "Sha384"; break;
    case DigestAlgorithm::kSha512: n += "Sha512"; break;
    default: n += "Other"; break;
  }
  return n + (c.form == SigningCertificateForm::kV1 ? "V1" : "V2");
}

std::vector<Combo> all_combos() {
  std::vector<Combo> out;
  const std::pair<KeyAlgorithm, RsaPadding> keys[] = {{KeyAlgorithm::kRsa2048, RsaPadding::kPkcs1v15},
                                                         {KeyAlgorithm::kRsa2048, RsaPadding::kPss},
                                                         {KeyAlgorithm::kEcP256, RsaPadding::kPkcs1v15},
                                                         {KeyAlgorithm::kEcP384, RsaPadding::kPkcs1v15}};
  for (const auto& [key, padding] : keys) {
    for (auto digest : {DigestAlgorithm::kSha256, DigestAlgorithm::kSha384, DigestAlgorithm::kSha512}) {
      for (auto form : {SigningCertificateForm::kV2, SigningCertificateForm::kV1}) {
        out.push_back({key, padding, digest, form});
      }
    }
  }
  return out;
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("assay-xmldsig-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path path_;
};

bool xmlsec1_available() { return std::system("command -v xmlsec1 >/dev/null 2>&1") == 0; }

// Runs `xmlsec1 --verify` restricted to same-document references, trusting only `cert`, at a
// pinned verification time. Returns the exit status and keeps the output in the temp dir.
int xmlsec1_verify(const std::string& signed_xml, const x509::CertificateDer& cert, std::string* output) {
  TempDir dir;
  const auto doc = dir.write("signed.xml", signed_xml);
  const auto pem = dir.write("signer.pem", ::assay::testing::certificate_pem(cert));
  const auto log = dir.path() / "xmlsec1.log";
  const std::string cmd = "xmlsec1 --verify --enabled-reference-uris empty,same-doc"
                          " --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties'"
                          " --id-attr:Id 'http://uri.etsi.org/02231/v2#:TrustServiceStatusList'"
                          " --verification-time '2026-06-01 00:00:00'"
                          " --trusted-pem '" + pem.string() + "' '" + doc.string() + "' >'" + log.string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream in(log);
  output->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return rc;
}

class RoundTrip : public ::testing::TestWithParam<Combo> {};

TEST_P(RoundTrip, SignsAndVerifies) {
  const Combo c = GetParam();
  const Signer& s = signer_for(c.key);
  SignOptions options = default_options();
  options.digest = c.digest;
  options.rsa_padding = c.padding;
  options.signing_certificate = c.form;
  const std::string signed_xml = sign(kList, s, options);

  const SignatureReport r = verify(signed_xml);
  ASSERT_TRUE(r.valid()) << r.reason << ": " << r.message;
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.signer_certificate, s.cert);
  EXPECT_EQ(r.signer_sha256, sha256_hex(s.cert));
  EXPECT_EQ(r.signing_time, signing_time());
  EXPECT_EQ(r.signer_not_before, at(2025, 1, 1));
  EXPECT_EQ(r.signer_not_after, at(2030, 1, 1));
  EXPECT_EQ(r.signing_certificate_form, c.form);
  EXPECT_EQ(r.canonicalization_method, kExcC14n);
  ASSERT_EQ(r.references.size(), 2u);
  EXPECT_EQ(r.references[0].uri, "");
  EXPECT_EQ(r.references[0].kind, ReferenceKind::kDocument);
  EXPECT_EQ(r.references[0].transforms, (std::vector<std::string>{std::string(kEnvelopedTransform), std::string(kExcC14n)}));
  EXPECT_EQ(r.references[0].digest_method, digest_uri(c.digest));
  EXPECT_EQ(r.references[0].result, ReferenceResult::kDigestMatches);
  EXPECT_EQ(r.references[1].uri, "#signature-signed-properties");
  EXPECT_EQ(r.references[1].type, kSignedPropertiesType);
  EXPECT_EQ(r.references[1].kind, ReferenceKind::kSignedProperties);
  EXPECT_EQ(r.references[1].result, ReferenceResult::kDigestMatches);
  EXPECT_EQ(r.signed_element_path, "/TrustServiceStatusList");

  // The signature is the last child of the root.
  auto doc = xml::Document::parse(signed_xml);
  ASSERT_TRUE(doc.has_value());
  xml::Node last;
  for (xml::Node n = (*doc)->root().first_child_element(); n; n = n.next_sibling_element()) last = n;
  EXPECT_TRUE(last.is(std::string(kDsigNs), "Signature"));

  if (c.padding == RsaPadding::kPss) return;  // xmlsec 1.2 has no RSA-PSS: cross-check not possible
  if (!xmlsec1_available()) GTEST_SKIP() << "xmlsec1 is not installed: cross-check skipped";
  std::string output;
  EXPECT_EQ(xmlsec1_verify(signed_xml, s.cert, &output), 0) << output;
  EXPECT_NE(output.find("OK"), std::string::npos) << output;
  EXPECT_NE(output.find("References (ok/all): 2/2"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(AllAlgorithms, RoundTrip, ::testing::ValuesIn(all_combos()),
                         [](const auto& info) { return name_of(info.param); });

TEST(SignerVerifier, VerifiesTheSignatureMethodUris) {
  const Signer& s = signer_for(KeyAlgorithm::kEcP384);
  SignOptions o = default_options();
  o.digest = DigestAlgorithm::kSha384;
  EXPECT_EQ(verify(sign(kList, s, o)).signature_method, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384");
  o.digest = DigestAlgorithm::kSha512;
  o.rsa_padding = RsaPadding::kPss;
  EXPECT_EQ(verify(sign(kList, rsa_signer(), o)).signature_method,
            "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1");
}

TEST(SignerVerifier, RootIdReferenceForm) {
  SignOptions o = default_options();
  o.document_reference = DocumentReference::kRootId;
  const std::string signed_xml = sign(kList, rsa_signer(), o);
  EXPECT_NE(signed_xml.find("URI=\"#TSL-1\""), std::string::npos);
  const SignatureReport r = verify(signed_xml);
  ASSERT_TRUE(r.valid()) << r.reason << ": " << r.message;
  EXPECT_EQ(r.references[0].uri, "#TSL-1");
  EXPECT_EQ(r.references[0].kind, ReferenceKind::kDocument);
  EXPECT_EQ(r.signed_element_path, "/TrustServiceStatusList");
  if (!xmlsec1_available()) GTEST_SKIP() << "xmlsec1 is not installed: cross-check skipped";
  std::string output;
  EXPECT_EQ(xmlsec1_verify(signed_xml, rsa_signer().cert, &output), 0) << output;
}

TEST(SignerVerifier, Xmlsec1CrossCheckCanFail) {
  if (!xmlsec1_available()) GTEST_SKIP() << "xmlsec1 is not installed: cross-check skipped";
  std::string signed_xml = sign(kList, rsa_signer());
  signed_xml.replace(signed_xml.find("GoodCorp"), 8, "GoodCorq");
  std::string output;
  EXPECT_NE(xmlsec1_verify(signed_xml, rsa_signer().cert, &output), 0) << output;
}

TEST(SignerVerifier, SignsAParsedDocumentWithoutChangingIt) {
  auto doc = xml::Document::parse(kList);
  ASSERT_TRUE(doc.has_value());
  auto signed_xml = sign_enveloped(**doc, rsa_signer().key, rsa_signer().cert, default_options());
  ASSERT_TRUE(signed_xml.has_value()) << signed_xml.error().message();
  EXPECT_TRUE(verify(*signed_xml).valid());
  EXPECT_FALSE((*doc)->root().child(std::string(kDsigNs), "Signature"));
}

TEST(SignerVerifier, RootIdFormNeedsARootId) {
  SignOptions o = default_options();
  o.document_reference = DocumentReference::kRootId;
  auto r = sign_enveloped("<r><a/></r>", rsa_signer().key, rsa_signer().cert, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kInvalidArgument);
}

TEST(SignerVerifier, RefusesAKeyThatDoesNotMatchTheCertificate) {
  const Signer& other = signer_for(KeyAlgorithm::kEcP256);
  auto r = sign_enveloped(kList, rsa_signer().key, other.cert, default_options());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kInvalidArgument);
}

TEST(SignerVerifier, RefusesSha1AndReusedIds) {
  SignOptions o = default_options();
  o.digest = DigestAlgorithm::kSha1;
  EXPECT_EQ(sign_enveloped(kList, rsa_signer().key, rsa_signer().cert, o).error().code(), Code::kInvalidArgument);
  o = default_options();
  o.signature_id = "SI-1";
  EXPECT_EQ(sign_enveloped(kList, rsa_signer().key, rsa_signer().cert, o).error().code(), Code::kInvalidArgument);
}

TEST(SignerVerifier, PrivateKeyPemRoundTrip) {
  const Signer& s = signer_for(KeyAlgorithm::kEcP256);
  EXPECT_EQ(s.key.bits(), 256);
  auto again = PrivateKey::from_pem(*s.key.to_pem());
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_EQ(again->public_key_der(), s.key.public_key_der());
  const std::string signed_xml = sign(kList, Signer{*again, s.cert});
  EXPECT_TRUE(verify(signed_xml).valid());
  EXPECT_EQ(PrivateKey::from_pem("not a key").error().code(), Code::kMalformed);
}

TEST(SignerVerifier, OmittedSignedPropertiesReference) {
  SignOptions o = default_options();
  o.signed_properties_reference = SignedPropertiesReference::kOmit;
  const SignatureReport r = verify(sign(kList, rsa_signer(), o));
  EXPECT_FALSE(r.valid());
  EXPECT_EQ(r.reason, reason::kSignedPropertiesMissing);
  // The (unsigned) properties are still reported for diagnosis.
  EXPECT_EQ(r.signing_time, signing_time());
}

TEST(SignerVerifier, SigningTimeOutsideCertificateValidity) {
  SignOptions o = default_options();
  o.signing_time = at(2024, 6, 1);
  const SignatureReport r = verify(sign(kList, rsa_signer(), o));
  EXPECT_FALSE(r.valid());
  EXPECT_EQ(r.reason, reason::kSigningTimeOutsideValidity);
  EXPECT_EQ(r.signing_time, at(2024, 6, 1));
  EXPECT_EQ(r.findings.size(), 1u);
}

}  // namespace
}  // namespace assay::engine::xmldsig::testing
