// Escaping text for HTML and XML (SVG) output: one function for the web page and the charts.
#pragma once

#include <string>
#include <string_view>

namespace assay::service::text {

// `text` with & < > " ' replaced by entities: safe in element content and in quoted attribute
// values of HTML and XML alike. Pure, thread-safe.
std::string markup_escape(std::string_view text);

}  // namespace assay::service::text
