"""pandas twins of frame_combine.cpp."""
import numpy as np
import pandas as pd
from run_oracle import differs


def _refused():
    raise ValueError("hamilton refuses this")


def _orders():
    return pd.DataFrame({"cust": [2, 1, 3, 2], "amount": [10.0, 20.0, 30.0, 40.0],
                         "note": ["a", "b", "c", "d"]})


def _customers():
    return pd.DataFrame({"cust": [1, 2, 4, 2], "region": ["north", "south", "east", "west"],
                         "note": ["p", "q", "r", "s"]})


def _left_nan():
    return pd.DataFrame({"k": [2.0, np.nan, 1.0, 2.0], "v": [1, 2, 3, 4]})


def _right_nan():
    return pd.DataFrame({"k": [np.nan, 3.0, 2.0], "w": [10, 20, 30]})


def merge_inner_duplicates():
    return pd.merge(_orders(), _customers(), on=["cust"], how="inner")


def merge_left():
    return pd.merge(_orders(), _customers(), on=["cust"], how="left")


def merge_right():
    return pd.merge(_orders(), _customers(), on=["cust"], how="right")


def merge_outer():
    return pd.merge(_orders(), _customers(), on=["cust"], how="outer")


def merge_nan_keys_inner():
    return pd.merge(_left_nan(), _right_nan(), on=["k"], how="inner")


def merge_nan_keys_outer():
    return pd.merge(_left_nan(), _right_nan(), on=["k"], how="outer")


def merge_nan_keys_right():
    return pd.merge(_left_nan(), _right_nan(), on=["k"], how="right")


def merge_two_keys_outer():
    a = pd.DataFrame({"s": ["x", "x", "y"], "d": [1, 2, 1], "v": [1.5, 2.5, 3.5]})
    b = pd.DataFrame({"d": [2, 1, 1], "s": ["x", "y", "z"], "w": [7, 8, 9]})
    return pd.merge(a, b, on=["s", "d"], how="outer")


def merge_common_columns():
    a = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    b = pd.DataFrame({"w": [3, 4], "k": ["b", "a"]})
    return pd.merge(a, b)


def merge_empty_right():
    return pd.merge(_orders(), _customers().head(0), on=["cust"], how="left")


def merge_key_dtype_mismatch():
    b = pd.DataFrame({"cust": ["1", "2"], "x": [1, 2]})
    return pd.merge(_orders(), b, on=["cust"], how="inner")


def merge_missing_key():
    return pd.merge(_orders(), _customers(), on=["customer"], how="inner")


def join_left_default():
    a = pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=["a", "b", "c"])
    b = pd.DataFrame({"y": [10, 20]}, index=["c", "d"])
    return a.join(b)


def join_right_suffixes():
    a = pd.DataFrame({"x": [1, 2, 3], "z": [1, 1, 1]}, index=["a", "b", "c"])
    b = pd.DataFrame({"x": [10, 20]}, index=["c", "d"])
    return a.join(b, how="right", lsuffix="_l", rsuffix="_r")


def join_overlap_no_suffix():
    a = pd.DataFrame({"x": [1, 2]})
    return a.join(a)


def concat_rows_keep_index():
    return pd.concat([_orders().head(2), _orders().tail(2)])


def concat_rows_ignore_index():
    return pd.concat([_orders().tail(2), _orders().head(3)], ignore_index=True)


def concat_rows_missing_columns():
    b = pd.DataFrame({"amount": [5, 6], "extra": ["u", "v"]})
    return pd.concat([_orders().head(2), b])


def concat_rows_string_index():
    c = _customers().set_index("region")
    return pd.concat([c.head(2), c])


@differs("concat of a float64 and a string column is an error (pandas makes an object column)",
         expected=_refused)
def concat_rows_dtype_mismatch():
    b = pd.DataFrame({"amount": ["x"]})
    return pd.concat([_orders(), b])


def concat_rows_empty():
    return pd.concat([_orders().head(0), _orders().head(1)])


def concat_columns_aligned():
    a = pd.DataFrame({"x": [1, 2, 3]}, index=[3, 1, 2])
    b = pd.DataFrame({"y": [1.5, 2.5]}, index=[5, 1])
    return pd.concat([a, b], axis=1)


def concat_columns_sorted_union():
    a = pd.DataFrame({"x": [1, 2, 3]}, index=[1, 2, 4])
    b = pd.DataFrame({"y": ["p", "q"]}, index=[0, 3])
    return pd.concat([a, b], axis=1)


def concat_series():
    return pd.concat([pd.Series([1, 2], name="v"), pd.Series([3.5], name="v")])


def concat_series_names_differ():
    return pd.concat([pd.Series([1, 2], name="v"), pd.Series([3], name="w")], ignore_index=True)


