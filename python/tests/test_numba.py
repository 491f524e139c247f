"""Numba cfuncs as nodes: the C++ plan calls their machine code, without Python or the GIL.

The graph is built from ``_core.PyModule`` objects filled by ``hamilton_cpp._numba.add_cfunc``
(what the driver's crawler of Python modules calls for a cfunc), beside C++ module libraries.
"""

import gc
import inspect
import math
import os
import subprocess
import sys
import textwrap
import threading
import time

import numba
import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from numba import types

from hamilton import driver as h_driver

import hamilton_cpp
from hamilton_cpp import _core, _numba, driver

import numba_funcs

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def build():
    """build(*modules) -> a hamilton_cpp Driver over PyModules and module libraries."""

    def make(*modules, overrides=False):
        b = driver.Builder().with_modules(*modules)
        if overrides:
            b = b.allow_module_overrides()
        return b.build()

    return make


def module(name, **nodes):
    pm = _core.PyModule(name)
    for node, obj in nodes.items():
        _numba.add_cfunc(pm, node, obj)
    return pm


def line_of(fn):
    return f"{inspect.getsourcefile(fn)}:{fn.__code__.co_firstlineno}"


SCALARS = {
    "spend_per_signup": "float64(float64, int64)",
    "is_expensive": "boolean(float64, float64)",
    "score": "float64(float64, boolean, int64)",
    "bonus_doubled": "int64(int64)",
}
COLUMNS = {
    "cost_per_signup": "float64(float64, float64)",
    "weighted": "float64(float64, float64)",
}


def scalar_module(name="numba_scalars"):
    return module(name, **{n: numba.cfunc(sig)(getattr(numba_funcs, n)) for n, sig in SCALARS.items()})


def column_module(name="numba_columns"):
    return module(
        name,
        **{n: hamilton_cpp.numba_column(sig)(getattr(numba_funcs, n)) for n, sig in COLUMNS.items()},
    )


# ---- scalar nodes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "inputs",
    [
        {"spend": 100.0, "signups": 8, "threshold": 10.0, "bonus": 3},
        {"spend": 10.0, "signups": 3, "threshold": 10.0, "bonus": -7},
        {"spend": -2.5, "signups": 7, "threshold": -1.0, "bonus": 0},
    ],
)
def test_scalar_nodes_equal_plain_python_and_apache_hamilton(build, inputs):
    outputs = list(SCALARS)
    got = build(scalar_module()).execute(outputs, inputs=inputs)
    expected = h_driver.Builder().with_modules(numba_funcs).build().execute(outputs, inputs=inputs)
    assert got == expected
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}
    spp = numba_funcs.spend_per_signup(inputs["spend"], inputs["signups"])
    assert got["spend_per_signup"] == spp
    assert got["score"] == numba_funcs.score(spp, spp > inputs["threshold"], inputs["bonus"])


def test_scalar_node_describes_itself(build):
    dr = build(scalar_module())
    v = {x.name: x for x in dr.list_available_variables()}
    spp = v["spend_per_signup"]
    assert spp.type is float and spp.cpp_type == "double" and spp.role == "function"
    assert spp.documentation == "Spend per signup."
    assert spp.location == line_of(numba_funcs.spend_per_signup)
    assert spp.module == "numba_scalars"
    assert spp.required_dependencies == {"spend", "signups"}
    assert v["is_expensive"].type is bool and v["bonus_doubled"].type is int
    assert v["signups"].type is int and v["threshold"].type is float


def test_every_supported_type_meets_the_cpp_type_of_a_cpp_node(build, test_nodes):
    # test_nodes: half(double x), twice(int64_t n), small_plus_one(int small), negated(bool flag).
    # The graph only builds if each cfunc's C++ type is exactly the parameter's.
    @numba.cfunc("float64(float64)")
    def x(a):
        return a * 3.0

    @numba.cfunc("int64(int64)")
    def n(b):
        return b - 1

    @numba.cfunc("int32(int32)")
    def small(c):
        return c * 2

    @numba.cfunc("boolean(float32)")
    def flag(d):
        return d > 0.5

    @numba.cfunc("float32(float64)")
    def quarter(half):  # consumes the C++ node `half`
        return half / 2

    dr = build(module("typed", x=x, n=n, small=small, flag=flag, quarter=quarter), test_nodes)
    got = dr.execute(
        ["x", "half", "twice", "small_plus_one", "negated", "quarter", "flag"],
        inputs={"a": 5.0, "b": 10, "c": 20, "d": 0.25},
    )
    assert got == {
        "x": 15.0, "half": 7.5, "twice": 18, "small_plus_one": 41, "negated": True,
        "quarter": 3.75, "flag": False,
    }
    types_ = {v.name: v.cpp_type for v in dr.list_available_variables()}
    cpp_nodes = {v.name: v.cpp_type for v in build(test_nodes).list_available_variables()}
    assert types_["x"] == cpp_nodes["x"] == "double"
    assert types_["n"] == cpp_nodes["n"]
    assert types_["small"] == cpp_nodes["small"] == "int"
    assert types_["flag"] == cpp_nodes["flag"] == "bool"
    assert types_["quarter"] == "float" and types_["d"] == "float" and types_["c"] == "int"


