#!/usr/bin/env bash
# Creates the project's Python virtual environment (.venv, ignored by git) with python3's
# venv and installs python/requirements.txt into it: the pinned build requirements of
# pyproject.toml (so `pip install --no-build-isolation .` needs no download), numpy, pandas,
# pytest and apache-hamilton (the reference of the parity tests).
# Idempotent: an existing .venv is kept; pip runs again only when the requirements changed.
#   HAMILTON_VENV=<dir>   another location;   PYTHON=<interpreter>   another Python (>= 3.10)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${HAMILTON_VENV:-.venv}
python=${PYTHON:-python3}
requirements=python/requirements.txt

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "python-env: $python is not a Python >= 3.10 ($("$python" --version 2>&1 || true))" >&2
  exit 1
fi
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  echo "python-env: $venv is broken (its interpreter does not start): making it again"
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  echo "python-env: creating $venv with $("$python" --version)"
  if ! "$python" -m venv "$venv"; then
    echo "python-env: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
fi

stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "python-env: installing $requirements into $venv"
  "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements"
  echo "$want" >"$stamp"
else
  echo "python-env: $venv is up to date with $requirements"
fi