def concat_rows_datetime_index():
    a = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-01"]), "v": [1, 2]})
    b = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"]), "v": [3.5]})
    return pd.concat([a.set_index("date"), b.set_index("date")])


def merge_left_many_matches_strings():
    a = pd.DataFrame({"k": ["x", np.nan, "y"], "v": [1, 2, 3]})
    b = pd.DataFrame({"k": ["y", "x", "y", np.nan], "w": ["p", "q", "r", "s"]})
    return pd.merge(a, b, on=["k"], how="left")


def _products():
    return pd.DataFrame({"a": [1, 2, 3], "v": [10.0, 20.0, 30.0], "b": ["x", "y", "z"]})


def _prices():
    return pd.DataFrame({"b": [2, 3, 4, 3], "w": [0.2, 0.3, 0.4, 0.35]})


def merge_left_on_right_on_inner():
    return pd.merge(_products(), _prices(), left_on="a", right_on="b", how="inner")


def merge_left_on_right_on_left():
    return pd.merge(_products(), _prices(), left_on="a", right_on="b", how="left")


def merge_left_on_right_on_right():
    return pd.merge(_products(), _prices(), left_on="a", right_on="b", how="right")


def merge_left_on_right_on_outer():
    return pd.merge(_products(), _prices(), left_on="a", right_on="b", how="outer")


def merge_left_on_right_on_two_keys():
    left = pd.DataFrame({"s": ["x", "x", "y"], "d": [1, 2, 1], "v": [1.5, 2.5, 3.5]})
    right = pd.DataFrame({"s": ["y", "x"], "day": [1, 2], "w": [7.0, 8.0]})
    return pd.merge(left, right, left_on=["s", "d"], right_on=["s", "day"], how="outer")


# ---- merge on an index: left_index / right_index ----

def _by_k():
    return pd.DataFrame({"a": [10.0, 20.0, 21.0, 30.0]}, index=pd.Index([1, 2, 2, 3], name="k"))


def _right_by_k(name="k"):
    return pd.DataFrame({"b": [100.0, 200.0, 400.0]}, index=pd.Index([2, 1, 4], name=name))


def _with_k_column():
    return pd.DataFrame({"k": [1, 2, 2, 3], "a": [10.0, 20.0, 21.0, 30.0]}, index=[10, 20, 30, 40])


def _small_by_label():
    return pd.DataFrame({"a": [1.0, 2.0, 3.0]}, index=[1, 2, 5])


def _k_and_b():
    return pd.DataFrame({"k": [2, 1, 2], "b": [100.0, 200.0, 400.0]},
                        index=pd.Index([7, 8, 9], name="ri"))


def merge_both_index_inner():
    return pd.merge(_by_k(), _right_by_k(), left_index=True, right_index=True, how="inner")


def merge_both_index_left():
    return pd.merge(_by_k(), _right_by_k("other"), left_index=True, right_index=True, how="left")


def merge_both_index_right():
    return pd.merge(_by_k(), _right_by_k("other"), left_index=True, right_index=True, how="right")


def merge_both_index_outer():
    return pd.merge(_by_k(), _right_by_k("other"), left_index=True, right_index=True, how="outer")


def merge_both_index_string_overlap():
    a = pd.DataFrame({"v": [1.0, 2.0]}, index=["x", "y"])
    b = pd.DataFrame({"v": [5.0, 6.0]}, index=["y", "z"])
    return pd.merge(a, b, left_index=True, right_index=True, how="outer")


def merge_left_on_right_index_inner():
    return pd.merge(_with_k_column(), _right_by_k(), left_on="k", right_index=True, how="inner")


def merge_left_on_right_index_left():
    return pd.merge(_with_k_column(), _right_by_k(), left_on="k", right_index=True, how="left")


@differs("a right row matching no left row would get a missing (NaN) index label, which an Index "
         "cannot hold: an error saying what to do (pandas makes the index float)", expected=_refused)
def merge_left_on_right_index_right_unmatched():
    return pd.merge(_with_k_column(), _right_by_k(), left_on="k", right_index=True, how="right")


def merge_left_index_right_on_inner():
    return pd.merge(_small_by_label(), _k_and_b(), left_index=True, right_on="k", how="inner")


def merge_left_index_right_on_right():
    return pd.merge(_small_by_label(), _k_and_b(), left_index=True, right_on="k", how="right")


@differs("a left row matching no right row would get a missing (NaN) index label, which an Index "
         "cannot hold: an error saying what to do (pandas makes the index float)", expected=_refused)
def merge_left_index_right_on_left_unmatched():
    return pd.merge(_small_by_label(), _k_and_b(), left_index=True, right_on="k", how="left")
