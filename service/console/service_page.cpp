// One service: its status timeline (the SVG of /api/v1/services/{id}/timeline?format=svg as an
// image), and each state with its digital identities, qualifiers and the list version it came
// from — rendered from the JSON of GET /api/v1/services/{id}/timeline (the same function).
#include "service/console/pages.h"
#include "tsl/vocabulary.h"

namespace assay::service::console {
namespace {

namespace bj = boost::json;

std::string str(const bj::object& o, std::string_view key) { return value_text(o.if_contains(key)); }

void identities(Html& h, const bj::value* ids) {
  if (!ids || !ids->is_array() || ids->as_array().empty()) return void(h.el("p", "No digital identity.", {{"class", "meta"}}));
  h.open("ul", {{"class", "words"}});
  for (const auto& id : ids->as_array()) {
    const auto& o = id.as_object();
    h.open("li");
    if (o.contains("certificate_sha256")) {
      h.text("Certificate, SHA-256 ").el("code", str(o, "certificate_sha256"));
      h.text(" · ").link("/api/v1/services?sdi=" + str(o, "certificate_sha256"), "services with this identity");
    } else if (o.contains("ski")) {
      h.text("Subject key identifier ").el("code", str(o, "ski"));
    } else if (o.contains("subject_name")) {
      h.text("Subject name ").el("code", str(o, "subject_name"));
    }
    h.close("li");
  }
  h.close("ul");
}

void qualifiers(Html& h, const bj::object& state) {
  const auto* q = state.if_contains("qualifiers");
  const auto* asi = state.if_contains("asi");
  h.open("ul", {{"class", "words"}});
  bool any = false;
  if (q && q->is_array()) {
    for (const auto& group : q->as_array()) {
      std::string words;
      for (const auto& one : group.as_array()) words += (words.empty() ? "" : ", ") + short_uri(value_text(&one));
      h.el("li", "Qualification extension: " + words);
      any = true;
    }
  }
  if (asi && asi->is_array()) {
    for (const auto& one : asi->as_array()) {
      h.el("li", "Additional service information: " + short_uri(value_text(&one)));
      any = true;
    }
  }
  if (!any) h.el("li", "No qualifiers and no additional service information.");
  h.close("ul");
}

}  // namespace

Response service_page(const Request& req, const Context& ctx, const Target& target, std::string_view id) {
  Target api_target;
  if (auto at = target.param("at")) api_target.query.emplace_back("at", *at);
  const auto api = http::internal::get_service_timeline(req, ctx, api_target, id);
  if (api.result_int() == 404) {
    return error_page(req, 404, "No service with id " + std::string(id) + " is in the lists in force.",
                      "Find the service by name on the Services page; ids change when a list renames a service.");
  }
  if (api.result_int() == 400) {
    return error_page(req, 400, api_error_message(api) + ".", "Give the instant with its zone, e.g. ?at=2026-01-15T00:00:00Z.");
  }
  if (api.result_int() != 200) {
    return error_page(req, api.result_int(), api_error_message(api) + ".", "Wait for the first refresh and reload.");
  }
  const auto doc = body_json(api);
  const auto& s = doc.as_object();
  const auto& version = s.at("version").as_object();
  const std::string territory = str(version, "territory");
  const std::string sid = str(s, "id");
  std::string at_query = target.param("at") ? "?at=" + url_encode(*target.param("at")) : std::string();
  Page p{.title = str(s, "name"), .section = "services", .json_href = "/api/v1/services/" + sid + "/timeline" + at_query, .body = {}};
  auto& h = p.body;
  h.open("p", {{"class", "meta"}}).text(str(s, "tsp") + " · " + std::string(tsl::vocabulary::short_name(str(s, "type"))) + " · ");
  h.link("/console/lists/" + territory, territory + " list").close("p");
  h.el("h2", "Status timeline");
  const std::string svg = "/api/v1/services/" + sid + "/timeline?format=svg" + (at_query.empty() ? "" : "&" + at_query.substr(1));
  h.empty("img", {{"class", "timeline"}, {"src", svg}, {"alt", "Status timeline of " + str(s, "name") + " (the states are listed below)"}});
  h.open("p").link(svg, "Open the SVG").close("p");
  h.el("h2", "States");
  h.open("div", {{"data-expand", "states"}});
  const auto& states = s.at("states").as_array();
  const auto* in_force = s.if_contains("in_force_at");
  for (const auto& st_value : states) {
    const auto& st = st_value.as_object();
    const bool current = in_force && !in_force->is_null() && str(st, "start") == value_text(in_force);
    if (current) h.open("details", {{"open", "open"}});
    else h.open("details");
    h.open("summary").text(short_uri(str(st, "status")) + " from " + str(st, "start") + " to " +
                           (st.at("end").is_null() ? std::string("now (open)") : str(st, "end")));
    if (current) h.el("span", " — in force now", {{"class", "ok"}});
    h.close("summary");
    const auto* history_index = st.if_contains("history_index");
    h.open("p").text("Status URI ").el("code", str(st, "status")).literal("<br>").text("Came from ");
    h.text(territory + " list sequence " + str(version, "sequence") + " (issued " + str(version, "issued") + ", SHA-256 ");
    h.el("code", str(version, "sha256")).text("), ");
    h.text(history_index && !history_index->is_null() ? "its service history entry #" + value_text(history_index)
                                                      : std::string("its current service information"));
    h.close("p");
    h.el("h3", "Digital identities");
    identities(h, st.if_contains("identities"));
    h.el("h3", "Qualifiers");
    qualifiers(h, st);
    h.close("details");
  }
  h.close("div");
  return render(req, std::move(p));
}

}  // namespace assay::service::console
