"""Python Hamilton's GracefulErrorAdapter on the C++ engine: the same modules run by
apache-hamilton's driver and by hamilton_cpp's, with the same adapter, give the same results;
the deliberate differences (docs/failures.md) are asserted."""

import textwrap

import pytest

from hamilton import driver as h_driver
from hamilton.lifecycle import default as h_default

import hamilton_cpp
from hamilton_cpp import driver, lifecycle
from hamilton_cpp.errors import ExecutionError

from py_modules import graceful, graceful_parallel, graceful_root

OUTPUTS = ["will_proceed", "never_reached", "chained", "report", "doubled_again"]


def both(modules, adapter_py, adapter_cpp=None, dynamic=False, cpp_modules=None):
    hb = h_driver.Builder().with_modules(*modules).with_adapters(adapter_py)
    cb = driver.Builder().with_modules(*(cpp_modules or modules)).with_adapters(adapter_cpp or adapter_py)
    if dynamic:
        hb = hb.enable_dynamic_execution(allow_experimental_mode=True)
        cb = cb.enable_dynamic_execution(allow_experimental_mode=True)
    return hb.build(), cb.build()


def test_hamiltons_docstring_example():
    py, cpp = both([graceful], h_default.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed))
    expected = py.execute(["will_proceed", "never_reached"])
    assert expected == {"will_proceed": 1, "never_reached": None}
    assert cpp.execute(["will_proceed", "never_reached"]) == expected


@pytest.mark.parametrize("x", [-1, 2])
def test_same_results_as_python_hamilton(x):
    adapter = h_default.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed, sentinel_value=None)
    py, cpp = both([graceful], adapter)
    expected = py.execute(OUTPUTS, inputs={"x": x})
    got = cpp.execute(OUTPUTS, inputs={"x": x})
    assert got == expected
    # the node that accepts error sentinels ran with None for what failed
    assert got["report"] == {"will_proceed": 1, "wont_proceed": None,
                             "maybe_fails": None if x < 0 else 4}
    # and the compiled plan of a repeated request gives the same
    assert cpp.execute(OUTPUTS, inputs={"x": x}) == expected


def test_a_sentinel_of_ones_own():
    sentinel = object()
    adapter = h_default.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed, sentinel_value=sentinel)
    py, cpp = both([graceful], adapter)
    expected = py.execute(OUTPUTS, inputs={"x": -1})
    got = cpp.execute(OUTPUTS, inputs={"x": -1})
    assert got.keys() == expected.keys()
    for name in OUTPUTS:
        if expected[name] is sentinel:
            assert got[name] is sentinel, name
        else:
            assert got[name] == expected[name], name
    assert got["report"]["wont_proceed"] is sentinel


def test_without_injection_the_node_is_skipped_too():
    adapter = h_default.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed, allow_injection=False)
    py, cpp = both([graceful], adapter)
    expected = py.execute(["report"], inputs={"x": 1})
    assert expected == {"report": None}
    assert cpp.execute(["report"], inputs={"x": 1}) == expected


def test_an_error_the_adapter_does_not_catch_stops_the_run():
    py, cpp = both([graceful], h_default.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed))
    with pytest.raises(KeyError, match="unlucky"):
        py.execute(["unlucky"], inputs={"x": 13})
    with pytest.raises(ExecutionError, match="node `unlucky`") as info:
        cpp.execute(["unlucky"], inputs={"x": 13})
    assert isinstance(info.value.__cause__, KeyError)  # what the function raised, with its traceback


