"""Runs the C++ side of the pandas oracle and compares every case with pandas.

    python run_oracle.py <path of the pandas_oracle executable>

Each `*_cases.py` module beside this file holds functions named like the C++ cases
(HAMILTON_ORACLE_CASE); a function returns what pandas computes. Both sides are printed the
same way (a Series with to_string(name=True, dtype=True), a DataFrame with to_string() and its
dtypes, a scalar with str()) and must be equal character for character.

A deliberate difference is declared with @differs("why", expected=lambda: ...): the reason is
printed, and the C++ side must then equal what `expected` returns (printed the same way), so a
documented difference is still asserted. A case on one side only is a failure.
"""
from __future__ import annotations

import importlib.util
import math
import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent


def differs(reason: str, expected):
    """Marks a case where hamilton deliberately differs from pandas (documented in docs/frame.md)."""

    def mark(fn):
        fn.oracle_differs = (reason, expected)
        return fn

    return mark


def _python_str(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isnan(v):
            return "nan"
        return repr(v)
    return str(value)


def render(value) -> str:
    if isinstance(value, pd.Series):
        return value.to_string(name=True, dtype=True)
    if isinstance(value, pd.DataFrame):
        dtypes = " ".join(str(t) for t in value.dtypes)
        return value.to_string() + "\ndtypes:" + (" " + dtypes if dtypes else "")
    return _python_str(value)


def pandas_side(fn) -> str:
    try:
        return render(fn())
    except pd.errors.OutOfBoundsDatetime:
        return "raises OutOfBoundsDatetime"
    except Exception:  # noqa: BLE001 - any pandas error is "raises Error"
        return "raises Error"


def load_cases() -> dict:
    sys.modules.setdefault("run_oracle", sys.modules[__name__])
    found = {}
    for path in sorted(HERE.glob("*_cases.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, fn in vars(module).items():
            if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", None) == path.stem:
                if name in found:
                    raise SystemExit(f"oracle: case {name!r} is defined in two *_cases.py files")
                found[name] = fn
    return found


def cpp_side(exe: str) -> dict:
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    cases, name, lines = {}, None, []
    for line in out.split("\n"):
        if line.startswith("### "):
            if name is not None:
                cases[name] = "\n".join(lines).rstrip("\n")
            name, lines = line[4:], []
        else:
            lines.append(line)
    if name is not None:
        cases[name] = "\n".join(lines).rstrip("\n")
    return cases


def main(argv) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    pd.set_option("display.precision", 6)
    cpp = cpp_side(argv[1])
    py = load_cases()
    failures = []
    for name in sorted(set(cpp) | set(py)):
        if name not in py:
            failures.append(f"{name}: C++ case without a pandas twin in a *_cases.py file")
            continue
        if name not in cpp:
            failures.append(f"{name}: pandas case without a HAMILTON_ORACLE_CASE")
            continue
        fn = py[name]
        mark = getattr(fn, "oracle_differs", None)
        want = pandas_side(mark[1] if mark else fn)
        if mark:
            print(f"differs on purpose: {name}: {mark[0]}")
        if cpp[name] != want:
            failures.append(f"{name}:\n-- pandas {pd.__version__}{' (documented difference)' if mark else ''}:\n"
                            f"{want}\n-- hamilton:\n{cpp[name]}")
    print(f"pandas oracle: {len(py)} cases, pandas {pd.__version__}, {len(failures)} failing")
    for f in failures:
        print("FAIL " + f + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
