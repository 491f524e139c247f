#!/usr/bin/env python3
"""Benchmarks of the Python package `hamilton_cpp`, each beside its baselines measured in the same
run, and printed as the table of docs/performance.md ("Python package"):

1. a Python-only module of 1,000 plain pandas functions (bench/engine.cpp's generated graph),
   execute all: framework cost per node of hamilton_cpp's driver and of apache-hamilton's, each
   the time above calling the same functions directly in topological order;
2. the 1,000-node double graph as a C++ module (generated NODE source, `hamilton_cpp.load_cpp`),
   a row-based loop of `dr.execute([last], inputs=...)` from Python, per execute; beside it the
   C++ compiled plan (bench_engine's BM_RowBased/1000) and apache-hamilton on the same graph of
   Python functions;
3. 100 C++ nodes over 1,000,000-row pandas columns, all outputs to a pandas DataFrame, against the
   same run in C++ (bench_engine's BM_BigAllFrame), and the peak memory of one such execute in a
   fresh process compared with the size of its inputs and outputs.

Usage: .venv/bin/python bench/python_package.py [--build-dir build] [--repetitions 5]
Needs the C++ build (bench_engine, bench_shape_dump) and hamilton_cpp installed in the venv.
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
from python_hamilton import OPS, dep_name, load_module, module_source  # noqa: E402


def median_s(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cpp_source(shape, type_name, module):
    """The generated graph as a file of NODEs (the same operations as bench/engine.cpp's)."""
    lines = ["#include <hamilton/frame.hpp>", "#include <hamilton/node.hpp>",
             "using hamilton::Series;", f"HAMILTON_MODULE({module});"]
    param_type = "const Series&" if type_name == "Series" else "double"
    for i, (deps, op) in enumerate(zip(shape["deps"], shape["op"])):
        params = ", ".join(f"{param_type} {dep_name(d)}" for d in deps)
        body = OPS[len(deps)][op]
        for k, d in enumerate(deps):
            body = body.replace(f"x{k}", dep_name(d))
        lines.append(f"NODE({type_name}, n{i}, ({params})) {{ return {body}; }}")
    return "\n".join(lines) + "\n"


def cpp_module(shape, type_name, name, folder):
    import hamilton_cpp

    path = os.path.join(folder, f"{name}.cpp")
    with open(path, "w") as f:
        f.write(cpp_source(shape, type_name, name))
    return hamilton_cpp.load_cpp(path)


def bench_engine(build, name):
    out = subprocess.run([os.path.join(build, "bench", "bench_engine"), f"--benchmark_filter=^{name}$",
                          "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true",
                          "--benchmark_format=json"], check=True, capture_output=True, text=True).stdout
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            return b["real_time"] * scale
    raise RuntimeError(f"bench_engine printed no median for {name}")


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.1f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"


def python_only(shape, folder, repeat):
    """Row 1: (plain, hamilton_cpp, apache-hamilton) seconds for executing every node."""
    import numpy as np
    import pandas as pd
    from hamilton import driver as hdriver

    from hamilton_cpp import driver as cdriver

    mod = load_module(module_source(shape, "pd.Series"), "py_layered_1000", folder)
    n = len(shape["deps"])
    names = [f"n{i}" for i in range(n)]
    rows = np.arange(1000) * 0.001
    inputs = {"a": pd.Series(np.sin(0.1 + rows)), "b": pd.Series(np.sin(0.7 + rows))}
    functions = [getattr(mod, name) for name in names]
    params = [[dep_name(d) for d in deps] for deps in shape["deps"]]

    def plain():
        values = dict(inputs)
        for name, fn, ps in zip(names, functions, params):
            values[name] = fn(*[values[p] for p in ps])
        return values

    ours = cdriver.Builder().with_modules(mod).build()
    theirs = hdriver.Builder().with_modules(mod).build()
    ours.execute(names, inputs=inputs)  # warm: plans are cached per request
    theirs.execute(names, inputs=inputs)
    return (median_s(plain, repeat), median_s(lambda: ours.execute(names, inputs=inputs), repeat),
            median_s(lambda: theirs.execute(names, inputs=inputs), repeat), n)


def row_loop(shape, folder, repeat):
    """Row 2: seconds per execute of the last node, C++ module from Python, and apache-hamilton."""
    from hamilton import driver as hdriver

    from hamilton_cpp import driver as cdriver

    n = len(shape["deps"])
    last = f"n{n - 1}"
    lib = cpp_module(shape, "double", "rows_1000_cpp", folder)
    ours = cdriver.Builder().with_modules(lib).build()
    calls = 2000

    def loop_ours():
        for k in range(calls):
            ours.execute([last], inputs={"a": 1e-6 * k, "b": 0.5 - 1e-6 * k})

    loop_ours()
    t_ours = median_s(loop_ours, repeat) / calls
    mod = load_module(module_source(shape, "float"), "py_rows_1000", folder)
    theirs = hdriver.Builder().with_modules(mod).build()
    h_calls = 50

    def loop_theirs():
        for k in range(h_calls):
            theirs.execute([last], inputs={"a": 1e-6 * k, "b": 0.5 - 1e-6 * k})

    t_theirs = median_s(loop_theirs, repeat) / h_calls
    return t_ours, t_theirs


def big_frame(shape, folder, repeat):
    """Row 3: seconds for 100 C++ nodes over 1,000,000-row pandas columns to a DataFrame."""
    import numpy as np
    import pandas as pd

    from hamilton_cpp import driver as cdriver

    lib = cpp_module(shape, "Series", "big_100_cpp", folder)
    dr = cdriver.Driver({}, lib)
    names = [f"n{i}" for i in range(len(shape["deps"]))]
    rows = np.arange(1000000) * 0.001
    inputs = {"a": pd.Series(np.sin(0.1 + rows)), "b": pd.Series(np.sin(0.7 + rows))}
    dr.execute(names, inputs=inputs)
    return median_s(lambda: dr.execute(names, inputs=inputs), repeat)


def _status_mib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {field}")


def rss_child(folder):
    """In a fresh process: peak RSS growth of one execute of row 3, in MiB, as JSON."""
    import numpy as np
    import pandas as pd

    from hamilton_cpp import driver as cdriver

    shape = json.loads(os.environ["HAMILTON_BENCH_SHAPE"])
    lib = cpp_module(shape, "Series", "big_100_cpp", folder)
    dr = cdriver.Driver({}, lib)
    names = [f"n{i}" for i in range(len(shape["deps"]))]
    rows = np.arange(1000000) * 0.001
    inputs = {"a": pd.Series(np.sin(0.1 + rows)), "b": pd.Series(np.sin(0.7 + rows))}
    dr.validate_execution(names, inputs=inputs)
    # ru_maxrss survives execve (it would start at the parent's peak): reset the peak instead
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = _status_mib("VmHWM")
    df = dr.execute(names, inputs=inputs)
    after = _status_mib("VmHWM")
    inputs_mib = sum(s.nbytes for s in inputs.values()) / 2**20
    outputs_mib = df.memory_usage(index=False, deep=False).sum() / 2**20
    json.dump({"growth": after - before, "inputs": inputs_mib, "outputs": outputs_mib}, sys.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--rss-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    shapes = json.loads(subprocess.run([os.path.join(args.build_dir, "bench", "bench_shape_dump")],
                                       check=True, capture_output=True, text=True).stdout)
    with tempfile.TemporaryDirectory() as folder:
        plain, ours, theirs, n = python_only(shapes["1000/1"], folder, args.repetitions)
        cost_ours, cost_theirs = (ours - plain) / n, (theirs - plain) / n
        row_ours, row_theirs = row_loop(shapes["1000/9"], folder, args.repetitions)
        row_plan = bench_engine(args.build_dir, "BM_RowBased/1000")
        big_ours = big_frame(shapes["100/3"], folder, args.repetitions)
        big_cpp = bench_engine(args.build_dir, "BM_BigAllFrame/real_time")
        env = dict(os.environ, HAMILTON_BENCH_SHAPE=json.dumps(shapes["100/3"]))
        rss = json.loads(subprocess.run([sys.executable, __file__, "--rss-child", folder], env=env,
                                        check=True, capture_output=True, text=True).stdout)

    print("| workload | hamilton_cpp | baseline | ratio | apache-hamilton | target | met |")
    print("|---|---:|---:|---:|---:|---:|---|")
    ratio = cost_ours / cost_theirs if cost_theirs > 0 else float("nan")
    print(f"| 1,000 Python pandas functions, 1,000 rows, execute all: framework cost per node "
          f"(plain calls: {fmt(plain)} in all) | {fmt(cost_ours)} ({fmt(ours)} in all) | — | "
          f"{ratio:.3f} of apache-hamilton's | {fmt(cost_theirs)} ({fmt(theirs)} in all) | ≤ 0.1 | "
          f"{'yes' if ratio <= 0.1 else 'no'} |")
    print(f"| 1,000-node double graph as a C++ module, row-based `dr.execute` loop from Python, per "
          f"execute | {fmt(row_ours)} | {fmt(row_plan)} (C++ compiled plan) | {row_ours / row_plan:.1f}× | "
          f"{fmt(row_theirs)} ({row_theirs / row_ours:,.0f}× slower) | ≤ 10 µs | "
          f"{'yes' if row_ours <= 10e-6 else 'no'} |")
    print(f"| 100 C++ nodes over 1,000,000-row pandas columns, all outputs to a DataFrame | "
          f"{fmt(big_ours)} | {fmt(big_cpp)} (the same in C++) | {big_ours / big_cpp:.2f}× | — | ≤ 1.2× | "
          f"{'yes' if big_ours <= 1.2 * big_cpp else 'no'} |")
    print(f"\nPeak memory of one execute of the last row in a fresh process: +{rss['growth']:.0f} MiB, "
          f"for outputs of {rss['outputs']:.0f} MiB and inputs of {rss['inputs']:.0f} MiB "
          f"(medians of {args.repetitions}; apache-hamilton "
          f"{'.'.join(map(str, __import__('hamilton.version', fromlist=['VERSION']).VERSION))}).")


if __name__ == "__main__":
    main()
