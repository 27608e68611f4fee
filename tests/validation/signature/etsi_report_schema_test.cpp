// The ETSI TS 119 102-2 report is schema-valid (1910202xmlSchema.xsd in ../shared/standards) for
// every kind of outcome, and says what the model says. Skips when the schema folder is absent
// (unless ASSAY_REQUIRE_CORPUS=1).
#include "service/report/etsi_validation_report.h"

#include <gtest/gtest.h>

#include "engine/xml/schema.h"
#include "tests/support/corpus.h"
#include "tests/validation/signature/signature_test_support.h"

namespace assay::validation {
namespace {

using testing::day;
using Kind = EmbeddedTimestamp::Kind;

std::filesystem::path schema_path() {
  const auto dir = assay::testing::shared_dir();
  return dir.empty() ? std::filesystem::path{} : dir / "standards" / "ts119102-2" / "1910202xmlSchema.xsd";
}

#define ASSAY_REQUIRE_SCHEMA()                                                                      \
  do {                                                                                              \
    ASSAY_REQUIRE_SHARED();                                                                         \
    if (!std::filesystem::exists(schema_path())) {                                                  \
      if (assay::testing::corpus_required()) FAIL() << "missing " << schema_path();                 \
      GTEST_SKIP() << "TS 119 102-2 schema test skipped: " << schema_path() << " is absent";        \
    }                                                                                               \
  } while (false)

void expect_schema_valid(const std::string& xml) {
  auto errors = engine::xml::validate_with_schema(xml, schema_path());
  ASSERT_TRUE(errors.has_value()) << errors.error().message();
  for (const auto& e : *errors) ADD_FAILURE() << e;
  if (!errors->empty()) ADD_FAILURE() << xml;
}

class EtsiReport : public ::testing::Test {
 protected:
  DocumentValidationReport run(std::vector<SignatureUnderValidation> list, engine::UtcTime at = day(2024, 6, 1)) {
    SignatureValidationContext ctx;
    ctx.certificates.anchors.push_back(&anchors_);
    ctx.certificates.revocation = &checker_;
    ctx.at = at;
    ctx.validate_timestamp = tsts_.validator();
    return validate_signatures(list, ctx);
  }
  testing::TestPki pki_;
  ExplicitTrustAnchors anchors_{{pki_.root}};
  testing::ScriptedChecker checker_;
  testing::ScriptedTimestamps tsts_;
};

TEST_F(EtsiReport, NoSignatureIsNoSignatureFound) {
  ASSAY_REQUIRE_SCHEMA();
  const auto xml = service::report::etsi_validation_report_xml(run({}));
  EXPECT_NE(xml.find("urn:cef:dss:mainindication:noSignatureFound"), std::string::npos);
  expect_schema_valid(xml);
}

TEST_F(EtsiReport, PassedSignatureWithTimestampsAndCounterSignature) {
  ASSAY_REQUIRE_SCHEMA();
  auto s = testing::good_signature(pki_);
  s.signature_value_sha256 = engine::sha256(std::string_view("value"));
  s.scope[0].sha256 = engine::sha256(std::string_view("document"));
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.pass("tst-sig", day(2024, 5, 2));
  tsts_.fail("tst-arc", day(2024, 5, 3), "HASH_FAILURE");
  auto counter = testing::good_signature(pki_);
  counter.id = "CS-1";
  counter.signature_value_sha256 = engine::sha256(std::string_view("counter"));
  counter.references[0].intact = false;
  s.counter_signatures.push_back(counter);
  const auto d = run({s});
  ASSERT_EQ(d.signatures[0].indication, MainIndication::kTotalPassed);
  const auto xml = service::report::etsi_validation_report_xml(d);
  EXPECT_NE(xml.find("urn:etsi:019102:mainindication:total-passed"), std::string::npos);
  EXPECT_NE(xml.find("urn:etsi:019102:subindication:HASH_FAILURE"), std::string::npos);  // the counter-signature
  EXPECT_NE(xml.find("urn:etsi:019102:validationprocess:LTA"), std::string::npos);  // an archive time-stamp was there
  EXPECT_NE(xml.find("<BestSignatureTime><POETime>2024-05-02T00:00:00Z</POETime>"), std::string::npos);
  EXPECT_NE(xml.find("urn:etsi:019102:validationObject:timestamp"), std::string::npos);
  EXPECT_NE(xml.find("<TrustAnchor VOReference="), std::string::npos);
  expect_schema_valid(xml);
}

TEST_F(EtsiReport, IndeterminateAndFailedSignatures) {
  ASSAY_REQUIRE_SCHEMA();
  auto untrusted = testing::good_signature(pki_);
  untrusted.signing_certificate = *engine::build_self_signed(testing::ee_spec("Stranger"), testing::test_key(7));
  untrusted.certificates = {untrusted.signing_certificate};
  auto no_cert = testing::good_signature(pki_);
  no_cert.id = "S-2";
  no_cert.signing_certificate = nullptr;
  auto bad_format = testing::good_signature(pki_);
  bad_format.id = "S-3 <&>";
  bad_format.format_check.findings.push_back(engine::Finding{"x", engine::Severity::kError, "bad <format> & more", ""});
  const auto xml = service::report::etsi_validation_report_xml(run({untrusted, no_cert, bad_format}));
  EXPECT_NE(xml.find("urn:etsi:019102:subindication:NO_CERTIFICATE_CHAIN_FOUND"), std::string::npos);
  EXPECT_NE(xml.find("urn:etsi:019102:subindication:NO_SIGNING_CERTIFICATE_FOUND"), std::string::npos);
  EXPECT_NE(xml.find("urn:etsi:019102:subindication:FORMAT_FAILURE"), std::string::npos);
  EXPECT_NE(xml.find("bad &lt;format&gt; &amp; more"), std::string::npos);
  expect_schema_valid(xml);
}

// Document time-stamps (an ASiC time-stamp token, an ASiCArchiveManifest's): timestamp
// validation objects with their own report, POE provisioning at genTime for the covered files;
// with and without signatures, passed and failed, schema-valid.
DocumentTimestampResult document_timestamp(const testing::TestPki& pki, std::string_view token, Indication indication,
                                           std::string sub) {
  DocumentTimestampResult t;
  t.id = "META-INF/timestamp.tst";
  t.kind = "asic-timestamp";
  t.report.indication = indication;
  t.report.subindication = std::move(sub);
  t.report.gen_time = day(2024, 5, 2);
  t.report.token_sha256 = engine::sha256(token);
  t.report.tsa_certificate = pki.ee;
  t.report.findings.push_back(engine::Finding{"tst.x", engine::Severity::kWarning, "a <warning>", ""});
  for (const char* name : {"a.txt", "b.txt"}) {
    ScopeEntry e;
    e.name = name;
    e.kind = "full";
    e.sha256 = engine::sha256(std::string_view(name));
    t.scope.push_back(std::move(e));
  }
  return t;
}

TEST_F(EtsiReport, DocumentTimestampsAreTimestampObjectsWithPoeProvisioning) {
  ASSAY_REQUIRE_SCHEMA();
  auto only = run({});
  only.timestamps.push_back(document_timestamp(pki_, "good", Indication::kPassed, ""));
  only.timestamps.push_back(document_timestamp(pki_, "bad", Indication::kFailed, "HASH_FAILURE"));
  only.timestamps.back().findings.push_back(
      engine::Finding{"document_timestamp.covered_data.changed", engine::Severity::kError, "'b.txt' changed", ""});
  const auto xml = service::report::etsi_validation_report_xml(only);
  EXPECT_NE(xml.find("urn:cef:dss:mainindication:noSignatureFound"), std::string::npos);
  EXPECT_NE(xml.find("<POEProvisioning><POETime>2024-05-02T00:00:00Z</POETime><ValidationObject VOReference=\"D-"),
            std::string::npos);
  EXPECT_EQ(xml.find("<POEProvisioning>"), xml.rfind("<POEProvisioning>"));  // the failed one provides none
  EXPECT_NE(xml.find("urn:etsi:019102:subindication:HASH_FAILURE"), std::string::npos);
  EXPECT_NE(xml.find("document_timestamp.covered_data.changed: "), std::string::npos);
  EXPECT_NE(xml.find("<DAIdentifier>META-INF/timestamp.tst</DAIdentifier>"), std::string::npos);
  expect_schema_valid(xml);

  // Beside a signature whose archive time-stamp is the same token: one object, the full one.
  auto s = testing::good_signature(pki_);
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.pass("tst-arc", day(2024, 5, 3));
  auto both = run({s});
  both.timestamps.push_back(document_timestamp(pki_, "good", Indication::kPassed, ""));
  both.timestamps.back().report.token_sha256 = both.signatures[0].timestamps.at(0).report.token_sha256;
  const auto xml2 = service::report::etsi_validation_report_xml(both);
  const std::string id = "T-" + engine::to_hex(both.timestamps[0].report.token_sha256).substr(0, 16);
  EXPECT_EQ(xml2.find("<ValidationObject id=\"" + id + "\">"), xml2.rfind("<ValidationObject id=\"" + id + "\">"));
  EXPECT_NE(xml2.find("<POEProvisioning>"), std::string::npos);
  expect_schema_valid(xml2);
}

// TS 119 102-2 5.2.4: every signed attribute the signature carries and every time-stamp (with
// its time and a reference to its validation object) is in SignatureAttributes.
TEST_F(EtsiReport, SignatureAttributesListEverySignedAttributeAndTimestamp) {
  ASSAY_REQUIRE_SCHEMA();
  auto s = testing::good_signature(pki_);
  s.signature_value_sha256 = engine::sha256(std::string_view("value"));
  auto& a = s.attributes;
  a.signature_policy_id = "1.2.3.4.5";
  a.commitment_types = {"http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin", "1.2.840.113549.1.9.16.6.1"};
  a.claimed_roles = {"Director <&>"};
  a.production_place = "Brussels, Brussels-Capital, 1000, BE";
  a.data_object_formats = {"text/xml"};
  s.timestamps.push_back(testing::timestamp(Kind::kContent, "tst-content"));
  s.timestamps.push_back(testing::timestamp(Kind::kSignature, "tst-sig"));
  s.timestamps.push_back(testing::timestamp(Kind::kArchive, "tst-arc"));
  tsts_.pass("tst-content", day(2024, 5, 1));
  tsts_.pass("tst-sig", day(2024, 5, 2));
  tsts_.pass("tst-arc", day(2024, 5, 3));
  const auto xml = service::report::etsi_validation_report_xml(run({s}));
  for (const char* expected : {
           "<SigningTime Signed=\"true\"><Time>2024-05-01T00:00:00Z</Time></SigningTime>",
           "<SigningCertificate Signed=\"true\"><AttributeObject VOReference=\"C-",
           "<DataObjectFormat Signed=\"true\"><MimeType>text/xml</MimeType></DataObjectFormat>",
           "<CommitmentTypeIdentifier>http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin</CommitmentTypeIdentifier>",
           "<CommitmentTypeIdentifier>urn:oid:1.2.840.113549.1.9.16.6.1</CommitmentTypeIdentifier>",
           "<SigPolicyIdentifier Signed=\"true\"><SigPolicyId>urn:oid:1.2.3.4.5</SigPolicyId></SigPolicyIdentifier>",
           "<AddressString>Brussels, Brussels-Capital, 1000, BE</AddressString>",
           "<RoleDetails><Role>Director &lt;&amp;&gt;</Role><EndorsementType>claimed</EndorsementType></RoleDetails>",
           "<AllDataObjectsTimeStamp Signed=\"true\"><AttributeObject VOReference=\"T-",
           "<TimeStampValue>2024-05-01T00:00:00Z</TimeStampValue></AllDataObjectsTimeStamp>",
           "<SignatureTimeStamp Signed=\"false\"><AttributeObject VOReference=\"T-",
           "<TimeStampValue>2024-05-02T00:00:00Z</TimeStampValue></SignatureTimeStamp>",
           "<TimeStampValue>2024-05-03T00:00:00Z</TimeStampValue></ArchiveTimeStamp>",
       }) {
    EXPECT_NE(xml.find(expected), std::string::npos) << expected;
  }
  expect_schema_valid(xml);
}

// A certificate found only in KeyInfo is not a signed attribute; an implied policy has no id.
TEST_F(EtsiReport, UnsignedSigningCertificateAndImpliedPolicyAreNotAttributes) {
  ASSAY_REQUIRE_SCHEMA();
  auto s = testing::good_signature(pki_);
  s.attributes.signing_certificate_reference_present = false;
  s.attributes.signing_certificate_digest_matches = false;
  s.attributes.signature_policy_id = "implied";
  const auto xml = service::report::etsi_validation_report_xml(run({s}));
  EXPECT_EQ(xml.find("<SigningCertificate Signed="), std::string::npos);  // the chain still names it
  EXPECT_EQ(xml.find("<SigPolicyIdentifier"), std::string::npos);
  EXPECT_NE(xml.find("<SignerCertificate VOReference="), std::string::npos);  // still the signer
  expect_schema_valid(xml);
}

TEST_F(EtsiReport, SchemaHelperReportsInvalidDocuments) {
  ASSAY_REQUIRE_SCHEMA();
  auto errors = engine::xml::validate_with_schema(
      "<ValidationReport xmlns=\"http://uri.etsi.org/19102/v1.4.1#\"><SignatureValidationReport/></ValidationReport>",
      schema_path());
  ASSERT_TRUE(errors.has_value());
  EXPECT_FALSE(errors->empty());
  EXPECT_FALSE(engine::xml::validate_with_schema("not xml", schema_path()).has_value());
  EXPECT_FALSE(engine::xml::validate_with_schema("<a/>", "/nonexistent/schema.xsd").has_value());
}

// PAdES (issue 18): the signature dictionary's entries where TS 119 102-2 puts them
// (SignatureAttributes: Reason, Name, ContactInfo, SubFilter, ByteRange, Filter), and the
// revision and the changes after signing in OtherInformation (assay's pdf namespace, lax
// wildcard): schema-valid, PDF text escaped, control characters replaced.
PdfSignatureDetails pdf_details() {
  PdfSignatureDetails pdf;
  pdf.field_name = "Signature1 <&>\x01";
  pdf.sub_filter = "ETSI.CAdES.detached";
  pdf.filter = "Adobe.PPKLite";
  pdf.reason = "Approved";
  pdf.name = "Alice";
  pdf.contact_info = "alice@example.invalid";
  pdf.revision = 1;
  pdf.revisions = 3;
  pdf.byte_ranges = {{0, 840}, {33610, 1204}};
  pdf.docmdp_p = 2;
  pdf.certification = true;
  pdf.page = 1;
  PdfModification fill;
  fill.kind = "form-fill";
  fill.revision = 2;
  fill.object = 9;
  fill.page = 1;
  fill.field = "Amount";
  fill.permitted = true;
  fill.description = "form field 'Amount' was filled in (object 9 (page 1))";
  PdfModification title;
  title.kind = "metadata";
  title.revision = 3;
  title.object = 20;
  title.attack = "shadow-replace";
  title.description = "the document information dictionary (/Info) was changed (/Title, object 20) <&>";
  pdf.modifications = {fill, title};
  return pdf;
}

TEST_F(EtsiReport, PdfSignatureDetailsAreInSignatureAttributesAndOtherInformation) {
  ASSAY_REQUIRE_SCHEMA();
  auto s = testing::good_signature(pki_);
  s.format = SignatureFormat::kPAdES;
  s.signature_value_sha256 = engine::sha256(std::string_view("value"));
  s.pdf = pdf_details();
  auto d = run({s});
  ASSERT_TRUE(d.signatures.at(0).pdf);
  // A PDF document time-stamp's own report carries the same.
  d.timestamps.push_back(document_timestamp(pki_, "doc-ts", Indication::kPassed, ""));
  d.timestamps.back().kind = "pdf-document-timestamp";
  d.timestamps.back().pdf = pdf_details();
  d.timestamps.back().pdf->sub_filter = "ETSI.RFC3161";
  d.timestamps.back().pdf->modifications.clear();
  const auto xml = service::report::etsi_validation_report_xml(d);
  for (const char* expected : {
           "<Reason><ReasonElement>Approved</ReasonElement></Reason>",
           "<Name><NameElement>Alice</NameElement></Name>",
           "<ContactInfo><ContactInfoElement>alice@example.invalid</ContactInfoElement></ContactInfo>",
           "<SubFilter><SubFilterElement>ETSI.CAdES.detached</SubFilterElement></SubFilter>",
           "<ByteRange>0 840 33610 1204</ByteRange>",
           "<Filter><Filter>Adobe.PPKLite</Filter></Filter>",
           "<OtherInformation><pdf:PdfSignature xmlns:pdf=\"urn:assay:validation-report:pdf:1\" "
           "FieldName=\"Signature1 &lt;&amp;&gt;?\" Revision=\"1\" Revisions=\"3\" Page=\"1\" CertificationLevel=\"2\" "
           "Certification=\"true\">",
           "<pdf:Modification Revision=\"2\" Kind=\"form-fill\" Permitted=\"true\" Object=\"9\" Page=\"1\" "
           "Field=\"Amount\">form field &#39;Amount&#39; was filled in",
           "<pdf:Modification Revision=\"3\" Kind=\"metadata\" Permitted=\"false\" Object=\"20\" "
           "Attack=\"shadow-replace\">the document information dictionary (/Info) was changed (/Title, object 20) &lt;&amp;&gt;"
           "</pdf:Modification></pdf:PdfSignature></OtherInformation></SignatureValidationReport>",
           "<SubFilter><SubFilterElement>ETSI.RFC3161</SubFilterElement></SubFilter>",
       }) {
    EXPECT_NE(xml.find(expected), std::string::npos) << expected << "\n" << xml;
  }
  // The document time-stamp's report: SignatureAttributes after ValidationTimeInfo, its
  // OtherInformation last.
  EXPECT_NE(xml.find("</ValidationTimeInfo><SignatureAttributes><Reason>"), std::string::npos);
  EXPECT_NE(xml.find("</SignatureValidationStatus><OtherInformation><pdf:PdfSignature"), std::string::npos);
  expect_schema_valid(xml);
}

}  // namespace
}  // namespace assay::validation
