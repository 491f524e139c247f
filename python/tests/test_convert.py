"""Data in and out: pandas, numpy and Python values convert to the C++ types nodes declare,
and results come back as pandas/numpy/Python values."""

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import hamilton_cpp
from hamilton_cpp import driver


@pytest.fixture(scope="module")
def dr(test_nodes):
    return driver.Builder().with_modules(test_nodes).with_config({"factor": 3.0}).build()


def one(dr, name, **inputs):
    return dr.execute([name], inputs=inputs)[name]


# ---- scalars ----


def test_double(dr):
    assert one(dr, "half", x=3.0) == 1.5
    assert one(dr, "half", x=3) == 1.5  # an int where a double is declared
    assert one(dr, "half", x=np.float32(5.0)) == 2.5
    assert one(dr, "half", x=np.int64(7)) == 3.5
    assert type(one(dr, "half", x=3.0)) is float


def test_int64_and_int(dr):
    assert one(dr, "twice", n=21) == 42 and type(one(dr, "twice", n=21)) is int
    assert one(dr, "twice", n=np.int32(-4)) == -8
    assert one(dr, "twice", n=2**61) == 2**62
    assert one(dr, "small_plus_one", small=41) == 42
    with pytest.raises(hamilton_cpp.InputTypeError, match=r"does not fit in int \(-2147483648 \.\. 2147483647\)"):
        one(dr, "small_plus_one", small=2**31)
    with pytest.raises(hamilton_cpp.InputTypeError, match="does not fit in long"):
        one(dr, "twice", n=2**64)


def test_bool_and_str(dr):
    assert one(dr, "negated", flag=True) is False
    assert one(dr, "negated", flag=np.bool_(False)) is True
    assert one(dr, "greeting", who="world") == "hello world"
    assert one(dr, "greeting", who="wörld ✓") == "hello wörld ✓"


def test_vectors(dr):
    out = one(dr, "doubled", xs=[1, 2.5, 3])
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.tolist() == [2.0, 5.0, 6.0]
    assert one(dr, "doubled", xs=np.array([1.0, 2.0])).tolist() == [2.0, 4.0]
    assert one(dr, "doubled", xs=(4,)).tolist() == [8.0]
    assert one(dr, "doubled", xs=[]).tolist() == []
    out = one(dr, "counts_plus_one", counts=[1, 2, 3])
    assert out.dtype == np.int64 and out.tolist() == [2, 3, 4]
    assert one(dr, "counts_plus_one", counts=np.array([5], dtype=np.int16)).tolist() == [6]
    assert one(dr, "shouted", words=["a", "b"]) == ["a!", "b!"]


# ---- Series ----


def test_float_series_keeps_index_and_name(dr):
    s = pd.Series([1.0, np.nan, 3.0], index=[10, 20, 30], name="v")
    out = one(dr, "values_plus_one", values=s)
    pdt.assert_series_equal(out, pd.Series([2.0, np.nan, 4.0], index=[10, 20, 30], name="v"))


def test_int_series(dr):
    out = one(dr, "values_plus_one", values=pd.Series([1, 2, 3]))
    pdt.assert_series_equal(out, pd.Series([2, 3, 4]))
    out = one(dr, "values_plus_one", values=pd.Series(np.array([1, 2], dtype=np.int32)))
    assert out.dtype == np.int64 and out.tolist() == [2, 3]


def test_string_index(dr):
    s = pd.Series([1.5, 2.5], index=["a", "b"])
    out = one(dr, "values_plus_one", values=s)
    assert out.index.tolist() == ["a", "b"] and out.tolist() == [2.5, 3.5]


def test_range_index_with_offset_and_step(dr):
    s = pd.Series([1.0, 2.0], index=pd.RangeIndex(5, 7))
    assert one(dr, "values_plus_one", values=s).index.equals(pd.RangeIndex(5, 7))
    s = pd.Series([1.0, 2.0], index=pd.RangeIndex(0, 4, 2))
    assert one(dr, "values_plus_one", values=s).index.tolist() == [0, 2]


def test_bool_series(dr):
    out = one(dr, "flags_inverted", flags=pd.Series([True, False, True]))
    pdt.assert_series_equal(out, pd.Series([False, True, False]))


