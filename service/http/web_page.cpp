// The auditor's page: server-rendered HTML, no script, no external resources; every value from a
// list is escaped. "/" lists the lists and their status; "/lists/{territory}" lists the services
// of one list with links to their SVG timelines.
#include <cctype>

#include "service/http/internal/routes.h"
#include "service/text/markup_escape.h"
#include "tsl/vocabulary.h"

namespace assay::service::http::internal {
namespace {

constexpr std::string_view kStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}.ok{color:#176b1f}.bad{color:#a4161a;font-weight:bold}"
    ".warn{color:#9a6700}code{font-size:12px}small{color:#666}";

std::string page(std::string_view title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text::markup_escape(title) +
         "</title><style>" + std::string(kStyle) + "</style></head><body>\n" + body + "\n</body></html>\n";
}

std::string time_text(const std::optional<engine::UtcTime>& t) { return text::markup_escape(engine::format_utc_time(t, "—")); }

}  // namespace

Response get_index_page(const Request& req, const Context& ctx) {
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  std::string b = "<h1>assay — trusted lists in force</h1>\n";
  if (!bundle || !bundle->state) {
    b += "<p class=\"bad\">No trust snapshot yet: the first refresh has not finished. See <a href=\"/ready\">/ready</a>.</p>";
    return text_response(req, 503, "text/html; charset=utf-8", page("assay", b));
  }
  const auto& s = *bundle->state;
  const auto now = ctx.now ? ctx.now() : s.trust_time;
  const bool lotl_ok = s.lotl_authenticated();
  b += "<p>Trust time " + text::markup_escape(engine::format_utc_time(s.trust_time)) + " · refreshed " +
       text::markup_escape(engine::format_utc_time(s.refreshed_at)) + " · <a href=\"/ready\">readiness</a> · " +
       "<a href=\"/api/v1/lists\">JSON</a> · <a href=\"/metrics\">metrics</a> · <a href=\"/api/v1/openapi.yaml\">API</a></p>\n";
  b += "<h2>LOTL</h2><p>" + text::markup_escape(s.lotl.url) + " — <span class=\"" + (lotl_ok ? "ok" : "bad") + "\">" +
       text::markup_escape(s.lotl.in_force ? tsl::auth_status_name(s.lotl.in_force_authentication.status) : "missing") +
       "</span>, sequence " + std::to_string(s.lotl.in_force_sequence()) + "<br><small>sha256 <code>" +
       text::markup_escape(s.lotl.in_force_sha256()) + "</code>; " + std::to_string(s.pivots.size()) + " pivot step(s)</small></p>\n";
  b += "<h2>Lists (" + std::to_string(s.lists.size()) + ")</h2>\n<table><tr><th>Territory</th><th>Status</th>"
       "<th>Sequence</th><th>Issued</th><th>Next update</th><th>In force since</th><th>Notes</th></tr>\n";
  for (const auto& l : s.lists) {
    const bool ok = l.in_force && l.in_force_authentication.authenticated();
    const std::string status = l.in_force ? std::string(tsl::auth_status_name(l.in_force_authentication.status)) : "missing";
    std::string notes;
    if (l.stale_since) notes += "<span class=\"warn\">stale since " + time_text(l.stale_since) + "</span> ";
    if (l.in_force && l.in_force->list->scheme.next_update && *l.in_force->list->scheme.next_update < now) {
      notes += "<span class=\"warn\">expired</span> ";
    }
    if (!l.reason.empty()) notes += text::markup_escape(l.reason);
    const std::string territory = text::markup_escape(l.territory);
    b += "<tr><td>" + (ok ? "<a href=\"/lists/" + territory + "\">" + territory + "</a>" : territory) +
         "<br><small>" + text::markup_escape(l.url) + "</small></td><td class=\"" + (ok ? "ok" : "bad") + "\">" +
         text::markup_escape(status) + "</td><td>" + std::to_string(l.in_force_sequence()) + "</td><td>" +
         time_text(l.in_force ? l.in_force->list->scheme.issue_date_time : std::nullopt) + "</td><td>" +
         time_text(l.in_force ? l.in_force->list->scheme.next_update : std::nullopt) + "</td><td>" +
         time_text(l.in_force_since) + "</td><td>" + notes + "</td></tr>\n";
  }
  b += "</table>\n";
  return text_response(req, 200, "text/html; charset=utf-8", page("assay — trusted lists", b));
}

Response get_list_page(const Request& req, const Context& ctx, std::string_view territory_text) {
  auto bundle = usable_bundle(ctx);
  if (!bundle) return text_response(req, 503, "text/html; charset=utf-8", page("assay", "<p>No authenticated snapshot yet.</p>"));
  std::string territory(territory_text);
  for (auto& c : territory) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const tsl::SnapshotList* list = find_list(*bundle->snapshot, territory);
  if (list == nullptr) {
    return text_response(req, 404, "text/html; charset=utf-8",
                         page("assay", "<p>No authenticated list in force for " + text::markup_escape(territory) + ".</p>"));
  }
  const auto at = ctx.now ? ctx.now() : bundle->state->trust_time;
  const auto& v = *list->timelines->version;
  std::string b = "<p><a href=\"/\">← all lists</a></p><h1>" + text::markup_escape(territory) + " — sequence " +
                  std::to_string(v.sequence) + "</h1><p>" + text::markup_escape(list->url) + "<br><small>issued " +
                  time_text(v.issued) + " · sha256 <code>" + text::markup_escape(v.sha256) + "</code> · status at " +
                  text::markup_escape(engine::format_utc_time(at)) + " · <a href=\"/api/v1/lists/" + text::markup_escape(territory) +
                  "\">JSON</a></small></p>\n<table><tr><th>Provider</th><th>Service</th><th>Type</th><th>Status</th>"
                  "<th>Timeline</th></tr>\n";
  for (const auto& t : list->timelines->services) {
    const auto* st = t.at(at);
    b += "<tr><td>" + text::markup_escape(t.tsp_name()) + "</td><td>" + text::markup_escape(t.name()) + "</td><td>" +
         text::markup_escape(tsl::vocabulary::short_name(t.type())) + "</td><td>" +
         (st ? text::markup_escape(tsl::vocabulary::short_name(st->state->status)) : std::string("not yet listed")) +
         "</td><td><a href=\"/api/v1/services/" + text::markup_escape(t.id) + "/timeline?format=svg\">SVG</a> · <a href=\"/api/v1/services/" +
         text::markup_escape(t.id) + "/timeline\">JSON</a></td></tr>\n";
  }
  b += "</table>\n";
  return text_response(req, 200, "text/html; charset=utf-8", page("assay — " + territory, b));
}

}  // namespace assay::service::http::internal
