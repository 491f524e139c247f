"""Python data <-> hamilton-cpp values (docs/python.md, "Data in and out").

``to_cpp`` turns a Python value into a ``_core.Value`` of the exact C++ type a node declares,
or raises InputTypeError naming the input, the nodes that take it and the expected type.
``from_cpp`` finishes what ``_core`` returns (SeriesData / FrameData) into pandas objects.

Copies: a float64 / int64 / bool / datetime64[ns] column whose buffer is C-contiguous, aligned
and native is not copied: the C++ Series wraps the numpy buffer (and keeps the array alive).
Other numeric columns are converted to one of those dtypes by numpy (one copy) and the copy is
wrapped. Results view the C++ buffer through read-only numpy arrays; a Series or DataFrame that
comes back unchanged is the object that went in. Strings and index labels are copied.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from . import arrow as _arrow
from .errors import InputTypeError

_NS = np.dtype("datetime64[ns]")
_TD = np.dtype("timedelta64[ns]")

# What each kind of C++ parameter accepts, for messages.
ACCEPTS = {
    "Series": "a pandas Series (float, int, bool, str, datetime64 or timedelta64 values), a 1-D numpy array, or Arrow data (pyarrow, polars, DuckDB)",
    "DataFrame": "a pandas DataFrame or Arrow table data (pyarrow, polars, DuckDB)",
    "float": "a float or an int",
    "int": "an int",
    "bool": "a bool",
    "string": "a str",
    "vector<float>": "a list/tuple of numbers or a 1-D numeric numpy array",
    "vector<int>": "a list/tuple of ints or a 1-D integer numpy array",
    "vector<bool>": "a list/tuple of bools or a 1-D bool numpy array",
    "vector<string>": "a list/tuple of str",
    "any": "a pandas Series/DataFrame, a numpy array, a number, a bool, a str, a list or Arrow data",
    "opaque": "a hamilton_cpp.Value of that C++ type (returned by another node)",
}


class _Refused(Exception):
    """A value cannot be converted; the message says why (without naming the input)."""


def _type_label(value: Any) -> str:
    if isinstance(value, pd.Series):
        return f"pandas Series of dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return f"numpy array of dtype {value.dtype} and shape {value.shape}"
    if isinstance(value, _core.Value):
        return f"hamilton_cpp.Value of C++ type {value.type_name}"
    return type(value).__name__


# ---- index and Series ---------------------------------------------------------------------


def _index_spec(index: pd.Index) -> tuple:
    if type(index) is pd.RangeIndex:
        if index.step == 1:
            return ("range", index.start, index.stop)
        return ("int64", np.asarray(index, dtype=np.int64))
    if isinstance(index, pd.MultiIndex):
        raise _Refused("a MultiIndex is not supported: reset_index() first")
    if isinstance(index, pd.DatetimeIndex):
        if index.tz is not None:
            raise _Refused("a timezone-aware DatetimeIndex is not supported: tz_localize(None) first")
        return ("datetime", np.asarray(index.values.astype(_NS)).view(np.int64))
    if isinstance(index, pd.RangeIndex):  # a subclass
        return _index_spec(pd.RangeIndex(index.start, index.stop, index.step))
    dtype = index.dtype
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_extension_array_dtype(dtype):
        if dtype == np.uint64 and len(index) and index.max() > np.iinfo(np.int64).max:
            raise _Refused("an index with uint64 labels above 2**63-1 is not supported")
        return ("int64", np.asarray(index, dtype=np.int64))
    if dtype == object or pd.api.types.is_string_dtype(dtype):
        labels = list(index)
        if all(isinstance(x, str) for x in labels):
            return ("string", labels)
        raise _Refused("an index with labels that are not all str is not supported")
    raise _Refused(f"an index of dtype {dtype} is not supported (use int, str or datetime64 labels)")


def _strings(values, what: str) -> list:
    out = []
    for i, x in enumerate(values):
        if isinstance(x, str):
            out.append(x)
        elif x is None or x is pd.NA or (isinstance(x, float) and x != x):
            out.append(None)
        else:
            raise _Refused(
                f"{what} holds {type(x).__name__} values (element {i}: {x!r}); a string column "
                "must hold only str (or missing values)"
            )
    return out


def _series_name(name: Any) -> str:
    return "" if name is None else str(name)


# The dtypes a hamilton::Series stores, as series_from_array names them. A numpy array of one
# of these (native byte order: a big-endian dtype compares unequal) whose buffer is C-contiguous
# and aligned is wrapped, not copied.
_WRAPPED = {
    np.dtype(np.float64): "float64",
    np.dtype(np.int64): "int64",
    np.dtype(np.bool_): "bool",
    _NS: "datetime",
    _TD: "timedelta",
}
_INT64 = np.dtype(np.int64)


def _wrap(arr: np.ndarray, tag: str, name: str, index: tuple, origin: Any = None,
          column: int = -1, columns: int = 0) -> _core.Value:
    """A hamilton::Series over ``arr``'s buffer; a strided or misaligned ``arr`` is copied
    first (and then nothing refers back to ``origin``)."""
    flags = arr.flags
    if not (flags.c_contiguous and flags.aligned):
        arr = np.ascontiguousarray(arr)
        if not arr.flags.aligned:  # np.ascontiguousarray keeps an unaligned 0-d/1-item view
            arr = arr.copy()
        origin = None
    if tag in ("datetime", "timedelta"):
        arr = arr.view(_INT64)
    return _core.series_from_array(arr, tag, name, index, origin, column, columns)


def _array_to_series(arr: np.ndarray, name: str, index: tuple, origin: Any = None,
                     column: int = -1, columns: int = 0) -> _core.Value:
    """A 1-D numpy array (the values of a Series) as a hamilton::Series; ``origin`` is the
    pandas object whose values ``arr`` is (given back if the Series returns unchanged)."""
    if arr.ndim != 1:
        raise _Refused(f"a numpy array of shape {arr.shape} is not one column: it must be 1-D")
    tag = _WRAPPED.get(arr.dtype)
    if tag is not None:
        return _wrap(arr, tag, name, index, origin, column, columns)
    # Converted by numpy (one copy), then wrapped: float16/32 -> float64, other integer widths
    # and byte orders -> int64, other datetime64 units -> ns.
    kind = arr.dtype.kind
    if kind == "f":
        return _wrap(arr.astype(np.float64), "float64", name, index)
    if kind == "b":
        return _wrap(arr.astype(np.bool_), "bool", name, index)
    if kind in "iu":
        if arr.dtype.itemsize == 8 and kind == "u" and arr.size and arr.max() > np.iinfo(np.int64).max:
            raise _Refused("uint64 values above 2**63-1 do not fit in an int64 column")
        return _wrap(arr.astype(np.int64), "int64", name, index)
    if kind == "M":
        return _wrap(arr.astype(_NS), "datetime", name, index)
    if kind == "m":
        return _wrap(arr.astype(_TD), "timedelta", name, index)
    if kind in "OUT":
        return _core.series_from_strings(_strings(arr, "the column"), name, index)
    raise _Refused(f"values of dtype {arr.dtype} are not supported")


def _pandas_series_to_cpp(s: pd.Series, name: str | None = None, index: tuple | None = None,
                          origin: Any = None, column: int = -1, columns: int = 0) -> _core.Value:
    if index is None:
        index = _index_spec(s.index)
    if name is None:
        name = _series_name(s.name)
        origin = s
    dtype = s.dtype
    if dtype in _WRAPPED:  # the common case first: pandas' own numpy buffer (or a view of it)
        return _array_to_series(s.values, name, index, origin, column, columns)
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise _Refused("timezone-aware datetimes are not supported: tz_localize(None) first")
    if isinstance(dtype, pd.CategoricalDtype):
        raise _Refused("a categorical column is not supported: astype(str) or astype(its categories' dtype) first")
    if pd.api.types.is_extension_array_dtype(dtype):
        if pd.api.types.is_string_dtype(dtype):
            return _core.series_from_strings(_strings(s.array, "the column"), name, index)
        if pd.api.types.is_float_dtype(dtype):
            return _array_to_series(s.to_numpy(dtype=np.float64, na_value=np.nan), name, index)
        if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            if s.isna().any():
                if pd.api.types.is_bool_dtype(dtype):
                    raise _Refused("a nullable boolean column with missing values is not supported")
                return _array_to_series(s.to_numpy(dtype=np.float64, na_value=np.nan), name, index)
            target = np.bool_ if pd.api.types.is_bool_dtype(dtype) else np.int64
            return _array_to_series(s.to_numpy(dtype=target), name, index)
        raise _Refused(f"a column of dtype {dtype} is not supported")
    return _array_to_series(s.to_numpy(copy=False), name, index)


def _series(value: Any) -> _core.Value:
    if isinstance(value, pd.Series):
        return _pandas_series_to_cpp(value)
    if isinstance(value, np.ndarray):
        return _array_to_series(value, "", ("range", 0, len(value) if value.ndim == 1 else 0))
    raise _Refused("")


def _frame(value: Any) -> _core.Value:
    if not isinstance(value, pd.DataFrame):
        raise _Refused("")
    names = [str(c) for c in value.columns]
    if len(set(names)) != len(names):
        raise _Refused("the DataFrame has duplicate column names")
    n = value.shape[1]
    index = _index_spec(value.index)
    columns = []
    for i in range(n):
        columns.append(_pandas_series_to_cpp(value.iloc[:, i], names[i], index, value, i, n))
        if i == 0 and index[0] != "range":
            index = ("like", columns[0])  # one C++ Index for all columns (not one copy each)
    return _core.frame_from_columns(names, columns)


# ---- scalars and vectors ------------------------------------------------------------------


def _is_bool(x: Any) -> bool:
    return isinstance(x, (bool, np.bool_))


def _number(value: Any, cpp_type: str, category: str) -> _core.Value:
    if _is_bool(value):
        raise _Refused("")
    if category == "float" and isinstance(value, (numbers.Real, np.floating, np.integer)):
        return _core.make_value(cpp_type, float(value))
    if category == "int" and isinstance(value, (numbers.Integral, np.integer)):
        try:
            return _core.make_value(cpp_type, int(value))
        except ValueError as e:
            raise _Refused(str(e)) from None
    raise _Refused("")


def _vector(value: Any, cpp_type: str, category: str) -> _core.Value:
    if isinstance(value, (list, tuple)):
        if category == "vector<string>":
            _check_strings(value)
            return _core.make_value(cpp_type, list(value))
        items = list(value)
        for i, x in enumerate(items):
            ok = (
                _is_bool(x)
                if category == "vector<bool>"
                else isinstance(x, (numbers.Integral, np.integer)) and not _is_bool(x)
                if category == "vector<int>"
                else isinstance(x, (numbers.Real, np.floating, np.integer)) and not _is_bool(x)
            )
            if not ok:
                raise _Refused(f"element {i} is {type(x).__name__} ({x!r})")
        dtype = {"vector<bool>": np.bool_, "vector<int>": np.int64, "vector<float>": np.float64}[category]
        try:
            arr = np.asarray(items, dtype=dtype)
        except OverflowError as e:
            raise _Refused(str(e)) from None
    elif isinstance(value, np.ndarray) and category != "vector<string>":
        if value.ndim != 1:
            raise _Refused(f"a numpy array of shape {value.shape} is not 1-D")
        want = {"vector<bool>": "b", "vector<int>": "iu", "vector<float>": "iuf"}[category]
        if value.dtype.kind not in want:
            raise _Refused("")
        dtype = {"vector<bool>": np.bool_, "vector<int>": np.int64, "vector<float>": np.float64}[category]
        arr = value.astype(dtype, copy=False)
    else:
        raise _Refused("")
    try:
        return _core.make_value(cpp_type, arr)
    except ValueError as e:
        raise _Refused(str(e)) from None


def _check_strings(value) -> None:
    for i, x in enumerate(value):
        if not isinstance(x, str):
            raise _Refused(f"element {i} is {type(x).__name__} ({x!r})")


def _infer(value: Any) -> _core.Value:
    """A Value for a `hamilton::Value` parameter (any type): chosen from the Python type."""
    if isinstance(value, _core.Value):
        return value
    if isinstance(value, (pd.Series, np.ndarray)):
        return _series(value)
    if isinstance(value, pd.DataFrame):
        return _frame(value)
    if _is_bool(value):
        return _core.make_value("bool", bool(value))
    if isinstance(value, (numbers.Integral, np.integer)):
        return _number(value, "long", "int")
    if isinstance(value, (numbers.Real, np.floating)):
        return _core.make_value("double", float(value))
    if isinstance(value, str):
        return _core.make_value("std::string", value)
    if isinstance(value, (list, tuple)):
        if all(isinstance(x, str) for x in value):
            return _core.make_value("std::vector<std::string>", list(value))
        if all(isinstance(x, (numbers.Integral, np.integer)) and not _is_bool(x) for x in value):
            return _vector(value, "std::vector<long>", "vector<int>")
        return _vector(value, "std::vector<double>", "vector<float>")
    raise _Refused("")


def _is_arrow_data(value: Any) -> bool:
    """Arrow data of another library (pandas objects export Arrow too, but keep their own path)."""
    return not isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)) and _arrow.is_arrow(value)


def _distributed_hint(value: Any) -> str:
    """What to do instead when a Dask, Spark or Ray collection reaches a C++ node."""
    root = (type(value).__module__ or "").partition(".")[0]
    engine = {"dask": "Dask", "pyspark": "Spark", "ray": "Ray"}.get(root)
    if engine is None:
        return ""
    return (f". A C++ node computes in-memory pandas columns, not {engine} collections: run the "
            "compiled plan per partition with hamilton_cpp.execution.execute_on, or give "
            "Hamilton's adapter pandas inputs so that each node runs as one task "
            "(docs/scale-out.md)")


def to_cpp(value: Any, kind: str, cpp_type: str, what: str, name: str = "") -> _core.Value:
    """``value`` as a Value of C++ type ``cpp_type`` (its kind from ``_core``).

    ``what`` names the value in messages, e.g. "input `spend` (of node `avg_3wk_spend`)";
    ``name`` is the bare name (InputTypeError.name).
    """
    try:
        if isinstance(value, _core.Value):
            if kind == "any" or value.type_name == cpp_type:
                return value
            raise _Refused("")
        if kind in ("Series", "DataFrame", "any") and _is_arrow_data(value):
            converted = _arrow.to_value(value)  # pyarrow, polars, DuckDB: numeric buffers shared
            if kind == "any" or converted.type_name == cpp_type:
                return converted
            raise _Refused(f"Arrow data that reads as a {converted.type_name}")
        if kind == "Series":
            return _series(value)
        if kind == "DataFrame":
            return _frame(value)
        if kind in ("float", "int"):
            return _number(value, cpp_type, kind)
        if kind == "bool":
            if not _is_bool(value):
                raise _Refused("")
            return _core.make_value(cpp_type, bool(value))
        if kind == "string":
            if not isinstance(value, str):
                raise _Refused("")
            return _core.make_value(cpp_type, value)
        if kind.startswith("vector<"):
            return _vector(value, cpp_type, kind)
        if kind == "any":
            return _infer(value)
        raise _Refused("")
    except _Refused as e:
        why = f": {e}" if str(e) else ""
        got = f"got {_type_label(value)}{why}{_distributed_hint(value)}"
        if kind == "any":
            message = f"{what} cannot be passed to C++: it must be {ACCEPTS['any']}; {got}"
        else:
            message = f"{what} must be a {cpp_type} ({ACCEPTS.get(kind, ACCEPTS['opaque'])}); {got}"
        raise InputTypeError(message, name=name, expected=cpp_type or "hamilton::Value") from None


# ---- from C++ -----------------------------------------------------------------------------


def _index_from(kind: str, start: int, stop: int, values) -> pd.Index:
    if kind == "range":
        return pd.RangeIndex(start, stop)
    if kind == "int64":
        return pd.Index(values, dtype=np.int64)
    if kind == "datetime":
        return pd.DatetimeIndex(values.view(_NS))
    return pd.Index(values, dtype=object)


def _series_from(d, index: pd.Index | None = None) -> pd.Series:
    if index is None:
        index = _index_from(d.index_kind, d.index_start, d.index_stop, d.index_values)
    dtype = d.dtype
    if dtype == "datetime":
        values = d.values.view(_NS)
    elif dtype == "timedelta":
        values = d.values.view(_TD)
    elif dtype == "string":
        values = np.array(d.values, dtype=object)
        if d.missing is not None:
            values[d.missing] = np.nan
    else:
        values = d.values  # a read-only view of the C++ buffer
    return pd.Series(values, index=index, name=d.name or None, copy=False)


def from_cpp(obj: Any) -> Any:
    """A node's value as Python: pandas Series/DataFrame, scalars, numpy arrays, lists of str,
    or the hamilton_cpp.Value it came as. A Series or DataFrame that went in through
    ``to_cpp`` and came back unchanged is already the pandas object it was."""
    if isinstance(obj, _core.SeriesData):
        return _series_from(obj)
    if isinstance(obj, _core.FrameData):
        index = _index_from(obj.index_kind, obj.index_start, obj.index_stop, obj.index_values)
        columns = {name: _series_from(col, index) for name, col in zip(obj.names, obj.columns)}
        # copy=False: pandas keeps each column's (read-only) array as its own block.
        return pd.DataFrame(columns, index=index, copy=False)
    return obj
