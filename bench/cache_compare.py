#!/usr/bin/env python3
"""The result cache on the 4,000-node column graph of 1,000-row Series: hamilton-cpp
(bench_cache, Google Benchmark) and Python Hamilton's `Builder().with_cache()` on the same
generated graph (read from bench_shape_dump), both with their folder stores (SQLite metadata,
one file per result) in a temporary folder, measured in the same run. Prints medians (ms) and
the ratios.

Rows: the run without a cache, the first run into an empty cache, the second run with nothing
changed, each with every node requested and with the 40 last nodes requested.

Usage: .venv/bin/python bench/cache_compare.py [--build-dir build] [--repetitions 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from python_hamilton import load_module, module_source  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def python_figures(build, repetitions):
    import numpy as np
    import pandas as pd
    from hamilton import driver

    shapes = json.loads(subprocess.run([os.path.join(build, "bench", "bench_shape_dump")],
                                       check=True, capture_output=True, text=True).stdout)
    rows = np.arange(1000) * 0.001
    inputs = {"a": pd.Series(np.sin(0.1 + rows)), "b": pd.Series(np.sin(0.7 + rows))}
    out = {}
    with tempfile.TemporaryDirectory() as folder:
        mod = load_module(module_source(shapes["4000/1"], "pd.Series"), "cache_layered", folder)
        names = [f"n{i}" for i in range(4000)]
        for key, outputs in (("all", names), ("last40", names[-40:])):
            plain = driver.Builder().with_modules(mod).build()
            out[f"none/{key}"] = statistics.median(
                timed(lambda: plain.execute(outputs, inputs=inputs)) for _ in range(repetitions))
            first, second = [], []
            for r in range(repetitions):
                path = os.path.join(folder, f"cache-{key}-{r}")
                dr = driver.Builder().with_modules(mod).with_cache(path=path).build()
                first.append(timed(lambda: dr.execute(outputs, inputs=inputs)))
                second.append(timed(lambda: dr.execute(outputs, inputs=inputs)))
            out[f"first/{key}"] = statistics.median(first)
            out[f"second/{key}"] = statistics.median(second)
    return out


def cpp_figures(build, repetitions):
    run = subprocess.run([os.path.join(build, "bench", "bench_cache"), "--benchmark_format=json",
                          f"--benchmark_repetitions={repetitions}",
                          "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True)
    out = {}
    for b in json.loads(run.stdout)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"]
        scale = {"ms": 1.0, "us": 1e-3, "ns": 1e-6}[b["time_unit"]]
        out[name] = b["real_time"] * scale
        for counter in ("read", "computed", "ran", "closure"):
            if counter in b:
                out[f"{name}:{counter}"] = b[counter]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build-dir", default="build")
    p.add_argument("--repetitions", type=int, default=3)
    args = p.parse_args()
    cpp = cpp_figures(args.build_dir, args.repetitions)
    py = python_figures(args.build_dir, args.repetitions)

    def fmt(ms):
        return f"{ms:,.1f} ms" if ms >= 10 else f"{ms:.2f} ms"

    print("| run (4,000 nodes, 1,000-row Series) | requested | hamilton-cpp, in-memory stores | "
          "hamilton-cpp, folder stores | Python Hamilton, folder stores | Python / hamilton-cpp (folder) |")
    print("|---|---|---:|---:|---:|---:|")
    for key, label in (("all", "every node"), ("last40", "the 40 last nodes")):
        outputs = 0 if key == "all" else 1
        rows = [
            ("no cache", cpp[f"BM_NoCache/outputs:{outputs}"], cpp[f"BM_NoCache/outputs:{outputs}"],
             py[f"none/{key}"]),
            ("first run, empty cache", cpp[f"BM_FirstRun/folder:0/outputs:{outputs}/iterations:5"],
             cpp[f"BM_FirstRun/folder:1/outputs:{outputs}/iterations:5"], py[f"first/{key}"]),
            ("second run, nothing changed", cpp[f"BM_SecondRun/folder:0/outputs:{outputs}"],
             cpp[f"BM_SecondRun/folder:1/outputs:{outputs}"], py[f"second/{key}"]),
        ]
        for name, memory, folder, python in rows:
            print(f"| {name} | {label} | {fmt(memory)} | {fmt(folder)} | {fmt(python)} | "
                  f"{python / folder:.1f}x |")
    print()
    for key, outputs in (("every node", 0), ("the 40 last nodes", 1)):
        for store, folder in (("in-memory", 0), ("folder", 1)):
            first = cpp[f"BM_FirstRun/folder:{folder}/outputs:{outputs}/iterations:5"]
            second = cpp[f"BM_SecondRun/folder:{folder}/outputs:{outputs}"]
            print(f"hamilton-cpp, {store} stores, {key}: second run / first run = "
                  f"{second / first:.1%} (target at most 10%)")
    for store, folder in (("in-memory", 0), ("folder", 1)):
        name = f"BM_OneChanged/folder:{folder}"
        print(f"one node's code version changed, {store} stores: {fmt(cpp[name])}; "
              f"{cpp[name + ':ran']:.0f} nodes ran (its downstream closure: "
              f"{cpp[name + ':closure']:.0f}), {cpp[name + ':computed']:.0f} computed")


if __name__ == "__main__":
    main()
