"""Arrow in and out: C++ Series / DataFrame values through the Arrow PyCapsule interface to
pyarrow, polars and DuckDB (numeric buffers shared, not copied), and their data back into
C++ values with hamilton_cpp.arrow.to_value."""

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hamilton_cpp
from hamilton_cpp import _core, driver
from hamilton_cpp.arrow import is_arrow, to_value


def series(values, dtype, name="x"):
    values = np.asarray(values)
    return _core.series_from_array(values, dtype, name, ("range", 0, len(values)))


def strings(values, name="s"):
    return _core.series_from_strings(values, name, ("range", 0, len(values)))


def frame(**columns):
    return _core.frame_from_columns(list(columns), list(columns.values()))


def address(value, column=None):
    return _core._arrow_data_address(value, column)


# ---- C++ -> Arrow ----


def test_float_series_to_pyarrow_is_zero_copy_and_nan_is_null_like_from_pandas():
    values = [1.5, np.nan, 3.0]
    s = series(values, "float64")
    got = pa.array(s)
    expected = pa.array(pd.Series(values), from_pandas=True)
    assert got.equals(expected)
    assert got.null_count == 1
    assert got.buffers()[1].address == address(s)


def test_int_datetime_bool_string_series_to_pyarrow():
    ints = series([1, 2, 3], "int64")
    assert pa.array(ints).equals(pa.array([1, 2, 3], pa.int64()))
    assert pa.array(ints).buffers()[1].address == address(ints)

    ns = pd.to_datetime(["2020-01-01", None, "2021-06-30 12:00"], format="ISO8601")
    dates = series(ns.asi8, "datetime")
    got = pa.array(dates)
    assert got.type == pa.timestamp("ns")
    assert got.equals(pa.array(pd.Series(ns), from_pandas=True))
    assert got.buffers()[1].address == address(dates)

    flags = series([True, False, True], "bool")
    assert pa.array(flags).equals(pa.array([True, False, True]))  # copied: Arrow packs bits

    names = strings(["a", None, "ccc"])
    assert pa.array(names).equals(pa.array(pd.Series(["a", None, "ccc"]), from_pandas=True))


def test_frame_to_pyarrow_polars_duckdb():
    df = frame(
        x=series([1.0, 2.0, np.nan], "float64", "x"),
        n=series([1, 2, 3], "int64", "n"),
        s=strings(["p", "q", None], "s"),
    )
    table = pa.table(df)
    pdf = pd.DataFrame({"x": [1.0, 2.0, np.nan], "n": [1, 2, 3], "s": ["p", "q", None]})
    assert table.equals(pa.Table.from_pandas(pdf, preserve_index=False))
    assert table.column_names == ["x", "n", "s"]
    assert table.column("x").chunks[0].buffers()[1].address == address(df, "x")
    assert table.column("n").chunks[0].buffers()[1].address == address(df, "n")

    rb = pa.record_batch(df)
    assert rb.num_rows == 3 and rb.schema.names == ["x", "n", "s"]

    polars_df = pl.DataFrame(df)
    assert polars_df.equals(pl.from_pandas(pdf))
    assert pl.from_arrow(table).equals(polars_df)

    rows = duckdb.sql("select n, x, s from df order by n").fetchall()
    assert rows == [(1, 1.0, "p"), (2, 2.0, "q"), (3, None, None)]
    assert duckdb.sql("select sum(n) from df").fetchall() == [(6,)]


def test_schema_capsule_and_requested_schema():
    s = series([1.0], "float64", "x")
    assert pa.schema(frame(x=s)).names == ["x"]
    assert pa.field(s).type == pa.float64() and pa.field(s).name == "x"
    schema, array = s.__arrow_c_array__(requested_schema=None)
    assert pa.Array._import_from_c_capsule(schema, array).to_pylist() == [1.0]


def test_exported_buffer_outlives_the_value():
    s = series(np.arange(1000, dtype=np.float64), "float64")
    arr = pa.array(s)
    del s
    assert arr[999].as_py() == 999.0


