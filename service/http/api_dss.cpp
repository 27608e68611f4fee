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

// One instant's answer of `assay qualify --json` ({"qc","type","qscd_status"}) as DSS names a
// certificate's qualification (VALIDATION-APIS.md §1.8): "QC for eSig with QSCD", "Cert for
// eSeal", "QC for unknown type", "N/A". Absent when the instant was not answered.
std::optional<std::string> dss_qualification_name(const boost::json::value* instant) {
  const auto* o = instant != nullptr ? instant->if_object() : nullptr;
  if (o == nullptr) return std::nullopt;
  auto text = [&](const char* key) -> std::string {
    const auto* v = o->if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const std::string qc = text("qc"), type = text("type"), qscd = text("qscd_status");
  if (qc == "na") return std::string("N/A");
  if (qc != "yes" && qc != "no") return std::nullopt;
  const std::string kind = type == "esig" ? "eSig" : type == "eseal" ? "eSeal" : type == "wsa" ? "WSA" : "unknown type";
  return (qc == "yes" ? "QC for " : "Cert for ") + kind + (qc == "yes" && qscd == "yes" && type != "wsa" ? " with QSCD" : "");
}

// The certificate's qualification at issuance and at the validation time, from the trusted lists
// in force (the same QualifyFn as /api/v1/qualification); both absent without a QualifyFn.
dss::DssCertificateQualification certificate_qualification(const Context& ctx, const TrustSnapshotBundle& bundle,
                                                           const std::vector<engine::CertificatePtr>& chain,
                                                           engine::UtcTime at) {
  if (!ctx.qualify || chain.empty()) return {};
  const boost::json::value answer = ctx.qualify(bundle, chain, at);
  const auto* o = answer.if_object();
  if (o == nullptr) return {};
  return {dss_qualification_name(o->if_contains("at_issuance")), dss_qualification_name(o->if_contains("at_time"))};
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
  return json_response(req, 200,
                       dss::certificate_reports_json(*report, *input.certificates.front(),
                                                     certificate_qualification(ctx, *bundle, input.certificates, input.at)));
}

}  // namespace assay::service::http::internal
