// Audits: a sealed evidence package (service/audit, issue 17) opened in the browser — its seal
// status first, then the campaign it holds — by upload, or from the folder given to
// `assay serve --audit-dir DIR`. The check is verify_evidence_package, as `assay audit show`.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "engine/file.h"
#include "service/audit/audit_report.h"
#include "service/audit/evidence_package.h"
#include "service/console/pages.h"
#include "service/http/internal/multipart.h"

namespace assay::service::console {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
namespace beast_http = boost::beast::http;
constexpr std::uintmax_t kMaxPackageBytes = std::uintmax_t{256} << 20;

// The JSON of `assay audit show --json`.
bj::object package_json(const audit::PackageCheck& check) {
  bj::object out{{"intact", check.intact}, {"failure", check.failure}, {"sealed_by", check.sealed_by}};
  if (check.result) out["report"] = audit::campaign_json(*check.result, nullptr, check.sealed_by);
  return out;
}

void package_view(Html& h, const audit::PackageCheck& check) {
  if (check.intact) {
    h.open("div", {{"class", "box"}}).open("p").el("strong", "Intact", {{"class", "ok"}});
    h.text(": the seal verifies and covers every member. Sealed by " + check.sealed_by + ".").close("p").close("div");
  } else {
    h.open("div", {{"class", "box error"}, {"role", "alert"}}).open("p").el("strong", "NOT INTACT", {{"class", "bad"}});
    h.text(": " + check.failure + ". What follows is not authenticated: do not rely on it.").close("p");
    h.open("p").literal("<strong>What to do:</strong> ").text("open the .asice file that `assay audit run --out` wrote, as it was written; "
                                                              "ask its author for the original when it was changed since.");
    h.close("p").close("div");
  }
  if (!check.result) return void(h.el("p", "The package holds no readable report.", {{"class", "bad"}}));
  const auto& r = *check.result;
  h.el("h2", "Campaign");
  h.open("ul", {{"class", "words"}});
  h.el("li", "Suite " + r.suite_name + " " + r.suite_version + " (SHA-256 " + r.suite_sha256 + ")");
  h.el("li", "Target " + r.target + " · assay " + r.assay_version);
  h.el("li", "From " + engine::format_utc_time(r.started) + " to " + engine::format_utc_time(r.finished));
  h.el("li", "Trust time " + r.trust_state.trust_time + " · " + std::to_string(r.trust_state.lists.size()) + " list(s) recorded");
  h.close("ul");
  h.el("p", audit::campaign_summary_line(r), {{"class", r.no_findings() ? "ok" : "warn"}});
  h.literal("<div class=\"scroll\"><table><thead><tr><th>Case</th><th>Classification</th><th>Requirement</th><th>Expected</th>"
            "<th>Observed</th><th>Explanation</th></tr></thead><tbody>");
  for (const auto& f : r.findings) {
    const bool ok = f.classification == audit::Classification::kConforming;
    const bool not_assessed = f.classification == audit::Classification::kNotAssessed;
    h.open("tr").el("td", f.case_id).el("td", audit::classification_name(f.classification),
                                        {{"class", ok ? "ok" : not_assessed ? "warn" : "bad"}});
    h.el("td", f.requirement.clause + ": " + f.requirement.text);
    h.el("td", f.expected.indication + (f.expected.subindication.empty() ? "" : " / " + f.expected.subindication) +
                   (f.expected.qualification.empty() ? "" : " · " + f.expected.qualification));
    h.el("td", std::string(audit::observation_status_name(f.observed.status)) + ": " + f.observed.indication +
                   (f.observed.subindication.empty() ? "" : " / " + f.observed.subindication) +
                   (f.observed.qualification.empty() ? "" : " · " + f.observed.qualification));
    h.el("td", f.explanation).close("tr");
  }
  h.literal("</tbody></table></div>");
  if (!r.trust_state.lists.empty()) {
    h.open("details").el("summary", "The trusted-list state the expectations rest on");
    h.literal("<div class=\"scroll\"><table><thead><tr><th>List</th><th>Sequence</th><th>SHA-256</th></tr></thead><tbody>");
    for (const auto& l : r.trust_state.lists) {
      h.open("tr").el("td", l.territory).el("td", std::to_string(l.sequence)).open("td").el("code", l.sha256).close("td").close("tr");
    }
    h.literal("</tbody></table></div></details>");
  }
}

void upload_form(Html& h) {
  h.open("form", {{"class", "box"}, {"method", "post"}, {"action", "/console/audits"}, {"enctype", "multipart/form-data"}});
  h.open("p").el("label", "Evidence package (.asice, from assay audit run)", {{"for", "package"}});
  h.empty("input", {{"type", "file"}, {"id", "package"}, {"name", "package"}, {"accept", ".asice,.zip"}, {"required", "required"}});
  h.close("p").literal("<p><button type=\"submit\">Open and verify</button></p></form>");
}

// Packages in the audit folder: regular *.asice files, by name.
std::vector<fs::path> packages_in(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".asice") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Response verify_and_render(const Request& req, std::string_view bytes, const std::string& title, std::string json_href,
                           bool json) {
  auto check = audit::verify_evidence_package(bytes);
  if (!check) {
    return error_page(req, 422, "This is not an evidence package: " + check.error().message() + ".",
                      "Upload the .asice file that `assay audit run --out` wrote.");
  }
  if (json) return json_page(req, package_json(*check));
  Page p{.title = title, .section = "audits", .json_href = std::move(json_href), .body = {}};
  package_view(p.body, *check);
  if (p.json_href == "#answer-json") {
    p.body.open("details", {{"id", "answer-json"}}).el("summary", "The package as JSON (as assay audit show --json)");
    p.body.el("pre", bj::serialize(package_json(*check)), {{"class", "scroll"}}).close("details");
  }
  p.body.open("p").link("/console/audits", "← all audits").close("p");
  return render(req, std::move(p));
}

}  // namespace

