"""Node by node: C++ nodes (hamilton_cpp.as_module) beside Python functions under
apache-hamilton's own Dask and Ray adapters, each node a task on a worker, against the same
graph run by Python Hamilton in one process with the talk's Python functions
(docs/scale-out.md)."""

from __future__ import annotations

import os
import shutil
import sys

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hamilton import base as hbase
from hamilton import driver as hdriver

import hamilton_cpp
from hamilton_cpp._as_module import _PREFIX
from hamilton_cpp.execution import WorkerModuleError

from as_module import python_features
from hello_world_py import my_functions as py_hello

OUTPUTS = ["spend", "signups", "avg_3wk_spend", "spend_per_signup", "spend_zero_mean_unit_variance",
           "spend_ratio"]
RAW = {"spend": pd.Series([10.0, 10, 20, 40, 40, 50, 60, 55]),
       "raw_signups": [1, 10, 50, 100, 200, 400, 350, 500]}


@pytest.fixture(scope="module")
def hello(hello_world):
    return hamilton_cpp.as_module(hello_world)


def python_only() -> pd.DataFrame:
    """The talk's hello world, every function in Python, in one process."""
    dr = hdriver.Driver({}, py_hello, python_features)
    return dr.execute(OUTPUTS, inputs=RAW)


def as_module_names() -> list[str]:
    return sorted(m for m in sys.modules if m.startswith(_PREFIX))


def test_dask_graph_adapter_runs_cpp_nodes_as_tasks_on_the_workers(dask_client, hello):
    from hamilton.plugins import h_dask

    adapter = h_dask.DaskGraphAdapter(dask_client, hbase.PandasDataFrameResult(),
                                      use_delayed=True, compute_at_end=True)
    # The talk's Dask driver script, with the C++ module in place of the Python one.
    dr = hdriver.Driver({}, hello, python_features, adapter=adapter)
    result = dr.execute(OUTPUTS, inputs=RAW)
    pdt.assert_frame_equal(result, python_only())
    # The C++ nodes ran in the worker processes: each imported the module by its name.
    on_workers = dask_client.run(as_module_names)
    assert len(on_workers) == 2
    assert any(hello.__name__ in names for names in on_workers.values()), on_workers


def test_dask_graph_adapter_reports_a_cpp_node_that_throws(dask_client, test_nodes):
    from hamilton.plugins import h_dask

    nodes = hamilton_cpp.as_module(test_nodes)
    adapter = h_dask.DaskGraphAdapter(dask_client, hbase.DictResult(), use_delayed=True)
    dr = hdriver.Driver({}, nodes, adapter=adapter)
    with pytest.raises(hamilton_cpp.ExecutionError) as info:
        dr.execute(["checked_sqrt"], inputs={"x": -1.0})
    assert info.value.node == "checked_sqrt"
    assert "x must not be negative" in str(info.value)


def test_a_dask_collection_reaching_a_cpp_node_says_what_to_do(dask_client, hello):
    import dask.dataframe as dd
    from hamilton.plugins import h_dask

    adapter = h_dask.DaskGraphAdapter(dask_client, hbase.DictResult(), use_delayed=False,
                                      compute_at_end=False)
    dr = hdriver.Driver({}, hello, adapter=adapter)
    spend = dd.from_pandas(RAW["spend"], npartitions=2)
    with pytest.raises(TypeError) as info:
        dr.execute(["avg_3wk_spend"], inputs={"spend": spend})
    message = str(info.value)
    assert "argument `spend` of C++ node `avg_3wk_spend`" in message
    assert "not Dask collections" in message and "hamilton_cpp.execution.execute_on" in message


def compiled_elsewhere(tmp_path, name: str):
    """A module library of its own (module `name`, one node), loaded here, then removed from
    the path it was loaded from: a worker cannot find it there."""
    source = tmp_path / f"{name}.cpp"
    source.write_text(
        "#include <hamilton/frame.hpp>\n#include <hamilton/node.hpp>\n"
        f"HAMILTON_MODULE({name});\n"
        "NODE(hamilton::Series, spend_twice, (const hamilton::Series& spend)) {\n"
        "  return spend * 2.0;\n}\n")
    lib = hamilton_cpp.load_cpp(source, cache=tmp_path / "cache")
    return lib, hamilton_cpp.as_module(lib)


