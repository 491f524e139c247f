"""Hamilton's pandas with_columns on Python functions: columns_to_pass with select, and
on_input (test_parity_decorators.py runs it in both drivers)."""

import pandas as pd

from hamilton.plugins.h_pandas import with_columns

from . import with_columns_ops


def initial_df() -> pd.DataFrame:
    return pd.DataFrame({"a_from_df": [1.0, 2.0], "b_from_df": [3.0, 4.0]}, index=[5, 6])


@with_columns(with_columns_ops, columns_to_pass=["a_from_df", "b_from_df"], select=["a", "a_plus_b"])
def final_df(initial_df: pd.DataFrame) -> pd.DataFrame:
    return initial_df


def scaled_a(initial_df: pd.DataFrame) -> pd.Series:
    return initial_df["a_from_df"] / 100.0


@with_columns(scaled_a, on_input="initial_df", select=["scaled_a"], namespace="prep")
def prepared_df(initial_df: pd.DataFrame, scale: float) -> pd.DataFrame:
    return initial_df.assign(scaled=initial_df["scaled_a"] * scale)
