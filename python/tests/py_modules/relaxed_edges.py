"""Edges Python Hamilton accepts although the C++ types differ (a subclass, object)."""

import pandas as pd


def flag(n: int) -> bool:
    return n > 2


def flag_as_int(flag: int) -> int:
    """bool is a subclass of int: Python Hamilton accepts the edge."""
    return flag + 1


def values(n: int) -> pd.Series:
    return pd.Series(range(n))


def anything_length(values: object) -> int:
    return len(values)
