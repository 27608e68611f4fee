// BER → DER normalisation of CMS structures (X.690 8 → 10): many CAdES producers (Bouncy Castle
// streaming, older smart-card middleware) write the outer ContentInfo / SignedData with
// indefinite lengths and the eContent as a constructed OCTET STRING. The strict reader
// (signed_data.h) accepts DER only; this re-encodes such input with definite lengths and
// primitive OCTET STRINGs so that it can be read, and tells the caller where it changed
// anything, so that a change inside what is signed (the signed attributes, RFC 5652 5.4) can be
// refused instead of silently "repaired".
//
// Nothing is interpreted here (no tags beyond the universal string types), and other BER
// liberties (non-minimal lengths, unsorted SETs) are kept as written. Depth- and size-limited;
// never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/error.h"

namespace assay::engine::cms {

struct BerNormalized {
  std::string der;
  // [begin, end) ranges of `der` holding elements re-encoded (indefinite length made definite,
  // constructed OCTET STRING made primitive), outermost first.
  std::vector<std::pair<std::size_t, std::size_t>> changed;
};

// kMalformed when `ber` is not one complete BER element (truncation, bad lengths, missing
// end-of-contents, trailing bytes); kResourceExhausted over `max_depth` nesting levels or
// `max_bytes` of input.
Result<BerNormalized> ber_to_der(std::string_view ber, std::size_t max_bytes = 16u << 20, int max_depth = 64);

}  // namespace assay::engine::cms
