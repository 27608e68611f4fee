#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, ASSAY_FUZZ=ON, clang 16) in build-fuzz and runs each for a
# while, then prints a table: target, executions, executions per second, coverage (cov = edges,
# ft = features, from libFuzzer's last status line), corpus size, crashes. docs/fuzzing.md.
#
#   scripts/fuzz.sh [-j N] [--no-build] [SECONDS_PER_TARGET] [TARGET...]   (options anywhere)
#     SECONDS_PER_TARGET  default 60
#     TARGET              default: every target (ASSAY_FUZZ_TARGETS in cmake/AssayFuzz.cmake)
#     -j N                run N targets at a time (default 1; ASSAY_FUZZ_JOBS)
#     --no-build          use the binaries in build-fuzz as they are
#
# Seeds come from ../shared (when present) and samples/federation, plus fuzz/seeds/TARGET; they
# are minimised once into build-fuzz/corpus/TARGET (libFuzzer -merge=1), which then keeps
# growing from run to run. Crashes, leaks, timeouts and out-of-memory inputs are saved under
# build-fuzz/crashes/TARGET/ and make the script exit 1 (as does any sanitizer report: UBSan
# halts on its first error). Reproduce one with: build-fuzz/fuzz/TARGET build-fuzz/crashes/TARGET/FILE
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

jobs=${ASSAY_FUZZ_JOBS:-1}
build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
seconds=60
if [[ ${args[0]:-} =~ ^[0-9]+$ ]]; then
  seconds=${args[0]}
  args=("${args[@]:1}")
fi
all_targets=$(sed -n '/^set(ASSAY_FUZZ_TARGETS/,/^)/p' cmake/AssayFuzz.cmake | grep -v '^ *#' | sed '1d;$d' | tr -s ' \n' ' ')
targets=${args[*]:-$all_targets}
for t in $targets; do
  case " $all_targets " in *" $t "*) ;; *) echo "fuzz.sh: unknown target '$t' (targets: $all_targets)" >&2; exit 2 ;; esac
done

cc=${ASSAY_FUZZ_CC:-clang-16}
cxx=${ASSAY_FUZZ_CXX:-clang++-16}
if ! command -v "$cxx" >/dev/null; then
  echo "fuzz.sh: $cxx not found (scripts/install-deps.sh installs clang-16 and libclang-rt-16-dev)" >&2
  exit 3
fi
bdir=build-fuzz
shared=${ASSAY_CORPUS:-$root/../shared}

if [ "$build" = 1 ]; then
  export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/assay-ccache}
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
  # -O1 and line tables only: fast to build and still readable stack traces.
  CC=$cc CXX=$cxx cmake -S . -B "$bdir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    -DASSAY_FUZZ=ON -DASSAY_BUILD_TESTS=OFF -DASSAY_BUILD_BENCHMARKS=OFF >/dev/null
  echo "== build ($(for t in $targets; do printf 'fuzz_%s ' "$t"; done))"
  cmake --build "$bdir" -j"${ASSAY_BUILD_JOBS:-$(nproc)}" --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done) >"$bdir/fuzz-build.log" 2>&1 ||
    { tail -40 "$bdir/fuzz-build.log"; echo "fuzz.sh: build failed (full log: $bdir/fuzz-build.log)" >&2; exit 1; }
fi

# Seed files of a target: shell globs, relative to the repository or to ../shared.
seed_globs() {
  local f=samples/federation s=$shared v=$shared/validation-conformance
  case "$1" in
    tl_parse|tl_signature)
      echo "$f/lists/*.xml $f/lotl/*.xml $f/damaged/*.xml $s/corpus/*/*.xml $s/corpus/lotl-history/*.xml" ;;
    x509) echo "$f/certs/*.pem $f/pki/*.pem $f/oj/*.pem $v/pkits/*/*.crt $v/pkits/*/*/*.crt $s/corpus/oj-2019/*" ;;
    crl) echo "$f/revocation/*.crl $v/pkits/*/*.crl $v/pkits/*/*/*.crl" ;;
    ocsp) echo "$f/revocation/*.ocsp $v/ocsp/*.der $v/ocsp/*/*.der" ;;
    tst|cms) echo "$f/signatures-cades-asic/*.p7? $v/dss-signatures/files/*.p7m $v/dss-signatures/files/*.pkcs7 $v/dss-signatures/files/*.sig" ;;
    xades) echo "$f/signatures/*.xml $v/dss-signatures/files/*.xml" ;;
    jades) echo "$f/signatures/jades/*.json $f/signatures/jades/*.jws $v/dss-signatures/files/*.json" ;;
    asic) echo "$f/signatures-cades-asic/*.asic? $v/dss-signatures/files/*.asic?" ;;
    pdf) echo "$f/signatures-pades/*.pdf $v/dss-signatures/files/*.pdf" ;;
    urls_tsv) echo "$f/urls.tsv $f/revocation-urls.tsv $s/corpus/*/urls.tsv" ;;
    config) echo "docs/*.toml" ;;
    http_request) echo "" ;;
  esac
}