def test_a_value_of_another_cpp_type_has_no_arrow_form():
    v = _core.make_value("double", 1.5)
    with pytest.raises(TypeError, match=r"C\+\+ type double has no Arrow form; only hamilton::Series"):
        pa.array(v)


# ---- Arrow -> C++ ----


def test_pyarrow_array_to_value_is_zero_copy_and_round_trips():
    arr = pa.array(np.arange(5, dtype=np.float64))
    v = to_value(arr)
    assert v.type_name == "hamilton::Series"
    assert address(v) == arr.buffers()[1].address
    assert pa.array(v).equals(arr)

    ints = pa.array([1, 2, 3], pa.int64())
    assert address(to_value(ints)) == ints.buffers()[1].address
    chunked = pa.chunked_array([[1.0], [2.0, 3.0]])
    assert pa.array(to_value(chunked)).to_pylist() == [1.0, 2.0, 3.0]  # concatenated


def test_offsets_and_nulls_from_pyarrow():
    arr = pa.array([0.0, 1.0, None, 3.0, 4.0]).slice(1, 3)
    assert pa.array(to_value(arr)).to_pylist() == [1.0, None, 3.0]
    ints = pa.array([5, None, 7])
    got = pa.array(to_value(ints))
    assert got.type == pa.float64() and got.to_pylist() == [5.0, None, 7.0]  # like pandas
    s = pa.array(["a", None, "bcd", "e"]).slice(1)
    assert pa.array(to_value(s)).to_pylist() == [None, "bcd", "e"]
    table = pa.table({"a": [1, 2, 3, 4], "b": ["w", "x", "y", "z"]}).slice(2)
    assert pa.table(to_value(table)).to_pydict() == {"a": [3, 4], "b": ["y", "z"]}


def test_timestamps_dates_and_timezones():
    t = pa.array([dt.datetime(2020, 1, 1), None], pa.timestamp("us", tz="Europe/Paris"))
    got = pa.array(to_value(t))
    assert got.type == pa.timestamp("ns")
    assert got.cast(pa.int64()).to_pylist() == [t.cast(pa.int64())[0].as_py() * 1000, None]
    d = pa.array([dt.date(2020, 1, 2)], pa.date32())
    assert pa.array(to_value(d)).to_pylist() == [dt.datetime(2020, 1, 2)]
    with pytest.raises(hamilton_cpp.HamiltonError, match=r"out of bounds for datetime64\[ns\]"):
        to_value(pa.array([dt.datetime(9999, 12, 31)], pa.timestamp("us")))


def test_polars_to_value_string_views_and_zero_copy():
    pdf = pl.DataFrame({"a": ["x", None, "a string longer than twelve"], "b": [1.5, 2.5, 3.5]})
    v = to_value(pdf)
    assert v.type_name == "hamilton::DataFrame"
    assert pl.DataFrame(v).equals(pdf)
    ps = pl.Series("f", [1.0, 2.0, 3.0])
    sv = to_value(ps)
    assert pa.array(sv).to_pylist() == [1.0, 2.0, 3.0]
    assert address(sv) == ps.to_arrow().buffers()[1].address  # polars' own buffer


def test_duckdb_relation_to_value():
    rel = duckdb.sql("select range::BIGINT as n, range * 0.5 as x, 'v' || range as s from range(4)")
    v = to_value(rel)
    assert duckdb.sql("select typeof(x) from rel limit 1").fetchall() == [("DECIMAL(21,1)",)]
    got = pa.table(v)
    assert got.schema.types == [pa.int64(), pa.float64(), pa.string()]  # decimals as float64
    assert got.to_pydict() == {"n": [0, 1, 2, 3], "x": [0.0, 0.5, 1.0, 1.5], "s": ["v0", "v1", "v2", "v3"]}
    negative = to_value(duckdb.sql("select -12345678901.25::DECIMAL(30,2) as d"))
    assert pa.table(negative).column("d").to_pylist() == [-12345678901.25]


def test_pandas_through_pyarrow_and_back():
    pdf = pd.DataFrame({"x": [1.0, np.nan], "s": ["a", None], "t": pd.to_datetime(["2020-01-01", None])})
    back = pa.table(to_value(pa.Table.from_pandas(pdf, preserve_index=False))).to_pandas()
    pd.testing.assert_frame_equal(back, pdf)


