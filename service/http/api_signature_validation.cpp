// POST /api/v1/signatures/validation: the request (a JSON body with base64 contents, or a
// multipart/form-data upload), its limits, and the answer (the JSON of `assay validate --json`
// plus "trust_state", or with ?report=etsi the ETSI TS 119 102-2 XML). The validation itself is
// the injected ValidateSignaturesFn (context.h). Status codes: 200 whatever the signatures'
// indications (the validation ran; a document without signature is `signatures: []`), 400 a
// malformed request, 413 too large (the server's body cap, or the document's own caps), 415 a
// body that is neither JSON nor multipart/form-data, 422 a document assay cannot read (not a
// supported format, not well-formed XML), 503 no trust snapshot yet.
#include <mutex>

#include "engine/base64.h"
#include "service/config/validation_policy_toml.h"
#include "service/http/internal/multipart.h"
#include "service/http/internal/routes.h"
#include "service/json/signature_validation_json.h"
#include "service/json/strict_parse.h"
#include "service/report/etsi_validation_report.h"
#include "validation/explicit_anchors.h"
#include "validation/revocation/standard_revocation_checker.h"
#include "validation/trusted_list_anchors.h"

namespace assay::service::http::internal {
namespace {

constexpr std::size_t kMaxFormParts = 64;
constexpr std::size_t kMaxNameBytes = 1024;  // a detached content's name

struct Parsed {
  SignatureValidationInput input;
  std::optional<engine::UtcTime> at;  // absent: the server's clock
  bool detailed = false;
  bool has_document = false;
};

std::optional<Response> parse_at(const Request& req, std::string_view text, Parsed& p) {
  bool assumed_utc = false;
  auto t = engine::parse_utc_time(text, &assumed_utc);
  if (!t || assumed_utc) {
    return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 instant with a zone (e.g. 2026-01-15T00:00:00Z)");
  }
  p.at = *t;
  return std::nullopt;
}

std::optional<Response> parse_policy(const Request& req, std::string_view toml, Parsed& p) {
  auto policy = config::parse_validation_policy(toml, "the request's policy");
  if (!policy) return error(req, 400, "bad_policy", policy.error().message());
  p.input.policy = std::make_shared<const validation::ValidationPolicy>(std::move(*policy));
  return std::nullopt;
}

std::optional<Response> add_detached(const Request& req, const Context& ctx, std::string name, std::string bytes,
                                     Parsed& p) {
  if (name.empty() || name.size() > kMaxNameBytes) {
    return error(req, 400, "bad_request", "a detached content needs a name (the reference URI it stands for), at most " +
                                              std::to_string(kMaxNameBytes) + " bytes");
  }
  if (p.input.detached.size() == ctx.max_detached_files) {
    return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_detached_files) + " detached contents per request");
  }
  p.input.detached.push_back({std::move(name), std::move(bytes)});
  return std::nullopt;
}

std::optional<Response> add_revocation(const Request& req, const Context& ctx, bool crl, std::string der, Parsed& p) {
  if (p.input.crls.size() + p.input.ocsp_responses.size() == ctx.max_revocation_items) {
    return error(req, 400, "bad_request",
                 "at most " + std::to_string(ctx.max_revocation_items) + " CRLs and OCSP responses per request");
  }
  (crl ? p.input.crls : p.input.ocsp_responses).push_back(std::move(der));
  return std::nullopt;
}

std::optional<Response> add_anchors(const Request& req, const Context& ctx, std::string_view text, const std::string& where,
                                    Parsed& p) {
  if (auto failed = decode_certificate(req, text, where, p.input.anchors)) return failed;
  if (p.input.anchors.size() > ctx.max_certificates) {
    return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_certificates) + " anchors per request");
  }
  return std::nullopt;
}

std::optional<std::string> base64_content(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (const char c : text) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') compact += c;
  }
  auto decoded = engine::base64_decode(compact);
  if (!decoded) return std::nullopt;
  return std::move(*decoded);
}

