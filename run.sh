#!/usr/bin/env bash
# Installs missing packages, builds (Release) and runs the main job. For now the main job is
# `assay lists inspect` over the bundled sample lists (and the real EU set when ../shared is there).
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/assay-ccache}
# Clones in other folders (CI) share the cache: paths are hashed relative to the checkout.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DASSAY_BUILD_TESTS=OFF -DASSAY_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-release -j"$(nproc)" --target assay
bin=build-release/assay

shared=${ASSAY_CORPUS:-../shared}
if [ -d "$shared/corpus/eu-2026-08" ]; then
  echo "== assay lists inspect $shared/corpus/eu-2026-08/*.xml"
  "$bin" lists inspect "$shared"/corpus/eu-2026-08/*.xml "$@"
else
  echo "== no real corpus at $shared; inspecting the bundled sample lists"
  "$bin" lists inspect samples/federation/lists/*.xml "$@"
  echo "== assay refresh of the sample federation (offline mirror, pinned trust time)"
  "$bin" refresh --mirror samples/federation/urls.tsv --oj samples/federation/oj/old-anchor.pem \
    --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z
fi
