// Base64 (RFC 4648) decoding as found in XML documents: white space anywhere is ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace assay::engine {

// Decodes `text`, skipping XML white space. nullopt on any other non-alphabet character, bad
// padding or a truncated final group.
std::optional<std::string> base64_decode(std::string_view text);

// Encodes without line breaks.
std::string base64_encode(std::string_view bytes);

}  // namespace assay::engine
