"""Deadlines and cancellation from Python (hamilton_cpp's own keywords of execute): nodes not
started when the timeout passes or the token is cancelled are not run; RunStoppedError, or the
partial result under a GracefulErrorAdapter (docs/failures.md)."""

import pytest

import hamilton_cpp
from hamilton_cpp import driver, lifecycle
from hamilton_cpp.errors import RunStoppedError

from py_modules import slow_chain


def test_a_timeout_stops_the_run_before_the_nodes_not_started():
    dr = driver.Builder().with_modules(slow_chain).build()
    for _ in range(2):  # by name, then the compiled plan of the repeated request
        with pytest.raises(RunStoppedError, match="deadline passed") as info:
            dr.execute(["last"], inputs={"x": 1}, timeout=0.05)
        assert isinstance(info.value, TimeoutError)
        assert info.value.cancelled is False
        assert info.value.not_run == ["after", "last"]
        assert info.value.outputs == ["last"]
    assert dr.execute(["last"], inputs={"x": 1}, timeout=30) == {"last": 5}
    assert dr.execute(["last"], inputs={"x": 1}) == {"last": 5}


def test_with_a_graceful_adapter_the_partial_result_comes_back():
    adapter = lifecycle.GracefulErrorAdapter(error_to_catch=Exception, sentinel_value="late")
    dr = driver.Builder().with_modules(slow_chain).with_adapters(adapter).build()
    got = dr.execute(["slow", "last"], inputs={"x": 1}, timeout=0.05)
    assert got == {"slow": 3, "last": "late"}
    assert [(f.node, f.status) for f in dr.last_failures] == [("after", "deadline"), ("last", "deadline")]
    assert dr.last_failures[0].message.startswith("not started: the run's deadline passed ")


def test_a_token_cancelled_during_the_run():
    dr = driver.Builder().with_modules(slow_chain).build()
    slow_chain.TOKEN = token = hamilton_cpp.CancellationToken()
    assert token.cancelled is False
    with pytest.raises(RunStoppedError, match="the run was cancelled") as info:
        dr.execute(["after_cancel"], inputs={"x": 1}, cancellation=token)
    assert info.value.cancelled is True
    assert info.value.not_run == ["after_cancel"]
    assert token.cancelled is True
    # a cancelled token stops every run given it; another token does not
    with pytest.raises(RunStoppedError):
        dr.execute(["first"], inputs={"x": 1}, cancellation=token)
    assert dr.execute(["first"], inputs={"x": 1}, cancellation=hamilton_cpp.CancellationToken()) == {"first": 2}


def test_bad_arguments_are_refused():
    dr = driver.Builder().with_modules(slow_chain).build()
    with pytest.raises(TypeError, match="cancellation must be a hamilton_cpp.CancellationToken"):
        dr.execute(["first"], inputs={"x": 1}, cancellation=object())
    with pytest.raises(ValueError, match="timeout must be a number of seconds >= 0"):
        dr.execute(["first"], inputs={"x": 1}, timeout=-1)
