"""Session fixtures that start Dask, Spark and Ray once per test session, on loopback only,
and stop them at the end (conftest.py imports them). Each starts only when a test asks."""

from __future__ import annotations

import glob
import os
import shutil
import sys

import pytest


def _java_home() -> str | None:
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    if java:
        return os.path.dirname(os.path.dirname(os.path.realpath(java)))
    found = sorted(glob.glob("/usr/lib/jvm/java-17-*"))
    return found[0] if found else None


#: glibc settings that keep freed memory for reuse (hamilton::retain_freed_memory's, as
#: environment variables read when a worker process starts).
RETAIN_FREED_MEMORY = {"MALLOC_TRIM_THRESHOLD_": str(1 << 30), "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
                       "MALLOC_TOP_PAD_": str(64 << 20)}


@pytest.fixture(scope="session")
def dask_client():
    """A distributed LocalCluster: 2 worker processes, 1 thread each, on 127.0.0.1."""
    distributed = pytest.importorskip("distributed")
    import dask

    # Workers keep freed memory for reuse (instead of Dask's MALLOC_TRIM_THRESHOLD_=65536, with
    # which every C++ column buffer is a fresh mmap): docs/scale-out.md.
    with dask.config.set({"distributed.nanny.pre-spawn-environ": RETAIN_FREED_MEMORY}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=40,
        )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="session")
def spark():
    """A SparkSession in local[2] mode, bound to 127.0.0.1, without UI, with Arrow."""
    pytest.importorskip("pyspark")
    java_home = _java_home()
    if java_home is None:
        pytest.skip("Spark needs Java (no java on PATH, no JAVA_HOME)")
    os.environ["JAVA_HOME"] = java_home
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("hamilton_cpp-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


#: The module library the Ray session ships with its runtime_env (ship_modules(dr, "ray")).
RAY_SHIPPED = "scaleout_ray_shipped.so"


@pytest.fixture(scope="session")
def ray_session(tmp_path_factory):
    """Ray on this machine: 2 CPUs, no dashboard, no usage statistics, 127.0.0.1; its
    runtime_env ships a copy of the scale-out test library named RAY_SHIPPED (Ray uploads a
    working_dir only when it starts a job)."""
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    os.environ["RAY_DISABLE_USAGE_STATS"] = "1"
    os.environ.setdefault("RAY_enable_metrics_collection", "0")
    ray = pytest.importorskip("ray")
    from hamilton_cpp.execution import ship_modules

    from scaleout_data import make_driver, scaleout_library

    copy = tmp_path_factory.mktemp("ray_shipped") / RAY_SHIPPED
    shutil.copy(scaleout_library(), copy)
    env = ship_modules(make_driver(str(copy)), "ray",
                       runtime_env={"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", ""),
                                                **RETAIN_FREED_MEMORY}})
    ray.init(
        num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
        log_to_driver=False, configure_logging=False, runtime_env=env,
    )
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    try:
        yield ray
    finally:
        ray.shutdown()
        shutil.rmtree(env["working_dir"], ignore_errors=True)