Response audits_page(const Request& req, const Context& ctx, const Target& target) {
  const auto packages = ctx.audit_dir.empty() ? std::vector<fs::path>{} : packages_in(ctx.audit_dir);
  if (target.param("format").value_or("") == "json") {
    bj::array list;
    for (const auto& p : packages) list.push_back(bj::object{{"name", p.filename().string()}, {"href", "/console/audits/" + p.filename().string() + "?format=json"}});
    return json_page(req, {{"audit_dir_configured", !ctx.audit_dir.empty()}, {"packages", std::move(list)}});
  }
  Page p{.title = "Audits", .section = "audits", .json_href = "/console/audits?format=json", .body = {}};
  auto& h = p.body;
  h.el("p", "Open a sealed evidence package of a conformance campaign: the seal is checked first, then the report is shown.",
       {{"class", "meta"}});
  upload_form(h);
  h.el("h2", "Packages on this server");
  if (ctx.audit_dir.empty()) {
    h.el("p", "No audit folder is configured. Start assay serve with --audit-dir DIR to list the packages in DIR here.");
  } else if (packages.empty()) {
    h.el("p", "The audit folder holds no .asice package yet.");
  } else {
    h.open("ul");
    for (const auto& pk : packages) h.open("li").link("/console/audits/" + url_encode(pk.filename().string()), pk.filename().string()).close("li");
    h.close("ul");
  }
  return render(req, std::move(p));
}

Response audit_upload(const Request& req, const Context&) {
  auto boundary = http::internal::form_data_boundary(req[beast_http::field::content_type]);
  if (!boundary) return error_page(req, 415, "The upload did not arrive as a form.", "Use the form on the Audits page.");
  std::string why;
  auto parts = http::internal::parse_form_data(req.body(), *boundary, 4, why);
  if (!parts) return error_page(req, 400, "The upload is malformed: " + why + ".", "Send the form again from the Audits page.");
  for (const auto& part : *parts) {
    if (part.name == "package" && !part.body.empty()) {
      return verify_and_render(req, part.body, "Evidence package " + part.filename.value_or(""), "#answer-json", false);
    }
  }
  return error_page(req, 400, "No package was uploaded.", "Choose the .asice file, then send the form again.");
}

Response audit_package_page(const Request& req, const Context& ctx, const Target& target, std::string_view name) {
  if (ctx.audit_dir.empty()) {
    return error_page(req, 404, "No audit folder is configured on this server.", "Upload the package on the Audits page instead.");
  }
  // Only a package listed in the folder: a plain file name, never a path.
  const fs::path wanted(name);
  const auto packages = packages_in(ctx.audit_dir);
  const auto it = std::find_if(packages.begin(), packages.end(), [&](const fs::path& p) { return p.filename() == wanted; });
  if (name.find('/') != std::string_view::npos || it == packages.end()) {
    return error_page(req, 404, "There is no package called \"" + std::string(name) + "\" in the audit folder.",
                      "Pick one from the list on the Audits page.");
  }
  auto bytes = engine::read_file(*it, kMaxPackageBytes);
  if (!bytes) return error_page(req, 500, "The package could not be read.", "Check the file's permissions on the server.");
  return verify_and_render(req, *bytes, "Evidence package " + it->filename().string(),
                           "/console/audits/" + url_encode(it->filename().string()) + "?format=json",
                           target.param("format").value_or("") == "json");
}

}  // namespace assay::service::console
