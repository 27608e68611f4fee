// POST /api/v1/certificates/validation: request parsing and limits; the validation itself is the
// injected ValidateCertificateFn (context.h), which answers with the JSON of
// `assay certificates validate --json` (docs/certificate-validation.md).
#include <cctype>
#include <variant>

#include <mutex>

#include "engine/base64.h"
#include "service/http/internal/routes.h"
#include "service/json/certificate_validation_json.h"
#include "validation/certificate_validator.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace assay::service::http::internal {
namespace {

std::string without_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

}  // namespace

// One CRL or OCSP response: a PEM block with one of `labels`, or base64 of DER. The DER is only
// checked to start a SEQUENCE here; the validation parses it (and reports what it rejects).
std::variant<std::string, Response> decode_der_item(const Request& req, std::string_view text, const std::string& where,
                                                    std::initializer_list<std::string_view> labels) {
  std::string der;
  if (const auto begin = text.find("-----BEGIN "); begin != std::string_view::npos) {
    const auto label_start = begin + 11;
    const auto label_end = text.find("-----", label_start);
    if (label_end == std::string_view::npos) return error(req, 400, "bad_pem", where + ": unterminated PEM header");
    const std::string_view label = text.substr(label_start, label_end - label_start);
    bool accepted = false;
    for (const auto l : labels) accepted = accepted || l == label;
    if (!accepted) return error(req, 400, "bad_pem", where + ": unexpected PEM block \"" + std::string(label) + "\"");
    const std::string end_marker = "-----END " + std::string(label) + "-----";
    const auto body_start = label_end + 5;
    const auto end = text.find(end_marker, body_start);
    if (end == std::string_view::npos) return error(req, 400, "bad_pem", where + ": no " + end_marker + " line");
    auto decoded = engine::base64_decode(without_whitespace(text.substr(body_start, end - body_start)));
    if (!decoded) return error(req, 400, "bad_pem", where + ": the PEM body is not base64");
    der = std::move(*decoded);
  } else {
    auto decoded = engine::base64_decode(without_whitespace(text));
    if (!decoded) return error(req, 400, "bad_base64", where + " is neither PEM nor valid base64");
    der = std::move(*decoded);
  }
  if (der.size() < 2 || static_cast<unsigned char>(der[0]) != 0x30) {
    return error(req, 400, "bad_der", where + " is not a DER SEQUENCE");
  }
  return der;
}

namespace {

struct Parsed {
  CertificateValidationInput input;
  std::optional<engine::UtcTime> at;  // absent: the server's clock
};

std::variant<Parsed, Response> parse_request(const Request& req, const Context& ctx) {
  if (!is_json_content_type(req[beast_http::field::content_type])) {
    return error(req, 415, "unsupported_media_type", "send the request as application/json");
  }
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(req.body(), ec);
  if (ec) return error(req, 400, "bad_json", "the body is not valid JSON: " + ec.message());
  const auto* obj = doc.if_object();
  if (obj == nullptr) return error(req, 400, "bad_request", "the body must be a JSON object");
  for (const auto& [key, value] : *obj) {
    (void)value;
    if (key != "certificates" && key != "at" && key != "crls" && key != "ocsp_responses") {
      return error(req, 400, "bad_request", "unknown member \"" + std::string(key) + "\"");
    }
  }
  Parsed parsed;
  CertificateValidationInput& input = parsed.input;
  const auto* certs = obj->if_contains("certificates");
  if (certs == nullptr || !certs->is_array() || certs->as_array().empty()) {
    return error(req, 400, "bad_request", "\"certificates\" must be a non-empty array of PEM or base64 DER strings");
  }
  std::size_t i = 0;
  for (const auto& c : certs->as_array()) {
    const std::string where = "certificates[" + std::to_string(i++) + "]";
    if (!c.is_string()) return error(req, 400, "bad_request", where + " must be a string");
    if (auto failed = decode_certificate(req, c.as_string(), where, input.certificates)) return std::move(*failed);
    if (input.certificates.size() > ctx.max_certificates) {
      return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_certificates) + " certificates per request");
    }
  }
  std::size_t revocation_items = 0;
  for (const auto* member : {"crls", "ocsp_responses"}) {
    const auto* items = obj->if_contains(member);
    if (items == nullptr || items->is_null()) continue;
    if (!items->is_array()) {
      return error(req, 400, "bad_request", "\"" + std::string(member) + "\" must be an array of PEM or base64 DER strings");
    }
    const bool crl = std::string_view(member) == "crls";
    std::size_t k = 0;
    for (const auto& item : items->as_array()) {
      const std::string where = std::string(member) + "[" + std::to_string(k++) + "]";
      if (!item.is_string()) return error(req, 400, "bad_request", where + " must be a string");
      if (++revocation_items > ctx.max_revocation_items) {
        return error(req, 400, "bad_request",
                     "at most " + std::to_string(ctx.max_revocation_items) + " CRLs and OCSP responses per request");
      }
      auto der = crl ? decode_der_item(req, item.as_string(), where, {"X509 CRL"})
                     : decode_der_item(req, item.as_string(), where, {"OCSP RESPONSE"});
      if (auto* failed = std::get_if<Response>(&der)) return std::move(*failed);
      (crl ? input.crls : input.ocsp_responses).push_back(std::move(std::get<std::string>(der)));
    }
  }
  if (const auto* at = obj->if_contains("at"); at != nullptr && !at->is_null()) {
    if (!at->is_string()) return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 string");
    bool assumed_utc = false;
    auto t = engine::parse_utc_time(at->as_string(), &assumed_utc);
    if (!t || assumed_utc) {
      return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 instant with a zone (e.g. 2026-01-15T00:00:00Z)");
    }
    parsed.at = *t;
  }
  return parsed;
}

}  // namespace

