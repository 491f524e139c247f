"""execute_on on Dask, Spark and Ray: the whole compiled plan per partition and per entity,
against the single-process run (docs/scale-out.md)."""

from __future__ import annotations

import re

import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton_cpp.execution import PartitionError, execute_on

from scaleout_data import PER_ENTITY, ROW_WISE, make_driver, pandas_per_entity, tidy, weekly

ENGINES = ["dask", "spark", "ray"]


@pytest.fixture(scope="module")
def dr():
    return make_driver()


@pytest.fixture(scope="module")
def data():
    return weekly()


def to_engine(engine: str, request, df: pd.DataFrame, partitions: int = 4):
    if engine == "dask":
        request.getfixturevalue("dask_client")
        import dask.dataframe as dd

        return dd.from_pandas(df, npartitions=partitions)
    if engine == "spark":
        spark = request.getfixturevalue("spark")
        return spark.createDataFrame(df).repartition(partitions)
    ray = request.getfixturevalue("ray_session")
    return ray.data.from_pandas(df).repartition(partitions)


def collect(engine: str, result) -> pd.DataFrame:
    if engine == "dask":
        return result.compute()
    if engine == "spark":
        return result.toPandas()
    return result.to_pandas()


@pytest.mark.parametrize("engine", ENGINES)
def test_row_wise_partitions_equal_the_single_process_run(engine, request, dr, data):
    frame = to_engine(engine, request, data)
    result = collect(engine, execute_on(dr, frame, ROW_WISE, inputs={"factor": 2.5},
                                        keep=["series_id", "week"]))
    expected = dr.execute(ROW_WISE, inputs={"spend": data.spend, "signups": data.signups,
                                            "factor": 2.5})
    expected = pd.concat([data[["series_id", "week"]], pd.DataFrame(expected)], axis=1)
    if engine == "dask":  # the index of the input rows is kept
        pdt.assert_frame_equal(tidy(result.sort_index(), []), expected)
    pdt.assert_frame_equal(tidy(result, ["series_id", "week"]), tidy(expected, ["series_id", "week"]))
    assert list(result.columns) == ["series_id", "week", *ROW_WISE]
    tidied = tidy(result, ["series_id", "week"])
    assert tidied.is_big.dtype == bool and tidied.signups_plus_one.dtype == "int64"


@pytest.mark.parametrize("engine", ENGINES)
def test_per_entity_windows_equal_pandas_series_by_series(engine, request, dr, data):
    frame = to_engine(engine, request, data)
    result = collect(engine, execute_on(dr, frame, PER_ENTITY, by="series_id",
                                        order_by="week", keep="week"))
    expected = pandas_per_entity(data)
    pdt.assert_frame_equal(tidy(result, ["series_id", "week"]), tidy(expected, ["series_id", "week"]))
    # The same per entity in one process through execute_on on the pandas frame.
    local = execute_on(dr, data, PER_ENTITY, by="series_id", order_by="week", keep="week")
    pdt.assert_frame_equal(tidy(result, ["series_id", "week"]), tidy(local, ["series_id", "week"]))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_node_that_raises_names_the_node_and_the_partition(engine, request, dr, data):
    bad = data.copy()
    bad.loc[bad.index[5], "spend"] = -1.0
    frame = to_engine(engine, request, bad)
    with pytest.raises(Exception) as info:
        collect(engine, execute_on(dr, frame, ["checked_spend"], keep="week"))
    message = str(info.value)
    where = r"(partition \d+ \(\d+ rows\)|Spark partition \d+ \(\d+ rows\)|batch of \d+ rows)"
    assert re.search(r"node `checked_spend` \(\S*test_scaleout_nodes.cpp:\d+\) raised in " + where,
                     message), message
    assert "spend must not be negative, got -1" in message
    if engine == "dask":
        assert isinstance(info.value, PartitionError) and info.value.node == "checked_spend"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_node_that_raises_in_a_group_names_the_group(engine, request, dr, data):
    bad = data.copy()
    row = bad.index[bad.series_id == "s2"][3]
    bad.loc[row, "spend"] = -1.0
    frame = to_engine(engine, request, bad)
    with pytest.raises(Exception) as info:
        collect(engine, execute_on(dr, frame, ["checked_spend"], by="series_id"))
    assert re.search(r"node `checked_spend` \(\S+:\d+\) raised in group series_id='s2' \(30 rows\): "
                     r"std::invalid_argument: spend must not be negative", str(info.value))


TYPED = ["spend_per_signup", "signups_plus_one", "is_big", "region_upper", "day_passed"]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_column_type_crosses_the_workers(engine, request, dr):
    data = weekly(n_series=2, weeks=8)
    data["region"] = [("north", "south", "east")[i % 3] for i in range(len(data))]
    data["day"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(data.week * 7, unit="D")
    frame = to_engine(engine, request, data, partitions=3)
    result = execute_on(dr, frame, TYPED, keep=["series_id", "week"])
    if engine == "spark":
        types = {f.name: type(f.dataType).__name__ for f in result.schema.fields}
        assert types == {"series_id": "StringType", "week": "LongType",
                         "spend_per_signup": "DoubleType", "signups_plus_one": "LongType",
                         "is_big": "BooleanType", "region_upper": "StringType",
                         "day_passed": "TimestampType"}
    got = tidy(collect(engine, result), ["series_id", "week"])
    if got.day_passed.dtype != "datetime64[ns]":  # Spark and Ray may give other units
        got["day_passed"] = got.day_passed.astype("datetime64[ns]")
    expected = pd.concat([data[["series_id", "week"]], pd.DataFrame(dr.execute(TYPED, inputs={
        c: data[c] for c in ("spend", "signups", "region", "day")}))], axis=1)
    pdt.assert_frame_equal(got, tidy(expected, ["series_id", "week"]))
