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
