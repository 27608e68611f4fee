// Ask: upload a certificate (or a chain) → its qualification at issuance and at a chosen time,
// with the evidence in words, and its validation (EN 319 102-1); upload a signed document (+
// detached content) → the signature validation report, simple and detailed, downloadable as the
// JSON and the ETSI TS 119 102-2 XML. The uploads are turned into the JSON requests of
// POST /api/v1/qualification, /api/v1/certificates/validation and /api/v1/signatures/validation and
// answered by those very handlers: the console adds no validation logic of its own.
#include <variant>

#include "engine/base64.h"
#include "service/console/ask_render.h"
#include "service/console/pages.h"
#include "service/http/internal/multipart.h"

namespace assay::service::console {
namespace {

namespace bj = boost::json;
namespace beast_http = boost::beast::http;
constexpr std::size_t kMaxParts = 40;

Request api_request(const Request& req, std::string_view target, const bj::object& body) {
  Request r{beast_http::verb::post, target, req.version()};
  r.set(beast_http::field::content_type, "application/json");
  r.body() = bj::serialize(body);
  r.prepare_payload();
  return r;
}

struct Upload {
  std::vector<http::internal::FormPart> parts;  // views into the request body
  std::string at;
};

// The form's parts without the empty ones (a file input left empty is sent as an empty part).
std::variant<Upload, Response> read_form(const Request& req) {
  auto boundary = http::internal::form_data_boundary(req[beast_http::field::content_type]);
  if (!boundary) {
    return error_page(req, 415, "The upload did not arrive as a form (multipart/form-data).",
                      "Use the forms on the Ask page; scripts can call the /api/v1 endpoints instead.");
  }
  std::string why;
  auto parts = http::internal::parse_form_data(req.body(), *boundary, kMaxParts, why);
  if (!parts) return error_page(req, 400, "The upload is malformed: " + why + ".", "Send the form again from the Ask page.");
  Upload u;
  for (auto& p : *parts) {
    if (p.body.empty()) continue;
    if (p.name == "at") u.at = std::string(p.body);
    else u.parts.push_back(p);
  }
  return u;
}

std::string default_at(const Context& ctx) {
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  const auto fallback = bundle && bundle->state ? bundle->state->trust_time : engine::system_now();
  return engine::format_utc_time(ctx.now ? ctx.now() : fallback);
}

void at_field(Html& h, std::string_view id, const std::string& value) {
  h.open("div").el("label", "Instant (RFC 3339 with its zone)", {{"for", std::string(id)}});
  h.empty("input", {{"type", "text"}, {"id", std::string(id)}, {"name", "at"}, {"value", value}, {"required", "required"},
                    {"pattern", ".*(Z|\\+[0-9]{2}:[0-9]{2}|-[0-9]{2}:[0-9]{2})"}, {"title", "e.g. 2026-01-15T00:00:00Z"}});
  h.close("div");
}

void certificate_form(Html& h, const std::string& at) {
  h.el("h2", "A certificate or a chain");
  h.el("p", "Upload a certificate (PEM or DER) — or a PEM chain, the certificate first, then its issuers. The answer is its "
            "qualification at issuance and at the instant you choose (ETSI TS 119 615), with the evidence, and its "
            "validation (EN 319 102-1) against the trusted lists in force.");
  h.open("form", {{"class", "box"}, {"method", "post"}, {"action", "/console/ask/certificate"}, {"enctype", "multipart/form-data"}});
  h.open("p").el("label", "Certificate file", {{"for", "chain"}});
  h.empty("input", {{"type", "file"}, {"id", "chain"}, {"name", "chain"}, {"accept", ".pem,.crt,.cer,.der"}}).close("p");
  h.open("p").el("label", "…or paste PEM", {{"for", "pem"}});
  h.el("textarea", "", {{"id", "pem"}, {"name", "pem"}, {"rows", "4"}, {"placeholder", "-----BEGIN CERTIFICATE-----"}}).close("p");
  h.open("div", {{"class", "inline"}});
  at_field(h, "cert-at", at);
  h.close("div").literal("<p><button type=\"submit\">Qualify and validate</button></p></form>");
}

void signature_form(Html& h, const std::string& at) {
  h.el("h2", "A signed document");
  h.el("p", "Upload a signed document (XAdES, CAdES, PAdES, JAdES or ASiC) and, for a detached signature, the signed content "
            "(its file name must be the one the signature refers to). The answer is the validation report of each signature.");
  h.open("form", {{"class", "box"}, {"method", "post"}, {"action", "/console/ask/signature"}, {"enctype", "multipart/form-data"}});
  h.open("p").el("label", "Signed document", {{"for", "document"}});
  h.empty("input", {{"type", "file"}, {"id", "document"}, {"name", "document"}, {"required", "required"}}).close("p");
  h.open("p").el("label", "Detached content (optional, several allowed)", {{"for", "detached"}});
  h.empty("input", {{"type", "file"}, {"id", "detached"}, {"name", "detached"}, {"multiple", "multiple"}}).close("p");
  h.open("div", {{"class", "inline"}});
  at_field(h, "sig-at", at);
  h.close("div");
  h.literal("<p><button type=\"submit\">Validate</button> "
            "<button type=\"submit\" class=\"secondary\" formaction=\"/console/ask/signature?download=json\">Download the JSON report</button> "
            "<button type=\"submit\" class=\"secondary\" formaction=\"/console/ask/signature?download=etsi\">Download the ETSI TS 119 102-2 XML</button>"
            "</p></form>");
}

Response api_refused(const Request& req, const Response& api, std::string_view what_to_do) {
  const auto status = api.result_int();
  if (status == 503) return error_page(req, 503, api_error_message(api) + ".", "Wait for the first refresh and send the form again.");
  if (status == 501) return error_page(req, 501, api_error_message(api) + ".", "This server was started without that function.");
  return error_page(req, status, "The service could not answer: " + api_error_message(api) + ".", what_to_do);
}

}  // namespace

Response ask_page(const Request& req, const Context& ctx) {
  Page p{.title = "Ask", .section = "ask", .json_href = "/api/v1/openapi.yaml", .body = {}};
  const auto at = default_at(ctx);
  p.body.el("p", "Questions answered from the trusted lists in force; each answer shows its evidence. The same answers are "
                 "available as JSON from the /api/v1 endpoints (the JSON link describes them).",
            {{"class", "meta"}});
  certificate_form(p.body, at);
  signature_form(p.body, at);
  return render(req, std::move(p));
}

Response ask_certificate(const Request& req, const Context& ctx, const Target&) {
  auto form = read_form(req);
  if (auto* r = std::get_if<Response>(&form)) return std::move(*r);
  auto& u = std::get<Upload>(form);
  bj::array certificates;
  for (const auto& part : u.parts) {
    if (part.name != "chain" && part.name != "pem") {
      return error_page(req, 400, "The form has an unknown field \"" + part.name + "\".", "Send the form from the Ask page.");
    }
    const bool pem = part.body.find("-----BEGIN") != std::string_view::npos;
    certificates.push_back(bj::string(pem ? std::string(part.body) : engine::base64_encode(part.body)));
  }
  if (certificates.empty()) {
    return error_page(req, 400, "No certificate was uploaded.", "Choose a certificate file or paste its PEM, then send the form again.");
  }
  bj::object body{{"certificates", certificates}};
  if (!u.at.empty()) body["at"] = u.at;
  const auto qualification = http::internal::post_qualification(api_request(req, "/api/v1/qualification", body), ctx);
  if (qualification.result_int() != 200) {
    return api_refused(req, qualification,
                       "Upload a PEM or DER certificate (a chain: the certificate first), and give the instant with its zone, "
                       "e.g. 2026-01-15T00:00:00Z.");
  }
  const auto validation =
      http::internal::post_certificate_validation(api_request(req, "/api/v1/certificates/validation", body), ctx);
  Page p{.title = "Certificate: qualification and validation", .section = "ask", .json_href = "#answer-json", .body = {}};
  render_certificate_answer(p.body, body_json(qualification), validation.result_int() == 200 ? body_json(validation) : bj::value(),
                            validation.result_int() == 200 ? std::string() : api_error_message(validation));
  p.body.open("p").link("/console/ask", "Ask another question").close("p");
  return render(req, std::move(p));
}

Response ask_signature(const Request& req, const Context& ctx, const Target& target) {
  const auto download = target.param("download").value_or("");
  if (!download.empty() && download != "json" && download != "etsi") {
    return error_page(req, 400, "download must be json or etsi.", "Use the download buttons of the form.");
  }
  auto form = read_form(req);
  if (auto* r = std::get_if<Response>(&form)) return std::move(*r);
  auto& u = std::get<Upload>(form);
  bj::object body;
  bj::array detached;
  for (const auto& part : u.parts) {
    if (part.name == "document") {
      body["document"] = engine::base64_encode(part.body);
    } else if (part.name == "detached") {
      detached.push_back(bj::object{{"name", part.filename.value_or("detached")}, {"content", engine::base64_encode(part.body)}});
    } else {
      return error_page(req, 400, "The form has an unknown field \"" + part.name + "\".", "Send the form from the Ask page.");
    }
  }
  if (!body.contains("document")) {
    return error_page(req, 400, "No signed document was uploaded.", "Choose the signed file, then send the form again.");
  }
  if (!detached.empty()) body["detached"] = std::move(detached);
  if (!u.at.empty()) body["at"] = u.at;
  body["detailed"] = true;
  Target api_target;
  if (download == "etsi") api_target.query.emplace_back("report", "etsi");
  auto api = http::internal::post_signature_validation(api_request(req, "/api/v1/signatures/validation", body), ctx, api_target);
  if (api.result_int() != 200) {
    return api_refused(req, api,
                       api.result_int() == 422
                           ? "Check that the file is a signed document (XAdES, CAdES, PAdES, JAdES or ASiC) and that detached "
                             "content is uploaded under the name the signature refers to."
                           : "Give the instant with its zone (e.g. 2026-01-15T00:00:00Z) and send the form again.");
  }
  if (!download.empty()) {
    api.set(beast_http::field::content_disposition,
            download == "etsi" ? "attachment; filename=\"validation-report.xml\"" : "attachment; filename=\"validation-report.json\"");
    return api;
  }
  Page p{.title = "Signature validation report", .section = "ask", .json_href = "#answer-json", .body = {}};
  render_signature_answer(p.body, body_json(api));
  Html again;
  signature_form(again, u.at.empty() ? default_at(ctx) : u.at);
  p.body.el("h2", "Download the reports").el("p", "Choose the same files again and press a download button (uploads are not kept).",
                                            {{"class", "meta"}});
  p.body.fragment(again);
  return render(req, std::move(p));
}

}  // namespace assay::service::console
