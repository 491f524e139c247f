#!/usr/bin/env bash
# The Python package's tests (scripts/test.sh runs this after the release build):
#   1. the venv (.venv, scripts/python-env.sh);
#   2. one wheel (`pip wheel . --no-build-isolation`, incremental in build-python/);
#   3. that wheel installed into .venv, then `pytest python/tests` (the tests build their
#      module libraries against the installed package's CMake directory);
#   4. the same wheel installed into a fresh venv, where python/tests/smoke.py builds and runs
#      hello_world: the package works outside the project's venv.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/python-env.sh
py=.venv/bin/python
if [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ] && command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "-- python: building the wheel"
"$py" -m pip wheel --disable-pip-version-check --quiet --no-build-isolation --no-deps -w "$work/wheels" .
wheel=$(ls "$work"/wheels/hamilton_cpp-*.whl)
echo "-- python: installing $(basename "$wheel") into .venv"
"$py" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps "$wheel"
echo "-- python: pytest"
"$py" -m pytest python/tests -q

echo "-- python: the wheel in a fresh venv"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --disable-pip-version-check --quiet -c python/requirements.txt "$wheel"
"$work/venv/bin/python" python/tests/smoke.py "$work/smoke-build"
