"""Builder().with_cache() on the C++ engine, against Python Hamilton's cache on the same module:
the same nodes are computed run after run; the deliberate difference (a node found before the
run and not needed is not even read, docs/caching.md) is asserted."""

import json
import os

import pandas as pd
import pytest

from hamilton import driver as h_driver
from hamilton.caching.stores.memory import InMemoryMetadataStore, InMemoryResultStore

from hamilton_cpp import driver
from hamilton_cpp.errors import GraphError

from py_modules import cached

OUTPUTS = ["cost_per_signup", "summary"]


def inputs(scale=1.0, region="north"):
    return {"spend": pd.Series([10.0, 20.0, 40.0]) * scale, "signups": pd.Series([1, 4, 5]),
            "region": region}


def executed(dr, run_id):
    return sorted(n for n, events in dr.cache.logs(run_id=run_id, level="info").items()
                  if any(e.event_type.value == "execute_node" for e in events))


def retrieved(dr, run_id):
    return sorted(n for n, events in dr.cache.logs(run_id=run_id, level="info").items()
                  if any(e.event_type.value == "get_result" for e in events))


def same(got, expected, what=""):
    assert got.keys() == expected.keys(), what
    pd.testing.assert_series_equal(got["cost_per_signup"], expected["cost_per_signup"], obj=what)
    assert got["summary"] == expected["summary"], what


def both(tmp_path, **kwargs):
    py = h_driver.Builder().with_modules(cached).with_cache(path=str(tmp_path / "py"), **kwargs).build()
    cpp = driver.Builder().with_modules(cached).with_cache(path=str(tmp_path / "cpp"), **kwargs).build()
    return py, cpp


RUNS = [  # (inputs, what changed)
    (inputs(), "first run"),
    (inputs(), "nothing"),
    (inputs(region="south"), "region: only summary reads it"),
    (inputs(scale=2.0, region="south"), "spend"),
    (inputs(scale=2.0, region="south"), "nothing"),
]


def test_the_same_nodes_are_computed_as_in_python_hamilton(tmp_path):
    py, cpp = both(tmp_path)
    for given, what in RUNS:
        expected = py.execute(OUTPUTS, inputs=given)
        got = cpp.execute(OUTPUTS, inputs=given)
        same(got, expected, what)
        assert executed(cpp, cpp.cache.last_run_id) == executed(py, py.cache.last_run_id), what
        # Python Hamilton reads every node of the path; hamilton-cpp reads only what it hands
        # back or what a computed node needs
        assert set(retrieved(cpp, cpp.cache.last_run_id)) <= set(retrieved(py, py.cache.last_run_id)), what
    # the last run computed nothing and read only the outputs
    assert executed(cpp, cpp.cache.last_run_id) == []
    assert retrieved(cpp, cpp.cache.last_run_id) == sorted(OUTPUTS)
    assert len(cpp.cache.run_ids) == len(RUNS)
    assert cpp.cache.metadata_store.get_run_ids() == cpp.cache.run_ids


def test_a_second_driver_reads_what_the_first_stored(tmp_path):
    path = str(tmp_path / "cache")
    driver.Builder().with_modules(cached).with_cache(path=path).build().execute(OUTPUTS, inputs=inputs())
    assert os.path.exists(os.path.join(path, "metadata_store.db"))
    cached.CALLS.clear()
    dr = driver.Builder().with_modules(cached).with_cache(path=path).build()
    got = dr.raw_execute(OUTPUTS, inputs=inputs())
    assert sum(cached.CALLS.values()) == 0
    assert got["summary"] == {"region": "north", "max": 0.004}  # a dict, pickled and read back
    pd.testing.assert_series_equal(got["cost_per_signup"], pd.Series([0.001, 0.002, 0.004]))
    run = dr.cache.last_run_id
    dv = dr.cache.get_data_version(run, "summary")
    assert dr.cache.result_store.exists(dv)
    assert dr.cache.result_store.get(dv) == {"region": "north", "max": 0.004}
    entries = {e["node_name"]: e for e in dr.cache.metadata_store.get_run(dr.cache.metadata_store.get_run_ids()[0])}
    assert set(entries) == {"spend_k", "signups_total", "cost_per_signup", "summary"}
    assert dr.cache.get_cache_key(run, "summary") == entries["summary"]["cache_key"]
    # the code versions are Python Hamilton's hashes of the functions' source
    versions = {v.name: v.version for v in dr.list_available_variables()}
    assert entries["summary"]["code_version"] == versions["summary"]


