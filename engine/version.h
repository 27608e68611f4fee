// assay's version, from the CMake project (one place: CMakeLists.txt's project(VERSION)).
#pragma once

#include <string_view>

namespace assay::engine {

// "0.1.0"
std::string_view assay_version();

}  // namespace assay::engine
