#include "tests/support/run_assay.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace assay::testing {

RunResult run_assay(const std::string& binary, const std::string& args, Stderr stderr_mode) {
  const std::string command =
      binary + " " + args + (stderr_mode == Stderr::kMerge ? " 2>&1" : " 2>/dev/null");
  RunResult r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace assay::testing
