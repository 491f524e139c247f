"""Every C++ error is a Python exception with the same message; wrong input types are
TypeErrors naming the input, its nodes and the expected type; nothing crashes."""

import os

import numpy as np
import pandas as pd
import pytest

import hamilton_cpp
from hamilton_cpp import driver

from cpp_modules import line_of


@pytest.fixture(scope="module")
def hw(hello_world):
    return driver.Builder().with_modules(hello_world).build()


@pytest.fixture(scope="module")
def tn(test_nodes):
    return driver.Builder().with_modules(test_nodes).with_config({"factor": 1.0}).build()


def spend():
    return pd.Series([10.0, 20.0, 30.0])


def test_the_exception_classes():
    assert issubclass(hamilton_cpp.GraphError, ValueError)
    assert issubclass(hamilton_cpp.InputError, ValueError)
    assert issubclass(hamilton_cpp.InputTypeError, TypeError)
    assert issubclass(hamilton_cpp.InputTypeError, hamilton_cpp.InputError)
    assert issubclass(hamilton_cpp.ExecutionError, RuntimeError)
    assert issubclass(hamilton_cpp.UnknownNodeError, ValueError)
    for cls in (hamilton_cpp.GraphError, hamilton_cpp.InputError, hamilton_cpp.ExecutionError):
        assert issubclass(cls, hamilton_cpp.HamiltonError)


def test_missing_input(hw):
    with pytest.raises(hamilton_cpp.InputError) as e:
        hw.execute(["spend_per_signup"], inputs={"spend": spend()})
    (p,) = e.value.problems
    assert p.code == "missing-input" and p.node == "signups"
    assert "signups" in str(e.value) and "spend_per_signup" in str(e.value)
    assert str(e.value).startswith("cannot execute")


def test_a_none_input_is_not_given(hw):
    with pytest.raises(hamilton_cpp.InputError) as e:
        hw.execute(["spend_per_signup"], inputs={"spend": spend(), "signups": None})
    assert [(p.code, p.node) for p in e.value.problems] == [("missing-input", "signups")]


def test_unknown_output_with_suggestion(hw):
    with pytest.raises(hamilton_cpp.InputError) as e:
        hw.execute(["spend_per_signups"], inputs={"spend": spend(), "signups": spend()})
    (p,) = e.value.problems
    assert p.code == "unknown-output" and p.suggestion == "spend_per_signup"
    assert "did you mean `spend_per_signup`?" in str(e.value)


def test_every_problem_of_a_request_at_once(hw):
    with pytest.raises(hamilton_cpp.InputError) as e:
        hw.execute(["nope", "spend_per_signup"], inputs={"spendd": spend()})
    codes = sorted(p.code for p in e.value.problems)
    assert codes == ["missing-input", "missing-input", "unknown-input", "unknown-output"]


def test_a_list_where_a_series_is_declared(hw):
    with pytest.raises(TypeError) as e:
        hw.execute(["avg_3wk_spend"], inputs={"spend": [1, 2, 3]})
    msg = str(e.value)
    assert msg.startswith("input `spend` (of nodes ")
    for part in ("`avg_3wk_spend`", "`spend_mean`", "must be a hamilton::Series", "pandas Series", "got list"):
        assert part in msg
    assert isinstance(e.value, hamilton_cpp.InputTypeError) and isinstance(e.value, ValueError)
    assert e.value.expected == "hamilton::Series" and e.value.name == "spend"


def test_a_str_where_a_double_is_declared(tn):
    with pytest.raises(TypeError, match=r"^input `x` \(of nodes `half`, .*\) must be a double \(a float or an int\); got str$"):
        tn.execute(["half"], inputs={"x": "3"})
    with pytest.raises(TypeError, match="must be a double"):
        tn.execute(["half"], inputs={"x": True})


def test_other_wrong_types(tn):
    cases = [
        ("twice", {"n": 2.5}, "input `n` (of node `twice`) must be a long (an int); got float"),
        ("greeting", {"who": 3}, "input `who` (of node `greeting`) must be a std::string (a str); got int"),
        ("negated", {"flag": 1}, "input `flag` (of node `negated`) must be a bool (a bool); got int"),
        ("doubled", {"xs": ["a"]}, "element 0 is str ('a')"),
        ("shouted", {"words": ["a", 1]}, "element 1 is int (1)"),
        ("values_plus_one", {"values": pd.Series([1 + 2j])}, "values of dtype complex128 are not supported"),
        ("values_plus_one", {"values": np.ones((2, 2))}, "shape (2, 2) is not one column"),
        ("names_passed", {"names": pd.Series(["a", 3])}, "holds int values (element 1: 3)"),
        ("frame_rows", {"table": pd.Series([1.0])}, "must be a hamilton::DataFrame (a pandas DataFrame or Arrow table data (pyarrow, polars, DuckDB))"),
        ("values_plus_one", {"values": pd.Series([1.0], index=pd.MultiIndex.from_tuples([(1, 2)]))},
         "a MultiIndex is not supported"),
        ("values_plus_one", {"values": pd.Series([1.0], index=[0.5])}, "an index of dtype float64 is not supported"),
        ("dates_passed", {"dates": pd.Series(pd.to_datetime(["2020-01-01"]).tz_localize("UTC"))},
         "timezone-aware datetimes are not supported"),
    ]
    for node, inputs, message in cases:
        with pytest.raises(hamilton_cpp.InputTypeError) as e:
            tn.execute([node], inputs=inputs)
        assert message in str(e.value), (node, str(e.value))


