#!/usr/bin/env python3
"""Runs the engine benchmarks and prints the table of ratios.

Every row compares hamilton-cpp with a plain C++ baseline measured in the same run (the same
functions called directly in topological order), and with Python Hamilton. The Python figures
are the reference measurements of Python Hamilton 1.88 with pandas 1.5.3 on this 2-core
machine (medians of 3). If HAMILTON_PYTHON_SRC names a Python Hamilton source tree and
Debian's python3-pandas is installed, bench/python_hamilton.py measures them again in this
run and those figures are used instead.

Usage: /usr/bin/python3 bench/compare.py [--build-dir build] [--repetitions 3]
Only the standard library is used.
"""
import argparse
import json
import os
import subprocess
import sys

# Python Hamilton 1.88 + pandas 1.5.3, this machine, medians of 3 (milliseconds).
PYTHON_REFERENCE_MS = {
    "build/1000": 79, "build/4000": 357, "build/10000": 785,
    "dict/1000": 107, "dict/4000": 579, "dict/10000": 1514,
    "frame/1000": 163, "frame/4000": 745, "frame/10000": 2141,
    "big_all": 395,
    "row/100": 0.950, "row/1000": 12.128,
}

BUILD_DIR = "build"

# (key, label, hamilton-cpp benchmark, baseline benchmark, target in ms or None)
ROWS = [
    ("build/1000", "build the graph, 1,000 nodes", "BM_Build/1000", None, None),
    ("build/4000", "build the graph, 4,000 nodes", "BM_Build/4000", None, None),
    ("build/10000", "build the graph, 10,000 nodes", "BM_Build/10000", None, 10.0),
    ("dict/1000", "execute all, 1,000-row Series, 1,000 nodes, dict", "BM_ExecuteSeries/1000", "BM_BaselineSeries/1000", None),
    ("dict/4000", "execute all, 1,000-row Series, 4,000 nodes, dict", "BM_ExecuteSeries/4000", "BM_BaselineSeries/4000", 4.0),
    ("dict/10000", "execute all, 1,000-row Series, 10,000 nodes, dict", "BM_ExecuteSeries/10000", "BM_BaselineSeries/10000", None),
    ("frame/1000", "the same, DataFrame result, 1,000 nodes", "BM_ExecuteSeriesFrame/1000", "BM_BaselineSeriesFrame/1000", None),
    ("frame/4000", "the same, DataFrame result, 4,000 nodes", "BM_ExecuteSeriesFrame/4000", "BM_BaselineSeriesFrame/4000", 6.0),
    ("frame/10000", "the same, DataFrame result, 10,000 nodes", "BM_ExecuteSeriesFrame/10000", "BM_BaselineSeriesFrame/10000", None),
    ("vec/4000", "execute all, std::vector<double> columns, 4,000 nodes", "BM_ExecuteColumns/4000", "BM_BaselineColumns/4000", None),
    ("big_all", "100 nodes over 1,000,000-row Series, all requested", "BM_BigAllRequested/real_time", "BM_BigBaseline/real_time", 200.0),
    ("row/100", "row-based loop, 100-node double graph (per execute)", "BM_RowBased/100", "BM_RowBaseline/100", None),
    ("row/1000", "row-based loop, 1,000-node double graph (per execute)", "BM_RowBased/1000", "BM_RowBaseline/1000", 0.030),
    ("wide", "64 independent 1 ms nodes, parallel (2 threads) vs sequential", "BM_Wide/2/real_time", "BM_Wide/0/real_time", None),
]


def run_json(binary, extra, env=None):
    out = subprocess.run([binary, "--benchmark_format=json"] + extra, check=True,
                         capture_output=True, text=True, env=env).stdout
    return json.loads(out)["benchmarks"]


def to_ms(bench):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[bench["time_unit"]]
    return bench["real_time"] * scale


def medians(benchmarks):
    out = {}
    for b in benchmarks:
        if b.get("aggregate_name") == "median":
            out[b["run_name"]] = to_ms(b)
        elif "aggregate_name" not in b and b["name"] not in out:
            out[b["name"]] = to_ms(b)
    return out


def fmt_ms(ms):
    if ms is None:
        return "—"
    if ms < 0.1:
        return f"{ms * 1000:.2f} µs"
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:.0f} ms"


def python_figures():
    src = os.environ.get("HAMILTON_PYTHON_SRC")
    if not src:
        return PYTHON_REFERENCE_MS, "reference measurements (Python Hamilton 1.88, pandas 1.5.3)"
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        out = subprocess.run(["/usr/bin/python3", os.path.join(here, "python_hamilton.py"), src, BUILD_DIR],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out), f"measured in this run from {src}"
    except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
        print(f"note: could not run Python Hamilton from {src}: {e}; using the reference figures",
              file=sys.stderr)
        return PYTHON_REFERENCE_MS, "reference measurements (Python Hamilton 1.88, pandas 1.5.3)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--repetitions", type=int, default=3)
    args = ap.parse_args()
    global BUILD_DIR
    BUILD_DIR = args.build_dir
    engine = os.path.join(args.build_dir, "bench", "bench_engine")
    memory = os.path.join(args.build_dir, "bench", "bench_memory")
    for b in (engine, memory):
        if not os.path.exists(b):
            sys.exit(f"{b} not found: build it first (cmake --build {args.build_dir} --target "
                     f"bench_engine bench_memory)")
    reps = [f"--benchmark_repetitions={args.repetitions}", "--benchmark_report_aggregates_only=true"]
    mem = run_json(memory, ["--benchmark_filter=BM_BigLastOnlyMemory"])[0]
    py, py_source = python_figures()
    for retain in ("0", "1"):
        env = dict(os.environ, HAMILTON_BENCH_RETAIN_MEMORY=retain)
        times = medians(run_json(engine, reps, env))
        print("\n### " + ("glibc malloc defaults" if retain == "0" else
                          "with hamilton::retain_freed_memory() (freed memory kept for reuse)") + "\n")
        print_table(times, py, mem)
    print(f"\nPython Hamilton: {py_source}.")


def print_table(times, py, mem):
    print(f"| workload | hamilton-cpp | plain C++ | ratio to plain | Python Hamilton | speed-up vs Python | target | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for key, label, ours, base, target in ROWS:
        t = times.get(ours)
        b = times.get(base) if base else None
        ratio = f"{t / b:.2f}×" if t and b else "—"
        p = py.get(key)
        speed = f"{p / t:,.0f}×" if p and t else "—"
        met = "—"
        if target is not None and t is not None:
            met = "yes" if t <= target else "no"
        if key == "wide" and t and b:
            ratio = f"{b / t:.2f}× faster"
            met = "yes" if b / t >= 1.8 else "no"
            target_text = "≥ 1.8× faster"
        else:
            target_text = fmt_ms(target) if target is not None else "—"
        print(f"| {label} | {fmt_ms(t)} | {fmt_ms(b)} | {ratio} | {fmt_ms(p)} | {speed} | {target_text} | {met} |")
    peak = mem["peak_columns_above_inputs"]
    floor = mem["minimum_for_this_order"]
    print(f"| 100 nodes over 1,000,000 rows, last node only: peak memory above the inputs | "
          f"{peak:.1f} columns | {floor:.0f} columns (minimum for this order) | — | — | — | ≤ 10 columns | "
          f"{'yes' if peak <= 10 else 'no'} |")


if __name__ == "__main__":
    main()
