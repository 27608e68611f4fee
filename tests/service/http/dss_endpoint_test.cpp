// The DSS-compatible endpoints on the handler (issue 17 item 6; VALIDATION-APIS.md §1, §4) over
// the sample federation (trust time 2026-01-15): a qualified XAdES-BASELINE-LT sample through
// validateSignature answers DSS's WSReportsDTO with the expected outcome (expected-signatures.tsv:
// lt-enveloped, TOTAL_PASSED, QESig), an unsigned document SignaturesCount 0, the request errors;
// a sample certificate through validateCertificate answers a CertificateReportsDTO.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/base64.h"
#include "service/http/handler.h"
#include "tests/service/http/federation_fixture.h"

namespace assay::service::http {
namespace {

using testing::SampleFederation;

constexpr const char* kSignature = "/services/rest/validation/validateSignature";
constexpr const char* kCertificate = "/services/rest/certificate-validation/validateCertificate";

Request post(std::string target, std::string body, std::string content_type = "application/json") {
  Request r{beast_http::verb::post, target, 11};
  r.set(beast_http::field::host, "localhost");
  if (!content_type.empty()) r.set(beast_http::field::content_type, content_type);
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string error_code(const Response& r) {
  return std::string(boost::json::parse(r.body()).at("error").at("code").as_string());
}

class DssEndpoints : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    federation_ = new SampleFederation();
    ASSERT_TRUE(federation_->refresh());
    federation_->context().validate_signatures = engine_validate_signatures();
    federation_->context().validate_certificate_report = engine_validate_certificate_report();
  }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  static Context& ctx() { return federation_->context(); }
  static std::filesystem::path samples() { return testing::sample_federation_dir(); }
  static SampleFederation* federation_;

  static std::string dto(const std::string& document, const std::string& extra = "") {
    return R"({"signedDocument":{"bytes":")" + engine::base64_encode(document) +
           R"(","digestAlgorithm":null,"name":"lt-enveloped.xml"},"originalDocuments":null,"policy":null,)"
           R"("validationTime":"2026-01-15T00:00:00Z","tokenExtractionStrategy":"NONE")" + extra + "}";
  }
};
SampleFederation* DssEndpoints::federation_ = nullptr;

TEST_F(DssEndpoints, ValidateSignatureAnswersTheWsReportsDto) {
  const auto r = handle(post(kSignature, dto(read(samples() / "signatures" / "lt-enveloped.xml"))), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto o = boost::json::parse(r.body()).as_object();
  for (const char* key : {"validationReportDataHandler", "DiagnosticData", "SimpleReport", "DetailedReport"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
  const auto xml = engine::base64_decode(o.at("validationReportDataHandler").as_string());
  ASSERT_TRUE(xml.has_value());
  EXPECT_NE(xml->find("ValidationReport"), std::string::npos);
  const auto& simple = o.at("SimpleReport").as_object();
  EXPECT_EQ(simple.at("SignaturesCount").to_number<std::int64_t>(), 1);
  EXPECT_EQ(simple.at("ValidSignaturesCount").to_number<std::int64_t>(), 1);
  EXPECT_EQ(simple.at("DocumentName").as_string(), "lt-enveloped.xml");
  const auto& sig = simple.at("signatureOrTimestampOrEvidenceRecord").as_array().at(0).as_object().at("Signature").as_object();
  EXPECT_EQ(sig.at("Indication").as_string(), "TOTAL_PASSED");
  EXPECT_TRUE(sig.at("SubIndication").is_null());
  EXPECT_EQ(sig.at("SignatureLevel").as_object().at("value").as_string(), "QESig");
  EXPECT_EQ(sig.at("SignatureFormat").as_string(), "XAdES-BASELINE-LT");
  // The anchor of the chain is named with its trusted-list service.
  const auto& chain = sig.at("CertificateChain").as_object().at("Certificate").as_array();
  ASSERT_FALSE(chain.empty());
  EXPECT_EQ(chain.back().as_object().at("trusted").as_bool(), true);
  EXPECT_FALSE(chain.back().as_object().at("TrustAnchors").is_null());
}

TEST_F(DssEndpoints, UnsignedDocumentIsZeroSignaturesAndUnreadableIs422) {
  const auto unsigned_doc = handle(post(kSignature, dto("<invoice>42</invoice>")), ctx());
  ASSERT_EQ(unsigned_doc.result_int(), 200) << unsigned_doc.body();
  EXPECT_EQ(boost::json::parse(unsigned_doc.body()).at("SimpleReport").at("SignaturesCount").to_number<std::int64_t>(), 0);
  const auto garbage = handle(post(kSignature, dto("\x01\x02 not a document")), ctx());
  EXPECT_EQ(garbage.result_int(), 422) << garbage.body();
}

TEST_F(DssEndpoints, RequestErrorsAreClear) {
  const std::string doc = "<a/>";
  auto r = handle(post(kSignature, dto(doc, R"(,"surprise":1)")), ctx());
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(error_code(r), "bad_request");
  r = handle(post(kSignature, R"({"signedDocument":{"bytes":"PGEvPg=="},"policy":{"bytes":"PGEvPg=="}})"), ctx());
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(error_code(r), "unsupported");
  r = handle(post(kSignature, dto(doc), "text/plain"), ctx());
  EXPECT_EQ(r.result_int(), 415);
  Request get{beast_http::verb::get, kSignature, 11};
  get.set(beast_http::field::host, "localhost");
  EXPECT_EQ(handle(get, ctx()).result_int(), 405);
  r = handle(post(kCertificate, R"({"certificate":{"encodedCertificate":"MAMCAQE="}})"), ctx());
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(error_code(r), "bad_certificate");
}

TEST_F(DssEndpoints, ValidateCertificateAnswersTheCertificateReportsDto) {
  const std::string pem = read(samples() / "validation" / "valid-good.pem");
  auto cert = engine::Certificate::parse_pem_chain(pem);
  ASSERT_TRUE(cert.has_value() && !cert->empty());
  const std::string body = R"({"certificate":{"encodedCertificate":")" + engine::base64_encode((*cert)[0]->der()) +
                           R"("},"certificateChain":null,"validationTime":"2026-01-15T00:00:00Z","policy":null})";
  const auto r = handle(post(kCertificate, body), ctx());
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto o = boost::json::parse(r.body()).as_object();
  const auto& item = o.at("simpleCertificateReport").at("Certificate").as_object();
  // No revocation data can be sent through this DTO: the default policy requires it
  // (expected-validation.tsv: valid-good, none → INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE).
  EXPECT_EQ(item.at("Indication").as_string(), "INDETERMINATE");
  EXPECT_EQ(item.at("SubIndication").as_string(), "CERTIFICATE_CHAIN_GENERAL_FAILURE");
  // The qualification is always determined (a certificate no list speaks for is "N/A").
  EXPECT_TRUE(item.at("qualificationAtIssuance").is_string());
  EXPECT_TRUE(item.at("qualificationAtValidation").is_string());
  EXPECT_TRUE(o.contains("diagnosticData"));
  EXPECT_TRUE(o.contains("detailedReport"));
}

