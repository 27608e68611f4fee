#!/usr/bin/env bash
# Installs every Debian package that building and testing assay needs; skips what is present.
# Safe to run repeatedly. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git
  libxml2-dev libxmlsec1-dev libxmlsec1-openssl xmlsec1 libssl-dev openssl
  libcurl4-openssl-dev libsqlite3-dev zlib1g-dev libzip-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  libxml2-utils curl python3
  wrk
  libqpdf-dev qpdf
  # The fuzz targets (scripts/fuzz.sh) need clang >= 16: <expected> under clang 14 fails (see
  # cmake/AssayFuzz.cmake). libclang-rt-16-dev carries libFuzzer.
  clang-16 libclang-rt-16-dev
  chromium
)

# Node.js and npm drive the browser tests (puppeteer-core); a machine may have them from another
# source than Debian (NodeSource's nodejs carries npm), so the command decides, not the package.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages (puppeteer-core, pinned by tests/browser/package-lock.json;
# node_modules is not committed). Installed once; `npm ci` installs exactly the lock file.
browser_tests="$(dirname "$0")/../tests/browser"
if [ ! -d "$browser_tests/node_modules/puppeteer-core" ]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi
