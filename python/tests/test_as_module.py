"""hamilton_cpp.as_module: C++ nodes as Python functions that apache-hamilton's driver runs."""

from __future__ import annotations

import concurrent.futures
import importlib
import inspect
import multiprocessing
import pickle
import sys
import threading
import time
import types
import typing
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hamilton import base as hbase
from hamilton import driver as hdriver
from hamilton import graph_utils

import hamilton_cpp
from hamilton_cpp import driver as cdriver
from hamilton_cpp._as_module import _PREFIX, _python_name
from hamilton_cpp.execution import WorkerModuleError

from as_module import python_features as py_extra
from hello_world_py import my_functions as py_hello

HERE = Path(__file__).resolve().parent

SPEND = pd.Series([10.0, 10, 20, 40, 40, 50])
SIGNUPS = pd.Series([1.0, 10, 50, 100, 200, 400])
INPUTS = {"spend": SPEND, "signups": SIGNUPS}
HELLO_OUTPUTS = ["avg_3wk_spend", "spend_per_signup", "spend_mean", "spend_zero_mean",
                 "spend_std_dev", "spend_zero_mean_unit_variance"]


@pytest.fixture(scope="module")
def hello(hello_world):
    return hamilton_cpp.as_module(hello_world)


@pytest.fixture(scope="module")
def modified():
    return hamilton_cpp.load_cpp(HERE / "as_module" / "modified_nodes.cpp")


# ---- the module object ----------------------------------------------------------------


def test_module_is_a_real_module_hamilton_crawls(hello, hello_world):
    assert isinstance(hello, types.ModuleType)
    assert hello.__name__.startswith(_PREFIX + "my_functions__")
    assert sys.modules[hello.__name__] is hello
    assert hello.__file__ == hello_world.path
    assert sorted(hello.__all__) == sorted(HELLO_OUTPUTS)
    found = dict(graph_utils.find_functions(hello))
    assert sorted(found) == sorted(HELLO_OUTPUTS)
    for name, fn in found.items():
        assert inspect.isfunction(fn)
        assert fn.__name__ == name and fn.__qualname__ == name
        assert fn.__module__ == hello.__name__
        assert not hasattr(fn, "__wrapped__")


def test_signatures_docs_and_annotations_match_python_hamilton(hello):
    for name in HELLO_OUTPUTS:
        cpp, py = getattr(hello, name), getattr(py_hello, name)
        assert inspect.signature(cpp) == inspect.signature(py), name
        assert typing.get_type_hints(cpp) == typing.get_type_hints(py), name
        assert cpp.__doc__ == py.__doc__, name


def test_annotations_of_every_converted_type(test_nodes):
    m = hamilton_cpp.as_module(test_nodes)
    hints = {n: typing.get_type_hints(getattr(m, n)) for n in m.__all__}
    assert hints["half"] == {"x": float, "return": float}
    assert hints["twice"] == {"n": int, "return": int}
    assert hints["greeting"] == {"who": str, "return": str}
    assert hints["negated"] == {"flag": bool, "return": bool}
    assert hints["doubled"] == {"xs": np.ndarray, "return": np.ndarray}
    assert hints["shouted"] == {"words": typing.List[str], "return": typing.List[str]}
    assert hints["frame"] == {"values": pd.Series, "flags": pd.Series, "return": pd.DataFrame}
    assert hints["point"] == {"x": float, "return": typing.Any}  # a C++ type of its own
    assert hints["point_y"] == {"point": typing.Any, "return": float}


def test_calling_a_function_computes_the_cpp_node(hello, test_nodes):
    mean, std = py_hello.spend_mean(SPEND), py_hello.spend_std_dev(SPEND)
    zero_mean = py_hello.spend_zero_mean(SPEND, mean)
    calls = {"avg_3wk_spend": (SPEND,), "spend_per_signup": (SPEND, SIGNUPS), "spend_mean": (SPEND,),
             "spend_zero_mean": (SPEND, mean), "spend_std_dev": (SPEND,),
             "spend_zero_mean_unit_variance": (zero_mean, std)}
    assert sorted(calls) == sorted(HELLO_OUTPUTS)
    for name, args in calls.items():
        got, want = getattr(hello, name)(*args), getattr(py_hello, name)(*args)
        if isinstance(want, pd.Series):
            pd.testing.assert_series_equal(got, want)
        else:
            assert type(got) is float and got == pytest.approx(want, rel=1e-12)
    m = hamilton_cpp.as_module(test_nodes)
    assert m.half(3) == 1.5 and isinstance(m.half(3), float)
    assert m.twice(n=21) == 42
    assert m.greeting("you") == "hello you"
    assert m.shouted(["a", "b"]) == ["a!", "b!"]
    np.testing.assert_array_equal(m.doubled([1.0, 2.5]), np.array([2.0, 5.0]))
    assert m.point_y(m.point(2.0)) == 4.0  # a C++ value passes through Python unchanged


