"""hamilton_cpp.testing.compare: Python Hamilton vs hamilton_cpp on the same request, every
difference listed."""

from __future__ import annotations

import types

import numpy as np
import pandas as pd
import pytest
from hamilton import base as hbase
from hamilton import driver as hdriver

import hamilton_cpp
from hamilton_cpp import driver as cdriver
from hamilton_cpp.testing import assert_outputs_equal, compare

from hello_world_py import my_functions as py_hello

SPEND = pd.Series([10.0, 10, 20, 40, 40, 50])
SIGNUPS = pd.Series([1.0, 10, 50, 100, 200, 400])
INPUTS = {"spend": SPEND, "signups": SIGNUPS}
OUTPUTS = ["avg_3wk_spend", "spend_per_signup", "spend_mean", "spend_zero_mean",
           "spend_std_dev", "spend_zero_mean_unit_variance"]


def python_module(name: str, source: str) -> types.ModuleType:
    m = types.ModuleType(name)
    exec("import pandas as pd\n" + source, m.__dict__)
    import sys

    sys.modules[name] = m
    return m


# hello_world with three deliberate differences
different = python_module(
    "different_hello",
    "def avg_3wk_spend(spend: pd.Series) -> pd.Series:\n"
    "    return spend.rolling(2).mean()\n"
    "def spend_per_signup(spend: pd.Series, signups: pd.Series) -> pd.Series:\n"
    "    return (spend / signups).astype('float32')\n"
    "def spend_mean(spend: pd.Series) -> float:\n"
    "    return spend.mean() + 1\n"
    "def spend_std_dev(spend: pd.Series) -> float:\n"
    "    return spend.std()\n"
    "def spend_zero_mean(spend: pd.Series, spend_mean: float) -> pd.Series:\n"
    "    out = spend - spend_mean\n"
    "    out.index = [f'r{i}' for i in range(len(out))]\n"
    "    return out\n",
)


def test_equal_modules_pass_and_return_both_results(hello_world):
    py, cpp = compare(py_hello, hello_world, OUTPUTS, inputs=INPUTS)
    assert list(py) == list(cpp) == OUTPUTS
    pd.testing.assert_series_equal(py["avg_3wk_spend"], cpp["avg_3wk_spend"], check_names=False)
    # a path, a built hamilton_cpp Driver, a built Hamilton Driver, as_module modules
    compare(py_hello, hello_world.path, OUTPUTS, inputs=INPUTS)
    compare(hdriver.Builder().with_modules(py_hello).build(),
            cdriver.Builder().with_modules(hello_world).build(), OUTPUTS, inputs=INPUTS)
    compare(hamilton_cpp.as_module(hello_world), [hello_world], OUTPUTS, inputs=INPUTS)


def test_every_difference_is_listed(hello_world):
    with pytest.raises(AssertionError) as e:
        compare(different, hello_world, ["avg_3wk_spend", "spend_per_signup", "spend_mean",
                                         "spend_std_dev", "spend_zero_mean"], inputs=INPUTS)
    assert str(e.value) == (
        "4 output(s) differ between Python Hamilton and hamilton_cpp (avg_3wk_spend, spend_mean, "
        "spend_per_signup, spend_zero_mean):\n"
        "  - `avg_3wk_spend`: values: 5 of 6 differ; first difference at position 1 (index 1): "
        "10.0 (Python Hamilton) vs nan (hamilton_cpp)\n"
        "  - `spend_per_signup`: dtype: float32 (Python Hamilton) vs float64 (hamilton_cpp)\n"
        "  - `spend_mean`: value: 29.333333333333332 (Python Hamilton) vs 28.333333333333332 (hamilton_cpp)\n"
        "  - `spend_zero_mean`: index: Index[object] (Python Hamilton) vs RangeIndex[int64] (hamilton_cpp); "
        "first difference at position 0: 'r0' (Python Hamilton) vs 0 (hamilton_cpp)\n"
        "  - `spend_zero_mean`: values: 6 of 6 differ; first difference at position 0 (index 'r0'): "
        "-19.333333333333332 (Python Hamilton) vs -18.333333333333332 (hamilton_cpp)"
    )