def test_float32_and_int32_round_as_numba_does(build):
    @numba.cfunc("float32(float32, int32)")
    def f(a, b):
        return a * b

    got = build(module("f32", f=f)).execute(["f"], inputs={"a": 0.1, "b": 3})["f"]
    assert got == float(f.ctypes(0.1, 3)) == float(np.float32(np.float32(0.1) * np.float32(3)))
    assert got != 0.1 * 3


def test_arguments_of_every_type_interleaved(build):
    # reals and integers travel in two arrays: their order within each must be kept
    @numba.cfunc("float64(int32, float64, boolean, float32, int64, float64, boolean)")
    def mixed(a, b, c, d, e, f, g):
        return a * 1000000.0 + b * 10000.0 + (100.0 if c else 0.0) + d * 10.0 + e - f * 0.5 + g

    inputs = {"a": 3, "b": 2.0, "c": True, "d": 0.5, "e": 7, "f": 4.0, "g": False}
    got = build(module("mixed", mixed=mixed)).execute(["mixed"], inputs=inputs)["mixed"]
    assert got == mixed._pyfunc(**inputs) == 3020110.0


def test_a_cfunc_without_parameters_and_renamed_parameters(build):
    @numba.cfunc("int64()")
    def answer():
        return 42

    @numba.cfunc("float64(float64, float64)")
    def f(a, b):
        return a - b

    pm = module("misc", answer=answer)
    _numba.add_cfunc(pm, "n2", f, parameters=["n1", "n0"])
    _numba.add_cfunc(pm, "n3", f, parameters=["n2", "n1"])
    got = build(pm).execute(["answer", "n3"], inputs={"n0": 1.0, "n1": 10.0})
    assert got == {"answer": 42, "n3": -1.0}


def test_the_cfunc_object_may_go_away_in_python(build):
    @numba.cfunc("float64(float64)")
    def plus_one(v):
        return v + 1

    pm = module("gone", plus_one=plus_one)
    del plus_one
    gc.collect()
    dr = build(pm)
    del pm
    gc.collect()
    assert dr.execute(["plus_one"], inputs={"v": 1.5}) == {"plus_one": 2.5}
    del dr
    gc.collect()


def test_a_driver_alive_at_interpreter_shutdown_exits_cleanly():
    script = textwrap.dedent(
        """
        import numba
        from hamilton_cpp import _core, _numba

        @numba.cfunc("float64(float64)")
        def y(x):
            return x * 2

        pm = _core.PyModule("shutdown")
        _numba.add_cfunc(pm, "y", y)
        dr = _core.build([pm], {}, False)
        print("built")
        """
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                         timeout=120)
    assert (run.returncode, run.stdout.strip()) == (0, "built"), run.stderr


def test_cfunc_nodes_from_several_threads_at_once(build):
    dr = build(scalar_module())
    inputs = {"spend": 100.0, "signups": 8, "threshold": 10.0, "bonus": 3}
    results, errors = [], []

    def run():
        try:
            for _ in range(200):
                results.append(dr.execute(["score"], inputs=inputs)["score"])
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [28.0] * 800


@numba.cfunc("float64(int64)")
def _spin(iterations):
    x = 0.0
    for i in range(iterations):
        x = math.sqrt(x + i)
    return x


def test_other_threads_run_while_a_cfunc_node_runs(build):
    runs = []
    for _ in range(3):  # the fastest of three: the machine may be busy
        start = time.perf_counter()
        _spin.ctypes(2_000_000)
        runs.append((time.perf_counter() - start) / 2_000_000)
    iterations = int(0.6 / max(min(runs), 1e-10))
    pm = _core.PyModule("spin")
    _numba.add_cfunc(pm, "spun", _spin)
    dr = build(pm)
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
        value = dr.execute(["spun"], inputs={"iterations": iterations})["spun"]
        end = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    assert value == _spin.ctypes(iterations)
    assert end - start >= 0.2
    # With the GIL held during the cfunc the counter could not run a single bytecode.
    during = [t for t in stamps if start + 0.05 < t < end - 0.05]
    assert len(during) > 100, f"{len(during)} iterations of the other thread during the cfunc"
    # and throughout, not at one moment (a busy machine may pause the thread a little)
    gaps = [b - a for a, b in zip(during, during[1:])]
    assert max(gaps) < (end - start) / 3


