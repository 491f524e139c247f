"""Numeric columns cross between pandas and C++ without a copy (docs/python.md, "Data in and
out"): inputs wrap the numpy buffer, results are read-only views of the C++ buffer, and a Series
or DataFrame that comes back unchanged is the object that went in."""

import gc
import subprocess
import sys
import threading
import weakref

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import hamilton_cpp
from hamilton_cpp import _convert, _core, driver


@pytest.fixture(scope="module")
def nodes(libraries):
    return hamilton_cpp.load_library(libraries["test_zero_copy_nodes"])


@pytest.fixture(scope="module")
def dr(nodes):
    return driver.Builder().with_modules(nodes).build()


@pytest.fixture(params=[False, True], ids=["default", "copy_on_write"])
def cow(request):
    """Runs a test under pandas' default mode and under Copy-on-Write."""
    before = pd.options.mode.copy_on_write
    pd.options.mode.copy_on_write = request.param
    yield request.param
    pd.options.mode.copy_on_write = before


def one(dr, name, **inputs):
    return dr.execute([name], inputs=inputs)[name]


def series_of(kind: str, n: int = 5, **kw) -> pd.Series:
    values = {
        "float64": np.linspace(0.5, 4.5, n),
        "int64": np.arange(n, dtype=np.int64) * 3 - 4,
        "bool": np.arange(n) % 2 == 0,
        "datetime": pd.date_range("2021-03-01", periods=n, freq="h").to_numpy(),
    }[kind]
    return pd.Series(values, **kw)


KINDS = ["float64", "int64", "bool", "datetime"]


# ---- in and out without a copy ----


@pytest.mark.parametrize("kind", KINDS)
def test_an_input_is_wrapped_and_a_result_views_it(dr, cow, kind):
    s = series_of(kind, name="column")
    out = one(dr, "renamed_column", column=s)  # a new C++ Series over the same buffer
    assert out is not s
    assert np.shares_memory(out.to_numpy(), s.to_numpy())
    assert not out.to_numpy().flags.writeable
    pdt.assert_series_equal(out, s.rename("renamed"))


@pytest.mark.parametrize("kind", KINDS)
def test_an_unchanged_series_comes_back_as_the_same_object(dr, cow, kind):
    for s in (
        series_of(kind, name="column"),
        series_of(kind, name=None, index=pd.Index([10, 20, 30, 40, 50])),
        series_of(kind, name="x", index=pd.Index(list("abcde"))),
        series_of(kind, index=pd.date_range("2000-01-01", periods=5)),
        series_of(kind, index=pd.RangeIndex(7, 12)),
        series_of(kind, name=5),  # a non-str name: the C++ Series holds "5", Python gets 5 back
        series_of(kind, index=pd.Index(list("vwxyz"), name="week")),  # the index name too
    ):
        assert one(dr, "same_column", column=s) is s


def test_through_to_cpp_and_from_cpp_identity_and_views():
    s = series_of("float64", name="v", index=pd.Index(list("abcde")))
    value = _convert.to_cpp(s, "Series", "hamilton::Series", "input `v`", "v")
    assert _convert.from_cpp(_core.to_python(value)) is s
    arr = np.arange(4.0)
    out = _convert.from_cpp(_core.to_python(_convert.to_cpp(arr, "Series", "hamilton::Series", "x")))
    assert isinstance(out, pd.Series) and out.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert np.shares_memory(out.to_numpy(), arr) and not out.to_numpy().flags.writeable


