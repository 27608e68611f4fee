#!/usr/bin/env bash
# The peer of the authentication benchmark: `xmlsec1 --verify` over the same 35 documents of the
# eu-2026-08 backbone (LOTL, 5 pivots, 29 lists), in a loop, median of 3 runs. Prints JSON.
# --insecure: xmlsec1 only checks the signature math with the KeyInfo key (no chain building),
# which is less than assay does, so the comparison favours the peer.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${ASSAY_CORPUS:-../shared}
if ! command -v xmlsec1 >/dev/null; then echo '{"loop_ms": null}'; exit 0; fi
files=("$shared"/corpus/eu-2026-08/*.xml "$shared"/corpus/pivots/*.xml)
times=()
for run in 1 2 3; do
  start=$(date +%s%N)
  for f in "${files[@]}"; do
    xmlsec1 --verify --insecure --enabled-reference-uris empty,same-doc \
      --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties' \
      --id-attr:Id 'http://uri.etsi.org/02231/v2#:TrustServiceStatusList' "$f" >/dev/null 2>&1 || true
  done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
echo "{\"loop_ms\": $median, \"files\": ${#files[@]}}"
