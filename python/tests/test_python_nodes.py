"""Python modules of functions as modules of hamilton_cpp's driver: alone, mixed with C++
module libraries, types, errors (docs/python.md, "Python modules of functions")."""

import gc
import inspect
import subprocess
import sys
import textwrap
import threading
import time
import typing

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import hamilton_cpp
from hamilton_cpp import _core, _pymodules, driver
from hamilton_cpp.errors import ExecutionError, GraphError

from py_modules import (
    around_spin,
    bad_nodes,
    config_readers,
    decorated,
    feeds_cpp_wrong,
    mixed,
    no_return_type,
    object_mismatch,
    overrides_cpp,
    parallel,
    parallel_objects,
    plain,
)

OBJECT = "hamilton_py::PyObjectRef"


def line_of(fn) -> int:
    return inspect.getsourcelines(fn)[1]


@pytest.fixture
def without_hamilton(monkeypatch):
    """hamilton_cpp as it behaves when apache-hamilton is not installed."""
    monkeypatch.setattr(_pymodules, "_hamilton", lambda: None)


# ---- plain functions --------------------------------------------------------------------


@pytest.mark.parametrize("hamilton", [True, False], ids=["with-hamilton", "own-crawler"])
def test_plain_module_values_and_types(hamilton, monkeypatch):
    if not hamilton:
        monkeypatch.setattr(_pymodules, "_hamilton", lambda: None)
    dr = driver.Builder().with_modules(plain).build()
    out = dr.execute(
        ["prices", "total", "as_text", "is_big", "counts", "described", "matrix", "trace"],
        inputs={"n": 4, "anything": {1: 2}},
    )
    pdt.assert_series_equal(out["prices"], pd.Series([0.0, 1.5, 3.0, 4.5], name="prices"))
    assert out["total"] == 9.0 and type(out["total"]) is float
    assert out["as_text"] == "9.00"
    assert out["is_big"] is False
    assert out["counts"] == {"n": 4, "squares": [0, 1, 4, 9]}
    assert out["described"] == [4, "dict"]
    np.testing.assert_array_equal(out["matrix"], np.eye(4))
    assert out["trace"] == 4.0
    # the optional dependency: the default applies unless given
    assert dr.execute(["total"], inputs={"n": 4, "discount": 2})["total"] == 7.0
    # imported modules, private functions are not nodes
    names = {v.name for v in dr.list_available_variables()}
    assert "_hidden" not in names and "_base" not in names and "base" not in names


def test_cpp_types_of_python_nodes():
    dr = driver.Builder().with_modules(plain).build()
    cpp = {v.name: v.cpp_type for v in dr.list_available_variables()}
    assert cpp["prices"] == "hamilton::Series"
    assert cpp["total"] == "double"
    assert cpp["as_text"] == "std::string"
    assert cpp["is_big"] == "bool"
    assert cpp["n"] == _core.type_names()["int64"]  # std::int64_t
    assert cpp["counts"] == OBJECT and cpp["matrix"] == OBJECT and cpp["described"] == OBJECT
    assert cpp["anything"] == "hamilton::Value"  # typing.Any: a parameter of any type


def test_python_objects_pass_through_unchanged():
    marker = object()
    dr = driver.Builder().with_modules(plain).build()
    # an object input read only by Python nodes is not converted: the same object arrives
    out = dr.execute(["described"], inputs={"n": 2, "anything": marker})
    assert out["described"] == [2, "object"]
    counts = {"n": 3, "squares": []}
    out = dr.execute(["described"], inputs={"anything": 1}, overrides={"counts": counts})
    assert out["described"] == [3, "int"]


def test_variables_of_python_nodes():
    dr = driver.Builder().with_modules(plain).build()
    v = {x.name: x for x in dr.list_available_variables()}
    total = v["total"]
    assert total.type is float
    assert total.documentation == "Sum of the prices, minus an optional discount."
    assert total.originating_functions == (plain.total,)
    assert total.tags == {"module": "py_modules.plain"}
    assert total.module == "py_modules.plain"
    assert total.location == f"{plain.__file__}:{line_of(plain.total)}"
    assert total.required_dependencies == {"prices"}
    assert total.optional_dependencies == {"discount"}
    assert total.optional_dependencies_default_values == {"discount": 0.0}
    assert v["counts"].type is dict
    assert v["matrix"].type is np.ndarray
    assert v["anything"].type is typing.Any and v["anything"].is_external_input
    assert v["prices"].type is pd.Series


