// Reads a validation policy (validation/validation_policy.h) from TOML; the format is documented
// in docs/validation-policy.md and the shipped default is docs/validation-policy.default.toml.
// Every key is optional: absent keys keep the built-in default; an array of [[crypto.digest]] or
// [[crypto.key]] replaces the default list. Unknown keys and wrong types are kInvalidArgument
// naming the key, so a typo never silently weakens a policy.
#pragma once

#include <string>
#include <string_view>

#include "engine/error.h"
#include "validation/validation_policy.h"

namespace assay::service::config {

engine::Result<validation::ValidationPolicy> parse_validation_policy(std::string_view text, const std::string& origin);
engine::Result<validation::ValidationPolicy> load_validation_policy(const std::string& path);

}  // namespace assay::service::config
