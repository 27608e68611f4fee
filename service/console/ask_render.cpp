// The Ask answers in words: indications first, then the evidence (which list, which service,
// which rule), with the full detail in <details> and the JSON itself at the end.
#include "service/console/ask_render.h"

#include "service/console/pages.h"
#include "tsl/vocabulary.h"

namespace assay::service::console {
namespace {

namespace bj = boost::json;

const bj::object& obj(const bj::value& v, std::string_view key) {
  static const bj::object kEmpty;
  if (const auto* o = v.if_object()) {
    if (const auto* m = o->if_contains(key); m && m->is_object()) return m->as_object();
  }
  return kEmpty;
}
const bj::array& arr(const bj::value& v, std::string_view key) {
  static const bj::array kEmpty;
  if (const auto* o = v.if_object()) {
    if (const auto* m = o->if_contains(key); m && m->is_array()) return m->as_array();
  }
  return kEmpty;
}
const bj::array& arr(const bj::object& o, std::string_view key) {
  static const bj::array kEmpty;
  if (const auto* m = o.if_contains(key); m && m->is_array()) return m->as_array();
  return kEmpty;
}
std::string str(const bj::value& v, std::string_view key) {
  const auto* o = v.if_object();
  return value_text(o ? o->if_contains(key) : nullptr);
}
std::string str(const bj::object& o, std::string_view key) { return value_text(o.if_contains(key)); }

std::string indication_class(std::string_view indication) {
  if (indication == "PASSED" || indication == "TOTAL-PASSED") return "ok";
  if (indication == "FAILED" || indication == "TOTAL-FAILED") return "bad";
  return "warn";
}

void findings_list(Html& h, const bj::array& findings) {
  if (findings.empty()) return;
  h.open("ul", {{"class", "words"}});
  for (const auto& f : findings) {
    h.open("li").el("code", str(f, "id")).text(" (" + str(f, "severity") + "): " + str(f, "message")).close("li");
  }
  h.close("ul");
}

void answer_json(Html& h, const bj::value& v, std::string_view title) {
  h.open("details", {{"id", "answer-json"}}).el("summary", title);
  h.el("pre", bj::serialize(v), {{"class", "scroll"}}).close("details");
}

void instant(Html& h, const bj::object& in, std::string_view heading) {
  const std::string label = str(in, "label");
  h.open("div", {{"class", "box"}}).el("h3", std::string(heading) + " (" + str(in, "at") + ")");
  h.open("p").el("strong", label, {{"class", str(in, "qualified") == "true" ? "ok" : "warn"}});
  h.text(" — qualified certificate: " + str(in, "qc") + "; type: " + str(in, "type") + "; QSCD: " + str(in, "qscd_status"));
  h.close("p");
  if (const auto* rules = in.if_contains("rules"); rules && rules->is_object()) {
    h.open("ul", {{"class", "words"}});
    for (const auto* key : {"qc", "type", "qscd"}) {
      const auto& r = obj(*rules, key);
      if (!r.empty()) h.open("li").el("code", str(r, "id")).text(": " + str(r, "text")).close("li");
    }
    h.close("ul");
  }
  if (const auto* c = in.if_contains("conflict"); c && c->is_bool() && c->as_bool()) {
    h.el("p", "The listed services disagree (a conflict): the answer is the weaker one.", {{"class", "warn"}});
  }
  findings_list(h, arr(in, "reasons"));
  h.close("div");
}

void certificate_validation(Html& h, const bj::value& v) {
  const std::string indication = str(v, "indication");
  h.open("p").el("strong", indication, {{"class", indication_class(indication)}});
  if (str(v, "subindication") != "—") h.text(" / " + str(v, "subindication"));
  h.text(" at " + str(v, "validation_time")).close("p");
  const auto& anchor = obj(v, "anchor");
  if (!anchor.empty()) {
    h.open("p").text("Trust anchor: " + str(anchor, "subject"));
    const auto& list = anchor.contains("list") ? anchor.at("list") : bj::value();
    const auto& service = anchor.contains("service") ? anchor.at("service") : bj::value();
    if (list.is_object()) {
      h.text(", listed in the " + str(list, "territory") + " list sequence " + str(list, "sequence") + " as the service ");
      h.text("\"" + str(service, "name") + "\" of " + str(service, "provider") + " (" +
             std::string(tsl::vocabulary::short_name(str(service, "status"))) + " since " + str(service, "status_start") + ")");
    } else {
      h.text(" (" + str(anchor, "source") + ")");
    }
    h.text(".").close("p");
  } else {
    h.el("p", "No trust anchor was reached: no path ends at a certificate of a trusted list in force.");
  }
  const auto& path = arr(v, "path");
  if (!path.empty()) {
    h.literal("<div class=\"scroll\"><table><thead><tr><th>#</th><th>Subject</th><th>Valid</th><th>Revocation</th></tr></thead><tbody>");
    std::size_t i = 0;
    for (const auto& e : path) {
      const auto& rev = obj(e, "revocation");
      h.open("tr").el("td", std::to_string(i++)).el("td", str(e, "subject"));
      h.el("td", str(e, "not_before") + " – " + str(e, "not_after"));
      h.el("td", rev.empty() ? std::string("—") : str(rev, "status") + (str(rev, "source") == "—" ? "" : " (" + str(rev, "source") + ")"));
      h.close("tr");
    }
    h.literal("</tbody></table></div>");
  }
  findings_list(h, arr(v, "findings"));
}

void block_details(Html& h, const bj::array& blocks) {
  for (const auto& b : blocks) {
    const std::string indication = str(b, "indication");
    h.open("details").open("summary").text(str(b, "name") + " — ").el("span", indication, {{"class", indication_class(indication)}});
    if (str(b, "subindication") != "—") h.text(" / " + str(b, "subindication"));
    h.close("summary");
    const auto& constraints = arr(b, "constraints");
    if (!constraints.empty()) {
      h.literal("<div class=\"scroll\"><table><thead><tr><th>Constraint</th><th>Status</th><th>Message</th></tr></thead><tbody>");
      for (const auto& c : constraints) h.open("tr").open("td").el("code", str(c, "id")).close("td").el("td", str(c, "status")).el("td", str(c, "message")).close("tr");
      h.literal("</tbody></table></div>");
    }
    h.close("details");
  }
}

}  // namespace

void render_certificate_answer(Html& h, const bj::value& q, const bj::value& validation, const std::string& validation_error) {
  const auto& cert = obj(q, "certificate");
  h.open("div", {{"class", "box"}}).el("h2", "The certificate");
  h.open("p").text("Subject: " + str(cert, "subject")).literal("<br>").text("Issuer: " + str(cert, "issuer")).literal("<br>");
  h.text("Serial " + str(cert, "serial") + " · valid " + str(cert, "not_before") + " – " + str(cert, "not_after")).close("p").close("div");
  const auto& result = obj(q, "result");
  h.el("h2", "Qualification (ETSI TS 119 615)");
  h.open("p").text("Answer: ").el("strong", str(result, "label")).text(" — " + str(obj(q, "combination"), "text")).close("p");
  instant(h, obj(q, "at_issuance"), "At issuance");
  instant(h, obj(q, "at_time"), "At the chosen instant");
  h.el("h3", "The evidence, in words");
  h.open("ol", {{"class", "words"}});
  for (const auto& line : arr(q, "evidence")) h.el("li", value_text(&line));
  h.close("ol");
  const auto& candidates = arr(q, "candidates");
  if (!candidates.empty()) {
    h.el("h3", "Services of the trusted lists that match");
    h.literal("<div class=\"scroll\"><table><thead><tr><th>List</th><th>Provider</th><th>Service</th><th>Matched by</th></tr></thead><tbody>");
    for (const auto& c : candidates) {
      h.open("tr").open("td").link("/console/lists/" + str(c, "territory"), str(c, "territory")).text(" seq. " + str(c, "list_sequence"));
      h.close("td").el("td", str(c, "tsp")).open("td").link("/console/services/" + str(c, "service_id"), str(c, "service")).close("td");
      h.el("td", str(c, "matched_by")).close("tr");
    }
    h.literal("</tbody></table></div>");
  }
  findings_list(h, arr(q, "reasons"));
  h.el("h2", "Validation (EN 319 102-1)");
  if (validation.is_object()) certificate_validation(h, validation);
  else h.el("p", "The certificate could not be validated: " + validation_error, {{"class", "bad"}});
  bj::object both{{"qualification", q}, {"validation", validation}};
  answer_json(h, both, "The answers as JSON (POST /api/v1/qualification and /api/v1/certificates/validation)");
}

void render_signature_answer(Html& h, const bj::value& report) {
  const auto& signatures = arr(report, "signatures");
  const auto& detailed = arr(report, "detailed");
  h.open("p").text(str(report, "valid_signatures_count") + " of " + str(report, "signatures_count") +
                   " signature(s) valid at " + str(report, "validation_time") + " · policy " + str(report, "policy"));
  h.close("p");
  if (signatures.empty()) h.el("p", "The document holds no signature.", {{"class", "bad"}});
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    const auto& s = signatures[i];
    const std::string indication = str(s, "indication");
    h.open("section", {{"class", "box"}}).el("h2", "Signature " + str(s, "id"));
    h.open("p").el("strong", indication, {{"class", indication_class(indication)}});
    if (str(s, "subindication") != "—") h.text(" / " + str(s, "subindication"));
    h.text(" — " + str(s, "format") + (str(s, "level") == "—" ? "" : " " + str(s, "level")) + " · " + str(s, "qualification"));
    h.close("p");
    h.open("ul", {{"class", "words"}});
    h.el("li", "Signed by " + str(s, "signed_by"));
    h.el("li", "Claimed signing time " + str(s, "signing_time") + "; best signature time " + str(s, "best_signature_time"));
    for (const auto& sc : arr(s, "scope")) h.el("li", "Covers " + str(sc, "name") + " (" + str(sc, "kind") + "): " + str(sc, "description"));
    for (const auto& t : arr(s, "timestamps")) {
      h.el("li", "Time-stamp (" + str(t, "kind") + ") " + str(t, "indication") + " at " + str(t, "gen_time") +
                     (str(t, "qualified") == "true" ? ", qualified" : ""));
    }
    h.close("ul");
    for (const auto* key : {"errors", "warnings"}) {
      const auto& list = arr(s, key);
      if (list.empty()) continue;
      h.el("h3", key == std::string_view("errors") ? "Errors" : "Warnings").open("ul", {{"class", "words"}});
      for (const auto& c : list) h.open("li").el("code", str(c, "id")).text(": " + str(c, "message")).close("li");
      h.close("ul");
    }
    if (i < detailed.size()) {
      const auto& d = detailed[i];
      h.open("div", {{"data-expand", "detail"}}).open("details").el("summary", "Detailed report (EN 319 102-1 building blocks)");
      block_details(h, arr(d, "blocks"));
      block_details(h, arr(d, "processes"));
      const auto& q = obj(d, "qualification");
      if (!q.empty()) {
        h.el("h3", "Qualification of the signature: " + str(q, "label"));
        h.el("p", "Certificate at issuance: " + str(q, "at_issuance") + "; at the best signature time: " + str(q, "at_best_signature_time"));
        const auto* ev = q.if_contains("evidence");
        if (ev && ev->is_array()) {
          h.open("ol", {{"class", "words"}});
          for (const auto& line : ev->as_array()) h.el("li", value_text(&line));
          h.close("ol");
        } else if (ev && ev->is_string()) {
          h.el("p", value_text(ev));
        }
      }
      if (const auto* c = d.as_object().if_contains("certificate"); c && c->is_object()) {
        h.el("h3", "The signing certificate's validation");
        certificate_validation(h, *c);
      }
      h.close("details").close("div");
    }
    h.close("section");
  }
  answer_json(h, report, "The report as JSON (POST /api/v1/signatures/validation)");
}

}  // namespace assay::service::console
