// The DSS REST wire format (VALIDATION-APIS.md §1): the request DTOs read strictly, the answers
// shaped as DSS clients expect (keys, explicit nulls, the mixed list, counts, dates).
#include <gtest/gtest.h>

#include "engine/base64.h"
#include "service/dss/dss_reports.h"
#include "service/dss/dss_requests.h"
#include "tests/validation/signature/signature_test_support.h"

namespace assay::service::dss {
namespace {

using validation::testing::day;

TEST(DssRequests, ReadsADataToValidateDto) {
  const std::string body = R"({"signedDocument":{"bytes":")" + engine::base64_encode("<a/>") +
                           R"(","digestAlgorithm":null,"name":"signed.xml"},
    "originalDocuments":[{"bytes":")" + engine::base64_encode("hello") + R"(","digestAlgorithm":null,"name":"doc.txt"}],
    "policy":null,"cryptographicSuite":null,"validationTime":1704067200000,"evidenceRecords":null,
    "tokenExtractionStrategy":"NONE","signatureId":null})";
  auto r = parse_signature_validation_request(body, 8);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(r->signed_document.name, "signed.xml");
  EXPECT_EQ(r->signed_document.bytes, "<a/>");
  ASSERT_EQ(r->original_documents.size(), 1u);
  EXPECT_EQ(r->original_documents[0].name, "doc.txt");
  EXPECT_EQ(r->original_documents[0].bytes, "hello");
  ASSERT_TRUE(r->validation_time.has_value());
  EXPECT_EQ(engine::format_utc_time(*r->validation_time), "2024-01-01T00:00:00Z");
}

TEST(DssRequests, AcceptsAnIsoTimeAndMinimalBody) {
  auto r = parse_signature_validation_request(
      R"({"signedDocument":{"bytes":"PGEvPg==","name":"x"},"validationTime":"2025-03-01T10:00:00Z"})", 8);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(engine::format_utc_time(*r->validation_time), "2025-03-01T10:00:00Z");
  EXPECT_TRUE(r->original_documents.empty());
}

TEST(DssRequests, RefusesWhatItCannotHonourAndWhatIsNotTheDto) {
  struct Case {
    const char* body;
    engine::Code code;
    const char* mentions;
  };
  const Case cases[] = {
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"surprise":1})", engine::Code::kMalformed, "surprise"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"policy":{"bytes":"PGEvPg=="}})", engine::Code::kUnsupported, "policy"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"cryptographicSuite":{"bytes":"PGEvPg=="}})", engine::Code::kUnsupported,
       "cryptographicSuite"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"originalDocuments":[{"bytes":"AAAA","digestAlgorithm":"SHA256","name":"d"}]})",
       engine::Code::kUnsupported, "digest"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"evidenceRecords":[{"bytes":"AAAA"}]})", engine::Code::kUnsupported,
       "evidence"},
      {R"({"signedDocument":{"bytes":"not base64!"}})", engine::Code::kMalformed, "base64"},
      {R"({"originalDocuments":[]})", engine::Code::kMalformed, "signedDocument is required"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"validationTime":"yesterday"})", engine::Code::kMalformed, "validationTime"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"tokenExtractionStrategy":"EVERYTHING"})", engine::Code::kMalformed,
       "tokenExtractionStrategy"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"signedDocument":{"bytes":"PGEvPg=="}})", engine::Code::kMalformed,
       "duplicate"},
      {R"([1,2])", engine::Code::kMalformed, "object"},
      {R"({"signedDocument":{"bytes":"PGEvPg=="},"originalDocuments":[{"bytes":""},{"bytes":""},{"bytes":""}]})",
       engine::Code::kResourceExhausted, "at most 2"},
  };
  for (const auto& c : cases) {
    auto r = parse_signature_validation_request(c.body, 2);
    ASSERT_FALSE(r.has_value()) << c.body;
    EXPECT_EQ(r.error().code(), c.code) << c.body << ": " << r.error().message();
    EXPECT_NE(r.error().message().find(c.mentions), std::string::npos) << r.error().message();
  }
}

TEST(DssRequests, ReadsACertificateToValidateDto) {
  auto r = parse_certificate_validation_request(
      R"({"certificate":{"encodedCertificate":"MAMCAQE="},"certificateChain":[{"encodedCertificate":"MAMCAQI="}],
          "validationTime":null,"policy":null,"cryptographicSuite":null,"tokenExtractionStrategy":"NONE"})",
      4);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  ASSERT_EQ(r->certificates.size(), 2u);
  EXPECT_FALSE(r->validation_time.has_value());
  EXPECT_FALSE(parse_certificate_validation_request(R"({"certificateChain":[]})", 4).has_value());
  EXPECT_FALSE(parse_certificate_validation_request(R"({"certificate":{"encodedCertificate":"MAMCAQE=","x":1}})", 4));
  EXPECT_FALSE(parse_certificate_validation_request(
      R"({"certificate":{"encodedCertificate":"MAMCAQE="},"certificateChain":[{"encodedCertificate":"MAMCAQI="}]})", 1));
}