def test_string_series_with_missing_values(dr):
    s = pd.Series(["ab", None, "cd", np.nan], index=[3, 2, 1, 0])
    out = one(dr, "names_passed", names=s)
    assert out.dtype == object and out.index.tolist() == [3, 2, 1, 0]
    assert out.iloc[0] == "ab" and out.iloc[2] == "cd"
    assert out.isna().tolist() == [False, True, False, True]
    assert one(dr, "names_upper", names=pd.Series(["ab", "Cd"])).tolist() == ["AB", "CD"]
    assert one(dr, "names_upper", names=pd.Series(["x"], dtype="string")).tolist() == ["X"]


def test_datetime_series_and_index(dr):
    idx = pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-03"])
    s = pd.Series(pd.to_datetime(["2020-01-31", None, "2021-06-01 12:30:00"], format="ISO8601"), index=idx)
    out = one(dr, "dates_passed", dates=s)
    pdt.assert_series_equal(out, s)
    assert out.dtype == "datetime64[ns]" and isinstance(out.index, pd.DatetimeIndex)
    assert one(dr, "dates_first_ns", dates=s) == pd.Timestamp("2020-01-31").value
    us = s.astype("datetime64[us]")
    assert one(dr, "dates_first_ns", dates=us) == pd.Timestamp("2020-01-31").value


def test_numpy_arrays_as_series(dr):
    out = one(dr, "values_plus_one", values=np.array([1.0, 2.0]))
    pdt.assert_series_equal(out, pd.Series([2.0, 3.0]))
    out = one(dr, "values_plus_one", values=np.arange(3))
    assert out.tolist() == [1, 2, 3] and out.dtype == np.int64
    out = one(dr, "values_plus_one", values=np.arange(6.0)[::2])  # strided
    assert out.tolist() == [1.0, 3.0, 5.0]


def test_nullable_pandas_dtypes(dr):
    out = one(dr, "values_plus_one", values=pd.Series([1, None], dtype="Int64"))
    assert out.dtype == np.float64 and out.isna().tolist() == [False, True]
    out = one(dr, "values_plus_one", values=pd.Series([1, 2], dtype="Int64"))
    assert out.dtype == np.int64 and out.tolist() == [2, 3]


def test_a_result_is_read_only_and_copy_makes_it_writable(dr):
    s = pd.Series([1.0, 2.0])
    out = one(dr, "values_plus_one", values=s)
    assert not out.to_numpy().flags.writeable  # it views the C++ buffer
    with pytest.raises(ValueError, match="read-only"):
        out.iloc[0] = 100.0
    mine = out.copy()
    mine.iloc[0] = 100.0
    assert mine.tolist() == [100.0, 3.0] and out.tolist() == [2.0, 3.0] and s.tolist() == [1.0, 2.0]


# ---- DataFrame ----


def test_dataframe_in_and_out(dr):
    table = pd.DataFrame({"a": [1.0, 2.0], "b": [10.0, 20.0]}, index=["x", "y"])
    assert one(dr, "frame_rows", table=table) == 2
    pdt.assert_series_equal(one(dr, "table_total", table=table), pd.Series([11.0, 22.0], index=["x", "y"]))
    out = one(dr, "frame", values=pd.Series([1.0, 2.0], index=[5, 6]), flags=pd.Series([True, False], index=[5, 6]))
    pdt.assert_frame_equal(out, pd.DataFrame({"values": [1.0, 2.0], "flags": [True, False]}, index=[5, 6]))


# ---- C++ types without a Python counterpart ----


def test_opaque_values_round_trip(dr):
    point = one(dr, "point", x=2.0)
    assert isinstance(point, hamilton_cpp.Value) and point.type_name == "Point"
    assert "Point" in repr(point)
    assert dr.execute(["point_y"], overrides={"point": point}) == {"point_y": 4.0}


def test_config_values(test_nodes):
    for factor in (2, 2.0, np.float64(2.0)):
        dr = driver.Builder().with_modules(test_nodes).with_config({"factor": factor}).build()
        assert dr.execute(["scaled"], inputs={"x": 1.5}) == {"scaled": 3.0}
