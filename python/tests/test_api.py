"""Python Hamilton's driver API: Builder, Driver, result builders, the listing and lineage."""

import hashlib
import pathlib

import pandas as pd
import pandas.testing as pdt
import pytest

import hamilton_cpp
from hamilton_cpp import base, driver

from cpp_modules import line_of


def inputs():
    return {"spend": pd.Series([10, 10, 20, 40, 40, 50]), "signups": pd.Series([1, 10, 50, 100, 200, 400])}


def test_builder_without_result_builder_returns_a_dict(hello_world):
    dr = driver.Builder().with_modules(hello_world).build()
    out = dr.execute(["spend_per_signup", "spend_mean"], inputs=inputs())
    assert isinstance(out, dict)
    assert list(out) == ["spend_per_signup", "spend_mean"]
    assert out["spend_mean"] == pytest.approx(28.333333333333332)
    assert out["spend_per_signup"].tolist() == [10.0, 1.0, 0.4, 0.4, 0.2, 0.125]


def test_driver_without_adapter_returns_a_dataframe(hello_world):
    dr = driver.Driver({}, hello_world)
    df = dr.execute(["spend", "spend_per_signup"], inputs=inputs())
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["spend", "spend_per_signup"]
    assert df["spend"].dtype == "int64"


def test_driver_with_dict_result(hello_world):
    dr = driver.Driver({}, hello_world, adapter=base.DictResult())
    assert isinstance(dr.execute(["spend_mean"], inputs=inputs()), dict)
    dr = driver.Driver({}, hello_world, adapter=[base.DictResult()])
    assert dr.execute(["spend_mean"], inputs=inputs()) == {"spend_mean": pytest.approx(28.3333333)}


def test_scalars_only_make_a_one_row_frame(hello_world):
    df = driver.Driver({}, hello_world).execute(["spend_mean", "spend_std_dev"], inputs=inputs())
    assert df.shape == (1, 2)
    assert df.loc[0, "spend_std_dev"] == pytest.approx(17.224014243685083)


def test_a_users_own_result_builder(hello_world):
    class Sums:
        def build_result(self, **outputs):
            return {k: float(v.sum()) if isinstance(v, pd.Series) else v for k, v in outputs.items()}

    dr = driver.Builder().with_modules(hello_world).with_adapters(Sums()).build()
    assert dr.execute(["spend", "spend_mean"], inputs=inputs()) == {
        "spend": 170.0, "spend_mean": pytest.approx(28.333333333333332)}


def test_python_hamiltons_result_builders_work_too(hello_world):
    from hamilton import base as h_base

    dr = driver.Builder().with_modules(hello_world).with_adapters(h_base.PandasDataFrameResult()).build()
    df = dr.execute(["spend", "avg_3wk_spend"], inputs=inputs())
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["spend", "avg_3wk_spend"]


def test_strict_index_result_refuses_different_index_types(hello_world):
    ins = {"spend": pd.Series([1.0, 2.0], index=["a", "b"]), "signups": pd.Series([1.0, 2.0], index=["a", "b"])}
    dr = driver.Builder().with_modules(hello_world).with_adapters(base.StrictIndexTypePandasDataFrameResult()).build()
    assert dr.execute(["spend", "spend_per_signup"], inputs=ins).index.tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="pandas index types did not match exactly"):
        dr.execute(["spend", "spend_per_signup"], inputs={**ins, "signups": pd.Series([1.0, 2.0])},
                   overrides={"spend_per_signup": pd.Series([1.0, 2.0])})


def test_a_dataframe_output_alone_is_returned_as_is(test_nodes):
    dr = driver.Driver({}, test_nodes)
    ins = {"values": pd.Series([1.0, 2.0]), "flags": pd.Series([True, False])}
    df = dr.execute(["frame"], inputs=ins)
    pdt.assert_frame_equal(df, pd.DataFrame({"values": [1.0, 2.0], "flags": [True, False]}))
    df = dr.execute(["frame", "values_plus_one"], inputs=ins)
    assert list(df.columns) == ["frame.values", "frame.flags", "values_plus_one"]


def test_only_one_result_builder(hello_world):
    with pytest.raises(ValueError, match="more than one result builder"):
        driver.Builder().with_modules(hello_world).with_adapters(base.DictResult(), base.PandasDataFrameResult()).build()


def test_other_adapters_are_refused_clearly(hello_world):
    with pytest.raises(TypeError, match="not supported yet by hamilton_cpp: only result builders"):
        driver.Builder().with_modules(hello_world).with_adapters(object()).build()


def test_python_modules_run_and_non_modules_are_refused_clearly(hello_world):
    from hello_world_py import my_functions

    dr = driver.Builder().with_modules(my_functions).build()  # test_python_nodes.py has more
    assert dr.execute(["spend_mean"], inputs={"spend": pd.Series([1.0, 3.0])}) == {"spend_mean": 2.0}
    with pytest.raises(TypeError, match="is not a module"):
        driver.Driver({}, "my_functions")


def test_unsupported_builder_methods_say_so():
    with pytest.raises(NotImplementedError, match="with_local_executor"):
        driver.Builder().with_local_executor()


def test_with_config_merges_and_a_later_call_wins(test_nodes):
    b = driver.Builder().with_modules(test_nodes).with_config({"factor": 2.0}).with_config({"factor": 3})
    assert b.config == {"factor": 3}
    assert b.build().execute(["scaled"], inputs={"x": 2.0}) == {"scaled": 6.0}
    c = b.copy().with_config({"factor": 0.5})
    assert c.build().execute(["scaled"], inputs={"x": 2.0}) == {"scaled": 1.0}
    assert b.config == {"factor": 3}


