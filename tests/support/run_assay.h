// Running the built `assay` binary from tests, as a user would, capturing exit code and output.
#pragma once

#include <string>

namespace assay::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
};

enum class Stderr { kDiscard, kMerge };

// Runs `<assay binary> <args>` through the shell; stderr is discarded or merged into `out`.
RunResult run_assay(const std::string& binary, const std::string& args, Stderr stderr_mode = Stderr::kDiscard);

}  // namespace assay::testing