def test_hamilton_cpps_own_adapter_class_and_the_failures():
    adapter = lifecycle.GracefulErrorAdapter(error_to_catch=graceful.DoNotProceed)
    cpp = driver.Builder().with_modules(graceful).with_adapters(adapter).build()
    got = cpp.execute(["chained", "doubled_again"], inputs={"x": -1})
    assert got == {"chained": None, "doubled_again": None}
    failures = cpp.last_failures
    # in the order the plan runs them: `maybe_fails` releases the input `x` first
    assert [(f.node, f.status, f.cause) for f in failures] == [
        ("maybe_fails", "failed", ""),
        ("doubled_again", "skipped", "maybe_fails"),
        ("wont_proceed", "failed", ""),
        ("never_reached", "skipped", "wont_proceed"),
        ("chained", "skipped", "wont_proceed"),
    ]
    failed = {f.node: f for f in failures}
    assert isinstance(failed["maybe_fails"].exception, graceful.DoNotProceed)
    assert str(failed["maybe_fails"].exception) == "x is -1"
    assert failed["doubled_again"].message == "needs `maybe_fails`, which failed: DoNotProceed: x is -1"
    assert lifecycle.accept_error_sentinels is h_default.accept_error_sentinels
    with pytest.raises(TypeError, match="error_to_catch must be an exception class"):
        lifecycle.GracefulErrorAdapter(error_to_catch="DoNotProceed")
    # a good run: nothing listed
    assert cpp.execute(["doubled_again"], inputs={"x": 1}) == {"doubled_again": 4}
    assert cpp.last_failures == []


CPP_NODES = """
#include <cmath>
#include <stdexcept>
#include <hamilton/node.hpp>
HAMILTON_MODULE(graceful_cpp);
NODE(double, root, (double y)) {
  if (y < 0) throw std::invalid_argument("y must not be negative");
  return std::sqrt(y);
}
NODE(double, root_plus_one, (double root)) { return root + 1; }
"""



def test_a_cpp_nodes_error_is_caught_as_the_python_exception_nanobind_gives(tmp_path):
    src = tmp_path / "graceful_nodes.cpp"
    src.write_text(textwrap.dedent(CPP_NODES))
    cpp_module = hamilton_cpp.load_cpp(src, cache=tmp_path / "cache")
    py_module = graceful_root  # the same nodes in Python
    adapter = h_default.GracefulErrorAdapter(error_to_catch=ValueError)
    py = h_driver.Builder().with_modules(py_module, graceful).with_adapters(adapter).build()
    cpp = driver.Builder().with_modules(cpp_module, graceful).with_adapters(adapter).build()
    outputs = ["root_plus_one", "will_proceed"]
    for y in (-4.0, 4.0):
        expected = py.execute(outputs, inputs={"y": y})
        assert cpp.execute(outputs, inputs={"y": y}) == expected
    assert py.execute(outputs, inputs={"y": -4.0}) == {"root_plus_one": None, "will_proceed": 1}
    cpp.execute(outputs, inputs={"y": -4.0})
    (failed, skipped) = cpp.last_failures
    assert isinstance(failed.exception, ValueError) and failed.node == "root"
    assert skipped.node == "root_plus_one" and skipped.cause == "root"
    # an error class that does not match a C++ std::invalid_argument stops the run
    strict = driver.Builder().with_modules(cpp_module, graceful).with_adapters(
        h_default.GracefulErrorAdapter(error_to_catch=KeyError)).build()
    with pytest.raises(ExecutionError, match="y must not be negative"):
        strict.execute(outputs, inputs={"y": -4.0})


def test_difference_a_failed_item_is_left_out_of_the_collect():
    """Python Hamilton puts the sentinel where the failed item was; hamilton_cpp leaves the item
    out (C++ Collect values are typed) and lists it in last_failures (docs/failures.md)."""
    adapter = h_default.GracefulErrorAdapter(error_to_catch=graceful_parallel.DoNotProceed)
    py, cpp = both([graceful_parallel], adapter, dynamic=True)
    assert py.execute(["gather"]) == {"gather": [0, 1, 2, None, 4]}
    assert cpp.execute(["gather"]) == {"gather": [0, 1, 2, 4]}
    (failure,) = cpp.last_failures
    assert (failure.node, failure.status, failure.item) == ("inner", "failed", 3)
