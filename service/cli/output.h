// Small helpers shared by CLI commands: JSON printing and error lines.
#pragma once

#include <boost/json.hpp>

#include <string_view>

#include "engine/error.h"

namespace assay::service::cli {

// Pretty-prints JSON (two-space indent) followed by a newline to stdout.
void print_json(const boost::json::value& value);

// "assay: FILE: reason" on stderr.
void print_error(std::string_view subject, const engine::Error& error);

}  // namespace assay::service::cli
