// Routing, response helpers, the error table, and the small routes (health, metrics, openapi).
#include "service/http/handler.h"

#include <cctype>
#include <charconv>
#include <exception>

#include "engine/digest.h"
#include "service/console/console.h"
#include "service/http/internal/routes.h"
#include "service/http/metrics.h"

namespace assay::service::http {
namespace internal {

void set_security_headers(Response& res) {
  // Browsers must not guess a type (a JSON or text body rendered as HTML), and the pages and
  // charts may use their own inline styles and nothing else: no script, no fetch, no framing.
  res.set("X-Content-Type-Options", "nosniff");
  const std::string_view type = res[beast_http::field::content_type];
  if (type.starts_with("text/html") || type.starts_with("image/svg+xml")) {
    res.set("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  }
}

namespace {

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = engine::hex_digit_value(s[i + 1]), lo = engine::hex_digit_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<std::uint64_t> parse_u64(std::string_view s) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<std::string> Target::param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

bool segments_match(const std::vector<std::string>& segments, std::initializer_list<std::string_view> pattern) {
  if (segments.size() != pattern.size()) return false;
  std::size_t i = 0;
  for (auto want : pattern) {
    if (want != "*" && segments[i] != want) return false;
    ++i;
  }
  return true;
}

std::optional<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  Target t;
  const auto q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  std::size_t start = 1;
  while (start <= raw_path.size()) {
    const auto slash = raw_path.find('/', start);
    const auto piece = raw_path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    auto decoded = percent_decode(piece, false);
    if (!decoded) return std::nullopt;
    if (!decoded->empty()) t.segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const auto pair = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      auto key = percent_decode(pair.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
      if (!key || !value) return std::nullopt;
      t.query.emplace_back(std::move(*key), std::move(*value));
    }
  }
  return t;
}

Response text_response(const Request& req, unsigned status, std::string_view content_type, std::string body) {
  Response res{static_cast<beast_http::status>(status), req.version()};
  res.set(beast_http::field::content_type, content_type);
  res.set(beast_http::field::cache_control, "no-store");
  set_security_headers(res);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response json_response(const Request& req, unsigned status, const boost::json::value& body) {
  std::string text = boost::json::serialize(body);
  text += '\n';
  return text_response(req, status, "application/json", std::move(text));
}

Response error(const Request& req, unsigned status, std::string_view code, std::string_view message) {
  return error_response(status, code, message, req.version(), req.keep_alive());
}

Response error(const Request& req, const engine::Error& e, std::string_view public_message) {
  std::string code(engine::code_name(e.code()));
  return error(req, http_status(e.code()), code, public_message.empty() ? std::string_view(e.message()) : public_message);
}

Response redirect(const Request& req, unsigned status, std::string_view location) {
  std::string target;
  for (const char c : location) {
    // Only the path characters a location needs; anything else (a decoded segment) is encoded.
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      target += c;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      target += '%';
      target += kHex[u >> 4];
      target += kHex[u & 15];
    }
  }
  auto res = text_response(req, status, "text/plain; charset=utf-8", "see " + target + "\n");
  res.set(beast_http::field::location, target);
  return res;
}

Response method_not_allowed(const Request& req, std::string_view allow) {
  auto res = error(req, 405, "method_not_allowed",
                   "method " + std::string(req.method_string()) + " is not allowed here; allowed: " + std::string(allow));
  res.set(beast_http::field::allow, allow);
  return res;
}

Response no_snapshot(const Request& req) {
  auto res = error(req, 503, "no_snapshot", "no authenticated trust snapshot yet (the first refresh has not succeeded)");
  res.set(beast_http::field::retry_after, "5");
  return res;
}

BundlePtr usable_bundle(const Context& ctx) {
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  if (!bundle || !bundle->state || !bundle->snapshot || !bundle->state->lotl_authenticated()) return nullptr;
  return bundle;
}

Response get_metrics(const Request& req, const Context& ctx) {
  if (ctx.metrics == nullptr) return error(req, 404, "not_found", "metrics are not enabled");
  auto bundle = ctx.snapshots ? ctx.snapshots->current() : nullptr;
  const auto now = ctx.now ? ctx.now() : engine::system_now();
  return text_response(req, 200, "text/plain; version=0.0.4; charset=utf-8", ctx.metrics->render(bundle.get(), now));
}

}  // namespace internal

using namespace internal;

unsigned http_status(engine::Code code) noexcept {
  switch (code) {
    case engine::Code::kInvalidArgument: return 400;
    case engine::Code::kMalformed: return 400;
    case engine::Code::kNotFound: return 404;
    case engine::Code::kUnavailable: return 503;
    case engine::Code::kDeadlineExceeded: return 504;
    case engine::Code::kResourceExhausted: return 413;
    case engine::Code::kUnsupported: return 501;
    case engine::Code::kInternal: return 500;
  }
  return 500;
}

Response error_response(unsigned status, std::string_view code, std::string_view message, unsigned version,
                        bool keep_alive) {
  Response res{static_cast<beast_http::status>(status), version};
  res.set(beast_http::field::content_type, "application/json");
  res.set(beast_http::field::cache_control, "no-store");
  set_security_headers(res);
  res.keep_alive(keep_alive);
  boost::json::object body{{"error", {{"code", code}, {"message", message}}}};
  res.body() = boost::json::serialize(body) + "\n";
  res.prepare_payload();
  return res;
}

namespace {


// Route table: pattern, allowed methods, work class, and the function.
struct Dispatch {
  std::string pattern;
  std::string_view allow;  // "GET, HEAD" or "POST"
  Work work = Work::kInline;
};

Dispatch route_of(const std::vector<std::string>& s) {
  if (s.empty()) return {"/", "GET, HEAD", Work::kInline};
  // The console (service/console) checks its own methods: some pages take a POSTed form.
  if (s[0] == "console") return {console::route_pattern(s), "console", Work::kPool};
  if (segments_match(s, {"health"})) return {"/health", "GET, HEAD", Work::kInline};
  if (segments_match(s, {"ready"})) return {"/ready", "GET, HEAD", Work::kInline};
  if (segments_match(s, {"metrics"})) return {"/metrics", "GET, HEAD", Work::kInline};
  if (segments_match(s, {"lists", "*"})) return {"/lists/{territory}", "GET, HEAD", Work::kInline};
  // DSS-compatible endpoints (api_dss.cpp), at the reference web application's paths.
  if (segments_match(s, {"services", "rest", "validation", "validateSignature"})) {
    return {"/services/rest/validation/validateSignature", "POST", Work::kPool};
  }
  if (segments_match(s, {"services", "rest", "certificate-validation", "validateCertificate"})) {
    return {"/services/rest/certificate-validation/validateCertificate", "POST", Work::kPool};
  }
  if (s.size() < 2 || s[0] != "api" || s[1] != "v1") return {"other", "", Work::kInline};
  if (segments_match(s, {"api", "v1", "openapi.yaml"})) return {"/api/v1/openapi.yaml", "GET, HEAD", Work::kInline};
  if (segments_match(s, {"api", "v1", "lists"})) return {"/api/v1/lists", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "lists", "*"})) return {"/api/v1/lists/{territory}", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "lists", "*", "versions"})) return {"/api/v1/lists/{territory}/versions", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "lists", "*", "diff"})) return {"/api/v1/lists/{territory}/diff", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "services"})) return {"/api/v1/services", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "services", "*", "timeline"})) return {"/api/v1/services/{id}/timeline", "GET, HEAD", Work::kPool};
  if (segments_match(s, {"api", "v1", "qualification"})) return {"/api/v1/qualification", "POST", Work::kPool};
  if (segments_match(s, {"api", "v1", "certificates", "validation"})) {
    return {"/api/v1/certificates/validation", "POST", Work::kPool};
  }
  if (segments_match(s, {"api", "v1", "signatures", "validation"})) return {"/api/v1/signatures/validation", "POST", Work::kPool};
  if (segments_match(s, {"api", "v1", "refresh"})) return {"/api/v1/refresh", "POST", Work::kInline};
  return {"other", "", Work::kInline};
}

