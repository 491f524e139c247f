#!/usr/bin/env bash
# Installs every Debian package hamilton-cpp needs to build, test and benchmark, and a Clang
# (>= 15) beside GCC for the second compiler CI builds with, with its libFuzzer and sanitizer
# runtimes (libclang-rt-NN-dev) for the fuzz targets.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config   # toolchain
  ccache                                         # scripts/test.sh reuses objects across builds
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  valgrind                                       # the instruction-count check (tests/perf)
  libfmt-dev                                     # message formatting
  libtbb-dev                                     # parallel executor (oneTBB)
  nlohmann-json3-dev                             # JSON (catalog, reports, traces)
  libcli11-dev                                   # the hamilton-cpp command line
  libgraphviz-dev graphviz                       # rendering graphs (gvc + cgraph)
  libcsv-dev                                     # CSV parsing
  libsqlite3-dev                                 # the sqlite format and the cache's metadata
  libxxhash-dev                                  # the cache's data versions (content hashes)
  libpq-dev postgresql                           # the postgres format; its tests start a server
  chromium                                       # headless browser test of the HTML catalog
)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done

# Clang: any installed clang-NN with NN >= 15 will do. Otherwise the one apt offers, chosen
# after apt-get update: clang-16 (then clang-15) on Debian 12 bookworm, whose default `clang`
# is 14; on later releases the newest clang-NN there is.
CLANG_MIN=15
clang_ok="" clang_wanted=" clang-NN (NN >= $CLANG_MIN)"
for p in $(dpkg-query -W -f='${Package}\n' 'clang-[0-9]*' 2>/dev/null); do
  if [[ "$p" =~ ^clang-([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge $CLANG_MIN ] && installed "$p"; then
    clang_ok="$p" clang_wanted=""
    # libFuzzer and the sanitizer runtimes of that Clang (the fuzz step of scripts/test.sh)
    installed "libclang-rt-${BASH_REMATCH[1]}-dev" || missing+=("libclang-rt-${BASH_REMATCH[1]}-dev")
  fi
done
pick_clang() {
  local offered=() preferred=() p
  for p in $(apt-cache pkgnames clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2,2nr); do
    if [ "${p#clang-}" -ge $CLANG_MIN ] && apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
      offered+=("$p")
    fi
  done
  case "$(cut -d. -f1 /etc/debian_version)" in
    12 | bookworm*) preferred=(clang-16 clang-15) ;;
  esac
  for p in "${preferred[@]}" "${offered[@]}"; do
    if [[ " ${offered[*]} " == *" $p "* ]]; then echo "$p"; return; fi
  done
  echo "setup: apt offers no clang-NN with NN >= $CLANG_MIN" >&2
  return 1
}

if [ ${#missing[@]} -eq 0 ] && [ -n "$clang_ok" ]; then
  echo "setup: all ${#PACKAGES[@]} packages and $clang_ok already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: missing packages (${missing[*]}${clang_wanted}) and not root; run this script as root" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ -z "$clang_ok" ]; then clang_pkg=$(pick_clang); missing+=("$clang_pkg" "libclang-rt-${clang_pkg#clang-}-dev"); fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
