"""pandas twins of time_windows.cpp."""
import numpy as np
import pandas as pd
from run_oracle import differs

nan = np.nan


def _days():
    return pd.DatetimeIndex(["2023-01-01", "2023-01-02", "2023-01-04", "2023-01-04", "2023-01-08",
                             "2023-01-09", "2023-01-20"])


def _sales():
    return pd.Series([10.0, 0.1, 0.2, nan, 5.0, -3.0, 1.0], name="sales", index=_days())


def _units():
    return pd.Series([1, 2, 3, 4, 5, 6, 7], name="units", index=_days())


def _hourly():
    return pd.Series([1.0, 2.0, 3.0, 4.0], name="v",
                     index=pd.DatetimeIndex(["2023-01-01 00:00:00", "2023-01-01 00:30:00",
                                             "2023-01-01 01:00:00", "2023-01-01 02:15:00"]))


def time_rolling_sum_7d():
    return _sales().rolling("7D").sum()


def time_rolling_mean_7d():
    return _sales().rolling("7D").mean()


def time_rolling_count_7d():
    return _sales().rolling("7D").count()


def time_rolling_min_3d():
    return _sales().rolling("3D").min()


def time_rolling_max_3d():
    return _sales().rolling("3D").max()


def time_rolling_int_sum():
    return _units().rolling("2D").sum()


def time_rolling_min_periods():
    return _sales().rolling("7D", min_periods=3).sum()


def time_rolling_closed_left():
    return _sales().rolling("3D", closed="left").sum()


def time_rolling_closed_both():
    return _units().rolling("3D", closed="both").sum()


def time_rolling_closed_neither():
    return _units().rolling("3D", closed="neither").mean()


def time_rolling_count_left():
    return _sales().rolling("2D", closed="left").count()


def time_rolling_hours():
    return _hourly().rolling("1h").sum()


def time_rolling_minutes():
    return _hourly().rolling("45min").mean()


def time_rolling_range_index():
    return pd.Series([1.0, 2.0], name="x").rolling("1D").sum()


def time_rolling_week_unit():
    return _sales().rolling("1W").sum()


def time_rolling_empty():
    return pd.Series([], dtype="float64", name="x", index=pd.DatetimeIndex([])).rolling("7D").mean()


@differs("a time window needs an increasing index (pandas 2.3 computes on an unsorted one)",
         expected=lambda: (_ for _ in ()).throw(ValueError("unsorted")))
def time_rolling_unsorted_index():
    return pd.Series([1.0, 2.0], name="x",
                     index=pd.DatetimeIndex(["2020-01-02", "2020-01-01"])).rolling("1D").sum()


def time_rolling_max_nan_window():
    return pd.Series([nan, nan, 1.0], name="x",
                     index=pd.DatetimeIndex(["2020-01-01", "2020-01-05", "2020-01-06"])).rolling("2D").max()
