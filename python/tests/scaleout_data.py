"""Data, module and single-process references for the scale-out tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

import hamilton_cpp
from hamilton_cpp import driver

from cpp_modules import build_test_modules

ROW_WISE = ["spend_per_signup", "spend_scaled", "is_big", "signups_plus_one"]
PER_ENTITY = ["avg_3wk_spend", "spend_change", "spend_prev", "spend_to_avg", "mean_spend",
              "spend_minus_mean"]


def scaleout_library() -> str:
    return build_test_modules(only=("test_scaleout_nodes",))["test_scaleout_nodes"]


def make_driver(path: str | None = None) -> driver.Driver:
    lib = hamilton_cpp.load_library(path or scaleout_library())
    return driver.Builder().with_modules(lib).build()


def weekly(n_series: int = 4, weeks: int = 30, seed: int = 7) -> pd.DataFrame:
    """``n_series`` weekly series (series_id, week, spend, signups), rows shuffled."""
    rng = np.random.default_rng(seed)
    frames = []
    for s in range(n_series):
        frames.append(pd.DataFrame({
            "series_id": f"s{s}",
            "week": np.arange(weeks, dtype=np.int64),
            "spend": rng.uniform(1, 100, weeks).round(2),
            "signups": rng.integers(1, 50, weeks).astype(np.int64),
        }))
    df = pd.concat(frames, ignore_index=True)
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def pandas_per_entity(df: pd.DataFrame) -> pd.DataFrame:
    """PER_ENTITY computed by pandas, series by series (the single-process reference)."""
    out = []
    for _, g in df.sort_values(["series_id", "week"]).groupby("series_id", sort=True):
        r = g[["series_id", "week"]].copy()
        r["avg_3wk_spend"] = g.spend.rolling(3, min_periods=1).mean()
        r["spend_change"] = g.spend.diff()
        r["spend_prev"] = g.spend.shift(1)
        r["spend_to_avg"] = g.spend / r["avg_3wk_spend"]
        r["mean_spend"] = g.spend.mean()
        r["spend_minus_mean"] = g.spend - g.spend.mean()
        out.append(r)
    return pd.concat(out)


def tidy(df: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sorted by ``by``, index reset (engines return rows in no defined order); string columns
    as object and Arrow-backed columns as numpy (Dask and Ray hand them so)."""
    df = df.copy()
    for c in df.columns:
        if isinstance(df[c].dtype, pd.ArrowDtype) and not pd.api.types.is_string_dtype(df[c].dtype):
            df[c] = df[c].astype(df[c].dtype.numpy_dtype)  # Ray hands Arrow-backed columns
        if pd.api.types.is_string_dtype(df[c].dtype) and df[c].dtype != object:
            df[c] = df[c].astype(object)
    return df.sort_values(by).reset_index(drop=True)
