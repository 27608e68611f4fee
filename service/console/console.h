// The auditor's console (issue 20): server-rendered HTML pages under /console/ answering, in a
// browser, what the CLI answers — lists, histories and diffs, service timelines, qualification
// and validation of uploads, audit packages. Every page is built from the same functions as the
// /api/v1 handlers and links its JSON. docs/console.md describes the pages.
#pragma once

#include <string>
#include <vector>

#include "service/http/context.h"
#include "service/http/internal/routes.h"

namespace assay::service::console {

// Answers a request whose first path segment is "console" (`target` is its parsed target). Never
// throws for bad input: an HTML error page that says what to do.
http::Response handle(const http::Request& req, const http::Context& ctx, const http::internal::Target& target);

// The route pattern of a console path, for metrics labels ("/console/lists/{territory}", ...).
std::string route_pattern(const std::vector<std::string>& segments);

// "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; ..." — set on
// every console page: the stylesheet and script are files served by the binary, nothing inline.
extern const char kContentSecurityPolicy[];

}  // namespace assay::service::console
