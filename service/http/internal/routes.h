// Private to service/http: the per-route handlers and response helpers used by handler.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "service/http/context.h"
#include "service/http/handler.h"
#include "validation/trusted_list_anchors.h"

namespace assay::service::http::internal {

// The parsed request target: path segments after the leading '/', and decoded query parameters.
struct Target {
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, std::string>> query;
  std::optional<std::string> param(std::string_view name) const;
};
// Percent-decodes and splits the target; nullopt when it is not a valid origin-form target.
std::optional<Target> parse_target(std::string_view target);
// Whether the segments match a route pattern segment by segment, "*" matching any one segment.
bool segments_match(const std::vector<std::string>& segments, std::initializer_list<std::string_view> pattern);
// A query value as a non-negative decimal integer: digits only (no sign, space or suffix) and
// in range, else nullopt.
std::optional<std::uint64_t> parse_u64(std::string_view s);

// X-Content-Type-Options: nosniff on every response; a Content-Security-Policy on HTML and SVG.
void set_security_headers(Response& res);
Response json_response(const Request& req, unsigned status, const boost::json::value& body);
Response text_response(const Request& req, unsigned status, std::string_view content_type, std::string body);
Response error(const Request& req, unsigned status, std::string_view code, std::string_view message);
// An engine::Error through the code table; `public_message` replaces the error's own message
// when that may name internal paths (store errors).
Response error(const Request& req, const engine::Error& e, std::string_view public_message = {});
Response method_not_allowed(const Request& req, std::string_view allow);
// A redirect to a path on this server (`location` percent-encoded where needed).
Response redirect(const Request& req, unsigned status, std::string_view location);
// 503 "no authenticated snapshot yet" when there is no bundle.
Response no_snapshot(const Request& req);

// The bundle, or nullptr when none has been published (or its LOTL is not authenticated).
BundlePtr usable_bundle(const Context& ctx);

// Routes (one file each family).
// The trusted-list anchors of the snapshot in force, built on first use and rebuilt when a
// refresh publishes another snapshot; copies share one cache. Thread-safe.
class SnapshotAnchors {
 public:
  SnapshotAnchors();
  std::shared_ptr<const validation::TrustedListAnchors> of(const TrustSnapshotBundle& bundle) const;

 private:
  struct Shared {
    std::mutex mutex;
    std::shared_ptr<const validation::TrustedListAnchors> anchors;
  };
  std::shared_ptr<Shared> shared_;
};

// The DSS-compatible endpoints (api_dss.cpp).
Response post_dss_validate_signature(const Request& req, const Context& ctx);
Response post_dss_validate_certificate(const Request& req, const Context& ctx);
Response get_lists(const Request& req, const Context& ctx);
Response get_list(const Request& req, const Context& ctx, std::string_view territory);
Response get_list_versions(const Request& req, const Context& ctx, std::string_view territory);
Response get_list_diff(const Request& req, const Context& ctx, const Target& target, std::string_view territory);
Response get_services(const Request& req, const Context& ctx, const Target& target);
Response get_service_timeline(const Request& req, const Context& ctx, const Target& target, std::string_view id);
Response post_qualification(const Request& req, const Context& ctx);
Response post_certificate_validation(const Request& req, const Context& ctx);
Response post_signature_validation(const Request& req, const Context& ctx, const Target& target);
Response post_refresh(const Request& req, const Context& ctx);
Response get_ready(const Request& req, const Context& ctx);
Response get_metrics(const Request& req, const Context& ctx);

// True for "application/json" with or without parameters (case-insensitive media type).
bool is_json_content_type(std::string_view content_type);
// Appends the certificates of one request entry (PEM, one or more blocks, or base64 of DER;
// whitespace ignored) to `out`; a 400 response naming `where` when it does not decode.
std::optional<Response> decode_certificate(const Request& req, std::string_view text, const std::string& where,
                                           std::vector<engine::CertificatePtr>& out);

// One CRL or OCSP response given as text: a PEM block with one of `labels`, or base64 of DER
// (whitespace ignored); the DER, or a 400 naming `where` (bad_pem, bad_base64, bad_der).
std::variant<std::string, Response> decode_der_item(const Request& req, std::string_view text, const std::string& where,
                                                    std::initializer_list<std::string_view> labels);

// The snapshot's list of `territory` (upper case), or nullptr.
const tsl::SnapshotList* find_list(const tsl::TrustSnapshot& snapshot, std::string_view territory);

// The "trust_state" evidence of an answer: LOTL sequence and SHA-256, every list's sequence and
// SHA-256 used, and the snapshot time.
boost::json::object trust_state_evidence(const TrustSnapshotBundle& bundle);

}  // namespace assay::service::http::internal
