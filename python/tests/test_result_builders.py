"""Result builders: hamilton_cpp.base's numpy, torch, polars and pyarrow builders give what
Python Hamilton's give for the same outputs (values, dtypes, column order, errors), and a
user's own class with build_result(**outputs) works with the driver."""

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
import torch
from hamilton import base as h_base
from hamilton.plugins import h_polars, h_pyarrow

from hamilton_cpp import _core, base, driver


def outputs():
    return {
        "b": pd.Series([1.0, 2.0, 3.0]),
        "a": pd.Series([4, 5, 6]),
        "c": np.array([7.5, 8.5, 9.5]),
    }


# ---- numpy ----


def test_numpy_matrix_matches_hamilton():
    ours = base.NumpyMatrixResult().build_result(**outputs())
    theirs = h_base.NumpyMatrixResult().build_result(**outputs())
    assert type(ours) is type(theirs) is np.matrix
    assert ours.shape == (3, 3)
    np.testing.assert_array_equal(ours, theirs)
    assert ours.dtype == theirs.dtype


def test_numpy_matrix_scalars_and_length_mismatch_like_hamilton():
    with_scalar = {"x": np.array([1.0, 2.0]), "k": 5}
    np.testing.assert_array_equal(
        base.NumpyMatrixResult.build_result(**with_scalar), h_base.NumpyMatrixResult.build_result(**with_scalar)
    )
    bad = {"x": np.array([1.0, 2.0]), "y": np.array([1.0, 2.0, 3.0])}
    with pytest.raises(ValueError) as theirs:
        h_base.NumpyMatrixResult.build_result(**bad)
    with pytest.raises(ValueError) as ours:
        base.NumpyMatrixResult.build_result(**bad)
    assert str(ours.value) == str(theirs.value)
    assert "Got 3 for y instead of 2." in str(ours.value)


# ---- torch ----


def test_torch_tensor_stacks_columns_like_the_numpy_matrix():
    t = base.TorchTensorResult().build_result(**outputs())
    assert isinstance(t, torch.Tensor) and t.dtype == torch.float64 and t.shape == (3, 3)
    np.testing.assert_array_equal(t.numpy(), np.asarray(h_base.NumpyMatrixResult.build_result(**outputs())))
    assert base.TorchTensorResult(dtype=torch.float32).build_result(**outputs()).dtype == torch.float32


def test_torch_tensor_dict_is_zero_copy():
    values = np.arange(4, dtype=np.float64)
    series = pd.Series(np.arange(4, dtype=np.int64))
    tensors = base.TorchTensorResult(stack=False).build_result(v=values, s=series, k=2.0)
    assert list(tensors) == ["v", "s", "k"]
    assert tensors["v"].data_ptr() == values.ctypes.data  # torch.from_numpy: shared
    assert tensors["s"].data_ptr() == series.to_numpy().ctypes.data
    assert tensors["s"].dtype == torch.int64
    assert tensors["k"].tolist() == [2.0] * 4


def test_torch_tensor_errors():
    with pytest.raises(ValueError, match=r"TorchTensorResult: the outputs have different lengths \(\{'x': 2, 'y': 3\}\)"):
        base.TorchTensorResult().build_result(x=np.zeros(2), y=np.zeros(3))
    with pytest.raises(ValueError, match=r"output 's' has dtype object; tensors hold numbers and bools only"):
        base.TorchTensorResult().build_result(s=pd.Series(["a", "b"]))


# ---- polars ----


def test_polars_matches_hamilton():
    ours = base.PolarsDataFrameResult().build_result(**outputs())
    theirs = h_polars.PolarsDataFrameResult().build_result(**outputs())
    assert ours.equals(theirs)
    assert ours.columns == ["b", "a", "c"] and ours.dtypes == theirs.dtypes
    for single in ({"df": pl.DataFrame({"x": [1]})}, {"k": 3.5}, {"s": pl.Series("s", [1, 2])}):
        assert base.PolarsDataFrameResult().build_result(**single).equals(
            h_polars.PolarsDataFrameResult().build_result(**single)
        )
    lazy = {"lf": pl.DataFrame({"x": [1, 2]}).lazy()}
    assert base.PolarsDataFrameResult().build_result(**lazy).equals(h_polars.PolarsDataFrameResult().build_result(**lazy))


