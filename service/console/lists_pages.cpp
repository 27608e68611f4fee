// The lists overview (LOTL, pivots, every list with its status, staleness and why it is not in
// force), one list's providers and services with a search form, and the search across lists.
// Read straight from the published bundle, as GET /api/v1/lists and /api/v1/lists/{t} do.
#include <algorithm>
#include <cctype>
#include <set>

#include "service/console/pages.h"
#include "tsl/vocabulary.h"

namespace assay::service::console {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> territory_code(std::string_view s) {
  if (s.size() != 2 || !std::isalpha(static_cast<unsigned char>(s[0])) || !std::isalpha(static_cast<unsigned char>(s[1]))) {
    return std::nullopt;
  }
  return std::string{static_cast<char>(std::toupper(static_cast<unsigned char>(s[0]))),
                     static_cast<char>(std::toupper(static_cast<unsigned char>(s[1])))};
}

Response no_state(const Request& req) {
  return error_page(req, 503, "No trust snapshot yet: the first refresh of the trusted lists has not finished.",
                    "Wait a few seconds and reload; /ready says when the service is ready.");
}

engine::UtcTime now_of(const Context& ctx, engine::UtcTime fallback) { return ctx.now ? ctx.now() : fallback; }

void auth_cell(Html& h, const tsl::ListState& l) {
  const bool ok = l.in_force && l.in_force_authentication.authenticated();
  const std::string status = l.in_force ? std::string(tsl::auth_status_name(l.in_force_authentication.status)) : "not in force";
  h.el("td", status, {{"class", ok ? "ok" : "bad"}});
}

// Why a list is not (or no longer fully) in force, in words.
void notes_cell(Html& h, const tsl::ListState& l, engine::UtcTime now) {
  h.open("td");
  if (!l.in_force) h.el("span", "No version of this list is in force. ", {{"class", "bad"}});
  if (l.in_force && !l.in_force_authentication.authenticated()) {
    h.el("span", "Its signature does not authenticate: " + l.in_force_authentication.detail + " ", {{"class", "bad"}});
  }
  if (l.stale_since) h.el("span", "Stale since " + time_text(l.stale_since) + " (the last refreshes failed). ", {{"class", "warn"}});
  if (l.in_force && l.in_force->list->scheme.next_update && *l.in_force->list->scheme.next_update < now) {
    h.el("span", "Past its next update (" + time_text(l.in_force->list->scheme.next_update) + "). ", {{"class", "warn"}});
  }
  h.text(l.reason);
  h.close("td");
}

// Service rows matching the search: a name substring (provider or service), type, status at `at`.
struct Search {
  std::string q, type, status, territory;
  bool matches(const tsl::ServiceTimeline& t, engine::UtcTime at) const {
    if (!type.empty() && t.type() != type) return false;
    if (!status.empty()) {
      const auto* st = t.at(at);
      if (st == nullptr || st->state->status != status) return false;
    }
    if (!q.empty()) {
      const auto needle = lower(q);
      if (lower(t.name()).find(needle) == std::string::npos && lower(t.tsp_name()).find(needle) == std::string::npos) {
        return false;
      }
    }
    return true;
  }
};

Search search_of(const Target& target) {
  Search s;
  s.q = target.param("q").value_or("");
  s.type = target.param("type").value_or("");
  s.status = target.param("status").value_or("");
  s.territory = target.param("territory").value_or("");
  return s;
}

void select(Html& h, std::string_view name, std::string_view label, const std::set<std::string>& options,
            const std::string& chosen) {
  h.open("div").el("label", label, {{"for", std::string(name)}});
  h.open("select", {{"id", std::string(name)}, {"name", std::string(name)}});
  h.el("option", "any", {{"value", ""}});
  for (const auto& o : options) {
    if (o == chosen) h.el("option", tsl::vocabulary::short_name(o), {{"value", o}, {"selected", "selected"}});
    else h.el("option", tsl::vocabulary::short_name(o), {{"value", o}});
  }
  h.close("select").close("div");
}

// The search form (GET: works without script, the URL is the bookmark).
void search_form(Html& h, std::string_view action, const Search& s, const std::set<std::string>& types,
                 const std::set<std::string>& statuses, const std::set<std::string>* territories) {
  h.open("form", {{"class", "inline box"}, {"method", "get"}, {"action", std::string(action)}, {"role", "search"}});
  h.open("div").el("label", "Name (provider or service)", {{"for", "q"}});
  h.empty("input", {{"type", "search"}, {"id", "q"}, {"name", "q"}, {"value", s.q}}).close("div");
  select(h, "type", "Type", types, s.type);
  select(h, "status", "Status now", statuses, s.status);
  if (territories != nullptr) select(h, "territory", "Territory", *territories, s.territory);
  h.literal("<div><button type=\"submit\">Search</button></div></form>");
}

void service_row(Html& h, const tsl::ServiceTimeline& t, engine::UtcTime at, bool with_territory) {
  const auto* st = t.at(at);
  h.open("tr");
  if (with_territory) h.open("td").link("/console/lists/" + t.version->territory, t.version->territory).close("td");
  h.el("td", t.tsp_name());
  h.open("td").link("/console/services/" + t.id, t.name()).close("td");
  h.el("td", tsl::vocabulary::short_name(t.type()));
  if (st) {
    h.open("td").text(tsl::vocabulary::short_name(st->state->status)).literal("<br><small class=\"meta\">since ");
    h.text(engine::format_utc_time(st->start)).literal("</small></td>");
  } else {
    h.el("td", "not yet listed");
  }
  h.close("tr");
}

}  // namespace