def test_a_library_uploaded_to_the_workers_is_found_there(dask_client, tmp_path):
    """The module library reaches the workers by Client.upload_file, not by its path."""
    from hamilton.plugins import h_dask

    lib, nodes = compiled_elsewhere(tmp_path, "uploaded_nodes")
    dask_client.upload_file(lib.path, load=False)
    os.unlink(lib.path)
    adapter = h_dask.DaskGraphAdapter(dask_client, hbase.PandasDataFrameResult(), use_delayed=True)
    dr = hdriver.Driver({}, nodes, adapter=adapter)
    result = dr.execute(["spend_twice"], inputs={"spend": RAW["spend"]})
    pdt.assert_frame_equal(result, pd.DataFrame({"spend_twice": RAW["spend"] * 2.0}))
    assert any(nodes.__name__ in names for names in dask_client.run(as_module_names).values())


def test_a_worker_without_the_library_names_it_and_where_it_looked(dask_client, tmp_path):
    from hamilton.plugins import h_dask

    lib, nodes = compiled_elsewhere(tmp_path, "never_shipped_nodes")
    os.unlink(lib.path)
    adapter = h_dask.DaskGraphAdapter(dask_client, hbase.DictResult(), use_delayed=True)
    dr = hdriver.Driver({}, nodes, adapter=adapter)
    with pytest.raises(Exception) as info:
        dr.execute(["spend_twice"], inputs={"spend": RAW["spend"]})
    message = str(info.value)
    assert isinstance(info.value, WorkerModuleError), message
    assert message.startswith("C++ node `spend_twice` (hamilton_cpp.as_module of module "
                              "`never_shipped_nodes`) cannot run here: the C++ module library "
                              f"`{os.path.basename(lib.path)}` (at {lib.path} on the driver) is "
                              "not on worker "), message
    assert "looked at:" in message and "ship_modules" in message
    # The worker survived the failed task.
    assert len(dask_client.run(os.getpid)) == 2


def test_ray_graph_adapter_runs_cpp_nodes_as_ray_tasks(ray_session, hello):
    from hamilton.plugins import h_ray

    from ray import cloudpickle

    adapter = h_ray.RayGraphAdapter(result_builder=hbase.PandasDataFrameResult())
    dr = hdriver.Driver({}, hello, python_features, adapter=adapter)
    # The test's Python module is not installed where Ray's workers look (they do not inherit
    # the test's sys.path): its functions travel by value. The C++ ones go by reference.
    cloudpickle.register_pickle_by_value(python_features)
    try:
        result = dr.execute(OUTPUTS, inputs=RAW)
    finally:
        cloudpickle.unregister_pickle_by_value(python_features)
    pdt.assert_frame_equal(result, python_only())

    prefix = _PREFIX

    @ray_session.remote
    def imported() -> list[str]:  # by value: the test module is not importable on Ray workers
        return [m for m in sys.modules if m.startswith(prefix)]

    # Ray's worker processes (2 CPUs) imported the module to run its nodes.
    seen = set()
    for names in ray_session.get([imported.remote() for _ in range(8)]):
        seen.update(names)
    assert hello.__name__ in seen, seen


def test_spark_udf_adapter_needs_column_types_a_cpp_node_has_only_at_run_time(spark, hello):
    """Hamilton's PySparkUDFGraphAdapter makes a pandas UDF of a function annotated
    htypes.column[pd.Series, T]; a C++ Series node's element type is known only when it runs,
    so the adapter refuses it (docs/scale-out.md: use execute_on for Spark)."""
    from hamilton.plugins import h_spark

    frame = spark.createDataFrame(pd.DataFrame({"spend": RAW["spend"], "signups": RAW["spend"]}))
    dr = hdriver.Driver({}, hello, adapter=h_spark.PySparkUDFGraphAdapter())
    with pytest.raises(ValueError, match=r"spend_per_signup needs to be annotated with "
                                         r"htypes.column\[pd.Series, TYPE\]"):
        dr.execute(["spend_per_signup"], inputs={"spend": frame, "signups": frame})
