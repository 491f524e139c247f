#!/usr/bin/env python3
"""CSV and SQLite load and save of a 1,000,000-row x 10-column table: hamilton-cpp's formats
(bench_io, Google Benchmark) against pandas' read_csv / to_csv / read_sql / to_sql on the same
table, measured in the same run. Prints the medians and the ratios (pandas / hamilton-cpp).

Usage: .venv/bin/python bench/io_compare.py [--build-dir build] [--repetitions 3]
"""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

ROWS = 1_000_000


def table():
    """The same rule as bench/io.cpp's table()."""
    i = np.arange(ROWS, dtype=np.int64)
    cols = {}
    for k in range(4):
        cols[f"f{k}"] = (i % 1000).astype(np.float64) * 0.25 + k
    for k in range(4):
        cols[f"i{k}"] = i * (k + 1)
    for k in range(2):
        cols[f"s{k}"] = ["s" + str(x) for x in (i * (k + 7)) % 5000]
    return pd.DataFrame(cols)


def timed(f):
    start = time.perf_counter()
    f()
    return (time.perf_counter() - start) * 1000


def pandas_figures(repetitions):
    df = table()
    out = {k: [] for k in ("csv_save", "csv_load", "sqlite_save", "sqlite_load")}
    with tempfile.TemporaryDirectory() as d:
        csv, db = os.path.join(d, "t.csv"), os.path.join(d, "t.db")
        for _ in range(repetitions):
            out["csv_save"].append(timed(lambda: df.to_csv(csv, index=False)))
            out["csv_load"].append(timed(lambda: pd.read_csv(csv)))

            def save_sql():
                with sqlite3.connect(db) as con:
                    df.to_sql("t", con, if_exists="replace", index=False)

            def load_sql():
                with sqlite3.connect(db) as con:
                    pd.read_sql("SELECT * FROM t", con)

            out["sqlite_save"].append(timed(save_sql))
            out["sqlite_load"].append(timed(load_sql))
    return {k: statistics.median(v) for k, v in out.items()}


def cpp_figures(build_dir, repetitions):
    binary = os.path.join(build_dir, "bench", "bench_io")
    res = subprocess.run([binary, "--benchmark_format=json",
                          f"--benchmark_repetitions={repetitions}"],
                         check=True, capture_output=True, text=True)
    runs = {}
    for b in json.loads(res.stdout)["benchmarks"]:
        if b.get("run_type") == "iteration":
            runs.setdefault(b["run_name"].split("/")[0], []).append(b["real_time"])
    names = {"BM_CsvSave": "csv_save", "BM_CsvLoad": "csv_load", "BM_SqliteSave": "sqlite_save",
             "BM_SqliteLoad": "sqlite_load"}
    return {names[k]: statistics.median(v) for k, v in runs.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--repetitions", type=int, default=3)
    a = ap.parse_args()
    cpp = cpp_figures(a.build_dir, a.repetitions)
    py = pandas_figures(a.repetitions)
    print(f"1,000,000 rows x 10 columns (4 float64, 4 int64, 2 string), medians of {a.repetitions}")
    print("| operation | hamilton-cpp (ms) | pandas (ms) | pandas / hamilton-cpp |")
    print("|---|---:|---:|---:|")
    labels = {"csv_save": "CSV save (to_csv)", "csv_load": "CSV load (read_csv)",
              "sqlite_save": "SQLite save (to_sql)", "sqlite_load": "SQLite load (read_sql)"}
    for k, label in labels.items():
        print(f"| {label} | {cpp[k]:.0f} | {py[k]:.0f} | {py[k] / cpp[k]:.2f} |")


if __name__ == "__main__":
    main()
