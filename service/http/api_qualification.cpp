// POST /api/v1/qualification (request parsing and validation; the decision itself is the injected
// QualifyFn, see context.h) and POST /api/v1/refresh (bearer token).
#include <algorithm>
#include <cctype>
#include <mutex>
#include <variant>

#include "engine/base64.h"
#include "engine/digest.h"
#include "service/http/internal/routes.h"
#include "service/json/qualification_json.h"
#include "service/json/strict_parse.h"
#include "tsl/qualification/chain.h"
#include "tsl/qualification/qualification.h"

namespace assay::service::http::internal {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

// application/json, with no charset or charset=utf-8 (RFC 8259 8.1: JSON exchanged between
// systems is UTF-8; a body declared as anything else would be read as UTF-8 regardless).
bool is_json_content_type(std::string_view ct) {
  const auto semi = ct.find(';');
  if (lower(trim(ct.substr(0, semi))) != "application/json") return false;
  std::string_view params = semi == std::string_view::npos ? std::string_view() : ct.substr(semi + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    const auto param = trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim(param.substr(0, eq))) != "charset") continue;
    auto value = trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (lower(value) != "utf-8") return false;
  }
  return true;
}

namespace {
// Certificates a request entry holds: its PEM blocks, or one for base64 DER. Counted before any
// decoding so an oversized request costs a scan, not a parse per block.
std::size_t certificates_in(std::string_view text) {
  std::size_t n = 0;
  for (auto at = text.find("-----BEGIN"); at != std::string_view::npos; at = text.find("-----BEGIN", at + 10)) ++n;
  return std::max<std::size_t>(n, 1);
}
}  // namespace

// Decodes one certificate: PEM (one or more blocks) or base64 of DER (whitespace ignored).
std::optional<Response> decode_certificate(const Request& req, std::string_view text, const std::string& where,
                                           std::vector<engine::CertificatePtr>& out) {
  if (text.find("-----BEGIN") != std::string_view::npos) {
    auto certs = engine::Certificate::parse_pem_chain(text);
    if (!certs) return error(req, 400, "bad_certificate", where + ": " + certs.error().message());
    out.insert(out.end(), certs->begin(), certs->end());
    return std::nullopt;
  }
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  }
  auto der = engine::base64_decode(compact);
  if (!der || der->empty()) return error(req, 400, "bad_base64", where + " is neither PEM nor valid base64");
  auto cert = engine::Certificate::parse_der(*der);
  if (!cert) return error(req, 400, "bad_certificate", where + ": " + cert.error().message());
  out.push_back(std::move(*cert));
  return std::nullopt;
}

namespace {

struct Parsed {
  std::vector<engine::CertificatePtr> chain;
  std::optional<engine::UtcTime> at;
};

std::variant<Parsed, Response> parse_request(const Request& req, const Context& ctx) {
  if (!is_json_content_type(req[beast_http::field::content_type])) {
    return error(req, 415, "unsupported_media_type", "send the request as application/json (UTF-8)");
  }
  auto doc = json::parse_strict(req.body());
  if (!doc) return error(req, 400, "bad_json", "the body is not acceptable JSON: " + doc.error().message());
  const auto* obj = doc->if_object();
  if (obj == nullptr) return error(req, 400, "bad_request", "the body must be a JSON object");
  for (const auto& [key, value] : *obj) {
    (void)value;
    if (key != "certificates" && key != "at") {
      return error(req, 400, "bad_request", "unknown member \"" + std::string(key) + "\"");
    }
  }
  const auto* certs = obj->if_contains("certificates");
  if (certs == nullptr || !certs->is_array() || certs->as_array().empty()) {
    return error(req, 400, "bad_request", "\"certificates\" must be a non-empty array of PEM or base64 DER strings");
  }
  if (certs->as_array().size() > ctx.max_certificates) {
    return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_certificates) + " certificates per request");
  }
  std::size_t total = 0;
  for (const auto& c : certs->as_array()) {
    if (c.is_string()) total += certificates_in(c.as_string());
  }
  if (total > ctx.max_certificates) {
    return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_certificates) + " certificates per request");
  }
  Parsed parsed;
  std::size_t i = 0;
  for (const auto& c : certs->as_array()) {
    if (!c.is_string()) return error(req, 400, "bad_request", "certificates[" + std::to_string(i) + "] must be a string");
    if (auto failed = decode_certificate(req, c.as_string(), "certificates[" + std::to_string(i) + "]", parsed.chain)) {
      return std::move(*failed);
    }
    ++i;
  }
  if (parsed.chain.size() > ctx.max_certificates) {
    return error(req, 400, "bad_request", "at most " + std::to_string(ctx.max_certificates) + " certificates per request");
  }
  if (const auto* at = obj->if_contains("at"); at != nullptr && !at->is_null()) {
    if (!at->is_string()) return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 string");
    bool assumed_utc = false;
    auto t = engine::parse_utc_time(at->as_string(), &assumed_utc);
    if (!t || assumed_utc) return error(req, 400, "bad_time", "\"at\" must be an RFC 3339 instant with a zone (e.g. 2026-01-15T00:00:00Z)");
    parsed.at = *t;
  }
  return parsed;
}

