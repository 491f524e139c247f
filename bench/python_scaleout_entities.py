"""Per-entity featurization on Dask and Spark: rolling means, shifts, differences and ratios
(with a config variant) for many weekly series, run once per series by
``execute_on(..., by="series_id", order_by="week")``, checked against the same per-series run in
one process, with the times (docs/scale-out.md, docs/performance.md).

    PYTHONPATH=<installed hamilton_cpp> python bench/python_scaleout_entities.py --series 2000 --weeks 200
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pandas.testing as pdt

SOURCE = r"""
#include <hamilton/frame.hpp>
#include <hamilton/hamilton.hpp>
#include <hamilton/node.hpp>
using namespace hamilton;
HAMILTON_MODULE(featurize);

NODE(Series, avg_3wk_spend, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.rolling(3, 1).mean();
}
NODE(Series, avg_8wk_spend, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.rolling(8, 1).mean();
}
NODE(Series, spend_prev, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.shift(1);
}
NODE(Series, spend_change, (const Series& spend), tag("scale_out.rows", "across")) {
  return spend.diff();
}
NODE(Series, spend_per_signup, (const Series& spend, const Series& signups),
     tag("scale_out.rows", "within")) {
  return spend / signups;
}
NODE(Series, spend_to_avg, (const Series& spend, const Series& avg_8wk_spend),
     tag("scale_out.rows", "within")) {
  return spend / avg_8wk_spend;
}
NODE(Series, trend__ratio, (const Series& avg_3wk_spend, const Series& avg_8wk_spend),
     tag("scale_out.rows", "within"), config_when({{"trend", "ratio"}})) {
  return avg_3wk_spend / avg_8wk_spend;
}
NODE(Series, trend__difference, (const Series& avg_3wk_spend, const Series& avg_8wk_spend),
     tag("scale_out.rows", "within"), config_when({{"trend", "difference"}})) {
  return avg_3wk_spend - avg_8wk_spend;
}
"""

FEATURES = ["avg_3wk_spend", "avg_8wk_spend", "spend_prev", "spend_change", "spend_per_signup",
            "spend_to_avg", "trend"]


def data(series: int, weeks: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = series * weeks
    df = pd.DataFrame({
        "series_id": np.repeat([f"s{i:05d}" for i in range(series)], weeks),
        "week": np.tile(np.arange(weeks, dtype=np.int64), series),
        "spend": rng.uniform(1, 100, n),
        "signups": rng.integers(1, 50, n).astype(np.int64),
    })
    return df.sample(frac=1.0, random_state=2).reset_index(drop=True)


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in df.columns:
        if isinstance(df[c].dtype, pd.ArrowDtype) or (
                pd.api.types.is_string_dtype(df[c].dtype) and df[c].dtype != object):
            df[c] = df[c].astype(object if pd.api.types.is_string_dtype(df[c].dtype)
                                 else df[c].dtype.numpy_dtype)
    return df.sort_values(["series_id", "week"]).reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--weeks", type=int, default=200)
    ap.add_argument("--engines", default="dask,spark")
    args = ap.parse_args()

    import hamilton_cpp
    from hamilton_cpp import driver
    from hamilton_cpp.execution import execute_on

    src = os.path.join(tempfile.mkdtemp(prefix="scaleout_featurize_"), "featurize.cpp")
    with open(src, "w") as f:
        f.write(SOURCE)
    module = hamilton_cpp.load_cpp(src)
    df = data(args.series, args.weeks)
    print(f"{args.series:,} series x {args.weeks} weeks = {len(df):,} rows, {len(FEATURES)} features")
    for variant in ("ratio", "difference"):
        dr = driver.Builder().with_modules(module).with_config({"trend": variant}).build()
        call = dict(by="series_id", order_by="week", keep="week")
        t0 = time.perf_counter()
        local = tidy(execute_on(dr, df, FEATURES, **call))
        print(f"  trend={variant}: one process, per series          {time.perf_counter() - t0:7.2f} s")
        if "dask" in args.engines:
            import dask
            import dask.dataframe as dd
            from distributed import Client, LocalCluster

            gib = str(1 << 30)
            env = {"MALLOC_TRIM_THRESHOLD_": gib, "MALLOC_MMAP_THRESHOLD_": str(32 << 20),
                   "MALLOC_TOP_PAD_": str(64 << 20)}
            with dask.config.set({"distributed.nanny.pre-spawn-environ": env}), LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None, silence_logs=40) as cluster, Client(cluster):
                frame = dd.from_pandas(df, npartitions=16).persist()
                t0 = time.perf_counter()
                got = tidy(execute_on(dr, frame, FEATURES, **call).compute())
                t = time.perf_counter() - t0
            pdt.assert_frame_equal(got, local)
            print(f"  trend={variant}: Dask shuffle + groups, 2 workers{t:7.2f} s   equal: yes")
        if "spark" in args.engines:
            java = shutil.which("java")
            if java and not os.environ.get("JAVA_HOME"):
                os.environ["JAVA_HOME"] = os.path.dirname(os.path.dirname(os.path.realpath(java)))
            os.environ["PYSPARK_PYTHON"] = sys.executable
            from pyspark.sql import SparkSession

            spark = (SparkSession.builder.master("local[2]")
                     .config("spark.driver.host", "127.0.0.1")
                     .config("spark.driver.bindAddress", "127.0.0.1")
                     .config("spark.ui.enabled", "false")
                     .config("spark.ui.showConsoleProgress", "false")
                     .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                     .config("spark.sql.shuffle.partitions", "16")
                     .getOrCreate())
            spark.sparkContext.setLogLevel("ERROR")
            try:
                frame = spark.createDataFrame(df).repartition(16).cache()
                frame.count()
                t0 = time.perf_counter()
                got = tidy(execute_on(dr, frame, FEATURES, **call).toPandas())
                t = time.perf_counter() - t0
            finally:
                spark.stop()
            pdt.assert_frame_equal(got, local)
            print(f"  trend={variant}: Spark applyInPandas, local[2]    {t:7.2f} s   equal: yes")


if __name__ == "__main__":
    main()
