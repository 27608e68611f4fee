#!/usr/bin/env bash
# Installs missing packages, builds (Release) and serves the HTTP API (`assay serve`).
#   ./run.sh            the committed sample federation (offline, pinned trust time 2026-01-15)
#   ./run.sh --eu       the live EU lists with the built-in EU configuration (needs the network)
# Extra arguments are passed to `assay serve` (e.g. --listen 127.0.0.1:9090). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/assay-ccache}
# Clones in other folders (CI) share the cache: paths are hashed relative to the checkout.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DASSAY_BUILD_TESTS=OFF -DASSAY_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-release -j"$(nproc)" --target assay
bin=build-release/assay

listen=127.0.0.1:8080
args=()
eu=0
while [ $# -gt 0 ]; do
  case "$1" in
    --eu) eu=1 ;;
    --listen) listen=$2; shift ;;
    --listen=*) listen=${1#--listen=} ;;
    *) args+=("$1") ;;
  esac
  shift
done
url="http://$listen"

if [ "$eu" = 1 ]; then
  echo "== assay serve: live EU LOTL and lists (store: default; first refresh downloads ~30 lists)"
  cat <<MSG
   $url/                      web page
   curl -s $url/api/v1/lists | python3 -m json.tool | head -40
   curl -s $url/ready
MSG
  exec "$bin" serve --listen "$listen" "${args[@]}"
fi

store=$(mktemp -d -t assay-serve-store.XXXXXX)
trap 'rm -rf "$store"' EXIT
fed=samples/federation
cert=$fed/certs/esig-qscd.pem
echo "== assay serve: sample federation (offline mirror, trust time 2026-01-15T00:00:00Z, store $store)"
"$bin" serve --listen "$listen" --mirror $fed/urls.tsv --oj $fed/oj/old-anchor.pem \
  --lotl-url https://federation.assay.invalid/lotl.xml --trust-time 2026-01-15T00:00:00Z --store "$store" "${args[@]}" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; rm -rf "$store"' INT TERM

# Wait (at most 30 s) for the first authenticated refresh, then pick a service for the examples.
for _ in $(seq 60); do
  curl -sf -o /dev/null "$url/ready" && break
  kill -0 $pid 2>/dev/null || { wait $pid; exit 1; }
  sleep 0.5
done
id=$(curl -s "$url/api/v1/services?territory=XA&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"][0]["id"])' 2>/dev/null || echo "<id>")
cat <<MSG

Serving on $url/
The auditor's console: $url/console/  (open it in a browser)
Try:
  curl -s $url/api/v1/lists | python3 -m json.tool | head -40
  curl -s "$url/api/v1/services/$id/timeline" | python3 -m json.tool | head -30      # ?format=svg for the chart
  python3 -c 'import json,sys; print(json.dumps({"certificates": [open(sys.argv[1]).read()], "at": "2026-01-15T00:00:00Z"}))' $cert | curl -s -H 'Content-Type: application/json' --data-binary @- $url/api/v1/qualification | python3 -m json.tool
Also: $url/ready  $url/metrics  $url/api/v1/openapi.yaml
Ctrl-C stops the server.
MSG
wait $pid || true
rm -rf "$store"