// Compares without an early exit: SHA-256 of both (fixed length) and an OR of byte differences,
// so neither the content nor the length of the token leaks through timing.
bool constant_time_equal(std::string_view a, std::string_view b) {
  const auto da = engine::sha256(a), db = engine::sha256(b);
  unsigned diff = 0;
  for (std::size_t i = 0; i < da.size(); ++i) diff |= static_cast<unsigned>(da[i] ^ db[i]);
  return diff == 0;
}

}  // namespace

Response post_qualification(const Request& req, const Context& ctx) {
  auto parsed = parse_request(req, ctx);
  if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
  auto& p = std::get<Parsed>(parsed);
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  if (!ctx.qualify) return error(req, 501, "not_implemented", "qualification is not available in this build");
  const auto at = p.at ? *p.at : (ctx.now ? ctx.now() : bundle->state->trust_time);
  boost::json::value result = ctx.qualify(*bundle, p.chain, at);
  boost::json::object body;
  if (result.is_object()) body = std::move(result.as_object());
  else body["result"] = std::move(result);
  body["at"] = engine::format_utc_time(at);
  body["trust_state"] = trust_state_evidence(*bundle);
  return json_response(req, 200, body);
}

Response post_refresh(const Request& req, const Context& ctx) {
  // Without a configured token the route does not exist (404), so its presence reveals nothing.
  if (ctx.refresh_token.empty() || !ctx.trigger_refresh) return error(req, 404, "not_found", "no such resource");
  const std::string_view auth = req[beast_http::field::authorization];
  // RFC 9110 11.1: the scheme name is case-insensitive ("bearer" is "Bearer"); the token is not.
  constexpr std::string_view kBearer = "bearer ";
  const bool ok = auth.size() > kBearer.size() && lower(auth.substr(0, kBearer.size())) == kBearer &&
                  constant_time_equal(auth.substr(kBearer.size()), ctx.refresh_token);
  if (!ok) {
    auto res = error(req, 401, "unauthorized", "a valid bearer token is required");
    res.set(beast_http::field::www_authenticate, "Bearer realm=\"assay\"");
    return res;
  }
  const bool started = ctx.trigger_refresh();
  return json_response(req, 202, {{"refresh", started ? "scheduled" : "already_scheduled"}});
}

}  // namespace assay::service::http::internal

namespace assay::service::http {

namespace {

// One signature cache per snapshot: the cache refers to the snapshot's listed certificates, so it
// holds the snapshot it belongs to (an address can never be reused while the cache lives).
struct CacheForSnapshot {
  tsl::TrustSnapshotPtr snapshot;
  std::shared_ptr<tsl::SignatureCache> cache;
};

}  // namespace

QualifyFn engine_qualify() {
  auto shared = std::make_shared<std::pair<std::mutex, CacheForSnapshot>>();
  return [shared](const TrustSnapshotBundle& bundle, const std::vector<engine::CertificatePtr>& chain,
                  engine::UtcTime at) -> boost::json::value {
    std::shared_ptr<tsl::SignatureCache> cache;
    {
      std::lock_guard lock(shared->first);
      auto& current = shared->second;
      if (current.snapshot != bundle.snapshot) current = {bundle.snapshot, std::make_shared<tsl::SignatureCache>()};
      cache = current.cache;
    }
    tsl::QualificationOptions options;
    options.cache = cache.get();
    const auto result = tsl::qualify(*bundle.snapshot, chain, at, options);
    return json::qualification_json(result);
  };
}

}  // namespace assay::service::http
