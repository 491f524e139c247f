#!/usr/bin/env bash
# Builds hamilton-cpp and runs the main example (examples/hello_world), the README's example command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target hello_world
cd build/examples/hello_world && ./hello_world