Response lists_page(const Request& req, const Context& ctx) {
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  if (!bundle || !bundle->state) return no_state(req);
  const auto& s = *bundle->state;
  const auto now = now_of(ctx, s.trust_time);
  Page p{.title = "Trusted lists in force", .section = "lists", .json_href = "/api/v1/lists", .body = {}};
  auto& h = p.body;
  h.open("p", {{"class", "meta"}}).text("Trust time " + engine::format_utc_time(s.trust_time) + " · refreshed " +
                                        engine::format_utc_time(s.refreshed_at) + " · run " + std::to_string(s.run_id));
  h.close("p");
  const bool lotl_ok = s.lotl_authenticated();
  h.el("h2", "List of trusted lists (LOTL)");
  h.open("div", {{"class", "box"}}).open("p").text(s.lotl.url).literal("<br>");
  h.el("span", s.lotl.in_force ? std::string(tsl::auth_status_name(s.lotl.in_force_authentication.status)) : "not in force",
       {{"class", lotl_ok ? "ok" : "bad"}});
  h.text(" · sequence " + std::to_string(s.lotl.in_force_sequence()));
  if (s.lotl.in_force) {
    h.text(" · issued " + time_text(s.lotl.in_force->list->scheme.issue_date_time) + " · next update " +
           time_text(s.lotl.in_force->list->scheme.next_update));
  }
  h.literal("<br><span class=\"meta\">SHA-256 </span>").el("code", s.lotl.in_force_sha256()).close("p");
  if (!lotl_ok) {
    h.el("p", "The LOTL is not authenticated: " + (s.lotl.reason.empty() ? s.lotl.in_force_authentication.detail : s.lotl.reason) +
                  " No list is trusted until it is.",
         {{"class", "bad"}});
  }
  h.close("div");
  h.el("h2", "Pivot chain (" + std::to_string(s.pivots.size()) + " step" + (s.pivots.size() == 1 ? "" : "s") + ")");
  if (s.pivots.empty()) {
    h.el("p", "The LOTL was authenticated directly by the anchors from the Official Journal: no pivot LOTL was needed.");
  } else {
    h.literal("<div class=\"scroll\"><table><thead><tr><th>Pivot</th><th>Sequence</th><th>Verdict</th><th>Detail</th>"
              "</tr></thead><tbody>");
    for (const auto& pv : s.pivots) {
      h.open("tr").el("td", pv.url).el("td", std::to_string(pv.sequence));
      h.el("td", tsl::auth_status_name(pv.verdict), {{"class", pv.verdict == tsl::AuthStatus::kAuthenticated ? "ok" : "bad"}});
      h.el("td", pv.detail + (pv.restarted_from_anchors ? " (restarted from the Official Journal anchors)" : "")).close("tr");
    }
    h.literal("</tbody></table></div>");
  }
  h.el("h2", "Lists (" + std::to_string(s.lists.size()) + ")");
  h.literal("<p><label for=\"filter-lists\" hidden>Filter</label></p>");
  h.empty("input", {{"type", "search"}, {"id", "filter-lists"}, {"data-filter", "lists"}, {"placeholder", "Filter rows"},
                    {"aria-label", "Filter the lists"}, {"hidden", "hidden"}});
  h.literal("<div class=\"scroll\"><table id=\"lists\"><thead><tr><th>Territory</th><th>Authentication</th><th>Sequence</th>"
            "<th>Issued</th><th>Next update</th><th>In force since</th><th>Staleness, and why not in force</th></tr></thead><tbody>");
  for (const auto& l : s.lists) {
    const bool ok = l.in_force && l.in_force_authentication.authenticated();
    h.open("tr").open("td");
    if (ok) h.link("/console/lists/" + l.territory, l.territory);
    else h.text(l.territory);
    h.literal("<br><small class=\"meta\">").text(l.url).literal("</small></td>");
    auth_cell(h, l);
    h.el("td", l.in_force ? std::to_string(l.in_force_sequence()) : "—");
    h.el("td", time_text(l.in_force ? l.in_force->list->scheme.issue_date_time : std::nullopt));
    h.el("td", time_text(l.in_force ? l.in_force->list->scheme.next_update : std::nullopt));
    h.el("td", time_text(l.in_force_since));
    notes_cell(h, l, now);
    h.close("tr");
  }
  h.literal("</tbody></table></div>");
  return render(req, std::move(p));
}

