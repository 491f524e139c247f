"""pandas twins of series_windows.cpp."""
import pandas as pd


def rolling_mean_3():
    return pd.Series([10.0, 10.0, 20.0, 40.0, 40.0, 50.0], name="spend").rolling(3).mean()


def pct_change_int():
    return pd.Series([1, 2, 4, 3, 3], name="x").pct_change()


def where_scalar_other():
    x = pd.Series([1.5, -2.0, 3.25], name="x")
    return x.where(x > 0.0, 0.0)


def mean_of_ints():
    return pd.Series([1, 2, 4], name="x").mean()


def frame_two_columns():
    return pd.DataFrame({"a": [1, 2, 3], "b": [0.5, 0.25, 1e-7]})


def std_tiny():
    return pd.Series([1e-9, 2e-9, 4e-9], name="x").std()
