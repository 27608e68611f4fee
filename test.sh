#!/usr/bin/env bash
# Installs missing packages, builds, and runs every test: the full build through ctest, then the
# unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
#   ASSAY_REQUIRE_CORPUS=1  a missing ../shared corpus fails instead of skipping
#   ASSAY_CORPUS=DIR        the shared folder (default: ../shared beside the checkout)
#   ASSAY_SKIP_SANITIZE=1   skip the sanitizer pass (local iteration only; CI runs it)
#   ASSAY_SKIP_FUZZ=1       skip the fuzz smoke (scripts/fuzz.sh 5: every libFuzzer target builds
#                           in build-fuzz with clang 16 and runs 5 seconds; docs/fuzzing.md)
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
jobs=$(nproc)
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/assay-ccache}
# Clones in other folders (CI) share the cache: paths are hashed relative to the checkout.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

echo "== build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"

echo "== tests"
(cd build && ctest --output-on-failure -j"$jobs" --timeout 900)

if [ "${ASSAY_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== unit tests under ASan + UBSan"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE=ON -DASSAY_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$jobs" -L unit --timeout 900)
fi
if [ "${ASSAY_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzz smoke (scripts/fuzz.sh 5)"
  if command -v clang++-16 >/dev/null 2>&1; then
    ./scripts/fuzz.sh -j"$jobs" 5
  else
    echo "fuzz smoke SKIPPED: clang++-16 is not installed (scripts/install-deps.sh installs clang-16 and libclang-rt-16-dev)"
  fi
fi
echo "== all tests passed"
