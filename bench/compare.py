#!/usr/bin/env python3
"""Runs the engine benchmarks and prints the table of ratios.

Every row compares hamilton-cpp with a plain C++ baseline measured in the same run (the same
functions called directly in topological order), and with Python Hamilton measured in the same
run too: bench/python_hamilton.py runs the same generated graphs on apache-hamilton, with the
interpreter of the project's venv (.venv, made by scripts/python-env.sh, which pins
apache-hamilton and pandas), or --python.

Usage: python3 bench/compare.py [--build-dir build] [--repetitions 3] [--python .venv/bin/python]
This script uses only the standard library.
"""
import argparse
import json
import os
import subprocess
import sys

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
    ("row_execute/1000", "the same through dr.execute(all names, inputs) in a loop (per execute)", "BM_RowExecute/1000", "BM_RowBaseline/1000", 0.006),
    ("wide", "64 independent 1 ms nodes, parallel (2 threads) vs sequential", "BM_Wide/2/real_time", "BM_Wide/0/real_time", None),
    ("parallel_series", "execute all, 10,000-row Series, 4,000 nodes, parallel (2 threads) vs sequential",
     "BM_ParallelSeries/real_time", "BM_SequentialSeries/real_time", None),
]

# Rows whose baseline is the sequential executor: the ratio is a speed-up, with its target.
SPEEDUP_TARGETS = {"wide": 1.8, "parallel_series": 1.6}


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


def python_figures(python, repetitions):
    """Python Hamilton's figures, measured now by bench/python_hamilton.py under `python`."""
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.exists(python):
        sys.exit(f"{python} not found: make the project's venv first (bash scripts/python-env.sh), "
                 "or pass --python <an interpreter with apache-hamilton and pandas>")
    run = subprocess.run([python, os.path.join(here, "python_hamilton.py"), BUILD_DIR, str(repetitions)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"bench/python_hamilton.py failed under {python}:\n{run.stderr}")
    versions = subprocess.run([python, "-c", "import hamilton.version as v, pandas; "
                               "print('.'.join(map(str, v.VERSION)), pandas.__version__)"],
                              check=True, capture_output=True, text=True).stdout.split()
    return json.loads(run.stdout), (f"apache-hamilton {versions[0]} with pandas {versions[1]}, "
                                    f"measured in this run ({python}, medians of {repetitions})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--python", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                     ".venv", "bin", "python"))
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
    py, py_source = python_figures(os.path.normpath(args.python), args.repetitions)
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
        if key in SPEEDUP_TARGETS and t and b:
            ratio = f"{b / t:.2f}× faster"
            met = "yes" if b / t >= SPEEDUP_TARGETS[key] else "no"
            target_text = f"≥ {SPEEDUP_TARGETS[key]}× faster"
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