def test_wrong_argument_type_names_argument_node_and_module(hello):
    with pytest.raises(hamilton_cpp.InputTypeError) as e:
        hello.spend_zero_mean(SPEND, "high")
    assert str(e.value).startswith(
        "argument `spend_mean` of C++ node `spend_zero_mean` (module `my_functions`) must be a double")
    assert e.value.name == "spend_mean"
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'signups'"):
        hello.spend_per_signup(SPEND)


def test_a_throwing_node_is_an_execution_error(test_nodes):
    m = hamilton_cpp.as_module(test_nodes)
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        m.checked_sqrt(-1.0)
    assert e.value.node == "checked_sqrt"
    assert "x must not be negative, got -1.000000" in str(e.value)


def test_the_gil_is_released_while_a_node_runs(test_nodes):
    m = hamilton_cpp.as_module(test_nodes)
    threads = [threading.Thread(target=m.slow_spin, args=(0.4,)) for _ in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.perf_counter() - start < 0.75  # 0.8 s or more if the calls held the GIL


def test_same_arguments_same_module_other_config_other_module(hello_world, modified):
    assert hamilton_cpp.as_module(hello_world.path) is hamilton_cpp.as_module(hello_world)
    assert hamilton_cpp.as_module(hello_world, "my_functions") is hamilton_cpp.as_module(hello_world)
    rolling = hamilton_cpp.as_module(modified, config={"smoothing": "rolling"})
    raw = hamilton_cpp.as_module(modified, config={"smoothing": "raw"})
    assert rolling is not raw
    assert rolling.smoothed.__doc__ == "Rolling mean of 2."
    assert raw.smoothed.__doc__ == "Spend as it is."


# ---- errors -----------------------------------------------------------------------------


def test_errors_say_what_to_pass(libraries, hello_world):
    with pytest.raises(ValueError) as e:
        hamilton_cpp.as_module(hello_world, "nope")
    assert str(e.value) == (
        f"as_module: `{hello_world.path}` defines no module `nope` (it defines my_functions)")
    with pytest.raises(TypeError) as e:
        hamilton_cpp.as_module(py_hello)
    assert "`hello_world_py.my_functions` is a Python module; pass a C++ module library" in str(e.value)
    with pytest.raises(TypeError, match=r"as_module: 42 is not a C\+\+ module library; pass hamilton_cpp.load_library"):
        hamilton_cpp.as_module(42)
    with pytest.raises(hamilton_cpp.GraphError):
        hamilton_cpp.as_module(libraries["not_a_module"])
    with pytest.raises(TypeError, match="config keys must be str"):
        hamilton_cpp.as_module(hello_world, config={1: 2})


def test_names_python_cannot_use_are_left_out_with_a_warning():
    lib = hamilton_cpp.load_cpp(HERE / "as_module" / "unusual_names.cpp")
    with pytest.warns(UserWarning) as w:
        m = hamilton_cpp.as_module(lib)
    assert [str(x.message) for x in w] == [
        "as_module: C++ module `unusual_names`: 3 node(s) left out, as a Python function cannot "
        "have these names (rename them in C++ to use them from Python Hamilton): `lambda` (`lambda` "
        "is a Python keyword), `plus_one` (`yield` is a Python keyword), `share.tv` (`share.tv` is "
        "not a Python identifier)"]
    assert w[0].filename == __file__
    assert m.__all__ == ["ordinary"] and m.ordinary(2.0) == 4.0
    assert sorted(m.__hamilton_cpp_skipped__) == ["lambda", "plus_one", "share.tv"]


# ---- modifiers, optional parameters, config ------------------------------------------


def test_nodes_made_by_modifiers_are_functions(modified):
    m = hamilton_cpp.as_module(modified, config={"smoothing": "rolling"})
    assert sorted(m.__all__) == sorted(["raw_table", "table_spend", "table_signups", "tv_share",
                                        "radio_share", "smoothed", "scaled_total"])
    assert str(inspect.signature(m.tv_share)) == "(tv_spend: pandas.core.series.Series, spend: pandas.core.series.Series) -> pandas.core.series.Series"
    assert m.tv_share.__doc__ == "Share of the total spend that went to tv_spend."
    assert list(inspect.signature(m.table_spend).parameters) == ["raw_table"]
    pd.testing.assert_series_equal(m.tv_share(SPEND / 2, SPEND), pd.Series([0.5] * 6))
    table = pd.DataFrame({"table_spend": SPEND, "table_signups": SIGNUPS})
    pd.testing.assert_series_equal(m.table_signups(table), SIGNUPS.rename("table_signups"))


def test_optional_parameter_defaults_to_none(modified):
    m = hamilton_cpp.as_module(modified, config={"smoothing": "raw"})
    sig = inspect.signature(m.scaled_total)
    assert sig.parameters["scale"].default is None
    assert sig.parameters["spend"].default is inspect.Parameter.empty
    assert m.scaled_total(SPEND) == 170.0
    assert m.scaled_total(SPEND, 2.0) == 340.0
    assert m.scaled_total(SPEND, scale=None) == 170.0
    dr = hdriver.Builder().with_modules(m).build()
    assert dr.execute(["scaled_total"], inputs={"spend": SPEND}) == {"scaled_total": 170.0}
    assert dr.execute(["scaled_total"], inputs={"spend": SPEND, "scale": 0.5}) == {"scaled_total": 85.0}


def test_python_hamilton_runs_modified_nodes_like_hamilton_cpp(modified):
    config = {"smoothing": "rolling"}
    inputs = {"spend": SPEND, "signups": SIGNUPS, "tv_spend": SPEND / 2, "radio_spend": SPEND / 4,
              "scale": 3.0}
    outputs = ["smoothed", "tv_share", "radio_share", "table_spend", "table_signups", "scaled_total"]
    py = hdriver.Builder().with_modules(hamilton_cpp.as_module(modified, config=config)) \
        .with_config(config).build().execute(outputs, inputs=inputs)
    cpp = cdriver.Builder().with_modules(modified).with_config(config).build().execute(outputs, inputs=inputs)
    assert py.keys() == cpp.keys()
    for name in outputs:
        if isinstance(cpp[name], pd.Series):
            pd.testing.assert_series_equal(py[name], cpp[name], check_names=False)
        else:
            assert py[name] == cpp[name]


def test_check_output_nodes_are_functions_and_run_in_hamilton():
    lib = hamilton_cpp.load_cpp(HERE.parent.parent / "examples" / "feature_engineering" / "marketing_features.cpp")
    m = hamilton_cpp.as_module(lib)
    assert m.__all__ == ["tv_share_raw", "radio_share_raw", "tv_share_range_validator",
                         "tv_share_allow_nans_validator", "tv_share", "radio_share_range_validator",
                         "radio_share_allow_nans_validator", "radio_share", "weekend_signups"]
    assert list(inspect.signature(m.tv_share).parameters) == [
        "tv_share_raw", "tv_share_range_validator", "tv_share_allow_nans_validator"]
    inputs = {"tv_spend": SPEND / 2, "radio_spend": SPEND / 4, "spend": SPEND}
    py = hdriver.Builder().with_modules(m).build().execute(["tv_share", "radio_share"], inputs=inputs)
    cpp = cdriver.Builder().with_modules(lib).build().execute(["tv_share", "radio_share"], inputs=inputs)
    _check_equal(py, cpp)


def test_python_hamilton_config_reaches_a_cpp_config_parameter(test_nodes):
    for module in (hamilton_cpp.as_module(test_nodes), hamilton_cpp.as_module(test_nodes, config={"factor": 3.0})):
        dr = hdriver.Builder().with_modules(module).with_config({"factor": 3.0}).build()
        assert dr.execute(["scaled"], inputs={"x": 4.0}) == {"scaled": 12.0}


# ---- apache-hamilton's driver -------------------------------------------------------


def _cpp_reference(hello_world, outputs, inputs):
    return cdriver.Builder().with_modules(hello_world).build().execute(outputs, inputs=inputs)


def _check_equal(got: dict, want: dict):
    assert got.keys() == want.keys()
    for k in want:
        if isinstance(want[k], pd.Series):
            pd.testing.assert_series_equal(got[k], want[k], check_names=False)
        else:
            assert got[k] == pytest.approx(want[k], rel=1e-12)


def test_hamilton_driver_default_adapter_matches_hamilton_cpp(hello, hello_world):
    got = hdriver.Builder().with_modules(hello).build().execute(HELLO_OUTPUTS, inputs=INPUTS)
    _check_equal(got, _cpp_reference(hello_world, HELLO_OUTPUTS, INPUTS))


def test_hamilton_driver_dict_result_and_simple_adapter(hello, hello_world):
    want = _cpp_reference(hello_world, HELLO_OUTPUTS, INPUTS)
    got = hdriver.Builder().with_modules(hello).with_adapters(hbase.DictResult()).build() \
        .execute(HELLO_OUTPUTS, inputs=INPUTS)
    _check_equal(got, want)
    dr = hdriver.Driver({}, hello, adapter=hbase.SimplePythonGraphAdapter(hbase.DictResult()))
    _check_equal(dr.execute(HELLO_OUTPUTS, inputs=INPUTS), want)
    # with its default result builder, and with a DataFrame result: as for the Python nodes
    for adapter in (hbase.SimplePythonGraphAdapter, lambda: hbase.SimplePythonGraphAdapter(hbase.PandasDataFrameResult())):
        series = ["avg_3wk_spend", "spend_per_signup", "spend_zero_mean_unit_variance"]
        got = hdriver.Driver({}, hello, adapter=adapter()).execute(series, inputs=INPUTS)
        want_py = hdriver.Driver({}, py_hello, adapter=adapter()).execute(series, inputs=INPUTS)
        assert type(got) is type(want_py)
        if isinstance(got, pd.DataFrame):
            pd.testing.assert_frame_equal(got, want_py)
        else:
            _check_equal(got, want_py)


def test_cpp_and_python_functions_in_one_hamilton_graph(hello, hello_world):
    dr = hdriver.Builder().with_modules(hello, py_extra).build()
    raw = [1, 10, 50, 100, 200, 400]
    got = dr.execute(["spend_ratio", "spend_per_signup"], inputs={"spend": SPEND, "raw_signups": raw})
    want = _cpp_reference(hello_world, ["spend_per_signup", "avg_3wk_spend"], INPUTS)
    pd.testing.assert_series_equal(got["spend_per_signup"], want["spend_per_signup"], check_names=False)
    pd.testing.assert_series_equal(got["spend_ratio"], want["spend_per_signup"] / want["avg_3wk_spend"],
                                   check_names=False)


def test_a_cpp_value_without_python_type_flows_between_cpp_functions_in_hamilton(test_nodes):
    dr = hdriver.Builder().with_modules(hamilton_cpp.as_module(test_nodes)).build()
    out = dr.execute(["point", "point_y"], inputs={"x": 1.5})
    assert out["point_y"] == 3.0
    assert isinstance(out["point"], hamilton_cpp.Value) and out["point"].type_name.endswith("Point")


def test_tags_and_docs_in_hamilton_listing(test_nodes, modified):
    dr = hdriver.Builder().with_modules(hamilton_cpp.as_module(test_nodes)).build()
    by_name = {v.name: v for v in dr.list_available_variables()}
    assert by_name["half"].tags == {"module": "test_nodes", "owner": "tests", "kind": ["math", "scalar"]}
    assert by_name["half"].documentation == "Half of x."
    assert by_name["twice"].tags == {"module": "test_nodes", "owner": "tests"}
    assert [v.name for v in dr.list_available_variables(tag_filter={"owner": "tests"})] == ["half", "twice"]
    m = hamilton_cpp.as_module(modified, config={"smoothing": "raw"})
    dr = hdriver.Builder().with_modules(m).with_config({"smoothing": "raw"}).build()
    tv = {v.name: v for v in dr.list_available_variables()}["tv_share"]
    assert tv.tags == {"module": "modified_nodes", "owner": "marketing", "feature.group": ["channels", "shares"]}
    # a tag in a namespace Hamilton reserves stays on the function only
    assert m.smoothed.__hamilton_cpp_tags__ == {"module": "modified_nodes", "hamilton.config": "smoothing"}
    assert {v.name: v for v in dr.list_available_variables()}["smoothed"].tags == {"module": "modified_nodes"}


# ---- pickling ---------------------------------------------------------------------------


def test_functions_and_module_pickle_by_reference(hello, hello_world):
    fn = hello.spend_per_signup
    data = pickle.dumps(fn)
    assert hello_world.path.encode() not in data  # the path is encoded in the module's name
    assert pickle.loads(data) is fn
    assert pickle.loads(pickle.dumps(hello)) is hello
    assert pickle.loads(pickle.dumps([fn, hello])) == [fn, hello]


def _call_spend_per_signup(fn, spend, signups):
    return fn(spend, signups).tolist()


def _want_spend_per_signup():
    return (SPEND / SIGNUPS).tolist()


def test_a_function_runs_in_a_spawned_process(hello):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        got = pool.apply(_call_spend_per_signup, (hello.spend_per_signup, SPEND, SIGNUPS))
    assert got == _want_spend_per_signup()


def test_a_function_runs_in_a_process_pool_executor(hello, modified):
    m = hamilton_cpp.as_module(modified, config={"smoothing": "rolling"})
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as pool:
        a = pool.submit(_call_spend_per_signup, hello.spend_per_signup, SPEND, SIGNUPS)
        b = pool.submit(m.scaled_total, SPEND, 2.0)
        c = pool.submit(pickle.loads, pickle.dumps(m))  # the module itself crosses too
        assert a.result() == _want_spend_per_signup()
        assert b.result() == 340.0
        assert c.result().__name__ == m.__name__


def test_unpicklable_names_explain_why():
    with pytest.raises(ImportError) as e:
        importlib.import_module(_PREFIX + "my_functions__local7")
    assert "made in another process from a config that is not JSON" in str(e.value)
    name, portable = _python_name("gone__v2", "/nonexistent/gone.so", {"a__b": "__"})
    assert portable
    # A library that is not here: the import (an unpickling) succeeds, a call says why not.
    gone = importlib.import_module(name)
    with pytest.raises(WorkerModuleError) as e:
        gone.spend_per_signup(1.0, 2.0)
    message = str(e.value)
    assert message.startswith("C++ node `spend_per_signup` (hamilton_cpp.as_module of module "
                              "`gone__v2`) cannot run here: the C++ module library `gone.so` "
                              "(at /nonexistent/gone.so on the driver) is not on worker"), message
    assert "looked at: /nonexistent/gone.so" in message and "ship_modules" in message
    assert pickle.loads(pickle.dumps(gone.spend_per_signup)) is not None
    with pytest.raises(ImportError, match="not a hamilton_cpp.as_module name"):
        importlib.import_module(_PREFIX + "x__notbase32!")


def test_hamilton_cpp_driver_runs_an_as_module_module_from_its_library(hello, hello_world):
    # the module given to hamilton_cpp's own driver stands for the library it wraps: the nodes
    # run natively (their type is the C++ one), and the frame equals the library's
    spend = pd.Series([10, 10, 20, 40, 40, 50])
    signups = pd.Series([1, 10, 50, 100, 200, 400])
    outputs = ["avg_3wk_spend", "spend_per_signup"]
    by_module = cdriver.Driver({}, hello).execute(outputs, inputs={"spend": spend, "signups": signups})
    by_library = cdriver.Driver({}, hello_world).execute(outputs, inputs={"spend": spend, "signups": signups})
    pd.testing.assert_frame_equal(by_module, by_library)
    assert by_module["spend_per_signup"].tolist() == [10.0, 1.0, 0.4, 0.4, 0.2, 0.125]
    variables = {v.name: v for v in cdriver.Builder().with_modules(hello).build().list_available_variables()}
    assert variables["spend_per_signup"].cpp_type == "hamilton::Series"
    assert variables["spend_per_signup"].location is not None and ".cpp:" in variables["spend_per_signup"].location
