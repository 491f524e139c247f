#!/usr/bin/env python3
"""Series / DataFrame operations: hamilton-cpp (bench_frame_ops, Google Benchmark) against the
hand-written C++ loops of the same binary and against pandas on the same data, measured in the
same run, at 1,000 and 1,000,000 rows. Prints one Markdown table of medians: CPU time, wall time
in parentheses; the ratios are of CPU times.

The data follows the rules of bench/frame_ops_data.hpp (every column a formula of the row
number), built here with numpy.

Usage: .venv/bin/python bench/frame_compare.py --build-dir build-bench [--repetitions 5]
       [--min-time 0.2] [--filter REGEX]
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import statistics
import subprocess
import time
import warnings

import numpy as np
import pandas as pd

SIZES = (1_000, 1_000_000)
WANTED = [3, 11, 19, 27, 42, 58, 77, 93]
HOUR_NS = 3_600_000_000_000


class Data:
    """The columns of bench/frame_ops_data.hpp for n rows, built on first use."""

    def __init__(self, n):
        self.n = n
        self._cache = {}

    def get(self, name, build):
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    def i(self):
        return self.get("i", lambda: np.arange(self.n, dtype=np.int64))

    def make(self, seed):
        return self.get(f"make{seed}",
                        lambda: np.sin(seed + self.i().astype(np.float64)) * 100.0 + 200.0)

    def a(self):
        return self.get("a", lambda: pd.Series(self.make(1), name="a"))

    def b(self):
        return self.get("b", lambda: pd.Series(self.make(2), name="b"))

    def with_missing(self):
        def build():
            v = self.make(1).copy()
            r = self.i() % 10
            v[(r == 3) | (r == 4)] = np.nan
            return pd.Series(v, name="a")
        return self.get("with_missing", build)

    def codes(self):
        return self.get("codes", lambda: pd.Series((self.i() * 7919) % 100, name="a"))

    def keys(self):
        return self.get("keys", lambda: (self.i() * 7919) % 1000)

    def hours(self):
        return self.get("hours", lambda: (self.i() * HOUR_NS).view("datetime64[ns]"))

    def words(self):
        fruit = ["apple", "Banana", "cherry"]
        return self.get("words", lambda: pd.Series(
            [fruit[i % 3] + "_" + str((i * 7919) % 1000) for i in range(self.n)], name="w"))

    def padded(self):
        return self.get("padded", lambda: pd.Series(
            ["  " + w + " " if i % 2 == 0 else w for i, w in enumerate(self.words())], name="w"))

    def times(self):
        return self.get("times", lambda: pd.Series(self.hours(), name="t"))

    def date_text(self):
        return self.get("date_text",
                        lambda: self.times().dt.strftime("%d/%m/%Y %H:%M").rename("d"))

    def keyed(self):
        return self.get("keyed", lambda: pd.DataFrame({"k": self.keys(), "v": self.make(1)}))

    def lookup(self):
        return self.get("lookup", lambda: pd.DataFrame(
            {"k": 999 - np.arange(1000, dtype=np.int64),
             "w": np.sin(3 + np.arange(1000, dtype=np.float64)) * 100.0 + 200.0}))

    def left_indexed(self):
        return self.get("left_indexed", lambda: pd.DataFrame(
            {"v": self.make(1)}, index=pd.Index(self.i())))

    def right_indexed(self):
        return self.get("right_indexed", lambda: pd.DataFrame(
            {"w": self.make(3)}, index=pd.Index((self.i() * 7919) % self.n)))

    def two_columns(self):
        return self.get("two_columns", lambda: pd.DataFrame({"a": self.make(1),
                                                             "b": self.make(2)}))

    def timed_frame(self):
        return self.get("timed_frame", lambda: pd.DataFrame(
            {"t": self.hours(), "v": self.make(1), "w": self.make(2)}))

    def hourly(self):
        return self.get("hourly", lambda: pd.DataFrame(
            {"v": self.make(1)}, index=pd.DatetimeIndex(self.hours())))


def ops():
    """(label, plain-loop benchmark, hamilton-cpp benchmark, pandas operation on Data)."""
    out = [
        ("`a + b` (float64)", "PlainLoopAdd", "SeriesAdd",
         lambda d: (lambda a=d.a(), b=d.b(): a + b)),
        ("`rolling(3).mean()`", "PlainLoopRollingMean3", "SeriesRollingMean3",
         lambda d: (lambda a=d.a(): a.rolling(3).mean())),
        ("`isin` of 8 int64 codes", "PlainLoopIsin", "SeriesIsin",
         lambda d: (lambda c=d.codes(): c.isin(WANTED))),
        ("`where(a > 200)`", "PlainLoopWhere", "SeriesWhere",
         lambda d: (lambda a=d.a(), m=d.a() > 200.0: a.where(m))),
        ("`mask(a > 200, 0.0)`", "PlainLoopMask", "SeriesMask",
         lambda d: (lambda a=d.a(), m=d.a() > 200.0: a.mask(m, 0.0))),
        ("`between(150, 250)`", "PlainLoopBetween", "SeriesBetween",
         lambda d: (lambda a=d.a(): a.between(150.0, 250.0))),
        ("`round(2)`", "PlainLoopRound2", "SeriesRound2", lambda d: (lambda a=d.a(): a.round(2))),
        ("`pct_change()`", "PlainLoopPctChange", "SeriesPctChange",
         lambda d: (lambda a=d.a(): a.pct_change())),
        ("`rank()` (average)", "PlainLoopRank", "SeriesRank", lambda d: (lambda a=d.a(): a.rank())),
        ("`fillna(0.0)`, 20% missing", "PlainLoopFillnaValue", "SeriesFillnaValue",
         lambda d: (lambda m=d.with_missing(): m.fillna(0.0))),
        ("`ffill()`, 20% missing", "PlainLoopFfill", "SeriesFfill",
         lambda d: (lambda m=d.with_missing(): m.ffill())),
        ("`fillna(FillMethod::ffill)` (pandas `fillna(method=\"ffill\")`)", "PlainLoopFfill",
         "SeriesFillnaFfill", lambda d: (lambda m=d.with_missing(): m.fillna(method="ffill"))),
        ("`bfill()`, 20% missing", "PlainLoopBfill", "SeriesBfill",
         lambda d: (lambda m=d.with_missing(): m.bfill())),
        ("`fillna(FillMethod::bfill)` (pandas `fillna(method=\"bfill\")`)", "PlainLoopBfill",
         "SeriesFillnaBfill", lambda d: (lambda m=d.with_missing(): m.fillna(method="bfill"))),
        ("`interpolate()`, 20% missing", "PlainLoopInterpolate", "SeriesInterpolate",
         lambda d: (lambda m=d.with_missing(): m.interpolate())),
        ("`replace(3, -1)` (int64)", "PlainLoopReplace", "SeriesReplace",
         lambda d: (lambda c=d.codes(): c.replace(3, -1))),
        ("`replace` of 8 int64 values", "PlainLoopReplaceMap", "SeriesReplaceMap",
         lambda d: (lambda c=d.codes(), m={w: -(j + 1) for j, w in enumerate(WANTED)}:
                    c.replace(m))),
        ("`unique()` (100 int64 values)", "PlainLoopUnique", "SeriesUnique",
         lambda d: (lambda c=d.codes(): c.unique())),
        ("`nunique()`", "PlainLoopNunique", "SeriesNunique",
         lambda d: (lambda c=d.codes(): c.nunique())),
        ("`value_counts()`", "PlainLoopValueCounts", "SeriesValueCounts",
         lambda d: (lambda c=d.codes(): c.value_counts())),
        ("`idxmin()`", "PlainLoopIdxmin", "SeriesIdxmin", lambda d: (lambda a=d.a(): a.idxmin())),
        ("`idxmax()`", "PlainLoopIdxmax", "SeriesIdxmax", lambda d: (lambda a=d.a(): a.idxmax())),
        ("`str.contains(\"an\", regex=false)`", "PlainLoopStrContains", "SeriesStrContains",
         lambda d: (lambda w=d.words(): w.str.contains("an", regex=False))),
        ("`str.contains(\"_9[0-9]$\")` (regex)", "PlainLoopStrContainsRegex",
         "SeriesStrContainsRegex", lambda d: (lambda w=d.words(): w.str.contains(r"_9[0-9]$"))),
        ("`str.startswith(\"Ban\")`", "PlainLoopStrStartswith", "SeriesStrStartswith",
         lambda d: (lambda w=d.words(): w.str.startswith("Ban"))),
        ("`str.endswith(\"7\")`", "PlainLoopStrEndswith", "SeriesStrEndswith",
         lambda d: (lambda w=d.words(): w.str.endswith("7"))),
        ("`str.lower()`", "PlainLoopStrLower", "SeriesStrLower",
         lambda d: (lambda w=d.words(): w.str.lower())),
        ("`str.upper()`", "PlainLoopStrUpper", "SeriesStrUpper",
         lambda d: (lambda w=d.words(): w.str.upper())),
        ("`str.len()`", "PlainLoopStrLen", "SeriesStrLen",
         lambda d: (lambda w=d.words(): w.str.len())),
        ("`str.replace(\"_\", \"-\")`", "PlainLoopStrReplace", "SeriesStrReplace",
         lambda d: (lambda w=d.words(): w.str.replace("_", "-", regex=False))),
        ("`str.strip()`", "PlainLoopStrStrip", "SeriesStrStrip",
         lambda d: (lambda p=d.padded(): p.str.strip())),
        ("`dt.year`", "PlainLoopDtYear", "SeriesDtYear", lambda d: (lambda t=d.times(): t.dt.year)),
        ("`dt.month`", "PlainLoopDtMonth", "SeriesDtMonth",
         lambda d: (lambda t=d.times(): t.dt.month)),
        ("`dt.day`", "PlainLoopDtDay", "SeriesDtDay", lambda d: (lambda t=d.times(): t.dt.day)),
        ("`dt.dayofweek`", "PlainLoopDtDayofweek", "SeriesDtDayofweek",
         lambda d: (lambda t=d.times(): t.dt.dayofweek)),
        ("`dt.isoweek()` (pandas `dt.isocalendar().week`)", "PlainLoopDtIsoweek",
         "SeriesDtIsoweek", lambda d: (lambda t=d.times(): t.dt.isocalendar().week)),
        ("datetime + 7 days", "PlainLoopDtPlusDays", "SeriesDtPlusDays",
         lambda d: (lambda t=d.times(), td=pd.Timedelta(days=7): t + td)),
        ("`to_datetime(s, \"%d/%m/%Y %H:%M\")`", "PlainLoopToDatetime", "SeriesToDatetime",
         lambda d: (lambda s=d.date_text(): pd.to_datetime(s, format="%d/%m/%Y %H:%M"))),
        ("`rolling(\"7D\").sum()`, hourly index", "PlainLoopTimeRollingSum7D",
         "SeriesTimeRollingSum7D",
         lambda d: (lambda s=pd.Series(d.make(1), index=pd.DatetimeIndex(d.hours())):
                    s.rolling("7D").sum())),
        ("`groupby(\"k\").sum()`", "PlainLoopGroupSum", "FrameGroupBySum",
         lambda d: (lambda df=d.keyed(): df.groupby("k").sum())),
    ]
    for r in ("mean", "min", "max", "count", "std"):
        out.append((f"`groupby(\"k\").agg({{v: {r}}})`", f"PlainLoopGroupByAgg/{r}",
                    f"FrameGroupByAgg/{r}",
                    lambda d, r=r: (lambda df=d.keyed(): df.groupby("k").agg({"v": r}))))
    for r in ("sum", "mean"):
        out.append((f"`groupby(\"k\")[\"v\"].transform(\"{r}\")`",
                    f"PlainLoopGroupByTransform/{r}", f"FrameGroupByTransform/{r}",
                    lambda d, r=r: (lambda df=d.keyed(): df.groupby("k")["v"].transform(r))))
    out += [
        ("`merge(on=\"k\", how=left)`, 1,000-row right", "PlainLoopMerge", "FrameMerge",
         lambda d: (lambda l=d.keyed(), r=d.lookup(): pd.merge(l, r, on="k", how="left"))),
        ("`join` on the index (left)", "PlainLoopJoin", "FrameJoin",
         lambda d: (lambda l=d.left_indexed(), r=d.right_indexed(): l.join(r))),
        ("`merge(left_index, right_index, how=left)`", "PlainLoopJoin", "FrameMergeIndex",
         lambda d: (lambda l=d.left_indexed(), r=d.right_indexed():
                    pd.merge(l, r, left_index=True, right_index=True, how="left"))),
        ("`concat` of 2 frames (rows, ignore_index)", "PlainLoopConcat", "FrameConcat",
         lambda d: (lambda df=d.two_columns(): pd.concat([df, df], ignore_index=True))),
        ("`sort_values(\"a\")` (2 float64 columns)", "PlainLoopSortValues", "FrameSortValues",
         lambda d: (lambda df=d.two_columns(): df.sort_values("a", kind="stable"))),
        ("`set_index(\"t\")` (datetime + 2 float64)", "PlainLoopSetIndex", "FrameSetIndex",
         lambda d: (lambda df=d.timed_frame(): df.set_index("t"))),
        ("`reset_index()`", "PlainLoopSetIndex", "FrameResetIndex",
         lambda d: (lambda df=d.timed_frame().set_index("t"): df.reset_index())),
        ("`resample(\"W\").sum()`, hourly", "PlainLoopResampleWeekSum", "FrameResampleWeekSum",
         lambda d: (lambda df=d.hourly(): df.resample("W").sum())),
        ("`resample(\"W\").mean()`, hourly", "PlainLoopResampleWeekMean",
         "FrameResampleWeekMean", lambda d: (lambda df=d.hourly(): df.resample("W").mean())),
    ]
    return out


UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def cpp_figures(build_dir, repetitions, min_time, pattern):
    binary = os.path.join(build_dir, "bench", "bench_frame_ops")
    cmd = [binary, "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
           "--benchmark_report_aggregates_only=true", f"--benchmark_min_time={min_time}"]
    if pattern:
        cmd.append(f"--benchmark_filter={pattern}")
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    figures, single = {}, {}
    for b in json.loads(res.stdout)["benchmarks"]:
        unit = UNIT_NS[b.get("time_unit", "ns")]
        fig = (b["cpu_time"] * unit, b["real_time"] * unit)
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median":
            figures[b["run_name"]] = fig
        elif b.get("run_type") == "iteration":  # one repetition: no aggregates
            single[b["run_name"]] = fig
    return figures or single


def pandas_time(f, repetitions, min_time):
    """Median per-call (process_time, perf_counter) in ns over `repetitions` batches of calls,
    each batch at least `min_time` seconds of wall time."""
    t = time.perf_counter()
    f()
    once = time.perf_counter() - t
    calls = max(1, math.ceil(min_time / max(once, 1e-9)))
    cpu, wall = [], []
    for _ in range(repetitions):
        c0, w0 = time.process_time(), time.perf_counter()
        for _ in range(calls):
            f()
        c1, w1 = time.process_time(), time.perf_counter()
        cpu.append((c1 - c0) / calls * 1e9)
        wall.append((w1 - w0) / calls * 1e9)
    return statistics.median(cpu), statistics.median(wall)


def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            v = ns / scale
            break
    else:
        unit, v = "ns", ns
    return f"{v:.3g} {unit}" if v < 1000 else f"{v:.0f} {unit}"


def cell(fig):
    return "—" if fig is None else f"{fmt(fig[0])} ({fmt(fig[1])})"


def ratio(num, den):
    return "—" if num is None or den is None else f"{num[0] / den[0]:.2f}×"


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.2,
                    help="seconds per repetition (--benchmark_min_time, and pandas' batches)")
    ap.add_argument("--filter", default="",
                    help="regular expression on the benchmark names (also given to the binary)")
    a = ap.parse_args()
    warnings.simplefilter("ignore", FutureWarning)
    selected = [op for op in ops()
                if not a.filter or re.search(a.filter, "BM_" + op[1]) or
                re.search(a.filter, "BM_" + op[2])]
    pattern = "|".join(sorted({f"^BM_{name}/" for op in selected for name in op[1:3]}))
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = load_average()
    cpp = cpp_figures(a.build_dir, a.repetitions, a.min_time, pattern)
    load_middle = load_average()
    py = {}
    for n in SIZES:
        d = Data(n)
        for label, _, ham, pandas_op in selected:
            py[(ham, n)] = pandas_time(pandas_op(d), a.repetitions, a.min_time)
    load_after = load_average()
    print(f"{started:%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores; pandas "
          f"{pd.__version__}, numpy {np.__version__}; medians of {a.repetitions} "
          f"(min time {a.min_time} s); load average {load_before} (start), "
          f"{load_middle} (after C++), {load_after} (end)")
    print()
    print("| operation | rows | plain loop | hamilton-cpp | pandas | hamilton-cpp / loop | "
          "pandas / hamilton-cpp |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, plain, ham, _ in selected:
        for n in SIZES:
            p = cpp.get(f"BM_{plain}/{n}")
            h = cpp.get(f"BM_{ham}/{n}")
            q = py.get((ham, n))
            print(f"| {label} | {n:,} | {cell(p)} | {cell(h)} | {cell(q)} | {ratio(h, p)} | "
                  f"{ratio(q, h)} |")


if __name__ == "__main__":
    main()