// DSS's CertificateQualification values (VALIDATION-APIS.md §1) for every QC / type / QSCD answer.
TEST(DssReports, CertificateQualificationNames) {
  using tsl::QcStatus, tsl::QcUse, tsl::QscdStatus;
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kESig, QscdStatus::kYes}), "QC for eSig with QSCD");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kESeal, QscdStatus::kYes}), "QC for eSeal with QSCD");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kUnknown, QscdStatus::kYes}), "QC for unknown type with QSCD");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kESig, QscdStatus::kNo}), "QC for eSig");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kESeal, QscdStatus::kNo}), "QC for eSeal");
  // DSS has no "QC for WSA with QSCD": a QSCD is not a web-site authentication concept.
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kWsa, QscdStatus::kYes}), "QC for WSA");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kYes, QcUse::kUnknown, QscdStatus::kNo}), "QC for unknown type");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kNo, QcUse::kESig, QscdStatus::kNotApplicable}), "Cert for eSig");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kNo, QcUse::kESeal, QscdStatus::kNotApplicable}), "Cert for eSeal");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kNo, QcUse::kWsa, QscdStatus::kNotApplicable}), "Cert for WSA");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kNo, QcUse::kUnknown, QscdStatus::kNotApplicable}), "Cert for unknown type");
  EXPECT_EQ(certificate_qualification_name({QcStatus::kNotApplicable, QcUse::kUnknown, QscdStatus::kNotApplicable}), "N/A");
  // No candidate service: nothing in a list speaks for the certificate.
  const tsl::QualificationResult none;
  const auto q = certificate_qualification(none);
  EXPECT_EQ(q.at_issuance, "N/A");
  EXPECT_EQ(q.at_validation, "N/A");
}

TEST(DssReports, SignatureLevelDescriptions) {
  EXPECT_EQ(signature_level_description("QESig"), "Qualified Electronic Signature");
  EXPECT_EQ(signature_level_description("Indeterminate AdESeal-QC"),
            "Indeterminate Advanced Electronic Seal supported by a Qualified Certificate");
  EXPECT_EQ(signature_level_description("N/A"), "Not applicable");
  EXPECT_EQ(signature_level_description("made up"), "");
}