// {"document": base64, "detached": [{"name", "content": base64}], "at", "policy", "anchors",
//  "crls", "ocsp_responses", "detailed"}
std::variant<Parsed, Response> parse_json(const Request& req, const Context& ctx) {
  auto doc = json::parse_strict(req.body());
  if (!doc) return error(req, 400, "bad_json", "the body is not acceptable JSON: " + doc.error().message());
  const auto* obj = doc->if_object();
  if (obj == nullptr) return error(req, 400, "bad_request", "the body must be a JSON object");
  Parsed p;
  for (const auto& [key, value] : *obj) {
    if (key == "document") {
      if (!value.is_string()) return error(req, 400, "bad_request", "\"document\" must be a base64 string");
      auto bytes = base64_content(value.as_string());
      if (!bytes) return error(req, 400, "bad_base64", "\"document\" is not valid base64");
      p.input.document = std::move(*bytes);
      p.has_document = true;
    } else if (key == "detached") {
      if (!value.is_array()) return error(req, 400, "bad_request", "\"detached\" must be an array of {name, content}");
      std::size_t i = 0;
      for (const auto& item : value.as_array()) {
        const std::string where = "detached[" + std::to_string(i++) + "]";
        const auto* d = item.if_object();
        const auto* name = d ? d->if_contains("name") : nullptr;
        const auto* content = d ? d->if_contains("content") : nullptr;
        if (d == nullptr || d->size() != 2 || name == nullptr || !name->is_string() || content == nullptr ||
            !content->is_string()) {
          return error(req, 400, "bad_request", where + " must be {\"name\": string, \"content\": base64 string}");
        }
        auto bytes = base64_content(content->as_string());
        if (!bytes) return error(req, 400, "bad_base64", where + ".content is not valid base64");
        if (auto failed = add_detached(req, ctx, std::string(name->as_string()), std::move(*bytes), p)) return std::move(*failed);
      }
    } else if (key == "anchors" || key == "crls" || key == "ocsp_responses") {
      if (!value.is_array()) {
        return error(req, 400, "bad_request", "\"" + std::string(key) + "\" must be an array of PEM or base64 DER strings");
      }
      std::size_t i = 0;
      for (const auto& item : value.as_array()) {
        const std::string where = std::string(key) + "[" + std::to_string(i++) + "]";
        if (!item.is_string()) return error(req, 400, "bad_request", where + " must be a string");
        if (key == "anchors") {
          if (auto failed = add_anchors(req, ctx, item.as_string(), where, p)) return std::move(*failed);
          continue;
        }
        const bool crl = key == "crls";
        auto der = decode_der_item(req, item.as_string(), where, {crl ? "X509 CRL" : "OCSP RESPONSE"});
        if (auto* failed = std::get_if<Response>(&der)) return std::move(*failed);
        if (auto failed = add_revocation(req, ctx, crl, std::move(std::get<std::string>(der)), p)) return std::move(*failed);
      }
    } else if (key == "at") {
      if (value.is_null()) continue;
      if (!value.is_string()) return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 string");
      if (auto failed = parse_at(req, value.as_string(), p)) return std::move(*failed);
    } else if (key == "policy") {
      if (value.is_null()) continue;
      if (!value.is_string()) return error(req, 400, "bad_policy", "\"policy\" must be a TOML text (docs/validation-policy.md)");
      if (auto failed = parse_policy(req, value.as_string(), p)) return std::move(*failed);
    } else if (key == "detailed") {
      if (!value.is_bool()) return error(req, 400, "bad_request", "\"detailed\" must be true or false");
      p.detailed = value.as_bool();
    } else {
      return error(req, 400, "bad_request", "unknown member \"" + std::string(key) + "\"");
    }
  }
  return p;
}

// Fields: document (file), detached (file, repeatable; its filename is the reference name), at,
// detailed ("true"/"false"), policy (TOML), anchor / crl / ocsp (files, repeatable: PEM or DER).
std::variant<Parsed, Response> parse_multipart(const Request& req, const Context& ctx, const std::string& boundary) {
  std::string why;
  auto parts = parse_form_data(req.body(), boundary, kMaxFormParts, why);
  if (!parts) return error(req, 400, "bad_multipart", "the multipart/form-data body is malformed: " + why);
  Parsed p;
  std::size_t counter = 0;
  for (const auto& part : *parts) {
    const std::string where = part.name + " (part " + std::to_string(++counter) + ")";
    if (part.name == "document") {
      if (p.has_document) return error(req, 400, "bad_request", "more than one \"document\" part");
      p.input.document = std::string(part.body);
      p.has_document = true;
    } else if (part.name == "detached") {
      if (!part.filename) return error(req, 400, "bad_request", where + " needs a filename (the reference name)");
      if (auto failed = add_detached(req, ctx, *part.filename, std::string(part.body), p)) return std::move(*failed);
    } else if (part.name == "at") {
      if (auto failed = parse_at(req, part.body, p)) return std::move(*failed);
    } else if (part.name == "detailed") {
      if (part.body != "true" && part.body != "false") return error(req, 400, "bad_request", "\"detailed\" must be true or false");
      p.detailed = part.body == "true";
    } else if (part.name == "policy") {
      if (auto failed = parse_policy(req, part.body, p)) return std::move(*failed);
    } else if (part.name == "anchor") {
      // A PEM text as it is; DER as base64, the form decode_certificate reads.
      const bool pem = part.body.find("-----BEGIN") != std::string_view::npos;
      if (auto failed = add_anchors(req, ctx, pem ? std::string(part.body) : engine::base64_encode(part.body), where, p)) {
        return std::move(*failed);
      }
    } else if (part.name == "crl" || part.name == "ocsp") {
      const bool crl = part.name == "crl";
      const bool pem = part.body.find("-----BEGIN") != std::string_view::npos;
      auto der = decode_der_item(req, pem ? std::string(part.body) : engine::base64_encode(part.body), where,
                                 {crl ? "X509 CRL" : "OCSP RESPONSE"});
      if (auto* failed = std::get_if<Response>(&der)) return std::move(*failed);
      if (auto failed = add_revocation(req, ctx, crl, std::move(std::get<std::string>(der)), p)) return std::move(*failed);
    } else {
      return error(req, 400, "bad_request", "unknown form field \"" + part.name + "\"");
    }
  }
  return p;
}

}  // namespace

