"""pandas twins of series_transform.cpp."""
import warnings

import numpy as np
import pandas as pd
from run_oracle import differs

nan = np.nan


def _strs_with_missing():
    return pd.Series(["a", np.nan, "b", "a"], name="s")


def isin_int():
    return pd.Series([1, 2, 3, 4, 2], name="x").isin([2, 4])


def isin_float_nan():
    return pd.Series([1.0, nan, 2.5, 3.0], name="x").isin([nan, 2.5])


def isin_int_matches_float():
    return pd.Series([1, 2, 3], name="x").isin([1.0, 2.5])


def isin_strings_missing():
    return _strs_with_missing().isin(["a", "z"])


def isin_string_vs_number():
    return pd.Series(["1", "2"], name="s").isin([1])


def isin_empty():
    return pd.Series([], dtype="float64", name="x").isin([1.0])


def isin_series_values():
    return pd.Series(["a", "b", "c"], name="s", index=["x", "y", "z"]).isin(pd.Series(["c", "a"]))


def between_both():
    return pd.Series([1, 2, 3, 4, 5], name="x").between(2, 4)


def between_neither():
    return pd.Series([1, 2, 3, 4, 5], name="x").between(2, 4, inclusive="neither")


def between_left():
    return pd.Series([1.0, 2.0, nan, 4.0], name="x").between(2, 4.0, inclusive="left")


def between_right():
    return pd.Series([1.0, 2.0, nan, 4.0], name="x").between(2.0, 4, inclusive="right")


def between_strings():
    return pd.Series(["apple", "kiwi", "pear"], name="s").between("b", "p")


def between_datetime():
    d = pd.Series(pd.to_datetime(["2020-01-01", "2020-01-05", None, "2020-02-01"]), name="d")
    return d.between(pd.Timestamp("2020-01-02"), pd.Timestamp("2020-01-31"))


def between_string_column_number_bounds():
    return pd.Series(["a", "b"], name="s").between(1, 2)


def between_empty():
    return pd.Series([], dtype="int64", name="x").between(1, 2)


def round_half_even():
    return pd.Series([0.5, 1.5, 2.5, -0.5, -1.5, 2.675, nan], name="x").round()


def round_2():
    return pd.Series([1.005, 2.675, 3.14159, -1.23456, 1e-9], name="x").round(2)


def round_negative():
    return pd.Series([1234.5, 1250.0, 1350.0, -15.0], name="x").round(-2)


def round_int_keeps():
    return pd.Series([1, 2, 3], name="x").round(2)


def round_int_negative():
    return pd.Series([15, 25, -15, 14, 5], name="x").round(-1)


def round_bool():
    return pd.Series([True, False], name="b").round()


def round_string_error():
    return pd.Series(["a"], name="s").round()


def round_empty():
    return pd.Series([], dtype="float64", name="x").round(1)


def _rank_input():
    return pd.Series([3.0, 1.0, nan, 3.0, 2.0, 3.0], name="x")


def rank_average():
    return _rank_input().rank()


def rank_min():
    return _rank_input().rank(method="min")


def rank_max():
    return _rank_input().rank(method="max")


def rank_first():
    return _rank_input().rank(method="first")


def rank_dense():
    return _rank_input().rank(method="dense")


def rank_average_desc():
    return _rank_input().rank(ascending=False)


def rank_first_desc():
    return pd.Series([3, 1, 3, 2], name="x").rank(method="first", ascending=False)


def rank_dense_desc():
    return _rank_input().rank(method="dense", ascending=False)


def rank_int():
    return pd.Series([10, 30, 20, 10], name="x").rank()


def rank_strings():
    return _strs_with_missing().rank(method="min")


def rank_all_nan():
    return pd.Series([nan, nan], name="x").rank()


def rank_empty():
    return pd.Series([], dtype="float64", name="x").rank()


def bfill_float():
    return pd.Series([nan, 1.0, nan, nan, 4.0, nan], name="x").bfill()


def bfill_strings():
    return _strs_with_missing().bfill()


def bfill_datetime():
    return pd.Series(pd.to_datetime([None, "2020-01-02", None, "2020-01-04"]), name="d").bfill()


def bfill_int():
    return pd.Series([1, 2], name="x").bfill()


def ffill_float():
    return pd.Series([nan, 1.0, nan, nan, 4.0, nan], name="x").ffill()


def bfill_all_nan():
    return pd.Series([nan, nan], name="x").bfill()


def interpolate_linear():
    return pd.Series([nan, 1.0, nan, nan, 4.0, nan, 0.1, nan, 0.3], name="x").interpolate()


def interpolate_index_ignored():
    return pd.Series([1.0, nan, 3.0], name="x", index=[0, 1, 10]).interpolate()


def interpolate_int():
    return pd.Series([1, 2], name="x").interpolate()


def interpolate_all_nan():
    return pd.Series([nan, nan], name="x").interpolate()


def interpolate_empty():
    return pd.Series([], dtype="float64", name="x").interpolate()


def interpolate_strings():
    return _strs_with_missing().interpolate()


def replace_int():
    return pd.Series([1, 2, 1, 3], name="x").replace(1, 10)


def replace_int_to_float():
    return pd.Series([1, 2, 1], name="x").replace(1, 1.5)


def replace_int_no_match_keeps_dtype():
    return pd.Series([1, 2], name="x").replace(5, 1.5)


def replace_nan():
    return pd.Series([1.0, nan, 3.0], name="x").replace(nan, 0.0)


def replace_strings():
    return _strs_with_missing().replace("a", "A")


def replace_map_not_chained():
    return pd.Series([1, 2, 3], name="x").replace({1: 2, 2: 3})


def replace_map_strings():
    return pd.Series(["mon", "tue", "sun"], name="day").replace(
        {"mon": "weekday", "tue": "weekday", "sun": "weekend"})


def replace_float_by_int():
    return pd.Series([1.5, 2.0], name="x").replace(2, 7)


@differs("interpolate on a datetime column is an error (pandas interpolates the nanoseconds)",
         expected=lambda: (_ for _ in ()).throw(TypeError("datetime")))
def interpolate_datetime():
    return pd.Series(pd.to_datetime(["2020-01-01", None, "2020-01-03"]), name="d").interpolate()


def replace_int_by_nan():
    return pd.Series([1, 2, 1], name="x").replace(1, nan)


def rank_bool():
    return pd.Series([True, False, True], name="b").rank()


def rank_datetime_dense():
    return pd.Series(pd.to_datetime(["2020-01-02", None, "2020-01-01", "2020-01-02"]),
                     name="d").rank(method="dense")


def between_keeps_index():
    return pd.Series([5, 15, 25], name="x", index=["a", "b", "c"]).between(10.5, 25)


def fillna_method_ffill():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return pd.Series([nan, 1.0, nan, 3.0, nan], name="x").fillna(method="ffill")


def fillna_method_bfill():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return _strs_with_missing().fillna(method="bfill")


def fillna_value_still_works():
    return pd.Series([nan, 1.0], name="x").fillna(0.5)
