"""Partition-wise scale-out of a compiled plan: 100 C++ nodes over N rows in 16 partitions,
on a Dask LocalCluster (2 worker processes, 1 thread each) and on Ray (2 CPUs) against the
same plan in one process; with --node-by-node, also apache-hamilton's DaskGraphAdapter on the
same graph. Prints medians and ratios (docs/scale-out.md, docs/performance.md).

    PYTHONPATH=<installed hamilton_cpp> python bench/python_scaleout.py --rows 2000000 --repeat 5

The data is made on the workers and kept there (persist / materialize), and so are the
results: the times are the plan's work plus the engine's scheduling, not moving the rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import pandas as pd

CHAINS, DEPTH = 10, 10  # 100 nodes


def module_source() -> str:
    lines = [
        "#include <hamilton/frame.hpp>",
        "#include <hamilton/node.hpp>",
        "using hamilton::Series;",
        "HAMILTON_MODULE(scaleout_bench);",
    ]
    for c in range(CHAINS):
        for d in range(DEPTH):
            prev = f"c{c}_{d - 1}" if d else "a"
            other = "b" if d % 2 else "a"
            body = f"return {prev} * {1.0 + 0.01 * (c + 1)} + {other} * {0.5 + 0.01 * d};"
            if d % 3 == 2:
                body = f"return ({prev} - {other}) / ({other} + 1.0);"
            lines.append(
                f'NODE(Series, c{c}_{d}, (const Series& {prev}, const Series& {other}), '
                f'tag("scale_out.rows", "within")) {{ {body} }}'
                if prev != other else
                f'NODE(Series, c{c}_{d}, (const Series& {prev}), tag("scale_out.rows", "within")) '
                f'{{ return {prev} * {1.0 + 0.01 * (c + 1)} + 0.5; }}'
            )
    return "\n".join(lines) + "\n"


FINAL = [f"c{c}_{DEPTH - 1}" for c in range(CHAINS)]


def python_module_source() -> str:
    """The same 100 nodes as Python functions of pandas Series (what apache-hamilton runs)."""
    lines = ["import pandas as pd", ""]
    for c in range(CHAINS):
        for d in range(DEPTH):
            prev = f"c{c}_{d - 1}" if d else "a"
            other = "b" if d % 2 else "a"
            if prev == other:
                params, body = f"{prev}: pd.Series", f"{prev} * {1.0 + 0.01 * (c + 1)} + 0.5"
            else:
                params = f"{prev}: pd.Series, {other}: pd.Series"
                body = f"{prev} * {1.0 + 0.01 * (c + 1)} + {other} * {0.5 + 0.01 * d}"
                if d % 3 == 2:
                    body = f"({prev} - {other}) / ({other} + 1.0)"
            lines += [f"def c{c}_{d}({params}) -> pd.Series:", f"    return {body}", ""]
    return "\n".join(lines)


def node_by_node(client, frame, whole: pd.DataFrame, repeat: int, partition_wise: float,
                 library) -> None:
    """apache-hamilton's DaskGraphAdapter on the same graph: its Python functions over Dask
    Series (the partitions stay on the workers), and, one task per node on whole pandas
    columns (use_delayed=True), the Python functions and the C++ nodes (as_module)."""
    import importlib.util

    from dask.distributed import wait
    from hamilton import base as hbase
    from hamilton import driver as hdriver
    from hamilton.plugins import h_dask

    import hamilton_cpp

    path = os.path.join(tempfile.mkdtemp(prefix="scaleout_bench_py_"), "scaleout_bench_py.py")
    with open(path, "w") as f:
        f.write(python_module_source())
    spec = importlib.util.spec_from_file_location("scaleout_bench_py", path)
    pymod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pymod)
    client.run(lambda p=os.path.dirname(path): __import__("sys").path.insert(0, p))
    sys.path.insert(0, os.path.dirname(path))
    sys.modules["scaleout_bench_py"] = pymod

    lazy = hdriver.Driver({}, pymod, adapter=h_dask.DaskGraphAdapter(
        client, h_dask.DaskDataFrameResult(), use_delayed=False, compute_at_end=False))

    def run_lazy():
        out = lazy.execute(FINAL, inputs={"a": frame.a, "b": frame.b}).persist()
        wait(out)
        released(client, out)

    run_lazy()
    t = median_of(run_lazy, repeat)
    print(f"  apache-hamilton DaskGraphAdapter, Python functions on Dask Series (use_delayed=False)"
          f"  {t:8.3f} s   hamilton-cpp partition-wise {t / partition_wise:5.2f}x faster")

    inputs = {"a": whole.a, "b": whole.b}
    for label, module in (("Python functions", pymod),
                          ("C++ nodes (as_module)", hamilton_cpp.as_module(library))):
        delayed = hdriver.Driver({}, module, adapter=h_dask.DaskGraphAdapter(
            client, hbase.DictResult(), use_delayed=True, compute_at_end=True))
        delayed.execute(FINAL, inputs=inputs)
        t = median_of(lambda: delayed.execute(FINAL, inputs=inputs), repeat)
        print(f"  apache-hamilton DaskGraphAdapter, {label}, a task per node (use_delayed=True)"
              f"  {t:8.3f} s   hamilton-cpp partition-wise {t / partition_wise:5.2f}x faster")



def make_partition(i: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(i)
    return pd.DataFrame({"a": rng.uniform(1, 2, rows), "b": rng.uniform(1, 2, rows)})


def released(client, out) -> None:
    """Releases ``out``'s results and waits until the scheduler holds only the persisted input
    partitions again, so that the next run computes (its keys are the same) instead of reusing
    results still in memory."""
    import time as _time

    keys = set(out.__dask_keys__()) if hasattr(out, "__dask_keys__") else set()
    client.cancel(out)
    deadline = _time.monotonic() + 30
    while _time.monotonic() < deadline:
        left = client.run_on_scheduler(
            lambda dask_scheduler, keys=keys: sum(1 for k in keys if k in dask_scheduler.tasks))
        if not left:
            return
        _time.sleep(0.01)
    raise RuntimeError("the scheduler kept the results of the last run")


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--engines", default="dask,ray")
    ap.add_argument("--node-by-node", action="store_true",
                    help="also apache-hamilton's DaskGraphAdapter on the same graph (Dask, freed "
                         "memory kept)")
    args = ap.parse_args()

    import hamilton_cpp
    from hamilton_cpp import driver
    from hamilton_cpp.execution import execute_on

    src = os.path.join(tempfile.mkdtemp(prefix="scaleout_bench_"), "scaleout_bench.cpp")
    with open(src, "w") as f:
        f.write(module_source())
    module = hamilton_cpp.load_cpp(src)
    dr = driver.Builder().with_modules(module).build()
    assert len([v for v in dr.list_available_variables() if v.role == "function"]) == CHAINS * DEPTH

    per = args.rows // args.partitions
    whole = pd.concat([make_partition(i, per) for i in range(args.partitions)], ignore_index=True)
    inputs = {"a": whole.a, "b": whole.b}
    dr.raw_execute(FINAL, inputs=inputs)  # warm
    one = median_of(lambda: dr.raw_execute(FINAL, inputs=inputs), args.repeat)
    print(f"{CHAINS * DEPTH} C++ nodes, {per * args.partitions:,} rows, {args.partitions} partitions, "
          f"median of {args.repeat}")
    print(f"  one process (dr.execute)            {one:8.3f} s")

    if "dask" in args.engines:
        import dask
        import dask.dataframe as dd
        from distributed import Client, LocalCluster, get_task_stream, wait

        # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's
        # dynamic mmap threshold: every column buffer is then a fresh mmap (docs/scale-out.md).
        # The third keeps freed memory for reuse, as hamilton::retain_freed_memory() does.
        gib = str(1 << 30)
        for label, environ in (("Dask default worker environment", None),
                               ("freed memory kept: TRIM 1 GiB, MMAP 32 MiB",
                                {"MALLOC_TRIM_THRESHOLD_": gib, "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
                                 "MALLOC_TOP_PAD_": str(64 << 20)})):
            config = {"distributed.nanny.pre-spawn-environ": environ} if environ else {}
            with dask.config.set(config), LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
                frame = dd.from_map(make_partition, range(args.partitions), rows=per,
                                    meta=whole.iloc[:0]).persist()
                wait(frame)

                def run():
                    out = execute_on(dr, frame, FINAL, partition_safe=True).persist()
                    wait(out)
                    released(client, out)  # the next run computes again

                run()  # the workers build the Driver once
                t = median_of(run, args.repeat)
                with get_task_stream() as stream:
                    run()
                busy = sum(x["stop"] - x["start"] for r in stream.data for x in r["startstops"]
                           if x["action"] == "compute")
                print(f"  Dask map_partitions, 2 workers      {t:8.3f} s   {one / t:5.2f}x one process"
                      f"   ({label}; tasks computed {busy:.3f} s in all)")
                if args.node_by_node and environ:
                    node_by_node(client, frame, whole, args.repeat, t, module)

    if "ray" in args.engines:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import ray

        gib = str(1 << 30)
        for label, env_vars in (("Ray's default worker environment", {}),
                                ("freed memory kept: TRIM 1 GiB, MMAP 32 MiB",
                                 {"MALLOC_TRIM_THRESHOLD_": gib, "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
                                  "MALLOC_TOP_PAD_": str(64 << 20)})):
            ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
                     log_to_driver=False, configure_logging=False,
                     runtime_env={"env_vars": env_vars} if env_vars else None)
            try:
                ray.data.DataContext.get_current().enable_progress_bars = False
                ds = ray.data.from_pandas(
                    [make_partition(i, per) for i in range(args.partitions)]).materialize()

                def run_ray():
                    execute_on(dr, ds, FINAL, partition_safe=True).materialize()

                run_ray()
                t = median_of(run_ray, args.repeat)
                print(f"  Ray map_batches, 2 CPUs             {t:8.3f} s   {one / t:5.2f}x one process"
                      f"   ({label})")
            finally:
                ray.shutdown()

if __name__ == "__main__":
    main()