// Issue 17: the qualification fields in DSS's vocabulary (VALIDATION-APIS.md §1), from assay's
// qualification of the sample federation's certificates (expected.tsv): at issuance and at the
// validation time, which differ for a certificate whose CA/QC service was withdrawn after it
// was issued.
TEST_F(DssEndpoints, ValidateCertificateAnswersTheQualificationAtIssuanceAndAtValidation) {
  const struct {
    const char* certificate;
    const char* at;
    const char* at_issuance;
    const char* at_validation;
  } rows[] = {
      {"esig-qscd", "2025-06-01T00:00:00Z", "QC for eSig with QSCD", "QC for eSig with QSCD"},
      {"eseal-no-qscd", "2025-06-01T00:00:00Z", "QC for eSeal", "QC for eSeal"},
      {"withdrawn-after-issuance", "2024-06-01T00:00:00Z", "QC for eSig with QSCD", "QC for eSig with QSCD"},
      {"withdrawn-after-issuance", "2025-06-01T00:00:00Z", "QC for eSig with QSCD", "Cert for eSig"},
      {"conflict-two-services", "2025-06-01T00:00:00Z", "N/A", "N/A"},
  };
  for (const auto& row : rows) {
    auto chain = engine::Certificate::parse_pem_chain(read(samples() / "certs" / (std::string(row.certificate) + ".pem")));
    ASSERT_TRUE(chain.has_value() && !chain->empty()) << row.certificate;
    std::string issuers;
    for (std::size_t i = 1; i < chain->size(); ++i) {
      issuers += std::string(i > 1 ? "," : "") + R"({"encodedCertificate":")" + engine::base64_encode((*chain)[i]->der()) + R"("})";
    }
    const std::string body = R"({"certificate":{"encodedCertificate":")" + engine::base64_encode((*chain)[0]->der()) +
                             R"("},"certificateChain":[)" + issuers + R"(],"validationTime":")" + row.at + R"(","policy":null})";
    const auto r = handle(post(kCertificate, body), ctx());
    ASSERT_EQ(r.result_int(), 200) << r.body();
    const boost::json::value answer = boost::json::parse(r.body());
    const auto& item = answer.at("simpleCertificateReport").at("Certificate").as_object();
    EXPECT_EQ(item.at("qualificationAtIssuance"), boost::json::value(row.at_issuance)) << row.certificate << " at " << row.at;
    EXPECT_EQ(item.at("qualificationAtValidation"), boost::json::value(row.at_validation)) << row.certificate << " at " << row.at;
  }
}

}  // namespace
}  // namespace assay::service::http