def test_tolerance_and_dtype_checks_are_options(hello_world):
    # float32 differs in dtype, and in values beyond float32's precision
    with pytest.raises(AssertionError) as e:
        compare(different, hello_world, ["spend_per_signup"], inputs=INPUTS, check_dtype=False, rtol=1e-12)
    assert "`spend_per_signup`: values: " in str(e.value) and "dtype" not in str(e.value)
    compare(different, hello_world, ["spend_per_signup"], inputs=INPUTS, check_dtype=False, rtol=1e-6)
    py, cpp = compare(different, hello_world, ["spend_std_dev"], inputs=INPUTS)
    assert py["spend_std_dev"] == pytest.approx(cpp["spend_std_dev"])
    with pytest.raises(AssertionError, match="`spend_mean`: value"):
        compare(different, hello_world, ["spend_mean"], inputs=INPUTS, rtol=1e-3)
    compare(different, hello_world, ["spend_mean"], inputs=INPUTS, rtol=0.05)


def test_a_failing_side_is_named(hello_world):
    with pytest.raises(AssertionError) as e:
        compare(py_hello, hello_world, ["spend_per_signup"], inputs={"spend": SPEND})
    assert str(e.value).startswith("Python Hamilton failed on ['spend_per_signup']: ")
    assert isinstance(e.value.__cause__, ValueError)
    only_python = python_module(
        "only_python", "def extra(spend: pd.Series) -> pd.Series:\n    return spend\n")
    with pytest.raises(AssertionError) as e:
        compare(only_python, hello_world, ["extra"], inputs=INPUTS)
    assert str(e.value).startswith("hamilton_cpp failed on ['extra']: InputError: ")
    with pytest.raises(AssertionError, match="compare: the reference Driver returned a DataFrame"):
        compare(hdriver.Driver({}, py_hello), hello_world, ["spend_mean"], inputs=INPUTS)
    with pytest.raises(AssertionError, match="the reference must be an apache-hamilton Driver or Python modules"):
        compare("not a module", hello_world, ["spend_mean"], inputs=INPUTS)


def test_assert_outputs_equal_on_frames_arrays_lists_and_types():
    a = pd.DataFrame({"x": [1.0, 2.0], "y": [1, 2], "z": ["a", "b"]})
    b = pd.DataFrame({"x": [1.0, 2.5], "y": [1.0, 2.0], "w": ["a", "b"]})
    with pytest.raises(AssertionError) as e:
        assert_outputs_equal(
            {"df": a, "arr": np.array([1, 2, 3]), "words": ["a", "b"], "n": 1, "s": pd.Series([1.0]),
             "only_py": 1},
            {"df": b, "arr": np.array([1, 2, 4]), "words": ["a", "c"], "n": 1.0, "s": 1.0, "only_cpp": 2},
        )
    assert str(e.value) == (
        "7 output(s) differ between Python Hamilton and hamilton_cpp (arr, df, n, only_cpp, only_py, s, words):\n"
        "  - `df`: columns: only in Python Hamilton: ['z']; only in hamilton_cpp: ['w']\n"
        "  - `df`: column `x` values: 1 of 2 differ; first difference at position 1 (index 1): "
        "2.0 (Python Hamilton) vs 2.5 (hamilton_cpp)\n"
        "  - `df`: column `y` dtype: int64 (Python Hamilton) vs float64 (hamilton_cpp)\n"
        "  - `arr`: values: first difference at position 2: 3 (Python Hamilton) vs 4 (hamilton_cpp)\n"
        "  - `words`: values: first difference at position 1: 'b' (Python Hamilton) vs 'c' (hamilton_cpp)\n"
        "  - `n`: type: int (Python Hamilton) vs float (hamilton_cpp)\n"
        "  - `s`: type: pandas Series (Python Hamilton) vs float (hamilton_cpp)\n"
        "  - `only_py`: missing from hamilton_cpp's outputs\n"
        "  - `only_cpp`: missing from Python Hamilton's outputs"
    )
    # NaN equals NaN; an int equals a float without check_dtype; RangeIndex equals int64 labels
    assert_outputs_equal({"s": pd.Series([np.nan, 1.0]), "n": 1},
                         {"s": pd.Series([np.nan, 1.0], index=pd.Index([0, 1])), "n": 1.0},
                         check_dtype=False)
    with pytest.raises(AssertionError, match="name: 'a' \\(Python Hamilton\\) vs None"):
        assert_outputs_equal({"s": pd.Series([1.0], name="a")}, {"s": pd.Series([1.0])}, check_names=True)
