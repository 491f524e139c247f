"""Runs the C++ side of the Hamilton oracle and compares every case with apache-hamilton.

    python run_oracle.py <path of the hamilton_oracle executable>

Each `*_cases.py` module beside this file holds functions named like the C++ cases
(HAMILTON_HAMILTON_CASE); a function returns the text apache-hamilton gives for the same case.
The texts must be equal character for character; a case on one side only is a failure.
"""
from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def load_cases() -> dict:
    found = {}
    for path in sorted(HERE.glob("*_cases.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # Hamilton looks the functions' module up
        spec.loader.exec_module(module)
        for name, fn in vars(module).items():
            if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", None) == path.stem:
                if name in found:
                    raise SystemExit(f"oracle: case {name!r} is defined in two *_cases.py files")
                found[name] = fn
    return found


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[text[i + 1]])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    run = subprocess.run([sys.argv[1]], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(run.stdout + run.stderr)
        print(f"oracle: {sys.argv[1]} exited with {run.returncode}")
        return 1
    ours = {}
    for line in run.stdout.splitlines():
        name, _, text = line.partition("\t")
        ours[name] = unescape(text)
    theirs = load_cases()
    failures = 0
    for name in sorted(set(ours) | set(theirs)):
        if name not in theirs:
            print(f"FAIL {name}: no Python case (add `def {name}():` to a *_cases.py)")
            failures += 1
            continue
        if name not in ours:
            print(f"FAIL {name}: no C++ case (add HAMILTON_HAMILTON_CASE({name}))")
            failures += 1
            continue
        expected = str(theirs[name]())
        if ours[name] != expected:
            print(f"FAIL {name}\n  hamilton-cpp:     {ours[name]!r}\n  apache-hamilton: {expected!r}")
            failures += 1
        else:
            print(f"ok   {name}: {expected!r}")
    print(f"{len(ours)} C++ cases, {len(theirs)} Python cases, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
