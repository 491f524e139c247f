"""Defines `avg_3wk_spend`, as the C++ module my_functions does."""

import pandas as pd


def avg_3wk_spend(spend: pd.Series) -> pd.Series:
    """Python's version: a 2-week average."""
    return spend.rolling(2).mean()