TEST(DssReports, WsReportsHaveDssShapeWithCountersAndNulls) {
  validation::testing::TestPki pki;
  validation::DocumentValidationReport d;
  d.validation_time = day(2024, 6, 1);
  d.policy = "assay default";
  validation::SignatureValidationReport s;
  s.signature_id = "id-sig";
  s.level = "XAdES-BASELINE-B";
  s.indication = validation::MainIndication::kIndeterminate;
  s.subindication = "NO_CERTIFICATE_CHAIN_FOUND";
  s.best_signature_time = day(2024, 6, 1);
  s.signing_certificate = pki.ee;
  s.signature_value_sha256 = engine::sha256("value");
  s.scope.push_back({"doc.xml", "full", "The whole document", engine::sha256("doc")});
  validation::SignatureValidationReport counter;
  counter.indication = validation::MainIndication::kTotalPassed;
  counter.level = "XAdES-BASELINE-B";
  counter.signature_value_sha256 = engine::sha256("counter");
  s.counter_signatures.push_back(counter);
  d.signatures.push_back(s);

  const auto o = ws_reports_json(d, "signed.xml", "<r/>");
  EXPECT_EQ(o.at("validationReportDataHandler").as_string(), engine::base64_encode("<r/>"));
  const auto& simple = o.at("SimpleReport").as_object();
  EXPECT_EQ(simple.at("SignaturesCount").as_uint64(), 2u);       // counter-signatures count
  EXPECT_EQ(simple.at("ValidSignaturesCount").as_uint64(), 1u);  // the TOTAL_PASSED one
  EXPECT_EQ(simple.at("DocumentName").as_string(), "signed.xml");
  EXPECT_TRUE(simple.at("ContainerType").is_null());
  EXPECT_EQ(simple.at("ValidationTime").as_string(), "2024-06-01T00:00:00Z");
  const auto& entries = simple.at("signatureOrTimestampOrEvidenceRecord").as_array();
  ASSERT_EQ(entries.size(), 2u);
  const auto& first = entries[0].as_object().at("Signature").as_object();
  EXPECT_EQ(first.at("Indication").as_string(), "INDETERMINATE");
  EXPECT_EQ(first.at("SubIndication").as_string(), "NO_CERTIFICATE_CHAIN_FOUND");
  EXPECT_EQ(first.at("SignatureFormat").as_string(), "XAdES-BASELINE-B");
  EXPECT_TRUE(first.at("SigningTime").is_null());
  EXPECT_TRUE(first.at("Timestamps").is_null());
  EXPECT_EQ(first.at("SignatureLevel").as_object().at("value").as_string(), "N/A");
  EXPECT_EQ(first.at("SignatureLevel").as_object().at("description").as_string(), "Not applicable");
  EXPECT_TRUE(first.at("Id").as_string().starts_with("S-"));
  EXPECT_EQ(first.at("Id").as_string().size(), 66u);
  const auto& scope = first.at("SignatureScope").as_array().at(0).as_object();
  EXPECT_EQ(scope.at("scope").as_string(), "FULL");
  EXPECT_EQ(scope.at("name").as_string(), "doc.xml");
  EXPECT_TRUE(first.at("AdESValidationDetails").as_object().contains("Error"));
  const auto& second = entries[1].as_object().at("Signature").as_object();
  EXPECT_EQ(second.at("CounterSignature").as_bool(), true);
  EXPECT_EQ(second.at("ParentId").as_string(), first.at("Id").as_string());
  EXPECT_EQ(second.at("Indication").as_string(), "TOTAL_PASSED");
  EXPECT_TRUE(second.at("SubIndication").is_null());
  const auto& detailed = o.at("DetailedReport").as_object();
  const auto& conclusion =
      detailed.at("signatureOrTimestampOrEvidenceRecord").as_array().at(0).as_object().at("Signature").as_object().at("Conclusion");
  EXPECT_TRUE(conclusion.as_object().contains("Errors"));
  EXPECT_EQ(o.at("DiagnosticData").as_object().at("Signature").as_array().at(0).as_object().at("DAIdentifier").as_string(),
            "id-sig");
}

TEST(DssReports, NoSignatureIsZeroCountsAndAnEmptyList) {
  validation::DocumentValidationReport d;
  d.validation_time = day(2024, 6, 1);
  const auto o = ws_reports_json(d, "plain.xml", "<r/>");
  EXPECT_EQ(o.at("SimpleReport").as_object().at("SignaturesCount").as_uint64(), 0u);
  EXPECT_TRUE(o.at("SimpleReport").as_object().at("signatureOrTimestampOrEvidenceRecord").as_array().empty());
}

TEST(DssReports, CertificateReportNestsTheChainAndNamesTheAnchor) {
  validation::testing::TestPki pki;
  validation::CertificateValidationReport r;
  r.indication = validation::Indication::kPassed;
  r.validation_time = day(2024, 6, 1);
  r.path.push_back({pki.ee, {}});
  r.path.push_back({pki.ca, {}});
  validation::TrustAnchor anchor;
  anchor.certificate = pki.root;
  anchor.subject = pki.root->subject();
  r.anchor = anchor;
  const auto o = certificate_reports_json(r, *pki.ee, {"QC for eSig with QSCD", "QC for eSig"});
  const auto& item = o.at("simpleCertificateReport").as_object().at("Certificate").as_object();
  EXPECT_EQ(item.at("Indication").as_string(), "PASSED");
  EXPECT_TRUE(item.at("SubIndication").is_null());
  EXPECT_EQ(item.at("qualificationAtIssuance").as_string(), "QC for eSig with QSCD");
  EXPECT_EQ(item.at("qualificationAtValidation").as_string(), "QC for eSig");
  EXPECT_TRUE(item.at("Id").as_string().starts_with("C-"));
  const auto& chain = item.at("ChainItem").as_array();
  ASSERT_EQ(chain.size(), 2u);  // the intermediate, then the anchor
  EXPECT_EQ(item.at("issuerId").as_string(), chain[0].as_object().at("Id").as_string());
  EXPECT_TRUE(chain[1].as_object().at("issuerId").is_null());
  EXPECT_EQ(o.at("diagnosticData").as_object().at("Certificate").as_array().size(), 3u);
  EXPECT_EQ(o.at("detailedReport").as_object().at("Certificate").as_object().at("Conclusion").as_object().at("Indication").as_string(),
            "PASSED");
}

}  // namespace
}  // namespace assay::service::dss