Response post_certificate_validation(const Request& req, const Context& ctx) {
  auto parsed = parse_request(req, ctx);
  if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
  auto& p = std::get<Parsed>(parsed);
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  if (!ctx.validate_certificate) {
    return error(req, 501, "not_implemented", "certificate validation is not available in this build");
  }
  p.input.at = p.at ? *p.at : (ctx.now ? ctx.now() : bundle->state->trust_time);
  auto answer = ctx.validate_certificate(*bundle, p.input);
  if (!answer) return error(req, answer.error());
  boost::json::value result = std::move(*answer);
  boost::json::object body;
  if (result.is_object()) body = std::move(result.as_object());
  else body["result"] = std::move(result);
  body["trust_state"] = trust_state_evidence(*bundle);
  return json_response(req, 200, body);
}

}  // namespace assay::service::http::internal

namespace assay::service::http {

internal::SnapshotAnchors::SnapshotAnchors() : shared_(std::make_shared<Shared>()) {}

std::shared_ptr<const validation::TrustedListAnchors> internal::SnapshotAnchors::of(const TrustSnapshotBundle& bundle) const {
  std::lock_guard lock(shared_->mutex);
  if (!shared_->anchors || &shared_->anchors->snapshot() != bundle.snapshot.get()) {
    shared_->anchors = validation::TrustedListAnchors::build(bundle.snapshot);
  }
  return shared_->anchors;
}

ValidateCertificateReportFn engine_validate_certificate_report(const validation::OnlineSource* online) {
  return [anchors_of = internal::SnapshotAnchors(), online](const TrustSnapshotBundle& bundle,
                                                            const CertificateValidationInput& input)
             -> engine::Result<validation::CertificateValidationReport> {
    const auto anchors = anchors_of.of(bundle);
    auto checker = validation::StandardRevocationChecker::from_der(input.crls, input.ocsp_responses, online);
    if (!checker) return std::unexpected(checker.error());
    validation::CertificateValidationRequest request{input.certificates, input.at};
    validation::CertificateValidationContext context;
    context.anchors.push_back(anchors.get());
    context.revocation = checker->get();
    context.online = online;  // caIssuers for a path the request's certificates do not complete
    return validation::validate_certificate(request, context);
  };
}

ValidateCertificateFn engine_validate_certificate(const validation::OnlineSource* online) {
  return [validate = engine_validate_certificate_report(online)](
             const TrustSnapshotBundle& bundle,
             const CertificateValidationInput& input) -> engine::Result<boost::json::value> {
    auto report = validate(bundle, input);
    if (!report) return std::unexpected(report.error());
    return boost::json::value(json::certificate_validation_json(*report));
  };
}

}  // namespace assay::service::http
