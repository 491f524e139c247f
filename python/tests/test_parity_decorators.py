"""The same Python Hamilton module (decorators, Parallelizable/Collect, Python beside C++) run by
apache-hamilton's driver and by hamilton_cpp's gives the same results and the same variables;
the deliberate differences (docs/python.md, "Python modules of functions") are asserted."""

import logging

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton import base as h_base
from hamilton import driver as h_driver

from hamilton_cpp import base, driver
from hamilton_cpp.errors import ExecutionError

from hello_world_py import my_functions as py_hello_world
from py_modules import decorated, mixed, parallel_checked, with_columns_frames, parallel, parallel_objects, plain, relaxed_edges, series_edges, wrong_result

DECORATED_OUTPUTS = [
    "raw_data", "signups", "spend", "tax_rate", "spend_after_tax", "spend_per_signup",
    "spend_after_tax_per_signup", "spend_mean", "summary", "signups_text",
]


def assert_same(got: dict, expected: dict) -> None:
    assert list(got) == list(expected)
    for name, want in expected.items():
        have = got[name]
        if isinstance(want, pd.Series):
            pdt.assert_series_equal(have, want, check_index_type=True)
        elif isinstance(want, pd.DataFrame):
            pdt.assert_frame_equal(have, want, check_index_type=True)
        else:
            assert type(have) is type(want), name
            assert have == want, name


def both(modules_py, modules_cpp=None, config=None, dynamic=False):
    hb = h_driver.Builder().with_modules(*modules_py).with_config(config or {})
    cb = driver.Builder().with_modules(*(modules_cpp or modules_py)).with_config(config or {})
    if dynamic:
        hb = hb.enable_dynamic_execution(allow_experimental_mode=True)
        cb = cb.enable_dynamic_execution(allow_experimental_mode=True)
    return hb.build(), cb.build()


@pytest.mark.parametrize("region", ["US", "EU"])
def test_decorated_module_gives_python_hamiltons_results(region):
    py, cpp = both([decorated], config={"region": region})
    inputs = {"rows": 5}
    expected = py.execute(DECORATED_OUTPUTS, inputs=inputs)
    got = cpp.execute(DECORATED_OUTPUTS, inputs=inputs)
    assert_same(got, expected)
    assert got["tax_rate"] == {"US": 0.1, "EU": 0.2}[region]
    assert got["summary"] == {"label": "weekly", "mean": 30.0, "max_ratio": 10.0}


def test_decorated_module_dataframe_result():
    py = h_driver.Builder().with_modules(decorated).with_config({"region": "US"}).with_adapters(
        h_base.PandasDataFrameResult()).build()
    cpp = driver.Builder().with_modules(decorated).with_config({"region": "US"}).with_adapters(
        base.PandasDataFrameResult()).build()
    outputs = ["spend", "spend_after_tax", "spend_per_signup", "signups_text", "spend_mean"]
    expected = py.execute(outputs, inputs={"rows": 4})
    got = cpp.execute(outputs, inputs={"rows": 4})
    pdt.assert_frame_equal(got, expected)


def test_decorated_module_variables_match(caplog):
    py, cpp = both([decorated], config={"region": "EU"})
    hv = {v.name: v for v in py.list_available_variables()}
    cv = {v.name: v for v in cpp.list_available_variables()}
    assert set(cv) == set(hv)
    functions = [n for n, v in hv.items() if not v.is_external_input]
    assert {"spend_mean_raw", "spend_mean_range_validator", "tax_rate", "spend_per_signup"} <= set(functions)
    for name in functions:
        h, c = hv[name], cv[name]
        assert c.type == h.type, name
        assert c.tags == h.tags, name
        assert c.documentation == h.documentation, name
        assert c.originating_functions == h.originating_functions, name
        assert c.required_dependencies == h.required_dependencies, name
        assert c.optional_dependencies == h.optional_dependencies, name
        assert c.version == h.version and c.version, name
        assert not c.is_external_input
    # external inputs: originating in the first function that reads them, versioned by it; a
    # config value by its name
    inputs = [n for n, v in hv.items() if v.is_external_input]
    assert {"rows", "label", "region"} <= set(inputs)
    for name in inputs:
        assert cv[name].version == hv[name].version, name
        assert cv[name].originating_functions == hv[name].originating_functions, name
        assert cv[name].tags == hv[name].tags == {}, name
    assert cv["region"].version == "region"
    assert cv["spend_after_tax"].tags["owner"] == "growth"
    assert cv["spend_after_tax"].tags["stage"] == ["prod", "beta"]
    assert cv["tax_rate"].tags["hamilton.config"] == "region"
    assert cv["spend_per_signup"].documentation == "Ratio of spend to signups."
    # the C++ graph's tag filter sees the same tags
    assert [v.name for v in cpp.list_available_variables(tag_filter={"stage": "beta"})] == ["spend_after_tax"]
    assert [v.name for v in py.list_available_variables(tag_filter={"stage": "beta"})] == ["spend_after_tax"]
    with_module = {v.name for v in py.list_available_variables(tag_filter={"module": None})}
    assert {v.name for v in cpp.list_available_variables(tag_filter={"module": None})} == with_module
    assert with_module == set(functions)


