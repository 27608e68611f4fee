# Warnings are errors everywhere; sanitizers are a build option so CI can run the unit tests
# under ASan + UBSan with the same sources.
add_library(assay_build_flags INTERFACE)
target_compile_options(assay_build_flags INTERFACE -Wall -Wextra -Wpedantic -Werror)
# GCC 12 reports false -Wrestrict errors inside std::string::operator+ when optimising
# (GCC bug 105329); the warning is off for GCC 12 only, everything else stays an error.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(assay_build_flags INTERFACE -Wno-restrict)
endif()
if(ASSAY_SANITIZE)
  target_compile_options(assay_build_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(assay_build_flags INTERFACE -fsanitize=address,undefined)
endif()

find_program(ASSAY_CCACHE ccache)
if(ASSAY_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${ASSAY_CCACHE} CACHE STRING "" FORCE)
  set(CMAKE_C_COMPILER_LAUNCHER ${ASSAY_CCACHE} CACHE STRING "" FORCE)
endif()
