// GET /api/v1/services (TrustSnapshot indexes) and /api/v1/services/{id}/timeline (JSON or SVG).
#include <algorithm>
#include <cctype>

#include "engine/digest.h"
#include "service/http/internal/routes.h"
#include "service/json/timeline_json.h"
#include "service/svg/timeline_svg.h"
#include "tsl/vocabulary.h"

namespace assay::service::http::internal {
namespace {

constexpr std::size_t kDefaultLimit = 500;
constexpr std::size_t kMaxLimit = 5000;

std::optional<std::string> hex_to_bytes(std::string_view hex) {
  if (hex.empty()) return std::nullopt;
  return engine::from_hex(hex);
}

// Service indexes (into snapshot.services()) matching `sdi`: a 64-hex certificate SHA-256, else an
// SKI in hex.
std::vector<std::uint32_t> by_sdi(const tsl::TrustSnapshot& s, const std::string& bytes) {
  std::vector<std::uint32_t> out;
  std::span<const tsl::IdentityHit> hits;
  if (bytes.size() == 32) {
    engine::Sha256 fp{};
    std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(fp.data()));
    hits = s.by_certificate(fp);
  }
  std::vector<tsl::IdentityHit> all(hits.begin(), hits.end());
  auto ski = s.by_ski(bytes);
  all.insert(all.end(), ski.begin(), ski.end());
  for (const auto& h : all) out.push_back(h.service);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> intersect(std::vector<std::uint32_t> a, std::span<const std::uint32_t> b) {
  std::vector<std::uint32_t> sorted_b(b.begin(), b.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  std::vector<std::uint32_t> out;
  std::set_intersection(a.begin(), a.end(), sorted_b.begin(), sorted_b.end(), std::back_inserter(out));
  return out;
}

boost::json::object service_summary(const tsl::TrustSnapshot& s, std::uint32_t index, engine::UtcTime at) {
  const auto& t = s.service(index);
  const auto* state = t.at(at);
  return {{"id", t.id},
          {"territory", t.version->territory},
          {"tsp", t.tsp_name()},
          {"name", t.name()},
          {"type", t.type()},
          {"status_at", state ? boost::json::value(state->state->status) : boost::json::value(nullptr)},
          {"status_since", state ? boost::json::value(engine::format_utc_time(state->start)) : boost::json::value(nullptr)},
          {"timeline", "/api/v1/services/" + t.id + "/timeline"}};
}

}  // namespace

Response get_services(const Request& req, const Context& ctx, const Target& target) {
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  const auto& s = *bundle->snapshot;
  std::optional<std::vector<std::uint32_t>> selected;  // sorted indexes; nullopt = all
  auto apply = [&](std::vector<std::uint32_t> found) {
    std::sort(found.begin(), found.end());
    if (!selected) selected = std::move(found);
    else selected = intersect(std::move(*selected), found);
  };
  if (auto sdi = target.param("sdi")) {
    auto bytes = hex_to_bytes(*sdi);
    if (!bytes) return error(req, 400, "bad_parameter", "sdi must be a certificate SHA-256 or an SKI in hex");
    apply(by_sdi(s, *bytes));
  }
  if (auto tsp = target.param("tsp")) {
    auto f = s.by_tsp(*tsp);
    apply({f.begin(), f.end()});
  }
  if (auto type = target.param("type")) {
    auto f = s.by_type(*type);
    apply({f.begin(), f.end()});
  }
  if (auto territory = target.param("territory")) {
    std::string t = *territory;
    for (auto& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto f = s.by_territory(t);
    apply({f.begin(), f.end()});
  }
  const auto limit_text = target.param("limit"), offset_text = target.param("offset");
  const auto limit_value = limit_text ? parse_u64(*limit_text) : std::optional<std::uint64_t>(kDefaultLimit);
  const auto offset_value = offset_text ? parse_u64(*offset_text) : std::optional<std::uint64_t>(0);
  if (!limit_value || !offset_value) {
    return error(req, 400, "bad_parameter", "limit and offset must be non-negative integers");
  }
  const auto limit = static_cast<std::size_t>(std::min<std::uint64_t>(*limit_value, kMaxLimit));
  const auto offset = static_cast<std::size_t>(*offset_value);
  const auto at = ctx.now ? ctx.now() : s.trust_time();
  const std::size_t total = selected ? selected->size() : s.services().size();
  boost::json::array out;
  for (std::size_t i = offset; i < total && out.size() < limit; ++i) {
    out.push_back(service_summary(s, selected ? (*selected)[i] : static_cast<std::uint32_t>(i), at));
  }
  return json_response(req, 200,
                       {{"total", total},
                        {"offset", offset},
                        {"limit", limit},
                        {"at", engine::format_utc_time(at)},
                        {"services", std::move(out)},
                        {"trust_state", trust_state_evidence(*bundle)}});
}

Response get_service_timeline(const Request& req, const Context& ctx, const Target& target, std::string_view id) {
  auto bundle = usable_bundle(ctx);
  if (!bundle) return no_snapshot(req);
  const auto* t = bundle->snapshot->find(id);
  if (t == nullptr) return error(req, 404, "not_found", "no service with id " + std::string(id) + " in the snapshot");
  std::optional<engine::UtcTime> at;
  if (auto a = target.param("at")) {
    bool assumed_utc = false;
    auto parsed = engine::parse_utc_time(*a, &assumed_utc);
    // Like "at" of POST /api/v1/qualification: an instant needs its zone, never a guessed one.
    if (!parsed || assumed_utc) return error(req, 400, "bad_time", "at must be an RFC 3339 instant with a zone (e.g. 2026-01-15T00:00:00Z)");
    at = *parsed;
  } else if (ctx.now) {
    at = ctx.now();
  }
  const auto format = target.param("format").value_or("json");
  if (format == "svg") {
    svg::TimelineSvgOptions options;
    const auto& v = *t->version;
    options.title = t->tsp_name() + " — " + v.territory;
    options.subtitle = svg::version_subtitle(v);
    options.at = at;
    // Open periods run to the year after the list's issue time (not the wall clock).
    if (v.issued) options.axis_end = *v.issued + std::chrono::days(366);
    // A marker far in the future widens the axis by at most 50 years; beyond, it sits at the edge.
    if (at && options.axis_end && *at > *options.axis_end) {
      options.axis_end = std::min(*at + std::chrono::days(30), *options.axis_end + std::chrono::days(50 * 366));
    }
    const tsl::ServiceTimeline* one[] = {t};
    return text_response(req, 200, "image/svg+xml", svg::render_timeline_svg(one, options));
  }
  if (format != "json") return error(req, 400, "bad_parameter", "format must be json or svg");
  auto body = json::service_timeline_json(*t, at);
  body["trust_state"] = trust_state_evidence(*bundle);
  return json_response(req, 200, body);
}

}  // namespace assay::service::http::internal
