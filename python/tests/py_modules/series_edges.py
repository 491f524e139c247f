"""pd.Series edges between two Python nodes (docs/python.md: converted to hamilton::Series)."""

import pandas as pd


def s() -> pd.Series:
    return pd.Series([1.0, 2.0], index=pd.Index(["a", "b"], name="week"))


def t(s: pd.Series) -> pd.Series:
    return s * 2


def cat() -> pd.Series:
    return pd.Series(["x", "y"], dtype="category")
