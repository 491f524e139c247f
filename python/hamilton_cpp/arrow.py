"""Arrow data in and out (docs/python.md, "Arrow, polars, DuckDB").

A ``hamilton_cpp.Value`` holding a C++ ``hamilton::Series`` or ``hamilton::DataFrame`` has the
Arrow PyCapsule interface (``__arrow_c_schema__``, ``__arrow_c_array__``,
``__arrow_c_stream__``), so ``pyarrow.array(value)``, ``pyarrow.table(value)``,
``polars.DataFrame(value)`` and ``duckdb.sql("select * from value")`` read it; float64, int64
and datetime columns are shared with them, not copied. ``to_value`` goes the other way.
"""

from __future__ import annotations

from typing import Any

from . import _core

__all__ = ["is_arrow", "to_value"]


def is_arrow(obj: Any) -> bool:
    """True if ``obj`` has the Arrow PyCapsule interface (a stream or an array)."""
    return hasattr(obj, "__arrow_c_stream__") or hasattr(obj, "__arrow_c_array__")


def to_value(obj: Any) -> _core.Value:
    """A ``hamilton_cpp.Value`` from any object with ``__arrow_c_stream__`` or
    ``__arrow_c_array__``: pyarrow ``Array``/``ChunkedArray``/``Table``/``RecordBatch``, polars
    ``Series``/``DataFrame``, a DuckDB relation ... A table (struct type) becomes a
    ``hamilton::DataFrame`` with a range index, anything else a ``hamilton::Series``.

    One chunk without nulls is shared (float64, int64, timestamp[ns]); several chunks are
    concatenated (copied); bools, strings and columns with nulls are copied. Nulls become NaN /
    NaT / missing strings, integer columns with nulls become float64 (as pandas does)."""
    return _core.arrow_import(obj)