# ---- column nodes -------------------------------------------------------------------------------


def column_inputs(index=None):
    return {
        "spend_col": pd.Series([10.0, 20.0, np.nan, 40.0, 7.5], index=index),
        "signups_col": pd.Series([1.0, 4.0, 5.0, 0.0, 3.0], index=index),
    }


@pytest.mark.parametrize("index", [None, pd.Index([10, 11, 12, 13, 14]), pd.Index(list("abcde"))])
def test_column_nodes_equal_pandas_and_apache_hamilton(build, index):
    outputs = list(COLUMNS)
    got = build(column_module()).execute(outputs, inputs=column_inputs(index))
    expected = h_driver.Builder().with_modules(numba_funcs).build().execute(
        outputs, inputs=column_inputs(index))
    for name in outputs:
        pdt.assert_series_equal(got[name], expected[name], check_names=False)
        assert got[name].name == name
    # x / 0 is inf and NaN stays NaN, as in pandas (numpy's error model)
    assert np.isinf(got["cost_per_signup"].iloc[3]) and np.isnan(got["cost_per_signup"].iloc[2])


def test_column_node_types_and_conversions(build):
    @hamilton_cpp.numba_column("int64(int64, boolean)")
    def picked(counts, keep):
        return counts * 10 if keep else -1

    @hamilton_cpp.numba_column("boolean(float64)")
    def big(counts):  # an int64 column is taken as float64
        return counts > 1.5

    @hamilton_cpp.numba_column("float32(float32, int32)")
    def narrow(values, counts):
        return values / counts

    dr = build(module("typed_columns", picked=picked, big=big, narrow=narrow))
    counts = pd.Series([1, 2, 3], index=[5, 6, 7])
    got = dr.execute(["picked", "big", "narrow"], inputs={
        "counts": counts, "keep": pd.Series([True, False, True], index=[5, 6, 7]),
        "values": pd.Series([0.1, 1.0, 2.0], index=[5, 6, 7])})
    pdt.assert_series_equal(got["picked"], pd.Series([10, -1, 30], index=[5, 6, 7], name="picked"))
    pdt.assert_series_equal(got["big"], pd.Series([False, True, True], index=[5, 6, 7], name="big"))
    expected = (np.array([0.1, 1.0, 2.0], dtype=np.float32) / np.array([1, 2, 3], dtype=np.float32))
    assert got["narrow"].tolist() == expected.astype(np.float64).tolist()
    v = {x.name: x for x in dr.list_available_variables()}
    assert v["picked"].type is pd.Series and v["counts"].type is pd.Series
    assert picked.py_func(3, True) == 30  # the row function stays callable


def test_empty_columns_give_an_empty_column(build):
    got = build(column_module()).execute(["weighted"], inputs={
        "spend_col": pd.Series([], dtype=float), "signups_col": pd.Series([], dtype=float)})
    assert got["weighted"].dtype == np.float64 and len(got["weighted"]) == 0


def test_column_node_over_a_cpp_module_node(build, hello_world):
    @hamilton_cpp.numba_column("float64(float64, float64)")
    def spend_gap(spend, avg_3wk_spend):
        return spend - avg_3wk_spend

    dr = build(hello_world, module("gap", spend_gap=spend_gap))
    spend = pd.Series([10.0, 10.0, 20.0, 40.0, 40.0, 50.0])
    signups = pd.Series([1.0, 10.0, 50.0, 100.0, 200.0, 400.0])
    got = dr.execute(["spend_gap", "spend_zero_mean"], inputs={"spend": spend, "signups": signups})
    expected = spend - spend.rolling(3).mean()
    pdt.assert_series_equal(got["spend_gap"], expected.rename("spend_gap"))
    pdt.assert_series_equal(got["spend_zero_mean"], (spend - spend.mean()).rename("spend_zero_mean"),
                            check_names=False)


