// A list's version history from the store and the diff between two versions, rendered from the
// answers of GET /api/v1/lists/{t}/versions and /api/v1/lists/{t}/diff (the same functions).
#include <algorithm>
#include <iterator>
#include <set>

#include "service/console/pages.h"
#include "tsl/vocabulary.h"

namespace assay::service::console {
namespace {

namespace bj = boost::json;

const bj::array* array_at(const bj::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

std::string str(const bj::object& o, std::string_view key) { return value_text(o.if_contains(key)); }

// Turns an API error into a page that says what to do.
Response api_failure(const Request& req, const Response& api, std::string_view territory) {
  const auto status = api.result_int();
  const std::string message = api_error_message(api);
  if (status == 503) {
    return error_page(req, 503, "The version store cannot be read: " + message + ".",
                      "Start assay serve with --store DIR (it records every version it accepts) and let a refresh run.");
  }
  if (status == 404) {
    return error_page(req, 404, "Not found: " + message + ".",
                      "Pick versions from the history of " + std::string(territory) + " (it lists what the store has).");
  }
  return error_page(req, status, "The request was not understood: " + message + ".",
                    "Use the form on the history page to choose two versions.");
}

// "XA 12" of a service reference {id, tsp, name, type}, linked when the service is in force.
void service_ref(Html& h, const bj::value& v) {
  const auto* o = v.if_object();
  if (o == nullptr) return;
  h.open("td").link("/console/services/" + str(*o, "id"), str(*o, "name"));
  h.literal("<br><small class=\"meta\">").text(str(*o, "tsp") + " · " + std::string(tsl::vocabulary::short_name(str(*o, "type"))));
  h.literal("</small></td>");
}

void service_table(Html& h, const bj::object& diff, std::string_view key, std::string_view heading) {
  const auto* a = array_at(diff, key);
  h.el("h2", std::string(heading) + " (" + std::to_string(a ? a->size() : 0) + ")");
  if (!a || a->empty()) return void(h.el("p", "None.", {{"class", "meta"}}));
  h.literal("<div class=\"scroll\"><table><thead><tr><th>Service</th></tr></thead><tbody>");
  for (const auto& s : *a) {
    h.open("tr");
    service_ref(h, s);
    h.close("tr");
  }
  h.literal("</tbody></table></div>");
}

}  // namespace

Response history_page(const Request& req, const Context& ctx, std::string_view territory) {
  const auto api = http::internal::get_list_versions(req, ctx, territory);
  if (api.result_int() != 200) return api_failure(req, api, territory);
  const auto doc = body_json(api);
  const auto& o = doc.as_object();
  const std::string t = str(o, "territory");
  const auto* versions = array_at(o, "versions");
  Page p{.title = t + " — version history", .section = "lists", .json_href = "/api/v1/lists/" + t + "/versions", .body = {}};
  auto& h = p.body;
  h.open("p").link("/console/lists/" + t, "← the list in force").close("p");
  h.el("p", "Every version of this list the store has recorded, newest first, with how it authenticated.", {{"class", "meta"}});
  std::set<std::int64_t> sequences;
  for (const auto& v : *versions) {
    if (const auto* s = v.as_object().if_contains("sequence"); s && s->is_int64()) sequences.insert(s->as_int64());
  }
  if (!sequences.empty()) {
    // Diff between any two versions.
    h.open("form", {{"class", "inline box"}, {"method", "get"}, {"action", "/console/lists/" + t + "/diff"}});
    for (const auto* which : {"from", "to"}) {
      h.open("div").el("label", which == std::string_view("from") ? "Older (sequence)" : "Newer (sequence)", {{"for", which}});
      h.open("select", {{"id", which}, {"name", which}});
      const auto pick = which == std::string_view("from") ? *sequences.begin() : *sequences.rbegin();
      for (const auto s : sequences) {
        if (s == pick) h.el("option", std::to_string(s), {{"value", std::to_string(s)}, {"selected", "selected"}});
        else h.el("option", std::to_string(s), {{"value", std::to_string(s)}});
      }
      h.close("select").close("div");
    }
    h.literal("<div><button type=\"submit\">Show the diff</button></div></form>");
  }
  h.literal("<div class=\"scroll\"><table><thead><tr><th>Sequence</th><th>Issued</th><th>Next update</th>"
            "<th>Authentication</th><th>Recorded</th><th>SHA-256</th><th>Diff</th></tr></thead><tbody>");
  for (const auto& v : *versions) {
    const auto& r = v.as_object();
    const auto* seq = r.if_contains("sequence");
    h.open("tr").el("td", value_text(seq)).el("td", str(r, "issued")).el("td", str(r, "next_update"));
    h.el("td", str(r, "auth_status"), {{"class", str(r, "auth_status") == "authenticated" ? "ok" : "bad"}});
    h.el("td", str(r, "recorded_at")).open("td").el("code", str(r, "sha256")).close("td").open("td");
    if (seq && seq->is_int64()) {
      auto it = sequences.find(seq->as_int64());
      if (it != sequences.begin()) {
        const auto previous = *std::prev(it);
        h.link("/console/lists/" + t + "/diff?from=" + std::to_string(previous) + "&to=" + std::to_string(*it),
               "vs " + std::to_string(previous));
      }
    }
    h.close("td").close("tr");
  }
  h.literal("</tbody></table></div>");
  return render(req, std::move(p));
}

Response diff_page(const Request& req, const Context& ctx, const Target& target, std::string_view territory) {
  const auto api = http::internal::get_list_diff(req, ctx, target, territory);
  if (api.result_int() != 200) return api_failure(req, api, territory);
  const auto doc = body_json(api);
  const auto& d = doc.as_object();
  const auto& older = d.at("older").as_object();
  const auto& newer = d.at("newer").as_object();
  const std::string t = str(newer, "territory");
  const std::string from = target.param("from").value_or(""), to = target.param("to").value_or("");
  Page p{.title = t + " — sequence " + str(older, "sequence") + " → " + str(newer, "sequence"),
         .section = "lists",
         .json_href = "/api/v1/lists/" + t + "/diff?from=" + url_encode(from) + "&to=" + url_encode(to),
         .body = {}};
  auto& h = p.body;
  h.open("p").link("/console/lists/" + t + "/history", "← version history").close("p");
  h.open("p", {{"class", "meta"}}).text("Older: issued " + str(older, "issued") + ", SHA-256 ").el("code", str(older, "sha256"));
  h.literal("<br>").text("Newer: issued " + str(newer, "issued") + ", SHA-256 ").el("code", str(newer, "sha256")).close("p");
  service_table(h, d, "added_services", "Services added");
  service_table(h, d, "removed_services", "Services removed");
  const auto* changes = array_at(d, "status_changes");
  h.el("h2", "Status changes (" + std::to_string(changes ? changes->size() : 0) + ")");
  if (!changes || changes->empty()) {
    h.el("p", "None.", {{"class", "meta"}});
  } else {
    h.literal("<div class=\"scroll\"><table><thead><tr><th>Service</th><th>From</th><th>To</th><th>Since</th></tr></thead><tbody>");
    for (const auto& c : *changes) {
      const auto& o = c.as_object();
      h.open("tr");
      service_ref(h, o.at("service"));
      h.el("td", short_uri(str(o, "from"))).el("td", short_uri(str(o, "to"))).el("td", str(o, "since")).close("tr");
    }
    h.literal("</tbody></table></div>");
  }
  const auto* scheme = array_at(d, "scheme_changes");
  h.el("h2", "Other changes");
  h.open("ul", {{"class", "words"}});
  h.el("li", std::to_string(scheme ? scheme->size() : 0) + " scheme information field(s) changed");
  for (const auto* key : {"identity_changes", "qualifier_changes", "asi_changes", "name_changes", "pointer_changes"}) {
    const auto* a = array_at(d, key);
    std::string label(key);
    std::replace(label.begin(), label.end(), '_', ' ');
    h.el("li", std::to_string(a ? a->size() : 0) + " " + label);
  }
  h.close("ul");
  if (scheme && !scheme->empty()) {
    h.literal("<div class=\"scroll\"><table><thead><tr><th>Field</th><th>From</th><th>To</th></tr></thead><tbody>");
    for (const auto& c : *scheme) {
      const auto& o = c.as_object();
      h.open("tr").el("td", str(o, "field")).el("td", str(o, "from")).el("td", str(o, "to")).close("tr");
    }
    h.literal("</tbody></table></div>");
  }
  return render(req, std::move(p));
}

}  // namespace assay::service::console
