#!/usr/bin/env bash
# A 500-case audit campaign (issue 17 performance): `assay audit run` against the in-process target
# and against `dss:` on loopback to a local `assay serve` over the suite's sample federation, same suite
# (the trusted-list-usage cases without a list state of their own, repeated to 500), same concurrency.
# The two campaigns are run RUNS times each, alternating (one loaded moment does not fall on one
# side only), and the medians are compared. Prints JSON:
#   {"cases": 500, "runs": 5, "in_process_ms": <median>, "dss_ms": <median>, "in_process_runs_ms": [...],
#    "dss_runs_ms": [...], "in_process_exit": 0, "dss_exit": 0}   (exit: the worst of the runs)
#   benchmarks/audit_loopback.sh [ASSAY_BINARY] [RUNS]     (default build-bench/assay, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
assay=${1:-build-bench/assay}
runs=${2:-5}
tmp=$(mktemp -d)
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$assay" audit suites generate --out "$tmp/suites" >/dev/null
suite="$tmp/suites/trusted-list-usage"
# The service serves the federation the suite was generated with (its own keys).
fed="$suite/federation"
mkdir "$tmp/cases"
n=0
while [ "$n" -lt 500 ]; do
  for f in "$suite"/cases/*.toml; do
    [ "$n" -ge 500 ] && break
    # Cases with their own list state are not asked of dss: (Not assessed): not comparable.
    grep -q '^\[trust\]' "$f" && continue
    n=$((n + 1))
    id=$(printf 'r%03d' "$n")
    sed "s/^id = \".*\"/id = \"$id\"/" "$f" >"$tmp/cases/$id.toml"
  done
done
rm -rf "$suite/cases" && mv "$tmp/cases" "$suite/cases"
"$assay" serve --listen 127.0.0.1:0 --mirror "$fed/urls.tsv" --oj "$fed/oj/old-anchor.pem" \
  --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z --store "$tmp/store" \
  >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
url=
for _ in $(seq 300); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/serve.out" 2>/dev/null | head -1 || true)
  if [ -n "$url" ] && curl -sf -o /dev/null "$url/api/v1/lists"; then break; fi
  sleep 0.1
done
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
in_runs=() dss_runs=() e1=0 e2=0
set +e
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  "$assay" audit run --suite "$suite" --target assay --out "$tmp/in-process.asice" --concurrency 2 >/dev/null
  e=$?; [ "$e" -gt "$e1" ] && e1=$e
  t1=$(date +%s%N)
  "$assay" audit run --suite "$suite" --target "dss:$url/services/rest" --out "$tmp/dss.asice" --concurrency 2 >/dev/null
  e=$?; [ "$e" -gt "$e2" ] && e2=$e
  t2=$(date +%s%N)
  in_runs+=("$(ms "$t0" "$t1")") dss_runs+=("$(ms "$t1" "$t2")")
done
set -e
list() { local IFS=,; echo "[$*]"; }
echo "{\"cases\": 500, \"runs\": $runs, \"in_process_ms\": $(median "${in_runs[@]}"), \"dss_ms\": $(median "${dss_runs[@]}"), \"in_process_runs_ms\": $(list "${in_runs[@]}"), \"dss_runs_ms\": $(list "${dss_runs[@]}"), \"in_process_exit\": $e1, \"dss_exit\": $e2}"
