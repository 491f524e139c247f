#!/usr/bin/env bash
# The README's example command: builds and runs the main example, examples/hello_world (C++), then
# the same in Python (examples/python_hello_world: Python Hamilton's script on hamilton_cpp, over
# the Python functions and over the C++ ones), in the project's venv (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target hello_world
(cd build/examples/hello_world && ./hello_world)

echo "== the Python hello_world"
bash scripts/python-env.sh
if [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ] && command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
.venv/bin/python -m pip install --disable-pip-version-check --quiet --no-build-isolation --no-deps .
.venv/bin/python examples/python_hello_world/my_script.py
