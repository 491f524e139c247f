"""Running a hamilton_cpp Driver's compiled plan where Dask, Spark and Ray schedule work
(docs/scale-out.md).

    from hamilton_cpp import driver
    from hamilton_cpp.execution import execute_on

    dr = driver.Builder().with_modules(features).build()
    out = execute_on(dr, frame, ["spend_per_signup"], partition_safe=True)   # row-wise graph
    out = execute_on(dr, frame, ["avg_3wk_spend"], by="series_id", order_by="week")  # per entity

``frame`` is a pandas DataFrame (runs here), a ``dask.dataframe.DataFrame``
(``map_partitions`` / ``groupby(...).apply``), a Spark DataFrame (``mapInPandas`` /
``groupBy(...).applyInPandas``) or a Ray Dataset (``map_batches`` / ``groupby(...).map_groups``);
the result is the same kind of frame. Each worker process rebuilds the Driver once from a
recipe (module library paths and config) and runs the whole plan per partition or group.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import pandas as pd

from . import _engines, _safety
from ._partition import PartitionError, PartitionRunner
from ._recipe import MODULE_PATH_ENV, DriverRecipe, WorkerModuleError, find_library
from ._safety import ACROSS, ROWS_TAG, WITHIN, PartitionSafetyError
from ._ship import module_libraries, ship_modules

__all__ = [
    "ACROSS",
    "DriverRecipe",
    "MODULE_PATH_ENV",
    "PartitionError",
    "PartitionSafetyError",
    "ROWS_TAG",
    "WITHIN",
    "WorkerModuleError",
    "execute_on",
    "find_library",
    "module_libraries",
    "ship_modules",
]


def _names(value: str | Sequence[str] | None, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    names = list(value)
    if not all(isinstance(n, str) for n in names):
        raise TypeError(f"{what} must be a column name or a list of column names, got {value!r}")
    return names


def execute_on(
    dr: Any,
    frame: Any,
    final_vars: Sequence[Any],
    *,
    inputs: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    by: str | Sequence[str] | None = None,
    order_by: str | Sequence[str] | None = None,
    keep: str | Sequence[str] | None = None,
    partition_safe: bool = False,
    meta: pd.DataFrame | None = None,
    schema: Any = None,
    **engine_kwargs: Any,
) -> Any:
    """Runs ``final_vars`` of the Driver ``dr`` on every partition of ``frame`` (or, with
    ``by``, on every group of rows with equal key values) and returns the engine's frame of
    results: the ``by`` and ``keep`` columns, then one column per output, one row per input
    row (a scalar output repeats on every row of its partition or group).

    - The columns of ``frame`` that the graph takes as inputs are its inputs (pandas Series of
      the partition); ``inputs`` (scalars) and ``overrides`` go to every partition unchanged;
      the Driver's config is rebuilt on the workers.
    - Plain partitions need a graph whose nodes are row-wise: every node the outputs need that
      takes rows must be tagged ``scale_out.rows = within``, or pass ``partition_safe=True``
      (every partition holds whole series). Otherwise, and for nodes tagged
      ``scale_out.rows = across`` or reductions, a PartitionSafetyError says what to do.
    - ``by``: the plan runs once per group (Spark ``groupBy().applyInPandas``, Dask
      ``groupby().apply``, Ray ``groupby().map_groups``); ``order_by`` sorts each group first
      (required when a node looks across rows: the engines do not keep row order in a group).
    - ``meta`` (Dask) / ``schema`` (Spark) replace the ones derived by running the plan on an
      empty frame of the partitions' dtypes (which also checks the request on the driver).
    - ``engine_kwargs`` go to the engine's call (``map_partitions``, ``mapInPandas``,
      ``map_batches``: e.g. Ray's ``runtime_env``, ``batch_size``).

    Index: Dask and pandas results keep the input rows' index labels (with ``by``, rows are
    sorted by ``order_by`` inside a group and groups come in no defined order); Spark and Ray
    frames have no index. A node that raises on a worker is a PartitionError naming the node
    and the partition or group.
    """
    names = dr._final_vars(final_vars)
    by_cols = _names(by, "by")
    order_cols = _names(order_by, "order_by")
    keep_cols = _names(keep, "keep")
    engine = _engines.engine_of(frame)
    columns = _engines.columns_of(engine, frame)
    for what, cols in (("by", by_cols), ("order_by", order_cols), ("keep", keep_cols)):
        missing = [c for c in cols if c not in columns]
        if missing:
            raise ValueError(
                f"execute_on({what}=...): the frame has no column {', '.join(f'`{c}`' for c in missing)}; "
                f"its columns: {', '.join(columns)}"
            )
    if order_cols and not by_cols:
        raise ValueError("execute_on(order_by=...) sorts the rows of each group: give by=<key column> too")
    scalar_inputs = dict(inputs or {})
    for name, value in list(scalar_inputs.items()) + list((overrides or {}).items()):
        if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)):
            raise TypeError(
                f"execute_on: `{name}` is a {type(value).__name__}; inputs= and overrides= go "
                "unchanged to every partition, so they must not hold rows: make it a column of "
                "the frame instead"
            )
    _safety.check(dr, names, by_cols, order_cols, partition_safe)

    graph_inputs = {v.name for v in dr.what_is_upstream_of(*names) if v.is_external_input}
    input_columns = [c for c in columns if c in graph_inputs and c not in scalar_inputs]
    carry = by_cols + [c for c in keep_cols if c not in by_cols]
    runner = PartitionRunner(
        recipe=DriverRecipe.of(dr),
        final_vars=names,
        input_columns=input_columns,
        carry=carry,
        inputs=scalar_inputs,
        overrides=dict(overrides or {}),
        by=by_cols,
        order_by=order_cols,
    )
    empty_in = _engines.empty_input(engine, frame)
    if meta is None:
        # Runs the plan on no rows: the output dtypes, and the request's checks, on the driver.
        meta = runner.compute(dr, empty_in, "the empty frame (meta)", raw=True)
    runner.empty = meta.iloc[:0]
    runner.empty_input = empty_in.iloc[:0]
    return _engines.run(engine, frame, runner, runner.empty, schema, engine_kwargs)
