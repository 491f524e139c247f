"""The same dataflow in both engines gives the same results: examples/hello_world's C++
module on hamilton_cpp vs Python Hamilton's hello_world functions on apache-hamilton."""

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton import base as h_base
from hamilton import driver as h_driver

from hamilton_cpp import base, driver

from hello_world_py import my_functions as py_functions

OUTPUTS = ["spend", "signups", "avg_3wk_spend", "spend_per_signup", "spend_zero_mean_unit_variance"]


def inputs():
    return {
        "signups": pd.Series([1, 10, 50, 100, 200, 400]),
        "spend": pd.Series([10, 10, 20, 40, 40, 50]),
    }


def test_hamilton_version():
    import hamilton.version

    assert hamilton.version.VERSION[:3] == (1, 90, 0)


def test_dataframe_result_equals_python_hamilton(hello_world):
    py = h_driver.Builder().with_modules(py_functions).with_adapters(h_base.PandasDataFrameResult()).build()
    cpp = driver.Builder().with_modules(hello_world).with_adapters(base.PandasDataFrameResult()).build()
    expected = py.execute(OUTPUTS, inputs=inputs())
    got = cpp.execute(OUTPUTS, inputs=inputs())
    pdt.assert_frame_equal(got, expected)
    assert list(got.columns) == OUTPUTS
    assert got["spend_zero_mean_unit_variance"].round(6).tolist() == [
        -1.064405, -1.064405, -0.483821, 0.677349, 0.677349, 1.257934]


def test_legacy_driver_default_is_a_dataframe_in_both(hello_world):
    expected = h_driver.Driver({}, py_functions).execute(OUTPUTS, inputs=inputs())
    got = driver.Driver({}, hello_world).execute(OUTPUTS, inputs=inputs())
    assert isinstance(got, pd.DataFrame)
    pdt.assert_frame_equal(got, expected)


def test_dict_result_equals_python_hamilton(hello_world):
    wanted = ["spend_mean", "spend_std_dev", "avg_3wk_spend", "spend_zero_mean", "spend_per_signup"]
    expected = h_driver.Builder().with_modules(py_functions).build().execute(wanted, inputs=inputs())
    got = driver.Builder().with_modules(hello_world).build().execute(wanted, inputs=inputs())
    assert isinstance(got, dict) and list(got) == wanted
    for name in wanted:
        if isinstance(expected[name], pd.Series):
            pdt.assert_series_equal(got[name], expected[name])
        else:
            assert type(got[name]) is float
            assert got[name] == pytest.approx(expected[name], rel=1e-15)


def test_overrides_and_index_equal_python_hamilton(hello_world):
    idx = pd.Index([10, 20, 30, 40, 50, 60])
    ins = {k: v.set_axis(idx) for k, v in inputs().items()}
    wanted = ["spend_zero_mean_unit_variance", "spend_per_signup"]
    ov = {"spend_mean": 20.0}
    expected = h_driver.Driver({}, py_functions).execute(wanted, overrides=ov, inputs=ins)
    got = driver.Driver({}, hello_world).execute(wanted, overrides=ov, inputs=ins)
    pdt.assert_frame_equal(got, expected)
    assert list(got.index) == [10, 20, 30, 40, 50, 60]


def test_float_and_missing_values_equal_python_hamilton(hello_world):
    ins = {
        "spend": pd.Series([1.5, np.nan, 3.25, 4.0], index=["a", "b", "c", "d"]),
        "signups": pd.Series([2.0, 4.0, 0.0, np.nan], index=["a", "b", "c", "d"]),
    }
    expected = h_driver.Driver({}, py_functions).execute(OUTPUTS, inputs=ins)
    got = driver.Driver({}, hello_world).execute(OUTPUTS, inputs=ins)
    pdt.assert_frame_equal(got, expected)


def test_listing_equals_python_hamilton(hello_world):
    py = h_driver.Builder().with_modules(py_functions).build()
    cpp = driver.Builder().with_modules(hello_world).build()
    py_vars = {v.name: v for v in py.list_available_variables()}
    cpp_vars = {v.name: v for v in cpp.list_available_variables()}
    assert set(cpp_vars) == set(py_vars)
    for name, pv in py_vars.items():
        cv = cpp_vars[name]
        assert cv.type == pv.type, name
        assert cv.is_external_input == pv.is_external_input, name
        assert cv.required_dependencies == pv.required_dependencies, name
        assert cv.optional_dependencies == pv.optional_dependencies, name
        if not pv.is_external_input:
            assert cv.documentation == pv.documentation, name
    for query in (["spend_zero_mean_unit_variance"], ["spend_mean", "avg_3wk_spend"]):
        assert {v.name for v in cpp.what_is_upstream_of(*query)} == {
            v.name for v in py.what_is_upstream_of(*query)}
    for query in (["spend"], ["spend_mean"]):
        assert {v.name for v in cpp.what_is_downstream_of(*query)} == {
            v.name for v in py.what_is_downstream_of(*query)}
    assert {v.name for v in cpp.what_is_the_path_between("spend", "spend_zero_mean_unit_variance")} == {
        v.name for v in py.what_is_the_path_between("spend", "spend_zero_mean_unit_variance")}
    assert cpp.what_is_the_path_between("signups", "spend_mean") == []
    assert py.what_is_the_path_between("signups", "spend_mean") == []
