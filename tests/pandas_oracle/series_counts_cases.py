"""pandas twins of series_counts.cpp."""
import numpy as np
import pandas as pd
from run_oracle import differs

nan = np.nan


def _cities():
    return pd.Series(["paris", "rome", "paris", nan, "oslo", "rome", "paris"], name="city")


def _no_index_name(s):
    s.index.name = None
    return s


def unique_strings():
    return pd.Series(_cities().unique(), name="city")


def unique_float_nan():
    return pd.Series(pd.Series([2.0, nan, 1.0, 2.0, nan], name="x").unique(), name="x")


def unique_int():
    return pd.Series(pd.Series([3, 1, 3, 2], name="x").unique(), name="x")


def unique_empty():
    return pd.Series(pd.Series([], dtype="float64", name="x").unique(), name="x")


def nunique_strings():
    return _cities().nunique()


def nunique_keep_nan():
    return pd.Series([1.0, nan, 1.0], name="x").nunique(dropna=False)


def nunique_all_nan():
    return pd.Series([nan, nan], name="x").nunique()


_INDEX_NAME = "hamilton's Index has no name: value_counts' index is not named after the column"


@differs(_INDEX_NAME, expected=lambda: _no_index_name(_cities().value_counts()))
def value_counts_strings():
    return _cities().value_counts()


@differs(_INDEX_NAME, expected=lambda: _no_index_name(_cities().value_counts(normalize=True)))
def value_counts_normalize():
    return _cities().value_counts(normalize=True)


@differs(_INDEX_NAME, expected=lambda: _no_index_name(_cities().value_counts(ascending=True)))
def value_counts_ascending():
    return _cities().value_counts(ascending=True)


@differs(_INDEX_NAME, expected=lambda: _no_index_name(_cities().value_counts(sort=False)))
def value_counts_unsorted():
    return _cities().value_counts(sort=False)


@differs(_INDEX_NAME,
         expected=lambda: _no_index_name(pd.Series([3, 1, 3, 2, 1, 3], name="x").value_counts()))
def value_counts_int():
    return pd.Series([3, 1, 3, 2, 1, 3], name="x").value_counts()


@differs(_INDEX_NAME,
         expected=lambda: _no_index_name(pd.Series([True, False, True], name="b").value_counts()))
def value_counts_bool():
    return pd.Series([True, False, True], name="b").value_counts()


@differs("hamilton has no float index: value_counts of a float64 column is an error",
         expected=lambda: (_ for _ in ()).throw(ValueError("no float index")))
def value_counts_float():
    return pd.Series([1.5, 2.0, 1.5], name="x").value_counts()


@differs(_INDEX_NAME,
         expected=lambda: _no_index_name(pd.Series([], dtype="int64", name="x").value_counts()))
def value_counts_empty():
    return pd.Series([], dtype="int64", name="x").value_counts()


def idxmax_string_index():
    return pd.Series([3.0, nan, 7.0, 7.0, 1.0], name="x", index=list("abcde")).idxmax()


def idxmin_int_index():
    return pd.Series([3, 1, 2, 1], name="x", index=[10, 20, 30, 40]).idxmin()


def idxmin_strings():
    return pd.Series(["b", "a", "c"], name="s", index=["x", "y", "z"]).idxmin()


def argmax_float():
    return pd.Series([nan, 2.0, 5.0, 5.0], name="x").argmax()


def idxmin_empty():
    return pd.Series([], dtype="float64", name="x").idxmin()


@differs("idxmin of an all-NaN Series is an error (pandas 2.3 warns and returns NaN; pandas 3 raises)",
         expected=lambda: (_ for _ in ()).throw(ValueError("all NaN")))
def idxmin_all_nan():
    return pd.Series([nan, nan], name="x").idxmin()


@differs(_INDEX_NAME, expected=lambda: _no_index_name(pd.Series(
    pd.to_datetime(["2020-01-02", "2020-01-01", None, "2020-01-02"]), name="d").value_counts()))
def value_counts_datetime():
    return pd.Series(pd.to_datetime(["2020-01-02", "2020-01-01", None, "2020-01-02"]),
                     name="d").value_counts()
