"""Partition-wise scale-out of a compiled plan: 100 C++ nodes over N rows in 16 partitions,
on a Dask LocalCluster (2 worker processes, 1 thread each) and on Ray (2 CPUs) against the
same plan in one process. Prints medians and ratios (docs/scale-out.md, docs/performance.md).

    PYTHONPATH=<installed hamilton_cpp> python bench/python_scaleout.py --rows 2000000 --repeat 5

The data is made on the workers and kept there (persist / materialize), and so are the
results: the times are the plan's work plus the engine's scheduling, not moving the rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
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


def make_partition(i: int, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(i)
    return pd.DataFrame({"a": rng.uniform(1, 2, rows), "b": rng.uniform(1, 2, rows)})


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
                    dashboard_address=None, silence_logs=40) as cluster, Client(cluster):
                frame = dd.from_map(make_partition, range(args.partitions), rows=per,
                                    meta=whole.iloc[:0]).persist()
                wait(frame)

                def run():
                    out = execute_on(dr, frame, FINAL, partition_safe=True).persist()
                    wait(out)
                    del out  # the next run computes again (same keys otherwise reuse it)

                run()  # the workers build the Driver once
                t = median_of(run, args.repeat)
                with get_task_stream() as stream:
                    run()
                busy = sum(x["stop"] - x["start"] for r in stream.data for x in r["startstops"]
                           if x["action"] == "compute")
                print(f"  Dask map_partitions, 2 workers      {t:8.3f} s   {one / t:5.2f}x one process"
                      f"   ({label}; tasks computed {busy:.3f} s in all)")

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
