// The console's layout, headers, error pages and its two assets (console.css, console.js). The
// CSP forbids inline script and style, so both assets are files served from the binary.
#include <boost/json.hpp>

#include "service/console/pages.h"

namespace assay::service::console {

const char kContentSecurityPolicy[] =
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

namespace {

namespace beast_http = boost::beast::http;

// Fluid, one column on a phone; visible focus for keyboard users (WCAG 2.4.7).
constexpr std::string_view kCss = R"css(*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
[hidden]{display:none!important}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header .brand{font-weight:700;color:#fff;text-decoration:none;margin-right:1rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav a{color:#fff;text-decoration:none;padding:.35rem .6rem;border-radius:4px;display:inline-block}
nav a[aria-current=page]{background:#3d5f8c}
nav a:hover{background:#2e4d75}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible,textarea:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.meta{color:#555;font-size:.9rem}
.json{float:right;font-size:.85rem;background:#eef2f7;border:1px solid #c8d3e1;border-radius:4px;padding:.15rem .5rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0 1rem;background:#fff;width:100%}
th,td{border:1px solid #d7d7d7;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.ok{color:#176b1f;font-weight:600}.bad{color:#a4161a;font-weight:600}.warn{color:#8a5a00;font-weight:600}
.box{background:#fff;border:1px solid #d7d7d7;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.error{border-color:#a4161a;background:#fff5f5}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
label{display:block;font-weight:600;font-size:.9rem}
input[type=text],input[type=search],select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #999;border-radius:4px;max-width:100%}
textarea{width:100%;min-height:6rem;font-family:ui-monospace,monospace;font-size:.85rem}
button{font:inherit;padding:.35rem .9rem;border:1px solid #1f3a5f;background:#1f3a5f;color:#fff;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#1f3a5f}
details{background:#fff;border:1px solid #d7d7d7;border-radius:6px;padding:.4rem .75rem;margin:.5rem 0}
summary{cursor:pointer;font-weight:600}
img.timeline{max-width:100%;height:auto;background:#fff;border:1px solid #d7d7d7}
ul.words li{margin:.2rem 0}
footer{color:#666;font-size:.8rem;text-align:center;padding:2rem 1rem}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.25rem}.json{float:none;display:inline-block;margin-bottom:.5rem}}
)css";

// Progressive help only: every page reads and submits without it. "Expand all" for detailed
// reports, and a row filter for long tables (input[data-filter] filters the table it names).
constexpr std::string_view kJs = R"js('use strict';
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-expand]').forEach(function (box) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Expand all';
    button.addEventListener('click', function () {
      var open = button.textContent === 'Expand all';
      box.querySelectorAll('details').forEach(function (d) { d.open = open; });
      button.textContent = open ? 'Collapse all' : 'Expand all';
    });
    box.insertBefore(button, box.firstChild);
  });
  document.querySelectorAll('input[data-filter]').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    if (!table) return;
    input.hidden = false;
    input.addEventListener('input', function () {
      var needle = input.value.toLowerCase();
      table.querySelectorAll('tbody tr').forEach(function (row) {
        row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  });
});
)js";

Response with_headers(const Request& req, unsigned status, std::string_view content_type, std::string body) {
  Response res{static_cast<beast_http::status>(status), req.version()};
  res.set(beast_http::field::content_type, content_type);
  res.set(beast_http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("Referrer-Policy", "no-referrer");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

struct NavItem {
  std::string_view section, href, label;
};
constexpr NavItem kNav[] = {{"lists", "/console/", "Lists"},
                            {"services", "/console/services", "Services"},
                            {"ask", "/console/ask", "Ask"},
                            {"audits", "/console/audits", "Audits"}};

}  // namespace

Response render(const Request& req, Page page) {
  Html h;
  h.literal("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<link rel=\"stylesheet\" href=\"/console/assets/console.css\">"
            "<script src=\"/console/assets/console.js\" defer></script>"
            "<link rel=\"icon\" href=\"data:,\">");
  h.el("title", page.title + " — assay console");
  h.literal("</head><body><header><a class=\"brand\" href=\"/console/\">assay console</a><nav aria-label=\"Main\"><ul>");
  for (const auto& item : kNav) {
    h.open("li");
    if (item.section == page.section) {
      h.link(item.href, item.label, {{"aria-current", "page"}});
    } else {
      h.link(item.href, item.label);
    }
    h.close("li");
  }
  h.literal("</ul></nav></header>\n<main id=\"main\">");
  if (!page.json_href.empty()) h.link(page.json_href, "JSON", {{"class", "json"}, {"type", "application/json"}});
  h.el("h1", page.title);
  h.fragment(page.body);
  h.literal("</main><footer>assay — every answer carries its evidence. "
            "<a href=\"/api/v1/openapi.yaml\">API description</a> · <a href=\"/ready\">readiness</a></footer>"
            "</body></html>\n");
  return with_headers(req, page.status, "text/html; charset=utf-8", h.take());
}

Response error_page(const Request& req, unsigned status, std::string_view what, std::string_view what_to_do) {
  Page p{.title = status == 404 ? "Not found" : (status >= 500 ? "The service cannot answer" : "That did not work"),
         .section = "",
         .json_href = "",
         .body = {},
         .status = status};
  p.body.open("div", {{"class", "box error"}, {"role", "alert"}}).el("p", what).open("p").literal("<strong>What to do:</strong> ").text(what_to_do);
  p.body.close("p").close("div").literal("<p><a href=\"/console/\">Back to the lists</a></p>");
  return render(req, std::move(p));
}

Response asset(const Request& req, std::string_view name) {
  Response res = name == "console.css"  ? with_headers(req, 200, "text/css; charset=utf-8", std::string(kCss))
                 : name == "console.js" ? with_headers(req, 200, "text/javascript; charset=utf-8", std::string(kJs))
                                        : error_page(req, 404, "There is no such console asset.", "Reload the page.");
  if (res.result_int() == 200) res.set(beast_http::field::cache_control, "public, max-age=3600");
  return res;
}

Response json_page(const Request& req, const boost::json::value& body) {
  return with_headers(req, 200, "application/json", boost::json::serialize(body) + "\n");
}

Response redirect(const Request& req, unsigned status, std::string_view location) {
  auto res = with_headers(req, status, "text/plain; charset=utf-8", "see " + std::string(location) + "\n");
  res.set(beast_http::field::location, location);
  return res;
}

boost::json::value body_json(const Response& api) {
  boost::system::error_code ec;
  auto v = boost::json::parse(api.body(), ec);
  if (ec) return nullptr;
  return v;
}

std::string api_error_message(const Response& api) {
  const auto v = body_json(api);
  if (const auto* o = v.if_object()) {
    if (const auto* e = o->if_contains("error"); e && e->is_object()) {
      if (const auto* m = e->as_object().if_contains("message"); m && m->is_string()) return std::string(m->as_string());
    }
  }
  return "the service answered " + std::to_string(api.result_int());
}

std::string time_text(const std::optional<engine::UtcTime>& t) { return engine::format_utc_time(t, "—"); }

std::string value_text(const boost::json::value* v) {
  if (v == nullptr || v->is_null()) return "—";
  if (v->is_string()) return std::string(v->as_string());
  return boost::json::serialize(*v);
}

std::string short_uri(std::string_view uri) {
  const auto slash = uri.find_last_of('/');
  if (slash == std::string_view::npos || slash + 1 == uri.size()) return std::string(uri);
  return std::string(uri.substr(slash + 1));
}

}  // namespace assay::service::console
