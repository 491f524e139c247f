"""The function every partition (or group) runs: the columns the graph takes become inputs,
the whole compiled plan runs once (GIL released), the outputs come back as a DataFrame aligned
with the partition's rows."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import numpy as np
import pandas as pd

from ..errors import HamiltonError
from ._recipe import DriverRecipe


class PartitionError(HamiltonError, RuntimeError):
    """A node raised (or an output did not fit) while running one partition or group on a
    worker. ``node`` (empty if no node raised), ``partition`` (a description such as
    ``partition 3 (250 rows)``) and ``group`` (the key values, or None)."""

    def __init__(self, message: str, node: str = "", partition: str = "", group: Any = None):
        super().__init__(message)
        self.node = node
        self.partition = partition
        self.group = group

    def __reduce__(self):
        return (type(self), (str(self), self.node, self.partition, self.group))


@dataclasses.dataclass
class PartitionRunner:
    """Runs ``final_vars`` on one pandas partition (``__call__``), one group
    (``run_group``) or an iterator of batches (``run_batches``, Spark's mapInPandas).

    ``input_columns``: the frame columns the graph takes as inputs; ``carry``: the columns
    copied to the result first (the ``by`` keys and ``keep``); ``order_by``: sorts a group
    before it runs; ``empty``: the result of an empty partition (the meta)."""

    recipe: DriverRecipe
    final_vars: list[str]
    input_columns: list[str]
    carry: list[str]
    inputs: dict[str, Any]
    overrides: dict[str, Any]
    by: list[str]
    order_by: list[str]
    empty: pd.DataFrame | None = None
    empty_input: pd.DataFrame | None = None

    # ---- the engines' entry points ----------------------------------------------------

    def __call__(self, pdf: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
        if partition_info is not None and "number" in partition_info:
            where = f"partition {partition_info['number']} ({len(pdf)} rows)"
        else:
            where = _spark_partition(len(pdf)) or f"batch of {len(pdf)} rows"
        return self.run(pdf, where)

    def run_group(self, pdf: pd.DataFrame) -> pd.DataFrame:
        group = {k: _plain(pdf[k].iloc[0]) for k in self.by} if len(pdf) else {}
        where = "group " + ", ".join(f"{k}={v!r}" for k, v in group.items())
        return self.run(pdf, f"{where} ({len(pdf)} rows)", group)

    def run_batches(self, batches):
        """Spark's mapInPandas: the partition's Arrow batches, joined, run once."""
        frames = list(batches)
        if frames:
            pdf = pd.concat(frames, ignore_index=True)
        else:
            pdf = self.empty_input if self.empty_input is not None else pd.DataFrame()
        yield self.run(pdf, _spark_partition(len(pdf)) or f"{len(pdf)} rows")

    # ---- the work ---------------------------------------------------------------------

    def run(self, pdf: pd.DataFrame, where: str, group: Any = None) -> pd.DataFrame:
        if len(pdf) == 0 and self.empty is not None:
            return self.empty.copy()
        if self.order_by:
            pdf = pdf.sort_values(self.order_by, kind="stable")
        dr = self.recipe.driver()
        return self.compute(dr, pdf, where, group)

    def compute(self, dr: Any, pdf: pd.DataFrame, where: str, group: Any = None,
                raw: bool = False) -> pd.DataFrame:
        inputs = {c: pdf[c] for c in self.input_columns}
        inputs.update(self.inputs)
        try:
            outputs = dr.raw_execute(self.final_vars, inputs=inputs, overrides=self.overrides)
        except Exception as e:
            if raw:
                raise
            node = getattr(e, "node", "") or ""
            if node:
                location = getattr(e, "location", None)
                message = (f"node `{node}`" + (f" ({location})" if location else "")
                           + f" raised in {where}: {getattr(e, 'original_message', '') or e}")
            else:
                message = f"{type(e).__name__} in {where}: {e}"
            raise PartitionError(message, node, where, group) from e
        columns: dict[str, Any] = {c: pdf[c].array for c in self.carry}
        for name in self.final_vars:
            if name in columns:
                continue
            value = outputs[name]
            if isinstance(value, pd.Series):
                if len(value) != len(pdf):
                    raise PartitionError(
                        f"output `{name}` has {len(value)} rows in {where}, which has "
                        f"{len(pdf)}: execute_on returns outputs with one value per input row",
                        "", where, group)
                columns[name] = value.to_numpy()
            elif isinstance(value, (pd.DataFrame, dict, list, np.ndarray)):
                raise PartitionError(
                    f"output `{name}` is a {type(value).__name__} in {where}: execute_on returns "
                    "Series outputs (one value per row) and scalars (repeated on every row)",
                    "", where, group)
            else:
                columns[name] = value  # a scalar, repeated on every row
        # One constructor call: inserting column by column costs more than the plan per group.
        return pd.DataFrame(columns, index=pdf.index)


def _plain(x: Any) -> Any:
    return x.item() if isinstance(x, np.generic) else x


def _spark_partition(rows: int) -> str:
    if "pyspark" not in sys.modules:
        return ""
    try:
        from pyspark import TaskContext

        ctx = TaskContext.get()
    except Exception:
        return ""
    return f"Spark partition {ctx.partitionId()} ({rows} rows)" if ctx is not None else ""
