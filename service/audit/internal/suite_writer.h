// Writing suite folders (suite.h format): what the built-in suites and the conversions of
// conformance sets share — TOML strings escaped as TOML basic strings (TOML 1.0 "String"), one
// case file per case, tables read from the federation's TSV files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"

namespace assay::service::audit::internal {

// A TOML basic string, quoted: backslash, quote and control characters escaped.
std::string toml_string(std::string_view s);

// ["a", "b"] of toml_string()s.
std::string toml_array(const std::vector<std::string>& values);

// Rows of a TSV text; '#' lines and blank lines skipped, the first remaining line (the header)
// dropped.
std::vector<std::vector<std::string>> tsv_rows(const std::string& tsv);

// Writes FILE (creating its folders). kUnavailable naming the file when it cannot.
engine::Result<void> write_text(const std::filesystem::path& file, const std::string& text);

// "NNN" zero-padded to three digits (case ids sort in run order).
std::string case_number(int n);

// The [requirement] table closing a case file.
std::string requirement_toml(std::string_view clause, std::string_view text);

}  // namespace assay::service::audit::internal
