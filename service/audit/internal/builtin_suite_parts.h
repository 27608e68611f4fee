// The case writers of the built-in suites (builtin_suites.h), one file per suite kind so each stays
// readable; builtin_suites.cpp writes the suite folders around them.
#pragma once

#include <filesystem>

#include "engine/error.h"

namespace assay::samples {
struct Federation;
}

namespace assay::service::audit::internal {

// SUITE/cases/*.toml of the "signatures" suite (builtin_signature_suite.cpp); the number written.
engine::Result<int> write_signature_cases(const std::filesystem::path& suite, const samples::Federation& f);

}  // namespace assay::service::audit::internal