Response list_page(const Request& req, const Context& ctx, const Target& target, std::string_view territory_text) {
  auto territory = territory_code(territory_text);
  if (!territory) {
    return error_page(req, 400, "\"" + std::string(territory_text) + "\" is not a territory code.",
                      "Use a two-letter code such as AT or EL, or pick a list on the lists page.");
  }
  auto bundle = http::internal::usable_bundle(ctx);
  if (!bundle) return no_state(req);
  const auto* list = http::internal::find_list(*bundle->snapshot, *territory);
  if (list == nullptr) {
    return error_page(req, 404, "No authenticated list of " + *territory + " is in force.",
                      "The lists page says why a list is not in force; its history may still have older versions.");
  }
  const auto at = now_of(ctx, bundle->state->trust_time);
  const auto& v = *list->timelines->version;
  const auto search = search_of(target);
  Page p{.title = *territory + " — " + tsl::preferred(list->list().scheme.operator_name),
         .section = "lists",
         .json_href = "/api/v1/lists/" + *territory,
         .body = {}};
  auto& h = p.body;
  h.open("p", {{"class", "meta"}}).text(list->url).literal("<br>").text("Sequence " + std::to_string(v.sequence) + " · issued " + time_text(v.issued) +
                                                                        " · status at " + engine::format_utc_time(at) + " · SHA-256 ");
  h.el("code", v.sha256).close("p");
  h.open("p").link("/console/lists/" + *territory + "/history", "Version history and diffs").close("p");
  std::set<std::string> types, statuses;
  for (const auto& t : list->timelines->services) {
    types.insert(t.type());
    if (const auto* st = t.at(at)) statuses.insert(st->state->status);
  }
  search_form(h, "/console/lists/" + *territory, search, types, statuses, nullptr);
  std::size_t shown = 0;
  Html rows;
  for (const auto& t : list->timelines->services) {
    if (!search.matches(t, at)) continue;
    ++shown;
    service_row(rows, t, at, false);
  }
  h.el("p", std::to_string(shown) + " of " + std::to_string(list->timelines->services.size()) + " services" +
                (shown == list->timelines->services.size() ? "" : " match the search") + ".");
  h.literal("<div class=\"scroll\"><table id=\"services\"><thead><tr><th>Provider</th><th>Service</th><th>Type</th>"
            "<th>Status now</th></tr></thead><tbody>");
  h.fragment(rows).literal("</tbody></table></div>");
  return render(req, std::move(p));
}

Response services_page(const Request& req, const Context& ctx, const Target& target) {
  auto bundle = http::internal::usable_bundle(ctx);
  if (!bundle) return no_state(req);
  const auto& snap = *bundle->snapshot;
  const auto at = now_of(ctx, bundle->state->trust_time);
  auto search = search_of(target);
  if (auto t = territory_code(search.territory)) search.territory = *t;
  constexpr std::size_t kShown = 300;
  std::set<std::string> types, statuses, territories;
  std::vector<const tsl::ServiceTimeline*> found;
  std::size_t total = 0;
  for (const auto* t : snap.services()) {
    types.insert(t->type());
    territories.insert(t->version->territory);
    if (const auto* st = t->at(at)) statuses.insert(st->state->status);
    if (!search.territory.empty() && t->version->territory != search.territory) continue;
    if (!search.matches(*t, at)) continue;
    ++total;
    if (found.size() < kShown) found.push_back(t);
  }
  if (target.param("format").value_or("") == "json") {
    boost::json::array out;
    for (const auto* t : found) {
      const auto* st = t->at(at);
      out.push_back({{"id", t->id},
                     {"territory", t->version->territory},
                     {"tsp", t->tsp_name()},
                     {"name", t->name()},
                     {"type", t->type()},
                     {"status_at", st ? boost::json::value(st->state->status) : boost::json::value(nullptr)},
                     {"timeline", "/api/v1/services/" + t->id + "/timeline"}});
    }
    return json_page(req, {{"at", engine::format_utc_time(at)}, {"total", total}, {"services", std::move(out)},
                           {"trust_state", http::internal::trust_state_evidence(*bundle)}});
  }
  std::string query = "?format=json&q=" + url_encode(search.q) + "&type=" + url_encode(search.type) +
                      "&status=" + url_encode(search.status) + "&territory=" + url_encode(search.territory);
  Page p{.title = "Services", .section = "services", .json_href = "/console/services" + query, .body = {}};
  auto& h = p.body;
  h.el("p", "Every trust service of the lists in force, with its status at " + engine::format_utc_time(at) + ".",
       {{"class", "meta"}});
  search_form(h, "/console/services", search, types, statuses, &territories);
  h.el("p", std::to_string(total) + " services match" +
                (total > found.size() ? "; the first " + std::to_string(found.size()) + " are shown (narrow the search)" : "") + ".");
  h.literal("<div class=\"scroll\"><table id=\"services\"><thead><tr><th>Territory</th><th>Provider</th><th>Service</th>"
            "<th>Type</th><th>Status now</th></tr></thead><tbody>");
  for (const auto* t : found) service_row(h, *t, at, true);
  h.literal("</tbody></table></div>");
  return render(req, std::move(p));
}

}  // namespace assay::service::console
