// Private to service/console: the layout and the page families (one file each).
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "service/console/console.h"
#include "service/console/html.h"

namespace assay::service::console {

using http::Context;
using http::Request;
using http::Response;
using http::internal::Target;

// One page: its title, the nav section it belongs to, the URL of its data as JSON, its body.
struct Page {
  std::string title;
  std::string_view section;  // "lists", "services", "ask", "audits"
  std::string json_href;     // empty: no JSON link
  Html body;
  unsigned status = 200;
};

// The shared layout (nav, JSON link, footer) with the console's headers (CSP, nosniff, no-store).
Response render(const Request& req, Page page);
// An error page: what happened and what to do about it.
Response error_page(const Request& req, unsigned status, std::string_view what, std::string_view what_to_do);
// The stylesheet and the script (the only assets; served from the binary).
Response asset(const Request& req, std::string_view name);
// A JSON body with the console's headers (for ?format=json of pages without an /api/v1 twin).
Response json_page(const Request& req, const boost::json::value& body);
// A redirect (303 after a POST, 302 otherwise).
Response redirect(const Request& req, unsigned status, std::string_view location);

// The body of an /api/v1 response as JSON (null when it is not JSON), and its error message.
boost::json::value body_json(const Response& api);
std::string api_error_message(const Response& api);

// "2026-01-15T00:00:00Z", or "—" when absent.
std::string time_text(const std::optional<engine::UtcTime>& t);
// A JSON value as display text: strings as they are, null as "—", others serialized.
std::string value_text(const boost::json::value* v);
// The last path component of a URI (…/granted → granted); the whole text when it has none.
std::string short_uri(std::string_view uri);

// Pages.
Response lists_page(const Request& req, const Context& ctx);
Response list_page(const Request& req, const Context& ctx, const Target& target, std::string_view territory);
Response services_page(const Request& req, const Context& ctx, const Target& target);
Response history_page(const Request& req, const Context& ctx, std::string_view territory);
Response diff_page(const Request& req, const Context& ctx, const Target& target, std::string_view territory);
Response service_page(const Request& req, const Context& ctx, const Target& target, std::string_view id);
Response ask_page(const Request& req, const Context& ctx);
Response ask_certificate(const Request& req, const Context& ctx, const Target& target);
Response ask_signature(const Request& req, const Context& ctx, const Target& target);
Response audits_page(const Request& req, const Context& ctx, const Target& target);
Response audit_upload(const Request& req, const Context& ctx);
Response audit_package_page(const Request& req, const Context& ctx, const Target& target, std::string_view name);

}  // namespace assay::service::console