def test_polars_length_mismatch_like_hamilton():
    bad = {"x": pl.Series([1, 2]), "y": pl.Series([1, 2, 3])}
    with pytest.raises(Exception) as theirs:
        h_polars.PolarsDataFrameResult().build_result(**bad)
    with pytest.raises(Exception) as ours:
        base.PolarsDataFrameResult().build_result(**bad)
    assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)


def test_polars_reads_cpp_values_through_arrow():
    x = _core.series_from_array(np.array([1.0, 2.0]), "float64", "x", ("range", 0, 2))
    df = _core.frame_from_columns(["x"], [x])
    assert base.PolarsDataFrameResult().build_result(x=x).equals(pl.DataFrame({"x": [1.0, 2.0]}))
    assert base.PolarsDataFrameResult().build_result(df=df).equals(pl.DataFrame({"x": [1.0, 2.0]}))


# ---- pyarrow ----


def test_pyarrow_matches_hamilton():
    df = pd.DataFrame({"b": [1.0, 2.0], "a": ["x", "y"]})
    ours = base.PyarrowTableResult().build_result(df=df)
    theirs = h_pyarrow.PyarrowTableResult().build_result(df=df)
    assert isinstance(ours, pa.Table) and ours.equals(theirs)
    # polars 2 dropped the interchange protocol: Hamilton's builder refuses a polars frame, ours
    # reads it through the Arrow stream
    with pytest.raises(ValueError, match="does not support __dataframe__"):
        h_pyarrow.PyarrowTableResult().build_result(df=pl.DataFrame(df))
    assert base.PyarrowTableResult().build_result(df=pl.DataFrame(df)).equals(pa.table(pl.DataFrame(df)))
    with pytest.raises(AssertionError) as theirs_error:
        h_pyarrow.PyarrowTableResult().build_result(a=df, b=df)
    with pytest.raises(AssertionError) as ours_error:
        base.PyarrowTableResult().build_result(a=df, b=df)
    assert str(ours_error.value) == str(theirs_error.value)


def test_pyarrow_reads_a_cpp_frame_value():
    x = _core.series_from_array(np.array([1.0, 2.0]), "float64", "x", ("range", 0, 2))
    table = base.PyarrowTableResult().build_result(df=_core.frame_from_columns(["x"], [x]))
    assert table.to_pydict() == {"x": [1.0, 2.0]}
    assert table.column("x").chunks[0].buffers()[1].address == _core._arrow_data_address(x)


# ---- through the driver, and a user's own builder ----


class Totals:
    """A user's result builder: any object with build_result(**outputs)."""

    def build_result(self, **outputs):
        return {name: float(np.nansum(value)) for name, value in outputs.items()}


def test_builders_with_the_driver(hello_world):
    inputs = {"spend": pd.Series([10.0, 20.0, 30.0]), "signups": pd.Series([1.0, 2.0, 4.0])}
    names = ["spend_per_signup", "avg_3wk_spend"]
    dr = driver.Builder().with_modules(hello_world).with_adapters(Totals()).build()
    totals = dr.execute(names, inputs=inputs)
    assert totals == {"spend_per_signup": pytest.approx(27.5), "avg_3wk_spend": pytest.approx(20.0)}

    frame = driver.Builder().with_modules(hello_world).build().execute(names, inputs=inputs)
    for ours, theirs in [
        (base.NumpyMatrixResult(), h_base.NumpyMatrixResult()),
        (base.PolarsDataFrameResult(), h_polars.PolarsDataFrameResult()),
    ]:
        dr = driver.Builder().with_modules(hello_world).with_adapters(ours).build()
        got = dr.execute(names, inputs=inputs)
        expected = theirs.build_result(**{n: frame[n] for n in names})
        if isinstance(got, pl.DataFrame):
            assert got.equals(expected)
        else:
            np.testing.assert_array_equal(got, expected)
    dr = driver.Builder().with_modules(hello_world).with_adapters(base.TorchTensorResult()).build()
    tensor = dr.execute(names, inputs=inputs)
    np.testing.assert_allclose(tensor.numpy(), np.column_stack([frame[n] for n in names]))