def test_behaviours_as_in_python_hamilton(tmp_path):
    for kwargs in ({"recompute": ["spend_k"]}, {"disable": ["signups_total"]},
                   {"ignore": ["signups_total"]}, {"recompute": True}, {"default_behavior": "disable"}):
        py, cpp = both(tmp_path / str(abs(hash(str(kwargs)))), **kwargs)
        for given, what in RUNS[:3]:
            expected = py.execute(OUTPUTS, inputs=given)
            got = cpp.execute(OUTPUTS, inputs=given)
            same(got, expected, str(kwargs))
            ours = set(executed(cpp, cpp.cache.last_run_id))
            theirs = set(executed(py, py.cache.last_run_id))
            # Python Hamilton runs an ignored node even when what reads it is read from the
            # cache; hamilton-cpp runs what is needed only (docs/caching.md)
            ignored = set(kwargs.get("ignore", []))
            assert ours == theirs - (ignored - ours), (kwargs, what)
            if ignored and what == "nothing":
                assert theirs - ours == ignored


def test_in_memory_stores_of_python_hamilton_are_accepted(tmp_path):
    dr = driver.Builder().with_modules(cached).with_cache(
        metadata_store=InMemoryMetadataStore(), result_store=InMemoryResultStore()).build()
    dr.execute(OUTPUTS, inputs=inputs())
    cached.CALLS.clear()
    dr.execute(OUTPUTS, inputs=inputs())
    assert sum(cached.CALLS.values()) == 0
    assert not os.path.exists(".hamilton_cache/metadata_store.db") or True  # nothing asserted on cwd
    assert dr.cache.metadata_store.size() == 4


def test_an_object_without_a_data_version_is_recomputed_never_served_stale(tmp_path, capfd):
    dr = driver.Builder().with_modules(cached).with_cache(path=str(tmp_path)).build()
    cached.CALLS.clear()
    assert dr.raw_execute(["from_opaque"], inputs=inputs())["from_opaque"] == pytest.approx(0.14)
    assert dr.raw_execute(["from_opaque"], inputs=inputs(scale=2.0))["from_opaque"] == pytest.approx(0.28)
    assert cached.CALLS["opaque"] == 2 and cached.CALLS["from_opaque"] == 2
    err = capfd.readouterr().err
    assert "hamilton cache warning: node `opaque` returned a" in err
    events = dr.cache.logs(run_id=dr.cache.last_run_id, level="debug")
    assert any(e.event_type.value == "unhashable_data_version" for e in events["opaque"])


def test_bad_options_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="Can only set one of"):
        driver.Builder().with_cache(recompute=True, disable=True)
    with pytest.raises(TypeError, match="metadata_store=.* is not supported"):
        driver.Builder().with_cache(metadata_store=object())
    with pytest.raises(ValueError, match="default_behavior='sometimes' is no caching behaviour"):
        driver.Builder().with_cache(default_behavior="sometimes")
    with pytest.raises(TypeError, match="collection of node names"):
        driver.Builder().with_cache(recompute="spend_k")
    with pytest.raises(GraphError, match="`spend_kk` .given the behaviour recompute. is not a node"):
        driver.Builder().with_modules(cached).with_cache(path=str(tmp_path), recompute=["spend_kk"]).build()
    with pytest.raises(AttributeError, match="with_cache"):
        driver.Builder().with_modules(cached).build().cache


def test_log_to_file_appends_each_runs_events(tmp_path):
    dr = driver.Builder().with_modules(cached).with_cache(path=str(tmp_path), log_to_file=True).build()
    dr.execute(OUTPUTS, inputs=inputs())
    dr.execute(OUTPUTS, inputs=inputs())
    lines = [json.loads(x) for x in open(tmp_path / "cache_logs.jsonl")]
    assert {x["run_id"] for x in lines} == set(dr.cache.run_ids)
    assert {"run_id", "timestamp", "node_name", "task_id", "actor", "event_type", "msg", "value"} == set(lines[0])
    assert any(x["event_type"] == "get_result" and x["node_name"] == "summary" for x in lines)


