// Routing of /console/...: which page answers which path and method.
#include "service/console/console.h"

#include <exception>

#include "service/console/pages.h"

namespace assay::service::console {
namespace {

namespace beast_http = boost::beast::http;
using http::internal::segments_match;

struct Route {
  std::string_view pattern;
  bool post = false;  // the only method besides GET/HEAD a console page accepts
};

Route route_of(const std::vector<std::string>& s) {
  if (segments_match(s, {"console"})) return {"/console/"};
  if (segments_match(s, {"console", "assets", "*"})) return {"/console/assets/{file}"};
  if (segments_match(s, {"console", "lists", "*"})) return {"/console/lists/{territory}"};
  if (segments_match(s, {"console", "lists", "*", "history"})) return {"/console/lists/{territory}/history"};
  if (segments_match(s, {"console", "lists", "*", "diff"})) return {"/console/lists/{territory}/diff"};
  if (segments_match(s, {"console", "services"})) return {"/console/services"};
  if (segments_match(s, {"console", "services", "*"})) return {"/console/services/{id}"};
  if (segments_match(s, {"console", "ask"})) return {"/console/ask"};
  if (segments_match(s, {"console", "ask", "certificate"})) return {"/console/ask/certificate", true};
  if (segments_match(s, {"console", "ask", "signature"})) return {"/console/ask/signature", true};
  if (segments_match(s, {"console", "audits"})) return {"/console/audits", true};
  if (segments_match(s, {"console", "audits", "*"})) return {"/console/audits/{package}"};
  return {"other"};
}

}  // namespace

std::string route_pattern(const std::vector<std::string>& segments) { return std::string(route_of(segments).pattern); }

Response handle(const Request& req, const Context& ctx, const Target& target) {
  const auto& s = target.segments;
  const auto r = route_of(s);
  if (r.pattern == "other") {
    return error_page(req, 404, "There is no console page at this address.",
                      "Start from the lists page, or check the address for a typo.");
  }
  const bool get = req.method() == beast_http::verb::get || req.method() == beast_http::verb::head;
  const bool post = req.method() == beast_http::verb::post;
  // Ask forms are answered by POST; a GET of their address (a bookmark, a reload) shows the form.
  if ((r.pattern == "/console/ask/certificate" || r.pattern == "/console/ask/signature") && get) {
    return redirect(req, 302, "/console/ask");
  }
  if (!get && !(post && r.post)) {
    auto res = error_page(req, 405, "This page cannot be sent that way (HTTP method " + std::string(req.method_string()) + ").",
                          "Open it with a normal link, or use the form on the page.");
    res.set(beast_http::field::allow, r.post ? "GET, HEAD, POST" : "GET, HEAD");
    return res;
  }
  if (r.pattern == "/console/") return lists_page(req, ctx);
  if (r.pattern == "/console/assets/{file}") return asset(req, s[2]);
  if (r.pattern == "/console/lists/{territory}") return list_page(req, ctx, target, s[2]);
  if (r.pattern == "/console/lists/{territory}/history") return history_page(req, ctx, s[2]);
  if (r.pattern == "/console/lists/{territory}/diff") return diff_page(req, ctx, target, s[2]);
  if (r.pattern == "/console/services") return services_page(req, ctx, target);
  if (r.pattern == "/console/services/{id}") return service_page(req, ctx, target, s[2]);
  if (r.pattern == "/console/ask") return ask_page(req, ctx);
  if (r.pattern == "/console/ask/certificate") return ask_certificate(req, ctx, target);
  if (r.pattern == "/console/ask/signature") return ask_signature(req, ctx, target);
  if (r.pattern == "/console/audits") return post ? audit_upload(req, ctx) : audits_page(req, ctx, target);
  if (r.pattern == "/console/audits/{package}") return audit_package_page(req, ctx, target, s[2]);
  return error_page(req, 404, "There is no console page at this address.", "Start from the lists page.");
}

}  // namespace assay::service::console