def test_driver_class_and_dataframe_result():
    dr = driver.Driver({}, plain)
    df = dr.execute(["prices"], inputs={"n": 3})
    pdt.assert_frame_equal(df, pd.DataFrame({"prices": [0.0, 1.5, 3.0]}))


# ---- mixed with C++ ---------------------------------------------------------------------


def test_config_read_by_python_and_cpp_nodes(test_nodes):
    options = {"b": 1, "a": [2]}
    dr = driver.Builder().with_modules(config_readers, test_nodes).with_config(
        {"factor": 2.0, "options": options}).build()
    out = dr.execute(["scaled", "factor_text", "options_keys", "options_id"], inputs={"x": 3.0})
    assert out["scaled"] == 6.0  # C++ reads the config scalar
    assert out["factor_text"] == "2.0"  # and Python the same value
    assert out["options_keys"] == ["a", "b"]
    assert out["options_id"] == id(options)  # a config object reaches Python as it is


def test_python_and_cpp_nodes_in_one_graph(hello_world):
    dr = driver.Builder().with_modules(mixed, hello_world).build()
    out = dr.execute(["avg_3wk_spend", "avg_doubled", "report", "spend_zero_mean_unit_variance"],
                     inputs={"weeks": 6})
    spend = pd.Series([10.0, 10.0, 20.0, 40.0, 40.0, 50.0])
    expected_avg = spend.rolling(3).mean()
    pdt.assert_series_equal(out["avg_3wk_spend"], expected_avg)  # C++ reads Python's Series
    pdt.assert_series_equal(out["avg_doubled"], expected_avg * 2)  # Python reads C++'s Series
    signups = pd.Series([1, 10, 50, 100, 200, 400])
    assert out["report"] == {"mean": spend.mean(), "best": float((spend / signups).min())}
    v = {x.name: x for x in dr.list_available_variables()}
    assert v["avg_3wk_spend"].module == "my_functions" and v["avg_doubled"].module == "py_modules.mixed"
    assert v["avg_doubled"].originating_functions == (mixed.avg_doubled,)


def test_python_to_cpp_type_mismatch_is_a_graph_error(hello_world):
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(feeds_cpp_wrong, hello_world).build()
    e = info.value
    assert {p.code for p in e.problems} == {"type-mismatch"}
    assert {p.node for p in e.problems} == {
        "avg_3wk_spend", "spend_per_signup", "spend_mean", "spend_zero_mean", "spend_std_dev"}
    where = f"{feeds_cpp_wrong.__file__}:{line_of(feeds_cpp_wrong.spend)}"
    for p in e.problems:
        assert "parameter `spend` is a hamilton::Series but node `spend`" in p.message
        assert f"(module py_modules.feeds_cpp_wrong, {where}) produces a long" in p.message


def test_python_object_edge_checked_with_hamiltons_types_match():
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(object_mismatch).build()
    (p,) = info.value.problems
    assert p.code == "type-mismatch" and p.node == "keyed"
    assert p.location == f"{object_mismatch.__file__}:{line_of(object_mismatch.keyed)}"
    assert "parameter `things` is a dict but node `things`" in p.message
    assert "produces a list" in p.message
    assert p.text in str(info.value)


def test_python_module_and_cpp_library_define_the_same_node(hello_world):
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(hello_world, overrides_cpp).build()
    (p,) = info.value.problems
    assert p.node == "avg_3wk_spend"
    assert "defined more than once" in p.message and "py_modules.overrides_cpp" in p.message + p.module
    spend = pd.Series([1.0, 2.0, 3.0])
    # the later module wins with allow_module_overrides: Python's 2-week mean...
    dr = driver.Builder().with_modules(hello_world, overrides_cpp).allow_module_overrides().build()
    pdt.assert_series_equal(dr.execute(["avg_3wk_spend"], inputs={"spend": spend})["avg_3wk_spend"],
                            spend.rolling(2).mean())
    v = {x.name: x for x in dr.list_available_variables()}["avg_3wk_spend"]
    assert v.module == "py_modules.overrides_cpp" and v.originating_functions == (overrides_cpp.avg_3wk_spend,)
    # ... or C++'s 3-week one
    dr = driver.Builder().with_modules(overrides_cpp, hello_world).allow_module_overrides().build()
    pdt.assert_series_equal(dr.execute(["avg_3wk_spend"], inputs={"spend": spend})["avg_3wk_spend"],
                            spend.rolling(3).mean())
    v = {x.name: x for x in dr.list_available_variables()}["avg_3wk_spend"]
    assert v.module == "my_functions" and v.originating_functions is None


