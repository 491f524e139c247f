"""C++ module libraries reaching the workers: the same path, Dask upload_file, Spark addFile,
Ray runtime_env; and the error on a worker that cannot find or load one."""

from __future__ import annotations

import os
import shutil
import uuid

import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton_cpp import CppModule
from hamilton_cpp.execution import DriverRecipe, WorkerModuleError, execute_on, ship_modules

from scaleout_engines import RAY_SHIPPED
from scaleout_data import ROW_WISE, make_driver, scaleout_library, tidy, weekly
from test_scaleout_partitions import collect, to_engine

ENGINES = ["dask", "spark", "ray"]


def private_copy(tmp_path, engine: str, name: str | None = None) -> str:
    """A copy of the module library under a name no worker has seen (or ``name``)."""
    path = tmp_path / (name or f"scaleout_{engine}_{uuid.uuid4().hex[:8]}.so")
    shutil.copy(scaleout_library(), path)
    return str(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shipped_library_is_found_on_the_workers(engine, request, tmp_path):
    # Ray ships a working_dir when a job starts: the session's runtime_env holds RAY_SHIPPED.
    path = private_copy(tmp_path, engine, RAY_SHIPPED if engine == "ray" else None)
    dr = make_driver(path)
    data = weekly(n_series=2, weeks=10)
    frame = to_engine(engine, request, data, partitions=2)
    if engine == "dask":
        assert ship_modules(dr, request.getfixturevalue("dask_client")) == [os.path.basename(path)]
    elif engine == "spark":
        assert ship_modules(dr, request.getfixturevalue("spark")) == [os.path.basename(path)]
    else:
        env = ship_modules(dr, "ray", runtime_env={"env_vars": {"A": "1"}})
        assert os.listdir(env["working_dir"]) == [RAY_SHIPPED] and env["env_vars"] == {"A": "1"}
        shutil.rmtree(env["working_dir"])
    if engine == "spark":
        # Spark's executors read an added file from the driver at task time: the file stays, and
        # the recipe names a directory no worker has, as on a cluster.
        lib = dr.graph_modules[0]
        dr.graph_modules = (CppModule(f"/nonexistent/on/workers/{os.path.basename(path)}", lib.module_names),)
    else:
        os.remove(path)  # the workers must use the shipped copy
    result = collect(engine, execute_on(dr, frame, ROW_WISE, inputs={"factor": 1.5},
                                        keep=["series_id", "week"]))
    expected = pd.concat([data[["series_id", "week"]], pd.DataFrame(dr.execute(
        ROW_WISE, inputs={"spend": data.spend, "signups": data.signups, "factor": 1.5}))], axis=1)
    pdt.assert_frame_equal(tidy(result, ["series_id", "week"]), tidy(expected, ["series_id", "week"]))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_worker_without_the_library_says_where_it_looked_and_what_to_do(engine, request, tmp_path):
    path = private_copy(tmp_path, engine)
    dr = make_driver(path)
    frame = to_engine(engine, request, weekly(n_series=2, weeks=10), partitions=2)
    os.remove(path)
    with pytest.raises(Exception) as info:
        collect(engine, execute_on(dr, frame, ["spend_per_signup"]))
    message = str(info.value)
    name = os.path.basename(path)
    assert f"the C++ module library `{name}` (at {path} on the driver) is not on worker " in message
    assert "looked at: " + path in message
    assert ("Make it reach the workers: the same path on every machine, or "
            "hamilton_cpp.execution.ship_modules(dr, client) for Dask") in message
    if engine == "dask":
        assert isinstance(info.value, WorkerModuleError)


def test_a_file_that_is_not_a_module_library_is_an_error_naming_it(tmp_path):
    path = tmp_path / "broken_module.so"
    path.write_bytes(b"not an ELF file")
    with pytest.raises(WorkerModuleError, match=r"the C\+\+ module library `broken_module.so` cannot "
                                                r"be loaded on worker .* \(pid \d+\) from .*broken_module.so: "):
        DriverRecipe((("cpp", str(path)),), {}).driver()


def test_the_recipe_rebuilds_the_driver_once_per_process():
    dr = make_driver()
    recipe = DriverRecipe.of(dr)
    assert recipe.modules == (("cpp", os.path.realpath(scaleout_library())),)
    assert recipe.driver() is recipe.driver()
    assert DriverRecipe(recipe.modules, {"factor": 2.0}).driver() is not recipe.driver()
