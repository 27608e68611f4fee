// JSON parsing for request bodies that refuses what RFC 8259 leaves to the implementation:
// duplicate member names. Two parsers that disagree about a duplicate (first or last wins) let a
// request mean one thing to a proxy or WAF and another to this service (issue 21).
#pragma once

#include <boost/json.hpp>

#include <string_view>

#include "engine/error.h"

namespace assay::service::json {

// Parses `text` as one JSON value (boost::json defaults: depth at most 32, no comments).
// kMalformed when it is not JSON (the message says why) or when an object repeats a member name
// (the message names the member, e.g. duplicate member "certificates"). Never throws.
engine::Result<boost::json::value> parse_strict(std::string_view text);

}  // namespace assay::service::json
