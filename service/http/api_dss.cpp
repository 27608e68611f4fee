// The DSS-compatible endpoints (VALIDATION-APIS.md §1, §4; issue 17 item 6), so existing DSS
// clients can use assay and the audit runner can audit assay through its `dss:` adapter:
//   POST /services/rest/validation/validateSignature                DataToValidateDTO → WSReportsDTO
//   POST /services/rest/certificate-validation/validateCertificate  CertificateToValidateDTO → CertificateReportsDTO
// The validation is the same as the /api/v1 endpoints' (the injected functions of context.h), with
// the trusted lists in force as the only anchors. Errors: DSS answers 500 for everything; assay
// answers with its own status table and JSON error body (DSS clients only look for "not 200"):
// 400 a malformed DTO or a key assay cannot honour (an XML policy, a cryptographic suite, digest
// documents, evidence records — named in the message), 413 over a limit, 415 not JSON, 422 a
// document assay cannot read, 503 no trust snapshot yet.
#include "service/dss/dss_reports.h"
#include "service/dss/dss_requests.h"
#include "service/http/internal/routes.h"
#include "service/report/etsi_validation_report.h"

namespace assay::service::http::internal {
namespace {

Response dto_error(const Request& req, const engine::Error& e) {
  switch (e.code()) {
    case engine::Code::kUnsupported: return error(req, 400, "unsupported", e.message());
    case engine::Code::kResourceExhausted: return error(req, 413, "too_large", e.message());
    default: return error(req, 400, "bad_request", e.message());
  }
}

}  // namespace

Response post_dss_validate_signature(const Request& req, const Context& ctx) {
  if (!is_json_content_type(req[beast_http::field::content_type])) {
    return error(req, 415, "unsupported_media_type", "send the DataToValidateDTO as application/json");
  }
  auto dto = dss::parse_signature_validation_request(req.body(), ctx.max_detached_files);
  if (!dto) return dto_error(req, dto.error());
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  if (!ctx.validate_signatures) {
    return error(req, 501, "not_implemented", "signature validation is not available in this build");
  }
  SignatureValidationInput input;
  input.document = std::move(dto->signed_document.bytes);
  for (auto& d : dto->original_documents) input.detached.push_back({std::move(d.name), std::move(d.bytes)});
  input.at = dto->validation_time ? *dto->validation_time : (ctx.now ? ctx.now() : bundle->state->trust_time);
  auto report = ctx.validate_signatures(*bundle, input);
  if (!report) {
    const auto code = report.error().code();
    if (code == engine::Code::kUnsupported || code == engine::Code::kMalformed) {
      return error(req, 422, "unprocessable_document", report.error().message());
    }
    return error(req, report.error());
  }
  return json_response(req, 200,
                       dss::ws_reports_json(*report, dto->signed_document.name, report::etsi_validation_report_xml(*report)));
}

Response post_dss_validate_certificate(const Request& req, const Context& ctx) {
  if (!is_json_content_type(req[beast_http::field::content_type])) {
    return error(req, 415, "unsupported_media_type", "send the CertificateToValidateDTO as application/json");
  }
  auto dto = dss::parse_certificate_validation_request(req.body(), ctx.max_certificates);
  if (!dto) return dto_error(req, dto.error());
  CertificateValidationInput input;
  for (std::size_t i = 0; i < dto->certificates.size(); ++i) {
    auto c = engine::Certificate::parse_der(dto->certificates[i]);
    if (!c) {
      return error(req, 400, "bad_certificate",
                   (i == 0 ? std::string("certificate") : "certificateChain[" + std::to_string(i - 1) + "]") +
                       " is not a DER certificate: " + c.error().message());
    }
    input.certificates.push_back(std::move(*c));
  }
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  if (!ctx.validate_certificate_report) {
    return error(req, 501, "not_implemented", "certificate validation is not available in this build");
  }
  input.at = dto->validation_time ? *dto->validation_time : (ctx.now ? ctx.now() : bundle->state->trust_time);
  auto report = ctx.validate_certificate_report(*bundle, input);
  if (!report) return error(req, report.error());
  // The qualification at issuance and at the validation time (DSS's qualificationAtIssuance /
  // qualificationAtValidation), from the bundle's lists over the validated path when one was
  // built (it holds the issuers the request may not have sent), else the request's certificates.
  std::vector<engine::CertificatePtr> chain;
  for (const auto& e : report->path) {
    if (e.certificate) chain.push_back(e.certificate);
  }
  if (report->anchor && report->anchor->certificate) chain.push_back(report->anchor->certificate);
  if (chain.empty() || chain.front()->sha256_fingerprint() != input.certificates.front()->sha256_fingerprint()) {
    chain = input.certificates;
  }
  dss::DssCertificateQualification qualification;
  if (bundle->snapshot) qualification = dss::certificate_qualification(tsl::qualify(*bundle->snapshot, chain, input.at));
  return json_response(req, 200, dss::certificate_reports_json(*report, *input.certificates.front(), qualification));
}

}  // namespace assay::service::http::internal
