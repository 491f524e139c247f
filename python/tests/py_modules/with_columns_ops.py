"""Column operations for Hamilton's pandas with_columns (py_modules/with_columns_frames.py)."""

import pandas as pd


def a(a_from_df: pd.Series) -> pd.Series:
    """Ten times a."""
    return a_from_df * 10.0


def b(b_from_df: pd.Series, k: float) -> pd.Series:
    return b_from_df + k


def a_plus_b(a: pd.Series, b: pd.Series) -> pd.Series:
    return a + b


def total(a_plus_b: pd.Series) -> float:
    return a_plus_b.sum()