Response post_signature_validation(const Request& req, const Context& ctx, const Target& target) {
  const auto report_kind = target.param("report");
  if (report_kind && *report_kind != "json" && *report_kind != "etsi") {
    return error(req, 400, "bad_request", "report must be \"json\" (the default) or \"etsi\" (ETSI TS 119 102-2 XML)");
  }
  const std::string_view content_type = req[beast_http::field::content_type];
  std::variant<Parsed, Response> parsed = Response{};
  if (is_json_content_type(content_type)) {
    parsed = parse_json(req, ctx);
  } else if (auto boundary = form_data_boundary(content_type)) {
    parsed = parse_multipart(req, ctx, *boundary);
  } else {
    return error(req, 415, "unsupported_media_type",
                 "send application/json (base64 contents) or multipart/form-data (a \"document\" file part)");
  }
  if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
  auto& p = std::get<Parsed>(parsed);
  if (!p.has_document) return error(req, 400, "bad_request", "the request has no \"document\"");
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  if (!ctx.validate_signatures) {
    return error(req, 501, "not_implemented", "signature validation is not available in this build");
  }
  p.input.at = p.at ? *p.at : (ctx.now ? ctx.now() : bundle->state->trust_time);
  auto report = ctx.validate_signatures(*bundle, p.input);
  if (!report) {
    const auto& e = report.error();
    if (e.code() == engine::Code::kUnsupported || e.code() == engine::Code::kMalformed) {
      // Revocation data the caller sent that does not parse is a bad request; a document that
      // cannot be read is unprocessable content (RFC 9110 15.5.21).
      const bool revocation = e.message().starts_with("revocation data: ");
      return error(req, revocation ? 400 : 422, revocation ? "bad_revocation_data" : "unprocessable_document",
                   e.message());
    }
    return error(req, e);
  }
  if (report_kind && *report_kind == "etsi") {
    return text_response(req, 200, "application/xml; charset=utf-8", report::etsi_validation_report_xml(*report));
  }
  boost::json::object body = json::signature_validation_json(*report, p.detailed);
  body["trust_state"] = trust_state_evidence(*bundle);
  return json_response(req, 200, body);
}

}  // namespace assay::service::http::internal

namespace assay::service::http {

ValidateSignaturesFn engine_validate_signatures(const validation::OnlineSource* online) {
  return [anchors_of = internal::SnapshotAnchors(), online](const TrustSnapshotBundle& bundle,
                                                            const SignatureValidationInput& input)
             -> engine::Result<validation::DocumentValidationReport> {
    const auto anchors = anchors_of.of(bundle);
    auto checker = validation::StandardRevocationChecker::from_der(input.crls, input.ocsp_responses, online);
    if (!checker) return std::unexpected(std::move(checker.error()).with_context("revocation data"));
    validation::ExplicitTrustAnchors explicit_anchors(input.anchors);
    validation::SignatureValidationContext context;
    if (!input.anchors.empty()) context.certificates.anchors.push_back(&explicit_anchors);
    context.certificates.anchors.push_back(anchors.get());
    context.certificates.revocation = checker->get();
    context.certificates.online = online;
    context.certificates.policy = input.policy.get();
    context.snapshot = bundle.snapshot.get();
    context.at = input.at;
    return validation::validate_document(input.document, input.detached, context);
  };
}

}  // namespace assay::service::http
