#!/usr/bin/env bash
# Installs every Debian package hamilton-cpp needs to build, test and benchmark.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config   # toolchain
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  libfmt-dev                                     # message formatting
  libtbb-dev                                     # parallel executor (oneTBB)
  nlohmann-json3-dev                             # JSON (catalog, reports, traces)
  libcli11-dev                                   # the hamilton-cpp command line
  libgraphviz-dev graphviz                       # rendering graphs (gvc + cgraph)
  libcsv-dev                                     # CSV parsing
  chromium                                       # headless browser test of the HTML catalog
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing packages (${missing[*]}) and not root; run this script as root" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
