"""Result builders, as in Python Hamilton's ``hamilton.base``.

A result builder is any object with ``build_result(**outputs)``: these, Python Hamilton's own
(``hamilton.base.PandasDataFrameResult()`` ...) and your own classes all work with
``driver.Builder().with_adapters(...)`` and ``driver.Driver(config, *modules, adapter=...)``.
"""

from __future__ import annotations

import collections
import logging
import pprint
from typing import Any

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)


class ResultMixin:
    """Base class of result builders: ``build_result(**outputs)`` combines the requested
    outputs (name -> value, in the order requested) into one object."""

    @staticmethod
    def build_result(**outputs: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError("a result builder implements build_result(**outputs)")

    def input_types(self) -> list[type] | None:
        return [Any]

    def output_type(self) -> type:
        return Any


class DictResult(ResultMixin):
    """The outputs themselves, as a dict (what ``Builder().build()`` returns by default)."""

    @staticmethod
    def build_result(**outputs: Any) -> dict:
        return outputs

    def output_type(self) -> type:
        return dict


def _index_key(obj: pd.Series | pd.DataFrame) -> str:
    return f"{obj.index.__class__.__name__}:::{obj.index.dtype}"


def _index_types(outputs: dict[str, Any]):
    """(all index types, time-like index types, outputs without an index), as Python Hamilton
    groups them to warn about index types that pandas would align badly."""
    all_types: dict[str, list[str]] = collections.defaultdict(list)
    time_types: dict[str, list[str]] = collections.defaultdict(list)
    no_index: dict[str, list[str]] = collections.defaultdict(list)
    time_index = getattr(pd.core.indexes.extension, "NDArrayBackedExtensionIndex", None)
    for name, value in outputs.items():
        if isinstance(value, (pd.DataFrame, pd.Series)):
            key = _index_key(value)
            if time_index is not None and isinstance(value.index, time_index):
                time_types[key].append(name)
        elif isinstance(value, pd.Index):
            key = _index_key(pd.Series([1, 2, 3], index=[0, 1, 2]))
        else:
            key = "no-index"
            no_index[key].append(name)
        all_types[key].append(name)
    return all_types, time_types, no_index


def _index_types_match(all_types, time_types, no_index) -> bool:
    with_index = len(all_types) - len(no_index)
    match = True
    if len(time_types) > 1:
        logger.warning(
            "WARNING: Time/Categorical index type mismatches detected - check output to ensure "
            "Pandas is doing what you intend to do. Else change the index types to match."
        )
        match = False
    if with_index > 1 and len(all_types) > len(time_types):
        logger.warning(
            "WARNING: Multiple index types detected - check output to ensure Pandas is doing what "
            "you intend to do. Else change the index types to match."
        )
        match = False
    elif with_index == 1 and len(no_index) > 0:
        logger.warning(
            f"WARNING: a single pandas index was found, but there are also "
            f"{len(no_index['no-index'])} outputs without an index. Please check whether the "
            "dataframe created matches what what you expect to happen."
        )
    elif len(no_index) == len(all_types):
        logger.warning(
            "It appears no Pandas index type was detected. Please check whether the dataframe "
            "created matches what what you expect to happen."
        )
        match = False
    return match


class PandasDataFrameResult(ResultMixin):
    """A pandas DataFrame of the outputs, like ``pd.DataFrame(outputs)``: Series are aligned
    on their index (outer join), scalars are broadcast, a single DataFrame output is returned
    as is and several are flattened into ``<output>.<column>`` columns. What
    ``driver.Driver(...)`` returns by default."""

    @staticmethod
    def build_result(**outputs: Any) -> pd.DataFrame:
        _index_types_match(*_index_types(outputs))
        if len(outputs) == 1:
            (value,) = outputs.values()
            if isinstance(value, pd.DataFrame):
                return value
        if not any(pd.api.types.is_list_like(v) for v in outputs.values()):
            return pd.DataFrame([outputs])
        if any(isinstance(v, pd.DataFrame) for v in outputs.values()):
            return PandasDataFrameResult.build_dataframe_with_dataframes(outputs)
        return pd.DataFrame(outputs)

    @staticmethod
    def build_dataframe_with_dataframes(outputs: dict[str, Any]) -> pd.DataFrame:
        flat: dict[str, Any] = {}
        for name, value in outputs.items():
            if isinstance(value, pd.DataFrame):
                for column, series in value.to_dict(orient="series").items():
                    flat[f"{name}.{column}"] = series
            else:
                if name in flat:
                    what = "Series" if isinstance(value, pd.Series) else "Non series output"
                    raise ValueError(
                        f"{what} {name} already exists in the output. Please rename it to avoid "
                        "this error; it may be coming from a dataframe that is being unpacked."
                    )
                flat[name] = value
        return pd.DataFrame(flat)

    def output_type(self) -> type:
        return pd.DataFrame


class StrictIndexTypePandasDataFrameResult(PandasDataFrameResult):
    """Like PandasDataFrameResult, but raises ValueError when the outputs' index types differ."""

    @staticmethod
    def build_result(**outputs: Any) -> pd.DataFrame:
        types = _index_types(outputs)
        if not _index_types_match(*types):
            raise ValueError(
                "Error: pandas index types did not match exactly. "
                f"Found the following indexes:\n{pprint.pformat(dict(types[0]))}"
            )
        return PandasDataFrameResult.build_result(**outputs)


class NumpyMatrixResult(ResultMixin):
    """A numpy matrix of the outputs, one column per output in the order requested, as Python
    Hamilton's ``hamilton.base.NumpyMatrixResult``: scalars (int, float) are repeated to the
    length of the other outputs, and outputs of different lengths are a ValueError."""

    @staticmethod
    def build_result(**outputs: Any) -> np.matrix:
        num_rows = -1
        columns_with_lengths: dict[tuple[str, int], Any] = collections.OrderedDict()
        for col, val in outputs.items():
            if isinstance(val, (int, float)):
                columns_with_lengths[(col, 1)] = val
            else:
                length = len(val)
                if num_rows == -1:
                    num_rows = length
                elif length != num_rows:
                    raise ValueError(
                        f"Error, got non scalar result that mismatches length of other vector. "
                        f"Got {length} for {col} instead of {num_rows}."
                    )
                columns_with_lengths[(col, num_rows)] = val
        list_of_columns = []
        for (col, length), val in columns_with_lengths.items():
            if length != num_rows and length == 1:
                list_of_columns.append([val] * num_rows)
            elif length == num_rows:
                list_of_columns.append(list(val))
            else:
                raise ValueError(
                    f"Do not know how to make this column {col} with length {length} have "
                    f"{num_rows} rows"
                )
        return np.asmatrix(list_of_columns).T

    def output_type(self) -> type:
        return np.matrix


def _column_arrays(outputs: dict[str, Any], builder: str) -> dict[str, np.ndarray]:
    """Each output as a 1-D numpy array (no copy for numpy arrays and numeric pandas Series),
    scalars repeated to the common length; outputs of different lengths are a ValueError."""
    lengths = {name: len(v) for name, v in outputs.items() if not np.isscalar(v)}
    if len(set(lengths.values())) > 1:
        raise ValueError(
            f"{builder}: the outputs have different lengths ({lengths}); every output must have "
            "the same number of rows (or be a scalar)"
        )
    n = next(iter(lengths.values()), 1)
    out = {}
    for name, value in outputs.items():
        if np.isscalar(value):
            out[name] = np.full(n, value)
            continue
        array = value.to_numpy() if hasattr(value, "to_numpy") else np.asarray(value)
        if array.ndim != 1:
            raise ValueError(
                f"{builder}: output {name!r} has shape {array.shape}; only 1-D outputs (Series, "
                "1-D arrays) and scalars make columns"
            )
        out[name] = array
    return out


class TorchTensorResult(ResultMixin):
    """The outputs as torch tensors (Python Hamilton has no such builder). By default a 2-D
    float64 tensor with one column per output, in the order requested (rows x outputs, like
    ``NumpyMatrixResult``); scalars are repeated, outputs of different lengths are a
    ValueError. With ``stack=False``, a dict of 1-D tensors, one per output, each made with
    ``torch.from_numpy`` from the output's numpy buffer: no copy for numeric numpy arrays and
    pandas Series. Needs torch (an optional dependency)."""

    def __init__(self, stack: bool = True, dtype: Any = None):
        self.stack = stack
        self.dtype = dtype

    def build_result(self, **outputs: Any) -> Any:
        import torch

        arrays = _column_arrays(outputs, "TorchTensorResult")
        for name, array in arrays.items():
            if array.dtype.kind not in "biuf":
                raise ValueError(
                    f"TorchTensorResult: output {name!r} has dtype {array.dtype}; tensors hold "
                    "numbers and bools only"
                )
        if not self.stack:
            tensors = {name: torch.from_numpy(np.ascontiguousarray(a)) for name, a in arrays.items()}
            if self.dtype is not None:
                tensors = {name: t.to(self.dtype) for name, t in tensors.items()}
            return tensors
        matrix = np.column_stack([a.astype(np.float64, copy=False) for a in arrays.values()])
        tensor = torch.from_numpy(np.ascontiguousarray(matrix))
        return tensor if self.dtype is None else tensor.to(self.dtype)

    def output_type(self) -> type:
        import torch

        return torch.Tensor if self.stack else dict


def _polars_ready(value: Any) -> Any:
    """A hamilton_cpp Value holding a C++ Series or DataFrame as a polars object (read through
    the Arrow stream: numeric columns are shared); anything else as is."""
    from . import _core

    if isinstance(value, _core.Value):
        import polars as pl

        if value.type_name == "hamilton::DataFrame":
            return pl.DataFrame(value)
        if value.type_name == "hamilton::Series":
            return pl.Series(value)
    return value


class PolarsDataFrameResult(ResultMixin):
    """A polars DataFrame of the outputs, as Python Hamilton's
    ``hamilton.plugins.h_polars.PolarsDataFrameResult``: a single DataFrame (or LazyFrame,
    collected) output is returned as is, a single scalar becomes a one-row frame, otherwise
    ``polars.DataFrame(outputs)`` (outputs must have the same length: polars raises otherwise).
    Needs polars (an optional dependency)."""

    def build_result(self, **outputs: Any) -> Any:
        import polars as pl

        outputs = {name: _polars_ready(value) for name, value in outputs.items()}
        if len(outputs) == 1:
            (value,) = outputs.values()
            if isinstance(value, pl.DataFrame):
                return value
            if isinstance(value, pl.LazyFrame):
                return value.collect()
            if not isinstance(value, pl.Series):
                key, value = outputs.popitem()
                return pl.DataFrame({key: [value]})
            return pl.DataFrame(outputs)
        return pl.DataFrame(outputs)

    def output_type(self) -> type:
        import polars as pl

        return pl.DataFrame


class PyarrowTableResult(ResultMixin):
    """A pyarrow Table of the one output, as Python Hamilton's
    ``hamilton.plugins.h_pyarrow.PyarrowTableResult``: a dataframe of the interchange protocol
    (``__dataframe__``: pandas, polars, DuckDB ...) through ``pyarrow.interchange.from_dataframe``;
    anything else with the Arrow PyCapsule interface (a C++ DataFrame Value, a polars 2
    DataFrame, which no longer has ``__dataframe__``) through ``pyarrow.table``. More than one output is an AssertionError. Needs pyarrow."""

    def build_result(self, **outputs: Any) -> Any:
        import pyarrow
        from pyarrow.interchange import from_dataframe

        if len(outputs) != 1:
            raise AssertionError(
                "PyarrowTableResult can only receive 1 output, i.e., only one item in "
                f"`to.SAVER(dependencies=[])`It received {len(outputs)} outputs."
            )
        value = next(iter(outputs.values()))
        if not hasattr(value, "__dataframe__") and hasattr(value, "__arrow_c_stream__"):
            return pyarrow.table(value)  # polars >= 2, C++ DataFrame values, RecordBatch ...
        return from_dataframe(value)

    def output_type(self) -> type:
        import pyarrow

        return pyarrow.Table
