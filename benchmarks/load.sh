#!/usr/bin/env bash
# Load test of `assay serve` with wrk on the EU 2026 snapshot (../shared/corpus/eu-2026-08, offline
# mirror, trust time 2026-08-21): POST /api/v1/qualification and GET /api/v1/lists, each for
# LOAD_DURATION (default 30s) with LOAD_CONNECTIONS (default 64) connections. Prints a table:
# requests/s, p50/p99 latency, errors (socket errors + non-2xx), server RSS before/after.
# Targets: >= 5,000 qualification requests/s, p99 < 20 ms, zero errors, RSS growth < 20 %.
# Then the console pages' server time (issue 20; target <= 100 ms each): median and worst of
# LOAD_PAGE_REPEAT (default 20) sequential requests per page, measured by curl on loopback.
# LOAD_CONSOLE_ONLY=1 measures the pages only (no wrk runs).
# Loopback only (127.0.0.1). Usage: benchmarks/load.sh [DURATION]   e.g. benchmarks/load.sh 10s
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-${LOAD_DURATION:-30s}}
connections=${LOAD_CONNECTIONS:-64}
threads=${LOAD_THREADS:-2}
shared=${ASSAY_CORPUS:-../shared}
corpus=$shared/corpus/eu-2026-08
[ -d "$corpus" ] || { echo "load.sh: the EU corpus is not at $corpus" >&2; exit 2; }
[ "${LOAD_CONSOLE_ONLY:-0}" = 1 ] || command -v wrk >/dev/null || { echo "load.sh: wrk is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }

bin=${ASSAY_BIN:-build-release/assay}
if [ ! -x "$bin" ]; then
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DASSAY_BUILD_TESTS=OFF -DASSAY_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build build-release -j2 --target assay
fi

work=$(mktemp -d -t assay-load.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The request body: a CA/QC certificate listed in the EU set (the AT list), as PEM.
python3 - "$corpus" "$work/body.json" <<'PY'
import json, sys, glob, textwrap, xml.etree.ElementTree as ET
ns = {"t": "http://uri.etsi.org/02231/v2#"}
for path in sorted(glob.glob(sys.argv[1] + "/*.xml")):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for si in root.iterfind(".//t:TSPService/t:ServiceInformation", ns):
        if not si.findtext("t:ServiceTypeIdentifier", "", ns).endswith("/CA/QC"):
            continue
        der = si.findtext(".//t:X509Certificate", None, ns)
        if der:
            b64 = "".join(der.split())
            pem = "-----BEGIN CERTIFICATE-----\n" + "\n".join(textwrap.wrap(b64, 64)) + "\n-----END CERTIFICATE-----\n"
            json.dump({"certificates": [pem], "at": "2026-08-21T00:00:00Z"}, open(sys.argv[2], "w"))
            print("load.sh: certificate from", path.rsplit("/", 1)[-1])
            sys.exit(0)
sys.exit("no CA/QC certificate found")
PY

"$bin" serve --listen 127.0.0.1:0 --mirror "$corpus/urls.tsv" --oj "$shared/corpus/oj-2019" \
  --trust-time 2026-08-21T00:00:00Z --store "$work/store" --max-inflight 4096 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/out" | head -1)
[ -n "$url" ] || { cat "$work/err" >&2; exit 1; }
for _ in $(seq 240); do curl -sf -o /dev/null "$url/ready" && break; sleep 0.5; done
curl -sf -o /dev/null "$url/ready" || { echo "load.sh: server not ready"; curl -s "$url/ready"; exit 1; }
stub=$(curl -s -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$url/api/v1/qualification" |
  python3 -c 'import json,sys; print("stub" if json.load(sys.stdin).get("stub") else "real")')

# The console pages: the biggest list (most services), its history, the search across lists,
# one service page, and the overview.
repeat=${LOAD_PAGE_REPEAT:-20}
big=$(python3 - "$url" <<'PY' 2>/dev/null || echo AT
import json, sys, urllib.request
url = sys.argv[1]
lists = json.load(urllib.request.urlopen(url + "/api/v1/lists"))["lists"]
def total(t):
    return json.load(urllib.request.urlopen(f"{url}/api/v1/services?territory={t}&limit=0"))["total"]
print(max((l["territory"] for l in lists if l["status"] == "authenticated"), key=total))
PY
)
service=$(curl -s "$url/api/v1/services?territory=$big&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"][0]["id"])')
echo
echo "console pages on the EU 2026 snapshot (biggest list: $big): server time over $repeat requests (curl, loopback)"
printf '| %-48s | %6s | %9s | %9s | %9s |\n' page status "median ms" "worst ms" "KiB"
printf '|%s|\n' "--------------------------------------------------|--------|-----------|-----------|-----------"
for page in /console/ "/console/lists/$big" "/console/lists/$big?q=a" "/console/lists/$big/history" /console/services \
            "/console/services?q=trust" "/console/services/$service" /console/ask /console/audits; do
  times=()
  for _ in $(seq "$repeat"); do
    times+=("$(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer} %{size_download}' "$url$page")")
  done
  printf '%s\n' "${times[@]}" | python3 -c '
import sys
page = sys.argv[1]
rows = [l.split() for l in sys.stdin if l.strip()]
ms = sorted(float(r[1]) * 1000 for r in rows)
status = ",".join(sorted({r[0] for r in rows}))
print("| %-48s | %6s | %9.1f | %9.1f | %9.1f |" % (page, status, ms[len(ms) // 2], ms[-1], int(rows[0][2]) / 1024))
' "$page"
done
[ "${LOAD_CONSOLE_ONLY:-0}" = 1 ] && exit 0

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
rss_before=$(rss)
# Warm-up (not reported).
wrk -t"$threads" -c"$connections" -d2s -s benchmarks/qualification.lua "$url/api/v1/qualification" >/dev/null 2>&1 || true
rss_warm=$(rss)
export ASSAY_LOAD_BODY=$work/body.json
q=$(wrk -t"$threads" -c"$connections" -d"$duration" -s benchmarks/qualification.lua "$url/api/v1/qualification" | grep '^RESULT')
rss_mid=$(rss)
l=$(wrk -t"$threads" -c"$connections" -d"$duration" -s benchmarks/get_summary.lua "$url/api/v1/lists" | grep '^RESULT')
rss_after=$(rss)

echo
echo "assay serve load test: $duration, $connections connections, $threads wrk threads, $(nproc) cores shared with wrk"
echo "qualification: $stub QualifyFn"
echo
printf '| %-32s | %10s | %9s | %9s | %8s | %10s | %10s |\n' route "requests/s" "p50 ms" "p99 ms" errors "RSS before" "RSS after"
printf '|%s|\n' "----------------------------------|------------|-----------|-----------|----------|------------|------------"
read -r _ n rps p50 p99 err <<<"$q"
printf '| %-32s | %10s | %9s | %9s | %8s | %7s MB | %7s MB |\n' "POST /api/v1/qualification" "$rps" "$p50" "$p99" "$err" \
  $((rss_warm / 1024)) $((rss_mid / 1024))
read -r _ n rps p50 p99 err <<<"$l"
printf '| %-32s | %10s | %9s | %9s | %8s | %7s MB | %7s MB |\n' "GET /api/v1/lists" "$rps" "$p50" "$p99" "$err" \
  $((rss_mid / 1024)) $((rss_after / 1024))
echo
echo "RSS after the first refresh: $((rss_before / 1024)) MB; growth over both runs (after warm-up): $(( (rss_after - rss_warm) * 100 / rss_warm )) %"
