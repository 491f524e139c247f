"""pandas twins of frame_groupby.cpp."""
import numpy as np
import pandas as pd


def _visits():
    return pd.DataFrame({"store": ["b", "a", "b", np.nan, "c", "a", "b"],
                         "units": [3, 1, 2, 7, 4, 6, 5],
                         "price": [2.5, np.nan, 1.25, 9.0, 3.0, 0.5, 1.0],
                         "open": [True, False, True, True, False, True, True]})


def _numeric():
    return _visits()[["store", "units", "price"]]


def _daily():
    return pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-07",
                                                 "2024-01-07 18:30:00", "2024-01-08",
                                                 "2024-01-22", "2024-01-23"], format="ISO8601"),
                         "units": [1, 2, 3, 4, 5, 6, 7],
                         "price": [1.5, np.nan, 2.5, 3.5, 4.5, 5.5, 6.5]}).set_index("date")


def groupby_sum():
    return _visits().groupby("store").sum()


def groupby_mean():
    return _numeric().groupby("store").mean()


def groupby_min():
    return _visits().groupby("store").min()


def groupby_max():
    return _visits().groupby("store").max()


def groupby_count():
    return _visits().groupby("store").count()


def groupby_size():
    return _visits().groupby("store").size()


def groupby_std():
    return _numeric().groupby("store").std()


def groupby_first():
    return _visits().groupby("store").first()


def groupby_last():
    return _visits().groupby("store").last()


def groupby_agg_per_column():
    return _visits().groupby("store").agg({"price": "mean", "units": "max"})


def groupby_int_key_series():
    return _visits().groupby("units")["price"].sum()


def groupby_series_mean():
    return _visits().groupby("store")["units"].mean()


def groupby_empty():
    return _numeric().head(0).groupby("store").sum()


def groupby_missing_key():
    return _visits().groupby("stores").sum()


def groupby_transform_mean():
    return _numeric().groupby("store").transform("mean")


def groupby_transform_sum_series():
    return _visits().groupby("store")["units"].transform("sum")


def groupby_transform_int_key():
    return pd.DataFrame({"k": [1, 2, 1, 2], "v": [1, 2, 3, 4]}).groupby("k").transform("sum")


def groupby_transform_count():
    return _visits().groupby("store")["price"].transform("count")


def resample_week_sum():
    return _daily().resample("W").sum()


def resample_week_mean():
    return _daily().resample("W").mean()


def resample_week_sun_alias():
    return _daily().resample("W-SUN").sum()


def resample_day_sum():
    return _daily().head(4).resample("D").sum()


def resample_day_mean():
    return _daily().resample("D").mean().head(9)


def resample_not_datetime():
    return _numeric().resample("W").sum()


def resample_unsorted():
    return _daily().sort_values("units", ascending=False).resample("W").sum()


def groupby_datetime_key():
    df = pd.DataFrame({"day": pd.to_datetime(["2024-01-02", "2024-01-01", None, "2024-01-02",
                                              "2024-01-01"]),
                       "v": [1.5, 2.0, 4.0, 3.0, 0.25]})
    return df.groupby("day").agg({"v": "sum"})


def resample_nat_row_dropped():
    df = pd.DataFrame({"date": pd.to_datetime(["2024-01-09", None, "2024-01-01"]), "v": [1, 2, 3]})
    return df.set_index("date").resample("W").sum()


def sort_index_datetime_nat_last():
    df = pd.DataFrame({"date": pd.to_datetime(["2024-01-09", None, "2024-01-01"]), "v": [1, 2, 3]})
    return df.set_index("date").sort_index()
