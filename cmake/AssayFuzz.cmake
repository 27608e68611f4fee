# ASSAY_FUZZ: every library is instrumented for libFuzzer (coverage only: fuzzer-no-link) and
# built with ASan + UBSan; the fuzz targets (fuzz/CMakeLists.txt) link -fsanitize=fuzzer. Only
# the fuzz tree (build-fuzz, see scripts/fuzz.sh) turns this on; the normal gcc build is unchanged.

# The fuzz targets (fuzz/TARGET.cpp), in the order scripts/fuzz.sh runs them; also the targets
# whose regression inputs tests/fuzz runs under the normal build (tests/fuzz/regressions/TARGET/).
set(ASSAY_FUZZ_TARGETS
  tl_parse tl_signature x509 crl ocsp tst cms xades jades asic pdf http_request config urls_tsv
)

if(NOT ASSAY_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ASSAY_FUZZ=ON needs clang (libFuzzer): configure with CC=clang CXX=clang++")
endif()
if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
  message(FATAL_ERROR "ASSAY_FUZZ=ON needs clang >= 16 for <expected> (see below); found ${CMAKE_CXX_COMPILER_VERSION}")
endif()
if(ASSAY_SANITIZE)
  message(FATAL_ERROR "ASSAY_FUZZ already builds with ASan + UBSan; leave ASSAY_SANITIZE off")
endif()
target_compile_options(assay_build_flags INTERFACE
  -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
target_link_options(assay_build_flags INTERFACE -fsanitize=address,undefined)
# libstdc++ 12 declares std::expected only when __cpp_concepts >= 202002L, but clang 14 and 16
# define 201907L. Raising the macro makes <expected> visible; clang warns about redefining a
# builtin macro, hence -Wno-macro-redefined. Fuzz configuration only. This needs clang >= 16:
# <expected> picks its destructor by constraints (P0848, conditionally trivial special members),
# which clang implements from 16 on; clang 14 deletes ~expected<std::string, Error> in some
# translation units (engine/jws/jws.cpp fails), so scripts/fuzz.sh uses clang-16.
# Not for the C++17 island (engine/pdf's qpdf code): C++17 has no concepts to raise.
target_compile_options(assay_build_flags INTERFACE
  $<$<VERSION_GREATER:$<TARGET_PROPERTY:CXX_STANDARD>,17>:-D__cpp_concepts=202002L -Wno-macro-redefined>)