def test_a_new_result_is_a_read_only_view_of_the_cpp_buffer(dr, cow):
    s = series_of("float64", name="column", index=pd.Index([3, 1, 2, 5, 4]))
    out = one(dr, "column_plus_one", column=s)
    pdt.assert_series_equal(out, s + 1)
    values = out.to_numpy()
    assert not values.flags.writeable and not np.shares_memory(values, s.to_numpy())
    with pytest.raises(ValueError, match="read-only"):
        out.iloc[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        values[0] = 0.0
    mine = out.copy()  # how to get a result to write into
    mine.iloc[0] = 0.0
    assert mine.iloc[0] == 0.0 and out.iloc[0] == s.iloc[0] + 1


def test_a_renamed_view_keeps_the_inputs_index(dr):
    s = series_of("int64", name="column", index=pd.Index([9, 8, 7, 6, 5]))
    out = one(dr, "renamed_column", column=s)
    pdt.assert_index_equal(out.index, s.index)
    assert out.name == "renamed"


# ---- DataFrames ----


def frame_of_columns(n: int = 6) -> pd.DataFrame:
    return pd.DataFrame({"a": np.arange(n, dtype=float), "b": np.arange(n, dtype=float) * 10,
                         "c": np.arange(n) % 2 == 0})


def test_an_unchanged_dataframe_comes_back_as_the_same_object(dr, cow):
    for table in (frame_of_columns(), frame_of_columns().set_index(pd.Index(list("uvwxyz")))):
        assert one(dr, "same_table", table=table) is table


def test_dataframe_columns_are_wrapped_when_contiguous(dr, cow):
    table = frame_of_columns()  # from a dict: pandas keeps each dtype as a (ncols, nrows) block
    first = one(dr, "table_first", table=table)
    assert np.shares_memory(first.to_numpy(), table["a"].to_numpy())
    pdt.assert_series_equal(first, table["a"])
    out = one(dr, "table_with_total", table=table)
    pdt.assert_frame_equal(out, pd.DataFrame({"first": table["a"], "total": table["a"] * 2}))
    assert np.shares_memory(out["first"].to_numpy(), table["a"].to_numpy())
    assert not out["total"].to_numpy().flags.writeable


def test_dataframe_columns_that_are_strided_are_copied(dr, cow):
    block = np.arange(12.0).reshape(6, 2)  # rows x columns, C order: a column is strided
    table = pd.DataFrame(block, columns=["a", "b"])
    # pandas keeps the 2-D array as its block (columns strided) by default, and copies it into
    # a (ncols, nrows) block (columns contiguous) under Copy-on-Write.
    strided = not table["a"].to_numpy().flags.c_contiguous
    assert strided == (not cow)
    first = one(dr, "table_first", table=table)
    pdt.assert_series_equal(first, table["a"])
    assert np.shares_memory(first.to_numpy(), table["a"].to_numpy()) == (not strided)
    assert one(dr, "table_total", table=table) == block.sum()
    same = one(dr, "same_table", table=table)
    assert (same is table) == (not strided)
    pdt.assert_frame_equal(same, table)


def test_a_dataframe_result_keeps_each_column_as_a_view(dr, cow):
    table = frame_of_columns(1000)
    out = dr.execute(["table_with_total"], inputs={"table": table})["table_with_total"]
    total = out["total"].to_numpy()
    again = out["total"].to_numpy()
    assert np.shares_memory(total, again) and not total.flags.writeable
    assert out._mgr.nblocks == 2  # not consolidated (which would copy)


# ---- lifetimes ----


def test_the_buffer_outlives_the_pandas_object(dr):
    s = pd.Series(np.arange(100_000, dtype=float), name="column")
    alive = weakref.ref(s)
    value = _convert.to_cpp(s, "Series", "hamilton::Series", "input `column`", "column")
    expected = float(s.sum())
    del s
    gc.collect()
    assert alive() is not None  # the C++ Series holds it
    assert one(dr, "column_total", column=value) == expected
    out = one(dr, "renamed_column", column=value)
    del value
    gc.collect()
    assert alive() is not None  # the result views its buffer
    assert float(out.sum()) == expected
    del out
    gc.collect()
    assert alive() is None  # and nothing leaks


def test_an_input_dropped_by_python_during_execute_stays_valid(dr):
    out = one(dr, "renamed_column", column=pd.Series(np.arange(1000, dtype=np.int64) * 2))
    gc.collect()
    assert out.tolist() == list(range(0, 2000, 2))


def test_results_outlive_the_driver(nodes):
    local = driver.Builder().with_modules(nodes).build()
    s = pd.Series(np.arange(10.0))
    out = local.execute(["column_plus_one", "renamed_column"], inputs={"column": s})
    del local, s
    gc.collect()
    assert out["column_plus_one"].tolist() == [x + 1.0 for x in range(10)]
    assert out["renamed_column"].tolist() == [float(x) for x in range(10)]


def test_a_cpp_thread_drops_the_last_reference(dr):
    s = pd.Series(np.arange(50.0))
    alive = weakref.ref(s)
    assert one(dr, "total_then_drop_later", column=s) == float(np.arange(50.0).sum())
    del s
    gc.collect()
    assert alive() is not None  # the C++ thread still holds the buffer
    assert one(dr, "dropped", wait=True) is True  # joins it (the GIL released meanwhile)
    gc.collect()
    assert alive() is None


def test_four_python_threads_execute_concurrently(dr):
    errors = []

    def work(k: int) -> None:
        try:
            for i in range(200):
                s = pd.Series(np.arange(1000, dtype=float) + k + i, name=f"t{k}")
                out = dr.execute(["column_plus_one", "renamed_column", "column_total", "same_column"],
                                 inputs={"column": s})
                assert out["same_column"] is s
                assert np.shares_memory(out["renamed_column"].to_numpy(), s.to_numpy())
                assert out["column_total"] == float(s.sum())
                pdt.assert_series_equal(out["column_plus_one"], s + 1)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_a_series_kept_by_cpp_until_exit_does_not_crash_the_interpreter(libraries):
    script = (
        "import numpy as np, pandas as pd, hamilton_cpp\n"
        "from hamilton_cpp import driver\n"
        f"m = hamilton_cpp.load_library({libraries['test_zero_copy_nodes']!r})\n"
        "dr = driver.Builder().with_modules(m).build()\n"
        "print(dr.execute(['keep_forever'], inputs={'column': pd.Series(np.arange(7.0))})['keep_forever'])\n"
    )
    run = subprocess.run([sys.executable, "-X", "dev", "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "7"


# ---- what is copied ----


@pytest.mark.parametrize(
    "values, expected",
    [
        (np.arange(5, dtype=np.int32), np.arange(5, dtype=np.int64)),
        (np.arange(5, dtype=np.uint8), np.arange(5, dtype=np.int64)),
        (np.linspace(0, 1, 5, dtype=np.float32), np.linspace(0, 1, 5, dtype=np.float32).astype(np.float64)),
        (np.arange(5, dtype=">f8"), np.arange(5, dtype=np.float64)),  # big-endian
        (np.arange(5, dtype=">i8"), np.arange(5, dtype=np.int64)),
        (np.array(["2020-01-01", "NaT", "2020-01-03"], dtype="datetime64[s]"),
         np.array(["2020-01-01", "NaT", "2020-01-03"], dtype="datetime64[ns]")),
    ],
    ids=["int32", "uint8", "float32", "big-endian float64", "big-endian int64",
         "datetime64[s]"],
)
def test_other_layouts_and_dtypes_are_converted_with_a_copy(dr, cow, values, expected):
    s = pd.Series(values, name="column", index=pd.Index(list("abcdefgh"[: len(values)])))
    out = one(dr, "same_column", column=s)
    assert out is not s
    assert not np.shares_memory(out.to_numpy(), values)
    pdt.assert_series_equal(out, pd.Series(expected, name="column", index=s.index))
    assert (s.astype(expected.dtype).to_numpy() == out.to_numpy()).sum() == (~pd.isna(s)).sum()


@pytest.mark.parametrize("values", [np.arange(10.0)[::2], np.arange(10, dtype=np.int64)[1::3],
                                    (np.arange(8) % 3 == 0)[::2]], ids=["float64", "int64", "bool"])
def test_strided_values_are_copied(dr, values):
    assert not values.flags.c_contiguous
    out = one(dr, "same_column", column=values)  # a 1-D array is a Series with a range index
    pdt.assert_series_equal(out, pd.Series(values.copy()))
    assert not np.shares_memory(out.to_numpy(), values)
    s = pd.Series(values, name="column")  # pandas keeps the strided view (without Copy-on-Write)
    assert not s.to_numpy().flags.c_contiguous
    out = one(dr, "same_column", column=s)
    assert out is not s
    pdt.assert_series_equal(out, s)


def test_unaligned_buffer_is_copied(dr):
    raw = np.zeros(8 * 5 + 1, dtype=np.uint8)
    values = raw[1:].view(np.float64)
    values[:] = [1.5, 2.5, 3.5, 4.5, 5.5]
    assert not values.flags.aligned
    out = one(dr, "renamed_column", column=pd.Series(values))
    assert out.tolist() == [1.5, 2.5, 3.5, 4.5, 5.5] and not np.shares_memory(out.to_numpy(), raw)


@pytest.mark.parametrize(
    "s, expected",
    [
        (pd.Series([1, 2, 3], dtype="Int64"), pd.Series([1, 2, 3], dtype=np.int64)),
        (pd.Series([1, None, 3], dtype="Int64"), pd.Series([1.0, np.nan, 3.0])),
        (pd.Series([1.5, None], dtype="Float64"), pd.Series([1.5, np.nan])),
        (pd.Series([True, False], dtype="boolean"), pd.Series([True, False])),
        (pd.Series(["a", None, "c"], dtype="string"), pd.Series(["a", np.nan, "c"], dtype=object)),
        (pd.Series(["a", None, "c"], dtype=object), pd.Series(["a", np.nan, "c"], dtype=object)),
    ],
    ids=["Int64", "Int64 with NA", "Float64", "boolean", "string", "object str"],
)
def test_pandas_extension_and_object_dtypes_are_converted_like_pandas(dr, s, expected):
    out = one(dr, "same_column", column=s.rename("column"))
    pdt.assert_series_equal(out, expected.rename("column"))


def test_categorical_and_nullable_bool_with_missing_are_refused_with_how_to_fix(dr):
    with pytest.raises(hamilton_cpp.InputTypeError, match=r"a categorical column is not supported: astype\(str\)"):
        one(dr, "same_column", column=pd.Series(["a", "b"], dtype="category"))
    with pytest.raises(hamilton_cpp.InputTypeError, match="a nullable boolean column with missing values"):
        one(dr, "same_column", column=pd.Series([True, None], dtype="boolean"))


def test_datetime_nat_and_bool_with_pandas(dr, cow):
    dates = pd.Series(pd.to_datetime(["2020-01-01 00:00", None, "2020-03-01 12:00"]), name="d")
    out = one(dr, "renamed_column", column=dates)
    pdt.assert_series_equal(out, dates.rename("renamed"))
    assert out.isna().tolist() == [False, True, False] and np.shares_memory(out.to_numpy(), dates.to_numpy())
    flags = pd.Series([True, False, True, True], name="f", index=pd.Index(list("wxyz")))
    out = one(dr, "renamed_column", column=flags)
    pdt.assert_series_equal(out, flags.rename("renamed"))
    assert out.dtype == bool and np.shares_memory(out.to_numpy(), flags.to_numpy())
    assert one(dr, "column_total", column=flags) == float(flags.sum())


def test_a_two_dimensional_array_is_refused(dr):
    with pytest.raises(hamilton_cpp.InputTypeError, match=r"shape \(2, 2\) is not one column"):
        one(dr, "same_column", column=np.zeros((2, 2)))


def test_series_from_array_checks_what_it_wraps():
    with pytest.raises(ValueError, match="C-contiguous"):
        _core.series_from_array(np.arange(6.0)[::2], "float64", "", ("range", 0, 3))
    with pytest.raises(ValueError, match="'d' items of 8 bytes, got 'f'"):
        _core.series_from_array(np.arange(3, dtype=np.float32), "float64", "", ("range", 0, 3))
    with pytest.raises(ValueError, match="an index of 2 labels for 3 values"):
        _core.series_from_array(np.arange(3.0), "float64", "", ("range", 0, 2))


def test_a_frame_with_labels_and_mixed_columns_shares_one_index(dr, cow):
    index = pd.Index([30, 10, 20])
    table = pd.DataFrame({
        "x": [1.5, 2.5, 3.5],
        "s": ["a", None, "c"],
        "d": pd.to_datetime(["2020-01-01", "NaT", "2020-01-03"]),
        "n": np.array([1, 2, 3], dtype=np.int64),
    }, index=index)
    same = one(dr, "same_table", table=table)
    assert same is not table  # the str column is converted, so the frame is a new one
    expected = table.copy()
    expected["s"] = pd.Series(["a", np.nan, "c"], dtype=object, index=index)  # missing str: NaN
    pdt.assert_frame_equal(same, expected)
    assert np.shares_memory(same["x"].to_numpy(), table["x"].to_numpy())
    assert np.shares_memory(same["d"].to_numpy(), table["d"].to_numpy())
    first = one(dr, "table_first", table=table)
    pdt.assert_series_equal(first, table["x"])


def test_a_frame_read_from_csv_is_wrapped(dr, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1.0,2.0\n3.0,4.0\n")
    table = pd.read_csv(path)
    assert one(dr, "same_table", table=table) is table


@pytest.mark.parametrize("kind", KINDS)
def test_empty_columns(dr, kind):
    s = series_of(kind, n=0, name="column")
    assert one(dr, "same_column", column=s) is s
    out = one(dr, "renamed_column", column=s)
    pdt.assert_series_equal(out, s.rename("renamed"))
    assert one(dr, "column_rows", column=s) == 0
