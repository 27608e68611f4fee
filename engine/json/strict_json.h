// Strict JSON parsing (RFC 8259) for untrusted input below service/: one value, no comments,
// bounded nesting, and no duplicate member names. RFC 8259 4 leaves duplicates to the
// implementation; two readers that disagree (first or last wins) let a document mean one thing
// to one verifier and another to the next, so a duplicate is refused outright (RFC 7515 5.2 (4)
// asks the same of JWS headers, TS 119 182-1 relies on it for JAdES).
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

#include "engine/error.h"

namespace assay::engine::json {

struct StrictJsonLimits {
  std::size_t max_depth = 32;            // nesting of arrays and objects
  std::size_t max_bytes = 64u << 20;     // the whole text
};

// Parses `text` as exactly one JSON value. kMalformed when it is not JSON (the message says why,
// with the byte offset) or when an object repeats a member name (the message names it);
// kResourceExhausted above `limits`. Never throws; thread-safe.
Result<boost::json::value> parse_strict(std::string_view text, const StrictJsonLimits& limits = {});

}  // namespace assay::engine::json
