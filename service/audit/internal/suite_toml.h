// Private to service/audit: the strict TOML readers of suite.toml and the case files, shared by
// suite.cpp (the suite) and suite_case.cpp (one case).
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "service/audit/suite.h"

namespace assay::service::audit::internal {

// kInvalidArgument "FILE: KEY: WHAT".
engine::Error bad(const std::filesystem::path& file, std::string_view key, std::string_view what);
// The file (at most 1 MiB) as TOML; kMalformed with the parser's description and line.
engine::Result<toml::table> parse_toml(const std::filesystem::path& file);
// Refuses keys the format does not define (a typo in "subindication" must not silently drop
// what the case asserts).
engine::Result<void> only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                               const std::filesystem::path& file, std::string_view prefix);
// A string value; "" when absent and not required.
engine::Result<std::string> text(const toml::table& t, std::string_view key, const std::filesystem::path& file,
                                 std::string_view prefix, bool required);
// The sub-table, or nullptr when absent (then *error untouched) or not a table (*error set).
const toml::table* sub_table(const toml::table& t, std::string_view key, const std::filesystem::path& file, engine::Error* error);
// A sub-table that must be there: kMalformed "<key>: <missing>" when absent, or when not a table.
engine::Result<const toml::table*> required_table(const toml::table& t, std::string_view key, const std::filesystem::path& file,
                                                 std::string_view missing);
// A path named in the suite: relative, without "..", inside DIR after resolving symlinks, and an
// existing regular file. Suites travel between auditors; a case must not read /etc/passwd.
engine::Result<std::filesystem::path> suite_path(const std::filesystem::path& dir, const std::string& value,
                                                 const std::filesystem::path& file, std::string_view key);
// An array of suite paths (each as suite_path); empty when absent.
engine::Result<std::vector<std::filesystem::path>> path_list(const std::filesystem::path& dir, const toml::table& t,
                                                             std::string_view key, const std::filesystem::path& file,
                                                             std::string_view prefix);
// An array of strings; empty when absent.
engine::Result<std::vector<std::string>> string_list(const toml::table& t, std::string_view key,
                                                     const std::filesystem::path& file, std::string_view prefix);

// One case file of DIR/cases (suite_case.cpp): every key of the format checked.
engine::Result<SuiteCase> read_case(const std::filesystem::path& dir, const std::filesystem::path& file);

}  // namespace assay::service::audit::internal
