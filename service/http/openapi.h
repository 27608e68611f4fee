// docs/openapi.yaml, embedded at build time (generated openapi.cpp) and served at
// /api/v1/openapi.yaml.
#pragma once

#include <string_view>

namespace assay::service::http {

std::string_view openapi_yaml() noexcept;

}  // namespace assay::service::http