Response route(const Request& req, const Context& ctx) {
  auto target = parse_target(req.target());
  if (!target) return error(req, 400, "bad_target", "the request target is not a valid path");
  const auto d = route_of(target->segments);
  if (d.allow == "console") return console::handle(req, ctx, *target);
  if (d.pattern == "other") return error(req, 404, "not_found", "no such resource");
  const bool get = req.method() == beast_http::verb::get || req.method() == beast_http::verb::head;
  const bool post = req.method() == beast_http::verb::post;
  if ((d.allow == "POST" && !post) || (d.allow != "POST" && !get)) return method_not_allowed(req, d.allow);
  const auto& s = target->segments;

  if (d.pattern == "/health") return json_response(req, 200, {{"status", "alive"}});
  if (d.pattern == "/ready") return get_ready(req, ctx);
  if (d.pattern == "/metrics") return get_metrics(req, ctx);
  if (d.pattern == "/") return redirect(req, 302, "/console/");
  // The first web page's list address, kept for bookmarks.
  if (d.pattern == "/lists/{territory}") return redirect(req, 301, "/console/lists/" + s[1]);
  if (d.pattern == "/api/v1/openapi.yaml") {
    if (ctx.openapi_yaml.empty()) return error(req, 404, "not_found", "the API description is not bundled");
    return text_response(req, 200, "application/yaml", ctx.openapi_yaml);
  }
  if (d.pattern == "/api/v1/lists") return get_lists(req, ctx);
  if (d.pattern == "/api/v1/lists/{territory}") return get_list(req, ctx, s[3]);
  if (d.pattern == "/api/v1/lists/{territory}/versions") return get_list_versions(req, ctx, s[3]);
  if (d.pattern == "/api/v1/lists/{territory}/diff") return get_list_diff(req, ctx, *target, s[3]);
  if (d.pattern == "/api/v1/services") return get_services(req, ctx, *target);
  if (d.pattern == "/api/v1/services/{id}/timeline") return get_service_timeline(req, ctx, *target, s[3]);
  if (d.pattern == "/api/v1/qualification") return post_qualification(req, ctx);
  if (d.pattern == "/api/v1/certificates/validation") return post_certificate_validation(req, ctx);
  if (d.pattern == "/api/v1/signatures/validation") return post_signature_validation(req, ctx, *target);
  if (d.pattern == "/api/v1/refresh") return post_refresh(req, ctx);
  if (d.pattern == "/services/rest/validation/validateSignature") return post_dss_validate_signature(req, ctx);
  if (d.pattern == "/services/rest/certificate-validation/validateCertificate") {
    return post_dss_validate_certificate(req, ctx);
  }
  return error(req, 404, "not_found", "no such resource");
}

}  // namespace

RouteInfo classify(const Request& request) {
  auto target = parse_target(request.target());
  if (!target) return {"other", Work::kInline};
  auto d = route_of(target->segments);
  return {std::move(d.pattern), d.work};
}

Response handle(const Request& request, const Context& context) {
  try {
    auto res = route(request, context);
    if (res.body().size() > context.max_response_bytes) {
      // A cap on every answer: whatever a request manages to make the service produce, it never
      // holds more than this per connection (issue 21).
      res = error_response(500, "response_too_large",
                           "the response would exceed " + std::to_string(context.max_response_bytes) + " bytes",
                           request.version(), request.keep_alive());
    }
    if (request.method() == beast_http::verb::head) {
      // HEAD: the GET headers (Content-Length of the GET body) without the body.
      const auto length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }
    return res;
  } catch (const std::exception&) {
    // Never a stack trace or an exception text (it may name internal state) on the wire.
    return error_response(500, "internal", "internal error", request.version(), false);
  } catch (...) {
    return error_response(500, "internal", "internal error", request.version(), false);
  }
}

}  // namespace assay::service::http
