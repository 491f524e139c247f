"""The engines execute_on hands partitions to: pandas (in process), Dask, Spark and Ray Data,
and the types of their frames (meta and schemas derived from the graph's outputs)."""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np
import pandas as pd


def engine_of(frame: Any) -> str:
    """"pandas", "dask", "spark" or "ray" for the frame's type; TypeError otherwise."""
    if isinstance(frame, pd.DataFrame):
        return "pandas"
    module = type(frame).__module__
    if module.startswith(("dask.", "dask_expr")) and hasattr(frame, "map_partitions"):
        return "dask"
    if module.startswith("pyspark.") and hasattr(frame, "mapInPandas"):
        return "spark"
    if module.startswith("ray.data") and hasattr(frame, "map_batches"):
        return "ray"
    raise TypeError(
        f"execute_on runs on a pandas DataFrame, a dask.dataframe.DataFrame, a Spark DataFrame "
        f"or a Ray Dataset, got {type(frame).__module__}.{type(frame).__name__}"
    )


def columns_of(engine: str, frame: Any) -> list[str]:
    if engine == "ray":
        return list(frame.schema().names)
    return [str(c) for c in frame.columns]


# ---- an empty pandas frame with the partition's dtypes -----------------------------------

_SPARK_TO_PANDAS = {
    "DoubleType": "float64", "FloatType": "float64", "LongType": "int64", "IntegerType": "int64",
    "ShortType": "int64", "ByteType": "int64", "BooleanType": "bool", "StringType": "object",
    "TimestampType": "datetime64[ns]", "TimestampNTZType": "datetime64[ns]",
}


def empty_input(engine: str, frame: Any) -> pd.DataFrame:
    """A frame of no rows whose columns have the dtypes the partitions will have."""
    if engine == "pandas":
        return frame.iloc[:0]
    if engine == "dask":
        return frame._meta
    if engine == "ray":
        base = frame.schema().base_schema
        if hasattr(base, "empty_table"):  # a pyarrow.Schema
            return base.empty_table().to_pandas()
        return pd.DataFrame({n: pd.Series([], dtype=t) for n, t in zip(base.names, base.types)})
    columns = {}
    for field in frame.schema.fields:
        dtype = _SPARK_TO_PANDAS.get(type(field.dataType).__name__, "object")
        columns[field.name] = pd.Series([], dtype=dtype)
    return pd.DataFrame(columns)


# ---- Spark schemas -----------------------------------------------------------------------


def spark_schema(meta: pd.DataFrame, frame: Any, carry: list[str]) -> Any:
    """The output schema of mapInPandas/applyInPandas: carried columns keep their Spark
    types; outputs map float64->DoubleType, int64->LongType, bool->BooleanType,
    string->StringType, datetime->TimestampType."""
    from pyspark.sql import types as T

    by_name = {f.name: f for f in frame.schema.fields}
    fields = []
    for name, dtype in meta.dtypes.items():
        if name in carry and name in by_name:
            fields.append(by_name[name])
            continue
        if pd.api.types.is_bool_dtype(dtype):
            t = T.BooleanType()
        elif pd.api.types.is_integer_dtype(dtype):
            t = T.LongType()
        elif pd.api.types.is_float_dtype(dtype):
            t = T.DoubleType()
        elif pd.api.types.is_datetime64_dtype(dtype):
            t = T.TimestampType()
        elif dtype == np.dtype(object) or pd.api.types.is_string_dtype(dtype):
            t = T.StringType()
        else:
            raise TypeError(
                f"output `{name}` has dtype {dtype}, which has no Spark type here (float64, "
                "int64, bool, string and datetime64[ns] do): pass schema=... to execute_on"
            )
        fields.append(T.StructField(str(name), t, True))
    return T.StructType(fields)


# ---- running -----------------------------------------------------------------------------


def run(engine: str, frame: Any, runner: Any, meta: pd.DataFrame, schema: Any,
        engine_kwargs: dict) -> Any:
    by = runner.by
    if engine == "pandas":
        if by:
            return _groups(frame, runner)
        return runner(frame, {"number": 0})
    if engine == "dask":
        if by:
            # What groupby(by).apply does (a shuffle on the key, then pandas groups in each
            # partition), without pandas' warning about apply reading the grouping columns.
            shuffled = frame.shuffle(on=by)
            return shuffled.map_partitions(_groups, runner, meta=meta, **engine_kwargs)
        return frame.map_partitions(runner, meta=meta, **engine_kwargs)
    if engine == "spark":
        if schema is None:
            schema = spark_schema(meta, frame, runner.carry)
        # Spark reads the function's parameters and type hints: plain annotated functions.
        if by:
            def group(pdf: pd.DataFrame) -> pd.DataFrame:
                return runner.run_group(pdf)

            return frame.groupBy(*by).applyInPandas(group, schema)

        def batches(it: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
            return runner.run_batches(it)

        return frame.mapInPandas(batches, schema, **engine_kwargs)
    # ray
    kwargs = dict(engine_kwargs)
    if by:
        return frame.groupby(by if len(by) > 1 else by[0]).map_groups(
            runner.run_group, batch_format="pandas", **kwargs)
    kwargs.setdefault("batch_size", None)  # one block, one run of the plan
    return frame.map_batches(runner, batch_format="pandas", **kwargs)



def _groups(pdf: pd.DataFrame, runner: Any) -> pd.DataFrame:
    """The plan once per group of a pandas frame (all rows of a group are in it)."""
    results = [runner.run_group(g) for _, g in pdf.groupby(runner.by, sort=False)]
    return pd.concat(results) if results else runner.empty.copy()