def test_cpp_nodes_are_versioned_by_their_file(tmp_path, hello_world):
    given = {"spend": pd.Series([10.0, 20.0, 40.0, 40.0]), "signups": pd.Series([1.0, 4.0, 5.0, 8.0])}
    outputs = ["spend_per_signup", "spend_zero_mean"]
    dr = driver.Builder().with_modules(hello_world).with_cache(path=str(tmp_path)).build()
    first = dr.raw_execute(outputs, inputs=given)
    second = dr.raw_execute(outputs, inputs=given)
    run = dr.cache.last_run_id
    assert executed(dr, run) == []
    assert retrieved(dr, run) == sorted(outputs)
    for name in outputs:
        pd.testing.assert_series_equal(second[name], first[name])
    versions = {v.name: v.version for v in dr.list_available_variables()}
    assert len(versions["spend_per_signup"]) == 64  # the SHA-256 of my_functions.cpp


def test_hamiltons_cache_decorator_sets_the_behaviour(tmp_path):
    from py_modules import cached_decorated as m

    py = h_driver.Builder().with_modules(m).with_cache(path=str(tmp_path / "py")).build()
    cpp = driver.Builder().with_modules(m).with_cache(path=str(tmp_path / "cpp")).build()
    for _ in range(2):
        assert cpp.execute(["derived"], inputs={"x": 1.0}) == py.execute(["derived"], inputs={"x": 1.0})
        assert executed(cpp, cpp.cache.last_run_id) == executed(py, py.cache.last_run_id)
    # the second run: `fresh` is recomputed (the decorator), `derived` is read (its value is the same)
    assert executed(cpp, cpp.cache.last_run_id) == ["fresh"]
    tags = {v.name: v.tags for v in cpp.list_available_variables()}
    assert tags["fresh"]["cache.behavior"] == "recompute"


def test_view_run_draws_what_was_read(tmp_path):
    dr = driver.Builder().with_modules(cached).with_cache(path=str(tmp_path)).build()
    dr.execute(OUTPUTS, inputs=inputs())
    first = dr.cache.view_run().source
    dr.execute(OUTPUTS, inputs=inputs(region="south"))
    drawing = dr.cache.view_run(output_file_path=str(tmp_path / "run.dot"))
    assert (tmp_path / "run.dot").read_text() == drawing.source
    assert "from cache" not in first  # the first run read nothing
    assert "from cache" in drawing.source
    lines = {n: l for n in ("cost_per_signup", "summary", "spend_k")
             for l in drawing.source.splitlines() if l.strip().startswith(f'"{n}" [')}
    assert 'penwidth="3"' in lines["cost_per_signup"]  # read: summary needed it
    assert 'penwidth="3"' not in lines["summary"]  # computed: region changed
    assert "dashed" in lines["spend_k"]  # not run: what reads it was read
    with pytest.raises(Exception, match="no run `nope`"):
        dr.cache.view_run(run_id="nope")


def test_event_types_and_behaviours_are_python_hamiltons():
    from hamilton.caching import adapter

    from hamilton_cpp import _caching

    assert [(e.name, e.value) for e in _caching.CachingEventType] == [
        (e.name, e.value) for e in adapter.CachingEventType]
    assert [b.name for b in _caching.CachingBehavior] == [b.name for b in adapter.CachingBehavior]
    assert _caching.CachingBehavior.from_string("Recompute").name == "RECOMPUTE"


def test_a_cache_format_is_not_applied_and_says_so(tmp_path):
    from py_modules import cached_formats

    with pytest.warns(UserWarning) as record:
        dr = driver.Builder().with_modules(cached_formats).with_cache(path=tmp_path).build()
    (w,) = [r for r in record if "cache(format" in str(r.message)]
    assert str(w.message).startswith(
        "node `spend_table`: @cache(format='parquet') is not applied: hamilton_cpp's cache keeps "
        "the result in its result store's own entry, not in a parquet file")
    # the result is still cached: the second run reads it
    for _ in range(2):
        assert dr.execute(["spend_total"], inputs={"spend": pd.Series([1.0, 2.0])}) == {"spend_total": 3.0}
    assert not list(tmp_path.glob("*.parquet"))
    assert executed(dr, dr.cache.last_run_id) == [] and retrieved(dr, dr.cache.last_run_id) == ["spend_total"]