def test_scalar_parameters_of_a_column_node(build, hello_world):
    @hamilton_cpp.numba_column("float64(float64, float64)", scalars=["spend_mean"])
    def centered(spend, spend_mean):  # spend_mean: hello_world's C++ node of type double
        return spend - spend_mean

    @hamilton_cpp.numba_column("int64(int64, float64, int32, boolean)", scalars=("factor", "keep"))
    def scaled(factor, counts, offset, keep):
        return int(factor * counts) + offset if keep else 0

    dr = build(hello_world, module("scalars", centered=centered, scaled=scaled))
    spend = pd.Series([10.0, 10.0, 20.0, 40.0, 40.0, 50.0], index=list("abcdef"))
    got = dr.execute(["centered", "spend_zero_mean", "scaled"], inputs={
        "spend": spend, "signups": spend, "factor": 3, "counts": spend, "offset": pd.Series(
            [1, 2, 3, 4, 5, 6], index=list("abcdef")), "keep": True})
    pdt.assert_series_equal(got["centered"], got["spend_zero_mean"], check_names=False)
    pdt.assert_series_equal(got["centered"], (spend - spend.mean()).rename("centered"))
    pdt.assert_series_equal(got["scaled"], (3 * spend).astype("int64").add(
        pd.Series([1, 2, 3, 4, 5, 6], index=list("abcdef"))).rename("scaled"))
    v = {x.name: x for x in dr.list_available_variables()}
    assert (v["factor"].cpp_type, v["keep"].cpp_type, v["offset"].type) == ("long", "bool", pd.Series)
    off = dr.execute(["scaled"], inputs={"factor": 3, "counts": spend, "keep": False,
                                         "offset": pd.Series([1] * 6, index=list("abcdef"))})
    assert off["scaled"].tolist() == [0] * 6


def test_column_errors_name_the_node_and_columns(build):
    dr = build(column_module())
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        dr.execute(["cost_per_signup"], inputs={
            "spend_col": pd.Series([1.0, 2.0]), "signups_col": pd.Series([1.0, 2.0, 3.0])})
    assert ("column `signups_col` has 3 rows but `spend_col` has 2; the columns of a Numba column "
            "node must have the same index") in str(e.value)
    assert "node `cost_per_signup`" in str(e.value)
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        dr.execute(["cost_per_signup"], inputs={
            "spend_col": pd.Series([1.0, 2.0]), "signups_col": pd.Series([1.0, 2.0], index=[1, 0])})
    assert ("columns `spend_col` and `signups_col` have different indexes; a Numba column node "
            "does not align them: reindex one to the other first") in str(e.value)

    @hamilton_cpp.numba_column("float64(int64)")
    def from_ints(counts):
        return counts / 2

    dr = build(module("ints", from_ints=from_ints))
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        dr.execute(["from_ints"], inputs={"counts": pd.Series([1.5])})
    assert ("column `counts` has dtype float64 but the function takes int64 elements; convert it "
            "(astype) or declare the parameter float64 in the signature") in str(e.value)


def test_a_row_that_raises_is_a_node_error(build):
    @hamilton_cpp.numba_column("float64(float64)")
    def checked(values):
        if values < 0:
            raise ValueError("negative")
        return math.sqrt(values)

    dr = build(module("raises", checked=checked))
    ok = dr.execute(["checked"], inputs={"values": pd.Series([4.0, 9.0])})["checked"]
    assert ok.tolist() == [2.0, 3.0]
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        dr.execute(["checked"], inputs={"values": pd.Series([4.0, 9.0, -1.0, 2.0])})
    assert "column node `checked`: the function raised an exception at row 2;" in str(e.value)
    assert ".py_func with that row's values" in str(e.value)


# ---- errors ------------------------------------------------------------------------------------


def test_a_scalar_cfunc_that_raises_is_a_node_error(build):
    @numba.cfunc("float64(float64, int64)")
    def ratio(a, b):
        return a / b  # Numba's default error model: ZeroDivisionError

    dr = build(module("ratio", ratio=ratio))
    assert dr.execute(["ratio"], inputs={"a": 1.0, "b": 4}) == {"ratio": 0.25}
    with pytest.raises(hamilton_cpp.ExecutionError) as e:
        dr.execute(["ratio"], inputs={"a": 1.0, "b": 0})
    assert (f"cfunc node `ratio` ({line_of(ratio._pyfunc)}) raised an exception for (a=1.0, b=0); "
            "compiled Numba code does not carry its message") in str(e.value)