def test_final_vars_may_be_variables(hello_world):
    dr = driver.Builder().with_modules(hello_world).build()
    var = next(v for v in dr.list_available_variables() if v.name == "spend_mean")
    assert list(dr.execute([var], inputs=inputs())) == ["spend_mean"]
    with pytest.raises(TypeError, match="final_vars must be a list of names"):
        dr.execute("spend_mean", inputs=inputs())


def test_inputs_can_be_requested_as_outputs(hello_world):
    out = driver.Builder().with_modules(hello_world).build().execute(["spend"], inputs=inputs())
    pdt.assert_series_equal(out["spend"], inputs()["spend"])


def test_list_available_variables(test_nodes):
    dr = driver.Builder().with_modules(test_nodes).with_config({"factor": 2.0}).build()
    variables = {v.name: v for v in dr.list_available_variables()}
    half = variables["half"]
    assert half.type is float and half.cpp_type == "double"
    assert half.documentation == "Half of x."
    assert half.tags == {"owner": "tests", "kind": ["math", "scalar"], "module": "test_nodes"}
    assert half.required_dependencies == {"x"} and half.role == "function"
    assert half.location.endswith(f"test_nodes.cpp:{line_of('test_nodes.cpp', 'NODE(double, half,')}")
    assert half.module == "test_nodes"
    # hamilton_add_module versions a C++ node by its file's SHA-256; an input's is its name
    source = pathlib.Path(__file__).parent / "cpp" / "test_nodes.cpp"
    assert half.version == hashlib.sha256(source.read_bytes()).hexdigest()
    assert variables["x"].version == "x"
    assert variables["x"].is_external_input and variables["x"].role == "input"
    assert variables["factor"].role == "config" and not variables["factor"].is_external_input
    assert variables["values_plus_one"].type is pd.Series
    assert variables["frame"].type is pd.DataFrame
    assert variables["greeting"].type is str
    assert variables["point"].type == driver.CppType("Point")
    assert variables["point"].cpp_type == "Point"


def test_tag_filters(test_nodes):
    dr = driver.Builder().with_modules(test_nodes).with_config({"factor": 2.0}).build()
    names = lambda f: {v.name for v in dr.list_available_variables(tag_filter=f)}  # noqa: E731
    assert names({"owner": "tests"}) == {"half", "twice"}
    assert names({"kind": "math"}) == {"half"}
    assert names({"kind": ["scalar", "other"]}) == {"half"}
    assert names({"kind": None}) == {"half"}
    assert names({"owner": None, "kind": None}) == {"half"}
    assert names({"owner": "nobody"}) == set()
    for bad in ({"owner": 3}, {"owner": []}):
        with pytest.raises(ValueError, match="All tag query values must be a string or list of strings"):
            dr.list_available_variables(tag_filter=bad)


def test_lineage(hello_world):
    dr = driver.Builder().with_modules(hello_world).build()
    assert [v.name for v in dr.what_is_upstream_of("spend_zero_mean")] == ["spend", "spend_mean", "spend_zero_mean"]
    assert {v.name for v in dr.what_is_downstream_of("spend_std_dev")} == {
        "spend_std_dev", "spend_zero_mean_unit_variance"}
    assert {v.name for v in dr.what_is_the_path_between("spend_mean", "spend_zero_mean_unit_variance")} == {
        "spend_mean", "spend_zero_mean", "spend_zero_mean_unit_variance"}


def test_validate_execution(hello_world):
    dr = driver.Builder().with_modules(hello_world).build()
    assert dr.validate_execution(["spend_per_signup"], inputs=inputs()) is None
    with pytest.raises(hamilton_cpp.InputError, match="signups"):
        dr.validate_execution(["spend_per_signup"], inputs={"spend": inputs()["spend"]})


def test_load_library_twice_is_the_same_module(libraries, hello_world):
    again = hamilton_cpp.load_library(libraries["hello_world_module"])
    assert again is hello_world
    assert hello_world.__name__ == "my_functions" and hello_world.module_names == ["my_functions"]
    assert "my_functions" in repr(hello_world)


def test_two_libraries_in_one_graph(test_nodes, other_nodes, conflict_nodes):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        driver.Builder().with_modules(test_nodes, conflict_nodes).build()
    (problem,) = e.value.problems
    assert problem.code == "input-type-conflict" and "`who`" in problem.message
    assert "std::string" in problem.message and "double" in problem.message


def test_allow_module_overrides(test_nodes, other_nodes):
    with pytest.raises(hamilton_cpp.GraphError) as e:
        driver.Builder().with_modules(test_nodes, other_nodes).build()
    (problem,) = e.value.problems
    assert problem.code == "duplicate-node" and problem.node == "half"
    # the same library twice is loaded once (as `hamilton-cpp -m x.so -m x.so`): no duplicates,
    # with or without overrides (Python Hamilton refuses the same module twice without them)
    for builder in (driver.Builder(), driver.Builder().allow_module_overrides()):
        dr = builder.with_modules(test_nodes, test_nodes).build()
        names = [v.name for v in dr.list_available_variables()]
        assert names.count("half") == 1
        assert dr.execute(["half"], inputs={"x": 4.0}) == {"half": 2.0}
    dr = driver.Builder().with_modules(test_nodes, other_nodes).allow_module_overrides().build()
    assert dr.execute(["half", "half_plus_one"], inputs={"x": 4.0}) == {"half": 1.0, "half_plus_one": 2.0}
    dr = driver.Driver({}, other_nodes, test_nodes, allow_module_overrides=True, adapter=base.DictResult())
    assert dr.execute(["half", "half_plus_one"], inputs={"x": 4.0}) == {"half": 2.0, "half_plus_one": 3.0}
