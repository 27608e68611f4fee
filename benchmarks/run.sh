#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints one table: assay next to its peers, with targets.
#   benchmarks/run.sh            all rows
#   ASSAY_CORPUS=DIR             the shared folder (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh >/dev/null
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/assay-ccache}
# Clones in other folders (CI) share the cache: paths are hashed relative to the checkout.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DASSAY_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target assay_bench assay_memory_probe cades_asic_benchmark pades_benchmark assay >/dev/null

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "running benchmarks (single thread, median of 7 runs, interleaved)..." >&2
# Repetitions of all benchmarks run in random order: on a shared machine a burst of noise then
# hits assay and the peer it is compared with alike, instead of one whole row.
build-bench/benchmarks/assay_bench --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$out/bench.json" 2>/dev/null
build-bench/benchmarks/assay_memory_probe >"$out/memory.json"
# CAdES / ASiC (issue 16): assay and CMS_verify + X509_verify_cert interleaved in one process.
build-bench/benchmarks/cades_asic_benchmark --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$out/cades_asic.json" 2>/dev/null
# PAdES (issue 18): validate_document next to SHA-256 + CMS_verify, and the 20-revision PDF.
build-bench/benchmarks/pades_benchmark --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$out/pades.json" 2>/dev/null
benchmarks/xmlsec1_loop.sh >"$out/xmlsec1.json"
# Audit campaign (issue 17): 500 cases in-process vs dss: on loopback to a local assay serve.
benchmarks/audit_loopback.sh build-bench/assay >"$out/audit.json"
python3 benchmarks/table.py "$out"