# Inputs longer than this are not generated (real trusted lists and signed documents are larger
# than a fuzzer needs; seeds above it are skipped so that every execution stays fast).
max_len() {
  case "$1" in
    tl_parse|tl_signature|xades) echo 262144 ;;
    asic|pdf|http_request) echo 131072 ;;
    *) echo 65536 ;;
  esac
}

dict_of() {
  case "$1" in
    tl_parse|tl_signature|xades) echo fuzz/dict/xml.dict ;;
    x509|crl|ocsp|tst|cms|asic) echo fuzz/dict/der.dict ;;
    jades) echo fuzz/dict/json.dict ;;
    http_request) echo fuzz/dict/http.dict ;;
    pdf) echo fuzz/dict/pdf.dict ;;
    config) echo fuzz/dict/toml.dict ;;
    *) echo "" ;;
  esac
}

# Fills build-fuzz/seeds/TARGET and, the first time, minimises it into build-fuzz/corpus/TARGET.
prepare_corpus() {
  local t=$1 seeds=$bdir/seeds/$t corpus=$bdir/corpus/$t limit
  limit=$(max_len "$t")
  if [ ! -f "$corpus/.merged" ]; then
    rm -rf "$seeds" && mkdir -p "$seeds" "$corpus"
    local g file n=0
    for g in $(seed_globs "$t"); do
      for file in $g; do
        [ -f "$file" ] || continue
        [ "$(stat -c %s "$file")" -le "$limit" ] || continue
        cp "$file" "$seeds/$(sha1sum "$file" | cut -c1-16)"
        n=$((n + 1))
      done
    done
    [ -d "fuzz/seeds/$t" ] && cp fuzz/seeds/"$t"/* "$seeds"/ 2>/dev/null || true
    [ -d "tests/fuzz/regressions/$t" ] && cp tests/fuzz/regressions/"$t"/* "$seeds"/ 2>/dev/null || true
    "$bdir/fuzz/$t" -merge=1 -max_len="$limit" -rss_limit_mb=4096 "$corpus" "$seeds" >"$bdir/logs/$t.merge.log" 2>&1 ||
      { echo "fuzz.sh: $t: seed merge failed ($bdir/logs/$t.merge.log)" >&2; tail -30 "$bdir/logs/$t.merge.log" >&2; return 1; }
    touch "$corpus/.merged"
  fi
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# Runs one target; writes build-fuzz/logs/TARGET.log and TARGET.row (the table row).
run_one() {
  local t=$1 corpus=$bdir/corpus/$t crashes=$bdir/crashes/$t log=$bdir/logs/$t.log dict rc=0
  mkdir -p "$crashes"
  prepare_corpus "$t" || { echo "$t 0 0 - - 0 setup-failed" >"$bdir/logs/$t.row"; return 0; }
  dict=$(dict_of "$t")
  local before after
  before=$(find "$crashes" -type f | wc -l)
  "$bdir/fuzz/$t" "$corpus" -max_total_time="$seconds" -print_final_stats=1 -max_len="$(max_len "$t")" \
    -timeout=120 -rss_limit_mb=4096 -artifact_prefix="$crashes/" ${dict:+-dict=$dict} >"$log" 2>&1 || rc=$?
  after=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  local execs eps status cov ft size found
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  status=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
  size=$(find "$corpus" -type f ! -name '.merged' | wc -l)
  found=$((after - before))
  # A nonzero exit without an artifact is still a failure (a sanitizer report, a setup abort).
  if [ "$rc" != 0 ] && [ "$found" = 0 ]; then found=1; fi
  echo "$t ${execs:-0} ${eps:-0} ${cov:--} ${ft:--} $size $found" >"$bdir/logs/$t.row"
}

mkdir -p "$bdir/logs"
for t in $targets; do rm -f "$bdir/logs/$t.row"; done
echo "== fuzzing ${seconds}s per target, $jobs at a time: $targets"
running=0
for t in $targets; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=0
printf '\n%-14s %12s %9s %8s %8s %8s %8s\n' target executions exec/s edges features corpus crashes
for t in $targets; do
  row=$(cat "$bdir/logs/$t.row" 2>/dev/null || echo "$t 0 0 - - 0 no-result")
  read -r name execs eps cov ft size found <<<"$row"
  printf '%-14s %12s %9s %8s %8s %8s %8s\n' "$name" "$execs" "$eps" "$cov" "$ft" "$size" "$found"
  if [ "$found" != 0 ]; then
    failed=1
    echo "   $t: see $bdir/logs/$t.log; inputs in $bdir/crashes/$t/" >&2
  fi
done
if [ "$failed" = 1 ]; then
  echo "fuzz.sh: crashes, leaks or sanitizer reports found (reproduce: $bdir/fuzz/TARGET FILE)" >&2
  exit 1
fi
