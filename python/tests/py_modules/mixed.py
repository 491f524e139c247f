"""Python nodes around the C++ nodes of examples/hello_world (module my_functions): Python
produces the Series the C++ nodes read, and reads what they return."""

import pandas as pd


def spend(weeks: int) -> pd.Series:
    """Spend per week (read by C++ avg_3wk_spend, spend_mean ...)."""
    return pd.Series([10.0, 10.0, 20.0, 40.0, 40.0, 50.0][:weeks])


def signups(weeks: int) -> pd.Series:
    return pd.Series([1, 10, 50, 100, 200, 400][:weeks])


def avg_doubled(avg_3wk_spend: pd.Series) -> pd.Series:
    """Reads the C++ node avg_3wk_spend."""
    return avg_3wk_spend * 2


def report(spend_mean: float, spend_per_signup: pd.Series) -> dict:
    """A Python object made from two C++ results."""
    return {"mean": spend_mean, "best": float(spend_per_signup.min())}
