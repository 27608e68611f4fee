// HTTP request handling as plain functions: `handle(request, context)` answers every route of the
// service (API, health, metrics, web page) without touching a socket. The server (server.h) only
// reads requests, asks `classify` where to run them, and writes responses.
#pragma once

#include <string>

#include "engine/error.h"
#include "service/http/context.h"

namespace assay::service::http {

// Where a request runs: cheap routes on the I/O thread, CPU work (qualification, diffs, SVG,
// pages, big JSON) on the bounded worker pool.
enum class Work { kInline, kPool };

struct RouteInfo {
  std::string pattern;  // "/api/v1/lists/{territory}", for metrics labels; "other" when unknown
  Work work = Work::kInline;
};

// The route pattern and work class of a request (by method-independent path). Never fails.
RouteInfo classify(const Request& request);

// Answers `request`. Never throws: unexpected exceptions become a JSON 500 without details. The
// response's version and keep-alive follow the request's; Content-Length is set.
Response handle(const Request& request, const Context& context);

// The one table from engine::Code to HTTP status (CONVENTIONS.md "Errors"):
// kInvalidArgument 400, kMalformed 400, kNotFound 404, kUnavailable 503, kDeadlineExceeded 504,
// kResourceExhausted 413, kUnsupported 501, kInternal 500.
unsigned http_status(engine::Code code) noexcept;

// A JSON error document {"error": {"code", "message"}} with `status`. `code` is a stable
// snake_case id (documented in docs/openapi.yaml).
Response error_response(unsigned status, std::string_view code, std::string_view message, unsigned version = 11,
                        bool keep_alive = true);

}  // namespace assay::service::http