def test_pandas_with_columns_gives_python_hamiltons_frames_and_nodes():
    py, cpp = both([with_columns_frames])
    outputs = ["final_df", "prepared_df"]
    inputs = {"k": 1.0, "scale": 2.0}
    expected = py.execute(outputs, inputs=inputs)
    got = cpp.execute(outputs, inputs=inputs)
    pdt.assert_frame_equal(got["final_df"], expected["final_df"], check_index_type=True)
    pdt.assert_frame_equal(got["prepared_df"], expected["prepared_df"], check_index_type=True)
    assert list(got["final_df"].columns) == ["a_from_df", "b_from_df", "a", "a_plus_b"]
    assert got["prepared_df"]["scaled"].tolist() == [0.02, 0.04]
    hv = {v.name: v for v in py.list_available_variables()}
    cv = {v.name: v for v in cpp.list_available_variables()}
    assert set(cv) == set(hv)
    assert {"final_df._append", "final_df.a_from_df", "prep._append", "prep.scaled_a"} <= set(cv)
    for name, h in hv.items():
        c = cv[name]
        assert c.is_external_input == h.is_external_input, name
        assert (c.type, c.tags, c.documentation) == (h.type, h.tags, h.documentation), name
        assert c.required_dependencies == h.required_dependencies, name


def test_check_output_warns_in_both(caplog):
    py, cpp = both([decorated], config={"region": "US"})
    with caplog.at_level(logging.WARNING):
        expected = py.execute(["spend_mean"], inputs={"rows": 300})
        n_py = len(caplog.records)
        got = cpp.execute(["spend_mean"], inputs={"rows": 300})
    assert got == expected and got["spend_mean"] == 1505.0  # out of range(0, 1000): warned only
    assert n_py >= 1 and len(caplog.records) == 2 * n_py
    assert caplog.records[-1].getMessage() == caplog.records[n_py - 1].getMessage()


def test_plain_module_parity():
    py, cpp = both([plain])
    inputs = {"n": 5, "anything": "x", "discount": 1.5}
    outputs = ["prices", "total", "as_text", "is_big", "counts", "described", "trace"]
    assert_same(cpp.execute(outputs, inputs=inputs), py.execute(outputs, inputs=inputs))


def test_edges_python_hamilton_accepts_across_cpp_types():
    """bool read as int, pd.Series read as object: accepted as by htypes.types_match."""
    py, cpp = both([relaxed_edges])
    outputs = ["flag_as_int", "anything_length"]
    for n in (1, 5):
        expected = py.execute(outputs, inputs={"n": n})
        assert_same(cpp.execute(outputs, inputs={"n": n}), expected)
    assert expected == {"flag_as_int": 2, "anything_length": 5}


def test_config_value_replaces_the_node_of_that_name():
    py, cpp = both([plain], config={"total": 100.0})
    expected = py.execute(["as_text"], inputs={"n": 3})
    assert_same(cpp.execute(["as_text"], inputs={"n": 3}), expected)
    assert expected == {"as_text": "100.00"}


@pytest.mark.parametrize("count", [0, 1, 6])
def test_parallelizable_collect_parity(count):
    py, cpp = both([parallel], dynamic=True)
    for inputs in ({"count": count}, {"count": count, "offset": 2}):
        assert_same(cpp.execute(["total"], inputs=inputs), py.execute(["total"], inputs=inputs))


def test_checks_inside_a_parallel_block_warn_per_item_in_both(caplog):
    py, cpp = both([parallel_checked], dynamic=True)
    with caplog.at_level(logging.WARNING):
        expected = py.execute(["total"], inputs={"count": 5})
        theirs = [r.getMessage() for r in caplog.records]
        caplog.clear()
        got = cpp.execute(["total"], inputs={"count": 5})
        ours = [r.getMessage() for r in caplog.records]
    assert_same(got, expected)
    assert got["total"] == 15.0
    # items 3 and 4 (4.5 and 8.0) are out of range: one warning each, with Hamilton's text
    assert len(theirs) == 2 and sorted(ours) == sorted(theirs)
    assert any("8.0" in m for m in ours)


def test_parallelizable_of_objects_parity():
    py, cpp = both([parallel_objects], dynamic=True)
    inputs = {"names": ["x", "y", "z", "w"], "prefix": "#"}
    expected = py.execute(["texts"], inputs=inputs)
    assert_same(cpp.execute(["texts"], inputs=inputs), expected)
    assert expected == {"texts": ["#x@0", "#y@1", "#z@2", "#w@3"]}


def test_python_around_cpp_nodes_parity(hello_world):
    """mixed + Python Hamilton's hello_world functions vs mixed + the C++ hello_world library."""
    py, cpp = both([mixed, py_hello_world], [mixed, hello_world])
    outputs = ["spend", "avg_3wk_spend", "avg_doubled", "spend_zero_mean_unit_variance", "report"]
    expected = py.execute(outputs, inputs={"weeks": 6})
    got = cpp.execute(outputs, inputs={"weeks": 6})
    assert_same(got, expected)


# ---- deliberate differences (docs/python.md) ----------------------------------------------


def test_difference_a_wrong_result_type_is_an_error():
    """Python Hamilton does not check what a function returns; hamilton_cpp converts the result
    to the C++ type of the annotation, so a list annotated pd.Series is an error."""
    py, cpp = both([wrong_result])
    assert py.execute(["values"], inputs={"n": 2}) == {"values": [0, 1]}
    with pytest.raises(ExecutionError, match="is annotated to return pandas.Series"):
        cpp.execute(["values"], inputs={"n": 2})


def test_difference_series_between_python_nodes_are_converted():
    """A pd.Series edge is a hamilton::Series, also between two Python nodes: a float64 Series
    wraps its buffer and arrives as the object the node returned (its index name kept), and a
    dtype the converter refuses (categorical) is an error."""
    py, cpp = both([series_edges])
    expected = py.execute(["t"])["t"]
    got = cpp.execute(["t"])["t"]
    assert expected.index.name == "week" and got.index.name == "week"
    pdt.assert_series_equal(got, expected)
    assert py.execute(["cat"])["cat"].dtype == "category"
    with pytest.raises(ExecutionError, match="a categorical column is not supported"):
        cpp.execute(["cat"])