def test_unsupported_signatures_are_refused_with_where_and_what_works():
    @numba.cfunc(types.float64(types.CPointer(types.float64), types.int64))
    def kernel(values, n):
        return values[0]

    with pytest.raises(TypeError) as e:
        _numba.add_cfunc(_core.PyModule("m"), "kernel", kernel)
    msg = str(e.value)
    assert msg.startswith(f"cfunc `kernel` ({line_of(kernel._pyfunc)}) has the signature "
                          "float64(float64*, int64): float64* is not supported.")
    assert "float64, float32, int64, int32 or boolean" in msg and "hamilton_cpp.numba_column" in msg

    @numba.cfunc("void(float64)")
    def nothing(a):
        pass

    with pytest.raises(TypeError, match=r"none is not supported"):
        _numba.add_cfunc(_core.PyModule("m"), "nothing", nothing)

    @numba.cfunc("complex128(uint8)")
    def odd(a):
        return a

    with pytest.raises(TypeError, match=r"complex128, uint8 is not supported"):
        _numba.add_cfunc(_core.PyModule("m"), "odd", odd)

    with pytest.raises(TypeError, match=r"`plain` is function, not a numba.cfunc"):
        _numba.add_cfunc(_core.PyModule("m"), "plain", numba_funcs.bonus_doubled)


def test_defaults_and_bad_column_signatures_are_refused():
    @numba.cfunc("float64(float64, float64)")
    def with_default(a, b=1.0):
        return a + b

    with pytest.raises(TypeError) as e:
        _numba.add_cfunc(_core.PyModule("m"), "with_default", with_default)
    assert str(e.value) == (f"cfunc `with_default` ({line_of(with_default._pyfunc)}): parameter `b` "
                            "has a default value; a Numba node takes every parameter from the graph "
                            "(remove the default)")

    def row(a, b):
        return a + b

    with pytest.raises(TypeError, match=r"the function has 2 parameter\(s\) but its Numba signature 1"):
        hamilton_cpp.numba_column("float64(float64)")(row)
    with pytest.raises(TypeError, match=r"has no result type"):
        hamilton_cpp.numba_column("(float64, float64)")(row)
    with pytest.raises(TypeError, match=r"is not a Numba signature"):
        hamilton_cpp.numba_column("float64(nonsense)")(row)
    with pytest.raises(TypeError, match=r"unicode_type is not supported"):
        hamilton_cpp.numba_column("float64(float64, unicode_type)")(row)

    def nothing() -> float:
        return 1.0

    with pytest.raises(TypeError, match=r"has no column parameter: a column node needs at least one"):
        hamilton_cpp.numba_column("float64()")(nothing)
    with pytest.raises(TypeError, match=r"has no column parameter: a column node needs at least one"):
        hamilton_cpp.numba_column("float64(float64, float64)", scalars=("a", "b"))(row)
    with pytest.raises(TypeError) as e:
        hamilton_cpp.numba_column("float64(float64, float64)", scalars=["c"])(row)
    assert str(e.value).endswith("scalars names `c`, not a parameter of the function (a, b)")


def test_a_cfunc_of_the_wrong_type_for_its_consumer_is_a_graph_error(build, test_nodes):
    @numba.cfunc("float64(float64)")
    def small(a):  # small_plus_one takes an int
        return a

    with pytest.raises(hamilton_cpp.GraphError) as e:
        build(module("wrong", small=small), test_nodes)
    assert "small" in str(e.value) and "small_plus_one" in str(e.value)


def test_numba_is_imported_only_when_used():
    script = ("import sys, hamilton_cpp; before = 'numba' in sys.modules; "
              "hamilton_cpp.numba_column; print(before, 'numba' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.stdout.split() == ["False", "True"], run.stderr


def test_a_cfunc_from_numbas_cache_runs(tmp_path):
    # cache=True: the second process loads the machine code from Numba's cache
    (tmp_path / "cached_cfuncs.py").write_text(textwrap.dedent(
        """
        import numba

        @numba.cfunc("float64(float64, int64)", cache=True)
        def f(a, b):
            return a * b + 1
        """))
    script = textwrap.dedent(
        """
        import cached_cfuncs
        from hamilton_cpp import _core, _numba, driver

        pm = _core.PyModule("cached")
        _numba.add_cfunc(pm, "f", cached_cfuncs.f)
        result = driver.Builder().with_modules(pm).build().execute(["f"], inputs={"a": 2.0, "b": 3})
        print(cached_cfuncs.f.cache_hits, result["f"])
        """)
    paths = [str(tmp_path), *(p for p in sys.path if p)]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    outs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                           timeout=120, cwd=tmp_path) for _ in range(2)]
    assert [o.stdout.split() for o in outs] == [["0", "7.0"], ["1", "7.0"]], outs[-1].stderr