def test_errors():
    assert is_arrow(pa.array([1])) and not is_arrow([1])
    with pytest.raises(TypeError, match=r"a list is not Arrow data: it has neither __arrow_c_stream__"):
        to_value([1, 2])
    with pytest.raises(hamilton_cpp.HamiltonError, match=r"column 'x' \(format 'e'\): this Arrow type is not supported"):
        to_value(pa.table({"x": pa.array([1.0], pa.float16())}))
    with pytest.raises(hamilton_cpp.HamiltonError, match="dictionary-encoded"):
        to_value(pa.array(["a", "b"]).dictionary_encode())
    with pytest.raises(hamilton_cpp.HamiltonError, match="bool column has missing values"):
        to_value(pa.array([True, None]))


def test_arrow_values_as_driver_inputs(test_nodes):
    dr = driver.Builder().with_modules(test_nodes).with_config({"factor": 3.0}).build()
    table = to_value(pl.DataFrame({"a": [1.0, 2.0], "b": [10.0, 20.0]}))
    got = dr.execute(["table_total"], inputs={"table": table})["table_total"]
    assert list(got) == [11.0, 22.0]
    values = to_value(pa.array([1.0, 2.0]))
    assert list(dr.execute(["values_plus_one"], inputs={"values": values})["values_plus_one"]) == [2.0, 3.0]


def test_large_frame_export_is_zero_copy():
    n = 1_000_000
    df = frame(a=series(np.arange(n, dtype=np.float64), "float64", "a"), b=series(np.arange(n), "int64", "b"))
    table = pa.table(df)
    assert table.num_rows == n
    assert table.column("a").chunks[0].buffers()[1].address == address(df, "a")
    assert table.column("b").chunks[0].buffers()[1].address == address(df, "b")


def test_an_imported_buffer_is_released_with_the_last_value():
    before = pa.total_allocated_bytes()
    arr = pa.array([float(i) for i in range(100_000)])  # in pyarrow's memory pool
    allocated = pa.total_allocated_bytes() - before
    assert allocated >= 800_000
    v = to_value(arr)
    del arr
    assert pa.total_allocated_bytes() - before >= allocated  # the C++ Series holds it
    again = pa.array(v)  # exported back: pyarrow shares the same buffer once more
    del v
    assert pa.total_allocated_bytes() - before >= allocated
    del again
    assert pa.total_allocated_bytes() == before  # released once, by the last holder


def test_arrow_data_of_other_libraries_are_inputs(hello_world):
    # pyarrow arrays, polars Series and DuckDB relations where a node takes a Series
    import duckdb
    import polars as pl
    import pyarrow as pa

    from hamilton_cpp import driver

    dr = driver.Builder().with_modules(hello_world).build()
    expected = [10.0, 1.0, 0.4, 0.4, 0.2, 0.125]
    spend = [10.0, 10.0, 20.0, 40.0, 40.0, 50.0]
    signups = [1.0, 10.0, 50.0, 100.0, 200.0, 400.0]
    for make in (pa.array, lambda v: pl.Series(v), pd.Series):
        out = dr.execute(["spend_per_signup"], inputs={"spend": make(spend), "signups": make(signups)})
        assert out["spend_per_signup"].tolist() == expected
    rel = duckdb.sql("select * from (values (10.0::double), (10.0), (20.0), (40.0), (40.0), (50.0)) t(spend)")
    col = pa.table(rel)["spend"]  # a ChunkedArray of one column
    out = dr.execute(["spend_per_signup"], inputs={"spend": col, "signups": pa.array(signups)})
    assert out["spend_per_signup"].tolist() == expected
    # a table where a Series is declared: an InputTypeError that says what it read
    with pytest.raises(hamilton_cpp.InputTypeError, match=r"input `spend`.*Arrow data that reads as a hamilton::DataFrame"):
        dr.execute(["spend_per_signup"], inputs={"spend": pa.table({"a": spend}), "signups": pd.Series(signups)})