# ---- errors -----------------------------------------------------------------------------


def test_python_node_raising_names_the_node_and_chains_the_exception():
    dr = driver.Builder().with_modules(bad_nodes).build()
    with pytest.raises(ExecutionError) as info:
        dr.execute(["raises"], inputs={"x": 1.0})
    e = info.value
    assert e.node == "raises" and e.module == "py_modules.bad_nodes"
    assert e.location == f"{bad_nodes.__file__}:{line_of(bad_nodes.raises)}"
    assert "ZeroDivisionError: float division by zero" in str(e)
    assert isinstance(e.__cause__, ZeroDivisionError)
    assert e.__cause__.__traceback__ is not None


def test_wrong_result_type_names_the_node_and_both_types():
    dr = driver.Builder().with_modules(bad_nodes).build()
    with pytest.raises(ExecutionError) as info:
        dr.execute(["wrong_result"], inputs={"x": 1.0})
    e = info.value
    assert e.node == "wrong_result"
    assert isinstance(e.__cause__, TypeError)
    message = str(e.__cause__)
    assert message.startswith("node `wrong_result` (module py_modules.bad_nodes, ")
    assert "is annotated to return pandas.Series (C++ hamilton::Series" in message
    assert message.endswith("but the value it returned is a list")
    assert "TypeError: node `wrong_result`" in str(e)


def test_unannotated_return_is_a_graph_error():
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(no_return_type).build()
    (p,) = info.value.problems
    assert p.code == "missing-return-type"
    assert p.node == "no_annotation" and p.module == "py_modules.no_return_type"
    assert p.location == f"{no_return_type.__file__}:{line_of(no_return_type.no_annotation)}"
    assert "Missing type hint for return value in function no_annotation" in p.message


def test_unannotated_return_without_hamilton(without_hamilton):
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(no_return_type).build()
    (p,) = info.value.problems
    assert p.code == "missing-return-type" and p.node == "no_annotation"
    assert "has no return type annotation" in p.message


def test_decorator_without_hamilton_asks_to_install_it(without_hamilton):
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(decorated).with_config({"region": "US"}).build()
    problems = {p.node: p for p in info.value.problems}
    assert {"raw_data", "tax_rate__us", "tax_rate__eu", "spend_after_tax", "ratio", "spend_mean"} <= set(problems)
    for p in problems.values():
        assert p.code == "decorated-without-hamilton"
        assert "install apache-hamilton" in p.message
    assert problems["raw_data"].location == f"{decorated.__file__}:{line_of(decorated.raw_data)}"


def test_parallelizable_without_hamilton_asks_to_install_it(without_hamilton):
    with pytest.raises(GraphError) as info:
        driver.Builder().with_modules(parallel).build()
    assert {p.node for p in info.value.problems} == {"number", "total"}
    assert all("install apache-hamilton" in p.message for p in info.value.problems)


def test_plain_module_works_without_hamilton(without_hamilton):
    dr = driver.Builder().with_modules(mixed).build()
    pdt.assert_series_equal(dr.execute(["spend"], inputs={"weeks": 2})["spend"], pd.Series([10.0, 10.0]))


def test_not_a_module_is_a_type_error():
    with pytest.raises(TypeError, match="is not a module: pass Python modules of functions"):
        driver.Builder().with_modules(42).build()