def test_a_wrong_override_type(hw, tn):
    with pytest.raises(TypeError, match=r"^override `spend_mean` \(of node `spend_zero_mean`\) must be a double"):
        hw.execute(["spend_zero_mean"], inputs={"spend": spend()}, overrides={"spend_mean": "x"})
    point = tn.execute(["point"], inputs={"x": 1.0})["point"]
    with pytest.raises(TypeError, match="must be a double .* got hamilton_cpp.Value of C\\+\\+ type Point"):
        tn.execute(["half"], inputs={"x": point})
    with pytest.raises(TypeError, match="override `point` .* must be a Point .*got float"):
        tn.execute(["point_y"], overrides={"point": 1.0})


def test_a_wrong_config_type(test_nodes):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        driver.Builder().with_modules(test_nodes).with_config({"factor": "big"}).build()
    assert [p.code for p in e.value.problems] == ["config-type"]
    with pytest.raises(TypeError, match=r"^config `factor` cannot be passed to C\+\+: it must be a pandas .*; got object$"):
        driver.Builder().with_modules(test_nodes).with_config({"factor": object()}).build()


def test_a_throwing_node_and_the_driver_stays_usable(tn):
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        tn.execute(["checked_sqrt"], inputs={"x": -1.0})
    err = e.value
    assert err.node == "checked_sqrt" and err.module == "test_nodes"
    assert err.original_message == "std::invalid_argument: x must not be negative, got -1.000000"
    assert "checked_sqrt" in str(err) and "x must not be negative, got -1.000000" in str(err)
    assert err.location.endswith(f"test_nodes.cpp:{line_of('test_nodes.cpp', 'NODE(double, checked_sqrt,')}")
    assert err.outputs == ["checked_sqrt"]
    assert tn.execute(["checked_sqrt"], inputs={"x": 4.0}) == {"checked_sqrt": 4.0}


def test_unknown_nodes_in_queries(hw):
    with pytest.raises(hamilton_cpp.UnknownNodeError) as e:
        hw.what_is_upstream_of("spend_meen")
    assert e.value.name == "spend_meen" and e.value.suggestion == "spend_mean"
    assert "spend_meen" in str(e.value) and "spend_mean" in str(e.value)
    with pytest.raises(ValueError, match="nope"):
        hw.what_is_the_path_between("spend", "nope")
    with pytest.raises(ValueError, match="nope"):
        hw.what_is_downstream_of("nope")


def test_load_library_problems(libraries, tmp_path):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        hamilton_cpp.load_library(tmp_path / "missing.so")
    (p,) = e.value.problems
    assert p.code == "module-library-missing" and "missing.so" in str(e.value)
    assert "hamilton_add_module(<name> SHARED ...)" in str(e.value)

    garbage = tmp_path / "garbage.so"
    garbage.write_text("not a shared library")
    with pytest.raises(hamilton_cpp.GraphError) as e:
        hamilton_cpp.load_library(garbage)
    (p,) = e.value.problems
    assert p.code == "module-library-load" and "garbage.so" in str(e.value)

    with pytest.raises(hamilton_cpp.GraphError) as e:
        hamilton_cpp.load_library(libraries["not_a_module"])
    (p,) = e.value.problems
    assert p.code == "module-library-empty" and "defines no modules" in str(e.value)
    assert os.path.exists(libraries["not_a_module"])


def test_a_graph_error_lists_every_problem(test_nodes, conflict_nodes, other_nodes):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        driver.Builder().with_modules(test_nodes, conflict_nodes, other_nodes).build()
    assert sorted(p.code for p in e.value.problems) == ["duplicate-node", "input-type-conflict"]
    assert str(e.value).startswith("cannot build the graph (2 problems):")
    assert all(p.text in str(e.value) for p in e.value.problems)


def test_no_modules(hello_world):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        driver.Builder().build()
    assert [p.code for p in e.value.problems] == ["no-modules"]


def test_a_request_seen_before_runs_its_compiled_plan_with_the_same_checks(hello_world):
    # the second execute with the same names takes the cached plan: same values, same messages
    dr = driver.Builder().with_modules(hello_world).build()
    signups = pd.Series([1, 10, 50, 100, 200, 400])
    first = dr.execute(["spend_per_signup"], inputs={"spend": pd.Series([10, 10, 20, 40, 40, 50]), "signups": signups})
    second = dr.execute(["spend_per_signup"], inputs={"spend": pd.Series([20, 20, 40, 80, 80, 100]), "signups": signups})
    assert first["spend_per_signup"].tolist() == [10.0, 1.0, 0.4, 0.4, 0.2, 0.125]
    assert second["spend_per_signup"].tolist() == [20.0, 2.0, 0.8, 0.8, 0.4, 0.25]
    messages = []
    for _ in range(2):
        with pytest.raises(hamilton_cpp.InputTypeError) as e:
            dr.execute(["spend_per_signup"], inputs={"spend": [1, 2, 3], "signups": signups})
        messages.append(str(e.value))
    assert messages[0] == messages[1] and "input `spend`" in messages[0] and "got list" in messages[0]
    # a None value is "not given", also on the cached path: the request has other names then
    with pytest.raises(hamilton_cpp.InputError, match="spend"):
        dr.execute(["spend_per_signup"], inputs={"spend": None, "signups": signups})
