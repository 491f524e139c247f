"""Checks for migrating from Python Hamilton: run the same request through apache-hamilton's
driver and hamilton_cpp's driver and compare every output (docs/python.md, "Comparing in CI").

    from hamilton_cpp.testing import compare
    import my_functions                                   # the Python Hamilton module
    cpp = hamilton_cpp.load_library("build/my_functions.so")

    def test_migration():
        compare(my_functions, cpp, ["spend_per_signup", "avg_3wk_spend"],
                inputs={"spend": spend, "signups": signups}, rtol=1e-9)
"""

from __future__ import annotations

import types
from typing import Any, Sequence

import numpy as np
import pandas as pd

__all__ = ["compare", "assert_outputs_equal"]

_PY = "Python Hamilton"
_CPP = "hamilton_cpp"


def _as_list(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return list(x)
    return [x]


def _run_python(reference: Any, final_vars, inputs, overrides, config) -> dict:
    from hamilton import base as hbase
    from hamilton import driver as hdriver

    if isinstance(reference, hdriver.Driver):
        result = reference.execute(list(final_vars), overrides=overrides, inputs=inputs)
        if not isinstance(result, dict):
            raise TypeError(
                f"compare: the reference Driver returned a {type(result).__name__}; build it "
                "with .with_adapters(hamilton.base.DictResult()) so that every output is compared"
            )
        return result
    else:
        modules = _as_list(reference)
        for m in modules:
            if not isinstance(m, types.ModuleType):
                raise TypeError(
                    f"compare: the reference must be an apache-hamilton Driver or Python modules, "
                    f"got {m!r}"
                )
        dr = (hdriver.Builder().with_modules(*modules).with_config(dict(config or {}))
              .with_adapters(hbase.DictResult()).build())
    return dict(dr.execute(list(final_vars), overrides=overrides, inputs=inputs))


def _run_cpp(candidate: Any, final_vars, inputs, overrides, config) -> dict:
    from . import driver as cdriver

    if isinstance(candidate, cdriver.Driver):
        dr = candidate
    else:
        from ._modules import CppModule, load_library

        modules = [m if isinstance(m, CppModule) else load_library(m) for m in _as_list(candidate)]
        dr = cdriver.Builder().with_modules(*modules).with_config(dict(config or {})).build()
    return dr.raw_execute(list(final_vars), overrides=overrides, inputs=inputs)


# ---- differences ------------------------------------------------------------------------


def _r(v: Any) -> str:
    """repr of a value, numpy scalars as the Python scalar they hold."""
    return repr(v.item()) if isinstance(v, np.generic) else repr(v)


def _kind(v: Any) -> str:
    if isinstance(v, pd.Series):
        return "pandas Series"
    if isinstance(v, pd.DataFrame):
        return "pandas DataFrame"
    if isinstance(v, np.ndarray):
        return "numpy array"
    if isinstance(v, (bool, np.bool_)):
        return "bool"
    if isinstance(v, (int, np.integer)):
        return "int"
    if isinstance(v, (float, np.floating)):
        return "float"
    return type(v).__name__


def _differ(left: np.ndarray, right: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    """Where two 1-D arrays of the same length differ (floats within rtol/atol; NaN equals NaN)."""
    if left.dtype.kind in "iufcb" and right.dtype.kind in "iufcb" and "f" in left.dtype.kind + right.dtype.kind:
        return ~np.isclose(left.astype(np.float64), right.astype(np.float64), rtol=rtol, atol=atol,
                           equal_nan=True)
    return np.array([not _same_object(a, b) for a, b in zip(left, right)], dtype=bool)


def _first_difference(left: np.ndarray, right: np.ndarray, rtol: float, atol: float) -> int | None:
    bad = np.flatnonzero(_differ(left, right, rtol, atol))
    return int(bad[0]) if bad.size else None


def _is_missing(x: Any) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _same_object(a: Any, b: Any) -> bool:
    if _is_missing(a) and _is_missing(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _series_problems(left: pd.Series, right: pd.Series, rtol: float, atol: float,
                     check_dtype: bool, check_names: bool) -> list[str]:
    problems = []
    if check_dtype and left.dtype != right.dtype:
        problems.append(f"dtype: {left.dtype} ({_PY}) vs {right.dtype} ({_CPP})")
    if check_names and left.name != right.name:
        problems.append(f"name: {left.name!r} ({_PY}) vs {right.name!r} ({_CPP})")
    if len(left) != len(right):
        problems.append(f"length: {len(left)} ({_PY}) vs {len(right)} ({_CPP})")
        return problems
    try:
        pd.testing.assert_index_equal(left.index, right.index, exact="equiv")
    except AssertionError:
        i = _first_difference(np.asarray(left.index, dtype=object), np.asarray(right.index, dtype=object), 0, 0)
        where = (f"; first difference at position {i}: {_r(left.index[i])} ({_PY}) vs "
                 f"{_r(right.index[i])} ({_CPP})" if i is not None else "")
        problems.append(f"index: {type(left.index).__name__}[{left.index.dtype}] ({_PY}) vs "
                        f"{type(right.index).__name__}[{right.index.dtype}] ({_CPP}){where}")
    try:
        pd.testing.assert_series_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                       check_dtype=False, check_names=False, rtol=rtol, atol=atol)
    except AssertionError as e:
        lv, rv = left.to_numpy(), right.to_numpy()
        bad = np.flatnonzero(_differ(lv, rv, rtol, atol))
        if not bad.size:
            problems.append(f"values: {str(e).strip().splitlines()[0]}")
        else:
            i = int(bad[0])
            problems.append(
                f"values: {bad.size} of {len(lv)} differ; first difference at position {i} "
                f"(index {_r(left.index[i])}): {_r(lv[i])} ({_PY}) vs {_r(rv[i])} ({_CPP})"
            )
    return problems


def _frame_problems(left: pd.DataFrame, right: pd.DataFrame, rtol, atol, check_dtype) -> list[str]:
    problems = []
    lc, rc = [str(c) for c in left.columns], [str(c) for c in right.columns]
    if lc != rc:
        only_l = [c for c in lc if c not in rc]
        only_r = [c for c in rc if c not in lc]
        parts = []
        if only_l:
            parts.append(f"only in {_PY}: {only_l}")
        if only_r:
            parts.append(f"only in {_CPP}: {only_r}")
        if not parts:
            parts.append(f"order {lc} ({_PY}) vs {rc} ({_CPP})")
        problems.append("columns: " + "; ".join(parts))
    if len(left) != len(right):
        problems.append(f"rows: {len(left)} ({_PY}) vs {len(right)} ({_CPP})")
        return problems
    index_done = False
    for c in [c for c in lc if c in rc]:
        ls, rs = left[left.columns[lc.index(c)]], right[right.columns[rc.index(c)]]
        for p in _series_problems(ls, rs, rtol, atol, check_dtype, False):
            if p.startswith("index"):
                if index_done:
                    continue
                index_done = True
                problems.append(p)
            else:
                problems.append(f"column `{c}` {p}")
    return problems


def _array_problems(left: np.ndarray, right: np.ndarray, rtol, atol, check_dtype) -> list[str]:
    problems = []
    if check_dtype and left.dtype != right.dtype:
        problems.append(f"dtype: {left.dtype} ({_PY}) vs {right.dtype} ({_CPP})")
    if left.shape != right.shape:
        problems.append(f"shape: {left.shape} ({_PY}) vs {right.shape} ({_CPP})")
        return problems
    i = _first_difference(left.reshape(-1), right.reshape(-1), rtol, atol)
    if i is not None:
        pos = np.unravel_index(i, left.shape) if left.ndim > 1 else i
        problems.append(f"values: first difference at position {pos}: "
                        f"{_r(left.reshape(-1)[i])} ({_PY}) vs {_r(right.reshape(-1)[i])} ({_CPP})")
    return problems


def _value_problems(left: Any, right: Any, rtol: float, atol: float, check_dtype: bool,
                    check_names: bool) -> list[str]:
    lk, rk = _kind(left), _kind(right)
    numbers = {"int", "float"}
    if lk != rk and not (lk in numbers and rk in numbers and not check_dtype):
        return [f"type: {lk} ({_PY}) vs {rk} ({_CPP})"]
    if isinstance(left, pd.Series):
        return _series_problems(left, right, rtol, atol, check_dtype, check_names)
    if isinstance(left, pd.DataFrame):
        return _frame_problems(left, right, rtol, atol, check_dtype)
    if isinstance(left, np.ndarray):
        return _array_problems(left, right, rtol, atol, check_dtype)
    if lk in numbers:
        same = (np.isclose(float(left), float(right), rtol=rtol, atol=atol, equal_nan=True)
                if "float" in (lk, rk) else left == right)
        return [] if same else [f"value: {_r(left)} ({_PY}) vs {_r(right)} ({_CPP})"]
    if isinstance(left, (list, tuple)):
        if len(left) != len(right):
            return [f"length: {len(left)} ({_PY}) vs {len(right)} ({_CPP})"]
        for i, (a, b) in enumerate(zip(left, right)):
            if _value_problems(a, b, rtol, atol, check_dtype, check_names):
                return [f"values: first difference at position {i}: {_r(a)} ({_PY}) vs {_r(b)} ({_CPP})"]
        return []
    return [] if _same_object(left, right) else [f"value: {_r(left)} ({_PY}) vs {_r(right)} ({_CPP})"]


def assert_outputs_equal(
    reference: dict[str, Any],
    candidate: dict[str, Any],
    *,
    rtol: float = 1e-7,
    atol: float = 0.0,
    check_dtype: bool = True,
    check_names: bool = False,
) -> None:
    """Compares two dicts of outputs (Python Hamilton's, hamilton_cpp's) and raises one
    AssertionError listing every output that differs and how: type, dtype, index (labels and
    their type; RangeIndex equals an int64 index of the same labels), values (how many differ,
    the first differing position, both values). Floats are equal within ``rtol``/``atol``
    (NaN equals NaN). ``check_names`` also compares Series names."""
    lines = []
    for name in list(reference) + [n for n in candidate if n not in reference]:
        if name not in candidate:
            lines.append(f"`{name}`: missing from {_CPP}'s outputs")
            continue
        if name not in reference:
            lines.append(f"`{name}`: missing from {_PY}'s outputs")
            continue
        for p in _value_problems(reference[name], candidate[name], rtol, atol, check_dtype, check_names):
            lines.append(f"`{name}`: {p}")
    if lines:
        outputs = sorted({line.split("`")[1] for line in lines})
        raise AssertionError(
            f"{len(outputs)} output(s) differ between {_PY} and {_CPP} "
            f"({', '.join(outputs)}):\n" + "\n".join(f"  - {line}" for line in lines)
        )


def compare(
    reference: Any,
    candidate: Any,
    final_vars: Sequence[str],
    *,
    inputs: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    rtol: float = 1e-7,
    atol: float = 0.0,
    check_dtype: bool = True,
    check_names: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Runs ``final_vars`` with ``inputs``/``overrides``/``config`` through apache-hamilton
    (``reference``: Python modules — as_module modules too — or a built ``hamilton.driver.Driver``)
    and through hamilton_cpp (``candidate``: C++ module libraries, their paths, or a built
    ``hamilton_cpp.driver.Driver``), then ``assert_outputs_equal`` on the two results.

    A driver that fails raises AssertionError naming the side, chained to its error. Returns
    (Python Hamilton's outputs, hamilton_cpp's outputs) when they are equal."""
    final_vars = list(final_vars)
    results = []
    for side, run, target in ((_PY, _run_python, reference), (_CPP, _run_cpp, candidate)):
        try:
            results.append(run(target, final_vars, inputs, overrides, config))
        except Exception as e:  # noqa: BLE001 - reported with the side that failed
            raise AssertionError(f"{side} failed on {final_vars}: {type(e).__name__}: {e}") from e
    assert_outputs_equal(results[0], results[1], rtol=rtol, atol=atol, check_dtype=check_dtype,
                         check_names=check_names)
    return results[0], results[1]
