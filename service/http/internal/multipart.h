// Private to service/http: a strict multipart/form-data reader (RFC 7578 over RFC 2046 5.1) for
// uploads. The whole body is already in memory (the server caps it); this only splits it. No
// nested multipart, no Content-Transfer-Encoding (RFC 7578 4.7: senders do not use it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::service::http::internal {

struct FormPart {
  std::string name;                    // Content-Disposition name
  std::optional<std::string> filename; // Content-Disposition filename, when given
  std::string content_type;            // the part's Content-Type, "" when absent
  std::string_view body;               // a view into the request body
};

// The boundary parameter of a multipart/form-data Content-Type (quoted or not); nullopt when the
// media type is not multipart/form-data or the boundary is missing or invalid (1..70 chars).
std::optional<std::string> form_data_boundary(std::string_view content_type);

// Splits `body` into its parts. Fills `error` and returns nullopt when the body is not a
// well-formed multipart body with that boundary, a part has no form-data name, or there are
// more than `max_parts` parts.
std::optional<std::vector<FormPart>> parse_form_data(std::string_view body, std::string_view boundary,
                                                     std::size_t max_parts, std::string& error);

}  // namespace assay::service::http::internal