def test_numba_nodes_in_a_python_module_run_beside_python_functions(tmp_path, monkeypatch):
    # a module of Python functions, a numba.cfunc and a numba_column: the crawler hands the
    # numba ones to hamilton_cpp._numba, and they run natively in the same graph
    (tmp_path / "with_numba.py").write_text(textwrap.dedent("""
        import numba
        import pandas as pd
        import hamilton_cpp

        @numba.cfunc("float64(float64, float64)")
        def ratio(total, count):
            return total / count

        @hamilton_cpp.numba_column("float64(float64, float64)")
        def scaled(spend, factor_col):
            return spend * factor_col

        def total(spend: pd.Series) -> float:
            return float(spend.sum())

        def count(spend: pd.Series) -> float:
            return float(len(spend))
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    import with_numba

    dr = driver.Builder().with_modules(with_numba).build()
    spend = pd.Series([1.0, 2.0, 3.0, 6.0])
    out = dr.execute(["ratio", "scaled"], inputs={"spend": spend, "factor_col": pd.Series([2.0, 2.0, 1.0, 0.5])})
    assert out["ratio"] == 3.0
    assert out["scaled"].tolist() == [2.0, 4.0, 3.0, 3.0]
    kinds = {v.name: v.cpp_type for v in dr.list_available_variables()}
    assert kinds["ratio"] == "double" and kinds["scaled"] == "hamilton::Series"


# ---- Parallelizable / Collect -----------------------------------------------------------


def test_parallelizable_and_collect():
    dr = driver.Builder().enable_dynamic_execution(allow_experimental_mode=True).with_modules(parallel).build()
    assert dr.execute(["total"], inputs={"count": 5}) == {"total": 30}
    assert dr.execute(["total"], inputs={"count": 5, "offset": 1}) == {"total": 35}
    v = {x.name: x for x in dr.list_available_variables()}
    assert v["number"].cpp_type == "hamilton_py::PyItems"  # the items, held by the node
    assert v["number"].type == parallel.Parallelizable[int]
    assert v["total"].type is int
    # the Parallelizable node itself as an output: its items
    assert dr.execute(["number"], inputs={"count": 3}) == {"number": [0, 1, 2]}
    dr = driver.Builder().with_modules(parallel_objects).build()
    assert dr.execute(["texts"], inputs={"names": ["a", "b", "c"], "prefix": ">"}) == {
        "texts": [">a@0", ">b@1", ">c@2"]}


def test_enable_dynamic_execution_requires_experimental_mode():
    with pytest.raises(ValueError, match="allow_experiemental_mode=True"):
        driver.Builder().enable_dynamic_execution()


# ---- threads and the GIL ----------------------------------------------------------------


def test_python_nodes_from_several_threads():
    dr = driver.Builder().with_modules(plain).build()
    results, errors = [], []

    def run(n):
        try:
            for _ in range(20):
                results.append(dr.execute(["total"], inputs={"n": n})["total"])
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in (2, 3, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(set(results)) == [1.5, 4.5, 9.0] and len(results) == 60


def test_cpp_nodes_of_a_mixed_graph_run_without_the_gil(test_nodes):
    """Python nodes take the GIL only while they run: other Python threads keep running while
    the C++ node between them spins."""
    dr = driver.Builder().with_modules(around_spin, test_nodes).build()
    stamps: list[float] = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            stamps.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        text = dr.execute(["spins_text"], inputs={"wanted": 0.5})["spins_text"]
        end = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    assert text.endswith(" spins") and int(text.split()[0]) > 0 and end - start >= 0.5
    during = [t for t in stamps if start + 0.1 < t < end - 0.1]
    assert len(during) > 100, f"{len(during)} iterations of the other thread during the C++ node"


def test_wrong_item_of_a_parallelizable():
    import types

    m = types.ModuleType("bad_items")
    sys.modules["bad_items"] = m
    try:
        exec(
            "from hamilton.htypes import Parallelizable, Collect\n"
            "def item(n: int) -> Parallelizable[int]:\n    yield 1\n    yield 'two'\n"
            "def total(item: Collect[int]) -> int:\n    return sum(item)\n",
            m.__dict__,
        )
        dr = driver.Builder().with_modules(m).build()
        with pytest.raises(ExecutionError) as info:
            dr.execute(["total"], inputs={"n": 1})
    finally:
        del sys.modules["bad_items"]
    assert info.value.node == "item"
    assert "but item 1 it yielded is a str" in str(info.value.__cause__)
    assert "is annotated to return int (C++ long" in str(info.value.__cause__)


def test_values_dropped_after_the_driver_and_at_shutdown():
    code = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, %r)
        from hamilton_cpp import driver
        from py_modules import plain
        dr = driver.Builder().with_modules(plain).with_config({"anything": {"kept": [1]}}).build()
        out = dr.execute(["described", "counts"], inputs={"n": 3})
        assert out["described"] == [3, "dict"], out
        keep = dr  # the driver (and its config object) is alive at shutdown
        print("ok")
        """
        % str(__import__("pathlib").Path(__file__).parent)
    )
    run = subprocess.run([sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_without_apache_hamilton_importable():
    """hamilton (apache-hamilton) cannot be imported at all: plain functions still run."""
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hamilton"] = None  # import hamilton -> ImportError
        sys.path.insert(0, %r)
        from hamilton_cpp import _pymodules, driver
        from py_modules import plain
        assert _pymodules._hamilton() is None
        dr = driver.Builder().with_modules(plain).build()
        print(dr.execute(["as_text"], inputs={"n": 4})["as_text"])
        """
        % str(__import__("pathlib").Path(__file__).parent)
    )
    run = subprocess.run([sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "9.00"
