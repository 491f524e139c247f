"""Python functions beside the C++ hello_world nodes in one Python Hamilton graph."""

import pandas as pd


def spend_ratio(spend_per_signup: pd.Series, avg_3wk_spend: pd.Series) -> pd.Series:
    """Python on top of C++."""
    return spend_per_signup / avg_3wk_spend


def signups(raw_signups: list) -> pd.Series:
    """Python below C++."""
    return pd.Series(raw_signups, dtype=float)
