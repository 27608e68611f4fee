// One fuzz target per entry point of untrusted bytes (docs/fuzzing.md). A target is written once:
//
//   ASSAY_FUZZ_TARGET(x509) { ...use data, size...; return 0; }
//
// Built with ASSAY_FUZZ (clang, libFuzzer) it is LLVMFuzzerTestOneInput of its own binary; built
// into the regression test (tests/fuzz, gcc, ASSAY_FUZZ_REGRESSION) it is a function registered
// under its name, so ./test.sh runs every target over its committed regression inputs with the
// very code the fuzzer ran.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace assay::fuzz {

using TargetFn = int (*)(const std::uint8_t* data, std::size_t size);

// The bytes as text (every parser here takes a string_view).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

#ifdef ASSAY_FUZZ_REGRESSION
// Registers `fn` under `name` (tests/fuzz/regression_test.cpp); returns true.
bool register_target(const char* name, TargetFn fn);
#endif

}  // namespace assay::fuzz

#ifdef ASSAY_FUZZ_REGRESSION
#define ASSAY_FUZZ_TARGET(name)                                                                  \
  static int assay_fuzz_##name(const std::uint8_t* data, std::size_t size);                      \
  [[maybe_unused]] static const bool assay_fuzz_registered_##name =                              \
      ::assay::fuzz::register_target(#name, &assay_fuzz_##name);                                \
  static int assay_fuzz_##name(const std::uint8_t* data, std::size_t size)
#else
#define ASSAY_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif
